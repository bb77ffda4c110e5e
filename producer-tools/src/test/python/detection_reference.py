"""Writes ../resources/eval/detection/: what numpy, Pillow and torchvision do in the official single-object detection
evaluation (amirbar/visual_prompting: evaluate/evaluate_segmentation.py --dataset_type pascal_det,
evaluate_detection/canvas_ds.py and voc_orig.py), for DetectionReferenceTest. The rules are restated here in our own
words on made-up inputs; no data set is needed.

- reference.json "episodes": np.random.seed(seed) once; for every query (in val order) the class is
  np.random.choice(query_labels) and the support is the first train image, in the order of a fresh
  np.random.shuffle(np.arange(len(train))), that shows the class (the last one of that order when none does).
- reference.json "cells" and cell_<k>_{input,image,mask}.png: a patterned picture, boxes in VOC's coordinate space
  (xmin - 1, ymin - 1, xmax, ymax as floats), the box mask drawn at full size as the official 'keep' mode draws it
  (black picture, white where numpy's slice [int(y0):int(y1), int(x0):int(x1)] reaches), and both resized to 111x111
  with torchvision's functional resize (Pillow bilinear), as make_transforms('val') does before ToTensor.
- flattened.pth and reference.json "flattened": a made-up list of (image index, label) pairs saved with torch.save,
  as the released 2012_val_flattened_set.pth is, and the episodes of the released indexing through it (query i is
  val[pairs[i][0]], shuffled train candidate j is train[pairs[j][0]]), seed 0.

Run with Debian's interpreter (python3-numpy, python3-pil, python3-torchvision):
    /usr/bin/python3 detection_reference.py
"""
import json
import os

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as F
from PIL import Image

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "eval", "detection")
os.makedirs(out_dir, exist_ok=True)
ref = {"torchvision": torchvision.__version__, "numpy": np.__version__, "episodes": {}, "cells": []}

# episodes on made-up label lists: queries carry one label (the filtered val set), some carry two to exercise choice
val_labels = [[i % 20] if i % 9 else [i % 20, (i + 5) % 20] for i in range(60)]
train_labels = [[(3 * i + 1) % 19] for i in range(45)]  # class 19 never appears among the supports
for seed in (0, 3):
    np.random.seed(seed)
    episodes = []
    for labels in val_labels:
        label = int(np.random.choice(np.array(labels)))
        order = np.arange(len(train_labels))
        np.random.shuffle(order)
        support = None
        for j in order:
            support = int(j)
            if label in train_labels[j]:
                break
        episodes.append([label, support])
    ref["episodes"][str(seed)] = {"val": val_labels, "train": train_labels, "episodes": episodes}

# the released dataset looks images up through 2012_val_flattened_set.pth, (image index, label) pairs, for val and
# train alike: query i is val[flat[i][0]], candidate j of the shuffled train indices is train[flat[j][0]]
flattened = [(k * 2 // 3, (k * 7) % 20) for k in range(70)]
torch.save(flattened, os.path.join(out_dir, "flattened.pth"))
np.random.seed(0)
episodes = []
for i in range(len(val_labels)):
    label = int(np.random.choice(np.array(val_labels[flattened[i][0]])))
    order = np.arange(len(train_labels))
    np.random.shuffle(order)
    support = None
    for j in order:
        support = int(flattened[j][0])
        if label in train_labels[support]:
            break
    episodes.append([flattened[i][0], label, support])
ref["flattened"] = {"seed": 0, "pairs": flattened, "episodes": episodes}


def pattern(w, h, seed):
    rs = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([(x * 255 // max(1, w - 1)), (y * 255 // max(1, h - 1)), ((x * 7 + y * 13) % 256)], axis=-1)
    img = (img + rs.randint(0, 40, size=img.shape)) % 256
    return img.astype(np.uint8)


cases = [
    (157, 123, [[0.0, 0.0, 40.0, 30.0]]),                       # xmin = ymin = 1 in the XML
    (90, 200, [[10.5, 20.25, 60.75, 199.0]]),                   # fractional coordinates truncate
    (250, 187, [[60.0, 40.0, 120.0, 87.0], [150.0, 5.0, 165.0, 25.0]]),  # two boxes of one class
    (64, 48, [[63.0, 47.0, 64.0, 48.0]]),                       # a one-pixel box in the corner
]
for k, (w, h, boxes) in enumerate(cases):
    img = Image.fromarray(pattern(w, h, k))
    mask = np.zeros((h, w, 3), dtype=np.uint8)
    for b in boxes:
        x0, y0, x1, y1 = np.array(b).astype("int")
        mask[y0:y1, x0:x1] = 255
    img.save(os.path.join(out_dir, "cell_%d_input.png" % k))
    F.resize(img, (111, 111)).save(os.path.join(out_dir, "cell_%d_image.png" % k))
    F.resize(Image.fromarray(mask), (111, 111)).save(os.path.join(out_dir, "cell_%d_mask.png" % k))
    ref["cells"].append({"width": w, "height": h, "boxes": boxes})

with open(os.path.join(out_dir, "reference.json"), "w") as f:
    json.dump(ref, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(out_dir))
