/**
 * Triage inside core (issue 5): statuses, assignment, tags, priorities,
 * deadlines, SLAs, snoozes, alerts, notes, the agent's identity and groups.
 *
 * Invariants:
 * - Every change is a team op (LocalActor); `conversation_state` is only
 *   the materialized fold (refold.ts), recomputed from a queue that
 *   migration 0006's triggers fill inside whatever transaction changed a
 *   fact. The queue is drained here, never inside those transactions:
 *   ~50 ms after a change (debounced through the Clock), synchronously
 *   before every triage read and after every triage action, and when the
 *   earliest `next_change_at` (snooze end, auto-close, SLA due) comes.
 * - A read drains at most READ_DRAIN rows synchronously; a larger backlog
 *   (settings changed, first start on a big cache) goes on in background
 *   chunks, so no call waits for 100,000 refolds.
 * - Events are emitted after the drain's transaction committed.
 */
import { teamReport } from './team-report.ts';
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ZodError } from 'zod';
import type { TriageMethods } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { markDirty, nextChangeAt, stateRow, stateRows, triageConversation, opsOfEntity, markWakeSeen } from '../db/triage.repo.ts';
import { moveMessages } from '../messages/message-actions.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { findAgent, listAgents, publishAgentProfile, saveGroup, listGroups } from '../team/roster.ts';
import { noteItem, ownNote } from './activity.ts';
import { buildDirectory, groupMember, identityOf, nodeOfRef, TeamNames } from './directory.ts';
import { InvalidDrawerError, InvalidTriageCursorError } from './drawers.ts';
import { deleteNote, editNote, noteOf, recordCall, recordNote, resolveMentions } from './notes.ts';
import type { DrainResult } from './refold.ts';
import { TriageMaterializer } from './refold.ts';
import type { CellChange, Target } from './triage-actions.ts';
import { planAction, undoChanges } from './triage-actions.ts';
import { countDrawers, conversationTriage, listDrawer } from './triage-reads.ts';
import { saveTriageSettings } from './triage-settings.ts';
import { deleteSmartFolder, saveSmartFolder } from '../search/smart-folders.ts';

export interface TriageDeps {
  db: Database;
  events: EventBus;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
}

const DEBOUNCE_MS = 50;
const READ_DRAIN = 2_000;
const BACKGROUND_CHUNK = 200;
// setTimeout overflows past 2^31 ms; a long wait is re-armed instead.
const MAX_WAIT_MS = 3_600_000;
const UNDO_KEPT = 50;

interface UndoEntry {
  cells: CellChange[];
  notes: string[];
}

export interface Triage {
  handlers: Pick<Handlers, keyof TriageMethods>;
  /** Folds what changed before a read outside triage's own methods (search's status:/assignee: filters). */
  fresh(): void;
  close(): void;
}

export function startTriage(deps: TriageDeps): Triage {
  const { db, events, actor, clock, log } = deps;
  const me = actor.node;
  const materializer = new TriageMaterializer(db, me);
  const undos = new Map<string, UndoEntry>();
  let closed = false;
  let debounce: (() => void) | null = null;
  let wake: { at: number; cancel: () => void } | null = null;

  const publish = (r: DrainResult): void => {
    if (r.everything) events.emit({ type: 'changed', table: 'triage' });
    else if (r.changed.length > 0) events.emit({ type: 'changed', table: 'triage', ids: r.changed });
    if (r.activity.length > 0) events.emit({ type: 'changed', table: 'activity', ids: [...new Set(r.activity)] });
    for (const notification of r.notifications) events.emit({ type: 'notify', notification });
    if (r.purge.length > 0) {
      // Spam whose period ran out leaves the mailbox through the durable write-back queue.
      const moved = moveMessages(db, r.purge, 'trash', clock.now());
      log.info('purged spam', { messages: moved.changed.length });
      events.emit({ type: 'changed', table: 'messages', ids: moved.changed });
      events.emit({ type: 'changed', table: 'folders' });
      events.emit({ type: 'changed', table: 'conversations' });
    }
  };

  const armWake = (): void => {
    const next = nextChangeAt(db);
    if (next === null || closed) {
      wake?.cancel();
      wake = null;
      return;
    }
    if (wake && wake.at === next) return;
    wake?.cancel();
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, next - clock.now()));
    wake = { at: next, cancel: clock.schedule(wait, () => {
      wake = null;
      drain(READ_DRAIN);
    }) };
  };

  function drain(limit: number): DrainResult {
    const started = performance.now();
    const result = materializer.drain(clock.now(), limit);
    const ms = performance.now() - started;
    if (ms > 200) log.info('triage refold', { conversations: result.changed.length, ms: Math.round(ms) });
    publish(result);
    if (result.remaining) schedule(0, BACKGROUND_CHUNK);
    armWake();
    return result;
  }

  function schedule(ms: number, limit = READ_DRAIN): void {
    if (debounce || closed) return;
    debounce = clock.schedule(ms, () => {
      debounce = null;
      if (closed) return;
      try {
        drain(limit);
      } catch (err) {
        log.error('triage refold failed; it is retried at the next change', { err });
      }
    });
  }

  const fresh = (): void => {
    drain(READ_DRAIN);
  };

  const unsubscribe = events.subscribe((e) => {
    if (e.type === 'changed' && e.table !== 'triage' && e.table !== 'activity') schedule(DEBOUNCE_MS);
  });
  const unsubscribeActor = actor.onRecorded(() => schedule(DEBOUNCE_MS));
  // Work left from the last run (and the first fold after migration 0006) starts shortly after start.
  schedule(0);

  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      // A drawer id the pattern refuses comes from a malformed call (the sidebar offers only drawers that exist, tags
      // within their length), like invalid params: for the programmer, so it stays English without a key.
      if (err instanceof InvalidDrawerError) throw new DeskFailure('bad-request', { untranslated: err.message });
      if (err instanceof InvalidTriageCursorError) throw new DeskFailure('bad-request', sentence('listPositionStale'));
      // The settings schema's messages, joined as they occur (and zod's own for a malformed value): text assembled at
      // run time with no key to say it by. The settings form checks its values first, in the agent's language.
      if (err instanceof ZodError) throw new DeskFailure('bad-request', { untranslated: err.issues.map((i) => i.message).join(' ') });
      throw err;
    }
  };

  const rootOf = (conversationId: number): string => {
    const c = triageConversation(db, conversationId);
    if (!c) throw new DeskFailure('not-found', sentence('conversationGone'));
    return c.root_message_id;
  };

  const handlers: Pick<Handlers, keyof TriageMethods> = {
    'triage.list': (params) =>
      guard(() => {
        fresh();
        return listDrawer(db, params, clock.now(), me);
      }),

    'triage.report': ({ accountId, from, to }) => teamReport(db, accountId, from, to),

    'triage.counts': ({ accountId }) => {
      fresh();
      return countDrawers(db, accountId);
    },

    'triage.get': ({ conversationId }) => {
      fresh();
      rootOf(conversationId);
      let row = stateRow(db, conversationId);
      if (!row) {
        markDirty(db, [conversationId]);
        drain(READ_DRAIN);
        row = stateRow(db, conversationId);
        if (!row) throw new DeskFailure('not-found', sentence('conversationGone'));
      }
      // Opening a conversation that came back from a snooze is reading it.
      if (markWakeSeen(db, conversationId, clock.now())) {
        events.emit({ type: 'changed', table: 'triage', ids: [conversationId] });
        row = stateRow(db, conversationId) ?? row;
      }
      return conversationTriage(db, row, clock.now(), me);
    },

    'triage.apply': ({ conversationIds, action }) =>
      guard(() => {
        const now = clock.now();
        if (action.kind === 'snooze' && action.until <= now) throw new DeskFailure('bad-request', sentence('snoozeInPast'));
        if (action.kind === 'share' && action.agent === `agent:${me}`) throw new DeskFailure('bad-request', sentence('shareWithSelf'));
        const ids = [...new Set(conversationIds)];
        drain(Math.max(READ_DRAIN, ids.length));
        const states = stateRows(db, ids);
        const targets: Target[] = [];
        for (const id of ids) {
          const state = states.get(id);
          const c = state ? triageConversation(db, id) : null;
          if (state && c) targets.push({ conversationId: id, root: c.root_message_id, state });
        }
        if (targets.length === 0) throw new DeskFailure('not-found', sentence('conversationsGone'));
        const plan = planAction(targets, action, `agent:${me}`);
        const note = action.kind === 'assign' || action.kind === 'share' ? (action.note?.trim() ?? '') : '';
        const mentions = note ? resolveMentions(note, listAgents(db)) : [];
        const notes: string[] = [];
        db.transaction(() => {
          actor.record([...plan.cells.map((c) => ({ entity: c.entity, field: c.field, value: c.set })), ...plan.events]);
          for (const n of plan.notes) notes.push(recordNote(actor, n.root, note, mentions));
          markDirty(db, targets.map((t) => t.conversationId));
        })();
        drain(Math.max(READ_DRAIN, targets.length));
        if (notes.length > 0) events.emit({ type: 'changed', table: 'activity', ids: plan.notes.map((n) => n.conversationId) });
        const undoToken = crypto.randomUUID();
        undos.set(undoToken, { cells: plan.cells, notes });
        while (undos.size > UNDO_KEPT) undos.delete(undos.keys().next().value as string);
        return { applied: plan.applied, undoToken };
      }),

    'triage.undo': ({ undoToken }) => {
      const entry = undos.get(undoToken);
      if (!entry) throw new DeskFailure('not-found', sentence('nothingToUndo'));
      undos.delete(undoToken);
      const ids = [...new Set(entry.cells.map((c) => c.conversationId))];
      drain(Math.max(READ_DRAIN, ids.length));
      const states = stateRows(db, ids);
      const changes = undoChanges(entry.cells, (id) => states.get(id) ?? null);
      db.transaction(() => {
        actor.record(changes.map(({ entity, field, value }) => ({ entity, field, value })));
        for (const note of entry.notes) deleteNote(actor, note);
        markDirty(db, ids);
      })();
      drain(Math.max(READ_DRAIN, ids.length));
      if (entry.notes.length > 0) events.emit({ type: 'changed', table: 'activity' });
      return { restored: new Set(changes.map((c) => c.conversationId)).size };
    },

    'notes.add': ({ conversationId, markdown }) => {
      const root = rootOf(conversationId);
      const entity = recordNote(actor, root, markdown, resolveMentions(markdown, listAgents(db)));
      const note = noteOf(opsOfEntity(db, entity));
      if (!note) throw new Error('a note just recorded does not fold');
      events.emit({ type: 'changed', table: 'activity', ids: [conversationId] });
      return noteItem(note, new TeamNames(db), me);
    },

    'notes.edit': ({ conversationId, noteId, markdown }) => {
      ownNote(db, me, conversationId, noteId, 'note');
      editNote(actor, noteId, markdown, resolveMentions(markdown, listAgents(db)));
      const note = noteOf(opsOfEntity(db, noteId));
      if (!note) throw new Error('a note just edited does not fold');
      events.emit({ type: 'changed', table: 'activity', ids: [conversationId] });
      return noteItem(note, new TeamNames(db), me);
    },

    'notes.delete': ({ conversationId, noteId }) => {
      ownNote(db, me, conversationId, noteId);
      deleteNote(actor, noteId);
      events.emit({ type: 'changed', table: 'activity', ids: [conversationId] });
      return null;
    },

    'notes.logCall': ({ conversationId, direction, minutes, summary }) => {
      const root = rootOf(conversationId);
      const entity = recordCall(actor, root, { direction, minutes, summary });
      const note = noteOf(opsOfEntity(db, entity));
      if (!note) throw new Error('a call just logged does not fold');
      events.emit({ type: 'changed', table: 'activity', ids: [conversationId] });
      return noteItem(note, new TeamNames(db), me);
    },

    'team.directory': () => buildDirectory(db, me),

    'agent.set': ({ name, address, colour }) =>
      guard(() => {
        publishAgentProfile(actor, colour === undefined ? { name, address } : { name, address, colour });
        const agent = findAgent(db, me);
        if (!agent) throw new Error('the agent profile just published does not fold');
        events.emit({ type: 'changed', table: 'team' });
        return identityOf(agent);
      }),

    'groups.save': ({ id, name, members }) =>
      guard(() => {
        const nodes = members.map((m) => nodeOfRef(m)).filter((n): n is string => n !== null);
        const groupId = saveGroup(actor, id === undefined ? { name, members: nodes } : { id, name, members: nodes });
        const group = listGroups(db).find((g) => g.id === groupId);
        if (!group) throw new Error('the group just saved does not fold');
        events.emit({ type: 'changed', table: 'team' });
        drain(READ_DRAIN);
        return groupMember(group);
      }),

    'smartFolders.save': ({ id, name, query }) =>
      guard(() => {
        const folder = saveSmartFolder(actor, { id, name, query });
        events.emit({ type: 'changed', table: 'team' });
        return folder;
      }),

    'smartFolders.delete': ({ id }) => {
      deleteSmartFolder(actor, id);
      events.emit({ type: 'changed', table: 'team' });
      return null;
    },

    'triage.settings': () => {
      fresh();
      return materializer.currentSettings();
    },

    'triage.saveSettings': (settings) =>
      guard(() => {
        saveTriageSettings(db, actor, settings);
        drain(READ_DRAIN);
        return materializer.currentSettings();
      }),
  };

  return {
    handlers,
    fresh,
    close() {
      closed = true;
      unsubscribe();
      unsubscribeActor();
      debounce?.();
      debounce = null;
      wake?.cancel();
      wake = null;
    },
  };
}
