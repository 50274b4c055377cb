"""PyTorch reference figures for `faceflow bench embed` and the training-step bench.

Builds the same iResNet (shared/reference/elasticface.md) or MobileFaceNet (core's MobileFaceNet:
Chen et al. 2018's layout as in fr_feature.onnx, batch norm folded, so convolutions carry biases)
directly in PyTorch and times it the same way as the Java benchmark: random 112x112 inputs, warm-up passes, then timed passes,
float32 on the CPU, torch's default intra-op threads. Prints one JSON line per configuration,
with the process CPU time per batch beside the wall time (the fairer figure on a busy machine).

    python bench/pytorch_reference.py --arch iresnet18,iresnet50 --batch 1,32
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

BLOCKS = {"iresnet18": [2, 2, 2, 2], "iresnet34": [3, 4, 6, 3], "iresnet50": [3, 4, 14, 3],
          "iresnet100": [3, 13, 30, 3]}


class Residual(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(cin, eps=1e-5), nn.Conv2d(cin, cout, 3, 1, 1, bias=False),
            nn.BatchNorm2d(cout, eps=1e-5), nn.PReLU(cout), nn.Conv2d(cout, cout, 3, stride, 1, bias=False),
            nn.BatchNorm2d(cout, eps=1e-5))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout, eps=1e-5))
                         if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return self.body(x) + self.shortcut(x)


def iresnet(arch, dropout=0.0):
    layers = [nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64, eps=1e-5), nn.PReLU(64)]
    cin = 64
    for width, blocks in zip([64, 128, 256, 512], BLOCKS[arch]):
        for b in range(blocks):
            layers.append(Residual(cin, width, 2 if b == 0 else 1))
            cin = width
    layers += [nn.BatchNorm2d(512, eps=1e-5), nn.Flatten(), nn.Dropout(dropout), nn.Linear(512 * 7 * 7, 512),
               nn.BatchNorm1d(512, eps=1e-5)]
    net = nn.Sequential(*layers)
    net[-1].weight.requires_grad = False
    return net


# MobileFaceNet bottleneck groups (Chen et al. 2018, table 1): expansion, channels, count, stride.
MFN_GROUPS = [(2, 64, 5, 2), (4, 128, 1, 2), (2, 128, 6, 1), (4, 128, 1, 2), (2, 128, 2, 1)]


def conv(cin, cout, k, stride=1, groups=1, padding=None):
    return nn.Conv2d(cin, cout, k, stride, k // 2 if padding is None else padding, groups=groups, bias=True)


class Bottleneck(nn.Module):
    def __init__(self, cin, cout, hidden, stride):
        super().__init__()
        self.body = nn.Sequential(conv(cin, hidden, 1), nn.PReLU(hidden), conv(hidden, hidden, 3, stride, hidden),
                                  nn.PReLU(hidden), conv(hidden, cout, 1))
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return self.body(x) + x if self.residual else self.body(x)


def mobilefacenet():
    layers = [conv(3, 64, 3, 2), nn.PReLU(64), conv(64, 64, 3, 1, 64), nn.PReLU(64)]
    cin = 64
    for expansion, channels, count, stride in MFN_GROUPS:
        for i in range(count):
            layers.append(Bottleneck(cin, channels, cin * expansion, stride if i == 0 else 1))
            cin = channels
    layers += [conv(cin, 512, 1), nn.PReLU(512), conv(512, 512, 7, 1, 512, padding=0), conv(512, 512, 1),
               nn.Flatten()]
    return nn.Sequential(*layers)


def backbone(arch):
    return mobilefacenet() if arch == "mobilefacenet" else iresnet(arch)


def bench(arch, batch, warmup, iterations):
    net = backbone(arch).eval()
    x = torch.randn(batch, 3, 112, 112)
    with torch.inference_mode():
        for _ in range(warmup):
            net(x)
        times = []
        cpu_start = time.process_time()
        for _ in range(iterations):
            start = time.perf_counter()
            net(x)
            times.append((time.perf_counter() - start) * 1000)
        cpu_ms = (time.process_time() - cpu_start) * 1000 / iterations
    mean = statistics.fmean(times)
    return {"arch": arch, "batch": batch, "iterations": iterations, "msPerBatchMedian": statistics.median(times),
            "msPerBatchMean": mean, "cpuMsPerBatch": cpu_ms, "imagesPerSecond": batch * 1000 / mean, "threads": torch.get_num_threads(),
            "torch": torch.__version__, "parameters": sum(p.numel() for p in net.parameters())}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="iresnet18,iresnet50")
    p.add_argument("--batch", default="1,32")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iterations", type=int, default=10)
    a = p.parse_args()
    for arch in a.arch.split(","):
        for batch in a.batch.split(","):
            print(json.dumps(bench(arch, int(batch), a.warmup, a.iterations)), flush=True)


if __name__ == "__main__":
    main()
