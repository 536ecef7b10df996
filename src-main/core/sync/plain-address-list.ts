/**
 * The common shape of an address header — `a@b.example`, `Ann Lee
 * <ann@b.example>`, comma-separated — read without mailparser's address
 * parser, for the header-first sync's hot path.
 *
 * Invariant: for every value this accepts, the result equals
 * `flatten(parseAddressHeader(value).value)` (header-fields.ts); anything
 * outside the plain shape (quotes, comments, groups, an encoded word in
 * the address itself, punycode, backslashes, non-ASCII, several `<` in one
 * entry...) returns null and takes the full parser. Encoded words in a
 * display name are decoded as the full parser does. A property test
 * compares both on generated values, plain and not.
 *
 * Why: the full parser tokenizes, decodes and builds lazy HTML/text forms for
 * every header; in a 10,000-message profile address headers were ~0.55 s of
 * the header phase, nearly all of it on values of this plain shape.
 */
import type { Address } from '../../../src-preload/api.ts';

// Printable ASCII without the characters that give an address header structure beyond "name <addr>, ...".
// "=" is allowed for encoded words in names; an address carrying one takes the full parser.
const PLAIN_VALUE = /^[A-Za-z0-9 \t.\-_+'!#$%&*/?^`{|}~@<>,=]*$/;
const BARE = /^[^\s<>@,]+@[^\s<>@,]+$/;
const NAMED = /^([^<>@,]*?)\s*<([^\s<>@,]+@[^\s<>@,]+)>$/;

/** `decodeWords` is libmime's, as the full parser uses for display names. */
export function plainAddressList(value: string, decodeWords: (name: string) => string): Address[] | null {
  if (!PLAIN_VALUE.test(value) || value.includes('xn--')) return null;
  const out: Address[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') return null;
    if (BARE.test(entry)) {
      if (entry.includes('=')) return null;
      out.push({ name: '', address: entry });
      continue;
    }
    const m = NAMED.exec(entry);
    const name = m?.[1] ?? '';
    const addr = m?.[2] ?? '';
    if (!m || addr.includes('=')) return null;
    // addressparser keeps a plain name's inner whitespace as written (checked by the property test);
    // decodeAddresses then decodes the encoded words in it, and only there.
    out.push({ name: name.includes('=?') ? decodeWords(name).trim() : name, address: addr });
  }
  return out;
}
