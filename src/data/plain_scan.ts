/**
 * One pass over a delimited file's UTF-8 bytes that allocates nothing per cell: it counts the records
 * and their fields and says whether the file is "plain", i.e. one that polars' CSV reader parses exactly
 * as the strict reader of `dialect.ts` does. Anything else (blank lines between rows, a ragged row, an
 * unclosed quote, a line break or a lone carriage return outside a line end, a quote inside an unquoted
 * field or text after a closing quote) makes the file not plain, and the strict reader parses it, with
 * its messages. Separators, quotes and line ends are ASCII, and UTF-8 never uses an ASCII byte inside a
 * multi-byte character, so scanning bytes is scanning characters.
 *
 * @module
 */

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;

/** What {@linkcode scanPlain} found in a plain file. */
export interface PlainScan {
  /** Data rows (the header and trailing blank lines not counted). */
  readonly rows: number;
  /** Fields of the header, which every row has too. */
  readonly fields: number;
  /** Bytes of the header record, its line end included. */
  readonly headerEnd: number;
  /** Bytes up to the end of the last row (trailing blank lines cut off). */
  readonly end: number;
  /** Whether some cell is written as `""`: polars reads it as an empty text, the strict reader as missing. */
  readonly quotedEmpty: boolean;
}

/**
 * Scans `bytes` (UTF-8 without BOM) for records separated by the ASCII character `sep`; `null` when the
 * file is not plain (see the module doc) and the strict reader must parse it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanPlain } from "./plain_scan.ts";
 * const bytes = new TextEncoder().encode('a,b\n1,"x,y"\n\n');
 * assert.deepEqual(scanPlain(bytes, ","), { rows: 1, fields: 2, headerEnd: 4, end: 12, quotedEmpty: false });
 * assert.equal(scanPlain(new TextEncoder().encode("a,b\n1\n"), ","), null); // a ragged row
 * ```
 */
export function scanPlain(bytes: Uint8Array, sep: string): PlainScan | null {
  if (sep.length !== 1 || sep.charCodeAt(0) >= 0x80 || sep === '"' || sep === "\n" || sep === "\r") {
    return null;
  }
  const s = sep.charCodeAt(0);
  const n = bytes.length;
  let i = 0, records = 0, fields = -1, headerEnd = 0, end = 0, blankSeen = false, quotedEmpty = false;
  while (i < n) {
    // a blank (or whitespace-only) line is skipped by the strict reader; polars reads it as a row
    let j = i;
    while (j < n && (bytes[j] === SPACE || (bytes[j] === TAB && s !== TAB))) j++;
    if (j >= n || bytes[j] === LF || bytes[j] === CR) {
      if (j < n && bytes[j] === CR && bytes[j + 1] !== LF) return null;
      i = j >= n ? n : bytes[j] === CR ? j + 2 : j + 1;
      blankSeen = true;
      continue;
    }
    if (blankSeen) return null; // a blank line between rows: only trailing ones are cut off
    let count = 0;
    for (;;) {
      if (bytes[i] === QUOTE) {
        const open = ++i;
        for (;;) {
          if (i >= n) return null; // never closed
          const b = bytes[i]!;
          if (b === QUOTE) {
            if (bytes[i + 1] === QUOTE) {
              i += 2;
              continue;
            }
            break;
          }
          // a line break inside quotes: polars splits the file for its threads by lines
          if (b === LF || b === CR) return null;
          i++;
        }
        if (i === open) quotedEmpty = true;
        i++;
        const b = bytes[i];
        if (i < n && b !== s && b !== LF && b !== CR) return null; // text after the closing quote
      } else {
        for (; i < n; i++) {
          const b = bytes[i]!;
          if (b === s || b === LF || b === CR) break;
          if (b === QUOTE) return null;
        }
      }
      count++;
      if (i < n && bytes[i] === s) {
        i++;
        continue;
      }
      if (i < n && bytes[i] === CR) {
        if (bytes[i + 1] !== LF) return null; // a lone carriage return ends a row only for the strict reader
        i++;
      }
      if (i < n) i++; // the line feed
      break;
    }
    if (fields < 0) [fields, headerEnd] = [count, i];
    else if (count !== fields) return null;
    records++;
    end = i;
  }
  if (records < 2) return null;
  return { rows: records - 1, fields, headerEnd, end, quotedEmpty };
}
