#!/usr/bin/env python3
"""Writes easynet-console.svg and the same picture as easynet-console.png (256x256).

The icon is a few flat shapes (a rounded square, two packet rows with arrows), so the
PNG is rasterized here with 4x4 supersampling and no image library; run it after
changing the shapes: python3 resources/make-icon.py
"""
import os
import struct
import zlib

SIZE = 256
BLUE = (21, 101, 192)
WHITE = (255, 255, 255)
AMBER = (255, 193, 7)

# (kind, colour, geometry) in SVG user units (0..256)
SHAPES = [
    ("rrect", BLUE, (8, 8, 240, 240, 44)),
    # sent: three packets and an arrow to the right
    ("rrect", WHITE, (36, 62, 44, 44, 8)),
    ("rrect", WHITE, (88, 62, 44, 44, 8)),
    ("rrect", WHITE, (140, 62, 44, 44, 8)),
    ("poly", WHITE, [(194, 58), (226, 84), (194, 110)]),
    # received: an arrow to the left and two packets, one malformed (amber)
    ("poly", AMBER, [(62, 146), (30, 172), (62, 198)]),
    ("rrect", AMBER, (72, 150, 44, 44, 8)),
    ("rrect", WHITE, (124, 150, 44, 44, 8)),
    ("rrect", WHITE, (176, 150, 44, 44, 8)),
]


def svg():
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
             f'viewBox="0 0 {SIZE} {SIZE}">']
    for kind, colour, geometry in SHAPES:
        fill = "#%02x%02x%02x" % colour
        if kind == "rrect":
            x, y, w, h, r = geometry
            parts.append(f'  <rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}"/>')
        else:
            points = " ".join(f"{x},{y}" for x, y in geometry)
            parts.append(f'  <polygon points="{points}" fill="{fill}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def inside(kind, geometry, px, py):
    if kind == "rrect":
        x, y, w, h, r = geometry
        if not (x <= px <= x + w and y <= py <= y + h):
            return False
        cx = min(max(px, x + r), x + w - r)
        cy = min(max(py, y + r), y + h - r)
        return (px - cx) ** 2 + (py - cy) ** 2 <= r * r
    sign = None
    for (x1, y1), (x2, y2) in zip(geometry, geometry[1:] + geometry[:1]):
        cross = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1)
        if cross != 0:
            if sign is None:
                sign = cross > 0
            elif (cross > 0) != sign:
                return False
    return True


def png():
    samples = 4
    rows = []
    for y in range(SIZE):
        row = bytearray([0])  # filter: none
        for x in range(SIZE):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    px = x + (sx + 0.5) / samples
                    py = y + (sy + 0.5) / samples
                    colour = None
                    for kind, c, geometry in SHAPES:
                        if inside(kind, geometry, px, py):
                            colour = c
                    if colour:
                        acc[0] += colour[0]
                        acc[1] += colour[1]
                        acc[2] += colour[2]
                        acc[3] += 255
            n = samples * samples
            alpha = acc[3] // n
            if alpha:
                covered = acc[3] // 255
                row += bytes([acc[0] // covered, acc[1] // covered, acc[2] // covered, alpha])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "easynet-console.svg"), "w") as f:
    f.write(svg())
with open(os.path.join(here, "easynet-console.png"), "wb") as f:
    f.write(png())
