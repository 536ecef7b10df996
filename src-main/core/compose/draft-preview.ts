/**
 * What the agent wrote in a draft, for the "My drafts" list: the text above
 * the quoted mail, without the line that introduces the quote. The editor
 * keeps no classes (sanitize-draft-html.ts), so the quote is found by its
 * shape: the first <blockquote>, or a forwarded message's dashed header.
 */
import { stripTags } from '../mail/html-text.ts';

const PREVIEW_CHARS = 160;

export function draftPreview(html: string): string {
  const quote = html.search(/<blockquote\b/i);
  const lines = stripTags(quote < 0 ? html : html.slice(0, quote)).split('\n').map((l) => l.trim());
  const forwarded = lines.findIndex((l) => /^-{5,}/.test(l));
  const own = (forwarded < 0 ? lines : lines.slice(0, forwarded)).filter((l) => l !== '');
  // "On …, Ann wrote:" / "Am … schrieb Ann:" sits right above the quote.
  if (quote >= 0 && own.length > 0 && own[own.length - 1]?.endsWith(':')) own.pop();
  const text = own.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : text;
}
