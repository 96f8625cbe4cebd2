#!/usr/bin/env python3
"""Draw the pictures of the safe-fair-ai pack as small PNG files.

Uses the Canvas and PNG writer of make-diagrams.py (standard library only, rasterised
at 3x and averaged down, deterministic output). Like those diagrams, these pictures
hold no words, letters or digits, so they serve every language of the pack: meaning
comes from shapes and colours (Okabe-Ito) and from each image's `alt` text.

What each picture shows (write the `alt` text from this):
  fake-call.png        a phone with an incoming call: a round face over a wavy sound
                       line, and behind the face a second face made of small squares
                       (a mask); on the right a person holds a phone to the ear.
  check-steps.png      four steps joined by arrows: a red octagon stop sign; a
                       magnifying glass over a sheet of paper; a phone with a curved
                       arrow going back; two people side by side, talking.
  uneven-data.png      a box of small people: many blue, few orange; an arrow; a
                       balance whose beam tips down on the blue side.
  tell-someone.png     a girl speaking to a taller adult (speech lines between them);
                       behind them a phone whose screen shows a shield.
  app-permissions.png  a phone with four rows: camera, microphone, location pin, a
                       person (contacts); beside each a switch: only the camera's is on.
  delete-data.png      a phone; cards (a photo, a pin, a person) fly from it along an
                       arrow into a bin.
  ai-homework.png      a learner at a desk writing; a screen with a speech bubble of
                       lines; an arrow to an open book under a magnifying glass.
  confident-wrong.png  a card with a triangle; a screen answering with a circle and a
                       big tick; an open book showing a triangle; a cross over the
                       screen's circle.
  feed-learns.png      a phone with a mixed feed (circle, triangle, square rows); a tap
                       on the orange-square row; an arrow; the same phone with a feed of
                       orange squares only.
  filter-bubble.png    a person inside a pale bubble holding only orange squares;
                       outside it, shapes of many colours.
  jobs-change.png      a person beside a tall pile of paper; an arrow; the same person
                       with a tablet showing bars.
  data-labellers.png   three people at desks, each screen showing a picture with a box
                       drawn around a shape; a clock above them.
  data-centre.png      a building of server racks with small lights; a power line with a
                       lightning bolt going in; a pipe with water drops going in; a
                       cooling tower with steam rising.
  small-large-model.png  a small box with one bolt and one drop beside a large box with
                       many bolts and many drops.

Usage: python3 courses/tools/make-safe-fair-pictures.py [OUTPUT_DIR]
(default: courses/safe-fair-ai/media beside this script).
"""

import importlib.util
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("make_diagrams",
                                               os.path.join(HERE, "make-diagrams.py"))
md = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(md)
Canvas, write_png = md.Canvas, md.write_png
WHITE, INK, GRID = md.WHITE, md.INK, md.GRID
BLUE, ORANGE, VERMILLION, GREEN, SKY = md.BLUE, md.ORANGE, md.VERMILLION, md.GREEN, md.SKY
PALE_BLUE, PALE_ORANGE, PALE_GREEN = md.PALE_BLUE, md.PALE_ORANGE, md.PALE_GREEN
SKIN = (196, 140, 100)
SKIN_DARK = (140, 95, 65)
RED = (200, 40, 40)
YELLOW = (240, 200, 40)
GREY = (150, 150, 150)
LIGHT = (225, 225, 225)
SCREEN = (236, 244, 250)


def person(cv, cx, feet, height, body, skin=SKIN):
    """A standing person: round head over a rounded body; feet at y = feet."""
    head_r = height * 0.14
    top = feet - height
    cv.circle(cx, top + head_r, head_r, skin)
    half = height * 0.2
    cv.round_rect(cx - half, top + head_r * 2.25, cx + half, feet, half * 0.7, body)


def phone(cv, x0, y0, x1, y1):
    cv.round_rect(x0, y0, x1, y1, 12, INK)
    cv.round_rect(x0 + 6, y0 + 16, x1 - 6, y1 - 16, 4, SCREEN)


def wave(cv, x0, x1, y, amp, color, width=3, periods=3):
    prev = None
    steps = 60
    for i in range(steps + 1):
        x = x0 + (x1 - x0) * i / steps
        yy = y + amp * math.sin(2 * math.pi * periods * i / steps) * math.sin(math.pi * i / steps)
        if prev:
            cv.line(prev[0], prev[1], x, yy, width, color)
        prev = (x, yy)


def magnifier(cv, cx, cy, r, color=INK):
    cv.ring(cx, cy, r, 5, color)
    cv.line(cx + r * 0.72, cy + r * 0.72, cx + r * 1.6, cy + r * 1.6, 7, color)


def paper(cv, x0, y0, x1, y1, lines=4):
    cv.rect(x0, y0, x1, y1, GREY)
    cv.rect(x0 + 2, y0 + 2, x1 - 2, y1 - 2, WHITE)
    step = (y1 - y0) / (lines + 1)
    for i in range(lines):
        y = y0 + step * (i + 1)
        cv.line(x0 + 8, y, x1 - 8 - (i % 2) * 10, y, 2.5, GREY)


def octagon(cv, cx, cy, r, color):
    pts = [(cx + r * math.cos(math.pi / 8 + i * math.pi / 4),
            cy + r * math.sin(math.pi / 8 + i * math.pi / 4)) for i in range(8)]
    cv.polygon(pts, color)


def curved_arrow(cv, cx, cy, r, a0, a1, width, color):
    """An arc from angle a0 to a1 (radians, screen coordinates) with a head at a1."""
    steps = 24
    pts = [(cx + r * math.cos(a0 + (a1 - a0) * i / steps),
            cy + r * math.sin(a0 + (a1 - a0) * i / steps)) for i in range(steps + 1)]
    for a, b in zip(pts[:-2], pts[1:-1]):
        cv.line(a[0], a[1], b[0], b[1], width, color)
    cv.arrow(pts[-3][0], pts[-3][1], pts[-1][0], pts[-1][1], width, color, head=width * 3.5)


def bolt(cv, cx, cy, s, color=YELLOW):
    cv.polygon([(cx + 0.2 * s, cy - s), (cx - 0.45 * s, cy + 0.1 * s), (cx - 0.02 * s, cy + 0.1 * s),
                (cx - 0.2 * s, cy + s), (cx + 0.45 * s, cy - 0.1 * s), (cx + 0.02 * s, cy - 0.1 * s)],
               color)


def drop(cv, cx, cy, s, color=SKY):
    cv.circle(cx, cy + s * 0.35, s * 0.55, color)
    cv.polygon([(cx, cy - s * 0.8), (cx + s * 0.5, cy + s * 0.2), (cx - s * 0.5, cy + s * 0.2)], color)


def shape(cv, kind, x, y, s, color):
    if kind == "circle":
        cv.circle(x, y, s, color)
    elif kind == "square":
        cv.rect(x - s * 0.85, y - s * 0.85, x + s * 0.85, y + s * 0.85, color)
    else:
        cv.polygon([(x, y - s * 1.1), (x + s, y + s * 0.8), (x - s, y + s * 0.8)], color)


def switch(cv, x, y, on):
    cv.round_rect(x, y - 9, x + 34, y + 9, 9, GREEN if on else (185, 185, 185))
    cv.circle(x + (25 if on else 9), y, 7, WHITE)


# --- lesson 1 -------------------------------------------------------------------

def draw_fake_call():
    cv = Canvas(480, 260)
    phone(cv, 50, 14, 180, 246)
    for gy in range(6):                      # the mask: a face made of squares
        for gx in range(6):
            dx, dy = gx - 2.5, gy - 2.5
            if dx * dx + dy * dy <= 8:
                shade = (110 + 20 * ((gx + gy) % 3),) * 3
                cv.rect(118 + gx * 10, 58 + gy * 10, 127 + gx * 10, 67 + gy * 10, shade)
    cv.circle(110, 100, 30, SKIN)
    cv.circle(100, 94, 4, INK)
    cv.circle(120, 94, 4, INK)
    cv.line(100, 112, 120, 112, 3, SKIN_DARK)
    wave(cv, 66, 164, 178, 18, BLUE)
    person(cv, 340, 240, 190, VERMILLION)
    cv.round_rect(368, 66, 384, 104, 4, INK)     # phone at the ear
    cv.circle(326, 80, 3.5, INK)
    cv.circle(346, 80, 3.5, INK)
    cv.line(331, 66, 322, 71, 2.5, INK)          # brows raised in the middle: worried
    cv.line(341, 66, 350, 71, 2.5, INK)
    wave(cv, 200, 290, 90, 10, GREY, 2.5, 2)
    return cv


def draw_check_steps():
    cv = Canvas(480, 150)
    octagon(cv, 58, 75, 42, RED)
    octagon(cv, 58, 75, 34, (230, 230, 230))
    octagon(cv, 58, 75, 30, RED)
    paper(cv, 150, 35, 205, 110)
    magnifier(cv, 186, 70, 20)
    phone(cv, 290, 28, 332, 122)
    curved_arrow(cv, 311, 75, 34, -0.2, -math.pi + 0.2, 4, BLUE)
    person(cv, 400, 128, 100, BLUE)
    person(cv, 446, 128, 92, ORANGE)
    for i, x in enumerate((104, 232, 350)):
        cv.arrow(x, 75, x + 26, 75, 4, INK, head=12)
    return cv


# --- lesson 2 -------------------------------------------------------------------

def draw_uneven_data():
    cv = Canvas(480, 260)
    cv.round_frame(10, 20, 230, 240, 10, 3, GRID, WHITE)
    k = 0
    for row in range(3):
        for col in range(5):
            color = ORANGE if k in (6, 13) else BLUE
            person(cv, 42 + col * 40, 90 + row * 68, 58, color)
            k += 1
    cv.arrow(240, 130, 282, 130, 5, INK, head=15)
    cv.polygon([(370, 120), (342, 232), (398, 232)], GREY)       # stand
    tilt = 0.28
    ax, ay = 370 - 76 * math.cos(tilt), 120 + 76 * math.sin(tilt)
    bx, by = 370 + 76 * math.cos(tilt), 120 - 76 * math.sin(tilt)
    cv.line(ax, ay, bx, by, 6, INK)
    for (x, y), color in (((ax, ay), BLUE), ((bx, by), ORANGE)):
        cv.line(x, y, x - 20, y + 40, 2, INK)
        cv.line(x, y, x + 20, y + 40, 2, INK)
        cv.round_rect(x - 28, y + 38, x + 28, y + 48, 4, color)
    return cv


def draw_tell_someone():
    cv = Canvas(480, 260)
    phone(cv, 330, 30, 440, 240)
    cv.polygon([(385, 80), (420, 94), (414, 150), (385, 176), (356, 150), (350, 94)], GREEN)
    md.Canvas.tick(cv, 385, 124, 16, 6, WHITE)
    person(cv, 90, 245, 150, ORANGE)                 # the girl
    cv.circle(90, 108, 22, INK)                      # her hair, then her face
    cv.circle(90, 120, 19, SKIN)
    person(cv, 240, 245, 210, BLUE)                  # the trusted adult
    for dy in (-14, 0, 14):                          # she is speaking
        cv.line(124, 122 + dy * 0.6, 150, 122 + dy * 1.4, 3, INK)
    return cv


# --- lesson 3 -------------------------------------------------------------------

def draw_app_permissions():
    cv = Canvas(480, 260)
    phone(cv, 130, 8, 350, 252)
    rows = [54, 104, 154, 204]
    x = 175
    cv.round_rect(x - 20, rows[0] - 14, x + 20, rows[0] + 14, 5, INK)        # camera
    cv.circle(x, rows[0], 9, SCREEN)
    cv.circle(x, rows[0], 5, INK)
    cv.round_rect(x - 8, rows[1] - 18, x + 8, rows[1] + 6, 8, INK)          # microphone
    cv.line(x - 13, rows[1] + 2, x, rows[1] + 14, 3, INK)
    cv.line(x + 13, rows[1] + 2, x, rows[1] + 14, 3, INK)
    cv.line(x, rows[1] + 14, x, rows[1] + 20, 3, INK)
    cv.circle(x, rows[2] - 6, 12, VERMILLION)                                # location pin
    cv.polygon([(x - 10, rows[2]), (x + 10, rows[2]), (x, rows[2] + 20)], VERMILLION)
    cv.circle(x, rows[2] - 6, 5, SCREEN)
    person(cv, x, rows[3] + 18, 38, BLUE)                                    # contacts
    for y in rows:
        cv.line(210, y, 260, y, 3, LIGHT)
    for y, on in zip(rows, (True, False, False, False)):
        switch(cv, 280, y, on)
    return cv


def draw_delete_data():
    cv = Canvas(480, 260)
    phone(cv, 20, 20, 140, 240)
    cv.arrow(150, 130, 330, 130, 4, GREY, head=14)
    cards = [(190, 90, -0.2), (245, 150, 0.15), (300, 95, -0.1)]
    for i, (cx, cy, _) in enumerate(cards):
        cv.round_rect(cx - 24, cy - 20, cx + 24, cy + 20, 4, INK)
        cv.rect(cx - 20, cy - 16, cx + 20, cy + 16, WHITE)
        if i == 0:
            cv.polygon([(cx - 16, cy + 12), (cx - 4, cy - 6), (cx + 6, cy + 12)], GREEN)
            cv.circle(cx + 10, cy - 7, 4, ORANGE)
        elif i == 1:
            cv.circle(cx, cy - 4, 7, VERMILLION)
            cv.polygon([(cx - 6, cy), (cx + 6, cy), (cx, cy + 12)], VERMILLION)
        else:
            person(cv, cx, cy + 16, 30, BLUE)
    cv.polygon([(350, 110), (450, 110), (438, 240), (362, 240)], GREY)     # bin
    cv.round_rect(340, 96, 460, 110, 4, INK)
    cv.round_rect(385, 86, 415, 98, 4, INK)
    for x in (378, 400, 422):
        cv.line(x, 124, x + (x - 400) * 0.1, 226, 3, LIGHT)
    return cv


# --- lesson 4 -------------------------------------------------------------------

def draw_ai_homework():
    cv = Canvas(480, 260)
    person(cv, 70, 200, 150, GREEN)
    cv.rect(20, 170, 200, 180, SKIN_DARK)                       # desk
    cv.rect(30, 180, 40, 250, SKIN_DARK)
    cv.rect(180, 180, 190, 250, SKIN_DARK)
    paper(cv, 100, 130, 160, 170, 2)
    cv.round_rect(200, 40, 300, 130, 6, INK)                    # screen
    cv.rect(206, 46, 294, 124, SCREEN)
    cv.rect(244, 130, 256, 150, INK)
    cv.round_rect(214, 56, 286, 100, 8, PALE_BLUE)
    cv.polygon([(226, 100), (240, 100), (224, 112)], PALE_BLUE)
    for i, y in enumerate((68, 78, 88)):
        cv.line(222, y, 278 - i * 12, y, 3, BLUE)
    cv.arrow(306, 90, 346, 90, 4, INK, head=12)
    cv.polygon([(360, 70), (410, 80), (410, 170), (360, 160)], WHITE)   # open book
    cv.polygon([(410, 80), (460, 70), (460, 160), (410, 170)], WHITE)
    for pts in ([(360, 70), (410, 80)], [(410, 80), (460, 70)], [(360, 160), (410, 170)],
                [(410, 170), (460, 160)], [(360, 70), (360, 160)], [(460, 70), (460, 160)],
                [(410, 80), (410, 170)]):
        cv.line(pts[0][0], pts[0][1], pts[1][0], pts[1][1], 3, INK)
    for i in range(4):
        cv.line(368, 96 + i * 14, 402, 102 + i * 14, 2, GREY)
        cv.line(418, 102 + i * 14, 452, 96 + i * 14, 2, GREY)
    magnifier(cv, 420, 120, 22, ORANGE)
    return cv


def draw_confident_wrong():
    cv = Canvas(480, 260)
    cv.round_rect(20, 70, 120, 170, 8, GREY)
    cv.round_rect(23, 73, 117, 167, 6, WHITE)
    shape(cv, "triangle", 70, 122, 30, ORANGE)
    cv.arrow(128, 120, 160, 120, 4, INK, head=12)
    cv.round_rect(170, 50, 310, 190, 8, INK)
    cv.rect(178, 58, 302, 182, SCREEN)
    cv.circle(215, 120, 26, ORANGE)
    md.Canvas.tick(cv, 272, 118, 18, 7, GREEN)
    cv.line(188, 88, 242, 152, 8, RED)
    cv.line(188, 152, 242, 88, 8, RED)
    cv.polygon([(340, 80), (395, 90), (395, 180), (340, 170)], WHITE)
    cv.polygon([(395, 90), (450, 80), (450, 170), (395, 180)], WHITE)
    for a, b in (((340, 80), (395, 90)), ((395, 90), (450, 80)), ((340, 170), (395, 180)),
                 ((395, 180), (450, 170)), ((340, 80), (340, 170)), ((450, 80), (450, 170)),
                 ((395, 90), (395, 180))):
        cv.line(a[0], a[1], b[0], b[1], 3, INK)
    shape(cv, "triangle", 422, 132, 20, ORANGE)
    for i in range(3):
        cv.line(348, 110 + i * 16, 387, 116 + i * 16, 2, GREY)
    return cv


# --- lesson 5 -------------------------------------------------------------------

FEED_MIX = [("circle", BLUE), ("triangle", GREEN), ("square", ORANGE), ("circle", SKY),
            ("triangle", VERMILLION)]


def feed(cv, x0, rows):
    phone(cv, x0, 10, x0 + 130, 250)
    for i, (kind, color) in enumerate(rows):
        y = 46 + i * 40
        shape(cv, kind, x0 + 30, y, 11, color)
        cv.line(x0 + 52, y - 5, x0 + 110, y - 5, 3, LIGHT)
        cv.line(x0 + 52, y + 6, x0 + 95, y + 6, 3, LIGHT)


def draw_feed_learns():
    cv = Canvas(480, 260)
    feed(cv, 20, FEED_MIX)
    tx, ty = 60, 126                                    # the tap on the orange row
    cv.ring(tx, ty, 20, 3, INK)
    cv.ring(tx, ty, 28, 2, GREY)
    cv.circle(tx, ty, 6, INK)
    cv.arrow(170, 130, 300, 130, 5, INK, head=15)
    curved_arrow(cv, 235, 124, 40, -0.2, -math.pi + 0.3, 3, GREY)   # what you tap feeds back
    feed(cv, 330, [("square", ORANGE)] * 5)
    return cv


def draw_filter_bubble():
    cv = Canvas(480, 260)
    outside = [(30, 40, "circle", BLUE), (70, 210, "triangle", GREEN), (440, 50, "square", SKY),
               (420, 200, "circle", VERMILLION), (40, 130, "square", GREEN),
               (450, 125, "triangle", BLUE), (110, 30, "triangle", VERMILLION),
               (380, 240, "square", BLUE), (360, 25, "circle", GREEN), (120, 240, "circle", SKY)]
    for x, y, kind, color in outside:
        shape(cv, kind, x, y, 11, color)
    cv.circle(240, 130, 112, PALE_ORANGE)
    cv.ring(240, 130, 112, 3, ORANGE)
    for x, y in ((180, 70), (300, 70), (160, 140), (320, 140), (200, 200), (285, 200),
                 (240, 48)):
        shape(cv, "square", x, y, 10, ORANGE)
    person(cv, 240, 205, 120, BLUE)
    return cv


# --- lesson 6 -------------------------------------------------------------------

def draw_jobs_change():
    cv = Canvas(480, 260)
    person(cv, 70, 240, 170, GREEN)
    for i in range(14):                                  # a tall pile of paper
        dx = (3, -2, 1, -3, 2, 0, -1)[i % 7]
        y = 240 - (i + 1) * 11
        cv.rect(118 + dx, y, 188 + dx, y + 11, INK)
        cv.rect(120 + dx, y + 2, 186 + dx, y + 9, WHITE)
    cv.arrow(205, 140, 265, 140, 5, INK, head=15)
    person(cv, 330, 240, 170, GREEN)
    cv.round_rect(362, 120, 452, 190, 6, INK)
    cv.rect(368, 126, 446, 184, SCREEN)
    for i, h in enumerate((20, 34, 28, 46)):
        cv.rect(376 + i * 18, 178 - h, 388 + i * 18, 178, (BLUE, ORANGE, GREEN, SKY)[i])
    return cv


def draw_data_labellers():
    cv = Canvas(480, 260)
    cv.circle(240, 36, 26, WHITE)
    cv.ring(240, 36, 26, 4, INK)
    cv.line(240, 36, 240, 20, 3, INK)
    cv.line(240, 36, 252, 42, 3, INK)
    for i, cx in enumerate((85, 240, 395)):
        cv.round_rect(cx - 50, 80, cx + 50, 150, 5, INK)
        cv.rect(cx - 44, 86, cx + 44, 144, SCREEN)
        kind, color = (("circle", ORANGE), ("triangle", GREEN), ("square", BLUE))[i]
        shape(cv, kind, cx + 4, 116, 14, color)
        cv.frame(cx - 16, 96, cx + 24, 136, 2.5, VERMILLION)
        cv.rect(cx - 70, 158, cx + 70, 166, SKIN_DARK)
        person(cv, cx, 258, 100, (BLUE, ORANGE, GREEN)[i])
    return cv


# --- lesson 7 -------------------------------------------------------------------

def draw_data_centre():
    cv = Canvas(480, 260)
    cv.rect(150, 70, 360, 240, LIGHT)
    cv.frame(150, 70, 360, 240, 3, INK)
    for i in range(4):
        x = 168 + i * 48
        cv.rect(x, 90, x + 36, 232, INK)
        for j in range(7):
            cv.circle(x + 8, 102 + j * 19, 2.5, GREEN if (i + j) % 3 else ORANGE)
            cv.line(x + 15, 102 + j * 19, x + 30, 102 + j * 19, 2, GREY)
    cv.line(20, 40, 150, 100, 3, INK)                 # power line
    cv.rect(14, 30, 22, 240, GREY)
    bolt(cv, 80, 52, 22)
    cv.rect(20, 190, 150, 204, SKY)                   # water pipe
    for x in (46, 86, 126):
        drop(cv, x, 168, 12)
    cv.polygon([(380, 240), (392, 120), (448, 120), (460, 240)], GREY)    # cooling tower
    for i, (x, y, r) in enumerate(((410, 100, 16), (430, 86, 20), (418, 58, 22), (444, 48, 18))):
        cv.circle(x, y, r, (235, 238, 242))
    cv.line(360, 200, 384, 200, 8, SKY)
    return cv


def draw_small_large_model():
    cv = Canvas(480, 260)
    cv.round_rect(30, 140, 110, 220, 8, BLUE)
    bolt(cv, 55, 110, 16)
    drop(cv, 88, 112, 10)
    cv.round_rect(190, 60, 450, 240, 12, VERMILLION)
    for i in range(5):
        bolt(cv, 215 + i * 52, 28, 16)
    for i in range(5):
        drop(cv, 240 + i * 52, 32, 10)
    return cv


PICTURES = {
    "fake-call.png": draw_fake_call,
    "check-steps.png": draw_check_steps,
    "uneven-data.png": draw_uneven_data,
    "tell-someone.png": draw_tell_someone,
    "app-permissions.png": draw_app_permissions,
    "delete-data.png": draw_delete_data,
    "ai-homework.png": draw_ai_homework,
    "confident-wrong.png": draw_confident_wrong,
    "feed-learns.png": draw_feed_learns,
    "filter-bubble.png": draw_filter_bubble,
    "jobs-change.png": draw_jobs_change,
    "data-labellers.png": draw_data_labellers,
    "data-centre.png": draw_data_centre,
    "small-large-model.png": draw_small_large_model,
}


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "safe-fair-ai", "media")
    md.write_pictures(PICTURES, out_dir, set(argv[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
