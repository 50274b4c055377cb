"""Java embedder vs PyTorch on the same machine, interleaved so both see the same load.

For each architecture and batch size, alternates `faceflow bench embed` and
pytorch_reference.py for several rounds, then prints the median throughput of each and the
ratio Java / PyTorch, by wall time and by process CPU time.

    python bench/compare_embed.py --torch-python /path/to/venv/bin/python --arch iresnet18,iresnet50 --batch 1,32

With --onnx-bundle B (a bundle whose serving copy, or weights, ONNX Runtime runs: the pretrained
MobileFaceNet), each round also times B and a third set of columns compares Java (DJL) with it.
"""
import argparse
import json
import pathlib
import statistics
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")][0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--torch-python", required=True, help="a Python with torch installed")
    p.add_argument("--arch", default="iresnet18,iresnet50")
    p.add_argument("--batch", default="1,32")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--iterations", type=int, default=5)
    p.add_argument("--onnx-bundle", help="also time this bundle under ONNX Runtime")
    a = p.parse_args()
    print(f"{'arch':<13} {'batch':>5} {'java img/s':>11} {'torch img/s':>12} {'ratio':>6} "
          f"{'java CPU ms':>12} {'torch CPU ms':>13} {'CPU ratio':>9}"
          + (f" {'ORT img/s':>10} {'java/ORT':>8} {'ORT CPU ms':>11} {'CPU ratio':>9}" if a.onnx_bundle else ""))
    for arch in a.arch.split(","):
        for batch in a.batch.split(","):
            java, torch, ort = [], [], []
            for _ in range(a.rounds):
                common = ["--arch", arch, "--batch", batch, "--iterations", str(a.iterations), "--warmup", "2"]
                java.append(run_json(["./faceflow", "bench", "embed", "--json", *common]))
                torch.append(run_json([a.torch_python, "bench/pytorch_reference.py", *common]))
                if a.onnx_bundle:
                    ort.append(run_json(["./faceflow", "bench", "embed", "--json", "--model", a.onnx_bundle, *common]))
            j = statistics.median(r["imagesPerSecond"] for r in java)
            t = statistics.median(r["imagesPerSecond"] for r in torch)
            jc = statistics.median(r["cpuMsPerBatch"] for r in java)
            tc = statistics.median(r["cpuMsPerBatch"] for r in torch)
            line = f"{arch:<13} {batch:>5} {j:>11.1f} {t:>12.1f} {j / t:>6.2f} {jc:>12.0f} {tc:>13.0f} {tc / jc:>9.2f}"
            if ort:
                o = statistics.median(r["imagesPerSecond"] for r in ort)
                oc = statistics.median(r["cpuMsPerBatch"] for r in ort)
                line += f" {o:>10.1f} {j / o:>8.2f} {oc:>11.0f} {oc / jc:>9.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
