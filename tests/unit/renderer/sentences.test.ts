/**
 * Core says what went wrong by key; the renderer says it in the agent's
 * language. Core's English (its log) and the renderer's English must be one text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sentence, SentenceKey } from '../../../src-preload/api.ts';
import { classifyConnectionError, classifyLocalError } from '../../../src-main/core/sync/classify-error.ts';
import { ENGLISH_SENTENCES, sentence } from '../../../src-main/core/sentences.ts';
import { de } from '../../../src-renderer/i18n/de.ts';
import { en } from '../../../src-renderer/i18n/en.ts';
import { say, setLocale } from '../../../src-renderer/i18n/i18n.ts';

afterEach(() => setLocale('en'));

describe('sentences core sends by key', () => {
  it('read in the renderer exactly as core logs them, for every key', () => {
    const keys = Object.keys(ENGLISH_SENTENCES) as SentenceKey[];
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(en[`sentence.${key}`], key).toBe(ENGLISH_SENTENCES[key]);
    const rendererKeys = Object.keys(en).filter((k) => k.startsWith('sentence.'));
    expect(rendererKeys.sort()).toEqual(keys.map((k) => `sentence.${k}`).sort());
  });

  it('covers what core says about failed calls, unsent mail, draft checks, imports, searches and notifications, in one registry', () => {
    const keys = Object.keys(ENGLISH_SENTENCES);
    for (const key of [
      'conversationGone', 'draftGone', 'tooLateToUndo', 'attachmentsTooLarge', 'recipientRefused', 'smtpRefused', 'snoozeEnded', 'bouncedTitle',
      'invalidAddressInTo', 'placeholderUnknown', 'csvTooManyFields', 'searchNotADate',
    ]) {
      expect(keys, key).toContain(key);
    }
    // One English sentence, one key: the same words under two keys would be translated twice, and drift.
    const texts = Object.values(ENGLISH_SENTENCES);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('German keeps every placeholder of the English, so no value is lost or left as {name}', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(ENGLISH_SENTENCES) as SentenceKey[]) {
      expect(placeholders(de[`sentence.${key}`]), key).toEqual(placeholders(ENGLISH_SENTENCES[key]));
    }
  });

  it('a refused connection reads in German with its host and port as typed', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10143'), { code: 'ECONNREFUSED' });
    const c = classifyConnectionError(refused, { protocol: 'imap', host: 'imap.example.de', port: 10143 });
    expect(say(c.message)).toBe('imap.example.de refused the connection on port 10143. Check the port and security settings.');
    setLocale('de');
    // A port is a name, not an amount: never "10.143".
    expect(say(c.message)).toBe('imap.example.de hat die Verbindung auf Port 10143 abgelehnt. Prüfen Sie Port und Sicherheitseinstellung.');
  });

  it('a full disk and a bug in Switchboard read in German too', () => {
    setLocale('de');
    const full = classifyLocalError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(full && say(full.message)).toMatch(/^Der Datenträger ist voll/);
    const bug = classifyLocalError(new TypeError("Cannot read properties of undefined (reading 'uid')"));
    expect(bug && say(bug.message)).toMatch(/^In Switchboard selbst ist ein Fehler aufgetreten/);
  });

  it('sizes read as the agent\'s locale writes them: byte counts travel, each side words them', () => {
    const tooLarge = sentence('attachmentsTooLarge', { file: 'Rechnung.pdf', totalBytes: String(Math.round(27.4 * 1_048_576)), maxBytes: String(25 * 1_048_576) });
    expect(tooLarge.text).toBe('With “Rechnung.pdf” the attachments would add up to 27.4 MB; at most 25 MB can be sent.');
    expect(say(tooLarge)).toBe(tooLarge.text);
    setLocale('de');
    expect(say(tooLarge)).toBe('Mit „Rechnung.pdf“ kämen die Anhänge auf 27,4 MB; gesendet werden können höchstens 25 MB.');
    const overLimit = sentence('messageOverServerLimit', { sizeBytes: '1234567', maxBytes: '20000' });
    expect(overLimit.text).toMatch(/^The message is about 1.2 MB .* at most 20 KB\./);
    expect(say(overLimit)).toMatch(/^Die Mail ist mit ihren Anhängen etwa 1,2 MB groß; der Mailserver nimmt höchstens 20 KB an\./);
  });

  it('a key this renderer does not know shows core English rather than nothing', () => {
    setLocale('de');
    const fromNewerCore = { key: 'quotaExceeded', vars: {}, text: 'The mailbox is over its quota.' } as unknown as Sentence;
    expect(say(fromNewerCore)).toBe('The mailbox is over its quota.');
    expect(say(sentence('authRejected'))).toBe('Der Server hat Benutzername oder Passwort abgelehnt.');
  });
});
