/**
 * Loads the shared real-mail corpora (/work/shared/corpora, i.e.
 * ../shared/corpora from the repository root) as ThreadInput. Read-only:
 * the corpora are never copied or rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ThreadInput } from '../../../../src-main/core/threading/index.ts';
import { headerBlock, parseHeaders, threadInputOf } from './headers.ts';
import type { Headers } from './headers.ts';

export const CORPORA_DIR = path.resolve(import.meta.dirname, '../../../../../shared/corpora');
export const LINUX_MIPS_DIR = path.join(CORPORA_DIR, 'linux-mips-2001-2004', 'eml');
export const IMAPTEST_DIR = path.join(CORPORA_DIR, 'imaptest');

export interface CorpusMessage {
  input: ThreadInput;
  headers: Headers;
  file: string;
}

/** Reads just enough of a file to hold its header block. */
function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(32 * 1024);
    const n = fs.readSync(fd, chunk, 0, chunk.length, 0);
    const head = chunk.subarray(0, n);
    if (n < chunk.length || headerBlock(head).length < head.length) return head;
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(file);
}

/** All linux-mips messages in archive order; key = file number. */
export function loadLinuxMips(): CorpusMessage[] {
  return fs
    .readdirSync(LINUX_MIPS_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => {
      const file = path.join(LINUX_MIPS_DIR, name);
      const headers = parseHeaders(readHead(file));
      return { input: threadInputOf(Number.parseInt(name, 10), headers), headers, file: name };
    });
}

export interface MboxMessage {
  /** The date of the mbox "From " line, a fallback when there is no Date header. */
  envelopeDate: number;
  headers: Headers;
  /** Bytes of the message after the envelope line. */
  size: number;
}

export function readMbox(file: string): MboxMessage[] {
  const text = fs.readFileSync(file, 'latin1');
  const parts = text.split(/^(?=From \S+ +\w{3} \w{3} )/m).filter((p) => p.startsWith('From '));
  return parts.map((part) => {
    const envelope = part.slice(0, part.indexOf('\n'));
    const stamp = envelope.replace(/^From \S+\s+/, '');
    const envelopeDate = Date.parse(stamp);
    const raw = Buffer.from(part.slice(envelope.length + 1), 'latin1');
    return { envelopeDate: Number.isFinite(envelopeDate) ? envelopeDate : 0, headers: parseHeaders(raw), size: raw.length };
  });
}
