/**
 * Attachment bytes on disk, content-addressed: `<dataDir>/attachments/<aa>/<rest>`
 * where `aa<rest>` is the SHA-256 of the bytes.
 *
 * Invariants:
 * - A file at an address always holds exactly the bytes that hash to it: it is
 *   written to a temporary name in the same directory and renamed into place,
 *   so a crash never leaves a half-written file under a real address.
 * - The same bytes are stored once, however many messages carry them (the logo
 *   in every signature, a PDF forwarded ten times).
 * - Addresses are validated before they become paths; nothing from a mail
 *   (file names included) is ever used to build a path.
 *
 * Files are written BEFORE the database transaction that references them, so
 * a committed row never points at a missing file. The opposite (a file no row
 * references, after a crash or once messages are deleted) is harmless; such
 * files are removed after a grace period by attachments/attachment-gc.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function attachmentPath(dataDir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not an attachment address: ${JSON.stringify(sha256)}`);
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2));
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Stores the bytes (once) and returns their address. */
export async function storeAttachment(dataDir: string, content: Buffer): Promise<string> {
  const sha256 = sha256Hex(content);
  const file = attachmentPath(dataDir, sha256);
  if (await exists(file)) return sha256;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, content, { mode: 0o600 });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return sha256;
}

export async function readAttachment(dataDir: string, sha256: string): Promise<Buffer> {
  return fs.readFile(attachmentPath(dataDir, sha256));
}
