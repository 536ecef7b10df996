/**
 * Wraps an outgoing message's HTML in the mailbox's branding: logo and header
 * above, footer below, the accent colour as a top rule. Inline styles only
 * (mail clients drop <style> blocks and ignore classes).
 */
import type { Branding } from '../../../src-preload/api.ts';

export function wrapWithBranding(bodyHtml: string, b: Pick<Branding, 'headerHtml' | 'footerHtml' | 'accentColour' | 'logoDataUrl'>): string {
  const colour = /^#[0-9a-fA-F]{6}$/.test(b.accentColour) ? b.accentColour : '#2563eb';
  const logo = b.logoDataUrl ? `<img src="${b.logoDataUrl}" alt="" style="max-height:48px;display:block;margin-bottom:8px">` : '';
  const header = b.headerHtml || logo ? `<div style="margin-bottom:16px">${logo}${b.headerHtml}</div>` : '';
  const footer = b.footerHtml ? `<div style="margin-top:24px;padding-top:8px;border-top:1px solid #ddd;color:#666;font-size:12px">${b.footerHtml}</div>` : '';
  return (
    '<!doctype html><html><head><meta charset="utf-8"></head>' +
    `<body><div style="border-top:4px solid ${colour};padding-top:12px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45">` +
    `${header}<div>${bodyHtml}</div>${footer}</div></body></html>`
  );
}
