/** contacts.* methods: the contact card and what an agent does to it (contact-commands.ts). */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import type { LocalActor } from '../team/local-actor.ts';
import './contact-step.ts';
import { ContactCommands, ContactError, contactCard } from './contact-commands.ts';

export type ContactHandlers = Pick<
  Handlers,
  | 'contacts.get'
  | 'contacts.merge'
  | 'contacts.unmerge'
  | 'contacts.setBlocked'
  | 'contacts.setTags'
  | 'contacts.setRemoteImages'
  | 'contacts.importCsv'
>;

export interface ContactDeps {
  db: Database;
  events: EventBus;
  actor: LocalActor;
  clock: Clock;
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ContactError) throw new DeskFailure(err.code, err.sentence);
    throw err;
  }
}

export function createContactHandlers(deps: ContactDeps): ContactHandlers {
  const commands = new ContactCommands(deps.db, deps.actor, () => deps.clock.now());
  const changed = (ids?: number[]): void => {
    deps.events.emit(ids ? { type: 'changed', table: 'contacts', ids } : { type: 'changed', table: 'contacts' });
    // Conversations show their contact; a merge or unmerge changes which one.
    deps.events.emit({ type: 'changed', table: 'conversations' });
  };
  return {
    'contacts.get': ({ id }) => {
      const card = contactCard(deps.db, id);
      if (!card) throw new DeskFailure('not-found', sentence('contactGone'));
      return card;
    },
    'contacts.merge': ({ targetId, sourceId }) => {
      const card = guarded(() => commands.merge(targetId, sourceId));
      changed([targetId, sourceId, card.id]);
      return card;
    },
    'contacts.unmerge': ({ id, address }) => {
      const card = guarded(() => commands.unmerge(id, address));
      changed();
      return card;
    },
    'contacts.setBlocked': ({ id, blocked }) => {
      const card = guarded(() => commands.setBlocked(id, blocked));
      changed([card.id]);
      return card;
    },
    'contacts.setTags': ({ id, tags }) => {
      const card = guarded(() => commands.setTags(id, tags));
      changed([card.id]);
      return card;
    },
    'contacts.setRemoteImages': ({ id, allowed }) => {
      const card = guarded(() => commands.setRemoteImages(id, allowed));
      changed([card.id]);
      return card;
    },
    'contacts.importCsv': ({ csv }) => {
      const result = guarded(() => commands.importCsv(csv));
      changed();
      return result;
    },
  };
}
