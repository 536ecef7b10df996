/**
 * Account passwords are encrypted before they reach the cache. Two ways:
 * - Electron: main's safeStorage (macOS Keychain, Windows DPAPI, libsecret/
 *   kwallet) does the encryption; core asks main over parentPort.
 * - Browser mode has no keychain. The honest fallback: AES-256-GCM with a
 *   random key kept in `<dataDir>/secret.key`, created with mode 0600 in a
 *   0700 folder so only this OS user can read it. The UI says which is used.
 */
export interface SecretStore {
  readonly kind: 'os-keychain' | 'encrypted-file';
  encrypt(plain: string): Promise<Buffer>;
  decrypt(cipher: Buffer): Promise<string>;
}
