#!/usr/bin/python3
"""Writes the reference data of the engine's scoring tests (engine/src/test/resources/score/*.json).

Run with Debian's interpreter (it has numpy and torch):  /usr/bin/python3 engine/src/test/python/make_score_refs.py

Every number written here is computed by this script, independently of the Java code under test:

* "official" values re-state what the official evaluation code (amirbar/visual_prompting) does, written from a
  reading of it: round_image works on uint8 tensors (torch), so the differences and their squares wrap modulo 256;
  the metrics crop the answer cell and compare colours; sums are float32.
* "exact" values snap every pixel to its truly nearest palette colour with int64 arithmetic (first colour wins ties).
* the colorization MSE follows evaluate_colorization.calculate_metric (ImageNet-normalised float64, mean over C,H,W).
* the detection box follows evaluate_detection.box_ops.to_rectangle, with an own 8-connected labelling in raster
  order instead of cv2 (cv2 is not installed here).

The images are small (not 224x224) so that the JSON stays small; the crop is a generalised answer cell
[y:y+h, x:x+w] (the official code hard-codes [113:, 113:] for the 224x224 2x2 canvas, which is the cell
x=113, y=113, 111x111). Images are stored as base64 of the raw HWC uint8 bytes.
"""
import base64
import json
import os

import numpy as np
import torch

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
PURPLE = (0x44, 0x01, 0x54)
YELLOW = (0xFD, 0xE7, 0x25)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'score')


def b64(img):
    assert img.dtype == np.uint8 and img.ndim == 3 and img.shape[2] == 3
    return base64.b64encode(np.ascontiguousarray(img).tobytes()).decode('ascii')


def round_official(img, options):
    """round_image as the official code runs it on a uint8 array: all arithmetic in torch uint8 (wraps)."""
    pixels = torch.from_numpy(np.array(img, dtype=np.uint8))  # uint8 copy (writable)
    palette = torch.tensor(options).to(pixels)  # [K,3] uint8
    diff = pixels.unsqueeze(2) - palette.view(1, 1, len(options), 3)  # uint8, wraps
    dist = (diff * diff).float().mean(dim=3)  # uint8 square wraps, then float32 mean over channels
    idx = torch.argmin(dist, dim=-1).numpy()
    return np.array(options, dtype=np.int64)[idx]


def round_exact(img, options):
    """Nearest palette colour by squared distance in int64; ties go to the first colour."""
    palette = np.array(options, dtype=np.int64)
    dist = ((img.astype(np.int64)[:, :, None, :] - palette[None, None]) ** 2).sum(axis=3)
    return palette[np.argmin(dist, axis=2)]  # argmin returns the first minimum


def crop(img, cell):
    x, y, w, h = cell
    return img[y:y + h, x:x + w]


def mask_metrics(target, ours, fg, bg):
    """calculate_metric of segmentation_utils on already cropped, rounded images."""
    fg = np.array(fg)
    accuracy = np.sum(np.float32((target == ours).all(axis=2))) / (ours.shape[0] * ours.shape[1])
    seg_t = (target == fg).all(axis=2)
    seg_o = (ours == fg).all(axis=2)
    blind_o = (ours != np.array(bg)).any(axis=2)
    iou = np.sum(np.float32(seg_t & seg_o)) / np.sum(np.float32(seg_t | seg_o))
    blind = np.sum(np.float32(seg_t & blind_o)) / np.sum(np.float32(seg_t | blind_o))
    return {'iou': float(iou), 'colorBlindIou': float(blind), 'accuracy': float(accuracy)}


def seg_scores(target, pred, cell, rounding, fg=WHITE, bg=BLACK):
    r = round_official if rounding == 'official' else round_exact
    return mask_metrics(crop(r(target, [fg, bg]), cell), crop(r(pred, [fg, bg]), cell), fg, bg)


def label8(binary):
    """Connected components, 8-connectivity; labels 1.. numbered in raster order of each component's first pixel."""
    h, w = binary.shape
    labels = np.zeros((h, w), dtype=np.int64)
    n = 0
    for y0 in range(h):
        for x0 in range(w):
            if binary[y0, x0] and labels[y0, x0] == 0:
                n += 1
                labels[y0, x0] = n
                stack = [(y0, x0)]
                while stack:
                    y, x = stack.pop()
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            yy, xx = y + dy, x + dx
                            if 0 <= yy < h and 0 <= xx < w and binary[yy, xx] and labels[yy, xx] == 0:
                                labels[yy, xx] = n
                                stack.append((yy, xx))
    return n + 1, labels


def to_rectangle_cell(rounded_cell):
    """to_rectangle on the cell: returns (filled box image as WHITE/BLACK int64 HWC, box or None)."""
    chan0 = rounded_cell[:, :, 0].astype(np.uint8)
    num, labels = label8(chan0 != 0)
    sizes = [np.sum(labels == i) for i in range(num)]
    fg_sizes = sorted(sizes[1:], reverse=True)
    assert len(fg_sizes) < 2 or fg_sizes[0] != fg_sizes[1], 'tie for the largest component; pick another seed'
    out = np.zeros(chan0.shape, dtype=np.int64)
    box = None
    for i in np.argsort(sizes)[::-1]:
        ys, xs = np.where(labels == i)
        if chan0[ys[0], xs[0]] != 255:
            continue
        out[ys.min():ys.max() + 1, xs.min():xs.max() + 1] = 255
        box = {'x': int(xs.min()), 'y': int(ys.min()),
               'width': int(xs.max() - xs.min() + 1), 'height': int(ys.max() - ys.min() + 1)}
        break
    return np.stack([out, out, out], axis=-1), box


def detection_case(target, pred, cell, rounding):
    r = round_official if rounding == 'official' else round_exact
    t = crop(r(target, [WHITE, BLACK]), cell)
    boxed, box = to_rectangle_cell(crop(r(pred, [WHITE, BLACK]), cell))
    return {'box': box, 'scores': mask_metrics(t, boxed, WHITE, BLACK)}


def colorization_mse(target, pred, cell):
    """evaluate_colorization.calculate_metric with the crop generalised to the cell."""
    mean = np.array([0.485, 0.456, 0.406])
    std = np.array([0.229, 0.224, 0.225])
    ours = (np.transpose(pred / 255., [2, 0, 1]) - mean[:, None, None]) / std[:, None, None]
    tgt = (np.transpose(target / 255., [2, 0, 1]) - mean[:, None, None]) / std[:, None, None]
    x, y, w, h = cell
    return float(np.mean((tgt[:, y:y + h, x:x + w] - ours[:, y:y + h, x:x + w]) ** 2))


def synthetic_scores(target, pred, cell, colour_options, rounding):
    """evaluate_reasoning: round both with colour_options + [BLACK], then its calculate_metric on the cell."""
    r = round_official if rounding == 'official' else round_exact
    options = list(colour_options) + [BLACK]
    t = crop(r(target, options), cell)
    o = crop(r(pred, options), cell)
    colours = np.unique(np.reshape(t, (-1, 3)), axis=0)
    assert colours.shape[0] == 2, colours
    other = colours[0] if np.all(colours[1] == np.array(WHITE)) else colours[1]
    return mask_metrics(t, o, tuple(int(c) for c in other), WHITE), [int(c) for c in other]


def blob_mask(rng, h, w, count):
    yy, xx = np.mgrid[0:h, 0:w]
    m = np.zeros((h, w), dtype=bool)
    for _ in range(count):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        ry, rx = rng.uniform(2, h / 3), rng.uniform(2, w / 3)
        m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
    return m


def noisy(rng, base, sigma):
    return np.clip(base.astype(np.float64) + rng.normal(0, sigma, base.shape), 0, 255).astype(np.uint8)


def seg_images(kind, rng, h, w):
    if kind == 'uniform_noise':
        return rng.randint(0, 256, (h, w, 3)).astype(np.uint8), rng.randint(0, 256, (h, w, 3)).astype(np.uint8)
    if kind == 'noisy_blobs':
        t = np.repeat(blob_mask(rng, h, w, 3)[:, :, None], 3, axis=2).astype(np.uint8) * 255
        p = np.repeat(blob_mask(rng, h, w, 3)[:, :, None], 3, axis=2).astype(np.uint8) * 255
        return noisy(rng, t, 30), noisy(rng, p, 60)
    if kind == 'near_threshold':
        return (rng.randint(118, 138, (h, w, 3)).astype(np.uint8),
                rng.randint(118, 138, (h, w, 3)).astype(np.uint8))
    if kind == 'wrap_values':
        values = np.array([0, 1, 2, 15, 16, 17, 127, 128, 129, 239, 240, 241, 253, 254, 255], dtype=np.uint8)
        return values[rng.randint(0, len(values), (h, w, 3))], values[rng.randint(0, len(values), (h, w, 3))]
    if kind == 'binary':
        t = np.repeat(blob_mask(rng, h, w, 2)[:, :, None], 3, axis=2).astype(np.uint8) * 255
        p = np.repeat(blob_mask(rng, h, w, 2)[:, :, None], 3, axis=2).astype(np.uint8) * 255
        return t, p
    raise ValueError(kind)


def segmentation_refs():
    cases = []
    cells = [(4, 3, 19, 17), (9, 7, 19, 17), (0, 0, 28, 24)]
    kinds = ['uniform_noise', 'noisy_blobs', 'near_threshold', 'wrap_values', 'binary']
    seed = 100
    for kind in kinds:
        for cell in cells[:2] if kind != 'binary' else cells:
            seed += 1
            rng = np.random.RandomState(seed)
            target, pred = seg_images(kind, rng, 24, 28)
            case = {'name': f'{kind}_seed{seed}', 'width': 28, 'height': 24,
                    'cell': dict(zip(['x', 'y', 'width', 'height'], cell)),
                    'target': b64(target), 'prediction': b64(pred),
                    'official': seg_scores(target, pred, cell, 'official'),
                    'exact': seg_scores(target, pred, cell, 'exact'),
                    'officialPurple': seg_scores(target, pred, cell, 'official', YELLOW, PURPLE),
                    'exactPurple': seg_scores(target, pred, cell, 'exact', YELLOW, PURPLE)}
            cases.append(case)
    return {'note': 'generated by engine/src/test/python/make_score_refs.py', 'cases': cases}


def detection_refs():
    cases = []
    cell = (4, 3, 24, 22)
    seed = 300
    while len(cases) < 6:
        seed += 1
        rng = np.random.RandomState(seed)
        h, w = 26, 30
        target = np.zeros((h, w, 3), dtype=np.uint8)
        x0, y0 = rng.randint(0, w // 2), rng.randint(0, h // 2)
        target[y0:y0 + rng.randint(4, h // 2), x0:x0 + rng.randint(4, w // 2)] = 255
        pred = np.repeat(blob_mask(rng, h, w, 4)[:, :, None], 3, axis=2).astype(np.uint8) * 255
        pred = noisy(rng, pred, 50)
        try:
            case = {'name': f'blobs_seed{seed}', 'width': w, 'height': h,
                    'cell': dict(zip(['x', 'y', 'width', 'height'], cell)),
                    'target': b64(noisy(rng, target, 20)), 'prediction': b64(pred)}
            tgt = np.frombuffer(base64.b64decode(case['target']), dtype=np.uint8).reshape(h, w, 3)
            case['official'] = detection_case(tgt, pred, cell, 'official')
            case['exact'] = detection_case(tgt, pred, cell, 'exact')
        except AssertionError:
            continue
        cases.append(case)
    return {'note': 'generated by engine/src/test/python/make_score_refs.py', 'cases': cases}


def colorization_refs():
    cases = []
    for seed, cell in [(501, (4, 3, 19, 17)), (502, (9, 7, 19, 17)), (503, (0, 0, 28, 24))]:
        rng = np.random.RandomState(seed)
        target = rng.randint(0, 256, (24, 28, 3)).astype(np.uint8)
        pred = noisy(rng, target, 25) if seed != 503 else rng.randint(0, 256, (24, 28, 3)).astype(np.uint8)
        cases.append({'name': f'colorization_seed{seed}', 'width': 28, 'height': 24,
                      'cell': dict(zip(['x', 'y', 'width', 'height'], cell)),
                      'target': b64(target), 'prediction': b64(pred), 'mse': colorization_mse(target, pred, cell)})
    return {'note': 'generated by engine/src/test/python/make_score_refs.py', 'cases': cases}


def synthetic_refs():
    tasks = {'COLOR': [BLUE, GREEN, WHITE], 'SHAPE': [GREEN, WHITE], 'SIZE_COLOR': [GREEN, BLUE, WHITE]}
    cases = []
    cell = (4, 3, 24, 20)
    seed = 700
    for task, options in tasks.items():
        for colour in ([GREEN, BLUE] if BLUE in options else [GREEN]):
            seed += 1
            rng = np.random.RandomState(seed)
            h, w = 26, 30
            target = np.zeros((h, w, 3), dtype=np.uint8)  # black canvas background, white cell, coloured shape
            x, y, cw, ch = cell
            target[y:y + ch, x:x + cw] = 255
            shape = blob_mask(rng, ch, cw, 1)
            target[y:y + ch, x:x + cw][shape] = colour
            pred = noisy(rng, target, 70)
            pred[y:y + ch, x:x + cw][blob_mask(rng, ch, cw, 1)] = np.array(colour[::-1], dtype=np.uint8)
            case = {'name': f'{task}_seed{seed}', 'task': task, 'width': w, 'height': h,
                    'cell': dict(zip(['x', 'y', 'width', 'height'], cell)), 'target': b64(target),
                    'prediction': b64(pred)}
            for rounding in ('official', 'exact'):
                scores, other = synthetic_scores(target, pred, cell, options, rounding)
                case[rounding] = {'foreground': other, **scores}
            cases.append(case)
    return {'note': 'generated by engine/src/test/python/make_score_refs.py', 'cases': cases}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, refs in [('segmentation_refs.json', segmentation_refs()), ('detection_refs.json', detection_refs()),
                       ('colorization_refs.json', colorization_refs()), ('synthetic_refs.json', synthetic_refs())]:
        with open(os.path.join(OUT, name), 'w') as f:
            json.dump(refs, f, indent=1)
            f.write('\n')
        print(name, len(refs['cases']), 'cases')


if __name__ == '__main__':
    main()
