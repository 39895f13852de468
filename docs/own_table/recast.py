#!/usr/bin/env python3
"""Recasts a folder written by `deno task holdout` as another tool's export, to check that a table
with other names trains and scores as well as the LG one (issue 14, check b).

  python3 docs/own_table/recast.py HOLDOUT_DIR OUT_DIR

Writes OUT_DIR/train.csv, OUT_DIR/test.csv (no label column) and OUT_DIR/labels.csv (LG names, for
`deno task evaluate`): every column renamed and reordered, three dropped (customer_country.1, ver_cus,
lead_desc_length), `;` as separator, `NA` for missing numbers, the label as Yes/No under another name,
the test ids in another column. Train and score with:

  deno task train --data OUT/train.csv --label Won --group AccountNo --out OUT/model
  deno task submit --model OUT/model --test OUT/test.csv --id LeadRef --with-probability --out OUT/sub.csv
"""
import csv
import sys

RENAME = {
    "bant_submit": "BantScore", "customer_country": "Address", "business_unit": "Division",
    "com_reg_ver_win_rate": "RegionWinRate", "customer_idx": "AccountNo", "customer_type": "AccountType",
    "enterprise": "Segment", "historical_existing_cnt": "PastDeals", "id_strategic_ver": "StratA",
    "it_strategic_ver": "StratB", "idit_strategic_ver": "StratC", "customer_job": "ContactJob",
    "inquiry_type": "Inquiry", "product_category": "ProductLine", "product_subcategory": "ProductSub",
    "product_modelname": "Model", "customer_position": "ContactRole", "response_corporate": "Subsidiary",
    "expected_timeline": "Timeline", "ver_pro": "VerticalProduct", "ver_win_rate_x": "VerticalRate",
    "ver_win_ratio_per_bu": "VerticalRatioBU", "business_area": "Area", "business_subarea": "SubArea",
    "lead_owner": "RepNo",
}
DROPPED = {"customer_country.1", "ver_cus", "lead_desc_length"}
NUMERIC = {"bant_submit", "com_reg_ver_win_rate", "historical_existing_cnt", "id_strategic_ver",
           "it_strategic_ver", "idit_strategic_ver", "ver_pro", "ver_win_rate_x", "ver_win_ratio_per_bu"}
ORDER = sorted(RENAME, key=lambda c: RENAME[c][::-1])  # a fixed order unlike the LG one


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def cells(row):
    return [("NA" if c in NUMERIC and row[c] == "" else row[c]) for c in ORDER]


def main(src, out):
    import os
    os.makedirs(out, exist_ok=True)
    with open(f"{src}/train.csv", encoding="utf-8") as f:
        train = list(csv.DictReader(f))
    yes = {"true": "Yes", "1": "Yes", "false": "No", "0": "No"}
    header = [RENAME[c] for c in ORDER]
    write(f"{out}/train.csv", header[:5] + ["Won"] + header[5:],
          [cells(r)[:5] + [yes[r["is_converted"].lower()]] + cells(r)[5:] for r in train])
    with open(f"{src}/holdout.csv", encoding="utf-8") as f:
        test = list(csv.DictReader(f))
    write(f"{out}/test.csv", header[:7] + ["LeadRef"] + header[7:],
          [cells(r)[:7] + [r["id"]] + cells(r)[7:] for r in test])
    with open(f"{src}/labels.csv", encoding="utf-8") as f, open(f"{out}/labels.csv", "w", encoding="utf-8") as g:
        g.write(f.read())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
