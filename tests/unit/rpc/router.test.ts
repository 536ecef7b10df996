import { describe, expect, it, vi } from 'vitest';
import type { AccountSettingsInput, ServerMessage } from '../../../src-preload/api.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { DeskFailure, dispatch } from '../../../src-main/core/rpc/router.ts';
import type { Handlers } from '../../../src-main/core/rpc/router.ts';
import { paramSchemas } from '../../../src-main/core/rpc/schemas.ts';
import { sentence } from '../../../src-main/core/sentences.ts';

const unused = () => {
  throw new Error('not called in this test');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  // Every method of the contract, failing if called: a test names the ones it uses.
  const all = Object.fromEntries(Object.keys(paramSchemas).map((method) => [method, unused])) as unknown as Handlers;
  return {
    ...all,
    'app.info': () => ({ version: '1', mode: 'browser', secretStorage: 'encrypted-file', dataDir: '/tmp/x', hasWorkspace: false }),
    'accounts.list': () => [],
    ...overrides,
  };
}

const goodSettings: AccountSettingsInput = {
  name: 'Support',
  email: 'support@example.test',
  imap: { host: 'imap.example.test', port: 993, security: 'tls', user: 'support', password: 'pw' },
  smtp: { host: 'smtp.example.test', port: 465, security: 'tls', user: 'support', password: 'pw' },
};

function errorOf(reply: ServerMessage) {
  if (reply.kind === 'rejected') return reply.error;
  if (reply.kind === 'result' && !reply.result.ok) return reply.result.error;
  throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
}

describe('dispatch', () => {
  it('answers a valid call with its value', async () => {
    const reply = await dispatch(handlers(), JSON.stringify({ kind: 'call', id: 7, method: 'accounts.list', params: {} }), silentLogger);
    expect(reply).toEqual({ kind: 'result', id: 7, result: { ok: true, value: [] } });
  });

  it('rejects text that is not JSON', async () => {
    expect(errorOf(await dispatch(handlers(), '{"kind":', silentLogger)).code).toBe('bad-request');
  });

  it('rejects an envelope without an id, or with extra fields', async () => {
    expect(errorOf(await dispatch(handlers(), { kind: 'call', method: 'app.info', params: {} }, silentLogger)).code).toBe('bad-request');
    const extra = await dispatch(handlers(), { kind: 'call', id: 1, method: 'app.info', params: {}, evil: true }, silentLogger);
    expect(extra.kind).toBe('rejected');
  });

  it('answers an unknown method with unknown-method, keeping the id', async () => {
    const reply = await dispatch(handlers(), { kind: 'call', id: 3, method: 'fs.readFile', params: {} }, silentLogger);
    expect(reply.kind === 'result' && reply.id).toBe(3);
    expect(errorOf(reply).code).toBe('unknown-method');
  });

  it('never calls a handler with invalid params, and says which field is wrong', async () => {
    const test = vi.fn();
    const bad = { ...goodSettings, imap: { ...goodSettings.imap, port: '993' } };
    const reply = await dispatch(handlers({ 'accounts.test': test }), { kind: 'call', id: 4, method: 'accounts.test', params: bad }, silentLogger);
    const error = errorOf(reply);
    expect(error.code).toBe('bad-request');
    expect(error.issues?.some((i) => i.startsWith('params.imap.port'))).toBe(true);
    expect(test).not.toHaveBeenCalled();
  });

  it('moves mail by message or by conversation, never both or neither', async () => {
    const move = vi.fn((_params: unknown) => ({ undo: [] }));
    const call = (id: number, params: unknown) => dispatch(handlers({ 'messages.move': move }), { kind: 'call', id, method: 'messages.move', params }, silentLogger);
    expect(await call(1, { ids: [4, 5], to: 'trash' })).toEqual({ kind: 'result', id: 1, result: { ok: true, value: { undo: [] } } });
    expect(await call(2, { conversationIds: [9], to: 'inbox' })).toEqual({ kind: 'result', id: 2, result: { ok: true, value: { undo: [] } } });
    for (const [id, params] of [
      [3, { ids: [4], conversationIds: [9], to: 'trash' }],
      [4, { to: 'trash' }],
      [5, { conversationIds: [], to: 'junk' }],
      [6, { conversationIds: [9], to: 'sent' }],
    ] as const) {
      expect(errorOf(await call(id, params)).code).toBe('bad-request');
    }
    expect(move.mock.calls.map(([params]) => params)).toEqual([{ ids: [4, 5], to: 'trash' }, { conversationIds: [9], to: 'inbox' }]);
  });

  it('rejects prototype-polluting method names', async () => {
    const reply = await dispatch(handlers(), { kind: 'call', id: 5, method: '__proto__', params: {} }, silentLogger);
    expect(errorOf(reply).code).toBe('unknown-method');
  });

  it('turns a DeskFailure into its typed error and any other throw into internal', async () => {
    const typed = await dispatch(handlers({ 'accounts.list': () => { throw new DeskFailure('not-found', sentence('accountGone')); } }), { kind: 'call', id: 1, method: 'accounts.list', params: {} }, silentLogger);
    // The sentence goes along by key, for the agent's language; the message stays English, for logs and older renderers.
    expect(errorOf(typed)).toEqual({
      code: 'not-found',
      message: 'That account no longer exists.',
      sentence: { key: 'accountGone', vars: {}, text: 'That account no longer exists.' },
    });
    const crash = await dispatch(handlers({ 'accounts.list': () => { throw new TypeError('boom'); } }), { kind: 'call', id: 2, method: 'accounts.list', params: {} }, silentLogger);
    expect(errorOf(crash).code).toBe('internal');
    expect(errorOf(crash).message).not.toContain('boom');
    expect(errorOf(crash).sentence).toBeUndefined();
  });

  it('sends a sentence with its values, and untranslated text without one', async () => {
    const refused = () => { throw new DeskFailure('bad-request', sentence('attachmentEmpty', { file: 'rechnung.pdf' })); };
    const reply = await dispatch(handlers({ 'accounts.list': refused }), { kind: 'call', id: 1, method: 'accounts.list', params: {} }, silentLogger);
    expect(errorOf(reply)).toMatchObject({ message: '“rechnung.pdf” is empty.', sentence: { key: 'attachmentEmpty', vars: { file: 'rechnung.pdf' } } });
    const assembled = () => { throw new DeskFailure('bad-request', { untranslated: 'A status label cannot be empty.' }); };
    const plain = errorOf(await dispatch(handlers({ 'accounts.list': assembled }), { kind: 'call', id: 2, method: 'accounts.list', params: {} }, silentLogger));
    expect(plain).toEqual({ code: 'bad-request', message: 'A status label cannot be empty.' });
  });
});
