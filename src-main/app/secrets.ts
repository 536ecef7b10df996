/**
 * Answers core's `secret-request`s with the OS keychain (safeStorage:
 * Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux).
 *
 * Invariant: nothing is "encrypted" with a key that sits next to the data.
 * On Linux without a keyring Electron falls back to `basic_text`, a fixed
 * key; that is plaintext in all but name, so we refuse and core tells the
 * agent. The async safeStorage API is used because the sync one is
 * deprecated (and cannot report key rotation).
 */
import { safeStorage } from 'electron';
import type { CoreToMain, MainToCore } from '../core/shell-protocol.ts';
import type { Logger } from './log.ts';

export type SecretRequest = Extract<CoreToMain, { kind: 'secret-request' }>;
export type SecretResult = Extract<MainToCore, { kind: 'secret-result' }>;

// Passwords and tokens, not files: anything bigger is a bug or an attack.
const MAX_PLAINTEXT_CHARS = 64 * 1024;
const MAX_CIPHERTEXT_BASE64_CHARS = 128 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const PLAINTEXT_BACKEND_REFUSAL =
  'No OS keychain is available (Electron would fall back to its plaintext "basic_text" store). ' +
  'Install and unlock GNOME Keyring or KWallet, then restart Switchboard.';
export const UNAVAILABLE_REFUSAL = 'The OS keychain is not available, so passwords cannot be stored safely.';

export interface SecretKeeper {
  handle(request: SecretRequest): Promise<SecretResult>;
}

export function createSecretKeeper(log: Logger, platform: NodeJS.Platform = process.platform): SecretKeeper {
  let backendLogged = false;

  const refusal = async (): Promise<string | null> => {
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (!backendLogged) {
        backendLogged = true;
        log.info('safeStorage backend', { backend });
      }
      if (backend === 'basic_text') {
        log.error('refusing to keep secrets with the plaintext safeStorage backend', { backend });
        return PLAINTEXT_BACKEND_REFUSAL;
      }
    }
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      log.error('safeStorage encryption is not available');
      return UNAVAILABLE_REFUSAL;
    }
    return null;
  };

  const fail = (id: number, error: string): SecretResult => ({ kind: 'secret-result', id, ok: false, error });

  return {
    async handle(request) {
      const { id, op, data } = request;
      const refused = await refusal();
      if (refused !== null) return fail(id, refused);
      if (op === 'encrypt') {
        if (data.length > MAX_PLAINTEXT_CHARS) return fail(id, 'The secret is too long to store.');
        try {
          const cipher = await safeStorage.encryptStringAsync(data);
          return { kind: 'secret-result', id, ok: true, data: cipher.toString('base64') };
        } catch (err) {
          log.error('safeStorage could not encrypt', { err });
          return fail(id, 'The OS keychain could not encrypt the secret.');
        }
      }
      if (data.length === 0 || data.length > MAX_CIPHERTEXT_BASE64_CHARS || !BASE64.test(data)) {
        return fail(id, 'The stored secret is not valid base64 ciphertext.');
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data, 'base64'));
        if (shouldReEncrypt) log.info('safeStorage suggests re-encrypting a secret (key rotated)');
        return { kind: 'secret-result', id, ok: true, data: result };
      } catch (err) {
        log.warn('safeStorage could not decrypt', { err });
        return fail(id, 'The OS keychain could not decrypt the stored secret (saved by another user or machine?).');
      }
    },
  };
}
