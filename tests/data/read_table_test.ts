import assert from "node:assert/strict";
import { type DialectOptions, parseDelimited } from "../../src/data/dialect.ts";
import { scanPlain } from "../../src/data/plain_scan.ts";
import { isPlain, readTextTable } from "../../src/data/read_table.ts";
import { Random } from "../../src/random.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** What the strict reader alone makes of a file: its header, cells (empty = null) and dialect, or its error. */
function strict(bytes: Uint8Array, options: DialectOptions = {}): string {
  try {
    const t = parseDelimited("f.csv", bytes, options);
    const rows = t.rows.map((row) => row.map((cell) => cell === "" ? null : cell));
    return JSON.stringify({ header: t.header, rows, dialect: t.dialect });
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** The same for `readTextTable`, whichever path it takes. */
function read(bytes: Uint8Array, options: DialectOptions = {}): string {
  try {
    const t = readTextTable("f.csv", bytes, options);
    assert.deepEqual(t.raw.columns, t.header);
    return JSON.stringify({ header: t.header, rows: t.raw.rows(), dialect: t.dialect });
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

Deno.test("plain files go through polars and give the strict reader's cells", () => {
  const plain = [
    'id,note,n\r\n1,"a,b",2\r\n2,"say ""hi""",\r\n3,"",x\r\n\r\n\r\n',
    "a;b\n0,25;Valparaíso\n;\n",
    "\ufeffa\tb\n 1 \t\n",
    "a|b\n1|2",
  ];
  for (const text of plain) {
    const bytes = utf8(text);
    assert(isPlain(bytes), JSON.stringify(text));
    assert.equal(read(bytes), strict(bytes), JSON.stringify(text));
  }
});

Deno.test("files polars would read differently are not plain, and read as the strict reader reads them", () => {
  const other = [
    "a,b\n1,2\n\n3,4\n", // a blank line between rows
    "a,b\n1,2\n   \n3,4\n", // a whitespace-only line
    'a,b\n"x\ny",2\n', // a quoted line break
    'a,b\n"ab"c,2\n', // text after a closing quote
    'a,b\nab"c,2\n', // a quote inside an unquoted field
    "a,b\n1,2\r3,4\n", // a lone carriage return
    "a,b,\n1,2,\n", // a nameless column
    "a,b\n1,2\n1\n", // a ragged row
    'a,b\n1,"open\n', // an unclosed quote
    "a,a\n1,2\n", // a duplicate name
    "a,b\n", // no rows
    "\n\n", // empty
  ];
  for (const text of other) {
    const bytes = utf8(text);
    if (text !== "a,a\n1,2\n") assert(!isPlain(bytes), JSON.stringify(text));
    assert.equal(read(bytes), strict(bytes), JSON.stringify(text));
  }
  const latin1 = Uint8Array.from([...utf8("city;n\nValpara"), 0xed, ...utf8("so;2\n")]);
  assert.equal(read(latin1), strict(latin1));
  assert.equal(read(latin1, { encoding: "latin1" }), strict(latin1, { encoding: "latin1" }));
  assert(isPlain(latin1, { encoding: "latin1" }));
});

Deno.test("random files read the same through either path", () => {
  const random = new Random(20261202);
  const pieces = ["a", "b7", "", " ", '"', '""', ",", ";", "\n", "\r\n", "\r", "é", '"x,y"', "\t"];
  let plain = 0;
  for (let k = 0; k < 3000; k++) {
    const rows = Array.from({ length: 1 + random.int(5) }, () => {
      const cells = Array.from({ length: 2 + random.int(2) }, () => {
        // mostly well-formed cells, sometimes raw pieces that break the form
        if (random.next() < 0.85) {
          const word = ["x", "12", "", " y ", "é", "a b"][random.int(6)]!;
          return random.next() < 0.3 ? `"${word.replaceAll('"', '""')}"` : word;
        }
        return pieces[random.int(pieces.length)]!;
      });
      return cells.join(",");
    });
    const text = "h1,h2,h3\n" + rows.join(random.next() < 0.5 ? "\n" : "\r\n") +
      ["", "\n", "\n\n", "\r\n \r\n"][random.int(4)]!;
    const bytes = utf8(text);
    if (scanPlain(bytes, ",") !== null) plain++;
    assert.equal(read(bytes), strict(bytes), JSON.stringify(text));
  }
  // both kinds of file were drawn
  assert(plain > 300 && plain < 2700, `${plain} plain files of 3000`);
});

Deno.test("a file large enough for polars to split among its threads reads the same", () => {
  const random = new Random(15);
  const words = ["x", "", "12", "0.5", '"a,b"', '"say ""hi"""', '""', " y ", "Valparaíso"];
  const lines = ["id,a,b,c"];
  for (let r = 0; r < 30_000; r++) {
    lines.push([r, ...Array.from({ length: 3 }, () => words[random.int(words.length)]!)].join(","));
  }
  const bytes = utf8(lines.join("\r\n") + "\r\n");
  assert(isPlain(bytes));
  assert.equal(read(bytes), strict(bytes));
});
