/**
 * The ordered list of schema migrations. Append only: a migration that has
 * shipped is never edited, because desktops in the field have already run it.
 */
import type { Migration } from './migration.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-ops.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-conversations.ts';
import { migration0005 } from './0005-team.ts';
import { migration0006 } from './0006-triage.ts';
import { migration0007 } from './0007-compose.ts';
import { migration0008 } from './0008-thread-queue.ts';
import { migration0009 } from './0009-outbox-problem.ts';
import { migration0010 } from './0010-ops-kept-here.ts';
import { migration0011 } from './0011-notes-searchable.ts';
import { migration0012 } from './0012-acknowledgements.ts';
import { migration0013 } from './0013-reply-to.ts';
import { migration0014 } from './0014-snippet-not-acknowledgement.ts';
import { migration0015 } from './0015-reply-to-header.ts';
import { migration0016 } from './0016-reply-to-searchable.ts';
import { migration0017 } from './0017-outbox-scheduled.ts';
import { migration0018 } from './0018-drafts-follow-their-message.ts';
import { migration0019 } from './0019-drafts-written.ts';
import { migration0020 } from './0020-drafts-outlive-their-conversation.ts';
import { migration0021 } from './0021-auto-replies-refold.ts';
import { migration0022 } from './0022-send-then-done.ts';
import { migration0023 } from './0023-triage-heard.ts';
import { migration0024 } from './0024-note-edits-notify.ts';
import { migration0025 } from './0025-followers.ts';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022, migration0023, migration0024, migration0025];
