/**
 * Subject normalization: the "base subject" two mails must share before the
 * guarded subject fallback (thread-keys.ts, rule 3) may link them.
 *
 * Invariant: `normalizeSubject` is a pure function of the subject string, so
 * every desktop derives the same base. It follows RFC 5256 §2.1 (base subject)
 * and extends it with the reply/forward prefixes real mailers write:
 *
 * 1. Unicode NFKC (full-width "Ｒｅ：" becomes "Re:"), our `[#TOKEN]` markers
 *    removed, runs of whitespace collapsed, trimmed.
 * 2. Repeatedly, until nothing changes:
 *    - a trailing "(fwd)" / "(fw)" is removed (counts as forward);
 *    - a leading reply/forward prefix is removed (counts as reply): one of
 *      REPLY_PREFIXES, case-insensitive, with an optional counter ("Re[2]:",
 *      "Re(2):", "Re^2:"), optional spaces before the colon ("Re :", French);
 *    - a leading "[list-tag]" is removed when text remains after it (RFC 5256
 *      subj-blob; "[xyz]" alone stays "[xyz]"); a tag alone is not a reply;
 *    - a wrapper "[Fwd: …]" is unwrapped (counts as forward).
 * 3. Lower-cased with the locale-independent `toLowerCase`.
 *
 * Only leading prefixes count: "Ad: Re: Ad: x" keeps its inner "Re:" (RFC 5256
 * test data, imaptest thread-orderedsubject message 14). A base of "" or a
 * placeholder such as "(no subject)" is never used for linking.
 */
import { stripTokens } from './ticket-token.ts';

/**
 * Reply and forward prefixes by language. Each must be followed by a colon to
 * count, so "Rewards: x" or "Trust: x" keep their first word.
 */
export const REPLY_PREFIXES: readonly string[] = [
  're', 'fwd', 'fw', // English
  'aw', 'wg', 'antwort', // German (Antwort, Weitergeleitet)
  'sv', 'vs', 'vb', // Scandinavian (Svar, Vidarebefordrat), Finnish (Vastaus)
  'antw', 'doorst', // Dutch
  'odp', 'pd', // Polish (Odpowiedź, Przekaż dalej)
  'res', 'enc', 'rv', // Portuguese/Spanish (Resposta, Encaminhado, Reenviado)
  'tr', // French (Transféré)
  'ynt', 'ilt', 'İlt', // Turkish (Yanıt, İlet); İ has no one-letter lower case, so both spellings
  // Not "Ref:"/"Réf:"/"Rif:": customers start fresh mails with "Ref: order 5567".
  'απ', 'σχετ', 'πρθ', // Greek
  'отв', 'пересл', // Russian
  '回复', '答复', '回覆', '转发', '轉寄', '轉發', // Chinese
  '返信', '転送', // Japanese
  '회신', '전달', // Korean
];

const PLACEHOLDER_SUBJECTS = new Set(['', '(no subject)', 'no subject', '(none)']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const prefixAlternation = [...REPLY_PREFIXES]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
const LEADING_REPLY = new RegExp(`^(?:${prefixAlternation})\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*:\\s*`, 'iu');
const TRAILING_FWD = /\s*\((?:fwd|fw)\)\s*$/i;
const LEADING_BLOB = /^\[[^[\]]*\]\s*/;
const FWD_WRAPPER = /^\[(?:fwd|fw):\s*(.*)\]$/i;

export interface NormalizedSubject {
  /** Lower-cased base subject; "" when nothing is left. */
  base: string;
  /** True when a reply or forward marker was removed. */
  isReplyOrForward: boolean;
}

export function normalizeSubject(subject: string): NormalizedSubject {
  let s = stripTokens(subject.normalize('NFKC'));
  let isReplyOrForward = false;
  for (;;) {
    const before = s;
    const trailer = s.replace(TRAILING_FWD, '');
    if (trailer !== s) {
      s = trailer.trim();
      isReplyOrForward = true;
    }
    const reply = s.replace(LEADING_REPLY, '');
    if (reply !== s) {
      s = reply;
      isReplyOrForward = true;
    }
    const blob = s.replace(LEADING_BLOB, '');
    if (blob !== s && blob.length > 0) s = blob;
    const wrapped = FWD_WRAPPER.exec(s);
    if (wrapped) {
      s = (wrapped[1] ?? '').trim();
      isReplyOrForward = true;
    }
    if (s === before) break;
  }
  return { base: s.toLowerCase(), isReplyOrForward };
}

/** True for a base such as "" or "(no subject)" that says nothing about the topic and must never link. */
export function isPlaceholderBase(base: string): boolean {
  return PLACEHOLDER_SUBJECTS.has(base);
}
