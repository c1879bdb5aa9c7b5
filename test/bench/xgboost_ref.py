"""XGBoost reference for test/bench/xgboost_compare.ts (run by it with Debian's /usr/bin/python3 + python3-xgboost).

Reads the matrix, targets and folds the TypeScript bench wrote (so both sides use identical rows and folds), trains
one hist model per fold with the same hyper-parameters, and prints one JSON line: per-fold RMSE, R^2, fit seconds (wall and CPU).
Fit time covers DMatrix construction and training, as the TypeScript side's covers binning and training.
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb


def main(directory: str) -> None:
    meta = json.load(open(os.path.join(directory, "meta.json")))
    n, nf = meta["n_rows"], meta["n_features"]
    X = np.fromfile(os.path.join(directory, "X.f32"), dtype="<f4").reshape(n, nf)
    y = np.fromfile(os.path.join(directory, "y.f32"), dtype="<f4")
    folds = np.fromfile(os.path.join(directory, "folds.i32"), dtype="<i4")
    params = {
        "objective": "reg:squarederror",
        "tree_method": "hist",
        "max_depth": meta["max_depth"],
        "eta": meta["learning_rate"],
        "lambda": meta["lambda"],
        "min_child_weight": meta["min_child_weight"],
        "max_bin": meta["max_bin"],
        "nthread": meta["nthread"],
        "seed": 1,
    }
    out = {"version": xgb.__version__, "rmse": [], "r2": [], "fit_s": [], "cpu_s": []}
    for f in range(meta["folds"]):
        tr, te = folds != f, folds == f
        t0 = time.perf_counter()
        c0 = time.process_time()
        dtrain = xgb.DMatrix(X[tr], label=y[tr], missing=np.nan, nthread=meta["nthread"])
        booster = xgb.train(params, dtrain, num_boost_round=meta["rounds"])
        fit = time.perf_counter() - t0
        out["cpu_s"].append(time.process_time() - c0)
        p = booster.predict(xgb.DMatrix(X[te], missing=np.nan, nthread=meta["nthread"]))
        yt = y[te].astype(np.float64)
        rmse = float(np.sqrt(np.mean((yt - p) ** 2)))
        r2 = float(1 - np.sum((yt - p) ** 2) / np.sum((yt - yt.mean()) ** 2))
        out["rmse"].append(rmse)
        out["r2"].append(r2)
        out["fit_s"].append(fit)
        print(f"  xgboost fold {f}: rmse {rmse:.3f} r2 {r2:.4f} fit {fit:.2f} s", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
