/**
 * Delivery status notifications (RFC 3464 bounces) read straight from the
 * raw message: mailparser folds the machine-readable part away, and that part
 * is what links a bounce to the mail it reports. Never throws: anything that
 * is not a recognisable DSN returns null.
 */

export interface BounceRecipient {
  address: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  /** Enhanced status code, e.g. "5.1.1". */
  status: string | null;
  diagnostic: string | null;
  /** The status in plain words for the audit log. */
  explanation: string;
}

export interface Bounce {
  /** Message-ID (without <>) of the mail that bounced, when the report quotes it. */
  originalMessageId: string | null;
  recipients: BounceRecipient[];
  /** True when at least one recipient failed permanently. */
  permanent: boolean;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
  }
  return headers;
}

function splitPart(text: string): Part {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { headers: parseHeaders(text), body: '' };
  return { headers: parseHeaders(text.slice(0, m.index)), body: text.slice(m.index + m[0].length) };
}

function param(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function mediaType(headers: Map<string, string>): string {
  return (headers.get('content-type') ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
}

function children(part: Part): Part[] {
  const boundary = param(part.headers.get('content-type'), 'boundary');
  if (!boundary) return [];
  const pieces = part.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
  return pieces.slice(1).filter((p) => p.trim().length > 0).map(splitPart);
}

function allParts(root: Part, depth = 0): Part[] {
  if (depth > 8) return [root];
  return [root, ...children(root).flatMap((c) => allParts(c, depth + 1))];
}

const explanations: Array<[RegExp, string]> = [
  [/^5\.1\.1$/, 'The address does not exist at the recipient’s mail server.'],
  [/^5\.1\.2$/, 'The recipient’s domain does not exist or has no mail server.'],
  [/^5\.1\.\d+$/, 'The recipient address is not valid.'],
  [/^5\.2\.1$/, 'The recipient’s mailbox is disabled.'],
  [/^[45]\.2\.2$/, 'The recipient’s mailbox is full.'],
  [/^5\.3\.4$/, 'The message is larger than the recipient’s server accepts.'],
  [/^5\.7\.\d+$/, 'The recipient’s server refused the message (policy or spam filter).'],
  [/^4\.4\.7$/, 'Delivery kept failing and the server gave up.'],
  [/^4\./, 'Delivery is delayed; the server is still trying.'],
  [/^5\./, 'The message could not be delivered.'],
  [/^2\./, 'The message was delivered.'],
];

function explain(action: string, status: string | null): string {
  if (status) for (const [re, text] of explanations) if (re.test(status)) return text;
  if (action === 'delayed') return 'Delivery is delayed; the server is still trying.';
  if (action === 'failed') return 'The message could not be delivered.';
  return 'The server reported on the delivery of this message.';
}

function stripType(value: string | undefined): string | null {
  if (!value) return null;
  const i = value.indexOf(';');
  return (i >= 0 ? value.slice(i + 1) : value).trim().replace(/^<|>$/g, '') || null;
}

export function parseBounce(raw: Buffer | string): Bounce | null {
  try {
    const root = splitPart(typeof raw === 'string' ? raw : raw.toString('latin1'));
    const contentType = root.headers.get('content-type') ?? '';
    if (mediaType(root.headers) !== 'multipart/report' || (param(contentType, 'report-type') ?? '').toLowerCase() !== 'delivery-status') return null;
    const parts = allParts(root);
    const status = parts.find((p) => mediaType(p.headers) === 'message/delivery-status');
    if (!status) return null;
    const blocks = status.body.split(/\r?\n[ \t]*\r?\n/).map((b) => parseHeaders(b)).filter((h) => h.size > 0);
    const recipients: BounceRecipient[] = blocks
      .filter((h) => h.has('final-recipient') || h.has('original-recipient'))
      .map((h) => {
        const action = (h.get('action') ?? 'failed').toLowerCase();
        const code = h.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? null;
        return {
          address: stripType(h.get('final-recipient') ?? h.get('original-recipient')) ?? '',
          action,
          status: code,
          diagnostic: stripType(h.get('diagnostic-code')),
          explanation: explain(action, code),
        };
      });
    const original = parts.find((p) => ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(mediaType(p.headers)));
    const originalHeaders = original ? splitPart(original.body).headers : null;
    const originalMessageId = originalHeaders?.get('message-id')?.match(/<([^>]+)>/)?.[1] ?? originalHeaders?.get('message-id')?.trim() ?? null;
    return {
      originalMessageId: originalMessageId || null,
      recipients,
      permanent: recipients.some((r) => r.action === 'failed' && (r.status === null || r.status.startsWith('5'))),
    };
  } catch {
    return null;
  }
}
