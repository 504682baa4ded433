#!/usr/bin/env python3
"""Convert a PyTorch network and its data into a LossLab model file (losslab-model/1 or /2).

`losslab-cli eval|hessian|landscape|collapse --model FILE` reads either version, and an
experiment's `model.file` trains on from it; File -> Import model opens /1 files. The formats are
shared/spec/model-format.md (/1: layer widths, one activation, every weight) and
shared/spec/model-format-2.md (/2: a list of layers, each with its tensors); both carry the loss
and the data in one JSON document.

Supported networks: an nn.Sequential of
    nn.Linear                  with or without bias
    activations                nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU (approximate="none" only: LossLab's
                               gelu is the erf form), nn.LeakyReLU (any negative_slope), nn.ELU
                               (alpha=1 only), nn.SiLU, nn.Softplus (beta=1, threshold=20 only), Sin
                               (below), nn.Identity (LossLab's `linear` activation)
    nn.LayerNorm               over the last dimension (normalized_shape of one number), with
                               elementwise_affine=True (its weight and bias are gamma and beta)
    Residual                   (below) x + body(x), its body an nn.Sequential of any of these,
                               residual blocks inside it too
    nn.Sequential              inside the network: flattened in place
Anything else (convolutions, dropout, softmax, a module used twice, widths that do not chain) is
refused with a message naming the module by its index path, e.g.
`model[2].body[1]: nn.Dropout is not supported`. Softmax and StableMax belong to the loss: the
network's output goes to the loss as it is.

A plain MLP -- nn.Linear layers with one activation of a single kind between every two of them
(nn.Identity is ignored; leaky ReLU only at its default slope 0.01) and nothing after the last --
is written as losslab-model/1, exactly as earlier versions of this script wrote it; any other
network as losslab-model/2 with "input_shape": [in_features]. Parameters keep PyTorch's order
(model.parameters()), which is the file's flat order, so gradients and Hessians line up.

The two modules LossLab needs that torch.nn lacks are defined here; build the network with them:
    from torch_to_losslab import Residual, Sin
    model = nn.Sequential(nn.Linear(2, 16), Sin(),
                          Residual(nn.LayerNorm(16), nn.Linear(16, 16), nn.GELU()),
                          nn.Linear(16, 3))
A model saved with torch.save holds references to these classes by the module name
`torch_to_losslab`: the command line below loads it as it is; elsewhere put scripts/ on sys.path.

Data: `x` is N x in_features; `y` is N class indices (a 1-D integer tensor) for the losses
cross_entropy and stablemax_cross_entropy, or N x out_features targets for mse (LossLab's MSE is
0.5 * mean_i ||f(x_i) - y_i||^2). `x_test`, `y_test` are an optional held-out set. Every number
is written in float64, shortest round-trip form, so LossLab evaluates exactly PyTorch's float64
network.

Command line:
    python3 scripts/torch_to_losslab.py MODEL.pt DATA.pt OUT.json \\
        [--loss cross_entropy|stablemax_cross_entropy|mse] [--name NAME] [--output-scale ALPHA]

    MODEL.pt  torch.save(model) of the whole nn.Sequential (loaded with weights_only=False:
              only convert files you trust)
    DATA.pt   torch.save({"x": X, "y": Y}) (optionally also "x_test", "y_test")

From Python:
    import sys; sys.path.insert(0, "scripts")
    from torch_to_losslab import convert, write
    write(convert(model, x, y, loss="cross_entropy", name="my-net"), "my-net.json")
"""
import argparse
import json
import sys

import torch
from torch import nn

LOSSES = ("cross_entropy", "stablemax_cross_entropy", "mse")
SUPPORTED = ("nn.Linear, nn.LayerNorm, nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.LeakyReLU, nn.ELU, nn.SiLU, "
             "nn.Softplus, nn.Identity, Sin, Residual, nn.Sequential")
DEFAULT_LEAKY_SLOPE = 0.01  # PyTorch's, and the slope a /1 file's leaky_relu has


class Sin(nn.Module):
    """x -> sin(x) elementwise: LossLab's `sin` activation (torch.nn has no sine module)."""

    def forward(self, x):
        return torch.sin(x)


class Residual(nn.Module):
    """x -> x + body(x): LossLab's residual block. `body` is an nn.Sequential that keeps the width;
    Residual(a, b, c) is Residual(nn.Sequential(a, b, c))."""

    def __init__(self, *layers):
        super().__init__()
        self.body = layers[0] if len(layers) == 1 and isinstance(layers[0], nn.Sequential) else nn.Sequential(*layers)

    def forward(self, x):
        return x + self.body(x)


def _module_name(module):
    kind = type(module)
    return f"nn.{kind.__name__}" if kind.__module__.startswith("torch.nn") else kind.__name__


def _activation(module, path):
    """The /2 activation entry of `module`, or None when it is no activation."""
    kind = type(module)
    simple = {nn.ReLU: "relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.SiLU: "silu", Sin: "sin",
              nn.Identity: "linear"}
    if kind in simple:
        return {"kind": "activation", "fn": simple[kind]}
    if kind is nn.GELU:
        approximate = getattr(module, "approximate", "none")
        if approximate != "none":
            raise ValueError(f"{path}: nn.GELU(approximate={approximate!r}) is not supported; LossLab's gelu is "
                             "the exact erf form (approximate='none')")
        return {"kind": "activation", "fn": "gelu"}
    if kind is nn.LeakyReLU:
        return {"kind": "activation", "fn": "leaky_relu", "slope": float(module.negative_slope)}
    if kind is nn.ELU:
        if module.alpha != 1.0:
            raise ValueError(f"{path}: nn.ELU(alpha={module.alpha}) is not supported; LossLab's elu has alpha = 1")
        return {"kind": "activation", "fn": "elu"}
    if kind is nn.Softplus:
        if module.beta != 1 or module.threshold != 20:
            raise ValueError(f"{path}: nn.Softplus(beta={module.beta}, threshold={module.threshold}) is not "
                             "supported; LossLab's softplus is PyTorch's default (beta=1, threshold=20)")
        return {"kind": "activation", "fn": "softplus"}
    return None


def _floats(t):
    return t.detach().to(torch.float64).tolist()


class _Walk:
    """One pass over the network: the /2 layer list, the widths chained, modules with parameters
    seen once (PyTorch would share their weights; a file holds each layer's own)."""

    def __init__(self):
        self.seen = {}
        self.linears = 0

    def once(self, module, path):
        if any(True for _ in module.parameters(recurse=False)):
            if id(module) in self.seen:
                raise ValueError(f"{path}: the same {_module_name(module)} as {self.seen[id(module)]} (shared "
                                 "weights) is not supported; give each place its own module")
            self.seen[id(module)] = path

    def layers(self, sequential, path, width):
        """The entries of `sequential`'s modules (nested ones in place) and the width they output."""
        out = []
        for index, module in enumerate(sequential):  # not children(): that skips a module used twice
            at = f"{path}[{index}]"
            if isinstance(module, nn.Sequential):
                entries, width = self.layers(module, at, width)
                out += entries
                continue
            entry, width = self.layer(module, at, width)
            out.append(entry)
        return out, width

    def layer(self, module, path, width):
        entry = _activation(module, path)
        if entry is not None:
            return entry, width
        if isinstance(module, nn.Linear):
            self.once(module, path)
            if module.in_features != width:
                raise ValueError(f"{path}: nn.Linear({module.in_features}, {module.out_features}) receives "
                                 f"{width} features: the widths do not chain")
            self.linears += 1
            entry = {"kind": "linear", "out": module.out_features}
            if module.bias is None:
                entry["bias"] = False
            entry["W"] = _floats(module.weight)
            if module.bias is not None:
                entry["b"] = _floats(module.bias)
            return entry, module.out_features
        if isinstance(module, nn.LayerNorm):
            self.once(module, path)
            shape = tuple(module.normalized_shape)
            if len(shape) != 1:
                raise ValueError(f"{path}: nn.LayerNorm over the shape {list(shape)} is not supported; LossLab's "
                                 "layernorm normalises the last dimension only (normalized_shape of one number)")
            if not module.elementwise_affine or module.weight is None:
                raise ValueError(f"{path}: nn.LayerNorm(elementwise_affine=False) is not supported; LossLab's "
                                 "layernorm has gamma and beta (elementwise_affine=True: they start at 1 and 0, "
                                 "the same function)")
            if module.bias is None:
                raise ValueError(f"{path}: nn.LayerNorm(bias=False) is not supported; LossLab's layernorm has beta")
            if shape[0] != width:
                raise ValueError(f"{path}: nn.LayerNorm({shape[0]}) receives {width} features: the widths do not "
                                 "chain")
            return {"kind": "layernorm", "eps": float(module.eps), "gamma": _floats(module.weight),
                    "beta": _floats(module.bias)}, width
        if isinstance(module, Residual):
            if not isinstance(module.body, nn.Sequential):
                raise ValueError(f"{path}.body: a Residual's body must be an nn.Sequential, got "
                                 f"{_module_name(module.body)}")
            if len(module.body) == 0:
                raise ValueError(f"{path}.body: a Residual with an empty body (x + x) is not supported")
            body, out = self.layers(module.body, f"{path}.body", width)
            if out != width:
                raise ValueError(f"{path}: a Residual's body must keep the width: {width} features in, {out} out")
            return {"kind": "residual", "body": body}, width
        hint = ""
        if isinstance(module, (nn.Softmax, nn.LogSoftmax)):
            hint = " (softmax belongs to the loss: drop it, the network's output goes to the loss as it is)"
        raise ValueError(f"{path}: {_module_name(module)} is not supported{hint}. Supported: {SUPPORTED}")


def _first_width(sequential):
    """The input width: in_features of the first nn.Linear, or the size of a LayerNorm before it."""
    for module in sequential:
        if isinstance(module, nn.Linear):
            return module.in_features
        if isinstance(module, nn.LayerNorm):
            return module.normalized_shape[-1]
        inner = module if isinstance(module, nn.Sequential) else \
            module.body if isinstance(module, Residual) and isinstance(module.body, nn.Sequential) else None
        if inner is not None:
            width = _first_width(inner)
            if width is not None:
                return width
    return None


def network_of(model):
    """The losslab-model/2 layer list of `model`, its input width and its output width."""
    if not isinstance(model, nn.Sequential):
        raise ValueError(f"expected an nn.Sequential, got {_module_name(model)}")
    walk = _Walk()
    inputs = _first_width(model)
    layers, outputs = walk.layers(model, "model", inputs)
    if not walk.linears:
        raise ValueError("the network has no nn.Linear layer")
    return layers, inputs, outputs


def plain_mlp(layers):
    """(widths, activation) when `layers` is a plain MLP that losslab-model/1 holds, else None."""
    if any(entry["kind"] not in ("linear", "activation") for entry in layers):
        return None
    entries = [e for e in layers if not (e["kind"] == "activation" and e["fn"] == "linear")]  # nn.Identity
    if not entries or entries[0]["kind"] != "linear" or entries[-1]["kind"] != "linear":
        return None
    gaps, gap = [], []
    for entry in entries[1:]:
        if entry["kind"] == "linear":
            gaps.append(tuple((e["fn"], e.get("slope")) for e in gap))
            gap = []
        else:
            gap.append(entry)
    if len(set(gaps)) > 1 or any(len(g) > 1 for g in gaps):
        return None
    activation = gaps[0][0] if gaps and gaps[0] else ("linear", None)
    if activation[0] == "leaky_relu" and activation[1] != DEFAULT_LEAKY_SLOPE:
        return None
    linears = [e for e in entries if e["kind"] == "linear"]
    return [len(linears[0]["W"][0])] + [e["out"] for e in linears], activation[0]


def _rows(t, name, width):
    t = torch.as_tensor(t).detach().to(torch.float64)
    if t.dim() == 1 and width == 1:
        t = t.reshape(-1, 1)
    if t.dim() != 2 or t.shape[1] != width:
        raise ValueError(f"{name}: expected N x {width} numbers, got shape {tuple(t.shape)}")
    return t.tolist()


def _targets(y, name, loss, outputs, count):
    y = torch.as_tensor(y).detach()
    if loss == "mse":
        rows = _rows(y, name, outputs)
    else:
        if y.dim() != 1 or y.dtype.is_floating_point and not torch.equal(y, y.round()):
            raise ValueError(f"{name}: {loss} needs N integer class indices (a 1-D tensor)")
        rows = [int(v) for v in y.tolist()]
        bad = [v for v in rows if not 0 <= v < outputs]
        if bad:
            raise ValueError(f"{name}: class {bad[0]} is outside 0..{outputs - 1}")
    if len(rows) != count:
        raise ValueError(f"{name}: {len(rows)} targets for {count} samples")
    return rows


def convert(model, x, y, loss="cross_entropy", x_test=None, y_test=None, name="torch", output_scale=1.0):
    """The model file (a dict) of `model` and its data: losslab-model/1 for a plain MLP, else /2."""
    if loss not in LOSSES:
        raise ValueError(f"loss: {loss!r} is not one of {', '.join(LOSSES)}")
    layers, inputs, outputs = network_of(model)
    xs = _rows(x, "x", inputs)
    data = {"x": xs, "y": _targets(y, "y", loss, outputs, len(xs))}
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test and y_test: give both or neither")
    if x_test is not None:
        data["x_test"] = _rows(x_test, "x_test", inputs)
        data["y_test"] = _targets(y_test, "y_test", loss, outputs, len(data["x_test"]))
    mlp = plain_mlp(layers)
    if mlp is not None:
        widths, activation = mlp
        weights = [{k: e[k] for k in ("W", "b") if k in e} for e in layers if e["kind"] == "linear"]
        doc = {"format": "losslab-model/1", "name": name, "layers": widths, "activation": activation,
               "loss": loss, "weights": weights, "data": data}
    else:
        doc = {"format": "losslab-model/2", "name": name, "input_shape": [inputs], "network": layers,
               "loss": loss, "data": data}
    if output_scale != 1.0:
        doc["output_scale"] = float(output_scale)
    return doc


def write(doc, path):
    with open(path, "w") as f:
        json.dump(doc, f)  # Python floats print in shortest round-trip form
        f.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Convert a PyTorch nn.Sequential and its data into a "
                                                 "LossLab model file (losslab-model/1 for a plain MLP, else /2).")
    parser.add_argument("model", help="torch.save(model) of an nn.Sequential")
    parser.add_argument("data", help='torch.save({"x": X, "y": Y[, "x_test": ..., "y_test": ...]})')
    parser.add_argument("out", help="the model file to write (.json)")
    parser.add_argument("--loss", default="cross_entropy", choices=LOSSES)
    parser.add_argument("--name", default=None, help="the network's name (default: OUT's base name)")
    parser.add_argument("--output-scale", type=float, default=1.0, help="multiplier alpha on the logits")
    args = parser.parse_args(argv)
    # A saved model names Residual and Sin as torch_to_losslab.*: let them be this script's own.
    sys.modules.setdefault("torch_to_losslab", sys.modules[__name__])
    try:
        try:
            model = torch.load(args.model, weights_only=False)
        except (AttributeError, ImportError) as e:  # a class of the model's that is not importable here
            raise ValueError(f"{args.model}: the model does not load here ({e}); build it of torch.nn modules and "
                             "this script's Residual and Sin, or call convert() from Python") from e
        data = torch.load(args.data, weights_only=False)
        if not isinstance(data, dict) or "x" not in data or "y" not in data:
            raise ValueError(f"{args.data}: expected a dict with 'x' and 'y'")
        name = args.name or args.out.rsplit("/", 1)[-1].removesuffix(".json")
        doc = convert(model, data["x"], data["y"], args.loss, data.get("x_test"), data.get("y_test"),
                      name, args.output_scale)
        write(doc, args.out)
    except (ValueError, OSError) as e:
        print(f"torch_to_losslab: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
