/**
 * Turns the HTML of a received mail into a `srcdoc` for a sandboxed iframe.
 *
 * Mail HTML is hostile by default: scripts, forms that phish, frames, and
 * remote images that tell the sender when and where the mail was read. Three
 * layers, each enough on its own for scripts:
 *   1. DOMPurify drops scripts, event handlers, javascript: URLs, forms,
 *      frames, objects and <meta>/<link>/<base>;
 *   2. our hooks strip every remote fetch (img src/srcset, background
 *      attributes, CSS url(), image-set strings and @import) unless the user allowed remote
 *      images for this message, and count what they found so the UI can say so;
 *   3. the frame's `sandbox` allows only same-origin (so the app can measure
 *      it; no scripts, forms, popups or top navigation) and a CSP that allows only
 *      inline styles and data:/cid: images (plus http(s) images once allowed).
 * Every link (<a>, <area>) opens "a new window", which the sandbox refuses: a
 * link never loads anything inside the frame, the app's own pages included.
 */
import DOMPurify from 'dompurify';

export interface SanitizedMail {
  srcdoc: string;
  /** How many remote resources the mail asked for (blocked unless allowed). */
  remoteCount: number;
}

const FORBID_TAGS = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'keygen', 'output',
  'base', 'meta', 'link', 'audio', 'video', 'track', 'template', 'dialog',
];
const FORBID_ATTR = ['action', 'formaction', 'ping', 'srcdoc', 'autofocus', 'http-equiv'];
/** URL-bearing attributes that make the viewer fetch something. */
const FETCH_ATTRS = ['src', 'background', 'poster', 'lowsrc', 'dynsrc'];
// Links may point to the web or mail apps; everything else (javascript:, data:, file:) goes.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const REMOTE_URL = /^\s*(?:https?:)?\/\//i;
const LOCAL_IMAGE_URL = /^\s*(?:data:image\/|cid:)/i;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\b[^;]*;?/gi;
// image-set("https://…" 1x) fetches from a bare string, no url() needed.
const CSS_REMOTE_STRING = /(?<!url\(\s*)(['"])\s*((?:https?:)?\/\/[^'"]*)\1/gi;

// The frame is sized to the document, so the root must not be sized to the
// frame: `html{height:100%}` (common in newsletter templates) would keep it
// from ever shrinking. Two :root outweigh the mail's `html` rules, !important or not.
function baseStyle(): string {
  return `html{color-scheme:light}
:root:root{height:auto!important;min-height:0!important}
body{margin:18px 28px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff;overflow-wrap:anywhere}
img{max-width:100%;height:auto}
pre{white-space:pre-wrap}
blockquote{margin:0 0 0 4px;padding-left:12px;border-left:3px solid #d0d7de;color:#57606a}
a{color:#0b57d0}`;
}

function cspFor(allowRemote: boolean): string {
  return `default-src 'none'; img-src data: cid:${allowRemote ? ' https: http:' : ''}; style-src 'unsafe-inline'`;
}

export function sanitizeMailHtml(html: string, allowRemote: boolean): SanitizedMail {
  let remoteCount = 0;

  const cleanCss = (css: string): string =>
    css
      .replace(CSS_IMPORT, '')
      .replace(CSS_URL, (whole, _quote: string, url: string) => {
        if (LOCAL_IMAGE_URL.test(url)) return whole;
        if (REMOTE_URL.test(url)) {
          remoteCount += 1;
          return allowRemote ? whole : 'none';
        }
        return 'none'; // Relative or odd schemes have nothing to resolve against here.
      })
      .replace(CSS_REMOTE_STRING, (whole, quote: string) => {
        remoteCount += 1;
        return allowRemote ? whole : `${quote}${quote}`;
      });

  // A private instance: hooks close over this call's state and must not leak to other callers.
  const purifier = DOMPurify(window);
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent);
  });
  purifier.addHook('afterSanitizeAttributes', (element) => {
    for (const name of FETCH_ATTRS) {
      const value = element.getAttribute(name);
      if (value === null || LOCAL_IMAGE_URL.test(value)) continue;
      if (REMOTE_URL.test(value)) {
        remoteCount += 1;
        if (allowRemote) continue;
      }
      element.removeAttribute(name);
    }
    const srcset = element.getAttribute('srcset');
    if (srcset !== null) {
      const urls = srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
      const remote = urls.some((url) => REMOTE_URL.test(url));
      if (remote) remoteCount += 1;
      if (!(remote && allowRemote) && !urls.every((url) => LOCAL_IMAGE_URL.test(url))) element.removeAttribute('srcset');
    }
    const style = element.getAttribute('style');
    if (style !== null) element.setAttribute('style', cleanCss(style));
    if ((element.tagName === 'A' || element.tagName === 'AREA') && element.hasAttribute('href')) {
      // With no allow-popups in the sandbox a new-window link goes nowhere,
      // instead of loading the page inside the mail frame.
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  });

  const clean = purifier.sanitize(html, {
    WHOLE_DOCUMENT: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });

  // DOMParser documents are inert: nothing in them loads or runs.
  const doc = new DOMParser().parseFromString(clean, 'text/html');
  const meta = doc.createElement('meta');
  meta.setAttribute('http-equiv', 'Content-Security-Policy');
  meta.setAttribute('content', cspFor(allowRemote));
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const style = doc.createElement('style');
  style.textContent = baseStyle();
  doc.head.prepend(charset, meta, style);

  return { srcdoc: `<!doctype html>${doc.documentElement.outerHTML}`, remoteCount };
}
