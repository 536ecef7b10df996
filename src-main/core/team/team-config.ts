/**
 * Which mailbox carries this desktop's team state, in which folder, with
 * which passphrase. Local settings (each desktop chooses), the passphrase
 * encrypted by the secret store like account passwords.
 *
 * Default: the first IMAP account, the default folder, no passphrase — a
 * team that shares a mailbox shares its state without anyone configuring it.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { accountsOfKind, getAccount } from '../db/accounts.repo.ts';
import { getSetting, setSetting } from '../db/settings.repo.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { DEFAULT_TEAM_FOLDER } from './imap-team-folder.ts';

const KEY = 'team.config';

const stored = z.object({
  accountId: z.number().int().positive(),
  folder: z.string().min(1).max(200),
  passphrase: z.string().nullable(),
});

export interface TeamConfig {
  accountId: number;
  folder: string;
  /** Ciphertext from the secret store, base64; null: no passphrase. */
  sealedPassphrase: string | null;
}

export function readTeamConfig(db: Database): TeamConfig | null {
  const raw = getSetting(db, KEY);
  if (raw !== null) {
    const parsed = stored.safeParse(JSON.parse(raw));
    if (parsed.success && getAccount(db, parsed.data.accountId)?.kind === 'imap') {
      return { accountId: parsed.data.accountId, folder: parsed.data.folder, sealedPassphrase: parsed.data.passphrase };
    }
  }
  const first = accountsOfKind(db, 'imap')[0];
  return first ? { accountId: first.id, folder: DEFAULT_TEAM_FOLDER, sealedPassphrase: null } : null;
}

export async function writeTeamConfig(db: Database, secrets: SecretStore, accountId: number, folder: string, passphrase: string | null): Promise<TeamConfig> {
  const sealed = passphrase === null ? null : (await secrets.encrypt(passphrase)).toString('base64');
  setSetting(db, KEY, JSON.stringify({ accountId, folder, passphrase: sealed }));
  return { accountId, folder, sealedPassphrase: sealed };
}

export async function openPassphrase(secrets: SecretStore, config: TeamConfig): Promise<string | null> {
  return config.sealedPassphrase === null ? null : secrets.decrypt(Buffer.from(config.sealedPassphrase, 'base64'));
}

/** The team folder of an account, which mail sync must skip: it holds team state, not mail. */
export function teamFolderOf(db: Database, accountId: number): string | null {
  const config = readTeamConfig(db);
  return config && config.accountId === accountId ? config.folder : null;
}
