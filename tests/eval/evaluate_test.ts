import assert from "node:assert/strict";
import { evaluate, matchIds } from "../../src/eval/evaluate.ts";
import { readScoredFile } from "../../src/eval/scored_file.ts";
import { DataError } from "../../src/errors.ts";

Deno.test("evaluate scores the decisions and, with probabilities, the ranking", () => {
  const labels = Uint8Array.of(1, 0, 1, 0, 0, 1);
  const decisions = Uint8Array.of(1, 1, 0, 0, 0, 1);
  const probs = [0.9, 0.6, 0.4, 0.1, 0.2, 0.7];
  const e = evaluate(labels, decisions, probs);
  // tp 2, fp 1, fn 1
  assert.equal(e.rows, 6);
  assert.equal(e.positives, 3);
  assert.equal(e.predicted, 3);
  assert.equal(e.precision, 2 / 3);
  assert.equal(e.recall, 2 / 3);
  assert.equal(e.f1, 2 / 3);
  // ranked 0.9+, 0.7+, 0.6-, 0.4+, 0.2-, 0.1-: the best cut takes the top four (F1 6/7)
  assert.equal(e.best_f1, 6 / 7);
  assert(e.best_threshold! > 0.2 && e.best_threshold! <= 0.4);
  assert.equal(e.pr_auc, (1 + 1 + 3 / 4) / 3);
  assert.equal(e.roc_auc, 8 / 9);
});

Deno.test("evaluate leaves out the ranking without probabilities or without both classes", () => {
  const plain = evaluate(Uint8Array.of(1, 0), Uint8Array.of(1, 0));
  assert.equal(plain.f1, 1);
  assert.equal(plain.pr_auc, undefined);
  const oneClass = evaluate(Uint8Array.of(0, 0), Uint8Array.of(1, 0), [0.7, 0.2]);
  assert.equal(oneClass.f1, 0);
  assert.equal(oneClass.precision, 0);
  assert.equal(oneClass.best_f1, undefined);
  assert.throws(() => evaluate(Uint8Array.of(1), Uint8Array.of(1, 0)), RangeError);
});

Deno.test("matchIds pairs every scored id with its label row", () => {
  assert.deepEqual([...matchIds(["b", " a ", "c"], ["a", "c", "b"], "s.csv", "l.csv")], [2, 0, 1]);
});

Deno.test("matchIds names the file and row of an unknown, repeated or missing id", () => {
  const fails = (sub: string[], labels: string[], message: RegExp) =>
    assert.throws(
      () => matchIds(sub, labels, "s.csv", "l.csv"),
      (e) => e instanceof DataError && message.test(e.message),
    );
  fails(["a", "x"], ["a", "b"], /^Cannot score s\.csv: row 2 has id "x", which l\.csv does not label$/);
  fails(["a", "a"], ["a", "b"], /^Cannot score s\.csv: id "a" appears twice \(rows 1 and 2\)$/);
  fails(["b"], ["a", "b"], /^Cannot score s\.csv: it has no row for id "a" \(row 1 of l\.csv\)$/);
  fails(["a"], ["a", "a"], /^Cannot read l\.csv: id "a" appears twice \(rows 1 and 2\)$/);
  fails(["a"], ["a", ""], /^Cannot read l\.csv: row 2 has no id$/);
});

Deno.test("readScoredFile reads an own-named table's files: its id and label columns, its separator and spelling", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/sub.csv`, "LeadRef;Won;probability\nb;Yes;0.8\na;No;0.1\nc;No;0.3\n");
  await Deno.writeTextFile(`${dir}/labels.csv`, "LeadRef;Won\na;Yes\nc;No\nb;Yes\n");
  const { labels, decisions, probs } = await readScoredFile(`${dir}/sub.csv`, `${dir}/labels.csv`, {
    probability: "required",
    id: "LeadRef",
    label: "Won",
  });
  assert.deepEqual([...labels], [1, 1, 0]);
  assert.deepEqual([...decisions], [1, 0, 0]);
  assert.deepEqual([...probs!], [0.8, 0.1, 0.3]);
  // the default names are not silently taken instead
  await assert.rejects(
    readScoredFile(`${dir}/sub.csv`, `${dir}/labels.csv`, { probability: "optional" }),
    (e: Error) => e.message === `Cannot read ${dir}/labels.csv: it has no "id" column`,
  );
});
