#!/usr/bin/python3
"""Small checkpoints written by python torch, for the Java reader's edge-case tests.

Usage: /usr/bin/python3 make_small_checkpoints.py OUT_DIR

Writes (seeded, a few KB each):
  tiny_protocol2.pth / tiny_protocol4.pth  torch.save of the same dict with pickle_protocol 2 and 4: a 'model'
      OrderedDict of every supported dtype, a 0-dim tensor, strided views (transposed, narrowed, expanded), an empty
      tensor and an nn.Parameter; plus 'optimizer', 'misc' (sets, frozenset, big ints, bytes, torch.device,
      torch.dtype, Counter, defaultdict, ...), 'args' (argparse.Namespace) and 'epoch'.
  tiny_bare.pth                            torch.save of the model OrderedDict alone (no top-level dict).
  tiny.safetensors                         the model tensors (contiguous) in safetensors layout, written by hand here
                                           from the format description (header sorted by name, __metadata__).
  tiny_manifest.json                       the reference manifest of tiny_protocol4.pth (dump_checkpoint_manifest.py).
  values_protocol{0,1,2,3,4,5}.pkl         plain pickle.dumps of VALUES (below) at each protocol, for the unpickler tests.
"""
import argparse
import collections
import json
import os
import pickle
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dump_checkpoint_manifest as manifest  # noqa: E402

SAFETENSORS_DTYPES = {
    torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
    torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.int8: "I8", torch.bool: "BOOL",
}


# Keep in sync with UnpicklerTest, which expects exactly these values.
VALUES = [1, -7, 2 ** 31, 1.5, "a\nb\u00e9", True, None, (1, 2), {"k": 2 ** 70, "neg": -(2 ** 65)}, b"xy",
          collections.OrderedDict([("z", 1)]), {3}, frozenset({"f"}), [], (), {}, bytearray(b"ba")]


def model_state():
    g = torch.Generator().manual_seed(20241125)
    base = torch.randn(3, 4, generator=g)
    line = torch.arange(10, dtype=torch.float32)
    state = collections.OrderedDict()
    state["blocks.0.weight"] = torch.randn(3, 4, generator=g)
    state["half"] = torch.randn(5, generator=g).half()
    state["bfloat"] = torch.randn(2, 3, generator=g).bfloat16()
    state["double"] = torch.randn(2, generator=g).double()
    state["long"] = torch.tensor([-3, 0, 2 ** 40], dtype=torch.int64)
    state["int"] = torch.tensor([-1, 2 ** 31 - 1], dtype=torch.int32)
    state["byte"] = torch.tensor([0, 255, 7], dtype=torch.uint8)
    state["char"] = torch.tensor([-128, 127], dtype=torch.int8)
    state["mask"] = torch.tensor([True, False, True])
    state["step"] = torch.tensor(3.5)
    state["base"] = base
    state["transposed"] = base.t()
    state["narrowed"] = line[2:5]
    state["expanded"] = torch.tensor([[1.0, 2.0, 3.0]]).expand(4, 3)
    state["empty"] = torch.zeros(0, 3)
    state["param"] = torch.nn.Parameter(torch.full((2,), 0.25))
    return state


def checkpoint(state):
    g = torch.Generator().manual_seed(7)
    default = collections.defaultdict(list)
    default["k"].append(1)
    return {
        "model": state,
        "optimizer": {
            "state": {0: {"step": torch.tensor(1.0), "exp_avg": torch.randn(3, 4, generator=g)}},
            "param_groups": [{"lr": 1e-3, "betas": (0.9, 0.95), "foreach": None, "params": [0]}],
        },
        "misc": {
            "a_set": {1, 2, 3}, "frozen": frozenset({"x"}), "big": 2 ** 70, "neg_big": -(2 ** 65),
            "bytes": b"\x00\x01abc", "bytearray": bytearray(b"xy"), "float": 1.5, "unicode": "h\u00e9llo \u2713",
            "nested": [(1, "two"), {"k": None}], "device": torch.device("cpu"), "dtype": torch.float16,
            "counter": collections.Counter("aab"), "default": default, "tuple4": (1, 2, 3, 4),
        },
        "args": argparse.Namespace(model="mae_vit_large_patch16", lr=None, blr=1e-3, norm_pix_loss=False),
        "epoch": 7,
    }


def write_safetensors(path, state):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(state):
        t = state[name]
        data = manifest.tensor_bytes(t)
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    out = sys.argv[1]
    state = model_state()
    for protocol in (2, 4):
        torch.save(checkpoint(state), os.path.join(out, f"tiny_protocol{protocol}.pth"), pickle_protocol=protocol)
    torch.save(state, os.path.join(out, "tiny_bare.pth"))
    write_safetensors(os.path.join(out, "tiny.safetensors"), state)
    for protocol in range(6):
        with open(os.path.join(out, f"values_protocol{protocol}.pkl"), "wb") as f:
            pickle.dump(VALUES, f, protocol=protocol)
    sys.argv = ["", os.path.join(out, "tiny_protocol4.pth"), os.path.join(out, "tiny_manifest.json")]
    manifest.main()


if __name__ == "__main__":
    main()
