/**
 * Small HTML helpers for what core writes into outgoing mail: escaping text
 * taken from mail or the team (names, quoted bodies, placeholder values), and
 * a conservative sanitizer for the composer's HTML.
 *
 * Why a sanitizer in core when the renderer already uses DOMPurify: the
 * renderer is not trusted to have done it (a bug or a hostile page in browser
 * mode can call the API directly), and what we send reaches customers' mail
 * clients. Core has no DOM, so this one removes by pattern what must never
 * go out: active content (scripts, frames, forms, objects), event handler
 * attributes and script URLs. It keeps ordinary formatting.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Plain text as HTML paragraphs, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeHtml(line))
    .join('<br>\n');
}

const ACTIVE = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'svg', 'math', 'template'];

export function sanitizeHtml(html: string): string {
  let out = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of ACTIVE) {
    // The element with its content, then any stray opening or closing tag left behind.
    out = out.replace(new RegExp(`<${tag}\\b[\\s\\S]*?<\\/${tag}\\s*>`, 'gi'), '');
    out = out.replace(new RegExp(`<\\/?${tag}\\b[^>]*>`, 'gi'), '');
  }
  // Event handlers (onclick=...), quoted or not.
  out = out.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  // Script and data-HTML URLs in any attribute (images may keep data:image).
  out = out.replace(/\s+([a-z-]+)\s*=\s*("|')\s*(javascript|vbscript|data:text\/html)[^"']*\2/gi, '');
  out = out.replace(/\s+([a-z-]+)\s*=\s*(javascript|vbscript):[^\s>]*/gi, '');
  return out;
}
