/**
 * A lead table of one's own, through `train` and `submit` as a user runs them: other column names,
 * CSV as spreadsheets export it, and a corpus of broken files, each refused in one line with nothing
 * written.
 */
import assert from "node:assert/strict";
import { runTaskFile } from "./_run.ts";

const FAST = ["--device", "cpu", "--workers", "1", "--folds", "3"];
const HEADER = ["Ref", "Account", "Rep", "Region", "Product", "Score", "Won"];

/** A small table with a signal in the product, the score and the rep (deterministic). */
function ownRows(n: number, offset = 0): string[][] {
  const rows: string[][] = [];
  let state = 12345 + offset;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    const product = ["Alpha", "Beta", "Gamma", "Delta"][Math.floor(rand() * 4)]!;
    const rep = 1 + Math.floor(rand() * 25);
    const score = rand();
    const won = (product === "Alpha" ? 0.5 : 0.1) + (rep <= 5 ? 0.3 : 0) + score * 0.3 > 0.6;
    const country = ["France", "Chile", "India", "Nigeria"][i % 4]!;
    const city = `${i % 3 === 0 ? "Valparaíso" : "Town"} ${i % 37} / ${country}`;
    rows.push([
      `R${offset + i}`,
      `A${(offset + i) % 70}`,
      String(rep),
      city,
      product,
      i % 9 === 0 ? "NA" : score.toFixed(2).replace(".", ","),
      won ? "Yes" : "No",
    ]);
  }
  return rows;
}

const semicolons = (rows: string[][], header = HEADER) =>
  [header, ...rows].map((r) => r.join(";")).join("\r\n") + "\r\n\r\n\r\n";

async function write(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = `${dir}/${name}`;
  if (typeof content === "string") await Deno.writeTextFile(path, content);
  else await Deno.writeFile(path, content);
  return path;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

function assertRefused(run: { code: number; stderr: string }, pattern: RegExp) {
  assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `one line, no stack trace:\n${run.stderr}`);
  assert.match(lines[0]!, pattern);
}

async function empty(dir: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(dir)) return false;
    return true;
  } catch {
    return true;
  }
}

Deno.test("own lead table: train with --label/--group, submit with --id, in its own dialect", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "mql-own-" });
  // Latin-1, semicolons, CRLF, decimal commas, NA, Yes/No, blank lines at the end
  const trainPath = await write(dir, "train.csv", latin1(semicolons(ownRows(360))));
  const model = `${dir}/model`;

  await t.step("a Latin-1 file is refused without --encoding, nothing written", async () => {
    const run = await runTaskFile("train", ["--data", trainPath, "--label", "Won", "--out", model, ...FAST]);
    assertRefused(run, /not valid UTF-8 .*--encoding latin1/);
    assert(await empty(model));
  });

  await t.step("train reads it with --encoding latin1 and records provenance", async () => {
    const run = await runTaskFile("train", [
      "--data",
      trainPath,
      "--label",
      "Won",
      "--group",
      "Account",
      "--encoding",
      "latin1",
      "--out",
      model,
      ...FAST,
      "--folds",
      "10",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /label "Won", group "Account" \(folds grouped by it\)/);
    assert.match(run.stdout, /warning: fewer than 20 positives in a validation fold/);
    const metrics = JSON.parse(await Deno.readTextFile(`${model}/metrics.json`));
    const saved = JSON.parse(await Deno.readTextFile(`${model}/model.json`));
    const bytes = await Deno.readFile(trainPath);
    const digest = Array.from(
      new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("");
    for (const p of [metrics.provenance, saved.provenance]) {
      assert.deepEqual(p.file, { name: "train.csv", bytes: bytes.length, sha256: digest });
      assert.equal(p.rows, 360);
      assert.deepEqual(p.roles, { label: "Won", group: "Account", id: null, ignore: [] });
      assert.equal(p.seed, 42);
      assert.equal(typeof p.version, "string");
    }
    // the region is used through its country, the rep's number as an identifier
    const uses = Object.fromEntries(
      metrics.columns.map((c: { column: string; use: string }) => [c.column, c.use]),
    );
    assert.match(uses.Region, /Region:country/);
    assert.match(uses.Score, /numeric/);
    // a column with a different value on every row is an id, not a feature
    assert.equal(uses.Ref, "unused");
  });

  await t.step("submit needs no label column; writes Yes/No under Won, in ; and Latin-1", async () => {
    const rows = ownRows(40, 1000).map((r) => r.slice(0, 6));
    const test = await write(dir, "test.csv", latin1(semicolons(rows, HEADER.slice(0, 6))));
    const out = `${dir}/scored.csv`;
    const run = await runTaskFile("submit", [
      "--model",
      model,
      "--test",
      test,
      "--id",
      "Ref",
      "--encoding",
      "latin1",
      "--out",
      out,
      "--device",
      "cpu",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const bytes = await Deno.readFile(out);
    const text = new TextDecoder("windows-1252").decode(bytes);
    assert(!text.includes("\ufffd"));
    const lines = text.trimEnd().split("\r\n");
    assert.equal(lines[0], [...HEADER.slice(0, 6), "Won"].join(";"));
    assert.equal(lines.length, 41);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(";");
      assert.deepEqual(cells.slice(0, 6), rows[i], "rows unchanged");
      assert.match(cells[6]!, /^(Yes|No)$/);
    });
    // "Valparaíso" kept as its Latin-1 byte
    assert(bytes.includes(0xed));
  });

  await t.step("a filled label column in a test file is replaced with a warning", async () => {
    const test = await write(dir, "filled.csv", latin1(semicolons(ownRows(12, 2000))));
    const out = `${dir}/filled_out.csv`;
    const run = await runTaskFile("submit", [
      "--model",
      model,
      "--test",
      test,
      "--encoding",
      "latin1",
      "--out",
      out,
      "--device",
      "cpu",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: .*column "Won" already holds values in 12 rows; they are replaced/);
  });

  await t.step("must-fail files: one line, exit 1, no stack trace, nothing written", async () => {
    const good = ownRows(30).map((r) => r.map((c) => c.replace(",", ".")).join(","));
    const cases: [string, string, RegExp, string[]][] = [
      [
        "dup_header.csv",
        ["Ref,Account,Rep,Rep,Product,Score,Won", ...good].join("\n"),
        /header names "Rep" more than once/,
        [],
      ],
      [
        "short_row.csv",
        [HEADER.join(","), ...good.slice(0, 5), "R9,A1,3", ...good.slice(5)].join("\n"),
        /line 7 has 3 fields, the header has 7/,
        [],
      ],
      [
        "long_row.csv",
        [HEADER.join(","), good[0] + ",extra", ...good.slice(1)].join("\n"),
        /line 2 has 8 fields, the header has 7/,
        [],
      ],
      [
        "bad_label.csv",
        [HEADER.join(","), ...good.slice(0, 3), "R1,A1,3,x / France,Alpha,0.5,maybe"].join("\n"),
        /column "Won" row 4 is "maybe"/,
        [],
      ],
      [
        "no_label.csv",
        [HEADER.slice(0, 6).join(","), ...good.map((g) => g.split(",").slice(0, 6).join(","))].join("\n"),
        /no label column "Won"/,
        [],
      ],
      [
        "unclosed.csv",
        [HEADER.join(","), '"R1,A1,3,x,Alpha,0.5,Yes', ...good].join("\n"),
        /opens a quote that is never closed/,
        [],
      ],
      ["empty.csv", "", /the file is empty/, []],
      ["header_only.csv", HEADER.join(",") + "\n\n", /header but no rows/, []],
      ["no_group.csv", [HEADER.join(","), ...good].join("\n"), /no group column "Customer"/, [
        "--group",
        "Customer",
      ]],
    ];
    for (const [name, content, pattern, extra] of cases) {
      const path = await write(dir, name, content);
      const out = `${dir}/out_${name}`;
      const run = await runTaskFile("train", [
        "--data",
        path,
        "--label",
        "Won",
        "--out",
        out,
        ...FAST,
        ...extra,
      ]);
      assertRefused(run, pattern);
      assert(await empty(out), `${name}: nothing written`);
    }
  });

  await t.step("--group none: stratified random folds, and train says so", async () => {
    const data = await write(dir, "nogroup.csv", semicolons(ownRows(120)));
    const run = await runTaskFile("train", [
      "--data",
      data,
      "--label",
      "Won",
      "--group",
      "none",
      "--ignore",
      "Region",
      "--out",
      `${dir}/m_nogroup`,
      ...FAST,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /group none \(stratified random folds\), ignored "Region"/);
    assert.match(run.stdout, /cross-validation \(3 folds, random stratified\)/);
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/m_nogroup/model.json`));
    assert.deepEqual(saved.roles, { label: "Won", group: null, id: null, ignore: ["Region"] });
  });

  await t.step("--out that cannot be written fails before training", async () => {
    const blocker = await write(dir, "blocker", "x");
    const data = await write(dir, "ok.csv", semicolons(ownRows(60)));
    const run = await runTaskFile("train", [
      "--data",
      data,
      "--label",
      "Won",
      "--out",
      `${blocker}/m`,
      ...FAST,
    ]);
    assertRefused(run, /^train: Cannot write .*blocker\/m: .*not a folder$/);
    assert(!run.stderr.includes("fold 1/"), "no fold was trained");
  });

  await t.step("submit refuses duplicate ids and a missing column, writing nothing", async () => {
    const rows = ownRows(6, 3000).map((r) => r.slice(0, 6));
    rows[4]![0] = rows[1]![0]!;
    const dup = await write(dir, "dup_ids.csv", semicolons(rows, HEADER.slice(0, 6)));
    const out = `${dir}/never.csv`;
    const run = await runTaskFile("submit", [
      "--model",
      model,
      "--test",
      dup,
      "--id",
      "Ref",
      "--out",
      out,
      "--device",
      "cpu",
    ]);
    assertRefused(run, /id "R3001" of column "Ref" is on rows 2 and 5; ids must be unique/);
    const lacking = await write(
      dir,
      "lacking.csv",
      semicolons(ownRows(6, 4000).map((r) => [r[0]!, r[1]!, r[2]!, r[4]!]), [
        "Ref",
        "Account",
        "Rep",
        "Product",
      ]),
    );
    const run2 = await runTaskFile("submit", [
      "--model",
      model,
      "--test",
      lacking,
      "--out",
      out,
      "--device",
      "cpu",
    ]);
    assertRefused(run2, /needs columns? .*"Region".*which the file lacks/);
    await assert.rejects(() => Deno.stat(out), Deno.errors.NotFound);
  });
});
