/**
 * Team-sync messages: op batches and snapshots as RFC 5322 messages for the
 * hidden team folder of the shared mailbox.
 *
 *     Message-ID: <batch.3f9c…@00000000000000a1.team.switchboard.invalid>
 *     X-Switchboard-Team: 1
 *     X-Switchboard-Team-Kind: batch | snapshot
 *     X-Switchboard-Team-Actor: <node of the desktop that wrote it>
 *     X-Switchboard-Team-Range: <lowest HLC> <highest HLC>
 *     X-Switchboard-Team-Count: <ops>
 *     X-Switchboard-Team-Seal: none | aes-256-gcm <key id>
 *     Content-Transfer-Encoding: base64
 *
 *     base64( [seal]( gzip( {"v":1,"kind":…,"ops":[…],"covers":[…]} ) ) )
 *
 * Invariants:
 * - Decoding never throws and never half-accepts: a message is either fully
 *   valid (every op passes `opSchema`, the headers agree with the payload) or
 *   it is reported with a problem and none of it is used. The team folder is
 *   written by every desktop and readable by anyone with the mailbox
 *   password, so its content is untrusted input.
 * - With a team key, only messages sealed with that key are accepted: an
 *   unsealed message could have been written by anyone with mailbox access.
 * - The Message-ID is derived from the payload, so re-sending the same batch
 *   after a lost APPEND response produces the same Message-ID.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { Sentence } from '../../../src-preload/api.ts';
import { sentence } from '../sentences.ts';
import { isValidNode } from './hlc.ts';
import type { Op } from './ops.ts';
import { opSchema } from './ops.ts';
import type { TeamKey } from './team-crypto.ts';
import { seal, unseal } from './team-crypto.ts';

export type TeamMessageKind = 'batch' | 'snapshot';

export interface TeamMessage {
  kind: TeamMessageKind;
  actor: string;
  messageId: string;
  ops: Op[];
  /** Snapshots: Message-IDs of the messages this snapshot replaces (may be deleted by its writer). */
  covers: string[];
}

/** Why a message in the team folder was not used. */
export type TeamMessageProblem =
  | 'foreign'
  | 'malformed'
  | 'unsupported-version'
  | 'sealed-no-passphrase'
  | 'sealed-other-passphrase'
  | 'unsealed-refused'
  | 'tampered';

export type DecodeResult = { ok: true; message: TeamMessage } | { ok: false; problem: TeamMessageProblem; detail: string };

export interface EncodeInput {
  kind: TeamMessageKind;
  actor: string;
  ops: readonly Op[];
  covers?: readonly string[];
  /** Epoch ms for the Date header. */
  date: number;
}

export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;
const MAX_OPS = 200_000;
const DOMAIN = 'team.switchboard.invalid';

const payloadSchema = z.strictObject({
  v: z.number(),
  kind: z.enum(['batch', 'snapshot']),
  ops: z.array(z.unknown()).max(MAX_OPS),
  covers: z.array(z.string().min(3).max(998)).max(MAX_OPS).optional(),
});

function rfc5322Date(ms: number): string {
  // `toUTCString` gives "Thu, 01 Jan 2026 00:00:00 GMT"; RFC 5322 prefers a numeric zone.
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}

function hlcRange(ops: readonly Op[]): string {
  if (ops.length === 0) return '-';
  let lo = ops[0]?.hlc ?? '';
  let hi = lo;
  for (const op of ops) {
    if (op.hlc < lo) lo = op.hlc;
    if (op.hlc > hi) hi = op.hlc;
  }
  return `${lo} ${hi}`;
}

function authenticatedData(h: { kind: string; actor: string; messageId: string; range: string; count: string }): string {
  return ['switchboard-team-v1', h.kind, h.actor, h.messageId, h.range, h.count].join('|');
}

function wrapBase64(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

export function encodeTeamMessage(input: EncodeInput, key: TeamKey | null): { raw: Buffer; messageId: string } {
  if (!isValidNode(input.actor)) throw new Error(`Not a node id: ${input.actor}`);
  const payload = { v: 1, kind: input.kind, ops: input.ops, ...(input.kind === 'snapshot' ? { covers: input.covers ?? [] } : {}) };
  const json = Buffer.from(JSON.stringify(payload), 'utf8');
  const digest = crypto.createHash('sha256').update(json).digest('hex').slice(0, 32);
  const messageId = `<${input.kind}.${digest}@${input.actor}.${DOMAIN}>`;
  const range = hlcRange(input.ops);
  const count = String(input.ops.length);
  const gz = zlib.gzipSync(json);
  const body = key ? seal(key, gz, authenticatedData({ kind: input.kind, actor: input.actor, messageId, range, count })) : gz;
  const headers = [
    'From: Switchboard team sync <team-sync@switchboard.invalid>',
    'To: Switchboard team sync <team-sync@switchboard.invalid>',
    `Subject: Switchboard team sync (${input.kind}) - please do not delete`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: application/x-switchboard-team',
    'Content-Transfer-Encoding: base64',
    'X-Switchboard-Team: 1',
    `X-Switchboard-Team-Kind: ${input.kind}`,
    `X-Switchboard-Team-Actor: ${input.actor}`,
    `X-Switchboard-Team-Range: ${range}`,
    `X-Switchboard-Team-Count: ${count}`,
    `X-Switchboard-Team-Seal: ${key ? `aes-256-gcm ${key.id}` : 'none'}`,
  ];
  return { raw: Buffer.from(`${headers.join('\r\n')}\r\n\r\n${wrapBase64(body)}\r\n`, 'utf8'), messageId };
}

/** Header name (lower case) → unfolded value; the first occurrence wins. */
function parseHeaders(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim());
  }
  return out;
}

function splitMessage(raw: Buffer): { head: string; body: string } | null {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return null;
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

const fail = (problem: TeamMessageProblem, detail: string): DecodeResult => ({ ok: false, problem, detail });

export function decodeTeamMessage(raw: Buffer, key: TeamKey | null): DecodeResult {
  if (raw.length > MAX_MESSAGE_BYTES) return fail('malformed', `message of ${raw.length} bytes is larger than the limit`);
  const parts = splitMessage(raw);
  if (!parts) return fail('foreign', 'no header/body separator');
  const h = parseHeaders(parts.head);
  if (h.get('x-switchboard-team') === undefined) return fail('foreign', 'not a Switchboard team-sync message');
  if (h.get('x-switchboard-team') !== '1') return fail('unsupported-version', `team-sync format ${h.get('x-switchboard-team')}`);
  const kind = h.get('x-switchboard-team-kind');
  const actor = h.get('x-switchboard-team-actor') ?? '';
  const messageId = h.get('message-id') ?? '';
  const range = h.get('x-switchboard-team-range') ?? '';
  const count = h.get('x-switchboard-team-count') ?? '';
  const sealHeader = h.get('x-switchboard-team-seal') ?? '';
  if (kind !== 'batch' && kind !== 'snapshot') return fail('malformed', `unknown kind "${kind ?? ''}"`);
  if (!isValidNode(actor)) return fail('malformed', 'bad actor header');
  if (!/^<[^<>\s]{1,900}>$/.test(messageId)) return fail('malformed', 'bad Message-ID');
  if (!/^\d{1,7}$/.test(count)) return fail('malformed', 'bad count header');

  let data: Buffer = Buffer.from(parts.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  const sealMatch = /^aes-256-gcm ([0-9a-f]{16})$/.exec(sealHeader);
  if (sealMatch) {
    if (!key) return fail('sealed-no-passphrase', 'sealed with a team passphrase; this desktop has none');
    if (sealMatch[1] !== key.id) return fail('sealed-other-passphrase', 'sealed with a different team passphrase');
    const opened = unseal(key, data, authenticatedData({ kind, actor, messageId, range, count }));
    if (!opened) return fail('tampered', 'the seal does not verify: altered or forged');
    data = opened;
  } else if (sealHeader === 'none') {
    if (key) return fail('unsealed-refused', 'not sealed, but this team uses a passphrase');
  } else {
    return fail('malformed', `unknown seal "${sealHeader}"`);
  }

  let json: unknown;
  try {
    json = JSON.parse(zlib.gunzipSync(data, { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8'));
  } catch (err) {
    return fail('malformed', `payload is not gzip'd JSON: ${(err as Error).message}`);
  }
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) return fail('malformed', `payload: ${payload.error.issues[0]?.message ?? 'invalid'}`);
  if (payload.data.v !== 1) return fail('unsupported-version', `payload version ${payload.data.v}`);
  if (payload.data.kind !== kind) return fail('malformed', 'payload kind differs from the header');
  const ops: Op[] = [];
  for (const [i, candidate] of payload.data.ops.entries()) {
    const op = opSchema.safeParse(candidate);
    if (!op.success) return fail('malformed', `op ${i}: ${op.error.issues[0]?.message ?? 'invalid'}`);
    // A batch carries only its writer's own changes; a snapshot carries everyone's winners.
    if (kind === 'batch' && op.data.actor !== actor) return fail('malformed', `op ${i} is by another actor than the batch`);
    ops.push(op.data);
  }
  if (String(ops.length) !== count || hlcRange(ops) !== range) return fail('malformed', 'headers do not match the payload');
  return { ok: true, message: { kind, actor, messageId, ops, covers: payload.data.covers ?? [] } };
}

/** A plain-words explanation for the health line. */
export function describeProblem(problem: TeamMessageProblem): Sentence {
  switch (problem) {
    case 'sealed-no-passphrase':
      return sentence('teamNoPassphrase');
    case 'sealed-other-passphrase':
      return sentence('teamOtherPassphrase');
    case 'unsealed-refused':
      return sentence('teamUnsealedRefused');
    case 'tampered':
      return sentence('teamTampered');
    case 'unsupported-version':
      return sentence('teamNewerVersion');
    case 'malformed':
    case 'foreign':
      return sentence('teamForeign');
  }
}
