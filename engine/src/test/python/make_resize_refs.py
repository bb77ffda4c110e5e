#!/usr/bin/python3
"""Reference outputs of Pillow's Image.resize for PilResizeTest.

Run with Debian's /usr/bin/python3 (Pillow 9.4.0, the version the official fixtures were made with):

    /usr/bin/python3 engine/src/test/python/make_resize_refs.py

Source images are not stored: both this script and the Java test generate them from the same tiny
deterministic recipe (see `source`), so only the (small) resized outputs are committed.
Writes engine/src/test/resources/resize/cases.csv and one <name>.npy (uint8 [H, W, 3]) per case.
"""
import csv
import os

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'resize')

# name, pattern, seed, src_w, src_h, out_w, out_h, filter
CASES = [
    ('support_like', 'noise', 1, 300, 200, 111, 111, 'bicubic'),
    ('query_like', 'smooth', 2, 187, 251, 111, 111, 'bicubic'),
    ('extra_like', 'noise', 3, 500, 375, 80, 60, 'bicubic'),
    ('upscale', 'noise', 4, 37, 23, 90, 70, 'bicubic'),
    ('downscale_58x', 'noise', 5, 640, 480, 11, 9, 'bicubic'),
    ('fractional', 'smooth', 6, 100, 100, 77, 33, 'bicubic'),
    ('one_column_src', 'noise', 7, 1, 50, 7, 111, 'bicubic'),
    ('one_row_src', 'noise', 8, 50, 1, 111, 3, 'bicubic'),
    ('one_pixel_src', 'noise', 9, 1, 1, 5, 5, 'bicubic'),
    ('to_one_column', 'noise', 10, 40, 30, 1, 17, 'bicubic'),
    ('to_one_row', 'smooth', 11, 40, 30, 19, 1, 'bicubic'),
    ('same_size', 'noise', 12, 64, 48, 64, 48, 'bicubic'),
    ('same_width', 'noise', 13, 64, 48, 64, 20, 'bicubic'),
    ('same_height', 'noise', 14, 64, 48, 20, 48, 'bicubic'),
    ('mixed', 'noise', 15, 333, 17, 50, 111, 'bicubic'),
    ('synthetic_74', 'noise', 16, 224, 224, 74, 74, 'bilinear'),
    ('bilinear_up', 'smooth', 17, 30, 40, 74, 74, 'bilinear'),
    ('bilinear_fractional', 'noise', 18, 101, 67, 31, 29, 'bilinear'),
    # Thin images at the decoder's side limit (65,535): the resize streams rows instead of holding an
    # intermediate image of the long side.
    ('thin_tall', 'noise', 19, 1, 65535, 111, 111, 'bicubic'),
    ('thin_wide', 'noise', 20, 65535, 2, 74, 74, 'bilinear'),
]


def source(pattern, seed, w, h):
    """uint8 [h, w, 3], row-major, channels interleaved.

    noise: a 31-bit LCG, state = (state * 1103515245 + 12345) mod 2^31 starting from `seed`, one step per
    byte, byte = (state >> 16) & 0xFF.
    smooth: (3 x + 5 y + 70 c + seed) mod 256.
    """
    if pattern == 'smooth':
        y, x, c = np.meshgrid(np.arange(h), np.arange(w), np.arange(3), indexing='ij')
        return ((3 * x + 5 * y + 70 * c + seed) % 256).astype(np.uint8)
    n = w * h * 3
    out = np.empty(n, dtype=np.uint8)
    state = seed
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = (state >> 16) & 0xFF
    return out.reshape(h, w, 3)


def main():
    os.makedirs(OUT, exist_ok=True)
    filters = {'bicubic': Image.BICUBIC, 'bilinear': Image.BILINEAR}
    with open(os.path.join(OUT, 'cases.csv'), 'w', newline='') as f:
        writer = csv.writer(f, lineterminator='\n')
        writer.writerow(['name', 'pattern', 'seed', 'src_w', 'src_h', 'out_w', 'out_h', 'filter'])
        for case in CASES:
            name, pattern, seed, sw, sh, ow, oh, flt = case
            src = Image.fromarray(source(pattern, seed, sw, sh), 'RGB')
            out = np.asarray(src.resize((ow, oh), filters[flt]))
            assert out.shape == (oh, ow, 3)
            np.save(os.path.join(OUT, name + '.npy'), out)
            writer.writerow(case)
    total = sum(os.path.getsize(os.path.join(OUT, p)) for p in os.listdir(OUT))
    print('wrote %d cases, %d bytes' % (len(CASES), total))


if __name__ == '__main__':
    main()
