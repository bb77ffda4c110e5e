"""Writes ../resources/eval/numpy_legacy_reference.json: draws of numpy's legacy RandomState (np.random.seed) that
NumpyRandomStateTest and PascalEpisodesTest compare the Java generator and episode sampler with.

Run with Debian's interpreter (it has numpy):  /usr/bin/python3 numpy_legacy_reference.py

The episode part restates the sampling rule of the official Pascal-5i evaluation (amirbar/visual_prompting,
evaluate/pascal_dataloader.py: query = the idx-th entry of the fold's val list, modulo its length; support = a
np.random.choice(..., 1, replace=False) among the val images of the query's class, drawn again while it equals the
query; np.random.seed(seed) once at start) on a small made-up split list.
"""
import json
import os

import numpy as np

out = {"numpy": np.__version__, "raw": {}, "randint": {}, "permutation": {}, "episodes": {}}

for seed in (0, 1, 5, 12345):
    rs = np.random.RandomState(seed)
    out["raw"][str(seed)] = [int(v) for v in rs.randint(0, 2**32, size=20, dtype=np.uint64)]

for seed in (0, 7):
    rs = np.random.RandomState(seed)
    draws = []
    for low, high in [(10, 214), (10, 214), (10, 50), (0, 100), (0, 1), (0, 2), (3, 4), (0, 999), (0, 65536)] * 3:
        draws.append([low, high, int(rs.randint(low, high))])
    out["randint"][str(seed)] = draws

rs = np.random.RandomState(0)
out["permutation"] = {str(n): [int(v) for v in rs.permutation(n)] for n in (1, 2, 7, 31, 346)}

# a made-up fold: 12 classes' worth of entries, some images listed under two classes
names = ["img%03d" % i for i in range(40)]
meta = []
for i, name in enumerate(names):
    meta.append([name, i % 5])
    if i % 7 == 0:
        meta.append([name, (i + 2) % 5])
classwise = {}
for name, cls in meta:
    classwise.setdefault(cls, []).append(name)
for seed in (0, 3):
    np.random.seed(seed)
    episodes = []
    for idx in range(120):
        query, cls = meta[idx % len(meta)]
        while True:
            support = np.random.choice(classwise[cls], 1, replace=False)[0]
            if support != query:
                break
        episodes.append([query, str(support), cls])
    out["episodes"][str(seed)] = {"meta": meta, "episodes": episodes}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "eval", "numpy_legacy_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(path))
