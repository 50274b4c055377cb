"""PyTorch reference for `TrainStepBenchmark` (training module): full training steps of an iResNet
or MobileFaceNet with an ElasticFace-Arc head, timed the same way as the Java side.

Same model as pytorch_reference.py; the head is written from the facts in
shared/reference/elasticface.md (not from the authors' code): W [embedding, classes] ~ N(0, 0.01),
columns and embeddings L2-normalised, cos clamped to [-1, 1], per-sample margin m_i ~ N(0.5, 0.05),
target logit s*cos(acos(cos_y) + m_i), other logits s*cos, s = 64, mean softmax cross-entropy.
Step: forward, loss, backward, clip the backbone's gradient norm to 5, SGD momentum 0.9, weight
decay 5e-4, lr 0.1. Inputs are random 112x112 tensors (no decoding), float32 on the CPU with
torch's default intra-op threads.

    /work/venv-torch/bin/python bench/pytorch_train_step.py --arch iresnet18 --batch 64 --steps 3
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F
from torch import nn

from pytorch_reference import backbone


class ElasticArc(nn.Module):
    def __init__(self, embedding, classes, s=64.0, m=0.5, std=0.05):
        super().__init__()
        self.kernel = nn.Parameter(torch.normal(0.0, 0.01, (embedding, classes)))
        self.s, self.m, self.std = s, m, std

    def forward(self, embeddings, labels):
        e = F.normalize(embeddings, dim=1)
        w = F.normalize(self.kernel, dim=0)
        cos = (e @ w).clamp(-1.0, 1.0)
        rows = torch.arange(cos.shape[0])
        margins = torch.normal(self.m, self.std, size=(cos.shape[0],))
        target = cos[rows, labels].clamp(-1.0 + 1e-7, 1.0 - 1e-7)
        # No easy-margin fallback, as the reference: theta + m may pass pi.
        adjusted = torch.cos(torch.acos(target) + margins)
        onehot = F.one_hot(labels, cos.shape[1]).to(cos.dtype)
        logits = cos * (1 - onehot) + adjusted.unsqueeze(1) * onehot
        return logits * self.s


def bench(arch, batch, classes, warmup, steps):
    torch.manual_seed(0)
    net = backbone(arch).train()
    head = ElasticArc(512, classes)
    params = [p for p in net.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
    x = torch.randn(batch, 3, 112, 112)
    y = torch.randint(0, classes, (batch,))

    def step():
        loss = F.cross_entropy(head(net(x), y), y)
        opt.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        return loss.item()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        last = step()
    sec = time.perf_counter() - start
    return {"arch": arch, "batch": batch, "loss": "ElasticFace-Arc", "classes": classes, "steps": steps,
            "seconds": round(sec, 2), "s_per_step": round(sec / steps, 3), "images_per_s": round(batch * steps / sec, 2),
            "threads": torch.get_num_threads(), "torch": torch.__version__, "last_loss": round(last, 4)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="iresnet18")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--classes", type=int, default=100)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=3)
    a = p.parse_args()
    print(json.dumps(bench(a.arch, a.batch, a.classes, a.warmup, a.steps)), flush=True)


if __name__ == "__main__":
    main()
