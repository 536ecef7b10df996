/**
 * Plain text from HTML, for HTML-only mail (the list snippet, search, and the
 * text view all need words, not markup).
 *
 * Why through mailparser: mailparser already converts an HTML root part to
 * text (with html-to-text, nesting and size limits included), and it is our
 * direct dependency; html-to-text itself is only a transitive one. So the HTML
 * is wrapped in a one-part UTF-8 message and parsed. If that fails, a crude
 * tag strip still gives the agent something to read.
 */
import { simpleParser } from 'mailparser';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function stripTags(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return entities[name.toLowerCase()] ?? all;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
}

export async function htmlToPlainText(html: string): Promise<string> {
  if (!html.trim()) return '';
  try {
    const wrapped =
      'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
      Buffer.from(html, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
    const parsed = await simpleParser(wrapped, { skipTextToHtml: true, skipImageLinks: true, checksumAlgo: false });
    if (typeof parsed.text === 'string' && parsed.text.trim()) return parsed.text.trim();
  } catch {
    // fall through to the crude conversion
  }
  return stripTags(html);
}
