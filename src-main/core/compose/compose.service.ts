/**
 * The replying domain (issue 6): drafts, templates, signatures, branding, the
 * durable outbox with its dispatcher, and the mail audits. Wired by
 * service.ts; owns the outbox dispatcher and the mail inspector, which both
 * run until close().
 */
import type { Database } from 'better-sqlite3';
import type { ComposeMethods } from '../../../src-preload/api.ts';
import type { SyncManager } from '../accounts/sync-manager.ts';
import type { Clock } from '../clock.ts';
import { getAccount } from '../db/accounts.repo.ts';
import { deleteDraft, getDraft, listOpenDrafts, publicDraft, removeDraftAttachment, saveDraft, writtenDrafts } from '../db/drafts.repo.ts';
import { draftPreview } from './draft-preview.ts';
import { drawerRows, toOutboxItem } from '../db/outbox.repo.ts';
import { rootOfConversation } from '../db/conversations.repo.ts';
import { messageEntity } from '../team/ops.ts';
import { FIELD } from '../triage/triage-fold.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { LocalActor } from '../team/local-actor.ts';
import '../audit/inspect-step.ts';
import { incomingAudit } from '../audit/incoming-audit.ts';
import { MailInspector } from '../audit/mail-inspector.ts';
import { outgoingAudit } from '../audit/outgoing-audit.ts';
import { delegateConversation } from '../outbox/delegate.ts';
import { OutboxDispatcher } from '../outbox/dispatcher.ts';
import type { QueueDeps } from '../outbox/outbox-queue.ts';
import { cancelSend, sendDraft } from '../outbox/outbox-queue.ts';
import { readComposeSettings, writeComposeSettings } from '../outbox/send-settings.ts';
import { attachToDraft, renderForDraft, requireOpenDraft, startDraft } from './draft-commands.ts';
import { allTemplates, deleteTemplate, readBranding, readSignature, saveBranding, saveSignature, saveTemplate, searchTemplates } from './team-settings.ts';

export interface ComposeDeps {
  db: Database;
  dataDir: string;
  secrets: SecretStore;
  events: EventBus;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
  syncs: SyncManager;
}

export interface ComposeService {
  handlers: Pick<Handlers, keyof ComposeMethods>;
  close(): Promise<void>;
}

/** How long outbox.send waits for the account to sync before the collision check. */
const COLLISION_SYNC_MS = 4_000;

export function startCompose(deps: ComposeDeps): ComposeService & { dispatcher: OutboxDispatcher; inspector: MailInspector } {
  const { db, events, clock, actor } = deps;
  const log = deps.log.child('compose');
  const syncAccount = (accountId: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const cancel = clock.schedule(COLLISION_SYNC_MS, resolve);
      deps.syncs.syncNow(accountId).then(
        () => (cancel(), resolve()),
        (err: unknown) => (log.warn('sync before send failed; checking collisions with what is cached', { err }), cancel(), resolve()),
      );
    });
  const markConversation = (conversationId: number, status: 'done'): void => {
    const root = rootOfConversation(db, conversationId);
    if (root !== null) actor.record([{ entity: messageEntity(root), field: FIELD.status, value: status }]);
  };
  const dispatcher = new OutboxDispatcher({ db, dataDir: deps.dataDir, secrets: deps.secrets, events, clock, log: log.child('outbox'), syncAccount, markConversation });
  const inspector = new MailInspector({ db, secrets: deps.secrets, events, clock, log: log.child('inspector') });
  const started = dispatcher.start();
  void inspector.poke();

  const queue: QueueDeps = {
    db,
    clock,
    actor,
    syncAccount,
    fetchBodies: (ids) =>
      new Promise<void>((resolve) => {
        const cancel = clock.schedule(COLLISION_SYNC_MS, resolve);
        Promise.all(ids.map((id) => deps.syncs.ensureBody(id))).then(
          () => (cancel(), resolve()),
          (err: unknown) => (log.warn('could not fetch the bodies of colliding messages', { err }), cancel(), resolve()),
        );
      }),
  };
  const draftDeps = { db, dataDir: deps.dataDir, clock, actor, ensureBody: (id: number) => deps.syncs.ensureBody(id) };
  const draftsChanged = (ids?: number[]) => events.emit(ids ? { type: 'changed', table: 'drafts', ids } : { type: 'changed', table: 'drafts' });
  const outboxChanged = () => events.emit({ type: 'changed', table: 'outbox' });
  const mailbox = (accountId: number) => {
    const a = getAccount(db, accountId);
    if (!a) throw new DeskFailure('not-found', sentence('mailboxGone'));
    return a;
  };

  const handlers: Pick<Handlers, keyof ComposeMethods> = {
    'compose.start': async (p) => {
      const draft = await startDraft(draftDeps, p);
      draftsChanged([draft.id]);
      return draft;
    },
    'drafts.save': (p) => {
      const now = clock.now();
      if (!saveDraft(db, p.id, p, now)) {
        requireOpenDraft(db, p.id);
        throw new DeskFailure('conflict', sentence('draftNotSaved'));
      }
      draftsChanged([p.id]);
      return { savedAt: now };
    },
    'drafts.get': ({ id }) => {
      const d = getDraft(db, id);
      if (!d) throw new DeskFailure('not-found', sentence('draftGone'));
      return publicDraft(d);
    },
    'drafts.list': ({ conversationId }) => listOpenDrafts(db, conversationId).map(publicDraft),
    'drafts.summaries': () => writtenDrafts(db).map(({ html, ...d }) => ({ ...d, preview: draftPreview(html) })),
    'drafts.discard': ({ id }) => {
      requireOpenDraft(db, id);
      deleteDraft(db, id);
      draftsChanged([id]);
      return null;
    },
    'drafts.attach': async (p) => {
      const info = await attachToDraft(draftDeps, p);
      draftsChanged([p.draftId]);
      return info;
    },
    'drafts.detach': ({ draftId, attachmentId }) => {
      requireOpenDraft(db, draftId);
      if (!removeDraftAttachment(db, draftId, attachmentId)) throw new DeskFailure('not-found', sentence('attachmentNotOnDraft'));
      draftsChanged([draftId]);
      return null;
    },
    'outbox.send': async (p) => {
      const result = await sendDraft(queue, p);
      if (result.kind === 'queued') {
        dispatcher.poke();
        outboxChanged();
        draftsChanged([p.draftId]);
      }
      return result;
    },
    'outbox.cancel': ({ id }) => {
      const draft = cancelSend(db, clock, id);
      dispatcher.poke();
      outboxChanged();
      draftsChanged([draft.id]);
      return draft;
    },
    'outbox.list': () => drawerRows(db).map(toOutboxItem),
    'outbox.delegate': async (p) => {
      const item = await delegateConversation(queue, p);
      dispatcher.poke();
      outboxChanged();
      events.emit({ type: 'changed', table: 'conversations', ids: [p.conversationId] });
      // The timeline's "delegated this to …" line.
      events.emit({ type: 'changed', table: 'activity', ids: [p.conversationId] });
      return item;
    },
    'templates.list': ({ query }) => searchTemplates(allTemplates(db), query),
    'templates.save': (p) => {
      const t = saveTemplate(actor, p);
      events.emit({ type: 'changed', table: 'templates' });
      return t;
    },
    'templates.delete': ({ id }) => {
      if (!allTemplates(db).some((t) => t.id === id)) throw new DeskFailure('not-found', sentence('templateGone'));
      deleteTemplate(actor, id);
      events.emit({ type: 'changed', table: 'templates' });
      return null;
    },
    'templates.render': ({ templateId, draftId }) => renderForDraft(db, actor, templateId, draftId),
    'signatures.get': ({ accountId }) => {
      const a = mailbox(accountId);
      return {
        mailbox: readSignature(db, accountId, a.email, null) ?? { accountId, agent: null, html: '' },
        mine: readSignature(db, accountId, a.email, actor.node),
      };
    },
    'signatures.save': (s) => {
      if (s.agent !== null && s.agent !== actor.node) throw new DeskFailure('bad-request', sentence('signatureNotYours'));
      const saved = saveSignature(actor, mailbox(s.accountId).email, s);
      events.emit({ type: 'changed', table: 'templates' });
      return saved;
    },
    'branding.get': ({ accountId }) => readBranding(db, accountId, mailbox(accountId).email),
    'branding.save': (b) => {
      const saved = saveBranding(actor, mailbox(b.accountId).email, b);
      events.emit({ type: 'changed', table: 'templates' });
      return saved;
    },
    'compose.settings': () => readComposeSettings(db),
    'compose.saveSettings': (s) => writeComposeSettings(db, s),
    'audit.outgoing': ({ cursor, limit }) => outgoingAudit(db, cursor, limit),
    'audit.incoming': ({ cursor, limit }) => incomingAudit(db, cursor, limit),
  };

  return {
    handlers,
    dispatcher,
    inspector,
    async close() {
      await started.catch(() => undefined);
      await dispatcher.close();
      await inspector.close();
    },
  };
}
