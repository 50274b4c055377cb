"""Turns the JSON lines of HeadComparison (training module, io.faceflow.training.bench) into the
markdown table of docs/results.md: per head, mean +- sample std (n-1) over seeds of verification
accuracy, TAR@FAR 1e-2, ROC AUC, rank-1 and TPIR@FPIR 1e-1 / 1e-2. Standard library only.

    python3 bench/summarise_heads.py /tmp/ff/grid/results.jsonl
"""
import json
import statistics
import sys
from collections import OrderedDict


def pick(rec):
    v, i = rec["verification"], rec["identification"]
    tar = {p["far"]: p["tar"] for p in v["tar_at_far"]}
    tpir = {p["fpir"]: p["tpir"] for p in i["tpir_at_fpir"]}
    return OrderedDict([
        ("verification acc %", 100 * v["accuracy_mean"]),
        ("TAR@FAR1e-2 %", 100 * tar[0.01]),
        ("ROC AUC", v["roc_auc"]),
        ("rank-1 %", 100 * i["rank1"]),
        ("TPIR@FPIR1e-1 %", 100 * tpir[0.1]),
        ("TPIR@FPIR1e-2 %", 100 * tpir[0.01]),
        ("loss first->last", (rec.get("first_loss", float("nan")), rec.get("last_loss", float("nan")))),
    ])


def fmt(values, digits):
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.fmean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def main(path):
    groups = OrderedDict()
    for line in open(path):
        if line.strip():
            rec = json.loads(line)
            groups.setdefault(rec["head"], []).append(rec)
    header = None
    for head, recs in groups.items():
        if head == "untrained":
            recs = recs[:1]  # the baseline is written once per invocation; it is deterministic
        rows = [pick(r) for r in recs]
        if header is None:
            header = list(rows[0].keys())
            print("| head | seeds | steps | " + " | ".join(header) + " |")
            print("|---" * (len(header) + 3) + "|")
        cells = []
        for key in header:
            if key == "loss first->last":
                first = [r[key][0] for r in rows]
                last = [r[key][1] for r in rows]
                cells.append("-" if head == "untrained" else f"{statistics.fmean(first):.1f} -> {statistics.fmean(last):.1f}")
            else:
                cells.append(fmt([r[key] for r in rows], 3 if key == "ROC AUC" else 1))
        seeds = ",".join(str(r["seed"]) for r in recs)
        print(f"| {head} | {seeds} | {recs[0]['steps']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
