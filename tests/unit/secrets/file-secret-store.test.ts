import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src-main/core/secrets/file-secret-store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-secret-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('file secret store (browser mode)', () => {
  it('round-trips a password and never stores it in the clear', async () => {
    const dir = tempDir();
    const store = createFileSecretStore(dir);
    const cipher = await store.encrypt('correct horse battery staple');
    expect(cipher.includes(Buffer.from('correct horse'))).toBe(false);
    expect(await createFileSecretStore(dir).decrypt(cipher)).toBe('correct horse battery staple');
  });

  it('keeps its key in a file only this user can read', async () => {
    const dir = tempDir();
    await createFileSecretStore(dir).encrypt('x');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('fails loudly with another workspace key or tampered data', async () => {
    const cipher = await createFileSecretStore(tempDir()).encrypt('secret');
    await expect(createFileSecretStore(tempDir()).decrypt(cipher)).rejects.toThrow();
    const dir = tempDir();
    const store = createFileSecretStore(dir);
    const good = await store.encrypt('secret');
    const last = good.length - 1;
    good.writeUInt8(good.readUInt8(last) ^ 1, last);
    await expect(store.decrypt(good)).rejects.toThrow();
  });
});
