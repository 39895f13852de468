"""XGBoost's side of the speed comparison: 5 folds grouped by customer, as `deno task train` does them.

Needs Debian's python3-xgboost, python3-sklearn and python3-pandas (run with /usr/bin/python3):

    /usr/bin/python3 docs/baselines/xgb_cv_time.py ../shared/data/train_dev.csv

XGBoost hist, 500 trees, depth 6, 2 threads; text columns as integer codes; the placeholder customer
(a customer id with 1% or more of the rows, 95% or more converted) left out, as `train` does. Prints one
JSON line: rows, seconds of the 5 fits and their out-of-fold scoring, and the out-of-fold PR-AUC.
docs/baselines/race.sh runs it and `train` in turn.
"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedGroupKFold

warnings.filterwarnings("ignore")


def main(path, folds=5):
    data = pd.read_csv(path, low_memory=False)
    y = data.is_converted.astype(str).str.lower().isin(["true", "1"]).astype(int).values
    groups = data.customer_idx.astype(str).values
    share = pd.Series(y).groupby(groups).agg(["size", "mean"])
    placeholders = share[(share["size"] >= 0.01 * len(y)) & (share["mean"] >= 0.95)].index
    keep = ~np.isin(groups, placeholders)
    X = data.drop(columns=[c for c in ("id", "is_converted") if c in data.columns])[keep].copy()
    y, groups = y[keep], groups[keep]
    for c in X.columns:
        if X[c].dtype == object:
            X[c] = pd.factorize(X[c])[0]
    started = time.perf_counter()
    oof = np.zeros(len(y))
    split = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=42)
    for train, valid in split.split(X, y, groups):
        model = xgb.XGBClassifier(n_estimators=500, max_depth=6, tree_method="hist", n_jobs=2, random_state=0)
        model.fit(X.iloc[train], y[train])
        oof[valid] = model.predict_proba(X.iloc[valid])[:, 1]
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": int(len(y)), "folds": folds, "seconds": round(seconds, 2),
                      "pr_auc": round(float(average_precision_score(y, oof)), 4)}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
