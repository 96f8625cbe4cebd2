/*
 * A quiz, one question per screen, all six question types. "Check" grades and
 * records the answer through the session (durably, before anything is shown), then
 * the screen shows right or wrong, the chosen answer's feedback and the
 * explanation. A hint shows on request. After the last question come the results;
 * from there the missed questions can be tried again.
 *
 * Every shuffled order comes from quiz_shuffle with a seed hashed from ids, so a
 * learner who leaves and comes back sees the same screen: items to order and
 * right-hand sides to match by the question's id, choices by the learner's, pack's,
 * quiz's and question's ids (each learner has an order of their own). Answers are
 * kept by index in the pack and recorded by id, so the order never reaches the store.
 */
#include "screens/screens_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const Question *current_question(const Screens *s) {
    const Page *p = screens_page(s);
    return p && s->q.question < p->question_count ? &p->questions[s->q.question] : NULL;
}

static uint32_t seed_of(const char *id) { return quiz_seed(&id, 1); }

static void shuffle(int *a, size_t n, uint32_t seed) {
    quiz_shuffle(a, n, seed);
    /* Never show an order question already solved. */
    bool identity = n > 1;
    for (size_t i = 0; i < n && identity; i++) identity = a[i] == (int)i;
    if (identity) {
        int first = a[0];
        memmove(a, a + 1, (n - 1) * sizeof *a);
        a[n - 1] = first;
    }
}

static size_t clamp_items(size_t n) { return n < QUIZ_MAX_ITEMS ? n : QUIZ_MAX_ITEMS; }

static void start_question(Screens *s, UiContext *ui) {
    QuizState *q = &s->q;
    AilBuf typed = q->typed;
    memset(q, 0, sizeof *q);
    q->typed = typed;
    ail_buf_clear(&q->typed);
    q->question = s->pass[s->pass_pos];
    q->truth = -1;
    const Question *qu = current_question(s);
    if (qu) {
        shuffle(q->order, clamp_items(qu->item_count), seed_of(qu->id));
        shuffle(q->shown_right, clamp_items(qu->pair_count), seed_of(qu->id) ^ 0x5bd1e995u);
        const Page *p = screens_page(s);
        quiz_choice_order(qu, s->learner.id, screens_course(s)->id, p ? p->quiz_id : NULL,
                          q->shown_choice, clamp_items(qu->choice_count));
    }
    for (int i = 0; i < QUIZ_MAX_ITEMS; i++) q->match[i] = -1;
    q->shown_ms = ail_mono_ms();
    if (ui) ui_focus(ui, ui_id(qu && qu->type == QUESTION_TEXT ? "answer-text" : "answer", 0));
}

static void finish_quiz(Screens *s) {
    AilError err;
    if (s->session->finish_quiz(s->session->impl, s->learner.id, screens_course(s), s->lesson,
                                s->page, s->lang, &s->score, &err) != AIL_OK)
        screens_fail(s, &err);
    screens_go(s, SCREEN_RESULTS);
}

void screens_quiz_begin(Screens *s, bool only_missed) {
    const Page *p = screens_page(s);
    s->pass_count = 0;
    s->pass_pos = 0;
    size_t first_open = (size_t)-1;
    size_t max = sizeof s->pass / sizeof s->pass[0];
    /* A quiz marked "shuffle" asks its questions in an order of its own for each
     * learner, the same every time that learner comes back. */
    int order[QUIZ_MAX_ITEMS * 4];
    size_t count = p ? p->question_count : 0;
    if (count > max) count = max;
    if (p && p->shuffle)
        shuffle(order, count, seed_of(p->quiz_id ? p->quiz_id : "") ^ seed_of(s->learner.id));
    else
        for (size_t k = 0; k < count; k++) order[k] = (int)k;
    for (size_t k = 0; k < count; k++) {
        size_t i = (size_t)order[k];
        bool correct = false;
        AilError err;
        AilResult rc = s->session->answer_get(s->session->impl, s->learner.id, screens_course(s),
                                              s->lesson, s->page, i, &correct, &err);
        if (only_missed && rc == AIL_OK && correct) continue;
        if (!only_missed && rc != AIL_OK && first_open == (size_t)-1) first_open = s->pass_count;
        s->pass[s->pass_count++] = i;
    }
    if (!only_missed) {
        /* Resume at the first question not answered in this attempt. */
        if (first_open == (size_t)-1) {
            /* Every question is answered: show the results. Finishing is safe to
             * repeat (the store scores the latest answers once), and it scores them
             * now if the power went off before the results were shown. */
            finish_quiz(s);
            return;
        }
        s->pass_pos = first_open;
    }
    if (s->pass_count == 0) {
        finish_quiz(s);
        return;
    }
    start_question(s, NULL);
    screens_go(s, SCREEN_QUIZ);
}

static bool has_answer(const Screens *s, const Question *qu) {
    const QuizState *q = &s->q;
    switch (qu->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        for (size_t i = 0; i < clamp_items(qu->choice_count); i++)
            if (q->selected[i]) return true;
        return false;
    case QUESTION_TRUEFALSE: return q->truth >= 0;
    case QUESTION_ORDER: return true;
    case QUESTION_MATCH:
        for (size_t i = 0; i < clamp_items(qu->pair_count); i++)
            if (q->match[i] < 0) return false;
        return true;
    case QUESTION_TEXT:
        for (size_t i = 0; i < q->typed.len; i++)
            if (q->typed.data[i] != ' ') return true;
        return false;
    }
    return false;
}

static void check_answer(Screens *s, UiContext *ui, const Question *qu) {
    QuizState *q = &s->q;
    const char *ids[QUIZ_MAX_ITEMS * 2];
    QuizResponse r = {0};
    r.ids = ids;
    switch (qu->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        for (size_t i = 0; i < clamp_items(qu->choice_count); i++)
            if (q->selected[i]) ids[r.id_count++] = qu->choices[i].id;
        break;
    case QUESTION_TRUEFALSE: r.truth = q->truth == 1; break;
    case QUESTION_ORDER:
        for (size_t i = 0; i < clamp_items(qu->item_count); i++)
            ids[r.id_count++] = qu->items[q->order[i]].id;
        break;
    case QUESTION_MATCH:
        for (size_t i = 0; i < clamp_items(qu->pair_count); i++) {
            ids[r.id_count++] = qu->pairs[i].id;
            ids[r.id_count++] = qu->pairs[q->shown_right[q->match[i]]].id;
        }
        break;
    case QUESTION_TEXT:
        r.text = q->typed.data ? q->typed.data : "";
        r.lang = s->lang;
        break;
    }
    AilError err;
    int64_t ms = ail_mono_ms() - q->shown_ms;
    if (s->session->record_answer(s->session->impl, s->learner.id, screens_course(s), s->lesson,
                                  s->page, q->question, &r, s->lang, ms < 0 ? 0 : ms, &q->grade,
                                  &err) != AIL_OK) {
        screens_fail(s, &err); /* not saved: no feedback, the learner can try again */
        return;
    }
    s->error[0] = '\0';
    q->answered = true;
    ui_focus(ui, ui_id("quiz-next", 0));
}

/* ---- Read aloud ---- */

/* Parts of a question read aloud: the prompt, each answer as shown, the feedback. */
enum { QUIZ_PART_PROMPT = 0, QUIZ_PART_ANSWER = 10, QUIZ_PART_FEEDBACK = 60 };

static uint32_t quiz_key(const Screens *s) {
    return screens_speech_key(s, s->q.question + 1000 * s->pass_pos, s->q.answered);
}

/* The word being heard in part of the question on screen, if any. */
static bool quiz_word(const Screens *s, int part, size_t *from, size_t *len) {
    return screens_speech_word(s, quiz_key(s), part, from, len);
}

/* Adds "n. text." for the answer shown n-th. */
static void script_answer(SpeechScript *sc, size_t n, const char *text) {
    char num[16];
    int len = snprintf(num, sizeof num, "%zu. ", n + 1);
    speech_script_add(sc, -1, num, (size_t)len, 0);
    speech_script_add(sc, QUIZ_PART_ANSWER + (int)n, text, strlen(text), 0);
    speech_script_end_sentence(sc);
}

/* The question: its prompt, then each answer with its number, in the order shown. */
static void question_script(Screens *s, SpeechScript *sc) {
    const Question *qu = current_question(s);
    const QuizState *q = &s->q;
    const char *prompt = T(s, &qu->prompt);
    speech_script_add(sc, QUIZ_PART_PROMPT, prompt, strlen(prompt), 0);
    speech_script_end_sentence(sc);
    size_t n = 0;
    for (size_t k = 0; qu->type <= QUESTION_MULTIPLE && k < clamp_items(qu->choice_count); k++)
        script_answer(sc, n++, T(s, &qu->choices[q->shown_choice[k]].text));
    if (qu->type == QUESTION_TRUEFALSE) {
        script_answer(sc, n++, S(s, "true"));
        script_answer(sc, n++, S(s, "false"));
    }
    for (size_t k = 0; qu->type == QUESTION_ORDER && k < clamp_items(qu->item_count); k++)
        script_answer(sc, n++, T(s, &qu->items[q->order[k]].text));
    for (size_t k = 0; qu->type == QUESTION_MATCH && k < clamp_items(qu->pair_count); k++)
        script_answer(sc, n++, T(s, &qu->pairs[k].left));
}

static void feedback_texts(Screens *s, const Question *qu, const char *out[4], AilBuf *answer,
                           char *line, size_t line_size);

/* After checking: right or not, the feedback, the right answer, the explanation. */
static void feedback_script(Screens *s, SpeechScript *sc) {
    const Question *qu = current_question(s);
    const char *texts[4];
    AilBuf answer;
    ail_buf_init(&answer);
    char line[1200] = "";
    feedback_texts(s, qu, texts, &answer, line, sizeof line);
    for (int i = 0; i < 4; i++) {
        speech_script_add(sc, QUIZ_PART_FEEDBACK + i, texts[i], strlen(texts[i]), 0);
        speech_script_end_sentence(sc);
    }
    ail_buf_free(&answer);
}

/* ---- Drawing each type ---- */

static UiButtonKind choice_kind(const Screens *s, bool selected, bool correct) {
    if (!s->q.answered) return selected ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL;
    if (correct) return UI_BUTTON_GOOD;
    return selected ? UI_BUTTON_BAD : UI_BUTTON_NORMAL;
}

/* The word being heard in the answer shown k-th: its length (0: none) and *from. */
static size_t answer_word(const Screens *s, size_t k, size_t *from) {
    size_t len;
    *from = 0;
    return quiz_word(s, QUIZ_PART_ANSWER + (int)k, from, &len) ? len : 0;
}

static int draw_choices(Screens *s, UiContext *ui, const Question *qu, int x, int y, int w) {
    QuizState *q = &s->q;
    int gap = ui_px(ui, 10), y0 = y;
    bool multi = qu->type == QUESTION_MULTIPLE;
    int box = ui_px(ui, 22), bpad = ui_px(ui, 14);
    for (size_t k = 0; k < clamp_items(qu->choice_count); k++) {
        /* k is the place on screen (and in the keyboard's order), i the choice. */
        size_t i = (size_t)q->shown_choice[k];
        assert(i < clamp_items(qu->choice_count));
        const char *label = T(s, &qu->choices[i].text);
        int inner = w - (multi ? 2 * (box + bpad) : 0);
        int h = ui_button_height(ui, inner, label);
        UiRect r = {x, y, w, h};
        UiButtonKind kind = choice_kind(s, q->selected[i], qu->choices[i].correct);
        size_t lit, lit_len = answer_word(s, k, &lit);
        bool hit;
        if (multi) {
            hit = ui_area(ui, ui_id("answer", (int)k), r, label, kind);
            UiColor fg = kind == UI_BUTTON_GOOD  ? ui->theme.good_text
                         : kind == UI_BUTTON_BAD ? ui->theme.bad_text
                                                 : ui->theme.text;
            UiRect b = {x + bpad, y + (h - box) / 2, box, box};
            ui_frame(ui, b, fg, ui_px(ui, 2));
            if (q->selected[i])
                ui_fill(ui, (UiRect){b.x + box / 4, b.y + box / 4, box / 2, box / 2}, fg);
            UiTextStyle st = {.color = fg, .align = UI_ALIGN_CENTER};
            UiRect tr = {x + box + bpad + ui_px(ui, 10), 0, inner - 2 * ui_px(ui, 10), 0};
            int th = screens_text_lit(ui, tr, label, st, false, lit, lit_len);
            tr.y = y + (h - th) / 2;
            screens_text_lit(ui, tr, label, st, true, lit, lit_len);
        } else {
            hit = screens_button_lit(ui, ui_id("answer", (int)k), r, label, kind, lit, lit_len);
        }
        if (hit && !q->answered) {
            if (multi)
                q->selected[i] = !q->selected[i];
            else {
                memset(q->selected, 0, sizeof q->selected);
                q->selected[i] = true;
            }
        }
        y += h + gap;
    }
    return y - y0;
}

static int draw_truefalse(Screens *s, UiContext *ui, const Question *qu, int x, int y, int w) {
    QuizState *q = &s->q;
    int gap = ui_px(ui, 12), h = ui_px(ui, 60);
    int bw = (w - gap) / 2;
    for (int i = 0; i < 2; i++) {
        bool value = i == 0;
        UiRect r = {x + i * (bw + gap), y, bw, h};
        UiButtonKind kind = choice_kind(s, q->truth == (value ? 1 : 0), qu->answer == value);
        size_t lit, lit_len = answer_word(s, (size_t)i, &lit);
        if (screens_button_lit(ui, ui_id("answer", i), r, S(s, value ? "true" : "false"), kind, lit,
                               lit_len) &&
            !q->answered)
            q->truth = value ? 1 : 0;
    }
    return h + gap;
}

/* A button with a triangle pointing up or down, drawn from strips so that it does
 * not depend on a font having the arrow; its name is "Move up" / "Move down". */
static bool arrow_button(Screens *s, UiContext *ui, uint32_t id, UiRect r, bool up, bool enabled) {
    bool hit = ui_area(ui, id, r, S(s, up ? "move_up" : "move_down"), UI_BUTTON_NORMAL);
    int th = r.h / 3 < r.w / 2 ? r.h / 3 : r.w / 2;
    if (th < 4) th = 4;
    int cx = r.x + r.w / 2, top = r.y + (r.h - th) / 2;
    for (int k = 0; k < th; k++) {
        int row = up ? k : th - 1 - k; /* the tip is one pixel row */
        int half = row * 9 / 10 + 1;
        ui_fill(ui, (UiRect){cx - half, top + k, 2 * half, 1},
                enabled ? ui->theme.text : ui->theme.border);
    }
    return hit;
}

static int draw_order(Screens *s, UiContext *ui, const Question *qu, int x, int y, int w) {
    QuizState *q = &s->q;
    const UiTheme *t = &ui->theme;
    int gap = ui_px(ui, 8), bw = ui_px(ui, 56), pad = ui_px(ui, 12), y0 = y;
    size_t n = clamp_items(qu->item_count);
    for (size_t i = 0; i < n; i++) {
        const char *label = T(s, &qu->items[q->order[i]].text);
        int tw = w - 2 * (bw + gap);
        int h = ui_button_height(ui, tw, label);
        UiColor bg = t->surface;
        if (q->answered) bg = q->order[i] == (int)i ? t->good : t->bad;
        ui_fill(ui, (UiRect){x, y, tw, h}, bg);
        ui_frame(ui, (UiRect){x, y, tw, h}, t->border, ui_px(ui, 1));
        char num[24]; /* "%zu." fits whatever i is */
        snprintf(num, sizeof num, "%zu.", i + 1);
        UiTextStyle st = {
            .color = q->answered ? (q->order[i] == (int)i ? t->good_text : t->bad_text) : t->text};
        size_t lit, lit_len = answer_word(s, i, &lit);
        UiRect lr = {x + pad + ui_px(ui, 30), 0, tw - 2 * pad - ui_px(ui, 30), 0};
        int th = screens_text_lit(ui, lr, label, st, false, lit, lit_len);
        lr.y = y + (h - th) / 2;
        ui_text(ui, (UiRect){x + pad, lr.y, ui_px(ui, 30), th}, num, st, true);
        screens_text_lit(ui, lr, label, st, true, lit, lit_len);
        if (arrow_button(s, ui, ui_id("answer", (int)(2 * i)), (UiRect){x + tw + gap, y, bw, h},
                         true, i > 0 && !q->answered) &&
            !q->answered && i > 0) {
            int tmp = q->order[i - 1];
            q->order[i - 1] = q->order[i];
            q->order[i] = tmp;
        }
        if (arrow_button(s, ui, ui_id("answer", (int)(2 * i + 1)),
                         (UiRect){x + tw + 2 * gap + bw, y, bw, h}, false,
                         i + 1 < n && !q->answered) &&
            !q->answered && i + 1 < n) {
            int tmp = q->order[i + 1];
            q->order[i + 1] = q->order[i];
            q->order[i] = tmp;
        }
        y += h + gap;
    }
    return y - y0;
}

/* Moves left i to the next right-hand side no other left uses, so the answer is
 * always a matching (each right used once); when every other one is taken, takes
 * the next and leaves its holder unmatched. */
static void cycle_match(QuizState *q, size_t i, size_t n) {
    for (size_t step = 1; step <= n; step++) {
        int cand = (int)((size_t)(q->match[i] + (int)step + (int)n) % n);
        if (q->match[i] < 0) cand = (int)((step - 1) % n);
        bool used = false;
        for (size_t j = 0; j < n; j++) used |= j != i && q->match[j] == cand;
        if (!used) {
            q->match[i] = cand;
            return;
        }
    }
    int cand = (q->match[i] + 1) % (int)n;
    for (size_t j = 0; j < n; j++)
        if (j != i && q->match[j] == cand) q->match[j] = -1;
    q->match[i] = cand;
}

static int draw_match(Screens *s, UiContext *ui, const Question *qu, int x, int y, int w) {
    QuizState *q = &s->q;
    const UiTheme *t = &ui->theme;
    int gap = ui_px(ui, 10), pad = ui_px(ui, 12), y0 = y;
    size_t n = clamp_items(qu->pair_count);
    int lw = (w - gap) * 2 / 5, rw = w - gap - lw;
    for (size_t i = 0; i < n; i++) {
        const char *left = T(s, &qu->pairs[i].left);
        const char *right = q->match[i] >= 0 ? T(s, &qu->pairs[q->shown_right[q->match[i]]].right)
                                             : S(s, "match_choose");
        int h = ui_button_height(ui, lw, left), h2 = ui_button_height(ui, rw, right);
        if (h2 > h) h = h2;
        UiTextStyle st = {.bold = true, .color = t->text};
        size_t lit, lit_len = answer_word(s, i, &lit);
        UiRect lr = {x + pad, 0, lw - 2 * pad, 0};
        int th = screens_text_lit(ui, lr, left, st, false, lit, lit_len);
        ui_fill(ui, (UiRect){x, y, lw, h}, t->selected);
        lr.y = y + (h - th) / 2;
        screens_text_lit(ui, lr, left, st, true, lit, lit_len);
        UiButtonKind kind = q->match[i] >= 0 ? UI_BUTTON_SELECTED : UI_BUTTON_NORMAL;
        if (q->answered)
            kind = q->shown_right[q->match[i]] == (int)i ? UI_BUTTON_GOOD : UI_BUTTON_BAD;
        if (ui_button(ui, ui_id("answer", (int)i), (UiRect){x + lw + gap, y, rw, h}, right, kind) &&
            !q->answered)
            cycle_match(q, i, n);
        y += h + gap;
    }
    return y - y0;
}

static const char *first_accepted(const Screens *s, const Question *qu) {
    const char *any = "";
    for (size_t i = 0; i < qu->accept_count; i++) {
        const AcceptList *a = &qu->accept[i];
        if (a->count == 0) continue;
        if (a->lang && strcmp(a->lang, s->lang) == 0) return a->answers[0];
        if (!any[0] || !a->lang) any = a->answers[0];
    }
    return any;
}

/* The right answer, spelled out, for types where colours alone do not show it. */
static void right_answer_text(const Screens *s, const Question *qu, AilBuf *out) {
    if (qu->type == QUESTION_ORDER) {
        for (size_t i = 0; i < qu->item_count; i++) {
            if (i) ail_buf_puts(out, screens_lang_rtl(s->lang) ? " ← " : " → ");
            ail_buf_puts(out, T(s, &qu->items[i].text));
        }
    } else if (qu->type == QUESTION_MATCH) {
        for (size_t i = 0; i < qu->pair_count; i++) {
            if (i) ail_buf_puts(out, "; ");
            ail_buf_puts(out, T(s, &qu->pairs[i].left));
            ail_buf_puts(out, " — ");
            ail_buf_puts(out, T(s, &qu->pairs[i].right));
        }
    } else if (qu->type == QUESTION_TEXT) {
        ail_buf_puts(out, first_accepted(s, qu));
    }
}

/* The texts of the feedback box: out[0] right or wrong, out[1] the feedback, out[2]
 * the right answer (line, from answer), out[3] the explanation; "" when none. */
static void feedback_texts(Screens *s, const Question *qu, const char *out[4], AilBuf *answer,
                           char *line, size_t line_size) {
    const QuizState *q = &s->q;
    const char *feedback = "";
    if (q->grade.wrong_choice)
        feedback = T(s, &q->grade.wrong_choice->feedback);
    else if (qu->type == QUESTION_SINGLE) {
        for (size_t i = 0; i < clamp_items(qu->choice_count); i++)
            if (q->selected[i]) feedback = T(s, &qu->choices[i].feedback);
    } else if (qu->type == QUESTION_TRUEFALSE) {
        feedback = T(s, q->truth == 1 ? &qu->feedback_true : &qu->feedback_false);
    }
    line[0] = '\0';
    if (!q->grade.correct) {
        right_answer_text(s, qu, answer);
        if (answer->len)
            screens_fill(line, line_size, S(s, "right_answer"), "answer", answer->data, NULL,
                         NULL);
    }
    out[0] = S(s, q->grade.correct ? "right" : "wrong");
    out[1] = feedback;
    out[2] = line;
    out[3] = T(s, &qu->explanation);
}

/* Draws feedback text i (see feedback_texts) with the word being heard lit. */
static int feedback_text(Screens *s, UiContext *ui, UiRect r, const char *text, int i,
                         UiTextStyle st, bool draw) {
    size_t from = 0, len = 0;
    if (!draw || !quiz_word(s, QUIZ_PART_FEEDBACK + i, &from, &len)) len = 0;
    return screens_text_lit(ui, r, text, st, draw, from, len);
}

static int draw_feedback(Screens *s, UiContext *ui, const Question *qu, int x, int y, int w) {
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 14), gap = ui_px(ui, 8);
    bool right = s->q.grade.correct;
    AilBuf answer;
    ail_buf_init(&answer);
    char line[1200];
    const char *texts[4];
    feedback_texts(s, qu, texts, &answer, line, sizeof line);
    UiTextStyle hs = {
        .px = ui->text_px * 5 / 4, .bold = true, .color = right ? t->good_text : t->bad_text};
    UiTextStyle bs = {.color = t->text};
    UiTextStyle ws = {.color = t->text, .bold = true};
    int iw = w - 2 * pad;
    int head = ui_text(ui, (UiRect){0, 0, iw, 0}, texts[0], hs, false) + 2 * gap;
    int body = 0;
    for (int i = 1; i < 3; i++)
        if (texts[i][0]) body += ui_text(ui, (UiRect){0, 0, iw, 0}, texts[i], bs, false) + gap;
    if (texts[3][0])
        body += ui_text(ui, (UiRect){0, 0, iw, 0}, S(s, "why"), ws, false) +
                ui_text(ui, (UiRect){0, 0, iw, 0}, texts[3], bs, false) + gap;
    int h = head + pad + body + pad;
    ui_fill(ui, (UiRect){x, y, w, h}, t->surface);
    ui_frame(ui, (UiRect){x, y, w, h}, right ? t->good : t->bad, ui_px(ui, 3));
    ui_fill(ui, (UiRect){x, y, w, head}, right ? t->good : t->bad);
    feedback_text(s, ui, (UiRect){x + pad, y + gap, iw, head}, texts[0], 0, hs, true);
    int cy = y + head + pad;
    for (int i = 1; i < 3; i++)
        if (texts[i][0])
            cy += feedback_text(s, ui, (UiRect){x + pad, cy, iw, 0}, texts[i], i, bs, true) + gap;
    if (texts[3][0]) {
        cy += ui_text(ui, (UiRect){x + pad, cy, iw, 0}, S(s, "why"), ws, true);
        feedback_text(s, ui, (UiRect){x + pad, cy, iw, 0}, texts[3], 3, bs, true);
    }
    ail_buf_free(&answer);
    return h;
}

static void next_question(Screens *s, UiContext *ui) {
    s->pass_pos++;
    if (s->pass_pos < s->pass_count)
        start_question(s, ui);
    else
        finish_quiz(s);
}

void screen_quiz(Screens *s, UiContext *ui) {
    const Page *p = screens_page(s);
    const Question *qu = current_question(s);
    if (!p || !qu) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    if (s->entered) {
        s->entered = false;
        ui_focus(ui, ui_id(qu->type == QUESTION_TEXT ? "answer-text" : "answer", 0));
    }
    QuizState *q = &s->q;
    const Lesson *l = screens_lesson(s);
    const UiTheme *t = &ui->theme;
    UiRect area;
    char title[400];
    snprintf(title, sizeof title, "%s — %s", T(s, &l->title), T(s, &p->title));
    if (screens_top_bar(s, ui, title, true, &area)) {
        screens_go(s, SCREEN_LESSONS);
        return;
    }
    /* The bar at the bottom (Hint and Check, or Next once answered) is laid out
     * after the question so that Tab reaches the answers first. */
    int pad = ui_px(ui, 8), bh = ui_px(ui, 64), bw = ui_px(ui, 230);
    UiRect bar = {0, area.y + area.h - bh, area.w, bh};
    bool do_check = false, do_next = false;
    const char *hint = T(s, &qu->hint);
    area.h -= bh;
    area.h -= screens_error_band(s, ui, area);

    int margin = ui_px(ui, 20), gap = ui_px(ui, 14);
    int w = area.w - 2 * margin;
    if (w > ui_px(ui, 860)) w = ui_px(ui, 860);
    int x = area.x + (area.w - w) / 2;
    int off =
        ui_scroll_begin(ui, area, ui_id("screen-quiz", (int)(q->question + 1000 * s->pass_pos)));
    int y = area.y + margin - off;
    char n[16], total[16], count[128];
    snprintf(n, sizeof n, "%zu", s->pass_pos + 1);
    snprintf(total, sizeof total, "%zu", s->pass_count);
    screens_fill(count, sizeof count, S(s, "question_of"), "n", n, "total", total);
    UiTextStyle ms = {.color = t->muted};
    y += ui_text(ui, (UiRect){x, y, w, 0}, count, ms, true) + gap / 2;
    UiTextStyle ps = {.px = ui->text_px * 9 / 8, .bold = true, .color = t->text};
    size_t lit = 0, lit_len = 0;
    if (!quiz_word(s, QUIZ_PART_PROMPT, &lit, &lit_len)) lit_len = 0;
    int prompt_h = screens_text_lit(ui, (UiRect){x, y, w, 0}, T(s, &qu->prompt), ps, true, lit,
                                    lit_len);
    screens_recording_ring(s, ui, quiz_key(s), (UiRect){x, y, w, prompt_h});
    y += prompt_h + gap;
    int ph = screens_picture(s, ui, &qu->image, x, y, w, area.h * 2 / 5);
    if (ph > 0) y += ph + gap;
    if (!q->answered) { /* the question (its recording, where it has one); after: the feedback */
        int rh = screens_read_aloud(s, ui, x, y, w, quiz_key(s), question_script, T(s, &qu->audio));
        if (rh > 0) y += rh + gap;
    }
    const char *help = qu->type == QUESTION_SINGLE     ? "choose_one"
                       : qu->type == QUESTION_MULTIPLE ? "choose_all"
                       : qu->type == QUESTION_ORDER    ? "order_help"
                       : qu->type == QUESTION_MATCH    ? "match_help"
                                                       : NULL;
    if (help) y += ui_text(ui, (UiRect){x, y, w, 0}, S(s, help), ms, true) + gap / 2;
    switch (qu->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: y += draw_choices(s, ui, qu, x, y, w); break;
    case QUESTION_TRUEFALSE: y += draw_truefalse(s, ui, qu, x, y, w); break;
    case QUESTION_ORDER: y += draw_order(s, ui, qu, x, y, w); break;
    case QUESTION_MATCH: y += draw_match(s, ui, qu, x, y, w); break;
    case QUESTION_TEXT: {
        int fh = ui_px(ui, 52);
        if (q->answered) {
            UiButtonKind k = q->grade.correct ? UI_BUTTON_GOOD : UI_BUTTON_BAD;
            ui_button(ui, ui_id("answer-text", 0), (UiRect){x, y, w, fh},
                      q->typed.data ? q->typed.data : "", k);
        } else if (ui_text_field(ui, ui_id("answer-text", 0), (UiRect){x, y, w, fh}, &q->typed,
                                 S(s, "type_answer")) &&
                   has_answer(s, qu)) {
            do_check = true;
        }
        y += fh + gap;
        break;
    }
    }
    if (q->hint_shown && hint[0] && !q->answered) {
        int hp = ui_px(ui, 12);
        UiTextStyle hs = {.color = t->text};
        UiTextStyle hb = {.color = t->text, .bold = true};
        int h1 = ui_text(ui, (UiRect){0, 0, w - 2 * hp, 0}, S(s, "hint"), hb, false);
        int h2 = ui_text(ui, (UiRect){0, 0, w - 2 * hp, 0}, hint, hs, false);
        ui_fill(ui, (UiRect){x, y, w, h1 + h2 + 2 * hp}, t->selected);
        ui_text(ui, (UiRect){x + hp, y + hp, w - 2 * hp, h1}, S(s, "hint"), hb, true);
        ui_text(ui, (UiRect){x + hp, y + hp + h1, w - 2 * hp, h2}, hint, hs, true);
        y += h1 + h2 + 2 * hp + gap;
    }
    int feedback_y = y;
    if (q->answered) {
        y += draw_feedback(s, ui, qu, x, y, w) + gap;
        int rh = screens_read_aloud(s, ui, x, y, w, quiz_key(s), feedback_script, NULL);
        if (rh > 0) y += rh + gap;
    }
    ui_scroll_end(ui, y + off - area.y + margin);
    ui_fill(ui, bar, t->surface);
    ui_fill(ui, (UiRect){0, bar.y, bar.w, ui_px(ui, 1)}, t->border);
    if (!q->answered) {
        if (hint[0] && !q->hint_shown &&
            ui_button(ui, ui_id("quiz-hint", 0), (UiRect){2 * pad, bar.y + pad, bw, bh - 2 * pad},
                      S(s, "show_hint"), UI_BUTTON_NORMAL))
            q->hint_shown = true;
        bool ready = has_answer(s, qu);
        if (ui_button(ui, ui_id("quiz-check", 0),
                      (UiRect){bar.w - bw - 2 * pad, bar.y + pad, bw, bh - 2 * pad}, S(s, "check"),
                      ready ? UI_BUTTON_PRIMARY : UI_BUTTON_NORMAL) &&
            ready)
            do_check = true;
    } else if (ui_button(ui, ui_id("quiz-next", 0),
                         (UiRect){bar.w - bw - 2 * pad, bar.y + pad, bw, bh - 2 * pad},
                         S(s, "next"), UI_BUTTON_PRIMARY)) {
        do_next = true;
    }
    if (do_check) {
        check_answer(s, ui, qu);
        /* Show the feedback: scroll so its top is in view. */
        if (q->answered && feedback_y > area.y + area.h - ui_px(ui, 120))
            ui->scroll_y += feedback_y - (area.y + area.h / 3);
    }
    if (do_next) next_question(s, ui);
}
