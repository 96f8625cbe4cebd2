#!/usr/bin/env python3
"""Draw the newer pictures of the ai-basics and first-steps packs as small PNG files.

Standard library only: the canvas and PNG writer of make-diagrams.py and the figures
of make-teach-pictures.py and make-plan-pictures.py (beside this script) are reused,
so the output is deterministic in the same way. No words, no digits: the words are
in each image's `alt` text in the lessons.

What each picture shows (write the `alt` text from this):
ai-basics
  narrow-jobs.png     three separate frames, each holding one job and one chip: a leaf
                      with spots; a chequered board with two pieces; a map pin on a
                      winding road. Nothing joins the frames.
  robot-or-ai.png     left: a factory robot arm (base, two joints, a gripper) with no
                      chip; right: a phone with a chip on its screen; between them a
                      grey bar.
  wrong-label.png     six leaves in two rows, each with a tag on a string: healthy leaves
                      have blue tags, spotted leaves orange tags; one healthy leaf has
                      an orange tag and a red ring around it (a wrong label).
  mango-sort.png      six mangoes of different sizes: green ones, orange ones, and
                      orange ones with dark spots; an arrow; three baskets: green
                      mangoes (not ripe), spotted mangoes (juice), clean orange ones
                      (sell today).
  next-word.png       three word cards in a row (blank lines, no words) and an empty
                      dashed card after them; under the empty card three cards with
                      bars of different heights, the tallest bar in orange.
  fluent-true.png     a speech bubble full of smooth lines; an arrow to a magnifying
                      glass over an open book; a green tick and a red cross.
  farm-phone.png      a leaf with brown spots; a phone taking its photo; an arrow to a
                      person (an extension officer) with a green tick.
  clinic-queue.png    three patients sitting in a row, each with a coloured bar above
                      (red long, orange middle, green short); a nurse standing beside
                      them with a tick.
first-steps
  arrow-keys.png      four arrow keys in a cross and a wide Enter key with a bent
                      arrow on it.
  feedback.png        a question card with three choice rows, the middle one chosen;
                      an arrow to a panel with a big green tick and a lamp.
  question-kinds.png  six small cards: round dots (one filled); square boxes (two
                      ticked); a tick and a cross; three bars with up and down arrows;
                      two columns of dots joined by lines; a key with a text cursor.
  read-first.png      a magnifying glass over a question card with its choices; an
                      arrow to one choice with a tick.

Usage: python3 courses/tools/make-basics-pictures.py [COURSES_DIR] [NAME...]
(default: the courses folder above this script).
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
P = _load("make_plan_pictures", "make-plan-pictures.py")

Canvas, write_png = D.Canvas, D.write_png
WHITE, INK, GRID = D.WHITE, D.INK, D.GRID
BLUE, ORANGE, VERMILLION, GREEN, SKY = D.BLUE, D.ORANGE, D.VERMILLION, D.GREEN, D.SKY
PALE_BLUE, PALE_ORANGE, PALE_GREEN = D.PALE_BLUE, D.PALE_ORANGE, D.PALE_GREEN
LIGHT, YELLOW = T.LIGHT, T.YELLOW
W, H = 480, 270


def frame(cv, x0, y0, x1, y1, pale=WHITE):
    cv.round_rect(x0, y0, x1, y1, 10, GRID)
    cv.round_rect(x0 + 3, y0 + 3, x1 - 3, y1 - 3, 8, pale)


def spotted_leaf(cv, cx, cy, length, angle):
    cv.leaf(cx, cy, length, length * 0.48, angle, D.LEAF, D.LEAF_DARK)
    ca, sa = math.cos(angle), math.sin(angle)
    for du, dv, r in ((-0.12, 0.08, 0.07), (0.15, -0.06, 0.08), (0.27, 0.1, 0.05)):
        cv.circle(cx + du * length * ca - dv * length * sa, cy + du * length * sa + dv * length * ca,
                  r * length, D.SPOT)


def phone(cv, x, y, w=40, h=70, screen=WHITE):
    cv.round_rect(x, y, x + w, y + h, 6, INK)
    cv.rect(x + 4, y + 8, x + w - 4, y + h - 8, screen)


def draw_narrow_jobs():
    cv = Canvas(W, H)
    for i, pale in enumerate((PALE_GREEN, PALE_BLUE, PALE_ORANGE)):
        x = 12 + i * 156
        frame(cv, x, 30, x + 144, 240, pale)
        P.chip(cv, x + 72, 196, 14)
    spotted_leaf(cv, 84, 110, 90, -0.6)
    x0, y0, s = 200, 62, 18
    for r in range(4):
        for c in range(4):
            cv.rect(x0 + c * s, y0 + r * s, x0 + (c + 1) * s, y0 + (r + 1) * s,
                    INK if (r + c) % 2 else WHITE)
    cv.frame(x0 - 2, y0 - 2, x0 + 4 * s + 2, y0 + 4 * s + 2, 2, INK)
    cv.circle(x0 + s * 1.5, y0 + s * 0.5, 6, VERMILLION)
    cv.circle(x0 + s * 2.5, y0 + s * 3.5, 6, BLUE)
    prev = None
    for k in range(30):
        t = k / 29.0
        pt = (344 + 110 * t, 150 - 80 * t + 18 * math.sin(t * 7))
        if prev:
            cv.line(prev[0], prev[1], pt[0], pt[1], 6, GRID)
        prev = pt
    cv.circle(430, 80, 16, VERMILLION)
    cv.polygon([(416, 86), (444, 86), (430, 112)], VERMILLION)
    cv.circle(430, 80, 6, WHITE)
    return cv


def draw_robot_or_ai():
    cv = Canvas(W, H)
    cv.rect(236, 30, 244, 240, LIGHT)
    cv.rect(40, 220, 200, 232, GRID)
    cv.round_rect(80, 196, 160, 222, 6, ORANGE)
    cv.line(120, 200, 90, 110, 16, ORANGE)
    cv.circle(120, 200, 14, INK)
    cv.circle(90, 110, 13, INK)
    cv.line(90, 110, 170, 80, 14, ORANGE)
    cv.circle(170, 80, 10, INK)
    cv.line(170, 80, 192, 62, 5, INK)
    cv.line(170, 80, 196, 92, 5, INK)
    phone(cv, 320, 50, 90, 170, PALE_BLUE)
    P.chip(cv, 365, 135, 20)
    return cv


def mango(cv, cx, cy, s, color, spots=False):
    cv.fill(lambda x, y: ((x - cx) / (s * 0.78)) ** 2 + ((y - cy) / s) ** 2
            + 0.25 * (x - cx) * (y - cy) / (s * s) <= 1,
            (cx - s, cy - s, cx + s, cy + s), color)
    cv.line(cx, cy - s, cx + 3, cy - s - 7, 3, D.LEAF_DARK)
    if spots:
        for dx, dy in ((-0.3, -0.2), (0.25, 0.1), (-0.1, 0.45)):
            cv.circle(cx + dx * s, cy + dy * s, s * 0.16, D.SPOT)


def basket(cv, cx, top, w):
    cv.polygon([(cx - w / 2, top), (cx + w / 2, top), (cx + w * 0.4, top + 60),
                (cx - w * 0.4, top + 60)], (170, 120, 60))
    for i in range(3):
        cv.line(cx - w * 0.45, top + 15 + i * 16, cx + w * 0.45, top + 15 + i * 16, 2, (120, 80, 40))


def draw_mango_sort():
    cv = Canvas(W, H)
    ripe, green = ORANGE, (120, 170, 60)
    kinds = [(green, False), (ripe, True), (ripe, False)]
    pile = [(0, 20), (2, 16), (1, 17), (0, 21), (2, 18), (1, 15)]
    for i, (k, s) in enumerate(pile):
        r, c = divmod(i, 2)
        color, spots = kinds[k]
        mango(cv, 46 + c * 60, 58 + r * 76, s * 1.2, color, spots)
    cv.arrow(140, 135, 176, 135, 5, INK, head=14)
    for k, (color, spots) in enumerate(kinds):
        cx = 240 + k * 98
        for j in range(3):
            mango(cv, cx - 24 + j * 24, 150, 13, color, spots)
        basket(cv, cx, 160, 86)
    return cv


def draw_wrong_label():
    cv = Canvas(W, H)
    leaves = [(False, False), (True, False), (False, False), (False, True), (True, False),
              (False, False)]
    for i, (sick, wrong) in enumerate(leaves):
        r, c = divmod(i, 3)
        cx, cy = 90 + c * 150, 80 + r * 120
        D.tagged_leaf(cv, cx, cy, -0.3, sick, -14, 18)
        if wrong:               # a healthy leaf that carries the sick leaves' tag
            D.tagged_leaf(cv, cx, cy, -0.3, False, -14, 18)
            stalk = (cx - math.cos(-0.3) * 23 - 14, cy - math.sin(-0.3) * 23 + 18)
            cv.round_rect(stalk[0] - 8, stalk[1] - 6, stalk[0] + 8, stalk[1] + 6, 3, ORANGE)
            cv.circle(stalk[0] - 4, stalk[1], 1.8, WHITE)
            cv.ring(cx - 10, cy + 4, 52, 4, VERMILLION)
    return cv


def word_card(cv, x, y, w, h, dashed=False):
    if dashed:
        for i in range(0, int(w), 12):
            cv.rect(x + i, y, x + i + 6, y + 3, GRID)
            cv.rect(x + i, y + h - 3, x + i + 6, y + h, GRID)
        for j in range(0, int(h), 12):
            cv.rect(x, y + j, x + 3, y + j + 6, GRID)
            cv.rect(x + w - 3, y + j, x + w, y + j + 6, GRID)
        return
    T.card(cv, x, y, w, h)
    cv.line(x + 12, y + h / 2, x + w - 12, y + h / 2, 4, GRID)


def draw_next_word():
    cv = Canvas(W, H)
    for i in range(3):
        word_card(cv, 14 + i * 112, 40, 96, 50)
        cv.arrow(112 + i * 112, 65, 124 + i * 112, 65, 3, INK, head=8)
    word_card(cv, 350, 40, 110, 50, dashed=True)
    heights = [40, 110, 60]
    for i, hgt in enumerate(heights):
        x = 300 + i * 60
        cv.rect(x, 250 - hgt - 40, x + 40, 210, ORANGE if hgt == max(heights) else SKY)
        word_card(cv, x - 4, 214, 48, 36)
    cv.arrow(405, 140, 405, 96, 4, ORANGE, head=12)
    return cv


def draw_fluent_true():
    cv = Canvas(W, H)
    T.bubble(cv, 20, 50, 170, 120)
    for i in range(3):
        cv.line(34, 110 + i * 16, 176 - (i % 2) * 30, 110 + i * 16, 3, GRID)
    cv.arrow(205, 120, 250, 120, 5, INK)
    P.book(cv, 350, 150, 40, BLUE)
    cv.ring(330, 110, 34, 8, INK)
    cv.line(355, 135, 380, 160, 10, INK)
    cv.circle(420, 50, 20, GREEN)
    cv.tick(420, 50, 10, 4, WHITE)
    cv.circle(420, 220, 20, VERMILLION)
    cv.cross(420, 220, 8, 4, WHITE)
    return cv


def draw_farm_phone():
    cv = Canvas(W, H)
    spotted_leaf(cv, 80, 140, 120, -0.9)
    phone(cv, 180, 90, 60, 104, PALE_GREEN)
    spotted_leaf(cv, 210, 142, 46, -0.9)
    for a in (-0.5, 0.5):
        cv.line(178, 142, 150, 142 + 40 * a, 2, GRID)
    cv.arrow(260, 140, 310, 140, 5, INK)
    T.person(cv, 380, 110, 0, 2.0)
    cv.circle(430, 70, 18, GREEN)
    cv.tick(430, 70, 9, 3.5, WHITE)
    return cv


def draw_clinic_queue():
    cv = Canvas(W, H)
    cv.rect(20, 200, 330, 210, (150, 100, 60))
    for i, (color, length) in enumerate(((VERMILLION, 70), (ORANGE, 46), (GREEN, 24))):
        x = 70 + i * 100
        T.person(cv, x, 150, i + 2, 1.3)
        cv.rect(x - 35, 80, x + 35, 96, LIGHT)
        cv.rect(x - 35, 80, x - 35 + length, 96, color)
    T.person(cv, 410, 110, 0, 2.1)
    cv.rect(398, 140, 422, 146, WHITE)
    cv.rect(407, 131, 413, 155, WHITE)
    cv.circle(450, 60, 17, GREEN)
    cv.tick(450, 60, 8, 3.5, WHITE)
    return cv


def key(cv, x, y, w, h):
    cv.round_rect(x, y + 4, x + w, y + h + 4, 8, GRID)
    cv.round_rect(x, y, x + w, y + h, 8, WHITE)
    cv.round_frame(x, y, x + w, y + h, 8, 3, INK)


def draw_arrow_keys():
    cv = Canvas(W, H)
    s = 64
    for dx, dy, ang in ((1, 0, -math.pi / 2), (0, 1, math.pi), (1, 1, math.pi / 2), (2, 1, 0)):
        x, y = 40 + dx * (s + 8), 50 + dy * (s + 8)
        key(cv, x, y, s, s)
        cx, cy = x + s / 2, y + s / 2
        cv.arrow(cx - 14 * math.cos(ang), cy - 14 * math.sin(ang),
                 cx + 16 * math.cos(ang), cy + 16 * math.sin(ang), 5, INK, head=16)
    key(cv, 300, 50, 140, 136)
    cv.line(400, 90, 400, 140, 6, INK)
    cv.arrow(400, 140, 336, 140, 6, INK, head=20)
    return cv


def choice_rows(cv, x, y, w, chosen, kind="dot"):
    for i in range(3):
        yy = y + i * 34
        cv.round_rect(x, yy, x + w, yy + 26, 6, PALE_BLUE if i == chosen else (244, 244, 244))
        if kind == "dot":
            cv.ring(x + 16, yy + 13, 8, 2.5, INK)
            if i == chosen:
                cv.circle(x + 16, yy + 13, 4, INK)
        cv.line(x + 34, yy + 13, x + w - 16 - i * 14, yy + 13, 3, GRID)


def draw_feedback():
    cv = Canvas(W, H)
    T.card(cv, 20, 40, 200, 190)
    cv.line(40, 70, 190, 70, 4, INK)
    choice_rows(cv, 34, 100, 172, 1)
    cv.arrow(232, 135, 270, 135, 5, INK)
    cv.round_rect(284, 40, 464, 230, 12, PALE_GREEN)
    cv.circle(330, 100, 30, GREEN)
    cv.tick(330, 100, 15, 6, WHITE)
    P.lamp(cv, 412, 100, 20)
    for i in range(3):
        cv.line(304, 160 + i * 20, 444 - i * 24, 160 + i * 20, 3, GRID)
    return cv


def draw_question_kinds():
    cv = Canvas(W, H)
    cells = [(10, 10), (170, 10), (330, 10), (10, 140), (170, 140), (330, 140)]
    for x, y in cells:
        frame(cv, x, y, x + 140, y + 120)
    choice_rows(cv, 22, 24, 116, 0)
    x, y = 182, 24
    for i in range(3):
        yy = y + i * 34
        cv.frame(x + 4, yy + 4, x + 22, yy + 22, 2.5, INK)
        if i != 1:
            cv.tick(x + 13, yy + 13, 6, 2.5, GREEN)
        cv.line(x + 32, yy + 13, x + 110, yy + 13, 3, GRID)
    cv.circle(370, 70, 24, GREEN)
    cv.tick(370, 70, 12, 5, WHITE)
    cv.circle(430, 70, 24, VERMILLION)
    cv.cross(430, 70, 10, 5, WHITE)
    for i in range(3):
        cv.round_rect(22, 152 + i * 34, 110, 176 + i * 34, 5, [SKY, ORANGE, GREEN][i])
    cv.arrow(128, 205, 128, 160, 3, INK, head=9)
    cv.arrow(128, 205, 128, 248, 3, INK, head=9)
    for i in range(3):
        cv.circle(200, 165 + i * 34, 8, [BLUE, ORANGE, GREEN][i])
        cv.circle(290, 165 + i * 34, 8, [GREEN, BLUE, ORANGE][i])
    for a, b in ((0, 1), (1, 2), (2, 0)):
        cv.line(208, 165 + a * 34, 282, 165 + b * 34, 2.5, INK)
    key(cv, 350, 170, 100, 56)
    cv.line(372, 185, 372, 212, 3, INK)
    cv.line(380, 205, 430, 205, 3, GRID)
    return cv


def draw_read_first():
    cv = Canvas(W, H)
    T.card(cv, 40, 30, 240, 210)
    cv.line(62, 60, 250, 60, 4, INK)
    cv.line(62, 78, 200, 78, 4, INK)
    choice_rows(cv, 56, 108, 208, -1)
    cv.ring(200, 70, 40, 8, INK)
    cv.line(228, 98, 262, 132, 11, INK)
    cv.arrow(300, 150, 350, 150, 5, INK)
    cv.round_rect(360, 125, 460, 175, 8, PALE_GREEN)
    cv.circle(386, 150, 15, GREEN)
    cv.tick(386, 150, 8, 3.5, WHITE)
    cv.line(410, 150, 445, 150, 3, GRID)
    return cv


PICTURES = {
    "ai-basics": {
        "narrow-jobs.png": draw_narrow_jobs,
        "robot-or-ai.png": draw_robot_or_ai,
        "mango-sort.png": draw_mango_sort,
        "wrong-label.png": draw_wrong_label,
        "next-word.png": draw_next_word,
        "fluent-true.png": draw_fluent_true,
        "farm-phone.png": draw_farm_phone,
        "clinic-queue.png": draw_clinic_queue,
    },
    "first-steps": {
        "arrow-keys.png": draw_arrow_keys,
        "feedback.png": draw_feedback,
        "question-kinds.png": draw_question_kinds,
        "read-first.png": draw_read_first,
    },
}


def main(argv):
    courses = argv[1] if len(argv) > 1 else os.path.join(HERE, "..")
    for pack, pictures in PICTURES.items():
        D.write_pictures(pictures, os.path.join(courses, pack, "media"), set(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
