#!/usr/bin/env python3
"""Convert a PyTorch network and its data into a LossLab model file (losslab-model/1).

LossLab opens the file with File -> Import model (every view: training, sharpness, spectrum,
landscape, collapse) and `losslab-cli eval|hessian|landscape|collapse --model FILE` reads it.
The format is shared/spec/model-format.md: one JSON document with the layer widths, one
activation, the loss, every weight (out x in, as nn.Linear stores it) and the data.

Supported networks: an nn.Sequential (nested ones are flattened) of nn.Linear layers with, between
two of them, one activation of a single kind for the whole network -- nn.ReLU, nn.Tanh,
nn.Sigmoid or nn.GELU (approximate="none") -- or none at all; nn.Identity is ignored anywhere.
Nothing follows the last nn.Linear: softmax or StableMax belong to the loss. Linear layers
without bias are kept so. Anything else (convolutions, dropout, mixed activations) is refused
with a message naming the layer.

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

ACTIVATIONS = {nn.ReLU: "relu", nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.GELU: "gelu"}
LOSSES = ("cross_entropy", "stablemax_cross_entropy", "mse")


def _flatten(module):
    for child in module.children() if isinstance(module, nn.Sequential) else [module]:
        if isinstance(child, nn.Sequential):
            yield from _flatten(child)
        elif not isinstance(child, nn.Identity):
            yield child


def _activation_name(layer, index):
    for kind, name in ACTIVATIONS.items():
        if type(layer) is kind:
            if kind is nn.GELU and layer.approximate != "none":
                raise ValueError(f"layer {index}: GELU(approximate={layer.approximate!r}) is not supported; "
                                 "LossLab's gelu is the exact erf form (approximate='none')")
            return name
    raise ValueError(f"layer {index}: {type(layer).__name__} is not supported (Linear, ReLU, Tanh, "
                     "Sigmoid, GELU, Identity)")


def network_of(model):
    """The Linear layers of `model` and its one activation ("linear" when there is none)."""
    if not isinstance(model, nn.Sequential):
        raise ValueError(f"expected an nn.Sequential, got {type(model).__name__}")
    layers, gaps, pending = [], [], []
    for index, layer in enumerate(_flatten(model)):
        if isinstance(layer, nn.Linear):
            if layers:
                gaps.append(pending)
            elif pending:
                raise ValueError(f"layer {index - len(pending)}: an activation before the first Linear")
            layers.append(layer)
            pending = []
        else:
            pending.append(_activation_name(layer, index))
    if not layers:
        raise ValueError("the network has no Linear layer")
    if pending:
        raise ValueError(f"{pending[0]} after the last Linear: the output goes to the loss unchanged "
                         "(softmax and StableMax are part of the loss)")
    kinds = {tuple(gap) for gap in gaps}
    if any(len(gap) > 1 for gap in gaps) or len(kinds) > 1:
        raise ValueError("every pair of Linear layers needs the same single activation between them "
                         f"(found {sorted(kinds)})")
    activation = gaps[0][0] if gaps and gaps[0] else "linear"
    for a, b in zip(layers, layers[1:]):
        if a.out_features != b.in_features:
            raise ValueError(f"Linear widths do not chain: {a.out_features} outputs into {b.in_features} inputs")
    return layers, activation


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
    """The losslab-model/1 document (a dict) of `model` and its data."""
    if loss not in LOSSES:
        raise ValueError(f"loss: {loss!r} is not one of {', '.join(LOSSES)}")
    layers, activation = network_of(model)
    widths = [layers[0].in_features] + [layer.out_features for layer in layers]
    weights = []
    for layer in layers:
        entry = {"W": layer.weight.detach().to(torch.float64).tolist()}
        if layer.bias is not None:
            entry["b"] = layer.bias.detach().to(torch.float64).tolist()
        weights.append(entry)
    xs = _rows(x, "x", widths[0])
    data = {"x": xs, "y": _targets(y, "y", loss, widths[-1], len(xs))}
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test and y_test: give both or neither")
    if x_test is not None:
        data["x_test"] = _rows(x_test, "x_test", widths[0])
        data["y_test"] = _targets(y_test, "y_test", loss, widths[-1], len(data["x_test"]))
    doc = {"format": "losslab-model/1", "name": name, "layers": widths, "activation": activation,
           "loss": loss, "weights": weights, "data": data}
    if output_scale != 1.0:
        doc["output_scale"] = float(output_scale)
    return doc


def write(doc, path):
    with open(path, "w") as f:
        json.dump(doc, f)  # Python floats print in shortest round-trip form
        f.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Convert a PyTorch nn.Sequential and its data into a "
                                                 "LossLab model file (losslab-model/1).")
    parser.add_argument("model", help="torch.save(model) of an nn.Sequential")
    parser.add_argument("data", help='torch.save({"x": X, "y": Y[, "x_test": ..., "y_test": ...]})')
    parser.add_argument("out", help="the model file to write (.json)")
    parser.add_argument("--loss", default="cross_entropy", choices=LOSSES)
    parser.add_argument("--name", default=None, help="the network's name (default: OUT's base name)")
    parser.add_argument("--output-scale", type=float, default=1.0, help="multiplier alpha on the logits")
    args = parser.parse_args(argv)
    try:
        model = torch.load(args.model, weights_only=False)
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
