/*
 * xAPI 1.0.3 statements for learning events, written as compact JSON by hand (this
 * module may not use cJSON), once, when the event happens; the event log keeps the
 * bytes and every export sends them unchanged.
 *
 * Invariants:
 * - A statement never carries a person's name: the actor is an account whose name
 *   is the learner's UUID under the deployment's homePage (StatementSpec.iris).
 * - Activity ids are IRIs under the deployment's activity base built from the pack, lesson, quiz
 *   and question ids, each percent-encoded as one path segment, so the same question
 *   has the same id on every device.
 * - Every statement carries the pack id and version in a context extension beside
 *   its parent and grouping activities, so a trainer's report needs no pack.
 */
#include "progress/progress_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ADL_VERB "http://adlnet.gov/expapi/verbs/"
#define ADL_ACTIVITY "http://adlnet.gov/expapi/activities/"

void progress_iri_segment(AilBuf *out, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    if (!out->data) ail_buf_puts(out, "");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            ail_buf_append(out, (const char *)p, 1);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            ail_buf_append(out, esc, 3);
        }
    }
}

const char *progress_verb_name(StatementVerb verb) {
    switch (verb) {
    case STMT_EXPERIENCED: return "experienced";
    case STMT_ANSWERED: return "answered";
    case STMT_PASSED: return "passed";
    case STMT_FAILED: return "failed";
    case STMT_COMPLETED: return "completed";
    case STMT_PROGRESSED: return "progressed";
    case STMT_INTERACTED: return "interacted";
    }
    return "experienced";
}

const char *progress_verb_from_iri(const char *iri) {
    size_t n = strlen(ADL_VERB);
    if (!iri || strncmp(iri, ADL_VERB, n) != 0) return NULL;
    for (int v = STMT_EXPERIENCED; v <= STMT_INTERACTED; v++)
        if (strcmp(iri + n, progress_verb_name((StatementVerb)v)) == 0)
            return progress_verb_name((StatementVerb)v);
    return NULL;
}

void progress_duration_iso8601(int64_t ms, AilBuf *out) {
    if (ms < 0) ms = 0;
    int64_t h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
    ail_buf_puts(out, "PT");
    if (h) ail_buf_printf(out, "%lldH", (long long)h);
    if (m) ail_buf_printf(out, "%lldM", (long long)m);
    if (frac) {
        char f[8];
        snprintf(f, sizeof f, "%03lld", (long long)frac);
        for (int i = 2; i > 0 && f[i] == '0'; i--) f[i] = '\0';
        ail_buf_printf(out, "%lld.%sS", (long long)s, f);
    } else if (s || (!h && !m)) {
        ail_buf_printf(out, "%lldS", (long long)s);
    }
}

/* The entry of text shown in lang (falling back as course_text does), or NULL. */
static const LocalizedEntry *text_entry(const Course *c, const LocalizedText *t, const char *lang) {
    if (!t->count) return NULL;
    for (size_t i = 0; lang && i < t->count; i++)
        if (strcmp(t->entries[i].lang, lang) == 0) return &t->entries[i];
    for (size_t i = 0; c->language_count && i < t->count; i++)
        if (strcmp(t->entries[i].lang, c->languages[0]) == 0) return &t->entries[i];
    return &t->entries[0];
}

/* Appends ,"KEY":{"lang":"text"} when the text has something to show. */
static void put_langmap(AilBuf *out, const char *key, const Course *c, const LocalizedText *t,
                        const char *lang) {
    const LocalizedEntry *e = text_entry(c, t, lang);
    if (!e || !e->text[0] || !e->lang[0]) return;
    ail_buf_printf(out, ",\"%s\":{", key);
    ail_buf_json_string(out, e->lang);
    ail_buf_puts(out, ":");
    ail_buf_json_string(out, e->text);
    ail_buf_puts(out, "}");
}

/* The deployment's activity base (progress_xapi_iri_check took it: no character
 * that JSON would escape), or the default. */
static void put_pack_iri(AilBuf *out, const StatementSpec *s) {
    ail_buf_puts(out, s->iris ? s->iris->activity_base : PROGRESS_XAPI_IRI);
    ail_buf_puts(out, "/activities/pack/");
    progress_iri_segment(out, s->course->id);
}

static void put_lesson_iri(AilBuf *out, const StatementSpec *s) {
    put_pack_iri(out, s);
    ail_buf_puts(out, "/lesson/");
    progress_iri_segment(out, s->lesson->id);
}

static void put_quiz_iri(AilBuf *out, const StatementSpec *s) {
    put_lesson_iri(out, s);
    ail_buf_puts(out, "/quiz/");
    progress_iri_segment(out, s->page->quiz_id);
}

static void put_activity_id(AilBuf *out, const StatementSpec *s) {
    ail_buf_puts(out, "\"id\":\"");
    if (s->question) {
        put_quiz_iri(out, s);
        ail_buf_puts(out, "/question/");
        progress_iri_segment(out, s->question->id);
    } else if (s->page && s->page->type == PAGE_QUIZ &&
               (s->verb == STMT_PASSED || s->verb == STMT_FAILED)) {
        put_quiz_iri(out, s);
    } else if (s->page) {
        put_lesson_iri(out, s);
        ail_buf_printf(out, "/page/%zu", s->page_index + 1);
    } else {
        put_lesson_iri(out, s);
    }
    ail_buf_puts(out, "\"");
}

/* choices / source / target / steps components: [{"id":..,"description":{..}}] */
static void put_component(AilBuf *out, const StatementSpec *s, const char *id,
                          const LocalizedText *text, bool *first) {
    ail_buf_puts(out, *first ? "{\"id\":" : ",{\"id\":");
    *first = false;
    ail_buf_json_string(out, id);
    const LocalizedEntry *e = text_entry(s->course, text, s->lang);
    if (e && e->lang[0]) {
        ail_buf_puts(out, ",\"description\":{");
        ail_buf_json_string(out, e->lang);
        ail_buf_puts(out, ":");
        ail_buf_json_string(out, e->text);
        ail_buf_puts(out, "}");
    }
    ail_buf_puts(out, "}");
}

static void put_interaction(AilBuf *out, const StatementSpec *s) {
    const Question *q = s->question;
    ail_buf_puts(out, ",\"type\":\"" ADL_ACTIVITY "cmi.interaction\",\"interactionType\":");
    ail_buf_json_string(out, quiz_interaction_type(q->type));
    size_t patterns = quiz_correct_pattern_count(q, s->lang);
    if (patterns) {
        ail_buf_puts(out, ",\"correctResponsesPattern\":[");
        AilBuf pat;
        ail_buf_init(&pat);
        for (size_t i = 0; i < patterns; i++) {
            ail_buf_clear(&pat);
            quiz_correct_pattern(q, s->lang, i, &pat);
            if (i) ail_buf_puts(out, ",");
            ail_buf_json_string(out, pat.data ? pat.data : "");
        }
        ail_buf_free(&pat);
        ail_buf_puts(out, "]");
    }
    bool first = true;
    switch (q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE:
        ail_buf_puts(out, ",\"choices\":[");
        for (size_t i = 0; i < q->choice_count; i++)
            put_component(out, s, q->choices[i].id, &q->choices[i].text, &first);
        ail_buf_puts(out, "]");
        break;
    case QUESTION_ORDER:
        ail_buf_puts(out, ",\"choices\":[");
        for (size_t i = 0; i < q->item_count; i++)
            put_component(out, s, q->items[i].id, &q->items[i].text, &first);
        ail_buf_puts(out, "]");
        break;
    case QUESTION_MATCH:
        ail_buf_puts(out, ",\"source\":[");
        for (size_t i = 0; i < q->pair_count; i++)
            put_component(out, s, q->pairs[i].id, &q->pairs[i].left, &first);
        ail_buf_puts(out, "],\"target\":[");
        first = true;
        for (size_t i = 0; i < q->pair_count; i++)
            put_component(out, s, q->pairs[i].id, &q->pairs[i].right, &first);
        ail_buf_puts(out, "]");
        break;
    case QUESTION_TRUEFALSE:
    case QUESTION_TEXT: break;
    }
}

static void put_object(AilBuf *out, const StatementSpec *s) {
    ail_buf_puts(out, ",\"object\":{\"objectType\":\"Activity\",");
    put_activity_id(out, s);
    ail_buf_puts(out, ",\"definition\":{");
    size_t mark = out->len;
    if (s->question) {
        ail_buf_puts(out, "\"_\":0"); /* placeholder so every later field starts with ',' */
        put_langmap(out, "name", s->course, &s->question->prompt, s->lang);
        put_interaction(out, s);
    } else if (s->page && s->page->type == PAGE_QUIZ &&
               (s->verb == STMT_PASSED || s->verb == STMT_FAILED)) {
        ail_buf_puts(out, "\"_\":0,\"type\":\"" ADL_ACTIVITY "assessment\"");
        put_langmap(out, "name", s->course, &s->page->title, s->lang);
    } else if (s->page) {
        ail_buf_puts(out, "\"_\":0,\"type\":\"https://w3id.org/xapi/acrossx/activities/page\"");
        put_langmap(out, "name", s->course, &s->page->title, s->lang);
    } else {
        ail_buf_puts(out, "\"_\":0,\"type\":\"" ADL_ACTIVITY "lesson\"");
        put_langmap(out, "name", s->course, &s->lesson->title, s->lang);
        put_langmap(out, "description", s->course, &s->lesson->summary, s->lang);
    }
    /* Drop the placeholder and its following comma. */
    size_t skip = strlen("\"_\":0");
    if (out->len > mark + skip && out->data[mark + skip] == ',') skip++;
    memmove(out->data + mark, out->data + mark + skip, out->len - mark - skip + 1);
    out->len -= skip;
    ail_buf_puts(out, "}}");
}

static void put_number(AilBuf *out, double v) {
    if (!isfinite(v)) v = 0;
    if (v == floor(v) && fabs(v) < 1e15)
        ail_buf_printf(out, "%.0f", v);
    else
        ail_buf_printf(out, "%.6g", v);
}

static void put_result(AilBuf *out, const StatementSpec *s) {
    if (!s->has_result) return;
    ail_buf_puts(out, ",\"result\":{");
    bool first = true;
#define SEP() (first ? (first = false, "") : ",")
    if (s->response) {
        ail_buf_printf(out, "%s\"response\":", SEP());
        ail_buf_json_string(out, s->response);
    }
    if (s->has_success)
        ail_buf_printf(out, "%s\"success\":%s", SEP(), s->success ? "true" : "false");
    if (s->has_score) {
        ail_buf_printf(out, "%s\"score\":{\"scaled\":", SEP());
        put_number(out, s->scaled);
        ail_buf_puts(out, ",\"raw\":");
        put_number(out, s->raw);
        ail_buf_puts(out, ",\"min\":");
        put_number(out, s->min);
        ail_buf_puts(out, ",\"max\":");
        put_number(out, s->max);
        ail_buf_puts(out, "}");
    }
    if (s->verb == STMT_COMPLETED) ail_buf_printf(out, "%s\"completion\":true", SEP());
    if (s->duration_ms >= 0) {
        ail_buf_printf(out, "%s\"duration\":\"", SEP());
        progress_duration_iso8601(s->duration_ms, out);
        ail_buf_puts(out, "\"");
    }
    if (s->misconception || s->progress_page >= 0 || s->demo_summary) {
        ail_buf_printf(out, "%s\"extensions\":{", SEP());
        if (s->demo_summary) {
            ail_buf_puts(out, "\"" PROGRESS_XAPI_IRI "/extensions/demo\":");
            ail_buf_puts(out, s->demo_summary);
        } else if (s->misconception) {
            ail_buf_puts(out, "\"" PROGRESS_XAPI_IRI "/extensions/misconception\":");
            ail_buf_json_string(out, s->misconception);
        } else {
            ail_buf_printf(out, "\"" PROGRESS_XAPI_IRI "/extensions/page\":%d",
                           s->progress_page + 1);
        }
        ail_buf_puts(out, "}");
    }
#undef SEP
    ail_buf_puts(out, "}");
}

static void put_context(AilBuf *out, const StatementSpec *s) {
    ail_buf_puts(out, ",\"context\":{");
    if (s->registration) {
        ail_buf_puts(out, "\"registration\":");
        ail_buf_json_string(out, s->registration);
        ail_buf_puts(out, ",");
    }
    ail_buf_puts(out, "\"contextActivities\":{\"parent\":[{\"id\":\"");
    if (s->question)
        put_quiz_iri(out, s);
    else if (s->page)
        put_lesson_iri(out, s);
    else
        put_pack_iri(out, s);
    ail_buf_puts(out, "\",\"objectType\":\"Activity\"}],\"grouping\":[{\"id\":\"");
    put_pack_iri(out, s);
    ail_buf_puts(out, "\",\"objectType\":\"Activity\"}");
    if (s->page) {
        ail_buf_puts(out, ",{\"id\":\"");
        put_lesson_iri(out, s);
        ail_buf_puts(out, "\",\"objectType\":\"Activity\"}");
    }
    ail_buf_puts(out, "]},\"platform\":\"ailit " AILIT_VERSION "\"");
    if (s->lang && s->lang[0]) {
        ail_buf_puts(out, ",\"language\":");
        ail_buf_json_string(out, s->lang);
    }
    ail_buf_puts(out, ",\"extensions\":{\"" PROGRESS_XAPI_IRI "/extensions/pack\":{\"id\":");
    ail_buf_json_string(out, s->course->id);
    ail_buf_puts(out, ",\"version\":");
    ail_buf_json_string(out, s->course->version);
    ail_buf_puts(out, ",\"lesson\":");
    ail_buf_json_string(out, s->lesson->id);
    if (s->page && s->page->type == PAGE_QUIZ) {
        ail_buf_puts(out, ",\"quiz\":");
        ail_buf_json_string(out, s->page->quiz_id);
        /* "pre" or "post": a report pairs a learner's two tests by it. */
        const char *role = course_quiz_role_name(s->page->role);
        if (role) ail_buf_printf(out, ",\"role\":\"%s\"", role);
    }
    if (s->question) {
        ail_buf_puts(out, ",\"question\":");
        ail_buf_json_string(out, s->question->id);
    }
    if (s->verb == STMT_INTERACTED && s->page && s->page->demo) {
        ail_buf_puts(out, ",\"demo\":");
        ail_buf_json_string(out, s->page->demo);
    }
    ail_buf_puts(out, "}}}");
}

void progress_statement_build(const StatementSpec *s, AilBuf *out) {
    const char *verb = progress_verb_name(s->verb);
    ail_buf_puts(out, "{\"id\":");
    ail_buf_json_string(out, s->id);
    ail_buf_puts(out, ",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":");
    ail_buf_json_string(out, s->iris ? s->iris->homepage : PROGRESS_XAPI_HOMEPAGE);
    ail_buf_puts(out, ",\"name\":");
    ail_buf_json_string(out, s->learner);
    ail_buf_printf(out, "}},\"verb\":{\"id\":\"" ADL_VERB "%s\",\"display\":{\"en-US\":\"%s\"}}",
                   verb, verb);
    put_object(out, s);
    put_result(out, s);
    put_context(out, s);
    char ts[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(s->at_ms, ts);
    ail_buf_printf(out, ",\"timestamp\":\"%s\",\"version\":\"1.0.3\"}", ts);
}
