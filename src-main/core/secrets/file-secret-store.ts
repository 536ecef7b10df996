/**
 * Browser-mode secret store: AES-256-GCM with a per-install random key in a
 * user-only file. Ciphertext layout: version byte (1) | 12-byte IV | 16-byte
 * tag | ciphertext. A wrong or missing key fails authentication loudly rather
 * than returning garbage.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from './secret-store.ts';

const VERSION = 1;

function loadOrCreateKey(file: string): Buffer {
  try {
    const key = fs.readFileSync(file);
    if (key.length === 32) return key;
    throw new Error(`The key file ${file} is damaged (expected 32 bytes). Saved passwords cannot be read; reconnect the accounts.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  // 'wx': never overwrite a key another process just wrote.
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

export function createFileSecretStore(dataDir: string): SecretStore {
  const keyFile = path.join(dataDir, 'secret.key');
  let key: Buffer | null = null;
  const getKey = (): Buffer => (key ??= loadOrCreateKey(keyFile));
  return {
    kind: 'encrypted-file',
    async encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      if (data.length < 29 || data[0] !== VERSION) throw new Error('Saved password has an unknown format.');
      const decipher = crypto.createDecipheriv('aes-256-gcm', getKey(), data.subarray(1, 13));
      decipher.setAuthTag(data.subarray(13, 29));
      return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}
