#!/usr/bin/python3
"""Images in the formats Pillow opens beyond PNG/JPEG, and what Pillow makes of them, for ImageFormatsTest.

Run with Debian's /usr/bin/python3 (Pillow 9.4.0 with libjpeg-turbo, libtiff, libwebp), plus ImageMagick's
`convert` for the one file Pillow cannot write (a YCCK JPEG):

    apt-get install -y python3-pil python3-numpy imagemagick
    /usr/bin/python3 engine/src/test/python/make_format_refs.py

For every image <name>.<ext> in engine/src/test/resources/formats/ it writes
<name>.rgb.npy = np.asarray(Image.open(f).convert('RGB')) and
<name>.l.npy   = np.asarray(Image.open(f).convert('L')).
Files whose name starts with 'lossy_' are decoded by a different codec implementation in Java (WebP lossy), so the
test compares them within a bound instead of exactly.
"""
import io
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'formats')


def photo(w, h, seed):
    """A smooth gradient with a hard-edged block and a little noise."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([x * 255 / max(w - 1, 1), y * 255 / max(h - 1, 1), (x + y) * 127 / max(w + h - 2, 1)], -1)
    img[h // 3:h // 2, w // 4:w // 2] = [250, 20, 30]
    img += rng.normal(0, 6, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def saved(image, fmt, **kwargs):
    buf = io.BytesIO()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def images():
    rgb = Image.fromarray(photo(37, 29, 70))
    rgba = rgb.copy()
    rgba.putalpha(Image.fromarray((np.arange(37 * 29).reshape(29, 37) * 7 % 256).astype(np.uint8)))
    gray = rgb.convert('L')
    pal = rgb.convert('P', palette=Image.ADAPTIVE, colors=200)
    bilevel = gray.point(lambda v: 255 if v > 128 else 0).convert('1')
    gray16 = Image.fromarray((photo(37, 29, 71)[:, :, 0].astype(np.uint16) * 3)).convert('I;16')
    cmyk = rgb.convert('CMYK')
    out = {
        'rgb.bmp': saved(rgb, 'BMP'),
        'gray.bmp': saved(gray, 'BMP'),
        'pal.bmp': saved(pal, 'BMP'),
        'bilevel.bmp': saved(bilevel, 'BMP'),
        'pal.gif': saved(pal, 'GIF'),
        'gray.gif': saved(gray, 'GIF'),
        'anim.gif': saved(pal, 'GIF', save_all=True,
                          append_images=[rgb.transpose(Image.FLIP_LEFT_RIGHT).convert('P', palette=Image.ADAPTIVE)]),
        'rgb_raw.tif': saved(rgb, 'TIFF'),
        'rgb_lzw.tif': saved(rgb, 'TIFF', compression='tiff_lzw'),
        'rgb_deflate.tif': saved(rgb, 'TIFF', compression='tiff_adobe_deflate'),
        'rgb_packbits.tif': saved(rgb, 'TIFF', compression='packbits'),
        'rgba.tif': saved(rgba, 'TIFF', compression='tiff_lzw'),
        'gray.tif': saved(gray, 'TIFF'),
        'gray16.tif': saved(gray16, 'TIFF'),
        'pal.tif': saved(pal, 'TIFF'),
        'bilevel.tif': saved(bilevel, 'TIFF', compression='group4'),
        'cmyk.tif': saved(cmyk, 'TIFF'),
        'rgb_lossless.webp': saved(rgb, 'WEBP', lossless=True),
        'rgba_lossless.webp': saved(rgba, 'WEBP', lossless=True, exact=True),
        'lossy_rgb.webp': saved(rgb, 'WEBP', quality=90),
        'lossy_rgba.webp': saved(rgba, 'WEBP', quality=90),
        'cmyk.jpg': saved(cmyk, 'JPEG', quality=90),
        'ycck.jpg': ycck_jpeg(rgb),
    }
    return out


def ycck_jpeg(image):
    """A CMYK JPEG stored as YCCK (Adobe transform 2), as ImageMagick and Photoshop write them."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, 'in.png')
        dst = os.path.join(d, 'out.jpg')
        image.save(src)
        subprocess.run(['/usr/bin/convert', src, '-colorspace', 'CMYK', '-quality', '90', dst], check=True)
        with open(dst, 'rb') as f:
            data = f.read()
    assert Image.open(io.BytesIO(data)).info.get('adobe_transform') == 2, 'expected a YCCK JPEG'
    return data


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in images().items():
        path = os.path.join(OUT, name)
        with open(path, 'wb') as f:
            f.write(data)
        stem = name.rsplit('.', 1)[0] + '_' + name.rsplit('.', 1)[1]
        np.save(os.path.join(OUT, stem + '.rgb.npy'), np.asarray(Image.open(path).convert('RGB')))
        np.save(os.path.join(OUT, stem + '.l.npy'), np.asarray(Image.open(path).convert('L')))
        print('%s (Pillow mode %s, %d bytes)' % (name, Image.open(path).mode, len(data)))


if __name__ == '__main__':
    main()
