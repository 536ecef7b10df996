/**
 * The composer: one draft being written at a time, saved to core as the
 * agent types, and sent through the outbox.
 *
 * Invariants:
 * - Nothing typed is lost: every edit marks the draft dirty and schedules a
 *   save ~500 ms later; closing, switching conversation and sending flush
 *   first. Saves run one at a time and coalesce, and a save that raced an
 *   edit leaves the draft dirty so the edit is saved too.
 * - A draft handed to the outbox is never saved again (its pending save is
 *   dropped), so an undo gives back exactly what was queued.
 * - `seenMessageIds` are the conversation's messages the agent had on screen,
 *   so core can ask before a reply crosses a message the agent has not seen.
 */
import type {
  AttachmentInfo,
  CollisionMessage,
  ComposeMode,
  DeskApi,
  DeskError,
  Draft,
  DraftInput,
  OutboxItem,
  PresenceBadge,
  Result,
  Sentence,
} from '../../src-preload/api.ts';
import { locale, t } from '../i18n/i18n.ts';
import { coalesce } from './coalesce.ts';
import { notSavedText, sendProblemsText } from './composer-problems.ts';
import { describeError } from './describe-error.ts';
import type { DeskSlice } from './slice.ts';

export const DRAFT_SAVE_DELAY_MS = 500;

export interface ComposerSession {
  /** The draft as core last described it (id, mode, attachments). */
  draft: Draft;
  /** What the agent has typed; saved as `DraftInput`. */
  working: DraftInput;
  dirty: boolean;
  savedAt: number;
  saveError: DeskError | null;
  /** Core's `invalid` answer, or a failed call, in the agent's words. */
  problems: string[];
  /** Placeholder problems of inserted templates, as core said them (said on render); sending waits until they are fixed. */
  templateProblems: Sentence[];
  sending: boolean;
  /** New messages core found before sending; the agent decides. */
  /** Set when sending was held back: what was written meanwhile, and colleagues whose reply is on its way out. */
  collision: { messages: CollisionMessage[]; colleaguesSending: PresenceBadge[] } | null;
  /** Ids shown when the composer opened, for when the conversation is no longer on screen. */
  seenAtOpen: number[];
  /** Bumped when the composer should take the keyboard focus. */
  focusRequest: number;
}

export interface ComposerSlice {
  composer: ComposerSession | null;
  composerStarting: boolean;
  composerError: DeskError | null;
  /** Opens a draft for the open conversation (reply, reply all, forward) or a new conversation. */
  /** `messageId`: the message to answer or forward (the message card's own links); otherwise the customer's last one, or the newest to forward. */
  startCompose(mode: ComposeMode, messageId?: number): Promise<void>;
  /** Shows a draft core already has (a resumed or an undone one). */
  resumeDraft(draft: Draft, focus: boolean): void;
  updateDraft(patch: Partial<Omit<DraftInput, 'id'>>): void;
  flushDraft(): Promise<boolean>;
  /** Saves and hides the composer; the draft stays and is resumed later. */
  closeComposer(): Promise<void>;
  discardDraft(): Promise<void>;
  attachToDraft(file: { filename: string; contentType: string; dataBase64: string }): Promise<Result<AttachmentInfo>>;
  detachFromDraft(attachmentId: number): Promise<void>;
  setTemplateProblems(problems: Sentence[]): void;
  /** Sends now (after the undo window) or at `sendAt`. */
  /** `thenDone`: "Send & Done", the conversation is marked done once the reply has gone out. */
  sendDraft(sendAt: number | null, confirmCollision: boolean, thenDone?: boolean): Promise<OutboxItem | null>;
  dismissCollision(): void;
  /** Tells colleagues this agent is replying (or back to viewing); failures only cost the courtesy. */
  setPresence(conversationId: number, activity: 'viewing' | 'replying' | null): void;
}

function inputOf(draft: Draft): DraftInput {
  return { id: draft.id, to: draft.to, cc: draft.cc, bcc: draft.bcc, subject: draft.subject, html: draft.html };
}

export function createComposerSlice(api: DeskApi): DeskSlice<ComposerSlice> {
  return (set, get) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    /** Bumped on every edit; a save only clears `dirty` if no edit came in meanwhile. */
    let version = 0;

    function cancelTimer(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }

    function patchSession(patch: Partial<ComposerSession>, draftId?: number): void {
      set((state) => {
        const current = state.composer;
        if (!current || (draftId !== undefined && current.draft.id !== draftId)) return {};
        return { composer: { ...current, ...patch } };
      });
    }

    const saveNow = coalesce(async () => {
      const session = get().composer;
      if (!session || !session.dirty) return;
      const saving = version;
      const result = await api.call('drafts.save', session.working);
      if (!result.ok) {
        patchSession({ saveError: result.error }, session.draft.id);
        return;
      }
      patchSession({ savedAt: result.value.savedAt, saveError: null, dirty: version !== saving }, session.draft.id);
    });

    function currentSeenIds(session: ComposerSession): number[] {
      const detail = get().opened?.detail;
      if (detail && detail.summary.id === session.draft.conversationId) return detail.messages.map((m) => m.id);
      return session.seenAtOpen;
    }

    function openSession(draft: Draft, focus: boolean): void {
      cancelTimer();
      const detail = get().opened?.detail;
      const seen = detail && detail.summary.id === draft.conversationId ? detail.messages.map((m) => m.id) : [];
      set((state) => ({
        composerError: null,
        composer: {
          draft,
          working: inputOf(draft),
          dirty: false,
          savedAt: draft.savedAt,
          saveError: null,
          problems: [],
          templateProblems: [],
          sending: false,
          collision: null,
          seenAtOpen: seen,
          focusRequest: focus ? (state.composer?.focusRequest ?? 0) + 1 : 0,
        },
      }));
    }

    return {
      composer: null,
      composerStarting: false,
      composerError: null,

      async startCompose(mode, messageId) {
        // A reply from the list (nothing open yet) opens the selected conversation first.
        const selected = get().selectedConversationId;
        if (mode !== 'new' && !get().opened?.detail && selected !== null) await get().openConversation(selected);
        const state = get();
        const detail = mode === 'new' ? null : state.opened?.detail;
        if (mode !== 'new' && !detail) return; // Reply and forward need a conversation on screen.
        // Reply to what the customer wrote last; forward the newest message of all; or the message asked for.
        const messages = detail?.messages ?? [];
        const incoming = messages.filter((m) => !m.outgoing);
        const chosen = messageId === undefined ? undefined : messages.find((m) => m.id === messageId);
        const target = chosen ?? (mode === 'forward' ? messages[messages.length - 1] : (incoming[incoming.length - 1] ?? messages[messages.length - 1]));
        const current = state.composer;
        const sameSource = chosen === undefined || current?.draft.inReplyTo === chosen.id;
        if (current && current.draft.mode === mode && current.draft.conversationId === (detail?.summary.id ?? null) && sameSource) {
          patchSession({ focusRequest: current.focusRequest + 1 });
          return;
        }
        if (current) {
          await get().closeComposer();
          if (get().composer?.draft.id === current.draft.id) return; // Could not be saved: keep it on screen.
        }
        const accountId = detail?.summary.accountId ?? state.scopeAccountId ?? state.accounts[0]?.id ?? null;
        set({ composerStarting: true, composerError: null });
        const result = await api.call('compose.start', {
          accountId,
          conversationId: detail?.summary.id ?? null,
          mode,
          messageId: target?.id ?? null,
          language: locale(),
        });
        set({ composerStarting: false });
        if (!result.ok) {
          set({ composerError: result.error });
          get().showNotice(describeError(result.error));
          return;
        }
        // A conversation keeps one unsent draft per kind: the one already started answers another message.
        if (chosen !== undefined && result.value.inReplyTo !== chosen.id && (mode === 'reply' || mode === 'forward')) {
          get().showNotice(t(mode === 'reply' ? 'composer.otherReplyOpen' : 'composer.otherForwardOpen'));
        }
        openSession(result.value, true);
      },

      resumeDraft(draft, focus) {
        const current = get().composer;
        if (current?.draft.id === draft.id) {
          if (focus) patchSession({ focusRequest: current.focusRequest + 1 });
          return;
        }
        if (current) void get().closeComposer();
        openSession(draft, focus);
      },

      updateDraft(patch) {
        const session = get().composer;
        if (!session || session.sending) return;
        version += 1;
        set({ composer: { ...session, working: { ...session.working, ...patch }, dirty: true } });
        cancelTimer();
        timer = setTimeout(() => {
          timer = null;
          void saveNow();
        }, DRAFT_SAVE_DELAY_MS);
      },

      async flushDraft() {
        cancelTimer();
        // A save may be running with an older text: coalesce runs once more for the newest.
        await saveNow();
        const session = get().composer;
        if (session?.dirty) await saveNow();
        const after = get().composer;
        return !after || (!after.dirty && after.saveError === null);
      },

      async closeComposer() {
        const session = get().composer;
        if (!session) return;
        await get().flushDraft();
        // Keep a session that failed to save: closing it would lose what was typed.
        const after = get().composer;
        if (after && after.draft.id === session.draft.id && after.saveError) {
          get().showNotice(describeError(after.saveError));
          return;
        }
        set((state) => (state.composer?.draft.id === session.draft.id ? { composer: null } : {}));
      },

      async discardDraft() {
        const session = get().composer;
        if (!session) return;
        cancelTimer();
        const result = await api.call('drafts.discard', { id: session.draft.id });
        if (!result.ok) {
          patchSession({ problems: [describeError(result.error)] }, session.draft.id);
          return;
        }
        set((state) => (state.composer?.draft.id === session.draft.id ? { composer: null } : {}));
      },

      async attachToDraft(file) {
        const session = get().composer;
        if (!session) return { ok: false, error: { code: 'not-found', message: 'No draft is open.' } };
        const result = await api.call('drafts.attach', { draftId: session.draft.id, ...file });
        if (result.ok) {
          set((state) => {
            const current = state.composer;
            if (!current || current.draft.id !== session.draft.id) return {};
            return { composer: { ...current, draft: { ...current.draft, attachments: [...current.draft.attachments, result.value] } } };
          });
        }
        return result;
      },

      async detachFromDraft(attachmentId) {
        const session = get().composer;
        if (!session) return;
        const result = await api.call('drafts.detach', { draftId: session.draft.id, attachmentId });
        if (!result.ok) {
          patchSession({ problems: [describeError(result.error)] }, session.draft.id);
          return;
        }
        set((state) => {
          const current = state.composer;
          if (!current || current.draft.id !== session.draft.id) return {};
          return { composer: { ...current, draft: { ...current.draft, attachments: current.draft.attachments.filter((a) => a.id !== attachmentId) } } };
        });
      },

      setTemplateProblems(problems) {
        patchSession({ templateProblems: problems });
      },

      async sendDraft(sendAt, confirmCollision, thenDone = false) {
        const session = get().composer;
        if (!session || session.sending || session.templateProblems.length > 0) return null;
        if (!(await get().flushDraft())) {
          patchSession({ problems: [notSavedText(get().composer?.saveError ?? null)] }, session.draft.id);
          return null;
        }
        patchSession({ sending: true, problems: [], collision: null }, session.draft.id);
        const result = await api.call('outbox.send', {
          draftId: session.draft.id,
          sendAt,
          seenMessageIds: currentSeenIds(session),
          confirmCollision,
          ...(thenDone ? { thenStatus: 'done' as const } : {}),
        });
        if (!result.ok) {
          patchSession({ sending: false, problems: [describeError(result.error)] }, session.draft.id);
          return null;
        }
        const outcome = result.value;
        switch (outcome.kind) {
          case 'queued':
            cancelTimer();
            set((state) => (state.composer?.draft.id === session.draft.id ? { composer: null } : {}));
            get().showUndo(outcome.item);
            void get().refreshOutbox();
            // Done with it, as with `e`: on to the next conversation. Undo brings this one back with its draft.
            if (thenDone && get().opened?.id === session.draft.conversationId) get().moveSelection(1);
            return outcome.item;
          case 'collision':
            patchSession({ sending: false, collision: { messages: outcome.messages, colleaguesSending: outcome.colleaguesSending } }, session.draft.id);
            return null;
          case 'invalid':
            patchSession({ sending: false, problems: sendProblemsText(outcome.problems) }, session.draft.id);
            return null;
        }
      },

      dismissCollision() {
        patchSession({ collision: null });
      },

      setPresence(conversationId, activity) {
        void api.call('presence.set', { conversationId, activity });
      },
    };
  };
}
