#!/usr/bin/env python3
"""Runs FAISS (IndexFlatL2 / IndexIVFFlat) and Trinity's vector bench on the same .fvecs/.ivecs files with the
same thread count, one after the other in one run, and prints both with the QPS ratio.

  scripts/faiss_compare.sh --base B.fvecs --queries Q.fvecs --gt GT.ivecs --k 10 --index flat|ivf \
      [--nlist N --nprobe 8,16] --metric l2 --batch 1,64 [--threads T] [--max-queries M] [--json OUT]

Exits 0 with a note when FAISS (Debian python3-faiss) is not installed.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

try:
    import faiss
    import numpy as np
except ImportError:
    print("faiss_compare: FAISS is not installed here (Debian: apt-get install python3-faiss); nothing to compare.")
    sys.exit(0)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    d = raw[0]
    rows = raw.reshape(-1, d + 1)[:, 1:]
    return np.ascontiguousarray(rows.view(dtype) if dtype == np.float32 else rows)


def faiss_runs(a, xb, xq, gt):
    d = xb.shape[1]
    metric = faiss.METRIC_L2 if a.metric == "l2" else faiss.METRIC_INNER_PRODUCT
    if a.metric == "cosine":
        xb = xb.copy(); xq = xq.copy()
        faiss.normalize_L2(xb); faiss.normalize_L2(xq)
    if a.index == "flat":
        index = faiss.IndexFlatL2(d) if metric == faiss.METRIC_L2 else faiss.IndexFlatIP(d)
    else:
        quantizer = faiss.IndexFlatL2(d) if metric == faiss.METRIC_L2 else faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, a.nlist, metric)
        t = time.time(); index.train(xb); print(f"faiss: trained {a.nlist} lists in {time.time() - t:.1f} s", file=sys.stderr)
    index.add(xb)
    runs = []
    nprobes = [int(p) for p in a.nprobe.split(",")] if a.index == "ivf" else [0]
    for batch in [int(b) for b in a.batch.split(",")]:
        for nprobe in nprobes:
            if nprobe:
                index.nprobe = nprobe
            index.search(xq[: max(batch, 32)], a.k)  # warm-up
            latencies, found = [], []
            start = time.perf_counter()
            for i in range(0, len(xq), batch):
                t = time.perf_counter()
                _, ids = index.search(xq[i:i + batch], a.k)
                ms = (time.perf_counter() - t) * 1000
                latencies += [ms] * len(ids)
                found.append(ids)
            elapsed = time.perf_counter() - start
            found = np.vstack(found)
            recall = np.mean([len(set(found[q]) & set(gt[q, :a.k])) / a.k for q in range(len(xq))])
            runs.append({"index": a.index, "metric": a.metric, "batch": batch, "nprobe": nprobe or None,
                         "qps": round(len(xq) / elapsed, 1), "p50_ms": round(float(np.percentile(latencies, 50)), 3),
                         "p99_ms": round(float(np.percentile(latencies, 99)), 3), "recall": round(float(recall), 4)})
    return runs


def trinity_runs(a):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = ["dotnet", "run", "-c", "Release", "--project", os.path.join(REPO, "src", "Trinity.Bench"), "--", "vector",
           "--base", a.base, "--queries", a.queries, "--gt", a.gt, "--k", str(a.k), "--index", a.index, "--metric", a.metric,
           "--batch", a.batch, "--threads", str(a.threads), "--max-queries", str(a.max_queries), "--json", out]
    if a.index == "ivf":
        cmd += ["--nlist", str(a.nlist), "--nprobe", a.nprobe]
    subprocess.run(cmd, check=True)
    with open(out) as f:
        return json.load(f)["runs"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True); p.add_argument("--queries", required=True); p.add_argument("--gt", required=True)
    p.add_argument("--k", type=int, default=10); p.add_argument("--index", default="flat"); p.add_argument("--metric", default="l2")
    p.add_argument("--nlist", type=int, default=1024); p.add_argument("--nprobe", default="8,16,32")
    p.add_argument("--batch", default="1,64"); p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--max-queries", type=int, default=1000); p.add_argument("--json")
    a = p.parse_args()
    faiss.omp_set_num_threads(a.threads)
    xb = read_vecs(a.base, np.float32); xq = read_vecs(a.queries, np.float32)[: a.max_queries]; gt = read_vecs(a.gt, np.int32)
    print(f"faiss {faiss.__version__}, {a.threads} threads, base {xb.shape}, queries {xq.shape}", file=sys.stderr)
    theirs = faiss_runs(a, xb, xq, gt)
    ours = trinity_runs(a)
    print(f"\n{'index':6} {'batch':>5} {'nprobe':>6} | {'faiss qps':>10} {'recall':>7} | {'trinity qps':>11} {'recall':>7} {'GB/s':>6} | ratio")
    rows = []
    for f in theirs:
        t = next(r for r in ours if r["batch"] == f["batch"] and (r.get("nprobe") or None) == f["nprobe"])
        ratio = t["qps"] / f["qps"]
        rows.append({"faiss": f, "trinity": t, "qps_ratio": round(ratio, 2)})
        print(f"{f['index']:6} {f['batch']:>5} {str(f['nprobe'] or '-'):>6} | {f['qps']:>10} {f['recall']:>7} | "
              f"{t['qps']:>11} {t['recall']:>7} {t['gb_per_s']:>6} | {ratio:.2f}x")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"command": "faiss_compare", "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "threads": a.threads,
                       "faiss": faiss.__version__}, "runs": rows}, f, indent=2)


if __name__ == "__main__":
    main()
