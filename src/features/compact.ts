/**
 * Making the cleaned columns compact once they are built: every cell of a
 * categorical or text column that repeats an earlier value is made to point at
 * that value's one string, so a million-row table holds one string per distinct
 * value instead of one per cell (the cells' copies, about 4 KB a lead on the
 * synthetic tables, become garbage).
 *
 * @module
 */

import type { FeatureColumns } from "./columns.ts";

/** Shares one string per distinct value in `columns`' string columns, in place; returns `columns`. */
export function internColumns(columns: FeatureColumns): FeatureColumns {
  for (const map of [columns.categorical, columns.text]) {
    for (const column of map.values()) internStrings(column as (string | null)[]);
  }
  return columns;
}

/** Replaces each string of `cells` by the first equal string seen (per call), in place. */
export function internStrings(cells: (string | null)[]): void {
  const seen = new Map<string, string>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    const first = seen.get(cell);
    if (first === undefined) seen.set(cell, cell);
    else cells[i] = first;
  }
}
