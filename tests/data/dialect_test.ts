import assert from "node:assert/strict";
import { detectSeparator, encodeText, parseDelimited } from "../../src/data/dialect.ts";
import { DataError } from "../../src/errors.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

function parseError(bytes: Uint8Array, options = {}): string {
  try {
    parseDelimited("f.csv", bytes, options);
  } catch (error) {
    assert(error instanceof DataError, `expected a DataError, got ${error}`);
    assert(!error.message.includes("\n"), "one line");
    return error.message;
  }
  throw new Error("no error was raised");
}

Deno.test("the separator is the one the header uses most, outside quotes", () => {
  assert.equal(detectSeparator("a;b;c"), ";");
  assert.equal(detectSeparator("a\tb\tc"), "\t");
  assert.equal(detectSeparator("a|b"), "|");
  assert.equal(detectSeparator('"x;y",b,c'), ",");
  assert.equal(detectSeparator("single"), ",");
});

Deno.test("BOM, CRLF, quoted separators and newlines, blank lines", () => {
  const text = '\ufeffid;note\r\n1;"a;b\r\nc"\r\n\r\n2;"say ""hi"""\r\n\r\n\r\n   \r\n';
  const t = parseDelimited("f.csv", utf8(text));
  assert.deepEqual(t.header, ["id", "note"]);
  assert.deepEqual(t.rows, [["1", "a;b\r\nc"], ["2", 'say "hi"']]);
  assert.deepEqual(t.lines, [2, 5]);
  assert.deepEqual(t.dialect, { sep: ";", encoding: "utf-8", bom: true, eol: "\r\n" });
});

Deno.test("ragged rows and duplicate header names are one-line errors naming the line or names", () => {
  assert.equal(
    parseError(utf8("a,b,c\n1,2,3\n1,2\n")),
    "Cannot read f.csv: line 3 has 2 fields, the header has 3",
  );
  assert.equal(
    parseError(utf8("a,b,c\n1,2,3,4\n")),
    "Cannot read f.csv: line 2 has 4 fields, the header has 3",
  );
  assert.equal(
    parseError(utf8("a,b,a,c,b\n1,2,3,4,5\n")),
    'Cannot read f.csv: the header names "a", "b" more than once',
  );
  assert.match(parseError(utf8('a,b\n1,"open\n')), /line 2 opens a quote that is never closed/);
  // a forced separator that is wrong says which one the file seems to use
  assert.match(parseError(utf8("a;b\n1;2,3\n"), { sep: "," }), /is the separator ";"\? --sep sets it/);
});

Deno.test("bytes that are not UTF-8 are refused with the line and a hint; latin1 decodes them", () => {
  const bytes = Uint8Array.from([...utf8("city,n\nParis,1\nValpara"), 0xed, ...utf8("so,2\n")]);
  assert.equal(
    parseError(bytes),
    "Cannot read f.csv: row 2 (line 3) is not valid UTF-8 (byte 0xed); if the file is Latin-1 or Windows-1252, pass --encoding latin1 (or cp1252)",
  );
  const t = parseDelimited("f.csv", bytes, { encoding: "latin1" });
  assert.deepEqual(t.rows[1], ["Valparaíso", "2"]);
  assert(!JSON.stringify(t.rows).includes("\ufffd"));
  // written back in the same encoding, byte for byte
  const back = encodeText("Valparaíso", t.dialect);
  assert.deepEqual(Array.from(back), [...utf8("Valpara"), 0xed, ...utf8("so")]);
});

Deno.test("an empty file and a header without rows are refused", () => {
  assert.equal(parseError(utf8("\n\n")), "Cannot read f.csv: the file is empty");
  assert.equal(parseError(utf8("a,b\n\n")), "Cannot read f.csv: the file has a header but no rows");
});

Deno.test("a separator at the end of every line adds no column; a nameless column with values is refused", () => {
  const t = parseDelimited("f.csv", utf8("a,b,\n1,2,\n3,4,\n"));
  assert.deepEqual(t.header, ["a", "b"]);
  assert.deepEqual(t.rows, [["1", "2"], ["3", "4"]]);
  assert.equal(
    parseError(utf8(",a\n0,x\n1,y\n")),
    "Cannot read f.csv: column 1 has no name but line 2 has a value in it; name it",
  );
});
