#!/usr/bin/env python3
# Makes exhibits/moon-phases/images/phases.png: the sprite sheet of the moon
# phases sample (8 frames of 256 x 256 px in a 4 x 2 grid, new moon first, in
# the order of a lunar month as seen from the Northern Hemisphere: the waxing
# moon lit on the right). Each frame is a sphere lit by the Sun from the
# phase angle: a pixel is lit when its surface normal faces the Sun, so the
# terminator is the true ellipse, not a drawn curve. Python's standard library
# only (zlib + struct); run it again to remake the file. Also makes the
# exhibit's thumbnail.png (640 x 360): five waxing phases rising over a night sky.
import math, random, struct, sys, zlib

FRAME, COLS, ROWS = 256, 4, 2
RADIUS = 118.0
LIT, DARK = (236, 233, 221), (52, 57, 78)
# A few maria (darker plains), as (u, v, radius) on the unit disk, roughly
# where they are on the near side: Imbrium, Serenitatis, Tranquillitatis,
# Crisium, Procellarum, Nubium.
MARIA = [(-0.28, -0.38, 0.2), (0.18, -0.36, 0.14), (0.3, -0.08, 0.17), (0.62, -0.22, 0.1),
         (-0.55, -0.05, 0.25), (-0.15, 0.35, 0.13)]


def pixel(u, v, phase):
    """RGBA of the point (u, v) on the unit disk at phase angle `phase` (0 new, pi full)."""
    z = math.sqrt(max(0.0, 1.0 - u * u - v * v))
    sun = (math.sin(phase), 0.0, -math.cos(phase))
    light = u * sun[0] + v * sun[1] + z * sun[2]
    lit = max(0.0, min(1.0, light * 12.0 + 0.5))  # a soft terminator, 1/12 of a radius
    base = LIT
    for mu, mv, mr in MARIA:
        if (u - mu) ** 2 + (v - mv) ** 2 < mr * mr:
            base = tuple(int(c * 0.78) for c in LIT)
            break
    return tuple(int(DARK[i] + (base[i] - DARK[i]) * lit) for i in range(3))


def main(path):
    width, height = FRAME * COLS, FRAME * ROWS
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            frame = (y // FRAME) * COLS + x // FRAME
            phase = frame * math.pi / 4
            cx, cy = x % FRAME + 0.5 - FRAME / 2, y % FRAME + 0.5 - FRAME / 2
            d = math.hypot(cx, cy)
            alpha = max(0.0, min(1.0, RADIUS + 0.5 - d))  # a one-pixel smooth edge
            if alpha <= 0:
                row += bytes(4)
                continue
            r, g, b = pixel(cx / RADIUS, cy / RADIUS, phase)
            row += bytes((r, g, b, int(alpha * 255)))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


def write_png(path, width, height, rows, colour_type):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


def thumbnail(path):
    width, height, radius, sky = 640, 360, 52.0, (11, 16, 38)
    centres = [(80 + i * 120, 180 - 50 * math.sin(math.pi * i / 4)) for i in range(5)]
    phases = [math.pi / 4 * k for k in (1, 2, 3, 4, 5)]
    random.seed(3)
    stars = {(random.randrange(width), random.randrange(height)) for _ in range(60)}
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            colour = (200, 205, 230) if (x, y) in stars else sky
            for (cx, cy), phase in zip(centres, phases):
                alpha = max(0.0, min(1.0, radius + 0.5 - math.hypot(x + 0.5 - cx, y + 0.5 - cy)))
                if alpha > 0:
                    lit = pixel((x + 0.5 - cx) / radius, (y + 0.5 - cy) / radius, phase)
                    colour = tuple(int(colour[i] + (lit[i] - colour[i]) * alpha) for i in range(3))
            row += bytes(colour)
        rows.append(bytes(row))
    write_png(path, width, height, rows, 2)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "exhibits/moon-phases/images/phases.png")
    thumbnail("exhibits/moon-phases/thumbnail.png")
