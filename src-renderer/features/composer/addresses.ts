/**
 * Recipients as the agent types them ("Alice <alice@shop.example>, bob@x.org")
 * into `Address` values, and back. Validation is deliberately plain: one @,
 * no spaces, a dot in the domain — core checks again and the SMTP server has
 * the last word; this only catches typos before they reach the outbox.
 */
import type { Address } from '../../../src-preload/api.ts';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function isValidEmail(address: string): boolean {
  return EMAIL.test(address);
}

export interface ParsedRecipients {
  valid: Address[];
  /** Pieces that are not addresses, verbatim, so the agent can fix them. */
  invalid: string[];
}

/** Splits on commas and semicolons that are not inside quotes or angle brackets. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if ((ch === ',' || ch === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseAddress(piece: string): Address | null {
  const angle = /^(.*)<([^<>]+)>\s*$/.exec(piece);
  if (angle) {
    const address = (angle[2] ?? '').trim();
    const name = (angle[1] ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
    return isValidEmail(address) ? { name, address } : null;
  }
  const bare = piece.trim();
  return isValidEmail(bare) ? { name: '', address: bare } : null;
}

export function parseRecipients(text: string): ParsedRecipients {
  const valid: Address[] = [];
  const invalid: string[] = [];
  for (const piece of splitList(text)) {
    const address = parseAddress(piece);
    if (address) valid.push(address);
    else invalid.push(piece);
  }
  return { valid, invalid };
}

export function sameAddress(a: Address, b: Address): boolean {
  return a.address.toLowerCase() === b.address.toLowerCase();
}
