#!/usr/bin/env python3
"""Draw the pictures of the teach-ai-literacy pack as small PNG files.

Standard library only: the drawing and PNG writing of make-diagrams.py (beside this
script) are reused, so the output is deterministic in the same way. The pack is in
five languages, so the pictures hold no words and no digits: meaning comes from
shapes and colours (Okabe-Ito), and from each image's `alt` text in the lessons.

What each picture shows (write the `alt` text from this):
  day-plan.png        a long bar from left to right (the day) split into coloured
                      blocks with thin grey gaps (breaks); a sun low on the left, high
                      in the middle and low on the right; a cup over each gap.
  prepare.png         three laptops in a row, each with a full green battery; a USB
                      stick beside them; below, a row of six round faces in colours.
  pixel-drawing.png   a sheet of squared paper on which some squares are filled to make
                      a simple house; beside it a pencil.
  talk-circle.png     six people (round heads, shoulders) around a round table, with
                      two speech bubbles above them.
  card-tree.png       ten small cards in a row at the top; arrows split them into two
                      piles, and each pile into two smaller piles.
  fish-labels.png     left: fish and other shapes on cards with tags; some cards have a
                      tick, some a cross; one fish card has a wrong cross, circled in red.
  word-dice.png       a die showing three dots and three word cards in a chain joined
                      by arrows (blank lines on each card for words).
  check-answer.png    a phone with a speech bubble; an arrow to a person with a book
                      and a tick: check before trusting.
  teacher-pin.png     a laptop whose screen shows four dots and a padlock, and a
                      keypad of nine round keys.
  export-flow.png     three laptops on the left with arrows into a USB stick in the
                      middle, and an arrow from the stick to one laptop showing a bar
                      chart on the right.
  report-bars.png     a bar chart of eight questions: most bars blue, one very short
                      bar orange (a hard question), one bar red with a warning triangle
                      above it (check the answer key).
  top-bottom.png      two groups of people, the top group (left) and the bottom group
                      (right), each person with a tick or a cross; on one question the
                      bottom group has more ticks than the top group, flagged red.
  pre-post.png        two bars side by side for each of three learners: a short grey
                      bar (before) and a taller green bar (after), with an upward arrow.
  clipboard.png       a clipboard with a list of ten lines, each with a box; the top
                      boxes ticked.

Usage: python3 courses/tools/make-teach-pictures.py [OUTPUT_DIR]
(default: courses/teach-ai-literacy/media beside this script).
"""

import importlib.util
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("make_diagrams",
                                               os.path.join(HERE, "make-diagrams.py"))
D = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(D)

Canvas, write_png = D.Canvas, D.write_png
WHITE, INK, GRID = D.WHITE, D.INK, D.GRID
BLUE, ORANGE, VERMILLION, GREEN, SKY = D.BLUE, D.ORANGE, D.VERMILLION, D.GREEN, D.SKY
PALE_BLUE, PALE_ORANGE, PALE_GREEN = D.PALE_BLUE, D.PALE_ORANGE, D.PALE_GREEN
YELLOW = (240, 228, 66)
PURPLE = (204, 121, 167)
LIGHT = (232, 232, 232)
SKIN = [(141, 85, 36), (198, 134, 66), (224, 172, 105), (94, 56, 30), (241, 194, 125),
        (120, 72, 40)]
CLOTHES = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION]


def laptop(cv, x, y, w, screen=PALE_BLUE):
    h = w * 0.62
    cv.round_rect(x, y, x + w, y + h, 4, INK)
    cv.rect(x + 5, y + 5, x + w - 5, y + h - 5, screen)
    cv.polygon([(x - w * 0.1, y + h + 10), (x + w * 1.1, y + h + 10), (x + w, y + h),
                (x, y + h)], GRID)
    return h


def battery(cv, x, y, color=GREEN):
    cv.round_frame(x, y, x + 34, y + 16, 3, 2, INK)
    cv.rect(x + 34, y + 5, x + 38, y + 11, INK)
    cv.rect(x + 4, y + 4, x + 30, y + 12, color)


def usb_stick(cv, x, y, w=34, h=70):
    cv.rect(x + w * 0.22, y, x + w * 0.78, y + h * 0.25, GRID)
    cv.rect(x + w * 0.32, y + h * 0.07, x + w * 0.45, y + h * 0.15, WHITE)
    cv.rect(x + w * 0.55, y + h * 0.07, x + w * 0.68, y + h * 0.15, WHITE)
    cv.round_rect(x, y + h * 0.25, x + w, y + h, 6, BLUE)


def person(cv, cx, cy, k, scale=1.0):
    r = 13 * scale
    cv.round_rect(cx - 20 * scale, cy + r * 0.9, cx + 20 * scale, cy + r * 0.9 + 30 * scale,
                  12 * scale, CLOTHES[k % 6])
    cv.circle(cx, cy, r, SKIN[k % 6])


def sun(cv, cx, cy, r):
    for i in range(8):
        a = i * math.pi / 4
        cv.line(cx + math.cos(a) * (r + 4), cy + math.sin(a) * (r + 4),
                cx + math.cos(a) * (r + 11), cy + math.sin(a) * (r + 11), 3, ORANGE)
    cv.circle(cx, cy, r, YELLOW)


def cup(cv, cx, cy):
    cv.polygon([(cx - 11, cy - 10), (cx + 11, cy - 10), (cx + 8, cy + 10), (cx - 8, cy + 10)],
               VERMILLION)
    cv.ring(cx + 12, cy - 2, 7, 3, VERMILLION)
    for dx in (-4, 3):
        cv.line(cx + dx, cy - 16, cx + dx + 2, cy - 24, 2, GRID)


def bubble(cv, x, y, w, h, color=WHITE, tail_left=True):
    cv.round_rect(x - 2, y - 2, x + w + 2, y + h + 2, 12, INK)
    cv.round_rect(x, y, x + w, y + h, 10, color)
    tx = x + w * (0.25 if tail_left else 0.75)
    cv.polygon([(tx - 8, y + h - 1), (tx + 8, y + h - 1), (tx - 4, y + h + 14)], INK)
    cv.polygon([(tx - 6, y + h - 2), (tx + 6, y + h - 2), (tx - 3, y + h + 10)], color)
    for i in range(2):
        cv.line(x + 12, y + 14 + i * 14, x + w - 14 - i * 18, y + 14 + i * 14, 3, GRID)


def card(cv, x, y, w, h, fill=WHITE):
    cv.round_rect(x, y, x + w, y + h, 5, INK)
    cv.round_rect(x + 2, y + 2, x + w - 2, y + h - 2, 4, fill)


def fish(cv, cx, cy, s, color):
    cv.fill(lambda x, y: ((x - cx) / (s * 1.0)) ** 2 + ((y - cy) / (s * 0.55)) ** 2 <= 1,
            (cx - s, cy - s, cx + s, cy + s), color)
    cv.polygon([(cx + s * 0.8, cy), (cx + s * 1.5, cy - s * 0.55), (cx + s * 1.5, cy + s * 0.55)],
               color)
    cv.circle(cx - s * 0.5, cy - s * 0.12, s * 0.12, INK)


# --- the pictures -------------------------------------------------------------

def draw_day_plan():
    cv = Canvas(480, 220)
    blocks = [(30, 120, BLUE), (130, 200, GREEN), (210, 240, ORANGE), (250, 330, SKY),
              (340, 400, PURPLE), (410, 450, GREEN)]
    for x0, x1, color in blocks:
        cv.round_rect(x0, 120, x1, 160, 6, color)
    for x0, x1 in ((120, 130), (200, 210), (330, 340), (400, 410)):
        cv.rect(x0 + 2, 130, x1 - 2, 150, LIGHT)
    for gap in (125, 335):
        cup(cv, gap, 98)
    sun(cv, 40, 70, 14)
    sun(cv, 240, 40, 18)
    sun(cv, 440, 70, 14)
    cv.line(30, 185, 450, 185, 3, GRID)
    for x in range(30, 451, 42):
        cv.line(x, 178, x, 192, 3, GRID)
    return cv


def draw_prepare():
    cv = Canvas(480, 240)
    for i in range(3):
        x = 30 + i * 120
        laptop(cv, x, 30, 96)
        battery(cv, x + 30, 46)
    usb_stick(cv, 410, 30)
    for k in range(6):
        person(cv, 55 + k * 75, 160, k, 1.1)
    return cv


def draw_pixel_drawing():
    cv = Canvas(480, 240)
    cv.rect(60, 20, 300, 220, WHITE)
    cell = 20
    house = set()
    for r in range(4, 9):
        for c in range(2, 10):
            house.add((r, c))
    for r in range(0, 4):
        for c in range(5 - r, 7 + r):
            house.add((r + 1, c))
    for r in (6, 7, 8):
        house.discard((r, 5))
        house.discard((r, 6))
    for r in range(10):
        for c in range(12):
            x, y = 60 + c * cell, 20 + r * cell
            if (r, c) in house:
                cv.rect(x, y, x + cell, y + cell, VERMILLION if r < 4 else BLUE)
            cv.frame(x, y, x + cell + 1, y + cell + 1, 1, GRID)
    cv.polygon([(340, 200), (420, 60), (436, 70), (356, 210)], ORANGE)
    cv.polygon([(340, 200), (356, 210), (336, 222)], PALE_ORANGE)
    cv.polygon([(420, 60), (436, 70), (442, 58), (428, 50)], VERMILLION)
    return cv


def draw_talk_circle():
    cv = Canvas(480, 260)
    cv.fill(lambda x, y: ((x - 240) / 110) ** 2 + ((y - 170) / 40) ** 2 <= 1,
            (120, 120, 360, 220), PALE_ORANGE)
    spots = [(120, 150), (180, 115), (300, 115), (360, 150), (180, 215), (300, 215)]
    for k, (x, y) in enumerate(spots):
        person(cv, x, y - 20, k)
    bubble(cv, 120, 10, 110, 60)
    bubble(cv, 270, 20, 100, 50, PALE_BLUE, tail_left=False)
    return cv


def draw_card_tree():
    cv = Canvas(480, 260)
    colors = [BLUE, ORANGE, GREEN, SKY, PURPLE, VERMILLION, BLUE, GREEN, ORANGE, SKY]
    for i, c in enumerate(colors):
        x = 28 + i * 43
        card(cv, x, 14, 34, 44)
        cv.circle(x + 17, 36, 9, c)
    cv.arrow(240, 66, 130, 118, 4, INK)
    cv.arrow(240, 66, 350, 118, 4, INK)
    for base, cs in ((80, colors[:5]), (300, colors[5:])):
        for i, c in enumerate(cs[:3]):
            card(cv, base + i * 8, 124 + i * 4, 34, 44)
            cv.circle(base + i * 8 + 17, 146 + i * 4, 9, c)
    for x0 in (115, 335):
        cv.arrow(x0, 180, x0 - 50, 208, 3, INK)
        cv.arrow(x0, 180, x0 + 50, 208, 3, INK)
        for dx in (-70, 40):
            card(cv, x0 + dx, 210, 30, 40)
    return cv


def draw_fish_labels():
    cv = Canvas(480, 240)
    items = [("fish", True), ("ball", False), ("fish", True), ("leaf", False), ("fish", False),
             ("fish", True)]
    for i, (kind, tick) in enumerate(items):
        x, y = 20 + (i % 3) * 150, 20 + (i // 3) * 110
        card(cv, x, y, 130, 90)
        if kind == "fish":
            fish(cv, x + 55, y + 45, 28, BLUE if i != 4 else SKY)
        elif kind == "ball":
            cv.circle(x + 60, y + 45, 26, ORANGE)
        else:
            cv.leaf(x + 60, y + 45, 60, 30, 0.4, D.LEAF, D.LEAF_DARK)
        if tick:
            cv.tick(x + 112, y + 20, 10, 4, GREEN)
        else:
            cv.cross(x + 112, y + 20, 8, 4, VERMILLION)
    cv.ring(20 + 150 + 65, 130 + 45, 62, 4, VERMILLION)
    return cv


def draw_word_dice():
    cv = Canvas(480, 200)
    cv.round_rect(20, 60, 100, 140, 12, INK)
    cv.round_rect(23, 63, 97, 137, 10, WHITE)
    for dx, dy in ((-20, -20), (0, 0), (20, 20)):
        cv.circle(60 + dx, 100 + dy, 7, INK)
    for i in range(3):
        x = 140 + i * 115
        card(cv, x, 60, 90, 80, PALE_GREEN if i < 2 else PALE_ORANGE)
        cv.line(x + 14, 90, x + 76, 90, 4, GRID)
        cv.line(x + 14, 110, x + 56, 110, 4, GRID)
        if i < 2:
            cv.arrow(x + 94, 100, x + 112, 100, 3, INK, 10)
    cv.arrow(104, 100, 136, 100, 3, INK, 10)
    return cv


def draw_check_answer():
    cv = Canvas(480, 240)
    cv.round_rect(40, 30, 140, 210, 14, INK)
    cv.rect(50, 48, 130, 190, PALE_BLUE)
    bubble(cv, 58, 70, 64, 54)
    cv.arrow(160, 120, 250, 120, 5, INK)
    person(cv, 320, 100, 2, 1.6)
    cv.polygon([(360, 150), (420, 140), (420, 190), (360, 200)], BLUE)
    cv.polygon([(360, 150), (300, 140), (300, 190), (360, 200)], SKY)
    cv.circle(420, 60, 26, GREEN)
    cv.tick(420, 60, 13, 5, WHITE)
    return cv


def draw_teacher_pin():
    cv = Canvas(480, 240)
    laptop(cv, 30, 40, 220)
    for i in range(4):
        cv.circle(70 + i * 26, 110, 9, INK)
    cv.ring(204, 96, 12, 4, GRID)
    cv.round_rect(186, 96, 222, 128, 4, ORANGE)
    for r in range(3):
        for c in range(3):
            cv.circle(320 + c * 50, 50 + r * 50, 20, BLUE if (r + c) % 2 == 0 else SKY)
    cv.circle(370, 200, 20, BLUE)
    return cv


def draw_export_flow():
    cv = Canvas(480, 240)
    for i in range(3):
        y = 20 + i * 72
        laptop(cv, 20, y, 80)
        cv.arrow(120, y + 30, 205, 110, 3, INK, 10)
    usb_stick(cv, 215, 80, 40, 80)
    cv.arrow(270, 120, 330, 120, 4, INK)
    h = laptop(cv, 345, 80, 115, WHITE)
    for k, bh in enumerate((30, 45, 20, 38)):
        cv.rect(360 + k * 22, 80 + h - 8 - bh, 376 + k * 22, 80 + h - 8, GREEN)
    return cv


def draw_report_bars():
    cv = Canvas(480, 240)
    cv.line(40, 210, 450, 210, 3, INK)
    cv.line(40, 20, 40, 210, 3, INK)
    heights = [150, 120, 165, 20, 135, 110, 150, 95]
    for i, bh in enumerate(heights):
        x = 60 + i * 48
        color = ORANGE if i == 3 else VERMILLION if i == 5 else BLUE
        cv.rect(x, 210 - bh, x + 32, 208, color)
    tx, ty = 60 + 5 * 48 + 16, 210 - 110 - 40
    cv.polygon([(tx, ty - 20), (tx - 20, ty + 14), (tx + 20, ty + 14)], VERMILLION)
    cv.polygon([(tx, ty - 12), (tx - 13, ty + 9), (tx + 13, ty + 9)], YELLOW)
    cv.rect(tx - 2, ty - 4, tx + 2, ty + 3, INK)
    cv.circle(tx, ty + 6, 2, INK)
    return cv


def draw_top_bottom():
    cv = Canvas(480, 240)
    cv.round_rect(10, 10, 230, 230, 14, PALE_GREEN)
    cv.round_rect(250, 10, 470, 230, 14, PALE_ORANGE)
    for g, (x0, ticks) in enumerate(((30, (1, 0, 0, 0)), (270, (1, 1, 1, 0)))):
        for k in range(4):
            x = x0 + 25 + (k % 2) * 95
            y = 50 + (k // 2) * 100
            person(cv, x, y, k + 3 * g)
            if ticks[k]:
                cv.tick(x + 40, y + 5, 11, 4, GREEN)
            else:
                cv.cross(x + 40, y + 5, 9, 4, VERMILLION)
    cv.arrow(230, 120, 250, 120, 3, VERMILLION, 9)
    return cv


def draw_pre_post():
    cv = Canvas(480, 240)
    cv.line(30, 210, 450, 210, 3, INK)
    for i, (a, b) in enumerate(((50, 130), (80, 150), (40, 110))):
        x = 60 + i * 140
        cv.rect(x, 210 - a, x + 40, 208, GRID)
        cv.rect(x + 50, 210 - b, x + 90, 208, GREEN)
        cv.arrow(x + 20, 210 - a - 12, x + 70, 210 - b - 14, 3, INK, 10)
    return cv


def draw_clipboard():
    cv = Canvas(480, 240)
    cv.round_rect(150, 20, 330, 230, 10, (150, 105, 60))
    cv.rect(165, 40, 315, 220, WHITE)
    cv.round_rect(205, 12, 275, 36, 6, GRID)
    for i in range(10):
        y = 50 + i * 17
        cv.frame(175, y, 188, y + 13, 2, INK)
        cv.line(198, y + 7, 300 - (i % 3) * 20, y + 7, 3, GRID)
        if i < 4:
            cv.tick(182, y + 5, 6, 2.5, GREEN)
    return cv


PICTURES = {
    "day-plan.png": draw_day_plan,
    "prepare.png": draw_prepare,
    "pixel-drawing.png": draw_pixel_drawing,
    "talk-circle.png": draw_talk_circle,
    "card-tree.png": draw_card_tree,
    "fish-labels.png": draw_fish_labels,
    "word-dice.png": draw_word_dice,
    "check-answer.png": draw_check_answer,
    "teacher-pin.png": draw_teacher_pin,
    "export-flow.png": draw_export_flow,
    "report-bars.png": draw_report_bars,
    "top-bottom.png": draw_top_bottom,
    "pre-post.png": draw_pre_post,
    "clipboard.png": draw_clipboard,
}


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "teach-ai-literacy", "media")
    D.write_pictures(PICTURES, out_dir, set(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
