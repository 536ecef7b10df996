import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createSecretKeeper, PLAINTEXT_BACKEND_REFUSAL, UNAVAILABLE_REFUSAL } from '../../../src-main/app/secrets.ts';
import type { SecretResult } from '../../../src-main/app/secrets.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function okData(result: SecretResult): string {
  if (!result.ok || result.data === undefined) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

describe('secrets through safeStorage', () => {
  it('round-trips a password: encrypt gives base64 ciphertext, decrypt gives the password back', async () => {
    const keeper = createSecretKeeper(recordingLogger().log, 'linux');
    const password = 'correct horse battery staple ✓';
    const encrypted = await keeper.handle({ kind: 'secret-request', id: 1, op: 'encrypt', data: password });
    expect(encrypted).toMatchObject({ kind: 'secret-result', id: 1, ok: true });
    const cipher = okData(encrypted);
    expect(cipher).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(cipher, 'base64').toString('utf8')).not.toContain('horse');
    const decrypted = await keeper.handle({ kind: 'secret-request', id: 2, op: 'decrypt', data: cipher });
    expect(decrypted).toEqual({ kind: 'secret-result', id: 2, ok: true, data: password });
  });

  it('refuses on Linux when safeStorage would use the plaintext basic_text backend, and logs the backend', async () => {
    fake.safeStorage.backend = 'basic_text';
    const { log, entries } = recordingLogger();
    const keeper = createSecretKeeper(log, 'linux');
    const result = await keeper.handle({ kind: 'secret-request', id: 7, op: 'encrypt', data: 'hunter2' });
    expect(result).toEqual({ kind: 'secret-result', id: 7, ok: false, error: PLAINTEXT_BACKEND_REFUSAL });
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(entries.find((e) => e.msg === 'safeStorage backend')?.fields).toEqual({ backend: 'basic_text' });
    expect(JSON.stringify(entries)).not.toContain('hunter2');
  });

  it('does not consult the Linux backend on other platforms', async () => {
    fake.safeStorage.backend = 'basic_text';
    const keeper = createSecretKeeper(recordingLogger().log, 'darwin');
    const result = await keeper.handle({ kind: 'secret-request', id: 1, op: 'encrypt', data: 'x' });
    expect(result.ok).toBe(true);
    expect(fake.safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('refuses when encryption is not available', async () => {
    fake.safeStorage.available = false;
    const keeper = createSecretKeeper(recordingLogger().log, 'win32');
    const result = await keeper.handle({ kind: 'secret-request', id: 3, op: 'decrypt', data: 'AAAA' });
    expect(result).toEqual({ kind: 'secret-result', id: 3, ok: false, error: UNAVAILABLE_REFUSAL });
  });

  it('answers bad ciphertext with an error instead of throwing', async () => {
    const keeper = createSecretKeeper(recordingLogger().log, 'linux');
    const notBase64 = await keeper.handle({ kind: 'secret-request', id: 4, op: 'decrypt', data: 'not base64!' });
    expect(notBase64).toMatchObject({ id: 4, ok: false, error: expect.stringMatching(/base64/) });
    const foreign = await keeper.handle({ kind: 'secret-request', id: 5, op: 'decrypt', data: Buffer.from('saved elsewhere').toString('base64') });
    expect(foreign).toMatchObject({ id: 5, ok: false, error: expect.stringMatching(/could not decrypt/) });
    const empty = await keeper.handle({ kind: 'secret-request', id: 6, op: 'decrypt', data: '' });
    expect(empty.ok).toBe(false);
  });

  it('refuses absurdly large secrets', async () => {
    const keeper = createSecretKeeper(recordingLogger().log, 'linux');
    const result = await keeper.handle({ kind: 'secret-request', id: 8, op: 'encrypt', data: 'x'.repeat(100_000) });
    expect(result).toMatchObject({ id: 8, ok: false });
  });
});
