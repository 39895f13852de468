"""The issue's baselines (scikit-learn and XGBoost) on test-like holdouts, for docs/features.md.

Needs Debian's python3-sklearn, python3-xgboost and python3-pandas (run with /usr/bin/python3).
Each DIR is laid out as `deno task holdout` writes it (train.csv, holdout.csv, labels.csv):

    /usr/bin/python3 docs/baselines/baselines.py holdout/s5 holdout/s6 holdout/s7

If a DIR also holds `design/` (written by `deno run -A docs/baselines/export_design.ts DIR ...`), XGBoost is
fitted on mql-gpu's own features too. Prints, per model, the mean F1 (at a 0.5 cut) / best F1 (at the best cut, chosen by looking at the labels)
/ PR-AUC of the holdouts.
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore")
PLACEHOLDER = 25096  # the all-converted customer id of the LG Aimers data
IDS = ["customer_idx", "lead_owner"]
TUNED = [  # the five XGBoost settings of docs/features.md; the table reports the best by PR-AUC
    dict(max_depth=6, learning_rate=0.1, n_estimators=500, colsample_bytree=1.0),
    dict(max_depth=6, learning_rate=0.05, n_estimators=1000, colsample_bytree=0.8),
    dict(max_depth=8, learning_rate=0.05, n_estimators=1000, colsample_bytree=0.6),
    dict(max_depth=4, learning_rate=0.05, n_estimators=1500, colsample_bytree=0.8),
    dict(max_depth=6, learning_rate=0.03, n_estimators=2000, colsample_bytree=0.6, min_child_weight=3),
]


def best_f1(y, p):
    order = np.argsort(-p)
    hits = np.cumsum(y[order])
    return float(np.max(2 * hits / (np.arange(1, len(y) + 1) + y.sum())))


def scores(y, p):
    return f1_score(y, p >= 0.5), best_f1(y, p), average_precision_score(y, p)


def load(folder):
    train = pd.read_csv(f"{folder}/train.csv")
    test = pd.read_csv(f"{folder}/holdout.csv").drop(columns=["is_converted"])
    test = test.merge(pd.read_csv(f"{folder}/labels.csv"), on="id", sort=False)
    y = train.is_converted.astype(str).eq("True").astype(int).values
    yh = test.is_converted.astype(str).eq("True").astype(int).values
    features = [c for c in train.columns if c not in ("id", "is_converted")]
    return train[features], y, test[features], yh


def sklearn_models(X, y, Xh):
    X, Xh = X.copy(), Xh.copy()
    text = [c for c in X.columns if X[c].dtype == object] + IDS
    numbers = [c for c in X.columns if c not in text]
    for c in text:
        X[c], Xh[c] = X[c].astype(str), Xh[c].astype(str)
    encode = ColumnTransformer([
        ("text", OneHotEncoder(handle_unknown="ignore", min_frequency=5), text),
        ("numbers", make_pipeline(SimpleImputer(), StandardScaler()), numbers),
    ])
    lr = make_pipeline(encode, LogisticRegression(max_iter=1000)).fit(X, y).predict_proba(Xh)[:, 1]
    mlp = make_pipeline(encode, MLPClassifier((64, 32), random_state=0, early_stopping=True))
    mlp = mlp.fit(X, y).predict_proba(Xh)[:, 1]
    return {"scikit-learn logistic regression": lr, "scikit-learn MLP 64-32": mlp, "their average": (lr + mlp) / 2}


def xgboost_as_issue(X, y, Xh, drop_placeholder):
    if drop_placeholder:
        keep = (X.customer_idx != PLACEHOLDER).values
        X, y = X[keep], y[keep]
    both = pd.concat([X, Xh])
    for c in both.columns:
        if both[c].dtype == object:
            both[c] = pd.factorize(both[c])[0]
    model = xgb.XGBClassifier(n_estimators=500, tree_method="hist", n_jobs=2, random_state=0)
    return model.fit(both.iloc[: len(X)], y).predict_proba(both.iloc[len(X):])[:, 1]


def xgboost_tuned(X, y, Xh, setting):
    keep = (X.customer_idx != PLACEHOLDER).values
    X, y = X[keep].drop(columns=["customer_country.1"]), y[keep]
    both = pd.concat([X, Xh[X.columns]])
    for c in both.columns:
        if both[c].dtype == object:
            both[c] = both[c].astype(str).str.strip().str.lower().astype("category")
    for c in IDS:
        both[c] = both[c].astype(str).astype("category")
    model = xgb.XGBClassifier(tree_method="hist", enable_categorical=True, max_cat_to_onehot=1, subsample=0.8,
                              n_jobs=2, random_state=0, **setting)
    return model.fit(both.iloc[: len(X)], y).predict_proba(both.iloc[len(X):])[:, 1]


def xgboost_on_our_features(folder):
    design = f"{folder}/design"
    meta = json.load(open(f"{design}/meta.json"))

    def frame(name, rows):
        num = np.fromfile(f"{design}/{name}_num.bin", dtype=np.float32).reshape(rows, len(meta["numNames"]))
        cat = np.fromfile(f"{design}/{name}_cat.bin", dtype=np.uint32).reshape(rows, len(meta["catNames"]))
        df = pd.DataFrame(num, columns=meta["numNames"])
        for j, (c, size) in enumerate(zip(meta["catNames"], meta["catSizes"])):
            df["c_" + c] = pd.Categorical(cat[:, j], categories=range(size))
        return df

    X, Xh = frame("train", meta["rows"]), frame("holdout", meta["holdoutRows"])
    y = np.fromfile(f"{design}/labels.bin", dtype=np.uint8)
    model = xgb.XGBClassifier(tree_method="hist", enable_categorical=True, max_cat_to_onehot=1, max_depth=6,
                              learning_rate=0.1, n_estimators=500, n_jobs=2, random_state=0)
    return model.fit(X, y).predict_proba(Xh)[:, 1]


def main(folders):
    results = {}
    for folder in folders:
        X, y, Xh, yh = load(folder)
        models = sklearn_models(X, y, Xh)
        models["XGBoost, 500 trees, as in the issue"] = xgboost_as_issue(X, y, Xh, False)
        models["the same, placeholder customer left out"] = xgboost_as_issue(X, y, Xh, True)
        for i, setting in enumerate(TUNED):
            models[f"XGBoost tuned, setting {i + 1}"] = xgboost_tuned(X, y, Xh, setting)
        if os.path.isdir(f"{folder}/design"):
            models["XGBoost on our features"] = xgboost_on_our_features(folder)
        for name, p in models.items():
            results.setdefault(name, []).append(scores(yh, p))
        print(f"{folder}: done", file=sys.stderr, flush=True)
    for name, rows in results.items():
        print(f"{name:45s} " + " / ".join(f"{v:.3f}" for v in np.mean(rows, axis=0)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
