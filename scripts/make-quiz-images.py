#!/usr/bin/env python3
"""Draws the pictures of the sample quiz packs (content/emergency-safety and
content/general-science): flat, text-free icons and scenes a child can
recognise, written as small PNG files. This script owns those pictures; the
PNGs it writes are committed, so run it again only after changing a drawing:

    scripts/make-quiz-images.py             # every picture
    scripts/make-quiz-images.py sign-exit   # only pictures whose name contains a word

Pure Python 3 standard library (zlib + struct). Shapes are filled span by span
on a 3x supersampled canvas of palette indices, then averaged down, which gives
smooth edges while keeping few colours (most files fit an 8-bit palette). The
output is byte-for-byte the same on every run.
"""

import math
import os
import struct
import sys
import zlib

SS = 3  # supersampling factor per axis

# ---------------------------------------------------------------------------
# Colours (a flat palette shared by every picture)
# ---------------------------------------------------------------------------

CREAM = (250, 243, 228)
WALL = (246, 232, 206)
FLOOR = (141, 110, 99)
SKY = (178, 220, 244)
SKY_PALE = (215, 236, 250)
NIGHT = (28, 38, 74)
GRASS = (122, 186, 104)
GRASS_DARK = (86, 150, 80)
PAVING = (214, 210, 200)
PAVING_LINE = (190, 185, 174)
WATER = (72, 152, 222)
WATER_DARK = (44, 112, 190)
WATER_PALE = (176, 218, 246)
FLOOD = (92, 136, 178)
RED = (214, 52, 44)
RED_DARK = (150, 32, 28)
ORANGE = (246, 146, 40)
YELLOW = (252, 206, 52)
YELLOW_PALE = (255, 236, 150)
SIGN_GREEN = (0, 146, 78)
WHITE = (255, 255, 255)
INK = (38, 40, 48)
GREY = (140, 146, 154)
GREY_LIGHT = (204, 208, 214)
GREY_DARK = (86, 92, 102)
STEEL = (176, 186, 198)
WOOD = (158, 108, 68)
WOOD_DARK = (104, 72, 48)
SKIN = (246, 200, 156)
HAIR = (58, 44, 40)
SHIRT = (58, 108, 190)
TROUSERS = (52, 62, 86)
GLASS = (198, 226, 244)
BUILDING = (120, 140, 168)
BUILDING_DARK = (92, 110, 138)
SMOKE = (150, 150, 156)
SMOKE_DARK = (112, 112, 120)
COPPER = (214, 140, 70)
MOON = (250, 238, 170)
MOON_DARK = (58, 68, 104)
EARTH_SEA = (58, 132, 214)
EARTH_LAND = (98, 176, 92)
NIGHT_SEA = (30, 52, 100)
NIGHT_LAND = (40, 70, 64)
SUN = (255, 196, 40)
LEAF = (96, 170, 80)
PINK = (240, 120, 150)
SHELL = (206, 146, 84)
SHELL_DARK = (150, 96, 50)
SNAIL = (196, 176, 150)
RAINBOW = [(230, 60, 50), (246, 146, 40), (250, 214, 50), (90, 180, 80),
           (60, 150, 220), (60, 80, 180), (140, 80, 180)]


# ---------------------------------------------------------------------------
# Canvas: shapes as horizontal spans on a supersampled grid of palette indices
# ---------------------------------------------------------------------------

class Canvas:
    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.sub_w, self.sub_h = width * SS, height * SS
        self.colors = []
        self.color_index = {}
        self.fills = []
        index = self._index(background)
        self.rows = [bytearray(self.fills[index]) for _ in range(self.sub_h)]

    def _index(self, color):
        if color not in self.color_index:
            if len(self.colors) == 256:
                raise ValueError("more than 256 colours in one picture")
            self.color_index[color] = len(self.colors)
            self.colors.append(color)
            self.fills.append(bytes([len(self.colors) - 1]) * self.sub_w)
        return self.color_index[color]

    # Fills every subpixel whose centre lies in the spans spans_at(y) returns
    # for rows between top and bottom (picture coordinates).
    def fill(self, top, bottom, spans_at, color):
        fill = self.fills[self._index(color)]
        first = max(0, int(math.floor(top * SS)))
        last = min(self.sub_h, int(math.ceil(bottom * SS)) + 1)
        for j in range(first, last):
            y = (j + 0.5) / SS
            row = self.rows[j]
            for a, b in spans_at(y):
                i0 = max(0, int(math.ceil(a * SS - 0.5)))
                i1 = min(self.sub_w, int(math.floor(b * SS - 0.5)) + 1)
                if i1 > i0:
                    row[i0:i1] = fill[: i1 - i0]

    def rect(self, x0, y0, x1, y1, color):
        self.fill(y0, y1, lambda y: [(x0, x1)] if y0 <= y < y1 else [], color)

    def rrect(self, x0, y0, x1, y1, r, color):
        r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)

        def spans(y):
            if not (y0 <= y < y1):
                return []
            dy = max(y0 + r - y, y - (y1 - r), 0)
            inset = r - math.sqrt(max(r * r - dy * dy, 0))
            return [(x0 + inset, x1 - inset)]
        self.fill(y0, y1, spans, color)

    def ellipse(self, cx, cy, rx, ry, color):
        def spans(y):
            d = (y - cy) / ry
            if abs(d) >= 1:
                return []
            half = rx * math.sqrt(1 - d * d)
            return [(cx - half, cx + half)]
        self.fill(cy - ry, cy + ry, spans, color)

    def circle(self, cx, cy, r, color):
        self.ellipse(cx, cy, r, r, color)

    # A ring between radii r_in and r_out; upper_only keeps the half above cy.
    def annulus(self, cx, cy, r_out, r_in, color, upper_only=False):
        def spans(y):
            dy = y - cy
            if abs(dy) >= r_out or (upper_only and dy >= 0):
                return []
            outer = math.sqrt(r_out * r_out - dy * dy)
            if abs(dy) >= r_in:
                return [(cx - outer, cx + outer)]
            inner = math.sqrt(r_in * r_in - dy * dy)
            return [(cx - outer, cx - inner), (cx + inner, cx + outer)]
        self.fill(cy - r_out, cy + r_out, spans, color)

    # The lit part of a moon lit from the right: between the terminator at
    # cx + k * half-width and the right edge (k = -1 full, 0 half, 0.5 crescent).
    def moon_lit(self, cx, cy, r, k, color):
        def spans(y):
            d = (y - cy) / r
            if abs(d) >= 1:
                return []
            half = r * math.sqrt(1 - d * d)
            return [(cx + k * half, cx + half)]
        self.fill(cy - r, cy + r, spans, color)

    def poly(self, points, color):
        edges = []
        for i in range(len(points)):
            (xa, ya), (xb, yb) = points[i], points[(i + 1) % len(points)]
            if ya != yb:
                edges.append((xa, ya, xb, yb))
        ys = [p[1] for p in points]

        def spans(y):
            xs = []
            for xa, ya, xb, yb in edges:
                if (ya <= y < yb) or (yb <= y < ya):
                    xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
            xs.sort()
            return [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
        self.fill(min(ys), max(ys), spans, color)

    def line(self, x0, y0, x1, y1, width, color, round_caps=True):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            self.circle(x0, y0, width / 2, color)
            return
        nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
        self.poly([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny),
                   (x0 - nx, y0 - ny)], color)
        if round_caps:
            self.circle(x0, y0, width / 2, color)
            self.circle(x1, y1, width / 2, color)

    def polyline(self, points, width, color):
        for a, b in zip(points, points[1:]):
            self.line(a[0], a[1], b[0], b[1], width, color)

    # Downsamples to RGB: returns (palette, rows of palette indices).
    def resolve(self):
        palette, palette_index, cache = [], {}, {}
        out_rows = []
        rows = [bytes(row) for row in self.rows]
        colors = self.colors
        for y in range(self.height):
            r0, r1, r2 = rows[SS * y], rows[SS * y + 1], rows[SS * y + 2]
            out = []
            for x in range(0, self.sub_w, SS):
                key = r0[x:x + 3] + r1[x:x + 3] + r2[x:x + 3]
                value = cache.get(key)
                if value is None:
                    rgb = tuple((sum(colors[i][c] for i in key) + 4) // 9 for c in range(3))
                    value = palette_index.get(rgb)
                    if value is None:
                        value = palette_index[rgb] = len(palette)
                        palette.append(rgb)
                    cache[key] = value
                out.append(value)
            out_rows.append(out)
        return palette, out_rows


# ---------------------------------------------------------------------------
# PNG writing
# ---------------------------------------------------------------------------

def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


# Filters one RGB row every way and keeps the smallest by the usual heuristic
# (sum of the bytes as signed values).
def filter_rgb_row(row, previous):
    candidates = []
    n = len(row)
    sub = bytes((row[i] - (row[i - 3] if i >= 3 else 0)) & 0xFF for i in range(n))
    up = bytes((row[i] - previous[i]) & 0xFF for i in range(n))
    avg = bytes((row[i] - (((row[i - 3] if i >= 3 else 0) + previous[i]) >> 1)) & 0xFF
                for i in range(n))
    pae = bytes((row[i] - paeth(row[i - 3] if i >= 3 else 0, previous[i],
                                previous[i - 3] if i >= 3 else 0)) & 0xFF for i in range(n))
    for kind, data in enumerate([bytes(row), sub, up, avg, pae]):
        cost = sum(v if v < 128 else 256 - v for v in data)
        candidates.append((cost, kind, data))
    cost, kind, data = min(candidates)
    return bytes([kind]) + data


def png_bytes(canvas):
    palette, rows = canvas.resolve()
    width, height = canvas.width, canvas.height
    chunks = [b"\x89PNG\r\n\x1a\n"]
    if len(palette) <= 256:
        header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
        raw = b"".join(b"\x00" + bytes(row) for row in rows)
        chunks.append(png_chunk(b"IHDR", header))
        chunks.append(png_chunk(b"PLTE", b"".join(bytes(c) for c in palette)))
    else:
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        previous = bytes(width * 3)
        parts = []
        for row in rows:
            rgb = b"".join(bytes(palette[i]) for i in row)
            parts.append(filter_rgb_row(rgb, previous))
            previous = rgb
        raw = b"".join(parts)
        chunks.append(png_chunk(b"IHDR", header))
    chunks.append(png_chunk(b"IDAT", zlib.compress(raw, 9)))
    chunks.append(png_chunk(b"IEND", b""))
    return b"".join(chunks)


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------

def rotate(points, cx, cy, degrees):
    a = math.radians(degrees)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in points]


def arc_points(cx, cy, r, start_deg, end_deg, steps=24):
    return [(cx + r * math.cos(math.radians(start_deg + (end_deg - start_deg) * i / steps)),
             cy + r * math.sin(math.radians(start_deg + (end_deg - start_deg) * i / steps)))
            for i in range(steps + 1)]


def outdoor(c, ground_top, ground=GRASS, sky=SKY):
    c.rect(0, 0, c.width, ground_top, sky)
    c.rect(0, ground_top, c.width, c.height, ground)


# A standing person, feet at (x, feet_y), `size` = height in pixels.
def person(c, x, feet_y, size, shirt=SHIRT, arms_up=False):
    u = size / 10
    head_y = feet_y - 8.8 * u
    c.line(x - 0.7 * u, feet_y - 3.6 * u, x - 0.9 * u, feet_y - 0.2 * u, 1.1 * u, TROUSERS)
    c.line(x + 0.7 * u, feet_y - 3.6 * u, x + 0.9 * u, feet_y - 0.2 * u, 1.1 * u, TROUSERS)
    if arms_up:  # hands over the head
        c.polyline([(x - 1.3 * u, feet_y - 6.8 * u), (x - 2.0 * u, feet_y - 8.4 * u),
                    (x - 0.6 * u, feet_y - 9.8 * u)], 0.9 * u, SKIN)
        c.polyline([(x + 1.3 * u, feet_y - 6.8 * u), (x + 2.0 * u, feet_y - 8.4 * u),
                    (x + 0.6 * u, feet_y - 9.8 * u)], 0.9 * u, SKIN)
    else:
        c.line(x - 1.4 * u, feet_y - 6.6 * u, x - 1.9 * u, feet_y - 3.8 * u, 0.9 * u, SKIN)
        c.line(x + 1.4 * u, feet_y - 6.6 * u, x + 1.9 * u, feet_y - 3.8 * u, 0.9 * u, SKIN)
    c.rrect(x - 1.5 * u, feet_y - 7.4 * u, x + 1.5 * u, feet_y - 3.4 * u, 0.8 * u, shirt)
    c.circle(x, head_y, 1.25 * u, SKIN)
    c.ellipse(x, head_y - 0.55 * u, 1.3 * u, 0.75 * u, HAIR)


# A person crouching with hands over the head, centre bottom at (x, feet_y).
def crouching(c, x, feet_y, size, shirt=SHIRT):
    u = size / 10
    c.ellipse(x, feet_y - 3.2 * u, 3.6 * u, 3.2 * u, shirt)
    c.circle(x - 2.6 * u, feet_y - 5.4 * u, 1.8 * u, SKIN)
    c.ellipse(x - 2.5 * u, feet_y - 6.6 * u, 2.0 * u, 1.0 * u, HAIR)
    c.line(x - 1.0 * u, feet_y - 5.6 * u, x - 3.2 * u, feet_y - 7.3 * u, 1.1 * u, SKIN)


# Short curved strokes beside something shaking.
def shake_marks(c, x, y, size, color=INK, mirrored=False):
    sign = -1 if mirrored else 1
    for i in range(3):
        r = size * (0.5 + 0.35 * i)
        c.polyline(arc_points(x, y, r, -30 if sign > 0 else 150, 30 if sign > 0 else 210, 8),
                   size * 0.12, color)


def flame(c, cx, base_y, w, h, outer=ORANGE, inner=YELLOW):
    def shape(scale):
        hw, hh = w * scale / 2, h * scale
        return [(cx - hw, base_y), (cx - hw * 1.05, base_y - hh * 0.45),
                (cx - hw * 0.55, base_y - hh * 0.7), (cx - hw * 0.45, base_y - hh * 0.45),
                (cx - hw * 0.1, base_y - hh), (cx + hw * 0.35, base_y - hh * 0.62),
                (cx + hw * 0.55, base_y - hh * 0.8), (cx + hw * 1.05, base_y - hh * 0.4),
                (cx + hw, base_y)]
    c.poly(shape(1.0), outer)
    c.ellipse(cx, base_y - 1, w * 0.5, h * 0.05 + 1, outer)
    c.poly(shape(0.55), inner)


def water_drop(c, cx, cy, r, color=WATER):
    c.circle(cx, cy, r, color)
    c.poly([(cx - r * 0.92, cy - r * 0.4), (cx, cy - r * 2.4), (cx + r * 0.92, cy - r * 0.4)],
           color)


# A frying pan with burning oil on a stove top.
def burning_pan(c, cx, top_y):
    c.rect(0, top_y + 54, c.width, c.height, GREY_LIGHT)           # worktop
    c.rect(cx - 120, top_y + 48, cx + 120, top_y + 60, GREY_DARK)  # burner
    c.line(cx + 95, top_y + 30, cx + 200, top_y + 12, 16, INK)     # handle
    c.poly([(cx - 110, top_y + 18), (cx + 110, top_y + 18), (cx + 90, top_y + 50),
            (cx - 90, top_y + 50)], INK)
    c.ellipse(cx, top_y + 18, 110, 14, GREY_DARK)
    flame(c, cx - 45, top_y + 18, 70, 90)
    flame(c, cx + 10, top_y + 18, 90, 130)
    flame(c, cx + 60, top_y + 18, 60, 80)


# A hand seen from the back, fingers up, wrist at the bottom (x, y).
def hand(c, x, y, size, color=SKIN):
    u = size / 10
    c.rrect(x - 3.0 * u, y - 6.5 * u, x + 3.0 * u, y, 2.0 * u, color)
    for i, (dx, h) in enumerate([(-2.2, 3.6), (-0.75, 4.3), (0.75, 4.1), (2.2, 3.3)]):
        c.rrect(x + (dx - 0.68) * u, y - 6.0 * u - h * u, x + (dx + 0.68) * u, y - 5.0 * u,
                0.68 * u, color)
    thumb = rotate([(x - 3.6 * u, y - 4.8 * u), (x - 2.3 * u, y - 4.8 * u),
                    (x - 2.3 * u, y - 1.0 * u), (x - 3.6 * u, y - 1.0 * u)],
                   x - 2.9 * u, y - 1.5 * u, -35)
    c.poly(thumb, color)
    c.circle(*rotate([(x - 2.95 * u, y - 4.8 * u)], x - 2.9 * u, y - 1.5 * u, -35)[0],
             0.66 * u, color)


def warning_triangle(c, cx, cy, size):
    h = size * math.sqrt(3) / 2
    top, left, right = (cx, cy - h * 0.62), (cx - size / 2, cy + h * 0.38), (cx + size / 2, cy + h * 0.38)
    c.poly([top, left, right], INK)
    inset = size * 0.09
    s2 = size - 2 * inset * math.sqrt(3)
    h2 = s2 * math.sqrt(3) / 2
    c.poly([(cx, cy - h2 * 0.62), (cx - s2 / 2, cy + h2 * 0.38), (cx + s2 / 2, cy + h2 * 0.38)],
           YELLOW)


def running_man(c, x, y, u, color):
    """A running figure like the one on exit signs; (x, y) is the hips."""
    c.circle(x + 1.6 * u, y - 6.2 * u, 1.25 * u, color)                         # head
    c.line(x, y, x + 1.0 * u, y - 4.2 * u, 1.5 * u, color)                      # body
    c.polyline([(x + 0.8 * u, y - 3.6 * u), (x + 2.4 * u, y - 2.4 * u),
                (x + 3.6 * u, y - 3.4 * u)], 1.0 * u, color)                     # front arm
    c.polyline([(x + 0.7 * u, y - 3.5 * u), (x - 1.0 * u, y - 2.3 * u),
                (x - 2.4 * u, y - 3.0 * u)], 1.0 * u, color)                     # back arm
    c.polyline([(x, y), (x + 2.0 * u, y + 1.4 * u), (x + 1.8 * u, y + 3.8 * u)],
               1.2 * u, color)                                                   # front leg
    c.polyline([(x, y), (x - 1.2 * u, y + 2.0 * u), (x - 3.2 * u, y + 2.6 * u)],
               1.2 * u, color)                                                   # back leg


# A light bulb on a screw base; the base's side contact is at the returned
# (side) point and the bottom tip at (tip).
def bulb(c, cx, cy):
    c.circle(cx, cy, 40, GREY_DARK)
    c.circle(cx, cy, 36, GLASS)
    c.polyline([(cx - 14, cy + 22), (cx - 10, cy - 4), (cx - 5, cy + 2), (cx, cy - 6),
                (cx + 5, cy + 2), (cx + 10, cy - 4), (cx + 14, cy + 22)], 3, GREY_DARK)
    c.rect(cx - 20, cy + 30, cx + 20, cy + 62, GREY)
    for k in range(3):
        c.rect(cx - 20, cy + 36 + k * 9, cx + 20, cy + 39 + k * 9, GREY_DARK)
    c.poly([(cx - 12, cy + 62), (cx + 12, cy + 62), (cx + 6, cy + 72), (cx - 6, cy + 72)], INK)
    return (cx - 20, cy + 46), (cx, cy + 72)


# A battery lying down, + on the right; returns the two end contacts.
def battery(c, cx, cy):
    c.rrect(cx - 80, cy - 28, cx + 80, cy + 28, 8, INK)
    c.rrect(cx - 20, cy - 28, cx + 80, cy + 28, 8, COPPER)
    c.rect(cx - 20, cy - 28, cx - 10, cy + 28, COPPER)
    c.rect(cx + 80, cy - 10, cx + 90, cy + 10, GREY)
    c.line(cx + 44, cy - 10, cx + 44, cy + 10, 4, INK)  # plus sign
    c.line(cx + 34, cy, cx + 54, cy, 4, INK)
    c.line(cx - 54, cy, cx - 38, cy, 4, WHITE)          # minus sign
    return (cx - 80, cy), (cx + 90, cy)


WIRE = 7
WIRE_COLOR = RED_DARK


def circuit(c, kind):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.rrect(30, 30, c.width - 30, c.height - 30, 24, (240, 230, 208))
    side, tip = bulb(c, 240, 110)
    minus, plus = battery(c, 240, 282)
    # Left wire: battery minus -> up the left -> bulb side contact.
    c.polyline([minus, (100, 282), (100, 156), side], WIRE, WIRE_COLOR)
    if kind == "closed":
        c.polyline([tip, (240, 200), (380, 200), (380, 282), plus], WIRE, WIRE_COLOR)
    elif kind == "open":
        c.polyline([tip, (240, 200), (380, 200), (380, 222)], WIRE, WIRE_COLOR)
        c.polyline([(380, 252), (380, 282), plus], WIRE, WIRE_COLOR)
        c.circle(380, 222, 6, GREY_DARK)
        c.circle(380, 252, 6, GREY_DARK)
    else:  # both wires on the battery's minus end
        c.polyline([tip, (240, 200), (130, 200), (130, 240), (150, 260), minus], WIRE, WIRE_COLOR)
    for point in (side, tip):
        c.circle(point[0], point[1], 5, GREY_DARK)


def night_sky(c):
    c.rect(0, 0, c.width, c.height, NIGHT)
    for x, y, r in [(40, 50, 2.5), (120, 300, 2), (80, 180, 1.8), (400, 40, 2.2),
                    (440, 220, 2.5), (360, 320, 1.8), (60, 330, 2.2), (420, 130, 1.6),
                    (300, 30, 1.8), (200, 330, 1.5)]:
        c.circle(x, y, r, WHITE)


def moon_picture(c, k):
    night_sky(c)
    c.circle(240, 180, 112, MOON_DARK)
    c.moon_lit(240, 180, 112, k, MOON)


# ---------------------------------------------------------------------------
# Emergency-safety pictures
# ---------------------------------------------------------------------------

def quake_room(c):
    c.rect(0, 0, c.width, 270, WALL)
    c.rect(0, 270, c.width, c.height, FLOOR)
    c.rect(40, 50, 180, 160, GREY_DARK)  # window
    c.rect(48, 58, 172, 152, SKY)
    c.line(110, 58, 110, 152, 5, GREY_DARK)
    c.polyline([(250, 30), (270, 70), (250, 100), (280, 140), (265, 170)], 5, WOOD_DARK)  # crack
    c.line(380, 0, 396, 60, 3, INK)  # swinging lamp
    c.poly([(376, 60), (418, 52), (428, 84), (368, 92)], YELLOW)
    shake_marks(c, 430, 70, 30)
    # A sturdy table (the picture does not show the answer: nobody under it yet).
    c.rect(210, 170, 460, 186, WOOD)
    c.rect(222, 186, 236, 270, WOOD_DARK)
    c.rect(434, 186, 448, 270, WOOD_DARK)
    shake_marks(c, 28, 230, 24, INK, mirrored=True)


def open_square(c):
    outdoor(c, 200, PAVING)
    for y in (230, 270, 320):  # paving lines in perspective
        c.rect(0, y, c.width, y + 3, PAVING_LINE)
    for x0, x1 in ((240, 240), (160, 40), (320, 440), (80, -200), (400, 680)):
        c.line(x0, 200, x1, 360, 3, PAVING_LINE, round_caps=False)
    for x in (20, 60, 420, 460):  # small trees far away
        c.rect(x - 3, 170, x + 3, 200, WOOD_DARK)
        c.circle(x, 165, 16, GRASS_DARK)
    c.circle(400, 60, 26, SUN)
    crouching(c, 240, 290, 60)


def tall_building(c):
    outdoor(c, 300, PAVING)
    tower = rotate([(60, 300), (60, 20), (230, 20), (230, 300)], 145, 300, 3)
    c.poly(tower, BUILDING)
    for row in range(6):
        for col in range(3):
            x, y = 82 + col * 50, 40 + row * 42
            c.poly(rotate([(x, y), (x + 34, y), (x + 34, y + 28), (x, y + 28)], 145, 300, 3),
                   GLASS)
    for x, y, a in [(270, 120, 20), (300, 190, -30), (250, 230, 50), (330, 250, 10)]:
        c.poly(rotate([(x - 3, y - 3), (x + 27, y + 5), (x + 5, y + 31)], x, y, a), GREY_DARK)
        c.poly(rotate([(x, y), (x + 22, y + 6), (x + 6, y + 26)], x, y, a), GLASS)
    shake_marks(c, 250, 60, 30)
    person(c, 320, 330, 90, arms_up=True)


def billboard(c):
    outdoor(c, 290, GRASS)
    board = rotate([(70, 40), (410, 40), (410, 190), (70, 190)], 240, 290, -5)
    legs = [rotate([(130, 190), (146, 190), (146, 290), (130, 290)], 240, 290, -5),
            rotate([(334, 190), (350, 190), (350, 290), (334, 290)], 240, 290, -5)]
    for leg in legs:
        c.poly(leg, GREY_DARK)
    c.poly(board, GREY_DARK)
    c.poly(rotate([(82, 52), (398, 52), (398, 178), (82, 178)], 240, 290, -5), ORANGE)
    c.poly(rotate([(110, 80), (250, 80), (250, 150), (110, 150)], 240, 290, -5), YELLOW_PALE)
    c.circle(*rotate([(330, 115)], 240, 290, -5)[0], 34, WHITE)
    shake_marks(c, 440, 90, 30)
    person(c, 240, 330, 90, arms_up=True)


def power_pole(c):
    outdoor(c, 290, GRASS)
    pole = rotate([(222, 300), (222, 20), (242, 20), (242, 300)], 232, 300, 8)
    c.poly(pole, WOOD)
    arm = rotate([(160, 50), (304, 50), (304, 64), (160, 64)], 232, 300, 8)
    c.poly(arm, WOOD_DARK)
    ends = rotate([(168, 46), (296, 46)], 232, 300, 8)
    for ex, ey in ends:
        c.rect(ex - 5, ey - 10, ex + 5, ey + 2, GREY_LIGHT)
        c.polyline([(0, ey + 30), (ex, ey - 6)], 3, INK)
        c.polyline([(ex, ey - 6), (c.width, ey + 40)], 3, INK)
    shake_marks(c, 330, 40, 30)
    person(c, 320, 335, 90, arms_up=True)


def flood(c):
    outdoor(c, 180, GRASS, SKY_PALE)
    c.poly([(300, 200), (400, 90), (480, 80), (480, 240)], GRASS_DARK)   # hill on the right
    c.rect(408, 52, 456, 92, WHITE)                                      # house on the hill
    c.poly([(400, 56), (432, 26), (464, 56)], RED)
    c.rect(424, 68, 440, 92, WOOD)
    c.rect(60, 120, 200, 230, WHITE)                                     # house in the water
    c.poly([(46, 124), (130, 60), (214, 124)], RED)
    c.rect(86, 140, 122, 176, GLASS)
    c.rect(140, 140, 176, 176, GLASS)
    c.rect(0, 196, 380, c.height, FLOOD)                                 # flood water
    c.poly([(380, 196), (318, 196), (480, 246), (480, 360), (380, 360)], FLOOD)
    for x in range(0, 330, 40):                                          # wavy surface
        c.circle(x + 20, 198, 21, FLOOD)
    for y in (240, 280, 320):
        for x in range(0, 400, 80):
            c.polyline(arc_points(x + 40 + (y % 80) / 2, y + 14, 26, 200, 340, 8), 5,
                       WATER_PALE)


def sign_exit(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.rrect(40, 70, 440, 290, 18, SIGN_GREEN)
    c.rect(300, 96, 400, 264, WHITE)         # the door
    c.rect(312, 108, 388, 264, SIGN_GREEN)
    running_man(c, 220, 184, 14, WHITE)
    c.line(70, 180, 130, 180, 14, WHITE, round_caps=False)  # arrow to the door
    c.poly([(122, 160), (150, 180), (122, 200)], WHITE)


def sign_no_smoking(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.circle(240, 180, 150, RED)
    c.circle(240, 180, 122, WHITE)
    c.rect(130, 190, 330, 218, GREY_LIGHT)   # cigarette
    c.rect(290, 190, 330, 218, ORANGE)
    c.rect(330, 190, 350, 218, RED_DARK)
    for k in range(3):
        c.polyline([(345 - k * 18, 176), (335 - k * 18, 150), (348 - k * 18, 126),
                    (338 - k * 18, 100)], 6, GREY)
    slash = rotate([(98, 168), (382, 168), (382, 192), (98, 192)], 240, 180, 45)
    c.poly(slash, RED)


def sign_extinguisher(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.rrect(90, 30, 390, 330, 18, RED)
    extinguisher(c, 240, 300, WHITE, RED)


def extinguisher(c, cx, bottom, body=RED, detail=INK):
    c.rrect(cx - 44, bottom - 190, cx + 44, bottom, 26, body)     # cylinder
    c.rect(cx - 16, bottom - 214, cx + 16, bottom - 186, detail if body != RED else INK)
    c.rect(cx - 12, bottom - 210, cx + 12, bottom - 190, body)
    c.line(cx - 10, bottom - 226, cx - 56, bottom - 236, 10, body)  # carrying handle
    c.line(cx - 6, bottom - 214, cx - 60, bottom - 208, 10, body)   # squeeze lever
    c.polyline([(cx + 14, bottom - 216), (cx + 60, bottom - 222), (cx + 74, bottom - 170),
                (cx + 72, bottom - 100)], 10, body)                  # hose
    c.poly([(cx + 64, bottom - 102), (cx + 80, bottom - 102), (cx + 84, bottom - 78),
            (cx + 60, bottom - 78)], body)
    c.rect(cx - 30, bottom - 150, cx + 30, bottom - 100, detail)     # label
    c.rect(cx - 24, bottom - 144, cx + 24, bottom - 106, body)


def extinguisher_scene(c):
    c.rect(0, 0, c.width, 300, WALL)
    c.rect(0, 300, c.width, c.height, FLOOR)
    extinguisher(c, 200, 320, RED, WHITE)
    c.circle(206, 140, 14, INK)        # gauge
    c.circle(206, 140, 10, WHITE)
    c.line(206, 140, 212, 133, 3, RED)
    c.annulus(150, 96, 14, 8, YELLOW)  # safety pin ring
    c.line(160, 100, 196, 104, 5, YELLOW)
    flame(c, 390, 300, 90, 120)


def sign_electric(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    warning_triangle(c, 240, 196, 340)
    c.poly([(262, 96), (206, 206), (242, 206), (212, 290), (284, 176), (246, 176), (282, 96)],
           INK)


def sign_fire_warning(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    warning_triangle(c, 240, 196, 340)
    flame(c, 240, 272, 110, 150, INK, YELLOW)


def pan_lid(c):
    c.rect(0, 0, c.width, c.height, WALL)
    burning_pan(c, 220, 230)
    # The lid coming down over the pan.
    c.ellipse(220, 150, 124, 16, GREY_DARK)
    c.poly([(100, 150), (340, 150), (300, 110), (140, 110)], STEEL)
    c.ellipse(220, 110, 80, 10, STEEL)
    c.rrect(200, 86, 240, 104, 8, INK)
    for x in (120, 320):
        c.line(x, 30, x, 76, 8, GREY_DARK)
        c.poly([(x - 14, 70), (x + 14, 70), (x, 92)], GREY_DARK)


def pan_water(c):
    c.rect(0, 0, c.width, c.height, WALL)
    burning_pan(c, 200, 230)
    bucket = rotate([(330, 40), (430, 40), (416, 140), (344, 140)], 380, 90, -50)
    c.poly(bucket, STEEL)
    c.polyline([(300, 70), (270, 110), (250, 170), (232, 220)], 16, WATER)
    for x, y in [(150, 150), (280, 160), (120, 190), (300, 120)]:
        water_drop(c, x, y, 6)


def pan_fan(c):
    c.rect(0, 0, c.width, c.height, WALL)
    burning_pan(c, 200, 230)
    fan_centre = (400, 150)
    blade = [fan_centre] + arc_points(fan_centre[0], fan_centre[1], 90, 200, 280, 16)
    c.poly(blade, PINK)
    for a in range(205, 280, 15):
        p = arc_points(fan_centre[0], fan_centre[1], 88, a, a, 1)[0]
        c.line(fan_centre[0], fan_centre[1], p[0], p[1], 2, RED_DARK)
    c.line(400, 150, 440, 220, 10, WOOD_DARK)
    for y in (120, 160, 200):
        c.polyline([(300, y), (270, y + 8), (240, y + 4)], 4, GREY)


def wet_hand_switch(c):
    c.rect(0, 0, c.width, c.height, WALL)
    c.rrect(250, 90, 390, 250, 14, GREY_LIGHT)   # switch plate
    c.rrect(258, 98, 382, 242, 10, WHITE)
    c.rrect(290, 130, 350, 210, 8, GREY_LIGHT)   # rocker
    c.rect(290, 130, 350, 170, (236, 238, 242))
    hand(c, 140, 370, 210)
    for x, y, r in [(40, 120, 9), (226, 110, 8), (30, 250, 8), (236, 220, 9), (120, 50, 7),
                    (90, 300, 7)]:
        water_drop(c, x, y, r)
    shake_marks(c, 240, 170, 24, YELLOW)


def plug_socket(c):
    c.rect(0, 0, c.width, c.height, WALL)
    c.rrect(300, 100, 440, 240, 16, GREY_LIGHT)   # wall socket
    c.rrect(308, 108, 432, 232, 12, WHITE)
    for x in (348, 392):
        c.line(x - 6, 150, x + 6, 162, 6, INK, round_caps=False)
    c.line(370, 126, 370, 142, 6, INK, round_caps=False)
    c.line(350, 196, 350, 214, 6, INK)
    c.line(390, 196, 390, 214, 6, INK)
    c.polyline([(0, 300), (80, 290), (150, 240), (200, 200)], 10, GREY_DARK)  # cord
    c.rect(244, 180, 262, 186, STEEL)             # prongs, pulled out
    c.rect(244, 204, 262, 210, STEEL)
    c.rrect(190, 166, 250, 224, 12, WHITE)        # plug body
    c.rrect(190, 166, 206, 224, 6, GREY_LIGHT)
    # Fingers holding the plug body (not the cord).
    for y in (168, 186, 204):
        c.rrect(196, y, 236, y + 16, 8, SKIN)
    c.rrect(150, 160, 206, 226, 18, SKIN)


def smoke_escape(c):
    c.rect(0, 0, c.width, c.height, WALL)
    c.rect(0, 290, c.width, c.height, FLOOR)
    for x, y, r in [(40, 40, 60), (130, 20, 70), (230, 50, 60), (320, 30, 70), (420, 50, 70),
                    (90, 90, 50), (280, 100, 45)]:
        c.circle(x, y, r, SMOKE)
    for x, y, r in [(60, 30, 30), (200, 30, 36), (360, 40, 30)]:
        c.circle(x, y, r, SMOKE_DARK)
    c.rrect(380, 170, 470, 214, 8, SIGN_GREEN)  # exit sign
    running_man(c, 420, 194, 3.2, WHITE)
    c.rect(388, 216, 462, 290, WOOD_DARK)       # door
    # A person bending low, a cloth over the mouth.
    c.line(210, 250, 262, 226, 20, SHIRT)
    c.line(210, 254, 190, 288, 11, TROUSERS)
    c.line(214, 254, 236, 288, 11, TROUSERS)
    c.circle(282, 224, 17, SKIN)
    c.ellipse(280, 214, 17, 9, HAIR)
    c.rrect(284, 226, 304, 244, 5, WHITE)
    c.line(250, 234, 292, 238, 8, SKIN)
    c.polyline([(120, 270), (160, 270)], 6, GREY)


def emergency_thumbnail(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.rect(0, 290, c.width, c.height, (236, 222, 196))
    extinguisher(c, 120, 300, RED, WHITE)
    warning_triangle(c, 320, 190, 220)
    c.rect(312, 140, 328, 210, INK)
    c.circle(320, 232, 10, INK)
    c.rect(460, 170, 590, 260, WHITE)  # a house on wavy water
    c.poly([(446, 174), (525, 110), (604, 174)], RED)
    c.rect(500, 200, 530, 260, WOOD)
    c.rect(430, 250, 640, 300, WATER)
    for x in range(440, 640, 50):
        c.polyline(arc_points(x + 20, 262, 18, 200, 340, 8), 5, WATER_DARK)


# ---------------------------------------------------------------------------
# General-science pictures
# ---------------------------------------------------------------------------

def rainbow(c):
    c.rect(0, 0, c.width, c.height, SKY)
    c.rect(0, 300, c.width, c.height, GRASS)
    for i, color in enumerate(RAINBOW):
        c.annulus(240, 330, 230 - i * 14, 216 - i * 14, color, upper_only=True)
    c.annulus(240, 330, 132, 0, SKY, upper_only=True)
    c.rect(0, 300, c.width, c.height, GRASS)
    for x, y, r in [(40, 50, 40), (90, 40, 48), (140, 56, 36), (400, 40, 36), (446, 56, 40)]:
        c.circle(x, y, r, WHITE)
    for x, y in [(50, 120), (100, 150), (140, 110), (30, 190), (420, 110), (460, 150),
                 (400, 170)]:
        water_drop(c, x, y, 5, WATER)


def water_ice(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.ellipse(240, 280, 200, 40, GREY_LIGHT)   # plate
    c.ellipse(240, 274, 180, 30, WHITE)

    def cube(x, y, s):
        top = [(x, y), (x + s, y - s * 0.45), (x + 2 * s, y), (x + s, y + s * 0.45)]
        left = [(x, y), (x + s, y + s * 0.45), (x + s, y + s * 1.45), (x, y + s)]
        right = [(x + s, y + s * 0.45), (x + 2 * s, y), (x + 2 * s, y + s), (x + s, y + s * 1.45)]
        c.poly(top, (232, 246, 255))
        c.poly(left, (170, 214, 240))
        c.poly(right, (136, 192, 230))
        c.line(x + s * 0.3, y + s * 0.35, x + s * 0.3, y + s * 0.75, s * 0.08, WHITE)
    cube(110, 190, 62)
    cube(250, 190, 62)
    cube(180, 110, 62)


def water_glass(c):
    c.rect(0, 0, c.width, c.height, CREAM)
    c.rect(0, 300, c.width, c.height, (236, 222, 196))
    c.poly([(150, 60), (330, 60), (310, 310), (170, 310)], GREY_LIGHT)
    c.poly([(160, 68), (320, 68), (301, 302), (179, 302)], (240, 248, 252))
    c.poly([(166, 140), (314, 140), (301, 302), (179, 302)], WATER)
    c.ellipse(240, 140, 74, 10, WATER_PALE)
    c.line(186, 170, 196, 280, 8, WATER_PALE)


def water_rain(c):
    c.rect(0, 0, c.width, c.height, SKY_PALE)
    c.rect(0, 310, c.width, c.height, GRASS)
    c.ellipse(240, 330, 150, 18, WATER)        # puddle
    for x, y, r in [(150, 100, 60), (230, 80, 76), (320, 100, 60), (190, 130, 50),
                    (280, 130, 50)]:
        c.circle(x, y, r, GREY)
    c.rect(100, 120, 380, 160, GREY)
    for x, y in [(130, 210), (190, 250), (250, 200), (310, 240), (370, 205), (160, 290),
                 (280, 290), (220, 220), (340, 280)]:
        water_drop(c, x, y, 8, WATER)


def day_night(c):
    c.rect(0, 0, c.width, c.height, NIGHT)
    for x, y in [(300, 40), (450, 320), (420, 60), (260, 330), (460, 190)]:
        c.circle(x, y, 2, WHITE)
    for a in range(0, 360, 30):  # the Sun
        p = arc_points(80, 180, 92, a, a, 1)[0]
        c.line(80, 180, p[0], p[1], 8, SUN)
    c.circle(80, 180, 64, SUN)
    for k in range(6):  # sunlight
        y = 90 + k * 36
        c.line(170, y, 230, y, 4, YELLOW_PALE)
    # The Earth: the half facing the Sun is lit.
    c.circle(340, 180, 100, NIGHT_SEA)
    c.moon_lit(340, 180, 100, -1, NIGHT_SEA)
    c.ellipse(330, 140, 40, 30, NIGHT_LAND)
    c.ellipse(370, 230, 30, 38, NIGHT_LAND)

    def lit_half(y):
        d = (y - 180) / 100
        if abs(d) >= 1:
            return []
        return [(340 - 100 * math.sqrt(1 - d * d), 340)]
    c.fill(80, 280, lit_half, EARTH_SEA)

    def land(cx, cy, rx, ry):
        def spans(y):
            d = (y - cy) / ry
            if abs(d) >= 1:
                return []
            h = rx * math.sqrt(1 - d * d)
            return [(cx - h, min(cx + h, 340))]
        c.fill(cy - ry, cy + ry, spans, EARTH_LAND)
    land(300, 150, 34, 26)
    land(330, 140, 40, 30)
    land(292, 232, 24, 30)
    c.polyline(arc_points(340, 180, 122, 230, 310, 16), 6, WHITE)  # spin arrow (west to east)
    tip = arc_points(340, 180, 122, 310, 310, 1)[0]
    c.poly([(tip[0] + 12, tip[1] - 8), (tip[0] - 2, tip[1] + 14), (tip[0] - 14, tip[1] - 10)],
           WHITE)


def butterfly(c):
    c.rect(0, 0, c.width, c.height, SKY_PALE)
    c.rect(0, 300, c.width, c.height, GRASS)
    c.line(90, 360, 90, 250, 8, GRASS_DARK)
    for a in range(0, 360, 60):  # a flower
        p = arc_points(90, 240, 22, a, a, 1)[0]
        c.circle(p[0], p[1], 16, PINK)
    c.circle(90, 240, 12, YELLOW)
    for side in (-1, 1):
        c.ellipse(240 + side * 80, 130, 78, 62, INK)
        c.ellipse(240 + side * 80, 130, 68, 52, ORANGE)
        c.ellipse(240 + side * 62, 222, 54, 44, INK)
        c.ellipse(240 + side * 62, 222, 44, 34, ORANGE)
        for dx, dy in [(110, 100), (122, 150), (70, 230)]:
            c.circle(240 + side * dx, dy, 9, WHITE)
        c.polyline([(240 + side * 4, 112), (240 + side * 24, 70), (240 + side * 40, 50)], 4,
                   INK)
        c.circle(240 + side * 40, 50, 7, INK)
    c.ellipse(240, 180, 12, 80, INK)
    c.circle(240, 104, 14, INK)


def whale(c):
    c.rect(0, 0, c.width, 140, SKY)
    c.rect(0, 140, c.width, c.height, WATER_DARK)
    for x in range(0, 480, 60):
        c.polyline(arc_points(x + 30, 156, 22, 200, 340, 8), 4, WATER_PALE)
    body = [(70, 220), (110, 170), (200, 150), (300, 160), (370, 200), (420, 236),
            (450, 210), (470, 190), (466, 250), (450, 262), (400, 260), (330, 280),
            (220, 296), (120, 280), (76, 254)]
    c.poly(body, (56, 84, 140))
    c.poly([(80, 250), (120, 272), (220, 286), (320, 270), (300, 258), (200, 266), (110, 252)],
           (176, 196, 220))
    c.circle(140, 214, 7, WHITE)
    c.circle(141, 214, 4, INK)
    c.polyline([(180, 260), (210, 300), (236, 286)], 14, (56, 84, 140))  # flipper
    for dx in (-40, -14, 14, 40):  # the spout of breath from the blowhole
        c.polyline([(190, 150), (190 + dx * 0.3, 110), (190 + dx * 0.8, 80), (190 + dx, 70)],
                   6, WHITE)
        c.circle(190 + dx * 1.1, 60, 6, WHITE)


def insect_scene(c):
    c.rect(0, 0, c.width, c.height, (236, 226, 196))
    for x, y, r in [(60, 320, 24), (420, 40, 30), (440, 300, 18), (40, 60, 16)]:
        c.circle(x, y, r, (222, 208, 170))


def bug_ant(c):
    insect_scene(c)
    # Seen from above, head on the left: six legs, all on the middle part.
    for side in (-1, 1):
        for root_x, knee, foot in [(196, (170, 60), (110, 30)), (210, (220, 80), (236, 16)),
                                   (224, (290, 70), (360, 40))]:
            c.polyline([(root_x, 184), (knee[0], 184 + side * knee[1]),
                        (foot[0], 184 + side * (foot[1] + 120))], 7, INK)
    for side in (-1, 1):  # two antennae
        c.polyline([(100, 170 + side * 14), (70, 170 + side * 50), (30, 170 + side * 60)], 5,
                   INK)
    c.ellipse(120, 170, 40, 34, INK)    # head
    c.ellipse(210, 184, 52, 26, INK)    # thorax
    c.ellipse(340, 196, 84, 56, INK)    # abdomen
    c.circle(106, 160, 7, GREY)


def bug_spider(c):
    insect_scene(c)
    for k in range(8):  # a web behind
        p = arc_points(240, 180, 240, k * 45, k * 45, 1)[0]
        c.line(240, 180, p[0], p[1], 2, WHITE)
    for r in (60, 110, 160):
        pts = [arc_points(240, 180, r, k * 45, k * 45, 1)[0] for k in range(9)]
        c.polyline(pts, 2, WHITE)
    for side in (-1, 1):  # eight legs
        for knee_y, foot_y in [(100, 60), (140, 130), (200, 230), (240, 310)]:
            c.polyline([(240, 170), (240 + side * 110, knee_y), (240 + side * 180, foot_y)], 8,
                       INK)
    c.circle(240, 160, 40, INK)         # head and chest in one part
    c.ellipse(240, 240, 62, 68, INK)    # abdomen
    c.circle(228, 146, 6, WHITE)
    c.circle(252, 146, 6, WHITE)


def bug_snail(c):
    insect_scene(c)
    c.poly([(70, 300), (120, 250), (150, 210), (172, 200), (190, 230), (200, 270),
            (420, 270), (440, 300)], SNAIL)                      # body
    c.line(164, 206, 140, 140, 8, SNAIL)                         # eye stalks
    c.line(176, 208, 190, 140, 8, SNAIL)
    c.circle(140, 140, 9, INK)
    c.circle(190, 140, 9, INK)
    c.circle(300, 190, 96, SHELL_DARK)                           # shell with a spiral
    c.circle(300, 190, 86, SHELL)
    spiral = [(300 + (8 + 2.2 * t) * math.cos(math.radians(t * 12)),
               190 + (8 + 2.2 * t) * math.sin(math.radians(t * 12))) for t in range(0, 34)]
    c.polyline(spiral, 9, SHELL_DARK)


def science_thumbnail(c):
    c.rect(0, 0, c.width, c.height, NIGHT)
    for x, y in [(40, 40), (200, 30), (600, 60), (560, 300), (30, 300), (320, 330)]:
        c.circle(x, y, 2.5, WHITE)
    ring, planet, band = (222, 196, 140), (240, 190, 110), (220, 160, 90)

    def ring_spans(front):  # a tilted ring; the front half passes over the planet
        def spans(y):
            dy = y - 180
            if abs(dy) >= 34 or (front and dy < 0) or (not front and dy >= 0):
                return []
            outer = 140 * math.sqrt(1 - (dy / 34) ** 2)
            if abs(dy) >= 20:
                return [(170 - outer, 170 + outer)]
            inner = 104 * math.sqrt(1 - (dy / 20) ** 2)
            return [(170 - outer, 170 - inner), (170 + inner, 170 + outer)]
        return spans
    c.fill(140, 220, ring_spans(False), ring)
    c.circle(170, 180, 80, planet)
    c.ellipse(170, 150, 70, 9, band)
    c.ellipse(170, 212, 64, 8, band)
    c.fill(140, 220, ring_spans(True), ring)
    # A U magnet.
    c.annulus(420, 150, 80, 40, RED, upper_only=True)
    c.rect(340, 150, 380, 240, RED)
    c.rect(460, 150, 500, 240, RED)
    c.rect(340, 240, 380, 276, STEEL)
    c.rect(460, 240, 500, 276, STEEL)
    water_drop(c, 570, 220, 26, WATER)  # a drop of water
    c.ellipse(560, 90, 40, 20, LEAF)    # a leaf
    c.line(528, 100, 592, 80, 3, GRASS_DARK)


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------

ES = "content/emergency-safety/"
GS = "content/general-science/"

PICTURES = [
    (ES + "thumbnail.png", 640, 360, emergency_thumbnail),
    (ES + "images/quake-room.png", 480, 360, quake_room),
    (ES + "images/open-square.png", 480, 360, open_square),
    (ES + "images/tall-building.png", 480, 360, tall_building),
    (ES + "images/billboard.png", 480, 360, billboard),
    (ES + "images/power-pole.png", 480, 360, power_pole),
    (ES + "images/flood.png", 480, 360, flood),
    (ES + "images/sign-exit.png", 480, 360, sign_exit),
    (ES + "images/sign-no-smoking.png", 480, 360, sign_no_smoking),
    (ES + "images/sign-extinguisher.png", 480, 360, sign_extinguisher),
    (ES + "images/sign-electric.png", 480, 360, sign_electric),
    (ES + "images/sign-fire-warning.png", 480, 360, sign_fire_warning),
    (ES + "images/extinguisher.png", 480, 360, extinguisher_scene),
    (ES + "images/smoke-escape.png", 480, 360, smoke_escape),
    (ES + "images/pan-lid.png", 480, 360, pan_lid),
    (ES + "images/pan-water.png", 480, 360, pan_water),
    (ES + "images/pan-fan.png", 480, 360, pan_fan),
    (ES + "images/wet-hand-switch.png", 480, 360, wet_hand_switch),
    (ES + "images/plug-socket.png", 480, 360, plug_socket),
    (GS + "thumbnail.png", 640, 360, science_thumbnail),
    (GS + "images/rainbow.png", 480, 360, rainbow),
    (GS + "images/circuit-closed.png", 480, 360, lambda c: circuit(c, "closed")),
    (GS + "images/circuit-open.png", 480, 360, lambda c: circuit(c, "open")),
    (GS + "images/circuit-one-end.png", 480, 360, lambda c: circuit(c, "one-end")),
    (GS + "images/water-ice.png", 480, 360, water_ice),
    (GS + "images/water-glass.png", 480, 360, water_glass),
    (GS + "images/water-rain.png", 480, 360, water_rain),
    (GS + "images/moon-crescent.png", 480, 360, lambda c: moon_picture(c, 0.55)),
    (GS + "images/moon-half.png", 480, 360, lambda c: moon_picture(c, 0.0)),
    (GS + "images/moon-full.png", 480, 360, lambda c: moon_picture(c, -1.0)),
    (GS + "images/day-night.png", 480, 360, day_night),
    (GS + "images/butterfly.png", 480, 360, butterfly),
    (GS + "images/whale.png", 480, 360, whale),
    (GS + "images/bug-ant.png", 480, 360, bug_ant),
    (GS + "images/bug-spider.png", 480, 360, bug_spider),
    (GS + "images/bug-snail.png", 480, 360, bug_snail),
]


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    words = argv[1:]
    for path, width, height, draw in PICTURES:
        if words and not any(word in path for word in words):
            continue
        canvas = Canvas(width, height, CREAM)
        draw(canvas)
        data = png_bytes(canvas)
        target = os.path.join(root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)
        print(f"{path}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
