#!/usr/bin/env python3
"""Draw the pictures of the ai-plan pack as small PNG files.

Standard library only: the canvas and PNG writer of make-diagrams.py and a few
figures of make-teach-pictures.py and make-safe-fair-pictures.py (beside this script)
are reused, so the output is deterministic in the same way. The pack is in five
languages, so the pictures hold no words: only digits (dates, resolution numbers,
the numbers of the visions and actions), drawn as strokes. The words are in each
image's `alt` text in the lessons.

What each picture shows (write the `alt` text from this):
  divide.png          left: a house with a lit window, a mast sending signal arcs, and
                      a phone showing a leaf; right: a dark house, a mast with a red
                      cross and no signal; a jagged crack in the ground between them.
  four-needs.png      four round badges in a row: a lightning bolt (power and
                      networks), a stack of cards (data), a person with an open book
                      (skills), coins beside a clock (money and time).
  timeline.png        a line of months from October 2023 to October 2024 with the years
                      under it; a green lamp over October 2023; a blue document
                      marked 78/265 over 21 March 2024; a blue document marked 78/311
                      over 1 July 2024; an orange document holding five dots and ten
                      squares over 25 September 2024; an arrow from 78/311 to it.
  consensus.png       a blue document in the middle, ringed by sixteen round badges in
                      many colours, each with a green tick; no crosses.
  cooperation.png     three small diagrams: a blue circle above an orange circle joined
                      by a two-way arrow (North-South); two orange circles side by side
                      joined by a two-way arrow (South-South); a blue circle and two
                      orange circles in a triangle, all joined (triangular).
  five-visions.png    five cards in a row numbered 1 to 5: a mast and a plug
                      (infrastructure); a chip with a plus sign and a gear (AI+);
                      an open book (literacy and talent); a stack of data with a
                      padlock and coloured stripes (safe, diverse data); a shield
                      with a tick and a switch (safe, reliable, controllable).
  in-charge.png       a laptop showing a chip; a person beside it with a hand on a big
                      switch; over the person a magnifying glass and a tick.
  ten-actions.png     ten cards in two rows of five, numbered 1 to 10: two buildings
                      joined by a bridge; a chip sending arrows to a leaf, a cross of
                      care and a book; a green leaf on the globe; a hub joined to five
                      dots; an open book; three people at a table; an adult and a
                      child under a star; three speech bubbles in three colours; a
                      stack of data; a shield with a tick.
  action-groups.png   three panels: digits 1-4 over two buildings and a bridge; digits
                      5-7 over an open book and people; digits 8-10 over a shield.
  workshops.png       left: 2024 over one table with people; an arrow; right: 2025
                      over ten small tables.
  channels.png        a lamp in the middle joined to six things around it: a radio,
                      a poster, a laptop, a phone, a group of people, a book.
  five-steps.png      a path of five numbered stones: people talking; a question mark;
                      a checklist; a small sprout; a sprout with a tick, growing.
  planning-card.png   a card with six rows, each an icon and blank lines: a warning
                      triangle, a list, a chip, a stack of data, two people, a tick.

Usage: python3 courses/tools/make-plan-pictures.py [OUTPUT_DIR]
(default: courses/ai-plan/media beside this script).
"""

import importlib.util
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


D = _load("make_diagrams", "make-diagrams.py")
T = _load("make_teach_pictures", "make-teach-pictures.py")

Canvas, write_png = D.Canvas, D.write_png
WHITE, INK, GRID = D.WHITE, D.INK, D.GRID
BLUE, ORANGE, VERMILLION, GREEN, SKY = D.BLUE, D.ORANGE, D.VERMILLION, D.GREEN, D.SKY
PALE_BLUE, PALE_ORANGE, PALE_GREEN = D.PALE_BLUE, D.PALE_ORANGE, D.PALE_GREEN
YELLOW, PURPLE, LIGHT = T.YELLOW, T.PURPLE, T.LIGHT
DARK = (90, 90, 90)
W, H = 480, 270

# --- digits as strokes: seven segments with round ends ----------------------

SEGMENTS = {  # a top, b top-right, c bottom-right, d bottom, e bottom-left, f top-left, g middle
    "0": "abcdef", "1": "bc", "2": "abged", "3": "abgcd", "4": "fgbc", "5": "afgcd",
    "6": "afgedc", "7": "abc", "8": "abcdefg", "9": "abcdfg",
}


def glyph(cv, ch, x, y, h, width, color):
    """One digit (or '/') whose box is h/2 wide, h high, top-left at (x, y)."""
    w = h / 2.0
    if ch == "/":
        cv.line(x + w, y, x, y + h, width, color)
        return
    m = y + h / 2.0
    seg = {"a": (x, y, x + w, y), "b": (x + w, y, x + w, m), "c": (x + w, m, x + w, y + h),
           "d": (x, y + h, x + w, y + h), "e": (x, m, x, y + h), "f": (x, y, x, m),
           "g": (x, m, x + w, m)}
    if ch == "7":
        cv.line(x, y, x + w, y, width, color)
        cv.line(x + w, y, x + w * 0.3, y + h, width, color)
        return
    if ch == "1":
        cv.line(x + w, y, x + w, y + h, width, color)
        cv.line(x + w * 0.45, y + h * 0.2, x + w, y, width, color)
        return
    for s in SEGMENTS[ch]:
        cv.line(*seg[s], width, color)


def digits(cv, text, cx, y, h, color=INK, width=None):
    """Digits centred on cx, top at y, h pixels high."""
    width = width or max(2.0, h / 7.0)
    step = h / 2.0 + h / 3.5
    total = step * len(text) - h / 3.5
    x = cx - total / 2.0
    for ch in text:
        glyph(cv, ch, x, y, h, width, color)
        x += step


def badge(cv, cx, cy, n, r=11, color=INK):
    cv.circle(cx, cy, r, color)
    digits(cv, str(n), cx, cy - r * 0.55, r * 1.1, WHITE)


# --- small icons --------------------------------------------------------------

def house(cv, cx, base, s, wall, window):
    cv.polygon([(cx - s * 1.2, base - s), (cx, base - s * 2), (cx + s * 1.2, base - s)], VERMILLION)
    cv.rect(cx - s, base - s, cx + s, base, wall)
    cv.rect(cx - s * 0.6, base - s * 0.7, cx - s * 0.1, base - s * 0.25, window)
    cv.rect(cx + s * 0.2, base - s * 0.7, cx + s * 0.6, base, DARK)


def mast(cv, cx, base, h, signal=True):
    cv.line(cx, base, cx - h * 0.25, base + 0, 3, INK)
    cv.line(cx - h * 0.25, base, cx, base - h, 3, INK)
    cv.line(cx + h * 0.25, base, cx, base - h, 3, INK)
    cv.line(cx - h * 0.15, base - h * 0.4, cx + h * 0.15, base - h * 0.4, 2, INK)
    cv.circle(cx, base - h, 4, INK)
    if signal:
        for r in (12, 20):
            for side in (-1, 1):
                a0 = -0.6 if side > 0 else math.pi - 0.6
                for i in range(9):
                    a = a0 + i * 0.15
                    cv.circle(cx + math.cos(a) * r, base - h + math.sin(a) * r, 1.6, BLUE)


def chip(cv, cx, cy, s, color=BLUE):
    for i in (-1, 0, 1):
        cv.line(cx + i * s * 0.45, cy - s * 1.3, cx + i * s * 0.45, cy + s * 1.3, 2.5, GRID)
        cv.line(cx - s * 1.3, cy + i * s * 0.45, cx + s * 1.3, cy + i * s * 0.45, 2.5, GRID)
    cv.round_rect(cx - s, cy - s, cx + s, cy + s, s * 0.2, color)
    cv.round_rect(cx - s * 0.5, cy - s * 0.5, cx + s * 0.5, cy + s * 0.5, s * 0.1, WHITE)


def book(cv, cx, cy, s, color=BLUE):
    cv.polygon([(cx, cy - s * 0.5), (cx - s * 1.3, cy - s * 0.8), (cx - s * 1.3, cy + s * 0.6),
                (cx, cy + s * 0.9)], color)
    cv.polygon([(cx, cy - s * 0.5), (cx + s * 1.3, cy - s * 0.8), (cx + s * 1.3, cy + s * 0.6),
                (cx, cy + s * 0.9)], color)
    for side in (-1, 1):
        for i in range(3):
            yy = cy - s * 0.35 + i * s * 0.35
            cv.line(cx + side * s * 0.25, yy, cx + side * s * 1.05, yy - s * 0.15, 1.6, WHITE)


def database(cv, cx, cy, s, color=BLUE, stripes=None):
    for i in (2, 1, 0):
        y = cy - s * 0.8 + i * s * 0.6
        cv.fill(lambda x, yy, y=y: ((x - cx) / s) ** 2 + ((yy - y - s * 0.5) / (s * 0.35)) ** 2 <= 1,
                (cx - s, y, cx + s, y + s), INK)
        cv.rect(cx - s, y, cx + s, y + s * 0.5, color if not stripes else stripes[i])
        cv.fill(lambda x, yy, y=y: ((x - cx) / s) ** 2 + ((yy - y) / (s * 0.35)) ** 2 <= 1,
                (cx - s, y - s, cx + s, y + s), PALE_BLUE)


def padlock(cv, cx, cy, s):
    cv.ring(cx, cy - s * 0.5, s * 0.6, s * 0.22, INK)
    cv.round_rect(cx - s * 0.85, cy - s * 0.4, cx + s * 0.85, cy + s * 0.8, s * 0.15, ORANGE)
    cv.circle(cx, cy + s * 0.15, s * 0.18, INK)


def shield(cv, cx, cy, s, color=GREEN):
    cv.polygon([(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy), (cx, cy + s * 1.3),
                (cx - s, cy)], color)
    cv.tick(cx, cy - s * 0.1, s * 0.5, s * 0.2, WHITE)


def lamp(cv, cx, cy, s, color=YELLOW):
    for i in range(7):
        a = math.pi + i * math.pi / 6
        cv.line(cx + math.cos(a) * s * 1.3, cy + math.sin(a) * s * 1.3,
                cx + math.cos(a) * s * 1.7, cy + math.sin(a) * s * 1.7, 2.5, ORANGE)
    cv.circle(cx, cy, s, color)
    cv.ring(cx, cy, s, 2, INK)
    cv.rect(cx - s * 0.45, cy + s * 0.8, cx + s * 0.45, cy + s * 1.4, DARK)


def document(cv, x, y, w, h, color, fill=WHITE):
    fold = w * 0.22
    cv.polygon([(x, y), (x + w - fold, y), (x + w, y + fold), (x + w, y + h), (x, y + h)], color)
    cv.polygon([(x + 3, y + 3), (x + w - fold - 1, y + 3), (x + w - 3, y + fold + 1),
                (x + w - 3, y + h - 3), (x + 3, y + h - 3)], fill)
    cv.polygon([(x + w - fold, y), (x + w - fold, y + fold), (x + w, y + fold)], color)


def bridge(cv, cx, cy, s):
    cv.rect(cx - s * 1.6, cy - s * 0.9, cx - s * 0.9, cy + s * 0.8, BLUE)
    cv.rect(cx + s * 0.9, cy - s * 0.5, cx + s * 1.6, cy + s * 0.8, ORANGE)
    for i in range(2):
        for j in range(2):
            cv.rect(cx - s * 1.45 + i * s * 0.3, cy - s * 0.6 + j * s * 0.5,
                    cx - s * 1.3 + i * s * 0.3, cy - s * 0.35 + j * s * 0.5, WHITE)
    cv.rect(cx - s * 0.9, cy + s * 0.05, cx + s * 0.9, cy + s * 0.25, INK)
    for i in range(5):
        x = cx - s * 0.75 + i * s * 0.375
        cv.line(x, cy + s * 0.05, x, cy - s * 0.2 - 0.15 * s * (2 - abs(i - 2)), 1.5, INK)


def hub(cv, cx, cy, s):
    for i in range(5):
        a = -math.pi / 2 + i * 2 * math.pi / 5
        x, y = cx + math.cos(a) * s, cy + math.sin(a) * s
        cv.line(cx, cy, x, y, 2.5, GRID)
        cv.circle(x, y, s * 0.28, T.CLOTHES[i])
    cv.circle(cx, cy, s * 0.42, INK)


def table_people(cv, cx, cy, s, n=3):
    for i in range(n):
        x = cx + (i - (n - 1) / 2.0) * s * 0.9
        T.person(cv, x, cy - s * 0.55, i, s / 30.0)
    cv.round_rect(cx - s * 1.5, cy, cx + s * 1.5, cy + s * 0.35, 4, (150, 100, 60))


def bubble_small(cv, cx, cy, s, color):
    cv.round_rect(cx - s, cy - s * 0.6, cx + s, cy + s * 0.6, s * 0.3, color)
    cv.polygon([(cx - s * 0.5, cy + s * 0.5), (cx - s * 0.1, cy + s * 0.5),
                (cx - s * 0.6, cy + s * 1.0)], color)


def people_group(cv, cx, cy, s, ks=(0, 1, 2)):
    n = len(ks)
    for i, k in enumerate(ks):
        T.person(cv, cx + (i - (n - 1) / 2.0) * s * 0.85, cy, k, s / 32.0)


def adult_child(cv, cx, cy, s):
    T.person(cv, cx - s * 0.35, cy - s * 0.2, 3, s / 28.0)
    T.person(cv, cx + s * 0.45, cy + s * 0.15, 1, s / 44.0)


def plug(cv, cx, cy, s):
    cv.round_rect(cx - s * 0.6, cy - s * 0.4, cx + s * 0.6, cy + s * 0.5, s * 0.15, INK)
    cv.rect(cx - s * 0.35, cy - s * 0.85, cx - s * 0.2, cy - s * 0.4, INK)
    cv.rect(cx + s * 0.2, cy - s * 0.85, cx + s * 0.35, cy - s * 0.4, INK)
    cv.line(cx, cy + s * 0.5, cx, cy + s * 1.1, 3, INK)


def gear(cv, cx, cy, s, color=GRID):
    for i in range(8):
        a = i * math.pi / 4
        cv.line(cx + math.cos(a) * s * 0.6, cy + math.sin(a) * s * 0.6,
                cx + math.cos(a) * s, cy + math.sin(a) * s, s * 0.35, color)
    cv.circle(cx, cy, s * 0.72, color)
    cv.circle(cx, cy, s * 0.3, WHITE)


def plus(cv, cx, cy, s, color=GREEN):
    cv.line(cx - s, cy, cx + s, cy, s * 0.45, color)
    cv.line(cx, cy - s, cx, cy + s, s * 0.45, color)


def big_switch(cv, cx, cy, s, on=True):
    cv.round_rect(cx - s * 0.5, cy - s, cx + s * 0.5, cy + s, s * 0.2, INK)
    cv.round_rect(cx - s * 0.35, cy - s * 0.85, cx + s * 0.35, cy + s * 0.85, s * 0.15, LIGHT)
    y = cy - s * 0.45 if on else cy + s * 0.45
    cv.round_rect(cx - s * 0.3, y - s * 0.35, cx + s * 0.3, y + s * 0.35, s * 0.1,
                  GREEN if on else VERMILLION)


def coins(cv, cx, cy, s):
    for i in range(4):
        y = cy + s * 0.6 - i * s * 0.35
        cv.fill(lambda x, yy, y=y: ((x - cx) / s) ** 2 + ((yy - y) / (s * 0.4)) ** 2 <= 1,
                (cx - s, y - s, cx + s, y + s), (190, 140, 0))
        cv.fill(lambda x, yy, y=y: ((x - cx) / (s * 0.95)) ** 2 + ((yy - y + 2) / (s * 0.35)) ** 2 <= 1,
                (cx - s, y - s, cx + s, y + s), ORANGE)


def clock(cv, cx, cy, s):
    cv.circle(cx, cy, s, INK)
    cv.circle(cx, cy, s - 3, WHITE)
    cv.line(cx, cy, cx, cy - s * 0.65, 3, INK)
    cv.line(cx, cy, cx + s * 0.45, cy + s * 0.2, 3, INK)


def round_badge(cv, cx, cy, r, pale):
    cv.circle(cx, cy, r, pale)
    cv.ring(cx, cy, r, 3, GRID)


def numbered_card(cv, x, y, w, h, n, pale):
    cv.round_rect(x, y, x + w, y + h, 8, GRID)
    cv.round_rect(x + 2, y + 2, x + w - 2, y + h - 2, 7, pale)
    badge(cv, x + 20, y + 20, n, 16)


# --- the pictures -------------------------------------------------------------

def draw_divide():
    cv = Canvas(W, H)
    cv.rect(0, 215, W, H, PALE_GREEN)
    # a jagged crack between the two villages
    crack = [(232, 215), (246, 232), (230, 246), (248, 258), (236, 270), (252, 270), (262, 258),
             (246, 246), (262, 232), (250, 215)]
    cv.polygon(crack, DARK)
    house(cv, 80, 215, 32, (250, 236, 200), YELLOW)
    mast(cv, 170, 215, 110, True)
    T_phone(cv, 120, 150)
    house(cv, 330, 215, 32, (200, 200, 200), DARK)
    mast(cv, 420, 215, 110, False)
    cv.circle(420, 80, 16, WHITE)
    cv.cross(420, 80, 11, 5, VERMILLION)
    return cv


def T_phone(cv, x, y):
    cv.round_rect(x, y, x + 34, y + 58, 5, INK)
    cv.rect(x + 4, y + 6, x + 30, y + 50, WHITE)
    cv.leaf(x + 17, y + 28, 26, 13, -0.8, D.LEAF, D.LEAF_DARK)


def draw_four_needs():
    cv = Canvas(W, H)
    xs = [62, 184, 306, 420]
    pales = [PALE_ORANGE, PALE_BLUE, PALE_GREEN, (240, 228, 240)]
    for x, pale in zip(xs, pales):
        round_badge(cv, x, 135, 54, pale)
    # power and networks: a bolt
    x = xs[0]
    cv.polygon([(x + 6, 92), (x - 20, 140), (x - 2, 140), (x - 10, 178), (x + 20, 124),
                (x + 2, 124), (x + 12, 92)], ORANGE)
    # data: a stack of cards
    x = xs[1]
    for i in range(4):
        cv.round_rect(x - 28 + i * 6, 100 + i * 12, x + 22 + i * 6, 140 + i * 12, 4, INK)
        cv.round_rect(x - 26 + i * 6, 102 + i * 12, x + 20 + i * 6, 138 + i * 12, 3,
                      [BLUE, ORANGE, GREEN, WHITE][i])
    # skills: a person with a book
    x = xs[2]
    T.person(cv, x - 12, 110, 2, 1.0)
    book(cv, x + 18, 150, 16, BLUE)
    # money and time
    x = xs[3]
    coins(cv, x - 18, 150, 16)
    clock(cv, x + 18, 118, 18)
    return cv


def draw_timeline():
    cv = Canvas(W, H)
    x0, per_month, axis = 22, 32.0, 190

    def at(month, day=1):           # months after 1 October 2023
        return x0 + (month + (day - 1) / 30.0) * per_month
    cv.rect(x0 - 6, axis - 2, at(12.6), axis + 2, INK)
    for m in range(13):
        big = m == 3                 # January 2024 starts a new year
        cv.rect(at(m) - (1.5 if big else 1), axis - (12 if big else 6), at(m) + (1.5 if big else 1),
                axis + (12 if big else 6), INK)
    digits(cv, "2023", (at(0) + at(3)) / 2, axis + 40, 22, DARK)
    digits(cv, "2024", (at(3) + at(12.6)) / 2, axis + 40, 22, DARK)
    cv.rect(at(3) - 1, axis + 14, at(3) + 1, axis + 60, LIGHT)
    # October 2023: the whole month is marked, the day is not told here
    cv.round_rect(at(0), axis - 6, at(1), axis + 6, 6, GREEN)
    lamp(cv, at(0.5), axis - 62, 17, YELLOW)
    cv.line(at(0.5), axis - 38, at(0.5), axis - 8, 2, GREEN)
    events = [(5, 21, "21", "78/265", BLUE), (9, 1, "1", "78/311", BLUE)]
    for month, day, d, code, color in events:
        x = at(month, day)
        cv.circle(x, axis, 8, color)
        digits(cv, d, x, axis + 12, 18, INK)
        document(cv, x - 50, axis - 112, 100, 74, color, PALE_BLUE)
        digits(cv, code, x - 4, axis - 84, 18, INK, 2.8)
        cv.line(x, axis - 38, x, axis - 9, 2, color)
    # 25 September 2024: the Action Plan, five dots and ten squares
    x = at(11, 25)
    cv.circle(x, axis, 8, ORANGE)
    digits(cv, "25", x, axis + 12, 18, INK)
    document(cv, x - 34, axis - 150, 66, 112, ORANGE, PALE_ORANGE)
    for i in range(5):
        cv.circle(x - 20 + i * 10, axis - 126, 4, ORANGE)
    for i in range(10):
        r, c = divmod(i, 2)
        cv.rect(x - 12 + c * 14, axis - 112 + r * 13, x - 3 + c * 14, axis - 103 + r * 13, INK)
    cv.line(x, axis - 38, x, axis - 9, 2, ORANGE)
    cv.arrow(at(9, 1) + 20, axis - 118, x - 36, axis - 134, 3, GRID, head=11)
    return cv


def draw_consensus():
    cv = Canvas(W, H)
    document(cv, 206, 92, 68, 86, BLUE, PALE_BLUE)
    for i in range(4):
        cv.line(218, 118 + i * 12, 258 - (i % 2) * 10, 118 + i * 12, 2.5, GRID)
    colours = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, (120, 72, 40)]
    for i in range(16):
        a = -math.pi / 2 + i * 2 * math.pi / 16
        x, y = 240 + math.cos(a) * 190, 135 + math.sin(a) * 108
        cv.circle(x, y, 17, colours[i % 8])
        cv.circle(x + 12, y + 10, 9, WHITE)
        cv.ring(x + 12, y + 10, 9, 1.5, GREEN)
        cv.tick(x + 12, y + 10, 5, 2.4, GREEN)
    return cv


def draw_cooperation():
    cv = Canvas(W, H)
    for x in (158, 318):
        cv.rect(x, 20, x + 2, 250, LIGHT)
    # North-South
    cv.circle(78, 70, 26, BLUE)
    cv.circle(78, 200, 26, ORANGE)
    cv.arrow(78, 110, 78, 165, 4, INK, head=12)
    cv.arrow(78, 160, 78, 104, 4, INK, head=12)
    # South-South
    cv.circle(198, 190, 26, ORANGE)
    cv.circle(280, 190, 26, ORANGE)
    cv.arrow(230, 190, 252, 190, 4, INK, head=10)
    cv.arrow(250, 190, 226, 190, 4, INK, head=10)
    # triangular
    top, left, right = (400, 70), (352, 200), (448, 200)
    for a, b in ((top, left), (top, right), (left, right)):
        cv.line(a[0], a[1], b[0], b[1], 4, INK)
    cv.circle(*top, 24, BLUE)
    cv.circle(*left, 24, ORANGE)
    cv.circle(*right, 24, ORANGE)
    return cv


def vision_icon(cv, n, cx, cy):
    if n == 1:
        mast(cv, cx - 14, cy + 34, 62, True)
        plug(cv, cx + 24, cy + 10, 18)
    elif n == 2:
        chip(cv, cx - 12, cy + 4, 15)
        plus(cv, cx + 26, cy - 18, 9)
        gear(cv, cx + 22, cy + 26, 14)
    elif n == 3:
        book(cv, cx, cy + 10, 26, BLUE)
    elif n == 4:
        database(cv, cx - 8, cy + 6, 22, BLUE, [ORANGE, GREEN, PURPLE])
        padlock(cv, cx + 26, cy + 26, 15)
    else:
        shield(cv, cx - 12, cy - 2, 22, GREEN)
        big_switch(cv, cx + 28, cy + 14, 18)


def draw_five_visions():
    cv = Canvas(W, H)
    pales = [PALE_BLUE, PALE_GREEN, PALE_ORANGE, (240, 228, 240), PALE_GREEN]
    for i in range(5):
        x = 8 + i * 94
        numbered_card(cv, x, 40, 88, 190, i + 1, pales[i])
        vision_icon(cv, i + 1, x + 44, 135)
    return cv


def draw_in_charge():
    cv = Canvas(W, H)
    h = T.laptop(cv, 40, 70, 170)
    chip(cv, 125, 70 + h / 2, 22)
    T.person(cv, 310, 110, 4, 1.8)
    cv.line(340, 165, 380, 150, 8, T.SKIN[4])
    big_switch(cv, 410, 160, 40)
    cv.ring(300, 40, 22, 5, INK)
    cv.line(315, 56, 332, 74, 6, INK)
    cv.circle(385, 48, 18, GREEN)
    cv.tick(385, 48, 9, 3.5, WHITE)
    return cv


def action_icon(cv, n, cx, cy):
    if n == 1:
        bridge(cv, cx, cy, 22)
    elif n == 2:
        chip(cv, cx - 22, cy, 12)
        cv.arrow(cx - 6, cy - 4, cx + 12, cy - 20, 2.5, INK, head=8)
        cv.arrow(cx - 4, cy, cx + 14, cy, 2.5, INK, head=8)
        cv.arrow(cx - 6, cy + 4, cx + 12, cy + 20, 2.5, INK, head=8)
        cv.leaf(cx + 28, cy - 24, 18, 9, -0.6, D.LEAF, D.LEAF_DARK)
        plus(cv, cx + 28, cy, 6, VERMILLION)
        cv.rect(cx + 20, cy + 17, cx + 36, cy + 29, BLUE)
    elif n == 3:
        cv.circle(cx, cy + 4, 24, SKY)
        cv.leaf(cx + 2, cy, 36, 18, -0.9, GREEN, D.LEAF_DARK)
    elif n == 4:
        hub(cv, cx, cy + 2, 24)
    elif n == 5:
        book(cv, cx, cy + 4, 22, BLUE)
    elif n == 6:
        table_people(cv, cx, cy + 10, 22)
    elif n == 7:
        cv.polygon([(cx + 22, cy - 30), (cx + 26, cy - 21), (cx + 35, cy - 20), (cx + 28, cy - 14),
                    (cx + 30, cy - 5), (cx + 22, cy - 10), (cx + 14, cy - 5), (cx + 16, cy - 14),
                    (cx + 9, cy - 20), (cx + 18, cy - 21)], ORANGE)
        adult_child(cv, cx - 4, cy - 2, 28)
    elif n == 8:
        bubble_small(cv, cx - 14, cy - 14, 16, BLUE)
        bubble_small(cv, cx + 16, cy - 2, 16, ORANGE)
        bubble_small(cv, cx - 8, cy + 18, 14, GREEN)
    elif n == 9:
        database(cv, cx, cy + 4, 22, BLUE)
    else:
        shield(cv, cx, cy - 2, 24, GREEN)


def draw_ten_actions():
    cv = Canvas(W, H)
    group = {1: PALE_BLUE, 2: PALE_BLUE, 3: PALE_BLUE, 4: PALE_BLUE, 5: PALE_ORANGE,
             6: PALE_ORANGE, 7: PALE_ORANGE, 8: PALE_GREEN, 9: PALE_GREEN, 10: PALE_GREEN}
    for n in range(1, 11):
        r, c = divmod(n - 1, 5)
        x, y = 8 + c * 94, 8 + r * 130
        numbered_card(cv, x, y, 88, 124, n, group[n])
        action_icon(cv, n, x + 46, y + 78)
    return cv


def draw_action_groups():
    cv = Canvas(W, H)
    panels = [("1", "4", PALE_BLUE), ("5", "7", PALE_ORANGE), ("8", "10", PALE_GREEN)]
    for i, (a, b, pale) in enumerate(panels):
        x = 10 + i * 156
        cv.round_rect(x, 20, x + 148, 250, 12, GRID)
        cv.round_rect(x + 2, 22, x + 146, 248, 11, pale)
        digits(cv, a, x + 42, 40, 30, INK)
        cv.line(x + 64, 56, x + 84, 56, 4, INK)
        digits(cv, b, x + 106 + (6 if len(b) > 1 else 0), 40, 30, INK)
    bridge(cv, 84, 170, 30)
    book(cv, 240, 140, 24, BLUE)
    people_group(cv, 240, 190, 34, (0, 3, 1))
    shield(cv, 396, 150, 40, GREEN)
    return cv


def draw_workshops():
    cv = Canvas(W, H)
    digits(cv, "2024", 90, 24, 26, INK)
    table_people(cv, 90, 150, 40)
    cv.arrow(168, 140, 210, 140, 5, INK, head=16)
    digits(cv, "2025", 345, 24, 26, INK)
    for i in range(10):
        r, c = divmod(i, 5)
        x, y = 245 + c * 50, 110 + r * 80
        cv.round_rect(x - 20, y, x + 20, y + 8, 3, (150, 100, 60))
        for k in range(2):
            cv.circle(x - 8 + k * 16, y - 12, 7, T.SKIN[(i + k) % 6])
            cv.round_rect(x - 15 + k * 16, y - 5, x - 1 + k * 16, y + 2, 3, T.CLOTHES[(i + k) % 6])
    return cv


def radio(cv, cx, cy, s):
    cv.line(cx + s * 0.3, cy - s * 0.6, cx + s * 0.8, cy - s * 1.2, 2.5, INK)
    cv.round_rect(cx - s, cy - s * 0.6, cx + s, cy + s * 0.6, s * 0.2, VERMILLION)
    cv.circle(cx - s * 0.45, cy, s * 0.35, INK)
    cv.rect(cx + s * 0.1, cy - s * 0.3, cx + s * 0.8, cy - s * 0.15, WHITE)
    cv.rect(cx + s * 0.1, cy + s * 0.05, cx + s * 0.8, cy + s * 0.2, WHITE)


def poster(cv, cx, cy, s):
    cv.rect(cx - s * 0.8, cy - s, cx + s * 0.8, cy + s, INK)
    cv.rect(cx - s * 0.7, cy - s * 0.9, cx + s * 0.7, cy + s * 0.9, PALE_ORANGE)
    lamp(cv, cx, cy - s * 0.3, s * 0.3, YELLOW)
    for i in range(2):
        cv.line(cx - s * 0.45, cy + s * 0.35 + i * s * 0.25, cx + s * 0.45, cy + s * 0.35 + i * s * 0.25, 2, GRID)


def draw_channels():
    cv = Canvas(W, H)
    centre = (240, 140)
    spots = [(70, 60), (240, 36), (410, 60), (70, 215), (240, 236), (410, 215)]
    for x, y in spots:
        cv.line(centre[0], centre[1], x, y, 2.5, LIGHT)
    round_badge(cv, centre[0], centre[1], 46, (255, 250, 220))
    lamp(cv, centre[0], centre[1] - 4, 20)
    radio(cv, 70, 60, 28)
    poster(cv, 240, 36, 26)
    T.laptop(cv, 375, 38, 70)
    T_phone(cv, 53, 186)
    people_group(cv, 240, 222, 30, (0, 2, 5))
    book(cv, 410, 215, 26, BLUE)
    return cv


def draw_five_steps():
    cv = Canvas(W, H)
    xs = [52, 146, 240, 334, 428]
    for i in range(4):
        cv.line(xs[i] + 30, 200, xs[i + 1] - 30, 200, 4, LIGHT)
    for i, x in enumerate(xs):
        cv.circle(x, 200, 30, PALE_BLUE if i < 4 else PALE_GREEN)
        cv.ring(x, 200, 30, 3, GRID)
        digits(cv, str(i + 1), x, 188, 24, INK)
    # 1 people talking
    bubble_small(cv, 36, 62, 14, SKY)
    bubble_small(cv, 70, 48, 14, ORANGE)
    people_group(cv, 52, 110, 28, (0, 3))
    # 2 a question mark
    cv.fill(lambda x, y: 14 ** 2 <= (x - 146) ** 2 + (y - 80) ** 2 <= 22 ** 2 and not (y > 80 and x < 146),
            (120, 55, 170, 105), VERMILLION)
    cv.line(146, 102, 146, 118, 8, VERMILLION)
    cv.circle(146, 134, 5, VERMILLION)
    # 3 a checklist
    cv.round_rect(212, 52, 268, 146, 6, INK)
    cv.round_rect(215, 55, 265, 143, 5, WHITE)
    for i in range(4):
        cv.frame(222, 64 + i * 20, 234, 76 + i * 20, 2, INK)
        cv.line(240, 70 + i * 20, 258, 70 + i * 20, 2.5, GRID)
    # 4 a small sprout in a pot; 5 a taller plant with a tick
    for x, tall in ((334, False), (428, True)):
        cv.polygon([(x - 18, 130), (x + 18, 130), (x + 13, 156), (x - 13, 156)], VERMILLION)
        top = 74 if tall else 104
        cv.line(x, 130, x, top, 4, D.LEAF_DARK)
        cv.leaf(x - 12, top + 14, 24, 11, 0.5, D.LEAF, D.LEAF_DARK)
        cv.leaf(x + 12, top + 6, 24, 11, -0.5, D.LEAF, D.LEAF_DARK)
        if tall:
            cv.leaf(x - 12, top + 36, 24, 11, 0.5, D.LEAF, D.LEAF_DARK)
            cv.circle(x + 28, 58, 14, GREEN)
            cv.tick(x + 28, 58, 7, 3, WHITE)
    return cv


def draw_planning_card():
    cv = Canvas(W, H)
    cv.round_rect(70, 8, 410, 262, 10, INK)
    cv.round_rect(73, 11, 407, 259, 9, (255, 253, 240))
    for i in range(6):
        y = 30 + i * 40
        cx = 108
        if i == 0:
            cv.polygon([(cx, y - 14), (cx + 16, y + 14), (cx - 16, y + 14)], ORANGE)
            cv.line(cx, y - 4, cx, y + 5, 3, INK)
            cv.circle(cx, y + 10, 2, INK)
        elif i == 1:
            for k in range(3):
                cv.circle(cx - 10, y - 8 + k * 8, 2.5, INK)
                cv.line(cx - 4, y - 8 + k * 8, cx + 12, y - 8 + k * 8, 2.5, INK)
        elif i == 2:
            chip(cv, cx, y, 10)
        elif i == 3:
            database(cv, cx, y + 2, 13)
        elif i == 4:
            people_group(cv, cx, y - 6, 18, (1, 4))
        else:
            cv.circle(cx, y, 14, GREEN)
            cv.tick(cx, y, 7, 3, WHITE)
        cv.line(140, y + 6, 390, y + 6, 2, LIGHT)
        cv.line(140, y - 8, 300 - i * 14, y - 8, 2, LIGHT)
        if i < 5:
            cv.rect(86, y + 19, 394, y + 20, (225, 225, 215))
    return cv


PICTURES = {
    "divide.png": draw_divide,
    "four-needs.png": draw_four_needs,
    "timeline.png": draw_timeline,
    "consensus.png": draw_consensus,
    "cooperation.png": draw_cooperation,
    "five-visions.png": draw_five_visions,
    "in-charge.png": draw_in_charge,
    "ten-actions.png": draw_ten_actions,
    "action-groups.png": draw_action_groups,
    "workshops.png": draw_workshops,
    "channels.png": draw_channels,
    "five-steps.png": draw_five_steps,
    "planning-card.png": draw_planning_card,
}


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "ai-plan", "media")
    D.write_pictures(PICTURES, out_dir, set(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
