import { describe, expect, it } from 'vitest';
import { dispositionOf } from '../../../src-main/core/audit/incoming-audit.ts';
import { looksAutomatic, looksLikeReportOrAbsence } from '../../../src-main/core/audit/inspect-step.ts';
import { isAutoReply } from '../../../src-main/core/audit/mail-inspector.ts';
import type { IncomingDbRow } from '../../../src-main/core/db/audit.repo.ts';

const row: IncomingDbRow = {
  id: 1, date: 0, account_id: 1, message_id: 'm1@x', from_name: '', from_address: 'a@x.test', subject: 's',
  conversation_id: 5, ticket: 'K7F3Q2', root_message_id: 'm1@x', fact: null, in_junk: 0, duplicate: 0,
};

describe('incoming dispositions', () => {
  it('says what became of a received mail, most specific first', () => {
    expect(dispositionOf(row, false)).toBe('new-conversation');
    expect(dispositionOf({ ...row, root_message_id: 'other@x' }, false)).toBe('added-to-conversation');
    expect(dispositionOf({ ...row, in_junk: 1 }, false)).toBe('spam');
    expect(dispositionOf({ ...row, in_junk: 1 }, true)).toBe('blocked-contact');
    expect(dispositionOf({ ...row, fact: 'auto-reply' }, true)).toBe('auto-reply');
    expect(dispositionOf({ ...row, fact: 'bounce' }, false)).toBe('bounce');
    expect(dispositionOf({ ...row, duplicate: 1, fact: 'bounce' }, false)).toBe('duplicate');
  });
});

describe('automatic mail', () => {
  it('queues look-alikes for a header check', () => {
    expect(looksAutomatic('MAILER-DAEMON@mx.test', 'whatever')).toBe(true);
    expect(looksAutomatic('bob@x.test', 'Automatic reply: Refund')).toBe(true);
    expect(looksAutomatic('bob@x.test', 'Abwesenheitsnotiz')).toBe(true);
    expect(looksAutomatic('bob@x.test', 'Where is my order?')).toBe(false);
    // Rules route a website's contact form (noreply@ with the customer in Reply-To), never a bounce or an absence.
    expect(looksAutomatic('noreply@shop.test', 'Contact form: broken lid')).toBe(true);
    expect(looksLikeReportOrAbsence('noreply@shop.test', 'Contact form: broken lid')).toBe(false);
    expect(looksLikeReportOrAbsence('MAILER-DAEMON@mx.test', 'whatever')).toBe(true);
    expect(looksLikeReportOrAbsence('bob@x.test', 'Out of office')).toBe(true);
  });

  it('recognizes auto-replies by their headers', () => {
    const mail = (h: string) => Buffer.from(`From: a@x.test\r\n${h}\r\nSubject: s\r\n\r\nbody`);
    expect(isAutoReply(mail('Auto-Submitted: auto-replied'))).toBe(true);
    expect(isAutoReply(mail('Auto-Submitted: no'))).toBe(false);
    expect(isAutoReply(mail('X-Autoreply: yes'))).toBe(true);
    expect(isAutoReply(mail('Precedence: auto_reply'))).toBe(true);
    expect(isAutoReply(mail('Precedence: bulk'))).toBe(false);
  });
});
