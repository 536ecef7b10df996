/**
 * Electron-mode secret store: core cannot touch safeStorage (it never imports
 * electron), so it asks main, which owns the OS keychain. Requests carry ids;
 * a request main never answers fails after a timeout instead of hanging a
 * connect forever.
 */
import type { CoreToMain } from '../shell-protocol.ts';
import type { SecretStore } from './secret-store.ts';

type Pending = { resolve: (data: string) => void; reject: (err: Error) => void; timer: ReturnType<typeof setTimeout> };

export interface SecretBroker {
  store: SecretStore;
  /** Feed main's `secret-result` messages here. */
  handleResult(id: number, ok: boolean, data: string | undefined, error: string | undefined): void;
}

export function createBrokeredSecretStore(send: (msg: CoreToMain) => void, timeoutMs = 120_000): SecretBroker {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const request = (op: 'encrypt' | 'decrypt', data: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('The OS keychain did not answer within two minutes.'));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      send({ kind: 'secret-request', id, op, data });
    });
  return {
    store: {
      kind: 'os-keychain',
      async encrypt(plain) {
        return Buffer.from(await request('encrypt', plain), 'base64');
      },
      async decrypt(cipher) {
        return request('decrypt', cipher.toString('base64'));
      },
    },
    handleResult(id, ok, data, error) {
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      clearTimeout(p.timer);
      if (ok && data !== undefined) p.resolve(data);
      else p.reject(new Error(error ?? 'The OS keychain refused the request.'));
    },
  };
}
