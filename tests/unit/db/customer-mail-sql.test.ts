/**
 * The SQL that picks customers' mail (rules, the incoming audit) must agree
 * with the rule threading and the status fold use (`isTeamMail`), or a
 * contact form sent as the support address would be routed as a customer's
 * and folded as the team's. Checked on generated senders, recipients and
 * Reply-Tos, the desk's own address in any case among them.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { fromCustomerSql } from '../../../src-main/core/db/customer-mail.sql.ts';
import { isTeamMail } from '../../../src-main/core/threading/index.ts';

const DESK = 'support@desk.example';
const address = fc.constantFrom(DESK, 'Support@Desk.example', 'ann@customer.example', 'hana@home.example', 'not an address', '');
const list = fc.array(address, { maxLength: 3 });

it('agrees with isTeamMail on who wrote the mail', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE a (email TEXT); INSERT INTO a VALUES ('${DESK}');
    CREATE TABLE m (from_address TEXT, to_json TEXT, reply_to_json TEXT);`);
  const insert = db.prepare('INSERT INTO m VALUES (?, ?, ?)');
  const fromCustomer = db.prepare(`SELECT ${fromCustomerSql('m', 'a')} AS yes FROM m, a`).pluck();
  fc.assert(
    fc.property(address, list, list, (from, to, replyTo) => {
      db.exec('DELETE FROM m');
      const json = (l: string[]) => JSON.stringify(l.map((x) => ({ name: '', address: x })));
      insert.run(from, json(to), json(replyTo));
      expect(fromCustomer.get() === 1).toBe(!isTeamMail(from, to, new Set([DESK]), replyTo));
    }),
    { numRuns: 500 },
  );
});
