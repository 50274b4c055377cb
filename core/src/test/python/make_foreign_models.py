"""Writes the tiny TorchScript and ONNX recognition models used by ModelBundleTest.

They are synthetic (random weights, 112x112x3 in, 512 out) and exist only to prove that models
trained elsewhere load and run. Run from the repo root:
    python core/src/test/python/make_foreign_models.py core/src/test/resources/foreign
"""
import sys

import torch


class TinyFaceNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, kernel_size=3, stride=4, padding=1)
        self.pool = torch.nn.AdaptiveAvgPool2d(4)
        self.fc = torch.nn.Linear(8 * 4 * 4, 512)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.fc(torch.flatten(self.pool(x), 1))


def main(out_dir):
    torch.manual_seed(0)
    net = TinyFaceNet().eval()
    example = torch.zeros(2, 3, 112, 112)
    torch.jit.trace(net, example).save(f"{out_dir}/tiny.pt")
    torch.onnx.export(net, example, f"{out_dir}/tiny.onnx", input_names=["input"], output_names=["embedding"],
                      dynamic_axes={"input": {0: "batch"}, "embedding": {0: "batch"}}, opset_version=17)


if __name__ == "__main__":
    main(sys.argv[1])
