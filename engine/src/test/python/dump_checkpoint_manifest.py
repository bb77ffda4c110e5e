#!/usr/bin/python3
"""Reference manifest of a PyTorch checkpoint for the Java reader's tests.

Usage: /usr/bin/python3 dump_checkpoint_manifest.py CHECKPOINT.pth OUT.json [ENTRY]

Writes, for the tensors of ENTRY (default 'model'), as loaded by torch.load: name, shape, dtype and the sha256 of the
tensor's contiguous little-endian bytes, in state-dict order. It also records which storage records each top-level
entry references (found with a pickle.Unpickler that only records persistent ids and never rebuilds anything), so a
test can check that the Java reader reads exactly the storages of ENTRY.
"""
import hashlib
import json
import pickle
import sys
import zipfile

import torch

DTYPES = {
    torch.float32: "FLOAT32", torch.float16: "FLOAT16", torch.bfloat16: "BFLOAT16", torch.float64: "FLOAT64",
    torch.int64: "INT64", torch.int32: "INT32", torch.int8: "INT8", torch.uint8: "UINT8", torch.bool: "BOOL",
}


def tensor_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:
        # numpy has no bfloat16: reinterpret the same 2-byte patterns as int16
        t = t.view(torch.int16)
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()


class _KeyRecorder(pickle.Unpickler):
    """Records storage keys; rebuild functions return the keys instead of tensors, nothing else is resolved."""

    def persistent_load(self, pid):
        return ("storage-key", pid[2])

    def find_class(self, module, name):
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return lambda storage, *args: storage
        if (module, name) == ("torch._utils", "_rebuild_parameter"):
            return lambda data, *args: data
        return super().find_class(module, name)


def storage_keys(obj, out):
    if isinstance(obj, tuple) and len(obj) == 2 and obj[0] == "storage-key":
        out.add(obj[1])
    elif isinstance(obj, dict):
        for v in obj.values():
            storage_keys(v, out)
        for k in obj.keys():
            storage_keys(k, out)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            storage_keys(v, out)
    elif hasattr(obj, "__dict__"):
        storage_keys(vars(obj), out)
    return out


def main():
    path, out, entry = sys.argv[1], sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else "model")
    checkpoint = torch.load(path, map_location="cpu")
    with zipfile.ZipFile(path) as z:
        pkl = [n for n in z.namelist() if n.endswith("/data.pkl") or n == "data.pkl"][0]
        raw = _KeyRecorder(z.open(pkl)).load()
        all_records = sorted(n[len(pkl) - len("data.pkl") + len("data/"):] for n in z.namelist()
                             if n.startswith(pkl[: -len("data.pkl")] + "data/"))
    tensors = []
    for name, t in checkpoint[entry].items():
        tensors.append({
            "name": name,
            "shape": list(t.shape),
            "dtype": DTYPES[t.dtype],
            "sha256": hashlib.sha256(tensor_bytes(t)).hexdigest(),
        })
    manifest = {
        "source": path.split("/")[-1],
        "entry": entry,
        "torch": torch.__version__,
        "data_pkl": pkl,
        "top_level_keys": list(checkpoint.keys()),
        "storage_records": len(all_records),
        "entry_storage_keys": sorted(storage_keys(raw[entry], set())),
        "other_storage_keys": sorted(set().union(*[storage_keys(v, set()) for k, v in raw.items() if k != entry])),
        "tensors": tensors,
    }
    with open(out, "w") as f:
        # one line per field and per tensor: small diffs, still readable
        lines = [f" {json.dumps(k)}: {json.dumps(v)}" for k, v in manifest.items() if k != "tensors"]
        lines.append(' "tensors": [\n' + ",\n".join("  " + json.dumps(t) for t in tensors) + "\n ]")
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    main()
