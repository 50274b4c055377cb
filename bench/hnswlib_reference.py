#!/usr/bin/env python3
"""hnswlib on exactly the data of a `faceflow bench index --export DIR` run.

Builds one hnswlib HNSW graph (inner product on the unit vectors, i.e. cosine) over gallery.npy,
then per ef searches query by query on one thread, as the Java benchmark does: the first
--warmup queries are untimed; each timed query fetches top-k x overfetch templates and keeps the
best per identity, and is scored against the exact identity-level answer (recall@10, rank-1
agreement with exact, rank-1 accuracy on enrolled probes). Prints one key=value line per ef in
the format of `faceflow bench index`, so bench/compare_index.py can read both.

Needs: pip install hnswlib numpy (see bench/compare_index.py for the venv).
"""
import argparse
import os
import resource
import time
from importlib.metadata import version

import numpy as np


def identity_top(ids, scores, k):
    """Best template per identity, the k best identities (ids and scores sorted best first)."""
    seen = []
    for i in ids[np.argsort(-scores, kind="stable")]:
        if i not in seen:
            seen.append(i)
            if len(seen) == k:
                break
    return seen


def exact_answers(gallery, owner, queries, k):
    answers = []
    for start in range(0, len(queries), 256):
        block = queries[start:start + 256] @ gallery.T
        for row in block:
            cut = np.argpartition(-row, k * 50)[:k * 50]
            answers.append(identity_top(owner[cut], row[cut], k))
    return answers


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", help="folder written by faceflow bench index --export")
    p.add_argument("--ef", default="100,200,400,800", help="search beams to measure, comma separated")
    p.add_argument("--m", type=int, default=32)
    p.add_argument("--ef-construction", type=int, default=200)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--overfetch", type=int, default=5)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--build-threads", type=int, default=os.cpu_count())
    p.add_argument("--index-file", help="keep the built graph here and load it on later runs")
    args = p.parse_args()
    import hnswlib

    gallery = np.load(os.path.join(args.data, "gallery.npy"))
    owner = np.load(os.path.join(args.data, "gallery_identity.npy"))
    queries = np.load(os.path.join(args.data, "queries.npy"))
    query_owner = np.load(os.path.join(args.data, "query_identity.npy"))
    n, dim = gallery.shape

    index = hnswlib.Index(space="ip", dim=dim)
    # A kept graph (--index-file) is loaded instead of rebuilt, so timed runs can be repeated cheaply;
    # its build time is kept beside it. The file name should say which data and settings built it.
    stamp = args.index_file + ".build_s" if args.index_file else None
    if args.index_file and os.path.exists(args.index_file):
        index.load_index(args.index_file, max_elements=n)
        with open(stamp) as f:
            build_s = float(f.read())
    else:
        index.init_index(max_elements=n, M=args.m, ef_construction=args.ef_construction, random_seed=42)
        index.set_num_threads(args.build_threads)
        start = time.perf_counter()
        index.add_items(gallery, np.arange(n))
        build_s = time.perf_counter() - start
        if args.index_file:
            index.save_index(args.index_file)
            with open(stamp, "w") as f:
                f.write(str(build_s))
    if index.get_current_count() != n:
        raise SystemExit(f"{args.index_file} holds {index.get_current_count()} vectors, the data {n}: remove it")
    index.set_num_threads(1)

    timed = range(args.warmup, len(queries))
    exact = exact_answers(gallery, owner, queries[args.warmup:], args.k)
    fetch = args.k * args.overfetch
    for ef in [int(e) for e in args.ef.split(",")]:
        index.set_ef(max(ef, fetch))
        millis, found = [], []
        load_before = os.getloadavg()[0]
        for q in range(len(queries)):
            t0 = time.perf_counter_ns()
            labels, dist = index.knn_query(queries[q:q + 1], k=fetch)
            t1 = time.perf_counter_ns()
            if q >= args.warmup:
                millis.append((t1 - t0) / 1e6)
                # hnswlib's ip distance is 1 - dot.
                found.append(identity_top(owner[labels[0]], 1.0 - dist[0], args.k))
        recall = np.mean([len(set(f) & set(e)) / len(e) for f, e in zip(found, exact)])
        agreement = np.mean([f[0] == e[0] for f, e in zip(found, exact)])
        enrolled = [(f[0] == query_owner[q]) for f, q in zip(found, timed) if query_owner[q] >= 0]
        accuracy = np.mean(enrolled) if enrolled else float("nan")
        millis = np.sort(np.array(millis))
        pct = lambda x: millis[max(0, int(np.ceil(x * len(millis))) - 1)]
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
        print(f"backend=hnswlib data=export size={n} dim={dim} identities={len(np.unique(owner))} beam={ef}"
              f" recall@10={recall:.4f} rank1_agreement={agreement:.4f} rank1_accuracy={accuracy:.4f}"
              f" p50_ms={pct(0.50):.2f} p99_ms={pct(0.99):.2f} queries={len(millis)}"
              f" insert_per_s={n / build_s:.0f} insert_s={build_s:.1f} finish_s=0.0 rss_mb={rss_mb} index_mb=-1"
              f" raw_mb={gallery.nbytes >> 20} (hnswlib {version('hnswlib')} M={args.m}"
              f" efConstruction={args.ef_construction}, {args.build_threads} build threads, 1 query thread, load average"
              f" {load_before:.2f} before / {os.getloadavg()[0]:.2f} after the timed searches)",
              flush=True)


if __name__ == "__main__":
    main()
