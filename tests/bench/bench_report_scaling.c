/*
 * Does `ailit report` stay linear in the number of questions? Built, not run by
 * ctest (timed tests flake on shared machines):
 *
 *   bench_report_scaling [DIR]      (target bench_report_scaling, built in tests/sync/)
 *
 * For 10,000, 40,000 and 160,000 questions in ONE quiz, answered by 3 learners, it
 * fills a trainer database straight through SQL (the report reads only the
 * statements table) and times sync_report writing CSV and HTML. Linear scaling shows
 * as a roughly constant time per question; the quadratic item lookup it was written
 * for took 120 s at 160,000 questions.
 */
#include "sync/sync_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LEARNERS 3

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "bench_report_scaling: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    exit(1);
}

/* A trainer database with one quiz of n questions, each answered by every learner. */
static SyncTrainerDb *fill(const char *dir, size_t n) {
    char path[4200];
    snprintf(path, sizeof path, "%s/trainer-%zu.db", dir, n);
    unlink(path);
    SyncTrainerDb *t = NULL;
    AilError err;
    if (sync_trainer_open(path, &t, &err) != AIL_OK) die("cannot open", err.message);
    sqlite3_stmt *st = NULL;
    if (sqlite3_exec(t->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(t->db,
                           "INSERT INTO statements(id, learner, verb, pack_id, pack_version,"
                           " lesson_id, quiz_id, question_id, title, success, at)"
                           " VALUES (?1, ?2, 'answered', 'pack', '1.0.0', 'lesson', 'quiz', ?3,"
                           " ?3, ?4, '2026-11-28T10:00:00.000Z')",
                           -1, &st, NULL) != SQLITE_OK)
        die("cannot prepare", sqlite3_errmsg(t->db));
    size_t row = 0;
    for (size_t q = 0; q < n; q++)
        for (int l = 0; l < LEARNERS; l++) {
            char id[40], learner[40], qid[32];
            snprintf(id, sizeof id, "00000000-0000-4000-8000-%012zx", row++);
            snprintf(learner, sizeof learner, "00000000-0000-4000-9000-%012d", l);
            snprintf(qid, sizeof qid, "q%07zu", (q * 7919) % n); /* not in sorted order */
            sqlite3_reset(st);
            if (sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                sqlite3_bind_text(st, 2, learner, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                sqlite3_bind_text(st, 3, qid, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
                sqlite3_bind_int(st, 4, (int)((q + (size_t)l) % 3 != 0)) != SQLITE_OK ||
                sqlite3_step(st) != SQLITE_DONE)
                die("cannot insert", sqlite3_errmsg(t->db));
        }
    sqlite3_finalize(st);
    if (sqlite3_exec(t->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        die("cannot commit", sqlite3_errmsg(t->db));
    return t;
}

int main(int argc, char **argv) {
    char dir[2048];
    snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : "./bench-report-XXXXXX");
    if (argc <= 1 && !mkdtemp(dir)) return perror("mkdtemp"), 1;
    mkdir(dir, 0755);
    printf("bench_report_scaling in %s (%d learners, one quiz)\n", dir, LEARNERS);
    static const size_t sizes[] = {10000, 40000, 160000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        SyncTrainerDb *t = fill(dir, sizes[i]);
        char csv[4200], html[4200];
        snprintf(csv, sizeof csv, "%s/csv-%zu", dir, sizes[i]);
        snprintf(html, sizeof html, "%s/report-%zu.html", dir, sizes[i]);
        mkdir(csv, 0755);
        AilError err;
        double t0 = now_s();
        if (sync_report(t, csv, html, &err) != AIL_OK) die("report failed", err.message);
        double s = now_s() - t0;
        printf("  %7zu questions  %7.2f s  %6.2f us per question\n", sizes[i], s,
               s * 1e6 / (double)sizes[i]);
        sync_trainer_close(t);
    }
    return 0;
}
