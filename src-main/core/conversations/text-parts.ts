/**
 * Splits a plain-text body into what the person wrote, what they quoted, and
 * their signature, so the reading view can fold the last two.
 *
 * Invariant: every non-blank line of the input lands in exactly one part, in
 * order; parts only lose blank lines at their edges. Folding may hide text,
 * never drop it.
 *
 * Rules, in order:
 * 1. A reply header ("On … wrote:", "Am … schrieb …:", "Le … a écrit :",
 *    "El … escribió:", "Em … escreveu:", "W dniu … pisze:", "Den … skrev …:",
 *    "-----Original Message-----" and its translations, an Outlook
 *    "From: … / Sent: …" block) starts the quoted history: from there to the
 *    end is one quote. A header may wrap onto a second line.
 * 2. Otherwise every run of ">" lines is a quote (interleaved replies keep
 *    their answers between the quotes); an attribution line right above a run
 *    joins it.
 * 3. In what the person wrote, a "-- " line starts the signature (RFC 3676).
 *    In agents' replies (`signOffs`), a closing such as "Best regards," or
 *    "Mit freundlichen Grüßen" followed by at most five short lines does too.
 */
import type { TextPart } from '../../../src-preload/api.ts';

const REPLY_HEADERS: readonly RegExp[] = [
  /^\s*On\b.{0,300}\bwrote\s*:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i,
  /^\s*Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^\s*El\b.{0,300}\bescribió\s*:\s*$/i,
  /^\s*Em\b.{0,300}\bescreveu\s*:\s*$/i,
  /^\s*W dniu\b.{0,300}\bpisze\s*:\s*$/i,
  /^\s*(Den|På)\b.{0,300}\bskrev\b.{0,200}:\s*$/i,
  /^\s*Op\b.{0,300}\bschreef\b.{0,200}:\s*$/i,
  /^\s*Il giorno\b.{0,300}\bha scritto\s*:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Mensagem original|Wiadomość oryginalna|Oprindelig meddelelse|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message:\s*$/i,
];
const OUTLOOK_FROM = /^\s*\*?(From|Von|De|Od|Fra|Van|Da)\s*:\*?\s+\S/i;
const OUTLOOK_NEXT = /^\s*\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Wysłano|Data|Sendt|Verzonden|Inviato|To|An|À|Para|Do|Til|Aan|A)\s*:\*?\s/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const QUOTE_LINE = /^\s*>/;
const ATTRIBUTION = /^\s*.{0,300}(wrote|schrieb|a écrit|escribió|escreveu|pisze|skrev|schreef|ha scritto)\b.{0,200}:\s*$/i;
const SIG_DASHES = /^-- ?$/;
const SIGN_OFF =
  /^\s*(best( regards)?|kind regards|regards|many thanks|thanks( again)?|thank you|cheers|all the best|sincerely|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|cordialement|bien à vous|bien cordialement|saludos( cordiales)?|atentamente|un saludo|atenciosamente|cumprimentos|abraços|pozdrawiam|z poważaniem|med venlig hilsen|venlig hilsen|mvh|hilsen)[\s,.!]*$/i;
const MAX_SIGNATURE_TAIL = 5;

function isReplyHeader(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (REPLY_HEADERS.some((re) => re.test(line))) return true;
  const joined = `${line} ${lines[i + 1] ?? ''}`;
  if (line.trim() !== '' && REPLY_HEADERS.slice(0, 9).some((re) => re.test(joined))) return true;
  if (OUTLOOK_FROM.test(line) && OUTLOOK_NEXT.test(lines[i + 1] ?? '')) return i === 0 || (lines[i - 1] ?? '').trim() === '' || OUTLOOK_RULE.test(lines[i - 1] ?? '');
  return false;
}

function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (isReplyHeader(lines, i)) return i > 0 && OUTLOOK_RULE.test(lines[i - 1] ?? '') ? i - 1 : i;
  }
  return -1;
}

function signatureStart(lines: readonly string[], signOffs: boolean): number {
  for (let i = lines.length - 1; i >= 0; i--) if (SIG_DASHES.test(lines[i] ?? '')) return i;
  if (!signOffs) return -1;
  const nonBlank = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '');
  for (let k = Math.max(0, nonBlank.length - MAX_SIGNATURE_TAIL - 1); k < nonBlank.length; k++) {
    const [line, index] = nonBlank[k] as readonly [string, number];
    const tail = nonBlank.slice(k + 1);
    if (SIGN_OFF.test(line) && k > 0 && tail.every(([l]) => l.trim().length <= 80)) return index;
  }
  return -1;
}

function trimBlankEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function push(parts: TextPart[], kind: TextPart['kind'], lines: readonly string[]): void {
  const kept = trimBlankEdges(lines);
  if (kept.length === 0) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += `\n\n${kept.join('\n')}`;
  else parts.push({ kind, text: kept.join('\n') });
}

/** Body lines with their ">" runs marked as quotes (rule 2). */
function splitInlineQuotes(lines: readonly string[]): Array<{ kind: 'body' | 'quote'; lines: string[] }> {
  const runs: Array<{ kind: 'body' | 'quote'; lines: string[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const quoted = QUOTE_LINE.test(line) || (ATTRIBUTION.test(line) && QUOTE_LINE.test(lines[i + 1] ?? ''));
    const kind = quoted ? 'quote' : 'body';
    const last = runs[runs.length - 1];
    // A blank line between two quoted lines stays inside the quote.
    if (!quoted && line.trim() === '' && last?.kind === 'quote' && QUOTE_LINE.test(lines[i + 1] ?? '')) {
      last.lines.push(line);
      continue;
    }
    if (last && last.kind === kind) last.lines.push(line);
    else runs.push({ kind, lines: [line] });
  }
  return runs;
}

export interface TextPartOptions {
  /** Detect sign-off signatures too (agents' replies end in a known shape). */
  signOffs?: boolean;
}

export function splitTextParts(text: string, options: TextPartOptions = {}): TextPart[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  const own = start >= 0 ? lines.slice(0, start) : lines;
  const history = start >= 0 ? lines.slice(start) : [];

  const runs = splitInlineQuotes(own);
  const lastBody = runs.map((r) => r.kind).lastIndexOf('body');
  const parts: TextPart[] = [];
  runs.forEach((run, index) => {
    if (run.kind === 'body' && index === lastBody) {
      // Only a signature at the very end of the fresh text counts, not one quoted above an answer.
      const trailingQuote = runs.slice(index + 1).some((r) => r.kind === 'quote');
      const sig = trailingQuote && start < 0 ? -1 : signatureStart(run.lines, options.signOffs === true);
      if (sig >= 0) {
        push(parts, 'body', run.lines.slice(0, sig));
        push(parts, 'signature', run.lines.slice(sig));
        return;
      }
    }
    push(parts, run.kind, run.lines);
  });
  push(parts, 'quote', history);
  return parts;
}
