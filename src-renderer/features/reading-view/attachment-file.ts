/**
 * Turning an attachment's bytes into something the agent can open or save.
 *
 * Why a short allow-list for "Open": a blob: URL opened in a tab runs with
 * the app's origin, so a file that the browser renders as a document
 * (HTML, SVG, XML) could run script with the app's rights. Only types the
 * browser shows as inert content open in a tab, with the type we choose, not
 * the one the sender claimed; everything else is saved.
 */
import type { AttachmentData } from '../../../src-preload/api.ts';

const INLINE_TYPES: Record<string, string> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'image/bmp': 'image/bmp',
  'image/avif': 'image/avif',
  'application/pdf': 'application/pdf',
  'text/plain': 'text/plain;charset=utf-8',
  'text/csv': 'text/plain;charset=utf-8',
  'text/markdown': 'text/plain;charset=utf-8',
};

function baseType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The type to open the attachment as in a tab, or null when it must be saved instead. */
export function inlineTypeFor(contentType: string): string | null {
  return INLINE_TYPES[baseType(contentType)] ?? null;
}

export function attachmentBlob(data: AttachmentData, type: string): Blob {
  const binary = atob(data.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Long enough for a new tab or a download to read the blob. */
const REVOKE_AFTER_MS = 60_000;

function clickLink(configure: (link: HTMLAnchorElement) => void, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener noreferrer';
  configure(link);
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export function saveAttachment(data: AttachmentData, fallbackName: string): void {
  const type = baseType(data.contentType) || 'application/octet-stream';
  clickLink((link) => {
    link.download = data.filename.trim() || fallbackName;
  }, attachmentBlob(data, type));
}

/** Opens safe types in a new tab; returns false (and saves) for anything else. */
export function openAttachment(data: AttachmentData, fallbackName: string): boolean {
  const type = inlineTypeFor(data.contentType);
  if (!type) {
    saveAttachment(data, fallbackName);
    return false;
  }
  clickLink((link) => {
    link.target = '_blank';
  }, attachmentBlob(data, type));
  return true;
}
