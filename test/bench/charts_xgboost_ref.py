"""XGBoost reference for test/bench/charts_xgboost.ts (run by it with Debian's /usr/bin/python3 + python3-xgboost).

Reads the chart matrix, the Top-200 labels, the tuning folds and the reported folds that the TypeScript bench wrote
(so both sides use identical rows and folds). For each setting in settings.json it trains one binary:logistic hist
model per (region, fold) and prints one JSON line: per setting, per split ("tune" / "report"), per region, the AUC of
every fold.
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Mann-Whitney AUC with average ranks for ties (the same definition as src/lib/core/metrics)."""
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p), dtype=np.float64)
    sp = p[order]
    i = 0
    while i < len(sp):
        j = i
        while j + 1 < len(sp) and sp[j + 1] == sp[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def main(directory: str) -> None:
    meta = json.load(open(os.path.join(directory, "meta.json")))
    n, p, regions = meta["n_rows"], meta["n_features"], meta["regions"]
    X = np.fromfile(os.path.join(directory, "X.f32"), dtype="<f4").reshape(n, p)
    Y = np.fromfile(os.path.join(directory, "Y.f32"), dtype="<f4").reshape(len(regions), n)
    folds = {s: np.fromfile(os.path.join(directory, f"{s}.i32"), dtype="<i4") for s in ("tune", "report")}
    settings = json.load(open(os.path.join(directory, "settings.json")))
    out = []
    for s in settings:
        params = {"objective": "binary:logistic", "tree_method": "hist", "nthread": meta["nthread"], "seed": 1, **s["params"]}
        result = {"name": s["name"], "params": s["params"], "rounds": s["rounds"], "auc": {}}
        for split in s["splits"]:
            fold = folds[split]
            k = int(fold.max()) + 1
            per_region = {}
            for r, region in enumerate(regions):
                scores = []
                for f in range(k):
                    tr, te = fold != f, fold == f
                    booster = xgb.train(params, xgb.DMatrix(X[tr], label=Y[r][tr], missing=np.nan), num_boost_round=s["rounds"])
                    scores.append(auc(Y[r][te], booster.predict(xgb.DMatrix(X[te], missing=np.nan))))
                per_region[region] = scores
            result["auc"][split] = per_region
            mean = np.mean([np.mean(v) for v in per_region.values()])
            print(f"  xgboost {s['name']} {split}: mean AUC {mean:.4f}", file=sys.stderr)
        out.append(result)
    print(json.dumps({"version": xgb.__version__, "results": out}))


if __name__ == "__main__":
    main(sys.argv[1])
