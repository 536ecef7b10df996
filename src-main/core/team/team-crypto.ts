/**
 * The optional team passphrase: sealing of team-sync payloads.
 *
 * Why: the shared mailbox's credentials are the default access control of
 * team state. A team that wants more (the mailbox is also read by a helpdesk
 * bot, an outsourcer, a mail archive) sets a passphrase; then only desktops
 * that know it can read team state or add to it.
 *
 * - Key: scrypt(passphrase, salt) with a salt every desktop of the team can
 *   compute without talking to the others: a hash of a constant and the
 *   mailbox address. The passphrase is the secret; the salt only keeps one
 *   precomputed table from serving every team.
 * - Seal: AES-256-GCM, a random 96-bit IV per message, the message's
 *   identifying headers as additional authenticated data (so a batch cannot
 *   be relabelled), the 128-bit tag checked before anything is parsed.
 * - Key id: 8 bytes of HMAC(key, "key-id"), sent in the clear. It lets a
 *   desktop say "sealed with a passphrase that is not mine" instead of
 *   "corrupt"; it reveals no more than a ciphertext already does (both allow
 *   guessing passphrases offline at scrypt's cost per guess).
 *
 * The passphrase itself is never stored by this module; the caller keeps it
 * in the secret store like a password.
 */
import crypto from 'node:crypto';

export interface TeamKey {
  readonly key: Buffer;
  /** Public identifier of the key, 16 hex digits. */
  readonly id: string;
}

const SALT_CONTEXT = 'switchboard/team-sync/v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// ~100 ms and 32 MiB on a laptop: paid once per start, and per guess by an attacker.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export class TeamPassphraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamPassphraseError';
  }
}

export function teamSalt(mailboxAddress: string): Buffer {
  return crypto.createHash('sha256').update(SALT_CONTEXT + mailboxAddress.trim().toLowerCase()).digest();
}

export async function deriveTeamKey(passphrase: string, mailboxAddress: string): Promise<TeamKey> {
  if (passphrase.length === 0) throw new TeamPassphraseError('The team passphrase is empty.');
  const key = await new Promise<Buffer>((resolve, reject) => {
    crypto.scrypt(passphrase.normalize('NFC'), teamSalt(mailboxAddress), 32, SCRYPT, (err, derived) => (err ? reject(err) : resolve(derived)));
  });
  const id = crypto.createHmac('sha256', key).update('key-id').digest().subarray(0, 8).toString('hex');
  return { key, id };
}

/** iv ‖ tag ‖ ciphertext. */
export function seal(key: TeamKey, plaintext: Buffer, aad: string): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plaintext, or null when the data was not sealed with this key or was altered. */
export function unseal(key: TeamKey, sealed: Buffer, aad: string): Buffer | null {
  if (sealed.length < IV_BYTES + TAG_BYTES) return null;
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
