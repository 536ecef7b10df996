/**
 * Small but real attachment files for the demo mail: a valid PNG (drawn here,
 * zlib "stored" blocks so the bytes never depend on the zlib version), a
 * one-page PDF that any viewer opens, and a CSV.
 *
 * Why real files: the attachment list, previews and "open with" in the app
 * are part of what the demo shows, and a broken file would look like a bug.
 */
import { encodeInCharset } from './legacy-charsets.ts';
import type { Prng } from './prng.ts';

const CRC_TABLE: readonly number[] = (() => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream of uncompressed ("stored") deflate blocks. */
function zlibStored(data: Buffer): Buffer {
  const chunks: Buffer[] = [Buffer.from([0x78, 0x01])];
  const maxBlock = 65535;
  for (let offset = 0; offset < data.length || offset === 0; offset += maxBlock) {
    const block = data.subarray(offset, offset + maxBlock);
    const last = offset + maxBlock >= data.length;
    const header = Buffer.alloc(5);
    header[0] = last ? 1 : 0;
    header.writeUInt16LE(block.length, 1);
    header.writeUInt16LE(~block.length & 0xffff, 3);
    chunks.push(header, block);
    if (data.length === 0) break;
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler32(data));
  chunks.push(trailer);
  return Buffer.concat(chunks);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGB image (rows of [r, g, b] triples) as a PNG file. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 512 || height > 512) {
    throw new RangeError(`PNG size out of range: ${width}x${height}`);
  }
  const raw = Buffer.alloc(height * (1 + width * 3));
  let offset = 0;
  for (let y = 0; y < height; y++) {
    raw[offset++] = 0; // filter type: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[offset++] = r;
      raw[offset++] = g;
      raw[offset++] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibStored(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A little picture of a cardboard box with a dented, torn corner. */
export function damagedBoxPng(rng: Prng): Buffer {
  const width = 48;
  const height = 36;
  const tear = rng.int(6, 12);
  const shade = rng.int(-12, 12);
  const cardboard = [186 + shade, 140 + shade, 90 + shade] as const;
  const tape = [214, 196, 150] as const;
  const floor = [222, 224, 228] as const;
  const dark = [92, 62, 34] as const;
  return encodePng(width, height, (x, y) => {
    const inBox = x >= 6 && x < 42 && y >= 6 && y < 32;
    if (!inBox) return y > 30 ? [200, 202, 206] : floor;
    // The crushed corner: a jagged dark line and missing cardboard past it.
    const edge = 42 - tear + ((y * 7) % 3);
    if (y < 6 + tear && x >= edge) return x === edge ? dark : floor;
    if (x === edge - 1 && y < 6 + tear) return dark;
    if (y >= 17 && y <= 19) return tape;
    if (x === 6 || x === 41 || y === 6 || y === 31) return dark;
    return (x + y) % 11 === 0 ? [cardboard[0] - 14, cardboard[1] - 12, cardboard[2] - 10] : cardboard;
  });
}

/**
 * A PDF string literal body in WinAnsiEncoding (Windows-1252): non-ASCII as
 * octal escapes; characters outside it lose their accents (Ł → L, ą → a) or
 * become '?', because the standard Helvetica has no other glyphs.
 */
function pdfEscape(text: string): string {
  let out = '';
  for (const char of text) {
    let bytes = encodeInCharset(char, 'windows-1252');
    if (!bytes) {
      const stripped = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      bytes = encodeInCharset(stripped, 'windows-1252') ?? encodeInCharset(char === 'Ł' ? 'L' : char === 'ł' ? 'l' : '?', 'windows-1252');
    }
    for (const byte of bytes ?? []) {
      if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
      else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
      else out += `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return out;
}

/** A one-page A4 PDF with the lines set in Helvetica. */
export function simplePdf(title: string, lines: readonly string[]): Buffer {
  const content = [
    'BT',
    '/F1 18 Tf',
    '56 780 Td',
    `(${pdfEscape(title)}) Tj`,
    '/F1 11 Tf',
    '0 -30 Td',
    ...lines.flatMap((line) => [`(${pdfEscape(line)}) Tj`, '0 -16 Td']),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV (CRLF rows), as spreadsheets export it. */
export function simpleCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}
