/**
 * The one-line preview under a subject in the message list.
 *
 * Why quoted lines go: in a support mailbox most replies carry the whole
 * previous conversation below (or above) the new words; a preview that shows
 * "> On Monday you wrote" tells the agent nothing. Attribution lines that
 * introduce a quote ("On Mon, Jan 1, Alice wrote:") go with it.
 */

export const SNIPPET_LENGTH = 200;

const quoteLine = /^\s*>/;
// "On <date>, <name> wrote:" in the forms common mail programs use, when the next line is a quote.
const attribution = /^\s*(on\b.*\bwrote|.*\bschrieb|le\b.*\ba écrit)\s*:\s*$/i;

export function makeSnippet(text: string, maxLength: number = SNIPPET_LENGTH): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (quoteLine.test(line)) continue;
    if (attribution.test(line) && quoteLine.test(lines[i + 1] ?? '')) continue;
    kept.push(line);
  }
  // Invisible characters (zero-width spaces, soft hyphens, BOM) are common in
  // HTML mail and would show as gaps or nothing at all.
  const collapsed = kept
    .join(' ')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (collapsed.length <= maxLength) return collapsed;
  // Never end on half of a surrogate pair (an emoji cut in two shows as a box).
  const cut = collapsed.slice(0, maxLength).replace(/[\ud800-\udbff]$/, '');
  const lastSpace = cut.lastIndexOf(' ');
  // Cut at a word boundary unless that would throw away most of the preview.
  const base = lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut;
  return base.replace(/[\s.,;:!?-]+$/, '') + '…';
}
