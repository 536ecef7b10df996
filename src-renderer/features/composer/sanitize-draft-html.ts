/**
 * Cleans what the agent's editor holds before it is saved as a draft.
 *
 * Why: the editor is a contentEditable, so pasted content arrives with
 * whatever the source page had (scripts, event handlers, tracking images,
 * styles from a web page). Drafts keep only the formatting the toolbar can
 * make — bold, italic, lists, links, quotes, line breaks — plus inline images
 * that are data: URLs (a pasted logo), so a draft can never carry active
 * content into the outbox. Core sanitizes again before sending.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = ['p', 'div', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'a', 'blockquote', 'span', 'img', 'pre', 'code', 'hr'];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title'];
// Links to the web and mail apps only; everything else (javascript:, data: for links, file:) goes.
const LINK_URL = /^(?:https?:|mailto:|tel:)/i;
const IMAGE_URL = /^data:image\/(?:png|jpeg|gif|webp);/i;

let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!LINK_URL.test(href.trim())) node.removeAttribute('href');
      else {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!IMAGE_URL.test(src.trim())) node.remove();
    }
  });
}

export function sanitizeDraftHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'target', 'rel'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|data:image\/(?:png|jpeg|gif|webp);)/i,
  });
}

/** The visible text of some HTML on one line, for a preview: paragraphs and line breaks become spaces ("Hi Ann, Thanks", not "Hi Ann,Thanks"). */
export function htmlText(html: string): string {
  const spaced = html.replace(/<\/(?:p|div|li|blockquote|h[1-6])\s*>|<br\s*\/?>/gi, '$& ');
  const doc = new DOMParser().parseFromString(spaced, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
