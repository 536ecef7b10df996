/**
 * The one-line preview under a subject in the message list.
 *
 * Why quoted lines go: in a support mailbox most replies carry the whole
 * previous conversation below (or above) the new words; a preview that shows
 * "> On Monday you wrote" tells the agent nothing. Attribution lines that
 * introduce a quote ("On Mon, Jan 1, Alice wrote:") go with it.
 *
 * Why bracketed targets go: the text of HTML-only mail is derived from its
 * HTML, where every link and image leaves its target in brackets ("Track
 * your order [https://…/track?id=…]", "[https://tracker…/pixel.gif]",
 * "[cid:logo]", a mailto's "[help@shop]"). In a preview those are tracking
 * noise in place of the customer's words. A URL the sender typed in the text
 * itself has no brackets and stays.
 */

export const SNIPPET_LENGTH = 200;

const quoteLine = /^\s*>/;
// "On <date>, <name> wrote:" in the forms common mail programs use, when the next line is a quote. German
// names the writer after the verb ("Am <date> schrieb <name>:", Gmail and Thunderbird) or before it ("<name> schrieb:").
const attribution = /^\s*(on\b.*\bwrote|am\b.*\bschrieb\b.*|.*\bschrieb|le\b.*\ba écrit)\s*:\s*$/i;
const bracketedTarget = /\s*\[(?:(?:https?|cid|mailto):[^\]\s]*|[^\]\s@]+@[^\]\s]+)\](?=([.,;:!?])?)/gi;

/** Whether the first non-blank line from `from` on is quoted: HTML mail turned to text puts a blank line between. */
function quoteFollows(lines: readonly string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) if ((lines[j] ?? '').trim() !== '') return quoteLine.test(lines[j] ?? '');
  return false;
}

export function makeSnippet(text: string, maxLength: number = SNIPPET_LENGTH): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (quoteLine.test(line)) continue;
    if (attribution.test(line) && quoteFollows(lines, i + 1)) continue;
    // A long attribution wrapped before "wrote:" ("On …, A Very Long Name <a@b>" / "wrote:").
    if (i + 1 < lines.length && attribution.test(`${line} ${lines[i + 1] ?? ''}`) && quoteFollows(lines, i + 2)) {
      i++;
      continue;
    }
    kept.push(line);
  }
  // Invisible characters (zero-width spaces, soft hyphens, BOM) are common in
  // HTML mail and would show as gaps or nothing at all.
  const collapsed = kept
    .join(' ')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    // Gone without a trace before punctuation ("mail us [a@b]." → "mail us."), else a word gap.
    .replace(bracketedTarget, (_target: string, punctuation: string | undefined) => (punctuation ? '' : ' '))
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
