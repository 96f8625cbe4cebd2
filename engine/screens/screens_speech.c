/*
 * Read aloud on the page, quiz and results screens: the button (Read aloud, or Pause
 * and Stop while speaking), the reason it cannot speak, and the word being heard.
 *
 * What is read is identified by a key (screen, pack, lesson, page, question, whether
 * feedback shows, language). A screen that draws the button says which key it shows;
 * at the end of each frame, speech whose key no screen showed is stopped: so leaving
 * the page, turning it, checking an answer or changing the language stops it, without
 * each way of leaving having to remember to.
 */
#include "screens/screens_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a over what identifies the text on screen. */
uint32_t screens_speech_key(const Screens *s, size_t question, bool answered) {
    size_t v[6] = {(size_t)s->screen, s->course, s->lesson, s->page, question, answered};
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < 6; i++) h = (h ^ (uint32_t)v[i]) * 16777619u;
    for (const char *c = s->lang; *c; c++) h = (h ^ (uint8_t)*c) * 16777619u;
    return h ? h : 1;
}

static SessionSpeechAvail avail(const Screens *s) {
    const AppSession *ss = s->session;
    if (!ss->speech || !ss->speech_available) return SESSION_SPEECH_NO_ENGINE;
    return ss->speech_available(ss->speech, s->lang);
}

static SessionSpeechState state_of(const Screens *s, long *word, long *len) {
    *word = *len = -1;
    const AppSession *ss = s->session;
    if (!ss->speech || !s->speak_key) return SESSION_SPEECH_IDLE;
    return ss->speech_state(ss->speech, word, len);
}

static void start(Screens *s, uint32_t key, ScreensScriptFn build) {
    speech_script_free(&s->speak);
    build(s, &s->speak);
    if (!s->speak.len) return;
    AilError err;
    ail_error_clear(&err);
    AppSession *ss = s->session;
    s->speak_failed = 0;
    if (ss->speech_say(ss->speech, s->speak.text, s->lang, s->speech_slower, &err) != AIL_OK) {
        if (ss->log) ss->log(ss->impl, "reading aloud", &err);
        s->speak_key = 0;
        s->speak_failed = key;
        return;
    }
    s->speak_key = key;
}

void screens_speech_stop(Screens *s) {
    AppSession *ss = s->session;
    if (s->speak_key && ss->speech) ss->speech_stop(ss->speech);
    s->speak_key = 0;
}

/* The sentence saying why nothing can be read aloud. */
static const char *why_not(SessionSpeechAvail a) {
    return a == SESSION_SPEECH_NO_VOICE   ? "speech_no_voice"
           : a == SESSION_SPEECH_NO_AUDIO ? "speech_no_audio"
                                          : "speech_no_engine";
}

int screens_read_aloud(Screens *s, UiContext *ui, int x, int y, int w, uint32_t key,
                       ScreensScriptFn build, const char *wav) {
    if (!s->speech_on || !s->session->speech) return 0; /* speech off, or an app without it */
    int bh = ui_px(ui, 48), bw = ui_px(ui, 200), gap = ui_px(ui, 10);
    if (bw > (w - gap) / 2) bw = (w - gap) / 2;
    bool pressed = ui->in.key == UI_KEY_READ_ALOUD && !ui->consumed;
    if (wav && wav[0]) { /* the pack's own recording, which needs sound but no eSpeak */
        const AppSession *ss = s->session;
        if (ss->speech_available && ss->speech_available(ss->speech, NULL) != SESSION_SPEECH_OK) {
            UiTextStyle ms = {.color = ui->theme.muted};
            return ui_text(ui, (UiRect){x, y, w, 0}, S(s, "speech_no_audio"), ms, true);
        }
        s->speak_seen = s->speak_seen || s->speak_key == key;
        if (screens_recording_plays(s, key)) { /* Stop, as for speech */
            if (ui_button(ui, ui_id("read-stop", 0), (UiRect){x, y, bw, bh}, S(s, "speech_stop"),
                          UI_BUTTON_SELECTED) ||
                pressed)
                screens_speech_stop(s);
            return bh;
        }
        if (ui_button(ui, ui_id("read-aloud", 0), (UiRect){x, y, bw, bh}, S(s, "read_aloud"),
                      UI_BUTTON_NORMAL) ||
            pressed) {
            screens_speech_stop(s);
            screens_media_path(s, wav, s->audio, sizeof s->audio);
            s->audio_pending = true;
            s->speak_key = key; /* leaving the text stops the recording too */
            s->speak_seen = true;
        }
        return bh;
    }
    SessionSpeechAvail a = avail(s);
    if (a != SESSION_SPEECH_OK) {
        UiTextStyle ms = {.color = ui->theme.muted};
        return ui_text(ui, (UiRect){x, y, w, 0}, S(s, why_not(a)), ms, true);
    }
    long word, len;
    SessionSpeechState st = s->speak_key == key ? state_of(s, &word, &len) : SESSION_SPEECH_IDLE;
    if (st == SESSION_SPEECH_FAILED) { /* synthesis failed: said below, Read aloud again */
        s->speak_failed = key;
        s->speak_key = 0;
        st = SESSION_SPEECH_IDLE;
    }
    if (st == SESSION_SPEECH_IDLE) {
        bool auto_read = s->speech_auto && s->auto_key != key;
        s->auto_key = key;
        if (ui_button(ui, ui_id("read-aloud", 0), (UiRect){x, y, bw, bh}, S(s, "read_aloud"),
                      UI_BUTTON_NORMAL) ||
            pressed || auto_read)
            start(s, key, build);
        s->speak_seen = s->speak_seen || s->speak_key == key;
        if (s->speak_failed != key) return bh;
        UiTextStyle ms = {.color = ui->theme.muted};
        return bh + gap + ui_text(ui, (UiRect){x, y + bh + gap, w, 0}, S(s, "speech_failed"), ms, true);
    }
    s->speak_seen = true;
    bool paused = st == SESSION_SPEECH_PAUSED;
    if (ui_button(ui, ui_id("read-pause", 0), (UiRect){x, y, bw, bh},
                  S(s, paused ? "speech_continue" : "speech_pause"), UI_BUTTON_SELECTED))
        s->session->speech_pause(s->session->speech, !paused);
    if (ui_button(ui, ui_id("read-stop", 0), (UiRect){x + bw + gap, y, bw, bh},
                  S(s, "speech_stop"), UI_BUTTON_NORMAL) ||
        pressed)
        screens_speech_stop(s);
    return bh;
}

bool screens_recording_plays(const Screens *s, uint32_t key) {
    long word, len;
    return s->speak_key == key && state_of(s, &word, &len) == SESSION_SPEECH_RECORDING;
}

void screens_recording_ring(const Screens *s, UiContext *ui, uint32_t key, UiRect block) {
    if (!screens_recording_plays(s, key)) return;
    int d = ui_px(ui, 4);
    ui_frame(ui, (UiRect){block.x - 2 * d, block.y - d, block.w + 4 * d, block.h + 2 * d},
             ui->theme.highlight, d);
}

bool screens_speech_word(const Screens *s, uint32_t key, int part, size_t *from, size_t *len) {
    long word, wlen;
    if (s->speak_key != key || state_of(s, &word, &wlen) == SESSION_SPEECH_IDLE || word < 0)
        return false;
    int at_part;
    size_t at;
    if (!speech_script_locate(&s->speak, (size_t)word, &at_part, &at) || at_part != part)
        return false;
    /* The word ends where it does in the text said, or where its piece does. */
    size_t n = wlen > 0 ? (size_t)wlen : 1;
    for (size_t i = 0; i < s->speak.piece_count; i++) {
        const SpeechPiece *p = &s->speak.pieces[i];
        if ((size_t)word >= p->offset && (size_t)word < p->offset + p->len &&
            (size_t)word + n > p->offset + p->len)
            n = p->offset + p->len - (size_t)word;
    }
    *from = at;
    *len = n;
    return true;
}

void screens_speech_end_frame(Screens *s) {
    if (s->speak_key && !s->speak_seen) screens_speech_stop(s);
    s->speak_seen = false;
}

void screens_speech_load_settings(Screens *s) {
    char v[16];
    AilError err;
    AppSession *ss = s->session;
    s->speech_on = true;
    s->speech_slower = s->speech_auto = false;
    if (ss->setting_get(ss->impl, "speech", v, sizeof v, &err) == AIL_OK)
        s->speech_on = strcmp(v, "off") != 0;
    if (ss->setting_get(ss->impl, "speech_speed", v, sizeof v, &err) == AIL_OK)
        s->speech_slower = strcmp(v, "slower") == 0;
    if (ss->setting_get(ss->impl, "speech_auto", v, sizeof v, &err) == AIL_OK)
        s->speech_auto = strcmp(v, "on") == 0;
}

int screens_markup_lit(UiContext *ui, int x, int y, int w, const Markup *markup,
                       UiTextStyle style, bool draw, size_t lit_from, size_t lit_len) {
    int px = style.px > 0 ? style.px : ui->text_px;
    int lh = ui->measure.line_height(ui->measure.ctx, px);
    int gap = lh / 2, h = 0;
    int indent = ui_px(ui, 22);
    size_t at = 0, lit_to = lit_from + lit_len;
    for (size_t i = 0; i < markup->block_count; i++) {
        const MarkupBlock *b = &markup->blocks[i];
        /* Each span in up to three: before, in and after the lit bytes. */
        UiSpan *spans = ail_xcalloc(3 * b->span_count + 1, sizeof *spans);
        size_t n = 0;
        for (size_t k = 0; k < b->span_count; k++) {
            const MarkupSpan *m = &b->spans[k];
            size_t cut[4] = {0, 0, 0, m->len};
            cut[1] = lit_from > at ? (lit_from - at < m->len ? lit_from - at : m->len) : 0;
            cut[2] = lit_to > at ? (lit_to - at < m->len ? lit_to - at : m->len) : 0;
            if (cut[2] < cut[1]) cut[2] = cut[1];
            for (int c = 0; c < 3; c++)
                if (cut[c + 1] > cut[c])
                    spans[n++] = (UiSpan){m->text + cut[c], cut[c + 1] - cut[c], m->bold,
                                          c == 1 && lit_len > 0};
            at += m->len;
        }
        bool bullet = b->kind == MARKUP_BULLET;
        if (i > 0) h += bullet && markup->blocks[i - 1].kind == MARKUP_BULLET ? gap / 3 : gap;
        if (bullet) {
            int d = px / 3 > 3 ? px / 3 : 3;
            if (draw)
                ui_fill(ui, (UiRect){x + indent / 3, y + h + lh / 2 - d / 2, d, d}, style.color);
        }
        h += ui_spans(ui, bullet ? x + indent : x, y + h, bullet ? w - indent : w, spans, n, style,
                      draw);
        free(spans);
    }
    return h;
}

int screens_text_lit(UiContext *ui, UiRect r, const char *text, UiTextStyle style, bool draw,
                     size_t lit_from, size_t lit_len) {
    size_t len = strlen(text);
    if (lit_len == 0 || lit_from >= len) return ui_text(ui, r, text, style, draw);
    if (lit_from + lit_len > len) lit_len = len - lit_from;
    UiSpan spans[3] = {{text, lit_from, style.bold, false},
                       {text + lit_from, lit_len, style.bold, true},
                       {text + lit_from + lit_len, len - lit_from - lit_len, style.bold, false}};
    return ui_spans(ui, r.x, r.y, r.w, spans, 3, style, draw);
}

bool screens_button_lit(UiContext *ui, uint32_t id, UiRect r, const char *label,
                        UiButtonKind kind, size_t lit_from, size_t lit_len) {
    if (lit_len == 0) return ui_button(ui, id, r, label, kind);
    bool hit = ui_area(ui, id, r, label, kind);
    const UiTheme *t = &ui->theme;
    int pad = ui_px(ui, 10);
    UiTextStyle st = {.color = kind == UI_BUTTON_GOOD      ? t->good_text
                               : kind == UI_BUTTON_BAD     ? t->bad_text
                               : kind == UI_BUTTON_PRIMARY ? t->accent_text
                                                           : t->text,
                      .align = UI_ALIGN_CENTER,
                      .bold = kind == UI_BUTTON_PRIMARY || kind == UI_BUTTON_FLAT};
    st.px = ui_fit_px(ui, label, r.w - 2 * pad, r.h - ui_px(ui, 4), st.bold);
    UiRect tr = {r.x + pad, 0, r.w - 2 * pad, 0};
    int th = screens_text_lit(ui, tr, label, st, false, lit_from, lit_len);
    tr.y = r.y + (r.h - th) / 2;
    screens_text_lit(ui, tr, label, st, true, lit_from, lit_len);
    return hit;
}
