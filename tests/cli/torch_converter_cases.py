"""Cases for tests/cli/test_torch_converter.cpp: networks built and trained a little in PyTorch
(float64), converted by scripts/torch_to_losslab.py into OUT_DIR, one JSON line per file with
PyTorch's own loss and accuracy. The converter's refusals are checked here; any failure exits 1.

    python3 torch_converter_cases.py SCRIPTS_DIR OUT_DIR
"""
import json
import os
import subprocess
import sys

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, sys.argv[1])
from torch_to_losslab import convert, write  # noqa: E402

OUT = sys.argv[2]
torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def stablemax_ce(z, y):  # Prieto et al. 2025, as shared/spec/model-format.md
    s = torch.where(z >= 0, z + 1, 1 / (1 - torch.clamp(z, max=0)))
    return -(torch.log(s.gather(1, y[:, None]).squeeze(1) / s.sum(1))).mean()


def loss_of(kind, z, y):
    if kind == "cross_entropy":
        return F.cross_entropy(z, y)
    if kind == "stablemax_cross_entropy":
        return stablemax_ce(z, y)
    return 0.5 * ((z - y) ** 2).sum(1).mean()


def case(name, model, loss, inputs=3, outputs=4, n=40, test=True, alpha=1.0):
    x = torch.randn(n, inputs)
    y = torch.randint(0, outputs, (n,)) if loss != "mse" else torch.randn(n, outputs)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(5):  # a trained network, not an initial one
        opt.zero_grad()
        loss_of(loss, alpha * model(x), y).backward()
        opt.step()
    with torch.no_grad():
        z = alpha * model(x)
        value = loss_of(loss, z, y).item()
    xt, yt = (x[:7] + 0.1, y[:7]) if test else (None, None)
    path = os.path.join(OUT, name + ".json")
    write(convert(model, x, y, loss, xt, yt, name, alpha), path)
    line = {"file": path, "loss": value}
    if loss != "mse":
        line["accuracy"] = (z.argmax(1) == y).double().mean().item()
    print(json.dumps(line))


case("relu_ce", nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 4)), "cross_entropy")
case("tanh_stablemax", nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 4)), "stablemax_cross_entropy")
case("sigmoid_mse", nn.Sequential(nn.Linear(3, 5), nn.Sigmoid(), nn.Linear(5, 2)), "mse", outputs=2)
case("gelu_nobias_scaled", nn.Sequential(nn.Linear(3, 7, bias=False), nn.GELU(), nn.Identity(),
                                         nn.Sequential(nn.Linear(7, 4, bias=False))), "cross_entropy", alpha=3.0)
case("identity_linear", nn.Sequential(nn.Linear(3, 5), nn.Identity(), nn.Linear(5, 1)), "mse", outputs=1, test=False)
case("logistic", nn.Sequential(nn.Linear(3, 2)), "cross_entropy", outputs=2)

# The command line: torch.save'd model and data in, the same file out.
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3))
x, y = torch.randn(20, 3), torch.randint(0, 3, (20,))
torch.save(model, os.path.join(OUT, "cli_model.pt"))
torch.save({"x": x, "y": y}, os.path.join(OUT, "cli_data.pt"))
script = os.path.join(sys.argv[1], "torch_to_losslab.py")
out = os.path.join(OUT, "cli.json")
subprocess.run([sys.executable, script, os.path.join(OUT, "cli_model.pt"), os.path.join(OUT, "cli_data.pt"), out],
               check=True)
with torch.no_grad():
    print(json.dumps({"file": out, "loss": F.cross_entropy(model(x), y).item(),
                      "accuracy": (model(x).argmax(1) == y).double().mean().item()}))

# What the format cannot hold is refused, naming the problem.
refusals = {
    "Conv1d": nn.Sequential(nn.Conv1d(1, 1, 1)),
    "same single activation": nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 2)),
    "after the last Linear": nn.Sequential(nn.Linear(3, 2), nn.ReLU()),
    "approximate": nn.Sequential(nn.Linear(3, 4), nn.GELU(approximate="tanh"), nn.Linear(4, 2)),
    "Dropout": nn.Sequential(nn.Linear(3, 4), nn.Dropout(), nn.Linear(4, 2)),
}
for expected, bad in refusals.items():
    try:
        convert(bad, torch.randn(4, 3), torch.zeros(4, dtype=torch.long))
    except ValueError as e:
        if expected not in str(e):
            sys.exit(f"refused for the wrong reason: {e!r} (expected {expected!r})")
    else:
        sys.exit(f"not refused: {expected}")
try:
    convert(nn.Sequential(nn.Linear(3, 2)), torch.randn(4, 3), torch.tensor([0, 1, 2, 0]))
    sys.exit("a class out of range was not refused")
except ValueError as e:
    assert "class 2" in str(e), e
