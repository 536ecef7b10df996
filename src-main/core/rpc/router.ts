/**
 * Turns one incoming message (any bytes from a renderer) into exactly one
 * answer, and never throws: a broken envelope gets `rejected`, an unknown
 * method or bad params a typed `bad-request`/`unknown-method` result, a
 * handler failure a typed error. Core keeps serving whatever arrives.
 */
import type { DeskError, DeskErrorCode, DeskMethodName, DeskParams, DeskResult, Sentence, ServerMessage } from '../../../src-preload/api.ts';
import type { Logger } from '../log.ts';
import { callEnvelope, describeIssues, isMethodName, paramSchemas } from './schemas.ts';

export type Handlers = {
  [M in DeskMethodName]: (params: DeskParams<M>) => Promise<DeskResult<M>> | DeskResult<M>;
};

/**
 * Thrown by handlers for failures the renderer should show as such. It says
 * what went wrong as a sentence by key (core/sentences.ts), so the agent reads
 * it in their own language; its English is the error's message, for the log.
 * `{ untranslated }` is for text assembled at run time that has no key (a
 * schema's validation messages): it reaches the agent as it is, in English.
 */
export class DeskFailure extends Error {
  readonly code: DeskErrorCode;
  /** Null for untranslated text. */
  readonly sentence: Sentence | null;
  constructor(code: DeskErrorCode, said: Sentence | { untranslated: string }) {
    super('key' in said ? said.text : said.untranslated);
    this.name = 'DeskFailure';
    this.code = code;
    this.sentence = 'key' in said ? said : null;
  }
}

export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

function rejected(error: DeskError): ServerMessage {
  return { kind: 'rejected', error };
}

function parseRaw(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof raw !== 'string') return { ok: true, value: raw };
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

export async function dispatch(handlers: Handlers, raw: unknown, log: Logger): Promise<ServerMessage> {
  const parsed = parseRaw(raw);
  if (!parsed.ok) {
    log.warn('rejected message that is not JSON');
    return rejected({ code: 'bad-request', message: 'The message is not valid JSON.' });
  }
  const envelope = callEnvelope.safeParse(parsed.value);
  if (!envelope.success) {
    const issues = describeIssues(envelope.error, 'message');
    log.warn('rejected malformed envelope', { issues });
    return rejected({ code: 'bad-request', message: 'The message is not a valid call.', issues });
  }
  const { id, method, params } = envelope.data;
  if (!isMethodName(method)) {
    log.warn('unknown method', { method });
    return { kind: 'result', id, result: { ok: false, error: { code: 'unknown-method', message: `Core has no method called "${method}".` } } };
  }
  const checked = paramSchemas[method].safeParse(params);
  if (!checked.success) {
    const issues = describeIssues(checked.error, 'params');
    log.warn('invalid params', { method, issues });
    return { kind: 'result', id, result: { ok: false, error: { code: 'bad-request', message: `Invalid parameters for ${method}.`, issues } } };
  }
  try {
    // The schema map guarantees `checked.data` matches this method's params.
    const handler = handlers[method] as (p: unknown) => unknown;
    const value = await handler(checked.data);
    return { kind: 'result', id, result: { ok: true, value } };
  } catch (err) {
    if (err instanceof DeskFailure) {
      const error: DeskError = err.sentence ? { code: err.code, message: err.message, sentence: err.sentence } : { code: err.code, message: err.message };
      return { kind: 'result', id, result: { ok: false, error } };
    }
    log.error('handler failed', { method, err });
    return { kind: 'result', id, result: { ok: false, error: { code: 'internal', message: `Something went wrong in ${method}. Details are in the log.` } } };
  }
}
