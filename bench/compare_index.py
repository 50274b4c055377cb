#!/usr/bin/env python3
"""The embedded index and hnswlib side by side on the same vectors and queries.

Runs `./faceflow bench index --backend embedded --export DIR ...` (which measures the embedded
index and writes its data), then bench/hnswlib_reference.py on DIR, one after the other so they
do not share the CPU, and prints both curves and the ratio of p99 latencies at equal recall
(each curve's p99 interpolated linearly at the target recall@10).

Setup (once): python3 -m venv .cache/bench-venv && .cache/bench-venv/bin/pip install hnswlib numpy
Run from the repository root, e.g.:
  .cache/bench-venv/bin/python bench/compare_index.py --size 100000 --beam 100,200,400 --ef 100,200,400
"""
import argparse
import os
import re
import subprocess
import sys

FIELD = re.compile(r"(\w[\w@]*)=(\S+)")


def parse(lines):
    rows = []
    for line in lines:
        if line.startswith("backend="):
            rows.append({k: v for k, v in FIELD.findall(line.split(" (")[0])})
    return rows


def p99_at(rows, target):
    """p99 at the target recall, linear between the two measured points around it; None if not reached."""
    pts = sorted((float(r["recall@10"]), float(r["p99_ms"])) for r in rows)
    for (r0, t0), (r1, t1) in zip(pts, pts[1:]):
        if r0 <= target <= r1:
            return t0 if r1 == r0 else t0 + (t1 - t0) * (target - r0) / (r1 - r0)
    if pts and pts[0][0] >= target:
        return pts[0][1]  # already above target at the smallest beam: an upper bound
    return None


def run(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if out.returncode != 0:
        sys.exit(f"{cmd[0]} failed with exit code {out.returncode}; its messages are above")
    return out.stdout.splitlines()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size", default="100000")
    p.add_argument("--data", default="face-shaped", help="face-shaped or isotropic")
    p.add_argument("--beam", default="100,200,400,800", help="embedded search beams")
    p.add_argument("--ef", default="100,200,400,800", help="hnswlib search beams")
    p.add_argument("--m", default="32")
    p.add_argument("--ef-construction", default="200")
    p.add_argument("--queries", default="500")
    p.add_argument("--export", default=".cache/bench/compare-data", help="folder for the shared data")
    p.add_argument("--target", type=float, default=0.99, help="recall@10 at which to compare p99")
    p.add_argument("--keep", help="folder to keep both built indexes in: a later run with the same settings"
                   " measures search again without rebuilding")
    p.add_argument("--faceflow-arg", action="append", default=[], help="extra argument for faceflow bench index")
    args = p.parse_args()

    tag = f"{args.data}-{args.size}-m{args.m}-efc{args.ef_construction}"
    keep_embedded = ["--uri", "file:" + os.path.join(args.keep, "embedded-" + tag)] if args.keep else []
    keep_hnswlib = ["--index-file", os.path.join(args.keep, "hnswlib-" + tag + ".bin")] if args.keep else []
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    embedded = parse(run(["./faceflow", "bench", "index", "--backend", "embedded", "--data", args.data,
                          "--size", args.size, "--queries", args.queries, "--beam", args.beam, "--hnsw-m", args.m,
                          "--ef-construction", args.ef_construction, "--export", args.export]
                         + keep_embedded + args.faceflow_arg))
    here = os.path.dirname(os.path.abspath(__file__))
    reference = parse(run([sys.executable, os.path.join(here, "hnswlib_reference.py"), args.export, "--ef", args.ef,
                           "--m", args.m, "--ef-construction", args.ef_construction] + keep_hnswlib))

    print(f"| backend | beam | recall@10 | rank-1 acc | p50 ms | p99 ms | insert /s |")
    print(f"|---|---|---|---|---|---|---|")
    for r in embedded + reference:
        print(f"| {r['backend']} | {r['beam']} | {r['recall@10']} | {r['rank1_accuracy']} | {r['p50_ms']} |"
              f" {r['p99_ms']} | {r['insert_per_s']} |")
    e, h = p99_at(embedded, args.target), p99_at(reference, args.target)
    if e is None or h is None:
        print(f"p99 ratio at recall@10 {args.target}: not measurable, "
              f"{'embedded' if e is None else 'hnswlib'} does not reach it at the beams tried; add wider beams")
    else:
        print(f"p99 at recall@10 {args.target}: embedded {e:.2f} ms, hnswlib {h:.2f} ms, ratio {e / h:.2f}")


if __name__ == "__main__":
    main()
