#!/usr/bin/env python3
"""Draws the toolbar and store icons (assets/public/icons/<size>.png) from the shape of assets/icon.svg:
a rounded blue square with a white play triangle, anti-aliased by 4x4 supersampling. Standard
library only (no image package), and Python rather than TypeScript so it stays outside the
extension's type-checked project. Run: python3 assets/build_icons.py
"""
import struct
import zlib
from pathlib import Path

SIZES = (16, 32, 48, 128)
BLUE = (0x09, 0x69, 0xDA)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent / "public" / "icons"


def shape_at(x: float, y: float) -> int:
    """0 outside, 1 the rounded square, 2 the play triangle, in the 128-unit design space."""
    lo, hi, r = 8, 120, 26
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    if x < lo or x > hi or y < lo or y > hi or (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return 0
    # Triangle (50,36) (94,64) (50,92).
    slope = (x - 50) * 28 / 44
    return 2 if x >= 50 and y - 36 >= slope and 92 - y >= slope else 1


def pixels(size: int) -> bytes:
    samples = 4
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # PNG filter: none
        for px in range(size):
            square = triangle = 0
            for sy in range(samples):
                for sx in range(samples):
                    shape = shape_at((px + (sx + 0.5) / samples) * 128 / size, (py + (sy + 0.5) / samples) * 128 / size)
                    square += shape > 0
                    triangle += shape == 2
            mix = triangle / square if square else 0
            rows.extend(round(b * (1 - mix) + w * mix) for b, w in zip(BLUE, WHITE))
            rows.append(round(255 * square / samples**2))
    return bytes(rows)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: int) -> bytes:
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels(size), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (OUT / f"{size}.png").write_bytes(png(size))
