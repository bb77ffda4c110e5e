"""Writes ../resources/eval/colorization/: what torchvision and numpy do in the official colorization evaluation
(amirbar/visual_prompting evaluate/in_colorization_dataloader.py, evaluate_colorization.py), for
ColorizationReferenceTest:

- reference.json "draws": np.random.seed(5); 1000 query indices = np.random.choice(np.arange(0, n - 1), size=1000,
  replace=False) for a folder of n = 1200 images; then one support index np.random.choice(np.arange(0, 999)) per
  episode (the first 20).
- reference.json "imagefolder": a small made-up tree (nested folders, mixed-case extensions, non-image files) and
  the sample order torchvision.datasets.ImageFolder gives it.
- crop_<w>x<h>.png: a patterned input; crop_<w>x<h>_color.png / _gray.png: torchvision CenterCrop((111, 111)) of it,
  and Grayscale(3) of that crop.

Run with Debian's interpreter (python3-numpy, python3-pil, python3-torchvision):
    /usr/bin/python3 colorization_reference.py
"""
import json
import os
import tempfile

import numpy as np
import torchvision
from PIL import Image
from torchvision import transforms

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "eval", "colorization")
os.makedirs(out_dir, exist_ok=True)
ref = {"torchvision": torchvision.__version__, "numpy": np.__version__}

np.random.seed(5)
n = 1200
indices = np.random.choice(np.arange(0, n - 1), size=1000, replace=False)
supports = [int(np.random.choice(np.arange(0, 999))) for _ in range(20)]
ref["draws"] = {"samples": n, "queries": [int(i) for i in indices[:20]], "supports": supports}

tree = [
    "b_class/z.JPEG", "b_class/a.jpg", "b_class/sub/c.png", "b_class/sub/a.JPEG", "b_class/notes.txt",
    "a_class/x.jpeg", "a_class/B.PNG", "a_class/a.webp", "a_class/Sub2/q.jpg", "a_class/sub1/r.jpg",
    "c_class/only.JPEG", "c_class/skip.gif",
]
with tempfile.TemporaryDirectory() as root:
    for rel in tree:
        path = os.path.join(root, "val", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").close()
    folder = torchvision.datasets.ImageFolder(os.path.join(root, "val"), loader=lambda p: p)
    ref["imagefolder"] = {"files": tree,
                          "order": [os.path.relpath(p, os.path.join(root, "val")) for p, _ in folder.samples]}

crop = transforms.CenterCrop((111, 111))
gray = transforms.Grayscale(3)
cases = []
for w, h in [(111, 111), (114, 117), (116, 300), (100, 90), (112, 104)]:
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([(x * 7) % 256, (y * 5) % 256, (x * y) % 256], axis=-1).astype(np.uint8)
    pil = Image.fromarray(img)
    name = "crop_%dx%d" % (w, h)
    pil.save(os.path.join(out_dir, name + ".png"))
    c = crop(pil)
    c.save(os.path.join(out_dir, name + "_color.png"))
    gray(c).save(os.path.join(out_dir, name + "_gray.png"))
    cases.append(name)
ref["crops"] = cases

with open(os.path.join(out_dir, "reference.json"), "w") as f:
    json.dump(ref, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(out_dir))
