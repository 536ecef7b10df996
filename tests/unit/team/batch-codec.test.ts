import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTeamMessage, encodeTeamMessage } from '../../../src-main/core/team/batch-codec.ts';
import { HybridClock } from '../../../src-main/core/team/hlc.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import type { TeamKey } from '../../../src-main/core/team/team-crypto.ts';
import { deriveTeamKey, teamSalt } from '../../../src-main/core/team/team-crypto.ts';

const node = '00000000000000a1';
const clock = new HybridClock(node, () => Date.UTC(2026, 2, 2));
const ops: Op[] = [
  { hlc: clock.next(), actor: node, entity: 'msg:<a@shop.example>', field: 'assignee', value: node },
  { hlc: clock.next(), actor: node, entity: 'msg:<a@shop.example>', field: 'tags', value: ['refund', 'vip'] },
  { hlc: clock.next(), actor: node, entity: 'contact:ann@example.test', field: 'note', value: 'Prefers Spanish — «gracias»' },
];
const date = Date.UTC(2026, 2, 2, 9);

let key: TeamKey;
let otherKey: TeamKey;
beforeAll(async () => {
  [key, otherKey] = await Promise.all([deriveTeamKey('correct horse battery', 'support@example.test'), deriveTeamKey('wrong', 'support@example.test')]);
});

function replaceHeader(raw: Buffer, name: string, value: string): Buffer {
  return Buffer.from(raw.toString('latin1').replace(new RegExp(`^${name}: .*$`, 'm'), `${name}: ${value}`), 'latin1');
}

describe('team message codec', () => {
  it('round-trips a batch as an RFC 5322 message with identifying headers', () => {
    const { raw, messageId } = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, null);
    const text = raw.toString('utf8');
    expect(text).toMatch(/^X-Switchboard-Team-Kind: batch\r$/m);
    expect(text).toMatch(new RegExp(`^X-Switchboard-Team-Range: ${ops[0]?.hlc} ${ops[2]?.hlc}\r$`, 'm'));
    expect(text).toContain(`Message-ID: ${messageId}`);
    expect(text).toContain('Date: Mon, 02 Mar 2026 09:00:00 +0000');
    const decoded = decodeTeamMessage(raw, null);
    expect(decoded).toEqual({ ok: true, message: { kind: 'batch', actor: node, messageId, ops, covers: [] } });
  });

  it('derives the Message-ID from the content, so a re-sent batch is recognisably the same', () => {
    const a = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, null);
    const b = encodeTeamMessage({ kind: 'batch', actor: node, ops, date: date + 60_000 }, null);
    const c = encodeTeamMessage({ kind: 'batch', actor: node, ops: ops.slice(1), date }, null);
    expect(a.messageId).toBe(b.messageId);
    expect(c.messageId).not.toBe(a.messageId);
  });

  it('carries the list of covered messages in a snapshot', () => {
    const { raw } = encodeTeamMessage({ kind: 'snapshot', actor: node, ops, covers: ['<x@y>', '<z@y>'], date }, null);
    const decoded = decodeTeamMessage(raw, null);
    expect(decoded.ok && decoded.message.covers).toEqual(['<x@y>', '<z@y>']);
  });

  it('skips foreign mail dropped into the folder and malformed team messages, without throwing', () => {
    const foreign = Buffer.from('From: a@b.example\r\nSubject: hello\r\n\r\nJust a normal mail.\r\n');
    expect(decodeTeamMessage(foreign, null)).toMatchObject({ ok: false, problem: 'foreign' });
    expect(decodeTeamMessage(Buffer.from('garbage without headers'), null)).toMatchObject({ ok: false, problem: 'foreign' });
    const { raw } = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, null);
    expect(decodeTeamMessage(replaceHeader(raw, 'X-Switchboard-Team-Count', '2'), null)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeTeamMessage(replaceHeader(raw, 'X-Switchboard-Team-Kind', 'gossip'), null)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeTeamMessage(replaceHeader(raw, 'X-Switchboard-Team', '2'), null)).toMatchObject({ ok: false, problem: 'unsupported-version' });
    const truncated = raw.subarray(0, raw.length - 40);
    expect(decodeTeamMessage(truncated, null)).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses a whole batch when any op in it is invalid or written in another desktop\'s name', () => {
    const bad = encodeTeamMessage({ kind: 'batch', actor: node, ops: [...ops, { ...ops[0], hlc: 'yesterday' } as Op], date }, null);
    expect(decodeTeamMessage(bad.raw, null)).toMatchObject({ ok: false, problem: 'malformed' });
    const impersonating = encodeTeamMessage({ kind: 'batch', actor: node, ops: [{ ...(ops[0] as Op), actor: '00000000000000b2' }], date }, null);
    expect(decodeTeamMessage(impersonating.raw, null)).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('with a passphrase: only the same passphrase reads it, and each other case is told apart', () => {
    const { raw } = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, key);
    expect(raw.toString('latin1')).not.toContain('refund');
    expect(decodeTeamMessage(raw, key)).toMatchObject({ ok: true, message: { ops } });
    expect(decodeTeamMessage(raw, null)).toMatchObject({ ok: false, problem: 'sealed-no-passphrase' });
    expect(decodeTeamMessage(raw, otherKey)).toMatchObject({ ok: false, problem: 'sealed-other-passphrase' });
    const unsealed = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, null);
    expect(decodeTeamMessage(unsealed.raw, key)).toMatchObject({ ok: false, problem: 'unsealed-refused' });
  });

  it('detects a sealed message whose headers or body were altered', () => {
    const { raw } = encodeTeamMessage({ kind: 'batch', actor: node, ops, date }, key);
    expect(decodeTeamMessage(replaceHeader(raw, 'X-Switchboard-Team-Kind', 'snapshot'), key)).toMatchObject({ ok: false, problem: 'tampered' });
    const text = raw.toString('latin1');
    const bodyAt = text.indexOf('\r\n\r\n') + 4;
    const flipped = text.slice(0, bodyAt + 30) + (text[bodyAt + 30] === 'A' ? 'B' : 'A') + text.slice(bodyAt + 31);
    expect(decodeTeamMessage(Buffer.from(flipped, 'latin1'), key)).toMatchObject({ ok: false, problem: 'tampered' });
  });

  it('derives the key from the passphrase and the mailbox, the same on every desktop', async () => {
    const again = await deriveTeamKey('correct horse battery', 'Support@Example.test ');
    expect(again.id).toBe(key.id);
    expect(again.key.equals(key.key)).toBe(true);
    expect((await deriveTeamKey('correct horse battery', 'other@example.test')).id).not.toBe(key.id);
    expect(teamSalt('a@b').equals(teamSalt('A@B'))).toBe(true);
    await expect(deriveTeamKey('', 'a@b')).rejects.toThrow(/empty/);
  });
});
