/**
 * Reads a delimited file into a frame of text columns (empty cells null), every cell as written. A
 * plain file (see `plain_scan.ts`: the common case) is checked in one scan that allocates nothing per
 * cell, and polars builds its columns natively from the bytes; any other file goes through the strict
 * reader of `dialect.ts`, which gives the same cells (or its one-line error). Both paths give the same
 * frame: at a million rows the plain path takes a fraction of the strict one's time and memory.
 *
 * @module
 */
import pl from "nodejs-polars";
import { Buffer, isUtf8 } from "node:buffer";
import {
  checkHeader,
  detectSeparator,
  type Dialect,
  type DialectOptions,
  eolOf,
  firstLine,
  parseDelimited,
  splitHeader,
} from "./dialect.ts";
import { scanPlain } from "./plain_scan.ts";

/** A delimited file read as text: its header, its cells as a frame of text columns, and its dialect. */
export interface TextTable {
  readonly header: readonly string[];
  /** One text column per header name, in file order; empty cells are null. */
  readonly raw: pl.DataFrame;
  readonly dialect: Dialect;
}

/**
 * Reads `bytes` as a delimited table; `path` names the file in errors (one-line `DataError`s, those of
 * `parseDelimited`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readTextTable } from "./read_table.ts";
 * const t = readTextTable("a.csv", new TextEncoder().encode('id;note\n1;""\n2;"x;y"\n'));
 * assert.equal(t.dialect.sep, ";");
 * assert.deepEqual(t.raw.getColumn("note").toArray(), [null, "x;y"]);
 * ```
 */
export function readTextTable(path: string, bytes: Uint8Array, options: DialectOptions = {}): TextTable {
  return readPlain(path, bytes, options) ?? readStrict(path, bytes, options);
}

/** Whether {@linkcode readTextTable} reads `bytes` through polars (the plain path); for tests and benches. */
export function isPlain(bytes: Uint8Array, options: DialectOptions = {}): boolean {
  return readPlain("", bytes, options) !== null;
}

function readStrict(path: string, bytes: Uint8Array, options: DialectOptions): TextTable {
  const parsed = parseDelimited(path, bytes, options);
  const raw = pl.DataFrame(
    parsed.header.map((name, j) =>
      pl.Series(name, parsed.rows.map((row) => row[j] === "" ? null : row[j]!), pl.Utf8)
    ),
  );
  return { header: parsed.header, raw, dialect: parsed.dialect };
}

/** The plain path; null when the file is not plain (or not valid in its encoding), for the strict reader. */
function readPlain(path: string, bytes: Uint8Array, options: DialectOptions): TextTable | null {
  const encoding = options.encoding ?? "utf-8";
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let body = bom ? bytes.subarray(3) : bytes;
  if (encoding === "utf-8") {
    if (!isUtf8(body)) return null;
  } else {
    // polars reads UTF-8 only: the decoded text, re-encoded, is what the strict reader parses
    body = new TextEncoder().encode(new TextDecoder("windows-1252").decode(body));
  }
  const lineFeed = body.indexOf(0x0a);
  const decoder = new TextDecoder();
  const sep = options.sep ??
    detectSeparator(firstLine(decoder.decode(body.subarray(0, lineFeed < 0 ? body.length : lineFeed + 1))));
  // 4,096 UTF-16 units take at most 12,288 UTF-8 bytes
  const eol = eolOf(decoder.decode(body.subarray(0, 12_288)));
  const scan = scanPlain(body, sep);
  if (scan === null) return null;
  const header = splitHeader(path, decoder.decode(body.subarray(0, scan.headerEnd)), sep);
  if (header.length !== scan.fields || header.some((name) => name.trim() === "")) return null;
  checkHeader(path, header);
  const frame = pl.readCSV(Buffer.from(body.buffer, body.byteOffset, scan.end), {
    sep,
    hasHeader: true,
    inferSchemaLength: 0,
    quoteChar: '"',
    truncateRaggedLines: false,
    missingIsNull: true,
    rechunk: false, // a copy of every column otherwise (twice the memory, at a million rows 1 GB against 0.5)
    encoding: "utf8",
  });
  if (frame.height !== scan.rows || frame.width !== header.length) return null;
  const raw = scan.quotedEmpty ? emptyAsNull(frame) : frame;
  raw.columns = [...header];
  return { header, raw, dialect: { sep, encoding, bom, eol } };
}

/** `""` read by polars as an empty text is a missing cell to the strict reader. */
function emptyAsNull(frame: pl.DataFrame): pl.DataFrame {
  // positional names, so that no header name is read as a pattern
  const names = frame.columns.map((_, j) => `c${j}`);
  frame.columns = names;
  return frame.select(
    ...names.map((name) =>
      pl.when(pl.col(name).eq(pl.lit(""))).then(pl.lit(null).cast(pl.Utf8)).otherwise(pl.col(name)).alias(
        name,
      )
    ),
  );
}
