"""Turns the JSON lines of FineTuneComparison (training module, io.faceflow.training.bench) into the
tables of docs/results.md section 3. Per head: mean +- sample std (n-1) over seeds of the change
(after - before, points) in rank-1 and TPIR@FPIR 1e-2 on held-out images of the fine-tuning
identities, and in verification accuracy and TAR@FAR 1e-3 on unseen identities; plus the parent's
figures per seed (the same for every head of a seed). Standard library only.

    python3 bench/summarise_finetune.py .cache/exp/grid/results.jsonl
"""
import json
import os
import statistics
import sys
from collections import OrderedDict

METRICS = OrderedDict([
    ("rank1", "rank-1 (held-out images)"),
    ("tpir_at_fpir_1e-2", "TPIR@FPIR 1e-2 (held-out images)"),
    ("verification_accuracy", "verification acc. (unseen ids)"),
    ("tar_at_far_1e-3", "TAR@FAR 1e-3 (unseen ids)"),
])


def fmt(values):
    if len(values) == 1:
        return f"{values[0]:+.2f}"
    return f"{statistics.fmean(values):+.2f} ± {statistics.stdev(values):.2f}"


def window(steps):
    """Steps averaged at each end: a tenth of the run (at least 3), since one batch's loss is noisy."""
    return max(3, len(steps) // 10)


def step_losses(path, rec):
    work = os.path.join(os.path.dirname(path), rec["head"].replace("+", "-plus") + "-seed" + rec["seed"] + ".work")
    return [json.loads(l)["loss"] for l in open(os.path.join(work, "metrics.jsonl")) if '"type":"step"' in l]


def losses(path, rec):
    """Mean training loss of the first and of the last tenth of the steps, from the run's metrics.jsonl."""
    steps = step_losses(path, rec)
    k = window(steps)
    return statistics.fmean(steps[:k]), statistics.fmean(steps[-k:])


def main(path):
    recs = [json.loads(l) for l in open(path) if l.strip()]
    seeds = OrderedDict()
    for r in recs:
        seeds.setdefault(r["seed"], r["before"])
    print("Parent (pretrained MobileFaceNet) per seed, %:\n")
    print("| seed | " + " | ".join(METRICS.values()) + " |")
    print("|---" * (len(METRICS) + 1) + "|")
    for seed, before in seeds.items():
        print(f"| {seed} | " + " | ".join(f"{100 * before[k]:.2f}" for k in METRICS) + " |")
    print("\nChange after fine-tuning (after - before, points; mean ± std over seeds):\n")
    k = window(step_losses(path, recs[0]))
    print("| head | seeds | " + " | ".join(METRICS.values()) + f" | loss, mean of the first {k} steps -> last {k} |")
    print("|---" * (len(METRICS) + 3) + "|")
    heads = OrderedDict()
    for r in recs:
        heads.setdefault(r["head"], []).append(r)
    for head, rs in heads.items():
        cells = []
        for k in METRICS:
            cells.append(fmt([100 * (r["after"][k] - r["before"][k]) for r in rs]))
        loss = ", ".join("%.2f -> %.2f" % losses(path, r) for r in rs)
        print(f"| {head} | {','.join(r['seed'] for r in rs)} | " + " | ".join(cells) + f" | {loss} |")
    print("\nAfter fine-tuning (absolute, %; mean ± std over seeds):\n")
    print("| head | " + " | ".join(METRICS.values()) + " |")
    print("|---" * (len(METRICS) + 1) + "|")
    for head, rs in heads.items():
        cells = []
        for k2 in METRICS:
            v = [100 * r["after"][k2] for r in rs]
            cells.append(f"{statistics.fmean(v):.2f}" + (f" ± {statistics.stdev(v):.2f}" if len(v) > 1 else ""))
        print(f"| {head} | " + " | ".join(cells) + " |")
    print("\nHeads ranked by the mean change of rank-1 on held-out images, with the gap to the next and the"
          " largest per-seed spread (std) of the two:\n")
    ranked = sorted(heads.items(), key=lambda kv: -statistics.fmean(
        100 * (r["after"]["rank1"] - r["before"]["rank1"]) for r in kv[1]))
    for i, (head, rs) in enumerate(ranked):
        d = [100 * (r["after"]["rank1"] - r["before"]["rank1"]) for r in rs]
        line = f"{i + 1}. {head}: {statistics.fmean(d):+.2f}"
        if i + 1 < len(ranked) and len(rs) > 1:
            nxt = [100 * (r["after"]["rank1"] - r["before"]["rank1"]) for r in ranked[i + 1][1]]
            gap = statistics.fmean(d) - statistics.fmean(nxt)
            spread = max(statistics.stdev(d), statistics.stdev(nxt))
            line += f" (gap to next {gap:.2f}, std up to {spread:.2f}: {'within' if gap < spread else 'beyond'} noise)"
        print(line)
    secs = [r["job_seconds"] for r in recs]
    print(f"\n{len(recs)} runs, job wall time {min(secs):.0f} to {max(secs):.0f} s each.")


if __name__ == "__main__":
    main(sys.argv[1])
