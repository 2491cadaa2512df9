#!/usr/bin/env python3
"""Draws public/icon-192.png and public/icon-512.png (the app icon: a white check on a blue rounded
square, as in public/icon.svg) with the standard library only. Run after changing the design."""
import struct
import zlib
from pathlib import Path

BLUE, WHITE = (7, 87, 194), (255, 255, 255)


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def pixel(x, y, n):
    u, v = (x + 0.5) * 64 / n, (y + 0.5) * 64 / n  # icon.svg's 64-unit canvas
    r = 14
    qx, qy = min(max(u, r), 64 - r), min(max(v, r), 64 - r)
    if ((u - qx) ** 2 + (v - qy) ** 2) ** 0.5 > r:
        return (0, 0, 0, 0)
    d = min(seg_dist(u, v, 17, 33, 27, 43), seg_dist(u, v, 27, 43, 47, 21))
    return (*WHITE, 255) if d <= 3.5 else (*BLUE, 255)


def png(n):
    raw = b"".join(b"\0" + b"".join(bytes(pixel(x, y, n)) for x in range(n)) for y in range(n))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "public"
    for n in (192, 512):
        (out / f"icon-{n}.png").write_bytes(png(n))
