/**
 * CSV as people export it: the separator detected from the header (`,` `;` tab `|`), UTF-8 with or
 * without a BOM (or Latin-1 / cp1252 when asked), CRLF, quoted fields with newlines, blank lines
 * skipped. Strict where guessing would change data: bytes that are not valid UTF-8, duplicate
 * header names and rows with more or fewer fields than the header are one-line `DataError`s. The
 * text is parsed here, before polars sees it, so every cell is kept exactly as written.
 *
 * @module
 */
import { DataError } from "../errors.ts";

/** Text encodings a lead table may be read in. */
export type Encoding = "utf-8" | "latin1" | "cp1252";
/** Separators tried, in order of preference on a tie. */
export const SEPARATORS: readonly string[] = [",", ";", "\t", "|"];

/** How a file was written, so that outputs are written the same way. */
export interface Dialect {
  readonly sep: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly eol: "\n" | "\r\n";
}

/** Options of {@linkcode readDelimited}. */
export interface DialectOptions {
  /** Forces the separator (otherwise detected from the header). */
  readonly sep?: string;
  /** Default `utf-8`; `latin1` and `cp1252` both decode as Windows-1252, a superset of Latin-1. */
  readonly encoding?: Encoding;
}

/** A parsed delimited file: the header, every row's cells as written, and where each row began. */
export interface DelimitedText {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line of the file on which each row starts (blank lines are skipped, so it may differ). */
  readonly lines: readonly number[];
  readonly dialect: Dialect;
}

/**
 * Decodes `bytes` and parses them as a delimited table; `path` names the file in errors.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDelimited } from "./dialect.ts";
 * const t = parseDelimited("a.csv", new TextEncoder().encode("a;b\r\n1;\"x\ny\"\r\n\r\n"));
 * assert.equal(t.dialect.sep, ";");
 * assert.deepEqual(t.rows, [["1", "x\ny"]]); // a quoted line break stays in its cell
 * ```
 */
export function parseDelimited(path: string, bytes: Uint8Array, options: DialectOptions = {}): DelimitedText {
  const encoding = options.encoding ?? "utf-8";
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const text = decode(path, body, encoding);
  if (text.trim() === "") throw new DataError(`Cannot read ${path}: the file is empty`);
  const sep = options.sep ?? detectSeparator(firstLine(text));
  const eol = eolOf(text);
  const { records, lines } = splitRecords(path, text, sep);
  const header = records[0]!;
  checkHeader(path, header);
  const rows = records.slice(1);
  const rowLines = lines.slice(1);
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      const hint = header.length === 1 && SEPARATORS.some((s) => s !== sep && header[0]!.includes(s))
        ? ` (is the separator "${SEPARATORS.find((s) => header[0]!.includes(s))}"? --sep sets it)`
        : "";
      throw new DataError(
        `Cannot read ${path}: line ${rowLines[i]} has ${row.length} field${
          row.length === 1 ? "" : "s"
        }, the header has ${header.length}${hint}`,
      );
    }
  });
  if (rows.length === 0) throw new DataError(`Cannot read ${path}: the file has a header but no rows`);
  // a nameless column is kept only when it is empty throughout (a separator at the end of every line)
  const nameless = header.flatMap((name, j) => (name.trim() === "" ? [j] : []));
  for (const j of nameless) {
    const row = rows.findIndex((r) => r[j]!.trim() !== "");
    if (row >= 0) {
      throw new DataError(
        `Cannot read ${path}: column ${j + 1} has no name but line ${
          rowLines[row]
        } has a value in it; name it`,
      );
    }
  }
  if (nameless.length > 0) {
    const keep = (cells: readonly string[]) => cells.filter((_, j) => !nameless.includes(j));
    return {
      header: keep(header),
      rows: rows.map(keep),
      lines: rowLines,
      dialect: { sep, encoding, bom, eol },
    };
  }
  return { header, rows, lines: rowLines, dialect: { sep, encoding, bom, eol } };
}

/** The separator among {@link SEPARATORS} that occurs most often outside quotes in `header` (`,` if none). */
export function detectSeparator(header: string): string {
  let best = ",", bestCount = 0;
  for (const sep of SEPARATORS) {
    let count = 0, quoted = false;
    for (const ch of header) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === sep) count++;
    }
    if (count > bestCount) [best, bestCount] = [sep, count];
  }
  return best;
}

/**
 * Encodes text for writing in `dialect` (its encoding and BOM). Every character came from a file read in
 * that encoding or is ASCII, so each one has a byte.
 */
export function encodeText(text: string, dialect: Dialect): Uint8Array {
  if (dialect.encoding === "utf-8") {
    const body = new TextEncoder().encode(text);
    if (!dialect.bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const table = windows1252Bytes();
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const byte = table.get(ch);
    if (byte === undefined) {
      throw new RangeError(`Character U+${ch.codePointAt(0)!.toString(16)} has no cp1252 byte`);
    }
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** A cell as CSV in `sep`: quoted when it holds the separator, a quote or a line break. */
export function quoteCell(cell: string, sep: string): string {
  return cell.includes(sep) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function decode(path: string, bytes: Uint8Array, encoding: Encoding): string {
  if (encoding !== "utf-8") return new TextDecoder("windows-1252").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    // the line, and the data row (blank lines and the header not counted; a quoted line break would count)
    let line = 1, row = 0, filled = false;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        if (filled) row++;
        filled = false;
      } else if (bytes[i] !== 0x0d && bytes[i] !== 0x20) filled = true;
    }
    throw new DataError(
      `Cannot read ${path}: row ${row} (line ${line}) is not valid UTF-8 (byte 0x${
        bytes[at]?.toString(16).padStart(2, "0")
      }); if the file is Latin-1 or Windows-1252, pass --encoding latin1 (or cp1252)`,
    );
  }
}

/** Offset of the first byte that breaks UTF-8 (bytes.length when none does). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80
      ? 0
      : b >= 0xc2 && b < 0xe0
      ? 1
      : b >= 0xe0 && b < 0xf0
      ? 2
      : b >= 0xf0 && b < 0xf5
      ? 3
      : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** The line end a file uses: CRLF when one occurs in its first 4,096 characters. */
export function eolOf(text: string): "\n" | "\r\n" {
  return /\r\n/.test(text.slice(0, 4096)) ? "\r\n" : "\n";
}

/** The text before the first line break. */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The cells of the first record of `text`, split as every record is (quotes honoured). */
export function splitHeader(path: string, text: string, sep: string): string[] {
  return splitRecords(path, text, sep).records[0] ?? [];
}

/** Refuses a header that names a column more than once (a one-line `DataError`). */
export function checkHeader(path: string, header: readonly string[]): void {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of header) (seen.has(name) ? twice : seen).add(name);
  if (twice.size > 0) {
    throw new DataError(
      `Cannot read ${path}: the header names ${[...twice].map((n) => `"${n}"`).join(", ")} more than once`,
    );
  }
}

/** Splits text into records of fields (RFC 4180 quoting); blank lines are skipped. */
function splitRecords(path: string, text: string, sep: string): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    // fast path: a line without quotes (or a stray carriage return) is split as it is
    const newline = text.indexOf("\n", i);
    const end = newline < 0 ? n : newline;
    const physical = text.slice(i, end > i && text[end - 1] === "\r" ? end - 1 : end);
    if (!physical.includes('"') && !physical.includes("\r")) {
      i = end + 1;
      line++;
      if ((sep === "\t" ? /^ *$/ : /^[ \t]*$/).test(physical)) continue;
      records.push(physical.split(sep));
      lines.push(start);
      continue;
    }
    // a blank (or whitespace-only) line is no record
    let j = i;
    while (j < n && (text[j] === " " || text[j] === "\t" && sep !== "\t")) j++;
    if (j >= n || text[j] === "\n" || text[j] === "\r") {
      i = j >= n ? n : text[j] === "\r" && text[j + 1] === "\n" ? j + 2 : j + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let field = "";
    for (;;) {
      if (text[i] === '"') {
        // quoted field: up to the closing quote, "" is a quote
        i++;
        for (;;) {
          if (i >= n) {
            throw new DataError(`Cannot read ${path}: line ${start} opens a quote that is never closed`);
          }
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        // text after the closing quote, up to the separator, is kept as written
        while (i < n && text[i] !== sep && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      } else {
        const from = i;
        while (i < n && text[i] !== sep && text[i] !== "\n" && text[i] !== "\r") i++;
        field = text.slice(from, i);
      }
      fields.push(field);
      field = "";
      if (i < n && text[i] === sep) {
        i++;
        continue;
      }
      // end of record
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    records.push(fields);
    lines.push(start);
  }
  return { records, lines };
}

/** Character to byte for Windows-1252, from the decoder itself. */
function windows1252Bytes(): Map<string, number> {
  const decoded = new TextDecoder("windows-1252").decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  return new Map([...decoded].map((ch, i) => [ch, i]));
}
