#!/usr/bin/python3
"""Small .npy files written by numpy for NpyReaderTest.

    /usr/bin/python3 engine/src/test/python/make_npy_refs.py

Values follow simple rules that the test states independently:
  f4_2x3:   np.arange(6, dtype='<f4').reshape(2, 3) * 0.5 - 1       (format 1.0)
  f8_4:     np.array([0.1, -2.5, 1e300, -0.0], '<f8')
  i8_3:     np.array([-1, 2**40, 7], '<i8')
  i4_2x2:   np.array([[-5, 6], [2**31 - 1, -2**31]], '<i4')
  u1_2x2x3: np.arange(12, dtype=np.uint8).reshape(2, 2, 3) * 20
  b1_5:     np.array([True, False, False, True, True])
  scalar_f4: np.array(3.25, '<f4') (0-d)
  f4_v2:    np.arange(4, dtype='<f4') written with format version 2.0
  f4_fortran: np.asfortranarray(np.ones((2, 3), '<f4'))  (rejected)
  f4_bigendian: np.arange(3, dtype='>f4')                  (rejected)
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'npy')


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = {
        'f4_2x3': np.arange(6, dtype='<f4').reshape(2, 3) * np.float32(0.5) - np.float32(1),
        'f8_4': np.array([0.1, -2.5, 1e300, -0.0], '<f8'),
        'i8_3': np.array([-1, 2 ** 40, 7], '<i8'),
        'i4_2x2': np.array([[-5, 6], [2 ** 31 - 1, -2 ** 31]], '<i4'),
        'u1_2x2x3': np.arange(12, dtype=np.uint8).reshape(2, 2, 3) * np.uint8(20),
        'b1_5': np.array([True, False, False, True, True]),
        'scalar_f4': np.array(3.25, '<f4'),
        'f4_fortran': np.asfortranarray(np.ones((2, 3), '<f4')),
        'f4_bigendian': np.arange(3, dtype='>f4'),
    }
    for name, arr in arrays.items():
        np.save(os.path.join(OUT, name + '.npy'), arr)
    with open(os.path.join(OUT, 'f4_v2.npy'), 'wb') as f:
        np.lib.format.write_array(f, np.arange(4, dtype='<f4'), version=(2, 0))


if __name__ == '__main__':
    main()
