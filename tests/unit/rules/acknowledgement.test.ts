/**
 * Automatic acknowledgements as pure decisions: which mail may be answered
 * automatically at all (never automatic, list or bulk mail: the loops and
 * list-wide answers RFC 3834 warns about), who gets the answer, what the
 * message says and how it is marked; and which mail a rule wants
 * acknowledged, once per mail for the whole team.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { AutomationRule } from '../../../src-preload/api.ts';
import { acknowledgementMessage, isAcknowledgementId, suppressionReason } from '../../../src-main/core/rules/acknowledgement.ts';
import { customerOf } from '../../../src-main/core/conversations/thread-source.ts';
import { parseHeaderFields } from '../../../src-main/core/sync/header-fields.ts';
import type { AcknowledgementInput } from '../../../src-main/core/rules/acknowledgement.ts';
import { ACKNOWLEDGE_MAX_AGE_MS, acknowledgementsWanted, ruleOps } from '../../../src-main/core/rules/rule-match.ts';
import type { RuleMail } from '../../../src-main/core/rules/rule-match.ts';
import { ruleActionsSchema } from '../../../src-main/core/rules/rule-model.ts';
import { actionMessageId } from '../../../src-main/core/team/claims.ts';
import { splitHeaders } from '../../../src-main/core/mail/parse-fallback.ts';
import { buildRawMessage } from '../../../src-main/core/outbox/outgoing-message.ts';
import { alwaysOpen } from '../../../src-main/core/workflow/business-hours.ts';

const OPEN = { hours: alwaysOpen };

const headers = (...lines: string[]) => splitHeaders(Buffer.from([...lines, 'From: Anna <anna@shop.example>', 'Subject: Help', '', 'body'].join('\r\n'))).headers;

describe('which mail may be answered automatically', () => {
  it('answers plain mail from a person', () => {
    expect(suppressionReason(headers('Return-Path: <anna@shop.example>'))).toBeNull();
    expect(suppressionReason(headers('Auto-Submitted: no'))).toBeNull();
    expect(suppressionReason(headers('Precedence: first-class'))).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'automatic', /automatic mail/],
    ['Auto-Submitted: auto-generated', 'automatic', /automatic mail/],
    ['X-Autoreply: yes', 'automatic', /automatic reply/],
    ['X-Autorespond: vacation', 'automatic', /automatic reply/],
    ['Precedence: auto_reply', 'automatic', /automatic reply/],
    ['Precedence: bulk', 'bulk', /bulk/],
    ['Precedence: list', 'list', /list mail/],
    ['Precedence: junk', 'bulk', /bulk/],
    ['List-Id: <customers.shop.example>', 'list', /mailing list/],
    ['List-Unsubscribe: <mailto:leave@shop.example>', 'list', /mailing list/],
    ['X-Auto-Response-Suppress: OOF, AutoReply', 'asked-none', /asks for no automatic replies/],
    ['X-Auto-Response-Suppress: All', 'asked-none', /asks for no automatic replies/],
    ['Return-Path: <>', 'no-return-path', /no return path/],
  ])('never answers mail with %s', (line, code, text) => {
    const reason = suppressionReason(headers(line));
    expect(reason?.code).toBe(code);
    expect(reason?.text).toMatch(text);
  });

  it('answers the Reply-To address when the mail names a valid one, else the sender', () => {
    // Whom the acknowledger answers is the conversation's customer, read from the header lines as the sync stores them.
    const answered = (line?: string) => {
      const f = parseHeaderFields(Buffer.from(`From: Anna <anna@shop.example>\r\nTo: support@desk.example\r\n${line ? `${line}\r\n` : ''}\r\n`), 0);
      const row = { from_name: f.from.name, from_address: f.from.address, to_json: JSON.stringify(f.to), reply_to_json: JSON.stringify(f.replyTo) };
      return customerOf(row, new Set(['support@desk.example']));
    };
    const from = { name: 'Anna', address: 'anna@shop.example' };
    expect(answered('Reply-To: Orders <orders@shop.example>')).toEqual({ name: 'Orders', address: 'orders@shop.example' });
    expect(answered('Reply-To: not an address')).toEqual(from);
    expect(answered()).toEqual(from);
    // A Reply-To naming the mailbox itself is not whom to answer.
    expect(answered('Reply-To: Support <support@desk.example>')).toEqual(from);
  });
});

const input = (over: Partial<AcknowledgementInput> = {}): AcknowledgementInput => ({
  template: '<p>Hi {CLIENT_NAME},</p><p>We have your message about “{CONVERSATION.SUBJECT}”; your ticket is {TICKET_ID}.</p><p>{MY_NAME}</p>',
  signature: '<p>Shop support · +1 555 0100</p>',
  branding: { accountId: 1, headerHtml: '', footerHtml: '', accentColour: '', logoDataUrl: '' },
  mailbox: { name: 'Shop Support', email: 'support@desk.example' },
  to: { name: 'Anna Berg', address: 'anna@shop.example' },
  original: { messageId: 'anna-1@shop.example', subject: 'My order <42> is late', references: [], inReplyTo: null },
  ticket: 'K7F3Q2',
  date: Date.UTC(2026, 10, 25, 9),
  ...over,
});

describe('the acknowledgement message', () => {
  it('fills the template as a reply would, signed by the mailbox, threaded to the mail and marked automatic', async () => {
    const message = await acknowledgementMessage(input());
    if (message.kind !== 'ready') throw new Error('fillable');
    const p = message.payload;
    expect(p.to).toEqual([{ name: 'Anna Berg', address: 'anna@shop.example' }]);
    expect(p.from).toEqual({ name: 'Shop Support', address: 'support@desk.example' });
    expect(p.subject).toBe('Re: My order <42> is late [#K7F3Q2]');
    expect(p.html).toContain('Hi Anna,');
    expect(p.html).toContain('My order &lt;42&gt; is late');
    expect(p.html).toContain('#K7F3Q2');
    expect(p.html).toContain('Shop Support');
    expect(p.html).toContain('Shop support · +1 555 0100');
    expect(p.text).toContain('Hi Anna,');
    expect(p.inReplyTo).toBe('anna-1@shop.example');
    expect(p.references).toEqual(['anna-1@shop.example']);
    expect(p.automatic).toBe(true);

    const raw = await buildRawMessage('/nonexistent', p, actionMessageId('acknowledge:anna-1@shop.example', 'desk.example').slice(1, -1));
    const parsed = await simpleParser(raw);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(parsed.inReplyTo).toBe('<anna-1@shop.example>');
    expect(isAcknowledgementId(parsed.messageId?.slice(1, -1) ?? null)).toBe(true);
  });

  it('greets a customer the mail gives no name for by their address', async () => {
    const message = await acknowledgementMessage(input({ to: { name: '', address: 'anna@shop.example' } }));
    expect(message.kind === 'ready' && message.payload.html).toContain('Hi anna@shop.example,');
  });

  it('is not written when a placeholder cannot be filled, naming it', async () => {
    expect(await acknowledgementMessage(input({ template: '<p>Dear {CLIENT_TITLE} {CLIENT_NAME}, {TICKET_ID}</p>', ticket: null }))).toEqual({
      kind: 'unfillable',
      placeholders: ['{CLIENT_TITLE}', '{TICKET_ID}'],
    });
  });

  it('keeps the reference chain of a mail that had one', async () => {
    const message = await acknowledgementMessage(input({ original: { messageId: 'c@x', subject: 'Hi', references: ['a@x', 'b@x'], inReplyTo: 'b@x' } }));
    expect(message.kind === 'ready' && message.payload.references).toEqual(['a@x', 'b@x', 'c@x']);
  });

  it('unmarked mail carries no automatic headers', async () => {
    const message = await acknowledgementMessage(input());
    if (message.kind !== 'ready') throw new Error('fillable');
    const { automatic: _automatic, ...agentMail } = message.payload;
    const parsed = await simpleParser(await buildRawMessage('/nonexistent', agentMail, 'x@desk.example'));
    expect(parsed.headers.has('auto-submitted')).toBe(false);
  });
});

const NOW = Date.UTC(2026, 10, 25, 9);
const rule = (over: Partial<AutomationRule> = {}): AutomationRule => ({
  id: 'r1',
  name: 'Thank customers',
  enabled: true,
  conditions: [{ field: 'to', operator: 'contains', value: 'support@' }],
  actions: [{ kind: 'tag', tag: 'new' }, { kind: 'acknowledge', templateId: 'tpl-1' }],
  since: NOW - 86_400_000,
  acknowledgeSince: NOW - 86_400_000,
  ...over,
});
const mail = (over: Partial<RuleMail> = {}): RuleMail => ({
  messageId: 'anna-1@shop.example',
  from: { name: 'Anna', address: 'anna@shop.example' },
  replyTo: [],
  recipients: ['support@desk.example'],
  subject: 'Help',
  date: NOW - 60_000,
  ...over,
});

describe('which mail a rule wants acknowledged', () => {
  it('once per mail, with the oldest matching rule’s template, under an action named by the mail alone', () => {
    const second = rule({ id: 'r2', since: NOW - 3_600_000, actions: [{ kind: 'acknowledge', templateId: 'tpl-2' }] });
    expect(acknowledgementsWanted([rule(), second], mail(), OPEN, NOW)).toEqual([{ actionId: 'acknowledge:anna-1@shop.example', ruleId: 'r1', templateId: 'tpl-1' }]);
    expect(acknowledgementsWanted([second], mail(), OPEN, NOW)).toEqual([{ actionId: 'acknowledge:anna-1@shop.example', ruleId: 'r2', templateId: 'tpl-2' }]);
  });

  it('not for mail that came before the rule began acknowledging: the team did not acknowledge it then', () => {
    const added = rule({ since: NOW - 10 * 86_400_000, acknowledgeSince: NOW - 3_600_000 });
    expect(acknowledgementsWanted([added], mail({ date: NOW - 2 * 3_600_000 }), OPEN, NOW)).toEqual([]);
    expect(acknowledgementsWanted([added], mail({ date: NOW - 60_000 }), OPEN, NOW)).toHaveLength(1);
  });

  it('not for mail the rule does not match, dated ahead, or too old to answer now', () => {
    expect(acknowledgementsWanted([rule()], mail({ recipients: ['sales@desk.example'] }), OPEN, NOW)).toEqual([]);
    expect(acknowledgementsWanted([rule()], mail({ date: NOW + 5 * 60_000 }), OPEN, NOW)).toEqual([]);
    expect(acknowledgementsWanted([rule({ since: 0, acknowledgeSince: 0 })], mail({ date: NOW - ACKNOWLEDGE_MAX_AGE_MS - 1 }), OPEN, NOW)).toEqual([]);
    expect(acknowledgementsWanted([rule({ enabled: false })], mail(), OPEN, NOW)).toEqual([]);
  });

  it('is mail, not team state: the rule’s ops leave it out', () => {
    expect(ruleOps([rule()], mail(), OPEN, NOW, '00000000000000a1').map((op) => op.field)).toEqual(['tag:new']);
  });

  it('a rule sends one acknowledgement, with a template', () => {
    expect(ruleActionsSchema.safeParse([{ kind: 'acknowledge', templateId: 'b1946ac9-2f1c-4c6e-9f3e-0c2a1b5e7d10' }]).success).toBe(true);
    expect(ruleActionsSchema.safeParse([{ kind: 'acknowledge', templateId: '' }]).success).toBe(false);
    expect(ruleActionsSchema.safeParse([{ kind: 'acknowledge', templateId: 'a' }, { kind: 'acknowledge', templateId: 'b' }]).success).toBe(false);
  });
});
