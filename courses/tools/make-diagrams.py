#!/usr/bin/env python3
"""Draw the diagrams of the ai-basics pack as small PNG files.

Standard library only: shapes are rasterised at 3x size, averaged down for smooth
edges, and written as PNG with zlib + struct. The output is deterministic (no clock,
fixed random seeds), so running it again gives the same bytes.

The pack is written in five languages, so the pictures hold no words and no digits:
meaning comes from shapes, colours (Okabe-Ito, safe for colour-blind learners) and
from each image's `alt` text in the lessons.

What each picture shows (write the `alt` text from this):
  pixels.png          a round fruit drawn as a 10x10 grid of grey squares; its middle
                      row is outlined; an arrow; that row again, each square above a bar
                      whose height is its brightness (dark = short, bright = tall).
  sound-wave.png      a wavy line (a sound) over a flat middle line; at equal steps a
                      thin stick with a dot on top joins the middle line to the wave:
                      each stick is one measurement.
  labelled-examples.png  left: six leaves mixed together, each with a tag on a string;
                      healthy leaves have blue tags, spotted (sick) leaves orange tags;
                      an arrow; right: two boxes, the blue box holding the healthy
                      leaves, the orange box holding the spotted ones.
  decision-tree.png   a tree of questions from top to bottom: a diamond holding a small
                      circle outline ("is it round?") splits into a tick branch and a
                      cross branch; the cross branch ends in a blue triangle; the tick
                      branch reaches a second diamond holding an orange square ("is it
                      orange?"), whose tick branch ends in an orange circle and whose
                      cross branch ends in a blue circle.
  clusters.png        left: grey dots scattered with no labels; an arrow; right: the
                      same dots in three groups, each group its own colour and shape
                      (blue circles, orange squares, green triangles) with a faint
                      ring around each group.

Usage: python3 courses/tools/make-diagrams.py [OUTPUT_DIR]
(default: courses/ai-basics/media beside this script).
"""

import math
import os
import random
import struct
import sys
import zlib

SS = 3  # supersampling factor: each output pixel averages SS*SS samples

WHITE = (255, 255, 255)
INK = (34, 40, 49)
GRID = (150, 150, 150)
BLUE = (0, 114, 178)
ORANGE = (230, 159, 0)
VERMILLION = (213, 94, 0)
GREEN = (0, 158, 115)
SKY = (86, 180, 233)
LEAF = (60, 150, 60)
LEAF_DARK = (30, 95, 35)
SPOT = (120, 70, 20)
PALE_BLUE = (225, 238, 248)
PALE_ORANGE = (252, 240, 214)
PALE_GREEN = (220, 242, 233)


class Canvas:
    """An RGB image drawn at SS times its final size; coordinates are final pixels."""

    def __init__(self, width, height, background=WHITE):
        self.w, self.h = width, height
        self.sw, self.sh = width * SS, height * SS
        self.px = [bytearray(bytes(background) * self.sw) for _ in range(self.sh)]

    def fill(self, inside, box, color):
        """Colour every sample whose centre satisfies inside(x, y), within box."""
        x0, y0, x1, y1 = box
        sx0 = max(0, int(math.floor(x0 * SS)))
        sy0 = max(0, int(math.floor(y0 * SS)))
        sx1 = min(self.sw, int(math.ceil(x1 * SS)) + 1)
        sy1 = min(self.sh, int(math.ceil(y1 * SS)) + 1)
        rgb = bytes(color)
        for sy in range(sy0, sy1):
            y = (sy + 0.5) / SS
            row = self.px[sy]
            for sx in range(sx0, sx1):
                if inside((sx + 0.5) / SS, y):
                    row[sx * 3:sx * 3 + 3] = rgb

    def rect(self, x0, y0, x1, y1, color):
        self.fill(lambda x, y: x0 <= x < x1 and y0 <= y < y1, (x0, y0, x1, y1), color)

    def frame(self, x0, y0, x1, y1, width, color):
        self.rect(x0, y0, x1, y0 + width, color)
        self.rect(x0, y1 - width, x1, y1, color)
        self.rect(x0, y0, x0 + width, y1, color)
        self.rect(x1 - width, y0, x1, y1, color)

    def round_rect(self, x0, y0, x1, y1, r, color):
        def inside(x, y):
            if not (x0 <= x < x1 and y0 <= y < y1):
                return False
            cx = min(max(x, x0 + r), x1 - r)
            cy = min(max(y, y0 + r), y1 - r)
            return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
        self.fill(inside, (x0, y0, x1, y1), color)

    def round_frame(self, x0, y0, x1, y1, r, width, color, inner=WHITE):
        self.round_rect(x0, y0, x1, y1, r, color)
        self.round_rect(x0 + width, y0 + width, x1 - width, y1 - width,
                        max(0, r - width), inner)

    def circle(self, cx, cy, r, color):
        self.fill(lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
                  (cx - r, cy - r, cx + r, cy + r), color)

    def ring(self, cx, cy, r, width, color):
        r_in = r - width
        self.fill(lambda x, y: r_in * r_in <= (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
                  (cx - r, cy - r, cx + r, cy + r), color)

    def polygon(self, points, color):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        n = len(points)

        def inside(x, y):
            hit = False
            j = n - 1
            for i in range(n):
                xi, yi = points[i]
                xj, yj = points[j]
                if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                    hit = not hit
                j = i
            return hit
        self.fill(inside, (min(xs), min(ys), max(xs), max(ys)), color)

    def line(self, xa, ya, xb, yb, width, color):
        """A straight stroke with round ends."""
        half = width / 2.0
        dx, dy = xb - xa, yb - ya
        length2 = dx * dx + dy * dy or 1e-9

        def inside(x, y):
            t = max(0.0, min(1.0, ((x - xa) * dx + (y - ya) * dy) / length2))
            px, py = xa + t * dx - x, ya + t * dy - y
            return px * px + py * py <= half * half
        self.fill(inside, (min(xa, xb) - half, min(ya, yb) - half,
                           max(xa, xb) + half, max(ya, yb) + half), color)

    def arrow(self, xa, ya, xb, yb, width, color, head=None):
        """A line from a to b ending in a filled triangular head at b."""
        head = head or width * 3.2
        angle = math.atan2(yb - ya, xb - xa)
        bx, by = xb - math.cos(angle) * head * 0.8, yb - math.sin(angle) * head * 0.8
        self.line(xa, ya, bx, by, width, color)
        left = (xb - head * math.cos(angle - 0.45), yb - head * math.sin(angle - 0.45))
        right = (xb - head * math.cos(angle + 0.45), yb - head * math.sin(angle + 0.45))
        self.polygon([(xb, yb), left, right], color)

    def leaf(self, cx, cy, length, width, angle, color, vein):
        """A pointed leaf: the overlap of two circles, turned by angle (radians)."""
        half_l, half_w = length / 2.0, width / 2.0
        radius = (half_l ** 2 + half_w ** 2) / width
        off = radius - half_w
        ca, sa = math.cos(angle), math.sin(angle)

        def inside(x, y):
            u = (x - cx) * ca + (y - cy) * sa
            v = -(x - cx) * sa + (y - cy) * ca
            return (u * u + (v - off) ** 2 <= radius * radius
                    and u * u + (v + off) ** 2 <= radius * radius)
        reach = half_l + 1
        self.fill(inside, (cx - reach, cy - reach, cx + reach, cy + reach), color)
        self.line(cx - ca * half_l * 0.85, cy - sa * half_l * 0.85,
                  cx + ca * half_l * 0.85, cy + sa * half_l * 0.85, 1.4, vein)

    def tick(self, cx, cy, size, width, color):
        self.line(cx - size, cy, cx - size * 0.3, cy + size * 0.7, width, color)
        self.line(cx - size * 0.3, cy + size * 0.7, cx + size, cy - size * 0.8, width, color)

    def cross(self, cx, cy, size, width, color):
        self.line(cx - size, cy - size, cx + size, cy + size, width, color)
        self.line(cx - size, cy + size, cx + size, cy - size, width, color)

    def rgb_rows(self):
        """Average each SS x SS block into one pixel; yield final rows as bytes."""
        n = SS * SS
        for y in range(self.h):
            src = self.px[y * SS:(y + 1) * SS]
            out = bytearray(self.w * 3)
            for x in range(self.w):
                for c in range(3):
                    total = 0
                    for row in src:
                        base = x * SS * 3 + c
                        for k in range(SS):
                            total += row[base + k * 3]
                    out[x * 3 + c] = (total + n // 2) // n
            yield bytes(out)


def write_png(path, canvas):
    """Write canvas as an 8-bit RGB PNG; each row uses the filter that packs best."""
    rows = list(canvas.rgb_rows())
    raw = bytearray()
    prev = bytes(len(rows[0]))
    for row in rows:
        candidates = []
        sub = bytes((row[i] - (row[i - 3] if i >= 3 else 0)) & 0xFF for i in range(len(row)))
        up = bytes((row[i] - prev[i]) & 0xFF for i in range(len(row)))
        for kind, data in ((0, row), (1, sub), (2, up)):
            cost = sum(b if b < 128 else 256 - b for b in data)
            candidates.append((cost, kind, data))
        _, kind, data = min(candidates)
        raw.append(kind)
        raw += data
        prev = row

    def chunk(tag, body):
        return (struct.pack(">I", len(body)) + tag + body
                + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", canvas.w, canvas.h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
           + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


# --- the diagrams -----------------------------------------------------------

def fruit_pixels():
    """Brightness (0 dark .. 255 bright) of a 10x10 picture of a round fruit."""
    grid = []
    for r in range(10):
        row = []
        for c in range(10):
            d = math.hypot(c + 0.5 - 5.0, r + 0.5 - 5.6)
            if c == 5 and r in (0, 1):
                v = 40                      # the stalk
            elif d <= 3.9:
                shine = math.hypot(c + 0.5 - 3.6, r + 0.5 - 4.5)
                v = int(max(60.0, 215 - shine * 50))   # body, bright near the shine
            elif d <= 4.5:
                v = 150                     # soft edge
            else:
                v = 240                     # background
            row.append(v)
        grid.append(row)
    return grid


def draw_pixels():
    cv = Canvas(480, 250)
    grid = fruit_pixels()
    cell, gx, gy = 19, 24, 30
    for r in range(10):
        for c in range(10):
            v = grid[r][c]
            cv.rect(gx + c * cell, gy + r * cell, gx + (c + 1) * cell, gy + (r + 1) * cell, (v, v, v))
    for i in range(11):
        cv.rect(gx + i * cell - 0.5, gy, gx + i * cell + 0.5, gy + 10 * cell, GRID)
        cv.rect(gx, gy + i * cell - 0.5, gx + 10 * cell, gy + i * cell + 0.5, GRID)
    row_i = 4                               # the row through the shine
    cv.frame(gx - 2, gy + row_i * cell - 2, gx + 10 * cell + 2, gy + (row_i + 1) * cell + 2, 3, VERMILLION)

    cv.arrow(gx + 10 * cell + 14, 125, gx + 10 * cell + 58, 125, 5, INK)

    # the same row, then one bar per square: its height follows the brightness
    sx, sy, step, size = 272, 30, 19, 17
    base = 228
    for c in range(10):
        v = grid[row_i][c]
        x = sx + c * step
        cv.rect(x, sy, x + size, sy + size, (v, v, v))
        cv.line(x + size / 2, sy + size + 5, x + size / 2, sy + size + 13, 1.2, GRID)
        height = 8 + v / 255.0 * 150
        cv.rect(x, base - height, x + size, base, INK)
        cv.rect(x + 2, base - height + 2, x + size - 2, base, (v, v, v))
    cv.frame(sx - 3, sy - 3, sx + 9 * step + size + 3, sy + size + 3, 3, VERMILLION)
    cv.rect(sx - 6, base, sx + 9 * step + size + 6, base + 2, INK)
    return cv


def draw_sound_wave():
    cv = Canvas(480, 200)
    mid = 100

    def wave(x):
        t = (x - 20) / 440.0
        envelope = 0.35 + 0.65 * math.sin(math.pi * t)
        return mid - envelope * (52 * math.sin(2 * math.pi * 2.6 * t)
                                 + 18 * math.sin(2 * math.pi * 7.1 * t + 0.6))

    cv.rect(14, mid - 1, 466, mid + 1, GRID)
    # samples first, so the wave is drawn over the sticks
    x = 24.0
    while x <= 456:
        y = wave(x)
        cv.line(x, mid, x, y, 2.2, VERMILLION)
        x += 18
    prev = (20, wave(20))
    for i in range(1, 221):
        xx = 20 + i * 2
        pt = (xx, wave(xx))
        cv.line(prev[0], prev[1], pt[0], pt[1], 3.2, BLUE)
        prev = pt
    x = 24.0
    while x <= 456:
        cv.circle(x, wave(x), 4.2, VERMILLION)
        x += 18
    return cv


def tagged_leaf(cv, cx, cy, angle, sick, tag_dx, tag_dy):
    """A leaf with a coloured tag tied to its stalk end."""
    length, width = 46, 22
    ca, sa = math.cos(angle), math.sin(angle)
    stalk = (cx - ca * length / 2, cy - sa * length / 2)
    tag_c = (stalk[0] + tag_dx, stalk[1] + tag_dy)
    cv.line(stalk[0], stalk[1], tag_c[0], tag_c[1], 1.3, INK)
    cv.leaf(cx, cy, length, width, angle, LEAF, LEAF_DARK)
    if sick:
        for du, dv, r in ((-6, 4, 3.2), (7, -3, 3.6), (12, 5, 2.4), (-13, -2, 2.2)):
            cv.circle(cx + du * ca - dv * sa, cy + du * sa + dv * ca, r, SPOT)
    color = ORANGE if sick else BLUE
    cv.round_rect(tag_c[0] - 8, tag_c[1] - 6, tag_c[0] + 8, tag_c[1] + 6, 3, color)
    cv.circle(tag_c[0] - 4, tag_c[1], 1.8, WHITE)


def draw_labelled_examples():
    cv = Canvas(480, 260)
    # left: mixed examples, each already labelled by its tag
    pile = [(60, 52, 0.4, False), (150, 64, -0.5, True), (70, 132, -0.2, True),
            (160, 140, 0.6, False), (62, 212, 0.3, False), (152, 214, -0.3, True)]
    for cx, cy, ang, sick in pile:
        tagged_leaf(cv, cx, cy, ang, sick, -10, 16)
    cv.arrow(210, 130, 262, 130, 5, INK)
    # right: two boxes, one per label
    cv.round_frame(278, 14, 466, 122, 10, 4, BLUE, PALE_BLUE)
    cv.round_frame(278, 138, 466, 246, 10, 4, ORANGE, PALE_ORANGE)
    for i, cx in enumerate((320, 372, 424)):
        tagged_leaf(cv, cx, 58, -1.2 + 0.15 * i, False, -12, 14)
        tagged_leaf(cv, cx, 182, -1.2 + 0.15 * i, True, -12, 14)
    return cv


def diamond(cv, cx, cy, r, color, inner):
    cv.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], color)
    r2 = r - 4
    cv.polygon([(cx, cy - r2), (cx + r2, cy), (cx, cy + r2), (cx - r2, cy)], inner)


def draw_decision_tree():
    cv = Canvas(480, 280)
    root, second = (240, 42), (140, 146)
    leaf_tri, leaf_orange, leaf_blue = (360, 146), (70, 244), (210, 244)
    # branches (drawn first, nodes sit on top)
    cv.line(root[0], root[1], second[0], second[1], 4, INK)
    cv.line(root[0], root[1], leaf_tri[0], leaf_tri[1], 4, INK)
    cv.line(second[0], second[1], leaf_orange[0], leaf_orange[1], 4, INK)
    cv.line(second[0], second[1], leaf_blue[0], leaf_blue[1], 4, INK)
    # yes / no marks on the branches, on small white discs
    for (ax, ay), (bx, by), yes in ((root, second, True), (root, leaf_tri, False),
                                   (second, leaf_orange, True), (second, leaf_blue, False)):
        mx, my = (ax + bx) / 2, (ay + by) / 2
        cv.circle(mx, my, 14, WHITE)
        cv.ring(mx, my, 14, 2, GRID)
        if yes:
            cv.tick(mx, my, 7, 3.2, GREEN)
        else:
            cv.cross(mx, my, 6, 3.2, VERMILLION)
    # question nodes: a diamond holding what it asks about
    diamond(cv, root[0], root[1], 34, INK, WHITE)
    cv.ring(root[0], root[1], 11, 3, INK)                 # "is it round?"
    diamond(cv, second[0], second[1], 34, INK, WHITE)
    cv.rect(second[0] - 10, second[1] - 10, second[0] + 10, second[1] + 10, ORANGE)  # "is it orange?"
    # answers: rounded boxes holding a sample thing
    for (cx, cy) in (leaf_tri, leaf_orange, leaf_blue):
        cv.round_frame(cx - 30, cy - 26, cx + 30, cy + 26, 8, 3, INK, (245, 245, 245))
    tx, ty = leaf_tri
    cv.polygon([(tx, ty - 15), (tx + 16, ty + 13), (tx - 16, ty + 13)], BLUE)
    cv.circle(leaf_orange[0], leaf_orange[1], 15, ORANGE)
    cv.circle(leaf_blue[0], leaf_blue[1], 15, BLUE)
    return cv


def cluster_points():
    """27 dots around three centres; a fixed seed keeps them still between runs."""
    rng = random.Random(7)  # random() is stable across Python versions for a seed
    groups = [((62, 70), BLUE, "circle"), ((150, 92), ORANGE, "square"),
              ((92, 190), GREEN, "triangle")]
    points = []
    for (gx, gy), color, shape in groups:
        for _ in range(9):
            radius = 8 + 22 * math.sqrt(rng.random())   # spread, but inside the ring
            angle = 2 * math.pi * rng.random()
            points.append((gx + radius * math.cos(angle), gy + radius * math.sin(angle),
                           color, shape))
    return groups, points


def marker(cv, x, y, color, shape):
    if shape == "circle":
        cv.circle(x, y, 6.5, color)
    elif shape == "square":
        cv.rect(x - 5.5, y - 5.5, x + 5.5, y + 5.5, color)
    else:
        cv.polygon([(x, y - 7.5), (x + 7, y + 5.5), (x - 7, y + 5.5)], color)


def draw_clusters():
    cv = Canvas(480, 260)
    groups, points = cluster_points()
    cv.round_frame(8, 8, 220, 252, 10, 2, GRID, WHITE)
    cv.round_frame(260, 8, 472, 252, 10, 2, GRID, WHITE)
    for x, y, _, _ in points:
        cv.circle(x + 8, y, 6, (120, 120, 120))
    cv.arrow(226, 130, 254, 130, 4, INK, head=13)
    pale = {BLUE: PALE_BLUE, ORANGE: PALE_ORANGE, GREEN: PALE_GREEN}
    for (gx, gy), color, _ in groups:
        cv.circle(gx + 260, gy, 44, pale[color])
        cv.ring(gx + 260, gy, 44, 2, color)
    for x, y, color, shape in points:
        marker(cv, x + 260, y, color, shape)
    return cv


DIAGRAMS = {
    "pixels.png": draw_pixels,
    "sound-wave.png": draw_sound_wave,
    "labelled-examples.png": draw_labelled_examples,
    "decision-tree.png": draw_decision_tree,
    "clusters.png": draw_clusters,
}


def write_pictures(pictures, out_dir, only=()):
    """Draws each picture (name -> draw function) into out_dir, or only those named;
    the other picture scripts call this too. Prints each file's size."""
    os.makedirs(out_dir, exist_ok=True)
    for name, draw in pictures.items():
        if only and name not in only:
            continue
        path = os.path.join(out_dir, name)
        write_png(path, draw())
        print("%s: %d bytes" % (os.path.normpath(path), os.path.getsize(path)))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = argv[1] if len(argv) > 1 else os.path.join(here, "..", "ai-basics", "media")
    write_pictures(DIAGRAMS, out_dir, set(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
