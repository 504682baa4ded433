# The PyTorch side of tests/cli/test_torch_converter.cpp, run by it:
#   python3 tests/cli/torch_converter_cases.py SCRIPTS_DIR OUT_DIR
# Networks built and trained a little in PyTorch (float64, seeded), converted by
# scripts/torch_to_losslab.py into OUT_DIR: one JSON line per file with the format it must have and
# PyTorch's own loss, gradient (model.parameters() order) and accuracy. Lines with "cli" are
# converted by the test through the command line (saved model and data); "refused" lines name
# what the command line must refuse. The Python API's refusals are checked here: a wrong one exits 1.
import json
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, sys.argv[1])
from torch_to_losslab import Positional, Residual, Select, SelfAttention, Sin, convert, write  # noqa: E402

OUT = sys.argv[2]
torch.manual_seed(0)
torch.set_default_dtype(torch.float64)
V1, V2 = "losslab-model/1", "losslab-model/2"


def stablemax_ce(z, y):  # Prieto et al. 2025, as shared/spec/model-format.md
    s = torch.where(z >= 0, z + 1, 1 / (1 - torch.clamp(z, max=0)))
    return -(torch.log(s.gather(1, y[:, None]).squeeze(1) / s.sum(1))).mean()


def loss_of(kind, z, y, params=None):
    params = params or {}
    if kind in ("focal", "poly1_cross_entropy"):  # model-format-2.md, "More losses"
        lpy = F.log_softmax(z, 1).gather(1, y[:, None])[:, 0]
        py = lpy.exp()
        if kind == "focal":
            return (-(1 - py) ** params.get("gamma", 2.0) * lpy).mean()
        return (-lpy + params.get("epsilon", 1.0) * (1 - py)).mean()
    if kind == "cross_entropy":
        return (F.cross_entropy(z, y, label_smoothing=params.get("label_smoothing", 0.0)) +
                params.get("z_loss", 0.0) * (torch.logsumexp(z, 1) ** 2).mean())
    if kind == "stablemax_cross_entropy":
        return stablemax_ce(z, y)
    return 0.5 * ((z - y) ** 2).sum(1).mean()


def data(loss, inputs, outputs, n):
    return torch.randn(n, inputs), torch.randint(0, outputs, (n,)) if loss != "mse" else torch.randn(n, outputs)


def pytorch(path, fmt, model, loss, x, y, alpha=1.0, params=None):
    """The line of a file: PyTorch's loss, gradient and accuracy there."""
    model.zero_grad()
    z = alpha * model(x)
    value = loss_of(loss, z, y, params)
    value.backward()
    line = {"file": path, "format": fmt, "loss": value.item(),
            "grad": torch.cat([p.grad.flatten() for p in model.parameters()]).tolist()}
    if loss != "mse":
        line["accuracy"] = (z.argmax(1) == y).double().mean().item()
    return line


def case(name, fmt, model, loss, inputs=3, outputs=4, n=40, test=True, alpha=1.0, x=None, y=None, params=None):
    if x is None:
        x, y = data(loss, inputs, outputs, n)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(5):  # a trained network, not an initial one
        opt.zero_grad()
        loss_of(loss, alpha * model(x), y, params).backward()
        opt.step()
    xt, yt = ((x[:7] + 0.1 if x.is_floating_point() else x[:7].flip(1)), y[:7]) if test else (None, None)
    path = os.path.join(OUT, name + ".json")
    write(convert(model, x, y, loss, xt, yt, name, alpha, params), path)
    print(json.dumps(pytorch(path, fmt, model, loss, x, y, alpha, params)))


# Plain MLPs: losslab-model/1, as this script always wrote them.
case("relu_ce", V1, nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 4)), "cross_entropy")
case("tanh_stablemax", V1, nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 4)), "stablemax_cross_entropy")
case("sigmoid_mse", V1, nn.Sequential(nn.Linear(3, 5), nn.Sigmoid(), nn.Linear(5, 2)), "mse", outputs=2)
case("gelu_nobias_scaled", V1, nn.Sequential(nn.Linear(3, 7, bias=False), nn.GELU(), nn.Identity(),
                                             nn.Sequential(nn.Linear(7, 4, bias=False))), "cross_entropy", alpha=3.0)
case("identity_linear", V1, nn.Sequential(nn.Linear(3, 5), nn.Identity(), nn.Linear(5, 1)), "mse", outputs=1, test=False)
case("logistic", V1, nn.Sequential(nn.Linear(3, 2)), "cross_entropy", outputs=2)
# The spec's "More losses", with their loss_params, in both versions.
case("tanh_focal", V1, nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 4)), "focal", params={"gamma": 1.5})
case("relu_poly1", V1, nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 4)), "poly1_cross_entropy",
     params={"epsilon": -1.0})
case("residual_smoothed_zloss", V2, nn.Sequential(nn.Linear(3, 5), Residual(nn.Linear(5, 5), nn.Tanh()), nn.Linear(5, 4)),
     "cross_entropy", params={"label_smoothing": 0.1, "z_loss": 1e-2})
case("leaky_default_ce", V1, nn.Sequential(nn.Linear(3, 6), nn.LeakyReLU(), nn.Linear(6, 4)), "cross_entropy")

# Everything else: losslab-model/2. The residual LayerNorm network, under both losses.
for loss, outputs in (("cross_entropy", 4), ("mse", 2)):
    case("resnet_" + loss, V2, nn.Sequential(
        nn.Linear(3, 8), nn.GELU(),
        Residual(nn.LayerNorm(8), nn.Linear(8, 8), nn.SiLU()),
        Residual(nn.Linear(8, 8), nn.LeakyReLU(0.2), nn.Linear(8, 8)),
        nn.Linear(8, outputs)), loss, outputs=outputs)
# Every other activation, a nested residual, a bias-free layer, nn.Identity as `linear`, a scale.
case("every_activation_stablemax", V2, nn.Sequential(
    nn.Linear(3, 6), nn.ELU(), nn.Linear(6, 6), nn.Softplus(), nn.Linear(6, 6), Sin(),
    nn.Sequential(nn.Linear(6, 6), nn.Tanh(), nn.Linear(6, 6), nn.Sigmoid()), nn.Linear(6, 6), nn.ReLU(),
    Residual(nn.Sequential(nn.Linear(6, 6, bias=False), nn.Identity(), Residual(nn.Linear(6, 6), nn.Tanh()),
                           nn.LayerNorm(6, eps=1e-3))),
    nn.Linear(6, 4)), "stablemax_cross_entropy", alpha=2.0)
case("mixed_mlp_ce", V2, nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 5), nn.Tanh(), nn.Linear(5, 4)),
     "cross_entropy")
case("leaky_slope_mse", V2, nn.Sequential(nn.Linear(3, 5), nn.LeakyReLU(0.1), nn.Linear(5, 2)), "mse", outputs=2)
case("sigmoid_output_mse", V2, nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2), nn.Sigmoid()), "mse",
     outputs=2, test=False)


# Images: convolutions (padded, strided, without bias), both poolings (odd sizes: a row and a
# column dropped), a residual convolution, flatten.
case("cnn_images", V2, nn.Sequential(
    nn.Conv2d(2, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    Residual(nn.Conv2d(4, 4, 3, padding="same", bias=False), nn.Tanh()),
    nn.Conv2d(4, 5, 2, stride=2, padding=1), nn.SiLU(), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(5, 3)),
    "cross_entropy", x=torch.randn(30, 2, 7, 7), y=torch.randint(0, 3, (30,)))
# Token sequences: a transformer block (causal attention without biases, then one with biases),
# LayerNorm and an MLP on every position, the last position or the first read out.
for causal, bias, position in ((True, False, -1), (False, True, 0)):
    case(f"transformer_tokens_{'causal' if causal else 'open'}", V2, nn.Sequential(
        nn.Embedding(7, 8), Positional(4, 8), Residual(SelfAttention(8, 2, causal=causal, bias=bias)),
        nn.LayerNorm(8), Residual(nn.Linear(8, 12), nn.GELU(), nn.Linear(12, 8)), Select(position),
        nn.Linear(8, 5, bias=False)),
        "cross_entropy", x=torch.randint(0, 7, (30, 4)), y=torch.randint(0, 5, (30,)))


# The command line: torch.save'd model and data in, the file out (a Residual and a Sin in a saved
# model load as the script's own classes).
def cli(name, fmt, model, loss, inputs, outputs, *options):
    x, y = data(loss, inputs, outputs, 20)
    torch.save(model, os.path.join(OUT, name + "_model.pt"))
    torch.save({"x": x, "y": y}, os.path.join(OUT, name + "_data.pt"))
    out = os.path.join(OUT, name + ".json")
    line = pytorch(out, fmt, model, loss, x, y)
    line["cli"] = [os.path.join(OUT, name + "_model.pt"), os.path.join(OUT, name + "_data.pt"), out, *options]
    print(json.dumps(line))


cli("cli", V1, nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3)), "cross_entropy", 3, 3)
cli("cli_residual", V2, nn.Sequential(nn.Linear(3, 5), Sin(), Residual(nn.LayerNorm(5), nn.Linear(5, 5), nn.GELU()),
                                      nn.Linear(5, 2)), "mse", 3, 2, "--loss", "mse")
torch.save(nn.Sequential(nn.Linear(3, 4), Residual(nn.Linear(4, 4), nn.Dropout(0.1), nn.Tanh()), nn.Linear(4, 2)),
           os.path.join(OUT, "dropout_model.pt"))
torch.save({"x": torch.randn(4, 3), "y": torch.zeros(4, dtype=torch.long)}, os.path.join(OUT, "dropout_data.pt"))
print(json.dumps({"refused": [os.path.join(OUT, "dropout_model.pt"), os.path.join(OUT, "dropout_data.pt"),
                              os.path.join(OUT, "dropout.json")],
                  "message": "model[1].body[1]: nn.Dropout is not supported"}))

# What the formats cannot hold is refused, naming the module and the problem.
shared = nn.Linear(4, 4)
refusals = {
    "model[0]: nn.Conv1d is not supported": nn.Sequential(nn.Conv1d(1, 1, 1)),
    "model[1]: nn.Dropout is not supported": nn.Sequential(nn.Linear(3, 4), nn.Dropout(), nn.Linear(4, 2)),
    "model[2].body[0].body[1]: nn.Dropout": nn.Sequential(nn.Linear(3, 4), nn.ReLU(), Residual(Residual(
        nn.Linear(4, 4), nn.Dropout())), nn.Linear(4, 2)),
    "model[1][1]: nn.BatchNorm1d": nn.Sequential(nn.Linear(3, 4), nn.Sequential(nn.ReLU(), nn.BatchNorm1d(4)),
                                                 nn.Linear(4, 2)),
    "Supported: nn.Linear, nn.LayerNorm": nn.Sequential(nn.Linear(3, 2), nn.Dropout()),
    "softmax belongs to the loss": nn.Sequential(nn.Linear(3, 2), nn.Softmax(dim=1)),
    "approximate='tanh'": nn.Sequential(nn.Linear(3, 4), nn.GELU(approximate="tanh"), nn.Linear(4, 2)),
    "model[1]: nn.ELU(alpha=0.5)": nn.Sequential(nn.Linear(3, 4), nn.ELU(alpha=0.5), nn.Linear(4, 2)),
    "nn.Softplus(beta=2": nn.Sequential(nn.Linear(3, 4), nn.Softplus(beta=2), nn.Linear(4, 2)),
    "nn.Softplus(beta=1, threshold=10)": nn.Sequential(nn.Linear(3, 4), nn.Softplus(threshold=10), nn.Linear(4, 2)),
    "elementwise_affine=False": nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4, elementwise_affine=False),
                                              nn.Linear(4, 2)),
    "model[1]: nn.LayerNorm over the shape [2, 2]": nn.Sequential(nn.Linear(3, 4), nn.LayerNorm((2, 2)),
                                                                  nn.Linear(4, 2)),
    "model[2]: a Residual's body must keep the width": nn.Sequential(nn.Linear(3, 4), nn.ReLU(),
                                                                          Residual(nn.Linear(4, 5)), nn.Linear(5, 2)),
    "model[2]: nn.Linear(5, 2) receives 4 features": nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(5, 2)),
    "model[2]: the same nn.Linear as model[1] (shared weights)": nn.Sequential(nn.Linear(3, 4), shared, shared,
                                                                               nn.Linear(4, 2)),
    "no nn.Linear": nn.Sequential(nn.ReLU()),
    "model[0]: nn.Linear receives an image [1, 4, 4]: flatten it first": nn.Sequential(nn.Linear(4, 2)),
    "model[0]: nn.Conv2d with groups or dilation": nn.Sequential(nn.Conv2d(1, 2, 3, dilation=2), nn.Flatten(),
                                                          nn.Linear(2, 2)),
    "model[1]: nn.MaxPool2d with a stride other than its kernel": nn.Sequential(
        nn.Conv2d(1, 2, 1), nn.MaxPool2d(2, stride=1), nn.Flatten(), nn.Linear(18, 2)),
    "the network ends with a sequence [3, 2]": nn.Sequential(nn.Embedding(5, 4), nn.Linear(4, 2)),
    "model[1]: nn.Embedding must be the first module": nn.Sequential(nn.Linear(3, 4), nn.Embedding(5, 4)),
}
# The refusals above take 4 x 4 images where they start with an image layer, token ids where
# they start with an embedding.
images = {k for k in refusals if "image" in k or "Conv2d" in k or "MaxPool2d" in k}
tokens = {"the network ends with a sequence [3, 2]"}
for expected, bad in refusals.items():
    try:
        x = torch.randn(4, 1, 4, 4) if expected in images else torch.randint(0, 5, (4, 3)) if expected in tokens \
            else torch.randn(4, 3)
        convert(bad, x, torch.zeros(4, dtype=torch.long))
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
for params, expected in (({"gamma": 2}, "loss_params.gamma: applies to focal only (loss is cross_entropy)"),
                         ({"alpha": 1}, "loss_params.alpha: unknown"), ({"z_loss": "big"}, "is not a number")):
    try:
        convert(nn.Sequential(nn.Linear(3, 2)), torch.randn(4, 3), torch.zeros(4, dtype=torch.long),
                loss_params=params)
    except ValueError as e:
        if expected not in str(e):
            sys.exit(f"loss_params refused for the wrong reason: {e!r} (expected {expected!r})")
    else:
        sys.exit(f"loss_params not refused: {expected}")
