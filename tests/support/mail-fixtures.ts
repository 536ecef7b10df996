/**
 * Test mail: small hand-built RFC 5322 messages (written out byte for byte, so
 * a parser test is not checking one library against itself), the shared
 * real-world corpora, and an account row to hang messages on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpora live next to the project, never inside it (see corpora/README.md). */
export const corporaDir = path.resolve(projectRoot, '../shared/corpora');
export const parserFixturesDir = path.join(corporaDir, 'parser-fixtures');
/**
 * The corpora are shipped beside the checkout (CI has them); a bare clone
 * elsewhere does not. Corpus tests skip then, and say why.
 */
export const parserFixturesPresent = fs.existsSync(parserFixturesDir);
if (!parserFixturesPresent) console.warn(`parser-fixtures corpus not found at ${parserFixturesDir}: its tests are skipped`);

export interface MailAttachmentSpec {
  filename: string;
  contentType: string;
  content: Buffer | string;
  /** Content-ID without brackets: makes it an inline part. */
  cid?: string;
}

export interface MailSpec {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  /** null: no Date header. */
  date?: Date | string | null;
  /** Without brackets; null: no Message-ID header. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  attachments?: MailAttachmentSpec[];
  /** Extra header lines, verbatim. */
  headers?: string[];
}

let counter = 0;

function base64Lines(content: Buffer | string): string {
  return Buffer.from(content).toString('base64').replace(/.{76}/g, '$&\r\n');
}

/** A UTF-8 message; multipart/alternative and/or multipart/mixed as the spec needs. */
export function buildMail(spec: MailSpec = {}): Buffer {
  counter++;
  const date = spec.date === undefined ? new Date(Date.UTC(2025, 0, 1, 12, 0, 0) + counter * 60_000) : spec.date;
  const head: string[] = [
    `From: ${spec.from ?? 'Customer <customer@shop.example>'}`,
    `To: ${spec.to ?? 'Support <support@example.test>'}`,
  ];
  if (spec.cc) head.push(`Cc: ${spec.cc}`);
  head.push(`Subject: ${spec.subject ?? `Test message ${counter}`}`);
  if (date !== null) head.push(`Date: ${typeof date === 'string' ? date : date.toUTCString()}`);
  const messageId = spec.messageId === undefined ? `test-${counter}-${Date.now()}@shop.example` : spec.messageId;
  if (messageId !== null) head.push(`Message-ID: <${messageId}>`);
  if (spec.inReplyTo) head.push(`In-Reply-To: <${spec.inReplyTo}>`);
  if (spec.references?.length) head.push(`References: ${spec.references.map((r) => `<${r}>`).join(' ')}`);
  head.push(...(spec.headers ?? []), 'MIME-Version: 1.0');

  const textPart = (body: string, type: 'plain' | 'html'): string =>
    `Content-Type: text/${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
  let body: string;
  const text = spec.text ?? (spec.html === undefined ? `Hello, this is test message ${counter}.` : undefined);
  if (text !== undefined && spec.html !== undefined) {
    const b = `alt-${counter}`;
    body = `Content-Type: multipart/alternative; boundary="${b}"\r\n\r\n--${b}\r\n${textPart(text, 'plain')}\r\n--${b}\r\n${textPart(spec.html, 'html')}\r\n--${b}--\r\n`;
  } else {
    body = textPart(text ?? spec.html ?? '', text !== undefined ? 'plain' : 'html');
  }
  if (spec.attachments?.length) {
    const b = `mix-${counter}`;
    const parts = spec.attachments.map((a) =>
      [
        `Content-Type: ${a.contentType}; name="${a.filename}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: ${a.cid ? 'inline' : 'attachment'}; filename="${a.filename}"`,
        ...(a.cid ? [`Content-ID: <${a.cid}>`] : []),
        '',
        base64Lines(a.content),
      ].join('\r\n'),
    );
    body = `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${body}\r\n${parts.map((p) => `--${b}\r\n${p}\r\n`).join('')}--${b}--\r\n`;
  }
  return Buffer.from(`${head.join('\r\n')}\r\n${body}`, 'utf8');
}

/** Every message file of the parser-fixtures corpus (expected-result .json files and licences left out). */
export function parserFixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (!/\.json$|^COPYING$|^SOURCE\.txt$|^README/.test(entry.name)) out.push(p);
    }
  };
  walk(parserFixturesDir);
  return out.sort();
}

/**
 * An IMAP account row to attach folders and messages to. Test-only SQL: the
 * accounts repository belongs to another module, and these tests must not
 * depend on its API.
 */
export function seedAccount(db: Database, email = 'support@example.test'): number {
  const r = db
    .prepare("INSERT INTO accounts (kind, name, email, created_at) VALUES ('imap', ?, ?, ?)")
    .run('Test account', email, Date.now());
  return Number(r.lastInsertRowid);
}
