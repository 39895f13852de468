"""The one-off script that drew the first three test-like holdouts of docs/features.md (set A: seeds 5, 6, 7).

`deno task holdout` now draws splits the same way with the project's own generator; this script is kept so
that set A can be rebuilt exactly (Python's `random`, so the same Python gives the same split):

    python3 docs/baselines/first_holdouts.py ../shared/data/train_dev.csv 5 holdout/h5

Writes train.csv, holdout.csv and labels.csv to the folder, laid out as `deno task holdout` writes them.
"""
import csv
import os
import random
import sys

PLACEHOLDER = "25096"  # never held back
UNSEEN_ROWS = 3660  # whole customers held back until this many rows: 77% of a 4,753-row holdout
MAX_CUSTOMER_ROWS = 300


def main(source, seed, out):
    random.seed(seed)
    rows = list(csv.DictReader(open(source, newline="")))
    columns = list(rows[0].keys())
    customers = sorted(set(r["customer_idx"] for r in rows) - {PLACEHOLDER})
    random.shuffle(customers)
    by_customer = {}
    for r in rows:
        by_customer.setdefault(r["customer_idx"], []).append(r)
    held_customers, unseen = set(), 0
    for c in customers:
        if unseen >= UNSEEN_ROWS:
            break
        if len(by_customer[c]) > MAX_CUSTOMER_ROWS:
            continue
        held_customers.add(c)
        unseen += len(by_customer[c])
    rest = [i for i, r in enumerate(rows) if r["customer_idx"] not in held_customers]
    candidates = [i for i in rest if rows[i]["customer_idx"] != PLACEHOLDER]
    random.shuffle(candidates)
    left = {c: len(v) for c, v in by_customer.items()}
    seen = set()
    for i in candidates:  # single leads of customers that keep at least one lead in training
        if len(seen) >= int(unseen * 23 / 77):
            break
        c = rows[i]["customer_idx"]
        if left[c] >= 2:
            seen.add(i)
            left[c] -= 1
    holdout = [r for r in rows if r["customer_idx"] in held_customers] + [rows[i] for i in sorted(seen)]
    train = [rows[i] for i in rest if i not in seen]
    random.shuffle(holdout)
    os.makedirs(out, exist_ok=True)
    with open(f"{out}/train.csv", "w", newline="") as f:
        w = csv.DictWriter(f, columns)
        w.writeheader()
        w.writerows(train)
    with open(f"{out}/holdout.csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["id"] + columns)
        w.writeheader()
        for i, r in enumerate(holdout):
            w.writerow({"id": i, **{k: ("" if k == "is_converted" else v) for k, v in r.items()}})
    with open(f"{out}/labels.csv", "w") as f:
        f.write("id,is_converted\n")
        for i, r in enumerate(holdout):
            f.write(f"{i},{r['is_converted']}\n")
    print(out, len(train), len(holdout))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
