#!/bin/sh
# `deno task train` against XGBoost's 5 grouped folds on the same file, in turn, RUNS times each
# (default 2), so both see the same machine. Prints each run's wall times: train's whole process
# (start, load, fits, report), XGBoost's whole Python process (start, imports, read, fits) and
# XGBoost's fits alone (its script's own timer); then the ratios of the best times.
# Needs Debian's python3-xgboost, python3-sklearn and python3-pandas. Usage, from the project root:
#   sh docs/baselines/race.sh ../shared/data/train_dev.csv [RUNS]
set -eu
data=${1:?usage: sh docs/baselines/race.sh TRAIN.csv [RUNS]}
runs=${2:-2}
out=$(mktemp -d)
best_train=""
best_xgb=""
best_proc=""
i=1
while [ "$i" -le "$runs" ]; do
  t0=$(date +%s.%N)
  deno task train --data "$data" --out "$out/model" >/dev/null 2>&1
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  t0=$(date +%s.%N)
  x=$(/usr/bin/python3 docs/baselines/xgb_cv_time.py "$data" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')
  p=$(echo "$(date +%s.%N) - $t0" | bc)
  echo "run $i: train ${t} s, XGBoost process ${p} s (its 5 fits ${x} s)"
  if [ -z "$best_train" ] || [ "$(echo "$t < $best_train" | bc)" = 1 ]; then best_train=$t; fi
  if [ -z "$best_xgb" ] || [ "$(echo "$x < $best_xgb" | bc)" = 1 ]; then best_xgb=$x; fi
  if [ -z "$best_proc" ] || [ "$(echo "$p < $best_proc" | bc)" = 1 ]; then best_proc=$p; fi
  i=$((i + 1))
done
echo "best: train ${best_train} s, XGBoost process ${best_proc} s, its fits ${best_xgb} s"
echo "ratio to XGBoost's process $(echo "scale=2; $best_train / $best_proc" | bc), to its fits alone $(echo "scale=2; $best_train / $best_xgb" | bc)"
rm -rf "$out"
