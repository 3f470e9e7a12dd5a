#!/usr/bin/env python3
"""Trinity's vector pool beside its peers on the same files, the same thread count, one after the other in one run:
hnswlib (graph), FAISS IndexFlatL2 with OpenBLAS (exact), and the machine's sgemm (numpy/OpenBLAS) on the shape of an
exact batch. Prints every run and the ratios the docs quote; --json writes them all. Every setting is timed --repeat
times and the fastest pass kept, for every engine; hnswlib is timed before and after Trinity's graph runs and keeps the
faster, so that a slow spell of a shared machine cannot favour us. With --rounds N the two alternate N times (hnswlib
N + 1 timings, ours N), each keeping its fastest.

  scripts/vector_peers.sh --data fashion-mnist|DIR --out /tmp/peers [--threads 2] [--k 10] [--batch 1,64]
      [--max-queries 1000] [--parts hnswlib,graph,flat,faiss,sgemm]
      [--hnsw-m 16 --hnsw-ef-construction 200 --hnsw-ef 10,16,24,32,48,64,96,128]
      [--graph-m 16 --graph-ef-construction 200 --graph-ef 10,16,24,32,48,64] [--quantization fp32,sq8] [--repeat 3] [--rounds 1] [--json OUT]

DIR holds base.fvecs, queries.fvecs and gt.ivecs (`Trinity.Bench vector gen` writes them); fashion-mnist is converted
from Debian's dataset-fashion-mnist (60,000 × 784 train images as base, the 10,000 test images as queries, exact l2
ground truth computed here).
"""
import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    d = raw[0]
    rows = raw.reshape(-1, d + 1)[:, 1:]
    return np.ascontiguousarray(rows.view(dtype) if dtype == np.float32 else rows)


def write_vecs(path, a):
    a = np.ascontiguousarray(a)
    out = np.empty((a.shape[0], a.shape[1] + 1), dtype=np.int32)
    out[:, 0] = a.shape[1]
    out[:, 1:] = a.view(np.int32)
    out.tofile(path)


def fashion_mnist(out):
    os.makedirs(out, exist_ok=True)
    paths = [os.path.join(out, f) for f in ("base.fvecs", "queries.fvecs", "gt.ivecs")]
    if all(os.path.exists(p) for p in paths):
        return out

    def idx(name):
        with gzip.open(os.path.join("/usr/share/datasets/fashion-mnist", name)) as f:
            b = f.read()
        n = int.from_bytes(b[4:8], "big")
        return np.frombuffer(b, dtype=np.uint8, offset=16).reshape(n, -1).astype(np.float32)

    xb, xq = idx("train-images-idx3-ubyte.gz"), idx("t10k-images-idx3-ubyte.gz")
    print(f"fashion-mnist: computing exact l2 top-100 of {len(xq)} queries over {len(xb)}", file=sys.stderr)
    norms = (xb.astype(np.float64) ** 2).sum(1)
    gt = np.empty((len(xq), 100), dtype=np.int32)
    for i in range(0, len(xq), 500):
        d = norms[None, :] - 2 * (xq[i:i + 500].astype(np.float64) @ xb.T.astype(np.float64))
        part = np.argpartition(d, 100, axis=1)[:, :100]
        order = np.take_along_axis(d, part, 1).argsort(1, kind="stable")
        gt[i:i + 500] = np.take_along_axis(part, order, 1)
    write_vecs(paths[0], xb)
    write_vecs(paths[1], xq)
    write_vecs(paths[2], gt)
    return out


def recall(found, gt, k):
    return float(np.mean([len(set(found[q][:k]) & set(gt[q, :k])) / k for q in range(len(found))]))


def timed_batches(search, xq, batch, repeat=1):
    """Best of `repeat` passes over the queries (ann-benchmarks' practice), as Trinity's bench does with --repeat."""
    best = None
    for _ in range(max(1, repeat)):
        run = timed_pass(search, xq, batch)
        if best is None or run[1] < best[1]:
            best = run
    return best


def timed_pass(search, xq, batch):
    latencies, found = [], []
    start = time.perf_counter()
    for i in range(0, len(xq), batch):
        t = time.perf_counter()
        ids = search(xq[i:i + batch])
        latencies += [(time.perf_counter() - t) * 1000] * len(ids)
        found.append(ids)
    elapsed = time.perf_counter() - start
    return np.vstack(found), elapsed, latencies


def build_hnswlib(a, xb):
    import hnswlib
    index = hnswlib.Index(space="l2", dim=xb.shape[1])
    index.init_index(max_elements=len(xb), M=a.hnsw_m, ef_construction=a.hnsw_ef_construction, random_seed=100)
    index.set_num_threads(a.threads)
    t = time.perf_counter()
    index.add_items(xb, np.arange(len(xb)))
    build = time.perf_counter() - t
    print(f"hnswlib: built M {a.hnsw_m} ef_construction {a.hnsw_ef_construction} in {build:.1f} s", file=sys.stderr)
    return index, build


def best_of(first, second):
    """Per (batch, ef), the faster of two measurements of the same index (one engine timed in two windows of a shared
    machine), so that a slow spell during one of them does not decide the ratio."""
    by_key = {(r["batch"], r["ef"]): r for r in first}
    return [max(by_key[(r["batch"], r["ef"])], r, key=lambda x: x["qps"]) for r in second]


def run_hnswlib(a, index, build, xb, xq, gt):
    index_bytes = len(xb) * (xb.shape[1] * 4 + a.hnsw_m * 2 * 4 + 4 + 8)
    runs = []
    for batch in a.batches:
        for ef in a.hnsw_efs:
            index.set_ef(max(ef, a.k))
            index.knn_query(xq[:max(batch, 32)], k=a.k)
            threads = 1 if batch == 1 else a.threads
            found, elapsed, lat = timed_batches(lambda q: index.knn_query(q, k=a.k, num_threads=threads)[0], xq, batch, a.repeat)
            runs.append({"engine": "hnswlib", "index": "graph", "batch": batch, "ef": ef, "m": a.hnsw_m, "ef_construction": a.hnsw_ef_construction,
                         "qps": round(len(xq) / elapsed, 1), "p50_ms": round(float(np.percentile(lat, 50)), 3),
                         "p99_ms": round(float(np.percentile(lat, 99)), 3), "recall": round(recall(found, gt, a.k), 4),
                         "build_seconds": round(build, 2), "index_bytes": index_bytes})
    return runs


def run_faiss(a, xb, xq, gt):
    import faiss
    faiss.omp_set_num_threads(a.threads)
    index = faiss.IndexFlatL2(xb.shape[1])
    index.add(xb)
    runs = []
    for batch in a.batches:
        index.search(xq[:max(batch, 32)], a.k)
        found, elapsed, lat = timed_batches(lambda q: index.search(q, a.k)[1], xq, batch, a.repeat)
        runs.append({"engine": "faiss", "index": "flat", "batch": batch, "qps": round(len(xq) / elapsed, 1),
                     "p50_ms": round(float(np.percentile(lat, 50)), 3), "p99_ms": round(float(np.percentile(lat, 99)), 3),
                     "recall": round(recall(found, gt, a.k), 4), "index_bytes": xb.nbytes})
    return runs


def run_sgemm(a, xb, batch):
    q = np.ascontiguousarray(xb[:batch] + 0.5)
    best = float("inf")
    for _ in range(7):
        t = time.perf_counter()
        np.dot(q, xb.T)
        best = min(best, time.perf_counter() - t)
    flops = 2.0 * batch * xb.shape[0] * xb.shape[1]
    return {"engine": "sgemm", "batch": batch, "n": xb.shape[0], "dimension": xb.shape[1], "seconds": round(best, 5),
            "gflops": round(flops / best / 1e9, 1), "blas": blas_name()}


def blas_name():
    try:
        out = subprocess.run(["ldd", np.core._multiarray_umath.__file__], capture_output=True, text=True).stdout
        return "openblas" if "openblas" in out or "/openblas" in os.environ.get("LD_LIBRARY_PATH", "") else "default"
    except Exception:
        return "unknown"


def run_trinity(a, data, index, extra):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = ["dotnet", "run", "-c", "Release", "--project", os.path.join(REPO, "src", "Trinity.Bench"), "--", "vector",
           "--base", os.path.join(data, "base.fvecs"), "--queries", os.path.join(data, "queries.fvecs"),
           "--gt", os.path.join(data, "gt.ivecs"), "--k", str(a.k), "--index", index, "--metric", "l2",
           "--batch", ",".join(map(str, a.batches)), "--threads", str(a.threads), "--max-queries", str(a.max_queries),
           "--repeat", str(a.repeat), "--json", out] + extra
    subprocess.run(cmd, check=True)
    with open(out) as f:
        runs = json.load(f)["runs"]
    for r in runs:
        r["engine"] = "trinity"
    return runs


def best_at(runs, batch, floor):
    ok = [r for r in runs if r["batch"] == batch and r["recall"] >= floor]
    return max(ok, key=lambda r: r["qps"]) if ok else None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "trinity-peers"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--batch", default="1,64")
    p.add_argument("--max-queries", type=int, default=1000)
    p.add_argument("--parts", default="hnswlib,graph,flat,faiss,sgemm")
    p.add_argument("--hnsw-m", type=int, default=16)
    p.add_argument("--hnsw-ef-construction", type=int, default=200)
    p.add_argument("--hnsw-ef", default="10,16,24,32,48,64,96,128")
    p.add_argument("--graph-m", type=int, default=16)
    p.add_argument("--graph-ef-construction", type=int, default=200)
    p.add_argument("--graph-ef", default="10,16,24,32,48,64")
    p.add_argument("--quantization", default="fp32,sq8")
    p.add_argument("--repeat", type=int, default=3, help="passes over the queries per setting; the fastest is reported, for every engine")
    p.add_argument("--rounds", type=int, default=1, help="graph comparison: our runs alternated with hnswlib's this many times (hnswlib runs once more); each engine keeps its fastest")
    p.add_argument("--json")
    a = p.parse_args()
    a.batches = [int(b) for b in a.batch.split(",")]
    a.hnsw_efs = [int(e) for e in a.hnsw_ef.split(",")]
    parts = set(a.parts.split(","))
    data = fashion_mnist(os.path.join(a.out, "fashion-mnist")) if a.data == "fashion-mnist" else a.data
    xb = read_vecs(os.path.join(data, "base.fvecs"), np.float32)
    xq = read_vecs(os.path.join(data, "queries.fvecs"), np.float32)[: a.max_queries]
    gt = read_vecs(os.path.join(data, "gt.ivecs"), np.int32)
    print(f"{a.data}: base {xb.shape}, queries {xq.shape}, {a.threads} threads", file=sys.stderr)

    runs = []
    hnsw_runs = []
    if "hnswlib" in parts:
        index, build = build_hnswlib(a, xb)
        hnsw_runs = run_hnswlib(a, index, build, xb, xq, gt)
    if "graph" in parts:
        # Rounds alternate the engines (hnswlib, ours, hnswlib, ours, ..., hnswlib): each keeps its fastest timing of
        # every setting, and hnswlib is timed once more than ours, so a slow spell can only favour hnswlib.
        graph_runs = {}
        for _ in range(a.rounds):
            for quantization in a.quantization.split(","):
                timed = run_trinity(a, data, "graph", ["--ef", a.graph_ef, "--m", str(a.graph_m), "--ef-construction", str(a.graph_ef_construction)]
                                    + ([] if quantization == "fp32" else ["--quantization", quantization]))
                graph_runs[quantization] = best_of(graph_runs[quantization], timed) if quantization in graph_runs else timed
            if hnsw_runs:
                hnsw_runs = best_of(hnsw_runs, run_hnswlib(a, index, build, xb, xq, gt))
        for quantization in a.quantization.split(","):
            runs += graph_runs[quantization]
    runs = hnsw_runs + runs
    if "sgemm" in parts:
        runs += [run_sgemm(a, xb, b) for b in a.batches if b > 1]
    if "faiss" in parts:
        runs += run_faiss(a, xb, xq, gt)
    if "flat" in parts:
        for quantization in a.quantization.split(","):
            runs += run_trinity(a, data, "flat", [] if quantization == "fp32" else ["--quantization", quantization])

    print(f"\n{'engine':8} {'index':6} {'quant':5} {'batch':>5} {'ef':>4} {'qps':>9} {'recall':>7} {'p50 ms':>8} {'p99 ms':>8} {'build s':>8} {'MB':>7}")
    for r in runs:
        if r["engine"] == "sgemm":
            print(f"{'sgemm':8} {'':6} {'':5} {r['batch']:>5} {'':>4} {r['gflops']:>8}G {'':>7}")
            continue
        print(f"{r['engine']:8} {r['index']:6} {r.get('quantization', 'fp32') or 'fp32':5} {r['batch']:>5} {str(r.get('ef') or '-'):>4} {r['qps']:>9} {r['recall']:>7} "
              f"{r['p50_ms']:>8} {r['p99_ms']:>8} {str(r.get('build_seconds', '-')):>8} {round(r.get('index_bytes', 0) / 1e6, 1):>7}")

    summary = {}
    hnsw = [r for r in runs if r["engine"] == "hnswlib"]
    for quantization in a.quantization.split(","):
        ours = [r for r in runs if r["engine"] == "trinity" and r["index"] == "graph" and (r.get("quantization") or "fp32") == quantization]
        for batch in a.batches:
            for floor in (0.95, 0.99):
                h, t = best_at(hnsw, batch, floor), best_at(ours, batch, floor)
                if h and t:
                    key = f"graph_{quantization}_b{batch}_r{floor}"
                    summary[key] = {"trinity_qps": t["qps"], "trinity_ef": t["ef"], "trinity_recall": t["recall"], "hnswlib_qps": h["qps"],
                                    "hnswlib_ef": h["ef"], "hnswlib_recall": h["recall"], "ratio": round(t["qps"] / h["qps"], 2)}
        if ours and quantization != "fp32":
            fp32 = [r for r in runs if r["engine"] == "trinity" and r["index"] == "graph" and (r.get("quantization") or "fp32") == "fp32"]
            if fp32:
                summary[f"graph_{quantization}_bytes_ratio"] = round(ours[0]["index_bytes"] / fp32[0]["index_bytes"], 3)
    for batch in a.batches:
        flat = next((r for r in runs if r["engine"] == "trinity" and r["index"] == "flat" and r["batch"] == batch
                     and (r.get("quantization") or "fp32") == "fp32"), None)
        faiss_run = next((r for r in runs if r["engine"] == "faiss" and r["batch"] == batch), None)
        gemm = next((r for r in runs if r["engine"] == "sgemm" and r["batch"] == batch), None)
        if flat and faiss_run:
            summary[f"flat_b{batch}_vs_faiss"] = round(flat["qps"] / faiss_run["qps"], 2)
        if flat and gemm:
            gflops = flat["qps"] * 2.0 * xb.shape[0] * xb.shape[1] / 1e9
            summary[f"flat_b{batch}_gflops"] = round(gflops, 1)
            summary[f"flat_b{batch}_of_sgemm"] = round(gflops / gemm["gflops"], 3)
    print("\nsummary:")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"command": "vector_peers " + " ".join(sys.argv[1:]), "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "threads": a.threads,
                       "date": time.strftime("%Y-%m-%d")}, "runs": runs, "summary": summary}, f, indent=2)


if __name__ == "__main__":
    main()
