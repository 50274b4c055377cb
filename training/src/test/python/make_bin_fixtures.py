"""Writes the tiny .bin verification-pack fixtures in src/test/resources/binpack.

Run once with numpy installed (python3 make_bin_fixtures.py); the outputs are committed so the
Java tests need no Python. Each pack holds 3 pairs whose 'images' are short byte strings with
bytes >= 0x80 (to catch encoding slips), and issame = [True, False, True].
"""
import os
import pickle

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "binpack")
IMAGES = [bytes([0x89, 0x50, 0x4E, 0x47, i, 0xFF - i, 0x80 + i]) for i in range(6)]
ISSAME = [True, False, True]


def dump(name, obj, protocol):
    with open(os.path.join(OUT, name), "wb") as f:
        pickle.dump(obj, f, protocol=protocol)


def python2_str_pack():
    """What Python 2 wrote for insightface's original packs: str items as SHORT_BINSTRING, protocol 2."""
    out = bytearray(b"\x80\x02]q\x00(")
    for img in IMAGES:
        out += b"U" + bytes([len(img)]) + img
    out += b"e]q\x01("
    for same in ISSAME:
        out += b"\x88" if same else b"\x89"
    out += b"e\x86q\x02."
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = [np.frombuffer(img, dtype=np.uint8).copy() for img in IMAGES]
    dump("numpy_protocol2.bin", (arrays, ISSAME), 2)
    dump("numpy_protocol4.bin", (arrays, np.array(ISSAME)), 4)
    dump("numpy_protocol5.bin", (arrays, np.array(ISSAME)), 5)
    dump("bytes_protocol4.bin", (IMAGES, ISSAME), 4)
    with open(os.path.join(OUT, "python2_str.bin"), "wb") as f:
        f.write(python2_str_pack())
    assert pickle.loads(python2_str_pack(), encoding="bytes") == (IMAGES, ISSAME)


if __name__ == "__main__":
    main()
