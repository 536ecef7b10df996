/**
 * "Written by a customer, not the team" as SQL, for queries that must pick
 * such mail without loading every row: the same rule as
 * threading/thread-keys.ts `isTeamMail`, with the account's address as the
 * mailbox's one own address (conversations/own-addresses.ts). Mail from
 * outside is a customer's; mail from our own address is too when it is
 * addressed (To) to us alone and its Reply-To names someone outside: a
 * website's contact form the desk set up to send as the support address.
 */

/** SQL true when message `m` of account `a` was written by a customer. */
export function fromCustomerSql(m: string, a: string): string {
  const own = `lower(${a}.email)`;
  const outside = (column: string): string =>
    `EXISTS (SELECT 1 FROM json_each(${m}.${column}) x WHERE instr(x.value ->> 'address', '@') > 0 AND lower(trim(x.value ->> 'address')) <> ${own})`;
  return `(lower(trim(${m}.from_address)) <> ${own} OR (NOT ${outside('to_json')} AND ${outside('reply_to_json')}))`;
}
