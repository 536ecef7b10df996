/**
 * attachments.get: an attachment's bytes from the content-addressed store
 * (mail/attachment-store.ts). When the file is not on disk (the body was
 * never fetched, or the file was removed), the message is fetched from the
 * server first; offline, the agent is told so in plain words.
 */
import type { Database } from 'better-sqlite3';
import type { AttachmentData } from '../../../src-preload/api.ts';
import { getAttachmentRow } from '../db/bodies.repo.ts';
import { readAttachment } from '../mail/attachment-store.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { attachmentFileExists } from '../sync/body-sync.ts';

export type AttachmentHandlers = Pick<Handlers, 'attachments.get'>;

/** What the handler needs from the sync engine (accounts/sync-manager.ts). */
export interface AttachmentSync {
  ensureAttachments(messageId: number): Promise<boolean>;
}

// The bytes travel base64 in one JSON message; beyond this the renderer would stall.
export const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

export function createAttachmentHandlers(deps: { db: Database; dataDir: string; syncs: AttachmentSync }): AttachmentHandlers {
  return {
    'attachments.get': async ({ id }): Promise<AttachmentData> => {
      let row = getAttachmentRow(deps.db, id);
      if (!row) throw new DeskFailure('not-found', sentence('attachmentGone'));
      if (!attachmentFileExists(deps.dataDir, row.sha256)) {
        const fetched = await deps.syncs.ensureAttachments(row.messageId);
        row = getAttachmentRow(deps.db, id);
        if (!row || !fetched || !attachmentFileExists(deps.dataDir, row.sha256)) {
          throw new DeskFailure('unavailable', sentence('attachmentNotDownloaded'));
        }
      }
      if (row.size > MAX_ATTACHMENT_BYTES) throw new DeskFailure('unavailable', sentence('attachmentTooLargeToOpen'));
      const bytes = await readAttachment(deps.dataDir, row.sha256 ?? '');
      return { filename: row.filename, contentType: row.contentType, size: bytes.length, dataBase64: bytes.toString('base64') };
    },
  };
}
