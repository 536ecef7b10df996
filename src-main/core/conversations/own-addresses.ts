/**
 * The mailbox's own addresses: mail from these is the team's, and its
 * customer is the first other recipient (threading/thread-keys.ts).
 */
import type { Database } from 'better-sqlite3';
import { accountEmail } from '../db/conversations.repo.ts';

/** The mailbox's own addresses per account, looked up once per batch. */
export class OwnAddresses {
  private readonly db: Database;
  private readonly byAccount = new Map<number, Set<string>>();

  constructor(db: Database) {
    this.db = db;
  }

  of(accountId: number): Set<string> {
    let own = this.byAccount.get(accountId);
    if (!own) {
      const email = accountEmail(this.db, accountId);
      own = new Set(email ? [email.trim().toLowerCase()] : []);
      this.byAccount.set(accountId, own);
    }
    return own;
  }
}
