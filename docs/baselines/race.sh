#!/bin/sh
# `deno task train` against XGBoost's 5 grouped folds on the same file, in turn, RUNS times each
# (default 2), so both see the same machine; prints each wall time and the ratio of the best times.
# Needs Debian's python3-xgboost, python3-sklearn and python3-pandas. Usage, from the project root:
#   sh docs/baselines/race.sh ../shared/data/train_dev.csv [RUNS]
set -eu
data=${1:?usage: sh docs/baselines/race.sh TRAIN.csv [RUNS]}
runs=${2:-2}
out=$(mktemp -d)
best_train=""
best_xgb=""
i=1
while [ "$i" -le "$runs" ]; do
  t0=$(date +%s.%N)
  deno task train --data "$data" --out "$out/model" >/dev/null 2>&1
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  x=$(/usr/bin/python3 docs/baselines/xgb_cv_time.py "$data" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')
  echo "run $i: train ${t} s, XGBoost 5 folds ${x} s"
  if [ -z "$best_train" ] || [ "$(echo "$t < $best_train" | bc)" = 1 ]; then best_train=$t; fi
  if [ -z "$best_xgb" ] || [ "$(echo "$x < $best_xgb" | bc)" = 1 ]; then best_xgb=$x; fi
  i=$((i + 1))
done
echo "best: train ${best_train} s, XGBoost ${best_xgb} s, ratio $(echo "scale=2; $best_train / $best_xgb" | bc)"
rm -rf "$out"
