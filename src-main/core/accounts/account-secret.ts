/** The encrypted part of an account: both passwords, as one JSON blob. */
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store.ts';

const accountSecret = z.object({ imapPassword: z.string(), smtpPassword: z.string() });
export type AccountSecret = z.infer<typeof accountSecret>;

export async function encodeAccountSecret(store: SecretStore, secret: AccountSecret): Promise<Buffer> {
  return store.encrypt(JSON.stringify(secret));
}

export async function decodeAccountSecret(store: SecretStore, blob: Buffer | null): Promise<AccountSecret> {
  if (!blob) throw new Error('no password was saved');
  return accountSecret.parse(JSON.parse(await store.decrypt(blob)));
}
