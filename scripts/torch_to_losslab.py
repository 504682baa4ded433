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
  images (x of shape N x C x H x W):
    nn.Conv2d                  square kernel, equal stride and padding (or padding="same"/"valid"),
                               zero padding, no dilation, no groups, with or without bias
    nn.AvgPool2d, nn.MaxPool2d square windows with stride = kernel (the default), no padding, no
                               ceil_mode
    nn.Flatten                 start_dim=1 (the default): an image or a sequence to a vector
  token sequences (x of shape N x T, integer token ids):
    nn.Embedding               the first module (no padding_idx, no max_norm)
    Positional                 (below) learned positions, x + P
    SelfAttention              (below) nn.MultiheadAttention(D, heads, batch_first=True) on x, x, x,
                               causal or not, with or without biases (no dropout, no bias_k/v)
    Select                     (below) one position of a sequence, [T, D] -> [D]
  Linear, LayerNorm and the activations act on each position of a sequence alike.
Anything else (dropout, softmax, batch norm, a module used twice, shapes that do not chain) is
refused with a message naming the module by its index path, e.g.
`model[2].body[1]: nn.Dropout is not supported`. Softmax and StableMax belong to the loss: the
network's output goes to the loss as it is.

A plain MLP -- nn.Linear layers with one activation of a single kind between every two of them
(nn.Identity is ignored; leaky ReLU only at its default slope 0.01) and nothing after the last --
is written as losslab-model/1, exactly as earlier versions of this script wrote it; any other
network as losslab-model/2 with "input_shape" the shape of one sample of x (and "input_type":
"tokens" after an embedding). Parameters keep PyTorch's order (model.parameters()), which is the
file's flat order, so gradients and Hessians line up.

The modules LossLab needs that torch.nn lacks, or that nn.Sequential cannot call, are defined
here; build the network with them:
    from torch_to_losslab import Residual, Sin, Positional, SelfAttention, Select
    model = nn.Sequential(nn.Linear(2, 16), Sin(),
                          Residual(nn.LayerNorm(16), nn.Linear(16, 16), nn.GELU()),
                          nn.Linear(16, 3))
    transformer = nn.Sequential(nn.Embedding(114, 128), Positional(3, 128),
                                Residual(SelfAttention(128, 4, causal=True, bias=False)),
                                Residual(nn.Linear(128, 512), nn.ReLU(), nn.Linear(512, 128)),
                                Select(-1), nn.Linear(128, 113, bias=False))
A model saved with torch.save holds references to these classes by the module name
`torch_to_losslab`: the command line below loads it as it is; elsewhere put scripts/ on sys.path.

Data: `x` is N x in_features (N x C x H x W images, N x T token ids); `y` is N class indices (a 1-D integer tensor) for the losses
cross_entropy and stablemax_cross_entropy, or N x out_features targets for mse (LossLab's MSE is
0.5 * mean_i ||f(x_i) - y_i||^2). `x_test`, `y_test` are an optional held-out set. Every number
is written in float64, shortest round-trip form, so LossLab evaluates exactly PyTorch's float64
network.

Command line:
    python3 scripts/torch_to_losslab.py MODEL.pt DATA.pt OUT.json \\
        [--loss cross_entropy|stablemax_cross_entropy|mse|focal|poly1_cross_entropy]
        [--loss-param gamma=2 | epsilon=1 | label_smoothing=0.1 | z_loss=1e-4 ...] [--name NAME] [--output-scale ALPHA]

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

LOSSES = ("cross_entropy", "stablemax_cross_entropy", "mse", "focal", "poly1_cross_entropy")
# model-format-2.md, "More losses": each parameter belongs to one loss.
LOSS_PARAMS = {"gamma": "focal", "epsilon": "poly1_cross_entropy", "label_smoothing": "cross_entropy",
               "z_loss": "cross_entropy"}
SUPPORTED = ("nn.Linear, nn.LayerNorm, nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.LeakyReLU, nn.ELU, nn.SiLU, "
             "nn.Softplus, nn.Identity, Sin, Residual, nn.Sequential, nn.Conv2d, nn.AvgPool2d, nn.MaxPool2d, "
             "nn.Flatten, nn.Embedding, Positional, SelfAttention, Select")
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


class Positional(nn.Module):
    """x -> x + P: learned positions of a sequence of `length` positions of width `dim` (LossLab's
    `positional`), started as in Nanda et al. 2023: N(0, 1/dim)."""

    def __init__(self, length, dim):
        super().__init__()
        self.P = nn.Parameter(torch.randn(length, dim) / dim ** 0.5)

    def forward(self, x):
        return x + self.P


class SelfAttention(nn.Module):
    """x -> MultiheadAttention(x, x, x) (LossLab's `attention`): nn.MultiheadAttention(dim, heads,
    bias=bias, batch_first=True), with a mask hiding later positions when causal."""

    def __init__(self, dim, heads, causal=False, bias=True):
        super().__init__()
        self.attention = nn.MultiheadAttention(dim, heads, bias=bias, batch_first=True)
        self.causal = causal

    def forward(self, x):
        T = x.shape[1]
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool, device=x.device), 1) if self.causal else None
        return self.attention(x, x, x, attn_mask=mask, need_weights=False)[0]


class Select(nn.Module):
    """[N, T, D] -> [N, D]: one position of a sequence (LossLab's `select`; -1 the last)."""

    def __init__(self, position=-1):
        super().__init__()
        self.position = position

    def forward(self, x):
        return x[:, self.position]


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


def _shape_text(shape):
    kind = {1: "a vector", 2: "a sequence", 3: "an image"}.get(len(shape), "a tensor")
    return f"{kind} {list(shape)}"


def _square(value, path, what):
    """An int, or a pair of equal ints: LossLab's kernels, strides and paddings are square."""
    if isinstance(value, (tuple, list)):
        if len(set(value)) != 1:
            raise ValueError(f"{path}: {what} {tuple(value)} is not square; LossLab's is the same along both axes")
        value = value[0]
    return int(value)


class _Walk:
    """One pass over the network: the /2 layer list, the shapes chained, modules with parameters
    seen once (PyTorch would share their weights; a file holds each layer's own)."""

    def __init__(self, tokens):
        self.seen = {}
        self.linears = 0
        self.tokens = tokens  # the input is token ids: the first module must be an nn.Embedding
        self.first = True

    def once(self, module, path):
        if any(True for _ in module.parameters(recurse=False)):
            if id(module) in self.seen:
                raise ValueError(f"{path}: the same {_module_name(module)} as {self.seen[id(module)]} (shared "
                                 "weights) is not supported; give each place its own module")
            self.seen[id(module)] = path

    def layers(self, sequential, path, shape):
        """The entries of `sequential`'s modules (nested ones in place) and the shape they output."""
        out = []
        for index, module in enumerate(sequential):  # not children(): that skips a module used twice
            at = f"{path}[{index}]"
            if isinstance(module, nn.Sequential):
                entries, shape = self.layers(module, at, shape)
                out += entries
                continue
            entry, shape = self.layer(module, at, shape)
            self.first = False
            out.append(entry)
        return out, shape

    def layer(self, module, path, shape):
        if self.first and self.tokens and not isinstance(module, nn.Embedding):
            raise ValueError(f"{path}: token input (x of integer ids) needs an nn.Embedding first, not "
                             f"{_module_name(module)}")
        entry = _activation(module, path)
        if entry is not None:
            return entry, shape
        if isinstance(module, nn.Linear):
            self.once(module, path)
            if len(shape) == 3:
                raise ValueError(f"{path}: nn.Linear receives {_shape_text(shape)}: flatten it first (nn.Flatten)")
            if module.in_features != shape[-1]:
                raise ValueError(f"{path}: nn.Linear({module.in_features}, {module.out_features}) receives "
                                 f"{shape[-1]} features: the widths do not chain")
            self.linears += 1
            entry = {"kind": "linear", "out": module.out_features}
            if module.bias is None:
                entry["bias"] = False
            entry["W"] = _floats(module.weight)
            if module.bias is not None:
                entry["b"] = _floats(module.bias)
            return entry, shape[:-1] + (module.out_features,)
        if isinstance(module, nn.LayerNorm):
            self.once(module, path)
            normalized = tuple(module.normalized_shape)
            if len(normalized) != 1:
                raise ValueError(f"{path}: nn.LayerNorm over the shape {list(normalized)} is not supported; LossLab's "
                                 "layernorm normalises the last dimension only (normalized_shape of one number)")
            if not module.elementwise_affine or module.weight is None:
                raise ValueError(f"{path}: nn.LayerNorm(elementwise_affine=False) is not supported; LossLab's "
                                 "layernorm has gamma and beta (elementwise_affine=True: they start at 1 and 0, "
                                 "the same function)")
            if module.bias is None:
                raise ValueError(f"{path}: nn.LayerNorm(bias=False) is not supported; LossLab's layernorm has beta")
            if len(shape) == 3:
                raise ValueError(f"{path}: nn.LayerNorm receives {_shape_text(shape)}: LossLab normalises vectors "
                                 "and the positions of sequences")
            if normalized[0] != shape[-1]:
                raise ValueError(f"{path}: nn.LayerNorm({normalized[0]}) receives {shape[-1]} features: the widths "
                                 "do not chain")
            return {"kind": "layernorm", "eps": float(module.eps), "gamma": _floats(module.weight),
                    "beta": _floats(module.bias)}, shape
        if isinstance(module, Residual):
            if not isinstance(module.body, nn.Sequential):
                raise ValueError(f"{path}.body: a Residual's body must be an nn.Sequential, got "
                                 f"{_module_name(module.body)}")
            if len(module.body) == 0:
                raise ValueError(f"{path}.body: a Residual with an empty body (x + x) is not supported")
            body, out = self.layers(module.body, f"{path}.body", shape)
            if out != shape:
                what = (f"{shape[0]} features in, {out[0]} out" if len(shape) == 1 and len(out) == 1
                        else f"{_shape_text(shape)} in, {_shape_text(out)} out")
                raise ValueError(f"{path}: a Residual's body must keep the {'width' if len(shape) == 1 else 'shape'}: "
                                 f"{what}")
            return {"kind": "residual", "body": body}, shape
        if isinstance(module, nn.Conv2d):
            return self.conv(module, path, shape)
        if isinstance(module, (nn.AvgPool2d, nn.MaxPool2d)):
            return self.pool(module, path, shape)
        if isinstance(module, nn.Flatten):
            if module.start_dim != 1 or module.end_dim != -1:
                raise ValueError(f"{path}: nn.Flatten(start_dim={module.start_dim}, end_dim={module.end_dim}) is not "
                                 "supported; LossLab flattens a whole sample (start_dim=1, end_dim=-1)")
            if len(shape) == 1:
                raise ValueError(f"{path}: nn.Flatten receives {_shape_text(shape)}, already flat")
            size = 1
            for d in shape:
                size *= d
            return {"kind": "flatten"}, (size,)
        if isinstance(module, nn.Embedding):
            self.once(module, path)
            if not (self.first and self.tokens):
                raise ValueError(f"{path}: nn.Embedding must be the first module, on token ids (x of integers)")
            if module.padding_idx is not None or module.max_norm is not None:
                raise ValueError(f"{path}: nn.Embedding with padding_idx or max_norm is not supported")
            return {"kind": "embedding", "vocab": module.num_embeddings, "dim": module.embedding_dim,
                    "E": _floats(module.weight)}, (shape[0], module.embedding_dim)
        if isinstance(module, Positional):
            self.once(module, path)
            if len(shape) != 2 or tuple(module.P.shape) != shape:
                raise ValueError(f"{path}: Positional{tuple(module.P.shape)} receives {_shape_text(shape)}")
            return {"kind": "positional", "P": _floats(module.P)}, shape
        if isinstance(module, SelfAttention):
            return self.attention(module, path, shape)
        if isinstance(module, Select):
            if len(shape) != 2:
                raise ValueError(f"{path}: Select receives {_shape_text(shape)}, not a sequence")
            if not -shape[0] <= module.position < shape[0]:
                raise ValueError(f"{path}: Select({module.position}) is outside a sequence of {shape[0]}")
            return {"kind": "select", "position": int(module.position)}, (shape[1],)
        hint = ""
        if isinstance(module, (nn.Softmax, nn.LogSoftmax)):
            hint = " (softmax belongs to the loss: drop it, the network's output goes to the loss as it is)"
        if isinstance(module, nn.MultiheadAttention):
            hint = " (wrap it in SelfAttention: nn.Sequential cannot call it on x, x, x)"
        raise ValueError(f"{path}: {_module_name(module)} is not supported{hint}. Supported: {SUPPORTED}")

    def conv(self, module, path, shape):
        self.once(module, path)
        if len(shape) != 3:
            raise ValueError(f"{path}: nn.Conv2d receives {_shape_text(shape)}, not an image (N x C x H x W data)")
        if module.in_channels != shape[0]:
            raise ValueError(f"{path}: nn.Conv2d({module.in_channels}, {module.out_channels}) receives {shape[0]} "
                             "channels: the channels do not chain")
        if module.groups != 1 or _square(module.dilation, path, "dilation") != 1:
            raise ValueError(f"{path}: nn.Conv2d with groups or dilation is not supported")
        if module.padding_mode != "zeros":
            raise ValueError(f"{path}: nn.Conv2d(padding_mode={module.padding_mode!r}) is not supported; LossLab pads "
                             "with zeros")
        k = _square(module.kernel_size, path, "kernel_size")
        stride = _square(module.stride, path, "stride")
        padding = module.padding
        if padding == "valid":
            padding = 0
        elif padding == "same":
            if k % 2 == 0:
                raise ValueError(f"{path}: padding='same' with the even kernel {k} pads unevenly; LossLab's padding "
                                 "is the same on every side")
            padding = k // 2
        padding = _square(padding, path, "padding")
        if 2 * padding > k:
            raise ValueError(f"{path}: padding {padding} is more than half the kernel {k}")
        C, H, W = shape
        entry = {"kind": "conv2d", "out_channels": module.out_channels, "kernel": k, "stride": stride,
                 "padding": padding, "bias": module.bias is not None, "W": _floats(module.weight)}
        if module.bias is not None:
            entry["b"] = _floats(module.bias)
        out = (module.out_channels, (H + 2 * padding - k) // stride + 1, (W + 2 * padding - k) // stride + 1)
        return entry, out

    def pool(self, module, path, shape):
        name = _module_name(module)
        if len(shape) != 3:
            raise ValueError(f"{path}: {name} receives {_shape_text(shape)}, not an image")
        k = _square(module.kernel_size, path, "kernel_size")
        stride = _square(module.stride if module.stride is not None else k, path, "stride")
        if stride != k or _square(module.padding, path, "padding") != 0 or module.ceil_mode:
            raise ValueError(f"{path}: {name} with a stride other than its kernel, padding or ceil_mode is not "
                             "supported; LossLab's pools are non-overlapping windows (stride = kernel)")
        if isinstance(module, nn.MaxPool2d) and (_square(module.dilation, path, "dilation") != 1 or
                                                 module.return_indices):
            raise ValueError(f"{path}: nn.MaxPool2d with dilation or return_indices is not supported")
        if isinstance(module, nn.AvgPool2d) and module.divisor_override is not None:
            raise ValueError(f"{path}: nn.AvgPool2d(divisor_override=...) is not supported")
        kind = "maxpool2d" if isinstance(module, nn.MaxPool2d) else "avgpool2d"
        return {"kind": kind, "kernel": k}, (shape[0], shape[1] // k, shape[2] // k)

    def attention(self, module, path, shape):
        self.once(module.attention, path)
        a = module.attention
        if len(shape) != 2 or a.embed_dim != shape[1]:
            raise ValueError(f"{path}: SelfAttention({a.embed_dim}) receives {_shape_text(shape)}")
        if not a._qkv_same_embed_dim or a.bias_k is not None or a.add_zero_attn or a.dropout != 0 or not a.batch_first:
            raise ValueError(f"{path}: nn.MultiheadAttention with kdim/vdim, bias_k/v, add_zero_attn, dropout or "
                             "batch_first=False is not supported")
        bias = a.in_proj_bias is not None
        if bias != (a.out_proj.bias is not None):
            raise ValueError(f"{path}: nn.MultiheadAttention with a bias on only one projection is not supported")
        entry = {"kind": "attention", "heads": a.num_heads, "causal": bool(module.causal), "bias": bias,
                 "in_W": _floats(a.in_proj_weight)}
        if bias:
            entry["in_b"] = _floats(a.in_proj_bias)
        entry["out_W"] = _floats(a.out_proj.weight)
        if bias:
            entry["out_b"] = _floats(a.out_proj.bias)
        return entry, shape


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


def network_of(model, shape=None, tokens=False):
    """The losslab-model/2 layer list of `model`, the shape of its input (one sample: (F,),
    (C, H, W) or, for token ids, (T,); default: the width of the first nn.Linear) and of its output."""
    if not isinstance(model, nn.Sequential):
        raise ValueError(f"expected an nn.Sequential, got {_module_name(model)}")
    walk = _Walk(tokens)
    if shape is None:
        shape = (_first_width(model),)
    layers, outputs = walk.layers(model, "model", tuple(shape))
    if not walk.linears:
        raise ValueError("the network has no nn.Linear layer")
    if len(outputs) != 1:
        raise ValueError(f"the network ends with {_shape_text(outputs)}: its output must be a vector (flatten, or "
                         "Select a position)")
    return layers, tuple(shape), outputs[0]


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


def _rows(t, name, shape, tokens=False):
    """Each sample of t flattened row-major (token ids as integers)."""
    t = torch.as_tensor(t).detach()
    shape = tuple(shape)
    if t.dim() == 1 and shape == (1,):
        t = t.reshape(-1, 1)
    if tuple(t.shape[1:]) != shape:
        raise ValueError(f"{name}: expected N x {' x '.join(map(str, shape))} numbers, got shape {tuple(t.shape)}")
    if tokens:
        if t.is_floating_point() and not torch.equal(t, t.round()):
            raise ValueError(f"{name}: token ids must be integers")
        return t.reshape(len(t), -1).to(torch.long).tolist()
    return t.to(torch.float64).reshape(len(t), -1).tolist()


def _targets(y, name, loss, outputs, count):
    y = torch.as_tensor(y).detach()
    if loss == "mse":
        rows = _rows(y, name, (outputs,))
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


def convert(model, x, y, loss="cross_entropy", x_test=None, y_test=None, name="torch", output_scale=1.0,
            loss_params=None):
    """The model file (a dict) of `model` and its data: losslab-model/1 for a plain MLP, else /2.
    loss_params: the loss's parameters ({"gamma": 2} for focal, ...), written as "loss_params"."""
    if loss not in LOSSES:
        raise ValueError(f"loss: {loss!r} is not one of {', '.join(LOSSES)}")
    for key, value in (loss_params or {}).items():
        if key not in LOSS_PARAMS:
            raise ValueError(f"loss_params.{key}: unknown (allowed: {', '.join(LOSS_PARAMS)})")
        if LOSS_PARAMS[key] != loss:
            raise ValueError(f"loss_params.{key}: applies to {LOSS_PARAMS[key]} only (loss is {loss})")
        if not isinstance(value, (int, float)):
            raise ValueError(f"loss_params.{key}: {value!r} is not a number")
    x = torch.as_tensor(x)
    first = next((m for m in model.modules() if not isinstance(m, nn.Sequential)), None)
    tokens = isinstance(first, nn.Embedding)
    shape = tuple(x.shape[1:]) if x.dim() > 2 or tokens else None  # vectors: the first nn.Linear's width
    layers, inputs, outputs = network_of(model, shape, tokens)
    xs = _rows(x, "x", inputs, tokens)
    data = {"x": xs, "y": _targets(y, "y", loss, outputs, len(xs))}
    if (x_test is None) != (y_test is None):
        raise ValueError("x_test and y_test: give both or neither")
    if x_test is not None:
        data["x_test"] = _rows(x_test, "x_test", inputs, tokens)
        data["y_test"] = _targets(y_test, "y_test", loss, outputs, len(data["x_test"]))
    mlp = plain_mlp(layers) if len(inputs) == 1 and not tokens else None
    if mlp is not None:
        widths, activation = mlp
        weights = [{k: e[k] for k in ("W", "b") if k in e} for e in layers if e["kind"] == "linear"]
        doc = {"format": "losslab-model/1", "name": name, "layers": widths, "activation": activation,
               "loss": loss, "weights": weights, "data": data}
    else:
        doc = {"format": "losslab-model/2", "name": name, "input_shape": list(inputs), "network": layers,
               "loss": loss, "data": data}
        if tokens:
            doc["input_type"] = "tokens"
    if output_scale != 1.0:
        doc["output_scale"] = float(output_scale)
    if loss_params:
        doc["loss_params"] = {k: float(v) for k, v in loss_params.items()}
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
    parser.add_argument("--loss-param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter of the loss: gamma (focal), epsilon (poly1_cross_entropy), "
                             "label_smoothing or z_loss (cross_entropy); repeat for several")
    parser.add_argument("--name", default=None, help="the network's name (default: OUT's base name)")
    parser.add_argument("--output-scale", type=float, default=1.0, help="multiplier alpha on the logits")
    args = parser.parse_args(argv)
    # A saved model names this script's modules as torch_to_losslab.*: let them be this script's own.
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
        params = {}
        for item in args.loss_param:
            key, sep, value = item.partition("=")
            try:
                params[key] = float(value)
            except ValueError:
                raise ValueError(f"--loss-param {item}: expected KEY=NUMBER") from None
        doc = convert(model, data["x"], data["y"], args.loss, data.get("x_test"), data.get("y_test"),
                      name, args.output_scale, params)
        write(doc, args.out)
    except (ValueError, OSError) as e:
        print(f"torch_to_losslab: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
