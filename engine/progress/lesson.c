/*
 * What the app records while a learner works through a lesson, and the queries its
 * screens ask.
 *
 * Invariants:
 * - Each record call is one BEGIN IMMEDIATE ... COMMIT transaction holding the new
 *   event (its xAPI statement, written once) and every derived row it changes
 *   (lesson_state, lesson_answers, quiz_results, lesson_results), so the derived
 *   state never disagrees with the log, whatever moment the process dies at.
 * - A call returns AIL_OK only after COMMIT returned, which with WAL and
 *   synchronous=FULL means the commit is on disk.
 * - An attempt (lesson_state row) lives from the first start, page or answer until
 *   finish_lesson; its registration UUID ties its statements together.
 */
#include "progress/progress_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Transactions and small helpers ---------------------------------------------- */

static AilResult begin(ProgressStore *s, AilError *err) {
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return progress_sql_error(s->db, "saving progress", err);
    return AIL_OK;
}

static AilResult commit(ProgressStore *s, AilResult r, AilError *err) {
    if (r == AIL_OK) {
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return AIL_OK;
        r = progress_sql_error(s->db, "saving progress", err);
    }
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->xapi_fixed = false; /* the IRIs may have gone with the rolled-back statement */
    return r;
}

static AilResult prepare(ProgressStore *s, const char *sql, sqlite3_stmt **st, const char *doing,
                         AilError *err) {
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return progress_sql_error(s->db, doing, err);
    return AIL_OK;
}

static AilResult step_done(ProgressStore *s, sqlite3_stmt *st, const char *doing, AilError *err) {
    int rc = progress_step(s, st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AIL_OK : progress_sql_error(s->db, doing, err);
}

static void bind_key(ProgressStore *s, sqlite3_stmt *st, const char *learner, const Course *c, const Lesson *l) {
    progress_bind_text(s, st, 1, learner, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 2, c->id, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 3, l->id, -1, SQLITE_STATIC);
}

static AilResult check_lesson(const Course *c, size_t lesson_index, AilError *err) {
    if (!c || lesson_index >= c->lesson_count)
        return ail_error_set(err, AIL_ERR_USAGE, "there is no lesson %zu in this pack",
                             lesson_index + 1);
    return AIL_OK;
}

static AilResult check_quiz(const Course *c, size_t lesson_index, size_t page_index,
                            AilError *err) {
    AilResult r = check_lesson(c, lesson_index, err);
    if (r) return r;
    const Lesson *l = &c->lessons[lesson_index];
    if (page_index >= l->page_count || l->pages[page_index].type != PAGE_QUIZ)
        return ail_error_set(err, AIL_ERR_USAGE, "page %zu of lesson %s is not a quiz",
                             page_index + 1, l->id);
    return AIL_OK;
}

static AilResult check_learner(ProgressStore *s, const char *learner, AilError *err) {
    ProgressLearner l;
    return progress_learner_get(s, learner, &l, err);
}

/* The attempt's registration and start time, made when there is none. */
typedef struct {
    char registration[AIL_UUID_LEN + 1];
    int64_t started_ms;
    int page;
    bool existed;
} Attempt;

static AilResult attempt_get(ProgressStore *s, const char *learner, const Course *c,
                             const Lesson *l, bool create, Attempt *a, AilError *err) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(s,
                          "SELECT registration, started_ms, page FROM lesson_state "
                          "WHERE learner = ? AND pack_id = ? AND lesson_id = ?",
                          &st, "reading the lesson's place", err);
    if (r) return r;
    bind_key(s, st, learner, c, l);
    int rc = progress_step(s, st);
    memset(a, 0, sizeof *a);
    if (rc == SQLITE_ROW) {
        snprintf(a->registration, sizeof a->registration, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        a->started_ms = sqlite3_column_int64(st, 1);
        a->page = sqlite3_column_int(st, 2);
        a->existed = true;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return AIL_OK;
    if (rc != SQLITE_DONE) return progress_sql_error(s->db, "reading the lesson's place", err);
    if (!create) return ail_error_set(err, AIL_ERR_NOT_FOUND, "the lesson was not started");
    if ((r = ail_uuid_v4(a->registration)))
        return ail_error_set(err, r, "this system gave no randomness for an attempt id");
    a->started_ms = progress_now_ms(s);
    if ((r = prepare(s,
                     "INSERT INTO lesson_state(learner, pack_id, lesson_id, registration, page,"
                     " started_ms, updated_ms) VALUES (?, ?, ?, ?, 0, ?, ?)",
                     &st, "starting the lesson", err)))
        return r;
    bind_key(s, st, learner, c, l);
    progress_bind_text(s, st, 4, a->registration, -1, SQLITE_STATIC);
    progress_bind_int64(s, st, 5, a->started_ms);
    progress_bind_int64(s, st, 6, a->started_ms);
    return step_done(s, st, "starting the lesson", err);
}

static AilResult attempt_set_page(ProgressStore *s, const char *learner, const Course *c,
                                  const Lesson *l, int page, AilError *err) {
    sqlite3_stmt *st = NULL;
    AilResult r = prepare(s,
                          "UPDATE lesson_state SET page = ?4, updated_ms = ?5 "
                          "WHERE learner = ?1 AND pack_id = ?2 AND lesson_id = ?3",
                          &st, "saving the lesson's place", err);
    if (r) return r;
    bind_key(s, st, learner, c, l);
    progress_bind_int64(s, st, 4, page);
    progress_bind_int64(s, st, 5, progress_now_ms(s));
    return step_done(s, st, "saving the lesson's place", err);
}

/* Builds the statement for spec and appends it to the event log. */
static AilResult append_event(ProgressStore *s, StatementSpec *spec, AilError *err) {
    char id[AIL_UUID_LEN + 1];
    AilResult r = ail_uuid_v4(id);
    if (r) return ail_error_set(err, r, "this system gave no randomness for a statement id");
    /* The first statement fixes the deployment's IRIs in the same transaction. */
    if ((r = progress_xapi_current(s, &spec->iris, err)) || (r = progress_xapi_fix(s, err)))
        return r;
    spec->id = id;
    spec->at_ms = progress_now_ms(s);
    AilBuf json;
    ail_buf_init(&json);
    progress_statement_build(spec, &json);
    spec->id = NULL; /* id is this function's: no pointer to it outlives the call */
    sqlite3_stmt *st = NULL;
    if ((r = prepare(s,
                     "INSERT INTO events(statement_id, learner, verb, pack_id, lesson_id, quiz_id,"
                     " question_id, success, score, at_ms, statement)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     &st, "saving progress", err))) {
        ail_buf_free(&json);
        return r;
    }
    progress_bind_text(s, st, 1, id, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 2, spec->learner, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 3, progress_verb_name(spec->verb), -1, SQLITE_STATIC);
    progress_bind_text(s, st, 4, spec->course->id, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 5, spec->lesson->id, -1, SQLITE_STATIC);
    if (spec->page && spec->page->type == PAGE_QUIZ)
        progress_bind_text(s, st, 6, spec->page->quiz_id, -1, SQLITE_STATIC);
    if (spec->question) progress_bind_text(s, st, 7, spec->question->id, -1, SQLITE_STATIC);
    if (spec->has_success) progress_bind_int64(s, st, 8, spec->success);
    if (spec->has_score) progress_bind_double(s, st, 9, spec->scaled);
    progress_bind_int64(s, st, 10, spec->at_ms);
    progress_bind_text(s, st, 11, json.data, (int)json.len, SQLITE_STATIC);
    r = step_done(s, st, "saving progress", err);
    ail_buf_free(&json);
    return r;
}

static StatementSpec spec_for(const char *learner, StatementVerb verb, const Course *c,
                              const Lesson *l, const char *lang, const char *registration) {
    StatementSpec spec;
    memset(&spec, 0, sizeof spec);
    spec.learner = learner;
    spec.verb = verb;
    spec.course = c;
    spec.lesson = l;
    spec.lang = lang ? lang : (c->language_count ? c->languages[0] : NULL);
    spec.registration = registration;
    spec.duration_ms = -1;
    spec.progress_page = -1;
    return spec;
}

/* ---- Recording ---------------------------------------------------------------------- */

/* The answers given so far in the attempt into *n (the app resumes after them). */
static AilResult count_answers(ProgressStore *s, const char *learner, const Course *c,
                               const Lesson *l, size_t *n, AilError *err) {
    sqlite3_stmt *st = NULL;
    *n = 0;
    AilResult r = prepare(s,
                          "SELECT count(*) FROM lesson_answers "
                          "WHERE learner = ? AND pack_id = ? AND lesson_id = ?",
                          &st, "reading the lesson's answers", err);
    if (r) return r;
    bind_key(s, st, learner, c, l);
    int rc = progress_step(s, st);
    if (rc == SQLITE_ROW) *n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* Taking a failed read for 0 would ask the answered questions again. */
    return rc == SQLITE_ROW ? AIL_OK
                            : progress_sql_error(s->db, "reading the lesson's answers", err);
}

AilResult progress_lesson_start(ProgressStore *s, const char *learner, const Course *c,
                                size_t lesson_index, const char *lang, ProgressLessonState *out,
                                AilError *err) {
    AilResult r = check_lesson(c, lesson_index, err);
    if (r || (r = check_learner(s, learner, err)) || (r = begin(s, err))) return r;
    const Lesson *l = &c->lessons[lesson_index];
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    if (!r && a.existed) {
        StatementSpec spec = spec_for(learner, STMT_PROGRESSED, c, l, lang, a.registration);
        spec.has_result = true;
        spec.progress_page = a.page;
        spec.duration_ms = progress_now_ms(s) - a.started_ms;
        r = append_event(s, &spec, err);
        if (!r) r = attempt_set_page(s, learner, c, l, a.page, err);
    }
    if (!r && out) {
        memset(out, 0, sizeof *out);
        out->resumed = a.existed;
        out->page = a.page;
        r = count_answers(s, learner, c, l, &out->answers, err);
        snprintf(out->registration, sizeof out->registration, "%s", a.registration);
    }
    return commit(s, r, err);
}

AilResult progress_record_page(ProgressStore *s, const char *learner, const Course *c,
                               size_t lesson_index, size_t page_index, const char *lang,
                               AilError *err) {
    AilResult r = check_lesson(c, lesson_index, err);
    if (r) return r;
    const Lesson *l = &c->lessons[lesson_index];
    if (page_index >= l->page_count)
        return ail_error_set(err, AIL_ERR_USAGE, "lesson %s has no page %zu", l->id,
                             page_index + 1);
    if ((r = check_learner(s, learner, err)) || (r = begin(s, err))) return r;
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    if (!r) {
        StatementSpec spec = spec_for(learner, STMT_EXPERIENCED, c, l, lang, a.registration);
        spec.page = &l->pages[page_index];
        spec.page_index = page_index;
        r = append_event(s, &spec, err);
    }
    if (!r) r = attempt_set_page(s, learner, c, l, (int)page_index, err);
    return commit(s, r, err);
}

AilResult progress_record_demo(ProgressStore *s, const char *learner, const Course *c,
                               size_t lesson_index, size_t page_index, const char *summary,
                               const char *lang, int64_t duration_ms, AilError *err) {
    AilResult r = check_lesson(c, lesson_index, err);
    if (r) return r;
    const Lesson *l = &c->lessons[lesson_index];
    if (page_index >= l->page_count || l->pages[page_index].type != PAGE_DEMO)
        return ail_error_set(err, AIL_ERR_USAGE, "page %zu of lesson %s is not a demo",
                             page_index + 1, l->id);
    if (!progress_demo_summary_ok(summary))
        return ail_error_set(err, AIL_ERR_INVALID,
                             "a demo's summary is not a small JSON object of plain values");
    if ((r = check_learner(s, learner, err)) || (r = begin(s, err))) return r;
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    if (!r) {
        StatementSpec spec = spec_for(learner, STMT_INTERACTED, c, l, lang, a.registration);
        spec.page = &l->pages[page_index];
        spec.page_index = page_index;
        spec.has_result = true;
        spec.demo_summary = summary;
        spec.duration_ms = duration_ms;
        r = append_event(s, &spec, err);
    }
    return commit(s, r, err);
}

/* Copies a response into out as well-formed UTF-8 of at most PROGRESS_RESPONSE_MAX
 * bytes, cut at a character boundary: malformed bytes become U+FFFD. A typed answer
 * is the one part of a statement that the learner writes; one that is not UTF-8 would
 * make the statement invalid JSON, and one of megabytes would pass the merge's size
 * limit, and either would get every progress file of this device refused for good,
 * since the event log never changes. */
static void clean_response(const char *s, size_t len, AilBuf *out) {
    ail_buf_puts(out, "");
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *at = p;
        uint32_t cp = ail_utf8_next(&p, end);
        size_t before = out->len;
        if (cp == 0xFFFD && !(p - at == 3 && memcmp(at, "\xEF\xBF\xBD", 3) == 0))
            ail_utf8_append(out, 0xFFFD);
        else
            ail_buf_append(out, at, (size_t)(p - at));
        if (out->len > PROGRESS_RESPONSE_MAX) {
            out->len = before;
            out->data[before] = '\0';
            break;
        }
    }
}

AilResult progress_record_answer(ProgressStore *s, const char *learner, const Course *c,
                                 size_t lesson_index, size_t page_index, size_t question_index,
                                 const QuizResponse *response, const char *lang,
                                 int64_t duration_ms, QuizGrade *grade_out, AilError *err) {
    AilResult r = check_quiz(c, lesson_index, page_index, err);
    if (r) return r;
    const Lesson *l = &c->lessons[lesson_index];
    const Page *p = &l->pages[page_index];
    if (question_index >= p->question_count)
        return ail_error_set(err, AIL_ERR_USAGE, "quiz %s has no question %zu", p->quiz_id,
                             question_index + 1);
    const Question *q = &p->questions[question_index];
    QuizGrade grade;
    if (quiz_grade(q, response, &grade) != AIL_OK)
        return ail_error_set(err, AIL_ERR_USAGE,
                             "the answer does not fit question %s (an unknown or repeated id, or "
                             "the wrong number of them); nothing was recorded",
                             q->id);
    if ((r = check_learner(s, learner, err))) return r;
    AilBuf raw, encoded;
    ail_buf_init(&raw);
    ail_buf_init(&encoded);
    quiz_response_encode(q, response, &raw);
    clean_response(raw.data ? raw.data : "", raw.len, &encoded);
    ail_buf_free(&raw);
    if ((r = begin(s, err))) {
        ail_buf_free(&encoded);
        return r;
    }
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    if (!r) {
        StatementSpec spec = spec_for(learner, STMT_ANSWERED, c, l, lang, a.registration);
        spec.page = p;
        spec.page_index = page_index;
        spec.question = q;
        spec.has_result = true;
        spec.response = encoded.data;
        spec.has_success = true;
        spec.success = grade.correct;
        spec.has_score = true;
        spec.scaled = spec.raw = grade.score;
        spec.min = 0;
        spec.max = 1;
        spec.duration_ms = duration_ms < 0 ? 0 : duration_ms;
        /* A wrong choice's tag, or a wrong true/false answer's: reports count both. */
        spec.misconception = grade.wrong_choice
                                 ? grade.wrong_choice->misconception
                                 : course_truefalse_misconception(q, response->truth);
        r = append_event(s, &spec, err);
    }
    if (!r) {
        sqlite3_stmt *st = NULL;
        r = prepare(s,
                    "INSERT INTO lesson_answers(learner, pack_id, lesson_id, quiz_id, question_id,"
                    " response, correct) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT DO UPDATE SET response = excluded.response,"
                    " correct = excluded.correct",
                    &st, "saving the answer", err);
        if (!r) {
            bind_key(s, st, learner, c, l);
            progress_bind_text(s, st, 4, p->quiz_id, -1, SQLITE_STATIC);
            progress_bind_text(s, st, 5, q->id, -1, SQLITE_STATIC);
            progress_bind_text(s, st, 6, encoded.data, (int)encoded.len, SQLITE_STATIC);
            progress_bind_int64(s, st, 7, grade.correct);
            r = step_done(s, st, "saving the answer", err);
        }
    }
    if (!r) r = attempt_set_page(s, learner, c, l, (int)page_index, err);
    r = commit(s, r, err);
    ail_buf_free(&encoded);
    if (!r && grade_out) *grade_out = grade;
    return r;
}

AilResult progress_answer_get(ProgressStore *s, const char *learner, const Course *c,
                              size_t lesson_index, size_t page_index, size_t question_index,
                              AilBuf *response, bool *correct, AilError *err) {
    AilResult r = check_quiz(c, lesson_index, page_index, err);
    if (r) return r;
    const Lesson *l = &c->lessons[lesson_index];
    const Page *p = &l->pages[page_index];
    if (question_index >= p->question_count)
        return ail_error_set(err, AIL_ERR_USAGE, "quiz %s has no question %zu", p->quiz_id,
                             question_index + 1);
    sqlite3_stmt *st = NULL;
    if ((r = prepare(
             s,
             "SELECT response, correct FROM lesson_answers WHERE learner = ? AND pack_id = ?"
             " AND lesson_id = ? AND quiz_id = ? AND question_id = ?",
             &st, "reading an answer", err)))
        return r;
    bind_key(s, st, learner, c, l);
    progress_bind_text(s, st, 4, p->quiz_id, -1, SQLITE_STATIC);
    progress_bind_text(s, st, 5, p->questions[question_index].id, -1, SQLITE_STATIC);
    int rc = progress_step(s, st);
    if (rc == SQLITE_ROW) {
        if (response) ail_buf_puts(response, (const char *)sqlite3_column_text(st, 0));
        if (correct) *correct = sqlite3_column_int(st, 1) != 0;
    } else if (rc == SQLITE_DONE) {
        r = ail_error_set(err, AIL_ERR_NOT_FOUND, "the question was not answered yet");
    } else {
        r = progress_sql_error(s->db, "reading an answer", err);
    }
    sqlite3_finalize(st);
    return r;
}

/* Whether the quiz's newest answers were scored already: a passed/failed event comes
 * after its last answered event. A crash between the last answer and the results
 * leaves them unscored; reopening the quiz then scores them once, never twice. */
static AilResult quiz_already_scored(ProgressStore *s, const char *learner, const Course *c,
                                     const Lesson *l, const char *quiz_id, bool *scored,
                                     AilError *err) {
    sqlite3_stmt *st = NULL;
    AilResult r =
        prepare(s,
                "SELECT coalesce(max(CASE WHEN verb IN ('passed', 'failed') THEN seq END), 0)"
                " > coalesce(max(CASE WHEN verb = 'answered' THEN seq END), 0)"
                " FROM events WHERE learner = ? AND pack_id = ? AND lesson_id = ?"
                " AND quiz_id = ?",
                &st, "checking the quiz's score", err);
    if (r) return r;
    bind_key(s, st, learner, c, l);
    progress_bind_text(s, st, 4, quiz_id, -1, SQLITE_STATIC);
    int rc = progress_step(s, st);
    *scored = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    /* Taking a failed read for "not scored yet" would score the quiz twice. */
    return rc == SQLITE_ROW ? AIL_OK : progress_sql_error(s->db, "checking the quiz's score", err);
}

AilResult progress_finish_quiz(ProgressStore *s, const char *learner, const Course *c,
                               size_t lesson_index, size_t page_index, const char *lang,
                               QuizScore *score_out, AilError *err) {
    AilResult r = check_quiz(c, lesson_index, page_index, err);
    if (r || (r = check_learner(s, learner, err)) || (r = begin(s, err))) return r;
    const Lesson *l = &c->lessons[lesson_index];
    const Page *p = &l->pages[page_index];
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    size_t correct = 0;
    if (!r) {
        sqlite3_stmt *st = NULL;
        r = prepare(s,
                    "SELECT question_id FROM lesson_answers WHERE learner = ? AND pack_id = ?"
                    " AND lesson_id = ? AND quiz_id = ? AND correct = 1",
                    &st, "scoring the quiz", err);
        if (!r) {
            bind_key(s, st, learner, c, l);
            progress_bind_text(s, st, 4, p->quiz_id, -1, SQLITE_STATIC);
            int rc;
            while ((rc = progress_step(s, st)) == SQLITE_ROW) {
                const char *qid = (const char *)sqlite3_column_text(st, 0);
                for (size_t i = 0; i < p->question_count; i++) /* questions still in the quiz */
                    if (qid && strcmp(p->questions[i].id, qid) == 0) correct++;
            }
            sqlite3_finalize(st);
            /* A read that stops early would score (and record) some answers only. */
            if (rc != SQLITE_DONE) r = progress_sql_error(s->db, "scoring the quiz", err);
        }
    }
    QuizScore score = quiz_score(correct, p->question_count, course_quiz_pass(c, p));
    bool scored = false;
    if (!r) r = quiz_already_scored(s, learner, c, l, p->quiz_id, &scored, err);
    if (!r && !scored) {
        StatementSpec spec =
            spec_for(learner, score.passed ? STMT_PASSED : STMT_FAILED, c, l, lang, a.registration);
        spec.page = p;
        spec.page_index = page_index;
        spec.has_result = true;
        spec.has_success = true;
        spec.success = score.passed;
        spec.has_score = true;
        spec.scaled = score.scaled;
        spec.raw = (double)score.correct;
        spec.min = 0;
        spec.max = (double)score.total;
        spec.duration_ms = progress_now_ms(s) - a.started_ms;
        r = append_event(s, &spec, err);
    }
    if (!r && !scored) {
        sqlite3_stmt *st = NULL;
        r = prepare(s,
                    "INSERT INTO quiz_results(learner, pack_id, lesson_id, quiz_id, best_score,"
                    " attempts, passed) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET"
                    " best_score = max(best_score, excluded.best_score), attempts = attempts + 1,"
                    " passed = max(passed, excluded.passed)",
                    &st, "saving the quiz score", err);
        if (!r) {
            bind_key(s, st, learner, c, l);
            progress_bind_text(s, st, 4, p->quiz_id, -1, SQLITE_STATIC);
            progress_bind_double(s, st, 5, score.scaled);
            progress_bind_int64(s, st, 6, score.passed);
            r = step_done(s, st, "saving the quiz score", err);
        }
    }
    r = commit(s, r, err);
    if (!r && score_out) *score_out = score;
    return r;
}

/* The best score of a quiz into *best (< 0 when never finished). */
static AilResult quiz_best(ProgressStore *s, const char *learner, const Course *c,
                           const Lesson *l, const char *quiz_id, double *best, AilError *err) {
    sqlite3_stmt *st = NULL;
    *best = -1;
    AilResult r = prepare(s,
                          "SELECT best_score FROM quiz_results WHERE learner = ? AND pack_id = ?"
                          " AND lesson_id = ? AND quiz_id = ?",
                          &st, "reading a quiz's best score", err);
    if (r) return r;
    bind_key(s, st, learner, c, l);
    progress_bind_text(s, st, 4, quiz_id, -1, SQLITE_STATIC);
    int rc = progress_step(s, st);
    if (rc == SQLITE_ROW) *best = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return progress_sql_error(s->db, "reading a quiz's best score", err);
    return AIL_OK;
}

/* *mastered: every quiz of the lesson has a best score of at least max(0.8, pass). */
static AilResult lesson_mastered(ProgressStore *s, const char *learner, const Course *c,
                                 const Lesson *l, bool *mastered, AilError *err) {
    *mastered = true;
    for (size_t i = 0; i < l->page_count; i++) {
        const Page *p = &l->pages[i];
        if (p->type != PAGE_QUIZ) continue;
        double need = course_quiz_pass(c, p), best;
        if (need < PROGRESS_MASTERY_RATIO) need = PROGRESS_MASTERY_RATIO;
        AilResult r = quiz_best(s, learner, c, l, p->quiz_id, &best, err);
        if (r) return r;
        if (best < need - 1e-9) {
            *mastered = false;
            return AIL_OK;
        }
    }
    return AIL_OK;
}

AilResult progress_finish_lesson(ProgressStore *s, const char *learner, const Course *c,
                                 size_t lesson_index, const char *lang, AilError *err) {
    AilResult r = check_lesson(c, lesson_index, err);
    if (r || (r = check_learner(s, learner, err)) || (r = begin(s, err))) return r;
    const Lesson *l = &c->lessons[lesson_index];
    Attempt a;
    r = attempt_get(s, learner, c, l, true, &a, err);
    int64_t now = progress_now_ms(s);
    if (!r) {
        StatementSpec spec = spec_for(learner, STMT_COMPLETED, c, l, lang, a.registration);
        spec.has_result = true;
        spec.duration_ms = now - a.started_ms;
        r = append_event(s, &spec, err);
    }
    bool mastered = false;
    if (!r) r = lesson_mastered(s, learner, c, l, &mastered, err);
    if (!r) {
        sqlite3_stmt *st = NULL;
        r = prepare(s,
                    "INSERT INTO lesson_results(learner, pack_id, lesson_id, completed, mastered,"
                    " completed_ms) VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT DO UPDATE SET"
                    " completed = 1, mastered = max(mastered, excluded.mastered),"
                    " completed_ms = excluded.completed_ms",
                    &st, "saving the lesson's result", err);
        if (!r) {
            bind_key(s, st, learner, c, l);
            progress_bind_int64(s, st, 4, mastered);
            progress_bind_int64(s, st, 5, now);
            r = step_done(s, st, "saving the lesson's result", err);
        }
    }
    if (!r) {
        sqlite3_stmt *st = NULL;
        r = prepare(s,
                    "DELETE FROM lesson_state WHERE learner = ? AND pack_id = ? AND lesson_id = ?",
                    &st, "closing the lesson", err);
        if (!r) {
            bind_key(s, st, learner, c, l);
            r = step_done(s, st, "closing the lesson", err);
        }
    }
    return commit(s, r, err);
}

/* ---- Queries -------------------------------------------------------------------------- */

AilResult progress_lesson_rows(ProgressStore *s, const char *learner, const Course *c,
                               ProgressLessonRow *rows, AilError *err) {
    sqlite3_stmt *state = NULL, *result = NULL, *best = NULL;
    AilResult r = prepare(s,
                          "SELECT page FROM lesson_state WHERE learner = ? AND pack_id = ?"
                          " AND lesson_id = ?",
                          &state, "reading progress", err);
    if (!r)
        r = prepare(s,
                    "SELECT completed, mastered FROM lesson_results WHERE learner = ?"
                    " AND pack_id = ? AND lesson_id = ?",
                    &result, "reading progress", err);
    if (!r)
        r = prepare(s,
                    "SELECT avg(best_score) FROM quiz_results WHERE learner = ? AND pack_id = ?"
                    " AND lesson_id = ?",
                    &best, "reading progress", err);
    for (size_t i = 0; !r && i < c->lesson_count; i++) {
        const Lesson *l = &c->lessons[i];
        ProgressLessonRow *row = &rows[i];
        memset(row, 0, sizeof *row);
        row->best_score = -1;
        sqlite3_stmt *sts[3] = {state, result, best};
        for (int k = 0; k < 3; k++) {
            sqlite3_reset(sts[k]);
            bind_key(s, sts[k], learner, c, l);
        }
        int rc[3];
        if ((rc[0] = progress_step(s, state)) == SQLITE_ROW) {
            row->started = true;
            row->resume_page = sqlite3_column_int(state, 0);
        }
        if ((rc[1] = progress_step(s, result)) == SQLITE_ROW) {
            row->completed = sqlite3_column_int(result, 0) != 0;
            row->mastered = sqlite3_column_int(result, 1) != 0;
        }
        if ((rc[2] = progress_step(s, best)) == SQLITE_ROW &&
            sqlite3_column_type(best, 0) != SQLITE_NULL)
            row->best_score = sqlite3_column_double(best, 0);
        /* A failed read is an error, not "not started" or "not completed". */
        for (int k = 0; !r && k < 3; k++)
            if (rc[k] != SQLITE_ROW && rc[k] != SQLITE_DONE)
                r = progress_sql_error(s->db, "reading progress", err);
    }
    sqlite3_finalize(state);
    sqlite3_finalize(result);
    sqlite3_finalize(best);
    return r;
}

AilResult progress_pack_summary(ProgressStore *s, const char *learner, const Course *c,
                                ProgressPackSummary *out, AilError *err) {
    memset(out, 0, sizeof *out);
    out->lessons = c->lesson_count;
    if (!c->lesson_count) return AIL_OK;
    ProgressLessonRow *rows = ail_xcalloc(c->lesson_count, sizeof *rows);
    AilResult r = progress_lesson_rows(s, learner, c, rows, err);
    for (size_t i = 0; !r && i < c->lesson_count; i++) {
        out->started += rows[i].started;
        out->completed += rows[i].completed;
        out->mastered += rows[i].mastered;
    }
    free(rows);
    return r;
}

AilResult progress_class_overview(ProgressStore *s, const Course *c, ProgressOverviewRow **rows,
                                  size_t *count, AilError *err) {
    *rows = NULL;
    *count = 0;
    ProgressLearner *learners = NULL;
    size_t n = 0;
    AilResult r = progress_learner_list(s, &learners, &n, err);
    if (r || !n) return r;
    ProgressOverviewRow *out = ail_xcalloc(n, sizeof *out);
    ProgressLessonRow *lrows = ail_xcalloc(c->lesson_count ? c->lesson_count : 1, sizeof *lrows);
    sqlite3_stmt *last = NULL;
    r = prepare(s, "SELECT max(at_ms) FROM events WHERE learner = ?", &last, "reading progress",
                err);
    for (size_t i = 0; !r && i < n; i++) {
        out[i].learner = learners[i];
        out[i].mean_best = -1;
        if ((r = progress_lesson_rows(s, learners[i].uuid, c, lrows, err))) break;
        double sum = 0;
        size_t scored = 0;
        for (size_t k = 0; k < c->lesson_count; k++) {
            out[i].completed += lrows[k].completed;
            out[i].mastered += lrows[k].mastered;
            if (lrows[k].best_score >= 0) sum += lrows[k].best_score, scored++;
        }
        if (scored) out[i].mean_best = sum / (double)scored;
        sqlite3_reset(last);
        progress_bind_text(s, last, 1, learners[i].uuid, -1, SQLITE_STATIC);
        if (progress_step(s, last) == SQLITE_ROW)
            out[i].last_active_ms = sqlite3_column_int64(last, 0);
        else
            r = progress_sql_error(s->db, "reading progress", err);
    }
    sqlite3_finalize(last);
    free(lrows);
    free(learners);
    if (r) {
        free(out);
        return r;
    }
    *rows = out;
    *count = n;
    return AIL_OK;
}
