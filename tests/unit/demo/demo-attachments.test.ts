import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, damagedBoxPng, encodePng, simpleCsv, simplePdf } from '../../../src-main/core/demo/demo-attachments.ts';
import { createPrng } from '../../../src-main/core/demo/prng.ts';

function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const chunks: { type: string; data: Buffer }[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

describe('demo attachments', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('draws a valid PNG whose pixels decode with zlib', () => {
    const png = damagedBoxPng(createPrng(1));
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    const width = ihdr.readUInt32BE(0);
    const height = ihdr.readUInt32BE(4);
    const pixels = inflateSync(chunks[1]!.data);
    expect(pixels.length).toBe(height * (1 + width * 3));
    // Not a blank image: the box and the floor have different colours.
    const colours = new Set<string>();
    for (let i = 0; i < pixels.length; i += 3) colours.add(pixels.subarray(i, i + 3).toString('hex'));
    expect(colours.size).toBeGreaterThan(4);
    expect(damagedBoxPng(createPrng(1)).equals(png)).toBe(true);
  });

  it('encodes exactly the pixels it was given', () => {
    const png = encodePng(2, 2, (x, y) => [x * 100, y * 100, 7]);
    const pixels = inflateSync(pngChunks(png)[1]!.data);
    expect([...pixels]).toEqual([0, 0, 0, 7, 100, 0, 7, 0, 0, 100, 7, 100, 100, 7]);
    expect(() => encodePng(0, 1, () => [0, 0, 0])).toThrow(/size/);
  });

  it('writes a PDF whose cross-reference table points at its objects', () => {
    const pdf = simplePdf('Invoice (INV-1042)', ['Billed to: Jürgen Weiß', 'Łukasz paid €89.90']);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries.length).toBe(5);
    entries.forEach((offset, i) => expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    // Parentheses escaped, WinAnsi characters as octal, no raw non-ASCII bytes.
    expect(text).toContain('(Invoice \\(INV-1042\\)) Tj');
    expect(text).toContain('J\\374rgen Wei\\337');
    expect(text).toContain('Lukasz paid \\20089.90');
    const length = Number(/\/Length (\d+)/.exec(text)?.[1]);
    const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(streamStart + length, streamStart + length + 10)).toBe('\nendstream');
  });

  it('writes RFC 4180 CSV', () => {
    expect(simpleCsv([['a', 'b,c'], ['say "hi"', 'x']]).toString()).toBe('a,"b,c"\r\n"say ""hi""",x\r\n');
  });
});
