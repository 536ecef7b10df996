/**
 * The small markdown of internal notes, parsed into plain data (never HTML):
 * paragraphs, "- " lists, **bold**, *italic*, `code`, [links](https://…) and
 * @mentions. React renders the tokens as text nodes, so nothing an agent (or
 * a colleague's op) writes can inject markup into the page.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string };

export type Block = { kind: 'paragraph'; inlines: Inline[] } | { kind: 'list'; items: Inline[][] };

const INLINE = /(\*\*[^*]+\*\*|__[^_]+__|`[^`]+`|\[[^\]]+\]\([^)\s]+\)|(?<![\w@])@[\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?|\*[^*\s][^*]*\*|_[^_\s][^_]*_)/g;

/** Only web links become links; `javascript:` and friends stay text. */
function safeHref(href: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (token.startsWith('**') || token.startsWith('__')) out.push({ kind: 'strong', text: token.slice(2, -2) });
    else if (token.startsWith('`')) out.push({ kind: 'code', text: token.slice(1, -1) });
    else if (token.startsWith('[')) {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = m?.[2] ? safeHref(m[2]) : null;
      out.push(href && m?.[1] ? { kind: 'link', text: m[1], href } : { kind: 'text', text: token });
    } else if (token.startsWith('@')) out.push({ kind: 'mention', text: token });
    else out.push({ kind: 'em', text: token.slice(1, -1) });
    last = at + token.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function parseNote(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      blocks.push({ kind: 'list', items: lines.map((l) => parseInline(l.replace(/^\s*[-*]\s+/, ''))) });
    } else {
      // Single newlines inside a paragraph are kept as line breaks (agents type notes, not documents).
      blocks.push({ kind: 'paragraph', inlines: parseInline(lines.join('\n')) });
    }
  }
  return blocks;
}

/** The @word being typed at the caret, for mention completion; null when the caret is not in one. */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s(])@([\w.+-]*)$/.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Replaces the @query at the caret with the mention and a space; returns the new text and caret. */
export function insertMention(text: string, caret: number, mention: string): { text: string; caret: number } {
  const at = mentionAtCaret(text, caret);
  if (!at) return { text, caret };
  const inserted = `@${mention} `;
  return { text: text.slice(0, at.start) + inserted + text.slice(caret), caret: at.start + inserted.length };
}
