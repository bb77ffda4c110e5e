#!/usr/bin/python3
"""Test images for ImageDecoderTest and what Pillow makes of them.

Run with Debian's /usr/bin/python3 (Pillow 9.4.0, the version the official fixtures were made with):

    /usr/bin/python3 engine/src/test/python/make_decode_refs.py

For every image <name>.png / <name>.jpg in engine/src/test/resources/decode/ it writes
<name>.rgb.npy = np.asarray(Image.open(f).convert('RGB')) and
<name>.l.npy   = np.asarray(Image.open(f).convert('L')),
the values the official code would see for a photo and for a mask. PNGs are written by a small hand-made
encoder below so that every colour type / bit depth / tRNS / interlace combination exists (Pillow cannot
write all of them); JPEGs are written by Pillow (libjpeg-turbo).
"""
import io
import os
import struct
import zlib

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'decode')
W, H = 11, 7


def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(samples, bit_depth):
    """One scanline of samples (already flattened per pixel) packed at bit_depth, big-endian."""
    if bit_depth == 16:
        return b''.join(struct.pack('>H', int(v)) for v in samples)
    if bit_depth == 8:
        return bytes(int(v) for v in samples)
    per_byte = 8 // bit_depth
    out = bytearray()
    for i in range(0, len(samples), per_byte):
        byte = 0
        group = list(samples[i:i + per_byte]) + [0] * (per_byte - len(samples[i:i + per_byte]))
        for v in group:
            byte = (byte << bit_depth) | int(v)
        out.append(byte)
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(samples, bit_depth, color_type, palette=None, trns=None, interlace=False):
    """samples: int array [H, W, channels] of raw sample values."""
    h, w, _ = samples.shape
    raw = bytearray()
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            sub = samples[y0::dy, x0::dx]
            if sub.shape[0] == 0 or sub.shape[1] == 0:
                continue
            for row in sub:
                raw += b'\x00' + pack_row(row.reshape(-1), bit_depth)
    else:
        for row in samples:
            raw += b'\x00' + pack_row(row.reshape(-1), bit_depth)
    out = b'\x89PNG\r\n\x1a\n'
    out += chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0))
    if palette is not None:
        out += chunk(b'PLTE', bytes(int(v) for v in np.asarray(palette).reshape(-1)))
    if trns is not None:
        out += chunk(b'tRNS', trns)
    out += chunk(b'IDAT', zlib.compress(bytes(raw), 9))
    out += chunk(b'IEND', b'')
    return out


def ramp(bits, channels, seed):
    """Deterministic samples covering 0 .. 2^bits - 1 including both ends."""
    top = (1 << bits) - 1
    rng = np.random.RandomState(seed)
    v = rng.randint(0, top + 1, size=(H, W, channels))
    v[0, 0, :] = 0
    v[0, 1, :] = top
    if bits == 16:
        v[1, 0, :] = 255
        v[1, 1, :] = 256
        v[1, 2, :] = 0x80FF
    return v


def icc_linear_rgb():
    """A minimal ICC v2 RGB display profile with sRGB primaries and gamma 1.0 (a colour-managed decoder would
    change the pixels a lot; Pillow ignores it)."""
    def s15(v):
        return struct.pack('>i', int(round(v * 65536)))

    def xyz(x, y, z):
        return b'XYZ ' + b'\0' * 4 + s15(x) + s15(y) + s15(z)

    curv = b'curv' + b'\0' * 4 + struct.pack('>I', 1) + struct.pack('>H', 256) + b'\0\0'
    desc_text = b'linear test\0'
    desc = b'desc' + b'\0' * 4 + struct.pack('>I', len(desc_text)) + desc_text + b'\0' * 4 + b'\0' * 4 + b'\0' * 2 + b'\0' + b'\0' * 67
    cprt = b'text' + b'\0' * 4 + b'none\0\0\0\0'
    tags = [(b'desc', desc), (b'cprt', cprt), (b'wtpt', xyz(0.9642, 1.0, 0.8249)),
            (b'rXYZ', xyz(0.4361, 0.2225, 0.0139)), (b'gXYZ', xyz(0.3851, 0.7169, 0.0971)),
            (b'bXYZ', xyz(0.1431, 0.0606, 0.7141)), (b'rTRC', curv), (b'gTRC', curv), (b'bTRC', curv)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b'', b''
    for sig, body in tags:
        while (offset + len(data)) % 4:
            data += b'\0'
        table += sig + struct.pack('>II', offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = struct.pack('>I', size) + b'lcms' + bytes([2, 0x10, 0, 0]) + b'mntr' + b'RGB ' + b'XYZ '
    header += b'\0' * 12 + b'acsp' + b'APPL' + b'\0' * 4 + b'\0' * 4 + b'\0' * 4 + b'\0' * 8 + b'\0' * 4
    header += s15(0.9642) + s15(1.0) + s15(0.8249) + b'lcms'
    header += b'\0' * (128 - len(header))
    return header + struct.pack('>I', len(tags)) + table + data


def photo(w, h, seed):
    """A smooth gradient with a few hard edges and a little noise (JPEG-friendly but not trivial)."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 / max(w - 1, 1), y * 255 / max(h - 1, 1), (x + y) * 127 / max(w + h - 2, 1)], -1)
    img[h // 3:h // 2, w // 4:w // 2] = [250, 20, 30]
    img += rng.normal(0, 6, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def pngs():
    rng = np.random.RandomState(7)
    palette = rng.randint(0, 256, size=(256, 3))
    out = {}
    for bits in (1, 2, 4, 8, 16):
        out['gray%d' % bits] = png(ramp(bits, 1, bits), bits, 0)
    out['gray8_trns'] = png(ramp(8, 1, 20), 8, 0, trns=struct.pack('>H', 77))
    out['gray16_trns'] = png(ramp(16, 1, 21), 16, 0, trns=struct.pack('>H', 256))
    out['graya8'] = png(ramp(8, 2, 22), 8, 4)
    out['graya16'] = png(ramp(16, 2, 23), 16, 4)
    out['rgb8'] = png(ramp(8, 3, 24), 8, 2)
    out['rgb16'] = png(ramp(16, 3, 25), 16, 2)
    rgb_trns = ramp(8, 3, 26)
    rgb_trns[2, 2] = [10, 20, 30]
    out['rgb8_trns'] = png(rgb_trns, 8, 2, trns=struct.pack('>HHH', 10, 20, 30))
    out['rgba8'] = png(ramp(8, 4, 27), 8, 6)
    out['rgba16'] = png(ramp(16, 4, 28), 16, 6)
    for bits in (1, 2, 4, 8):
        n = 1 << bits
        out['pal%d' % bits] = png(ramp(bits, 1, 30 + bits), bits, 3, palette=palette[:n])
    out['pal8_trns'] = png(ramp(8, 1, 40), 8, 3, palette=palette, trns=bytes(range(0, 256, 2)))
    out['rgb8_interlaced'] = png(ramp(8, 3, 41), 8, 2, interlace=True)
    out['gray2_interlaced'] = png(ramp(2, 1, 42), 2, 0, interlace=True)
    # Pillow's own encoder (adaptive row filters) for a larger photo.
    buf = io.BytesIO()
    Image.fromarray(photo(45, 33, 43)).save(buf, 'PNG', optimize=True)
    out['rgb8_pillow_filters'] = buf.getvalue()
    return out


def jpegs():
    out = {}
    rgb = Image.fromarray(photo(37, 29, 50))
    for name, kwargs in [('rgb_420', dict(quality=90)),
                         ('rgb_444', dict(quality=95, subsampling=0)),
                         ('rgb_422', dict(quality=85, subsampling=1)),
                         ('rgb_progressive', dict(quality=90, progressive=True)),
                         ('rgb_icc', dict(quality=90, icc_profile=icc_linear_rgb()))]:
        buf = io.BytesIO()
        rgb.save(buf, 'JPEG', **kwargs)
        out[name] = buf.getvalue()
    buf = io.BytesIO()
    rgb.convert('L').save(buf, 'JPEG', quality=90)
    out['gray'] = buf.getvalue()
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    written = []
    for ext, images in (('png', pngs()), ('jpg', jpegs())):
        for name, data in images.items():
            path = os.path.join(OUT, name + '.' + ext)
            with open(path, 'wb') as f:
                f.write(data)
            im = Image.open(path)
            mode = im.mode
            np.save(os.path.join(OUT, name + '.rgb.npy'), np.asarray(Image.open(path).convert('RGB')))
            np.save(os.path.join(OUT, name + '.l.npy'), np.asarray(Image.open(path).convert('L')))
            written.append('%s.%s (Pillow mode %s)' % (name, ext, mode))
    total = sum(os.path.getsize(os.path.join(OUT, p)) for p in os.listdir(OUT))
    print('\n'.join(written))
    print('total %d bytes' % total)


if __name__ == '__main__':
    main()
