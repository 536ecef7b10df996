/**
 * After-store step: received mail that looks like an automatic message (a
 * delivery report, an out-of-office) is queued for the inspector, which reads
 * its real headers from the server outside the transaction. Synchronous and
 * cheap (one indexed lookup per batch, a regex per row): it runs inside the
 * storing transaction (pipeline/after-store.ts).
 *
 * Why only look-alikes: the stored row keeps no Auto-Submitted header, and
 * reading every incoming mail's headers a second time would double the
 * initial sync. The patterns are broad (mailer daemons, the usual subjects
 * in the languages the demo speaks); the headers then decide.
 */
import { registerAfterStoreStep } from '../pipeline/after-store.ts';
import { enqueueInspection, receivedRows } from '../db/audit.repo.ts';

const DAEMON = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|bounces?|noreply|no-reply|do-not-reply|donotreply)([+@.-]|$)/i;
const SUBJECT =
  /undeliver|delivery status notification|delivery (has )?fail|failure notice|returned mail|mail delivery (failed|system|subsystem)|non[- ]?delivery|could not be delivered|unzustellbar|auto(matic|matische)?[ -]?(reply|response|antwort)|^\s*auto(reply)?\s*:|out of (the )?office|abwesen|absence|r[ée]ponse automatique|respuesta autom|automatisch|fuera de la oficina|vacation|away from/i;

export function looksAutomatic(fromAddress: string, subject: string): boolean {
  return DAEMON.test(fromAddress.trim()) || SUBJECT.test(subject);
}

const REPORTER = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|bounces?)([+@.-]|$)/i;

/**
 * A delivery report or an out-of-office by its look: what automation rules
 * leave alone. Narrower than `looksAutomatic`: mail from noreply@ is often a
 * website's contact form or a shop's order mail, with the customer in
 * Reply-To, and a rule should route it like any other.
 */
export function looksLikeReportOrAbsence(fromAddress: string, subject: string): boolean {
  return REPORTER.test(fromAddress.trim()) || SUBJECT.test(subject);
}

const listeners = new Set<() => void>();

/** Called (after the storing transaction) when mail was queued for inspection. */
export function onInspectionQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

registerAfterStoreStep((db, stored) => {
  let queued = false;
  for (const row of receivedRows(db, stored.created)) {
    if (!looksAutomatic(row.from_address, row.subject)) continue;
    enqueueInspection(db, row.id);
    queued = true;
  }
  // A microtask runs after the synchronous transaction has committed.
  if (queued) queueMicrotask(() => listeners.forEach((l) => l()));
});
