/*
 * Progress-file benchmarks, each phase in its own process so that its peak memory
 * (getrusage ru_maxrss) is its own. Built, not run by ctest:
 *
 *   bench_sync [DIR [FILES [PER_FILE]]]    (target bench_sync, built in tests/sync/)    (defaults:
 * ./bench-sync-XXXXXX, 100, 10000)
 *
 *   export    100,000 statements from a device's store into one progress file
 *   merge     FILES progress files x PER_FILE statements into a new trainer database,
 *             as `ailit merge FILE...` does it (one batch, a savepoint per file)
 *   re-merge  the same files again (every statement a duplicate)
 *   report    CSV and HTML over everything merged, with the pack installed
 *
 * Statements are real ones: a scripted session on the tiny test pack gives the
 * templates, and each copy gets a fresh statement UUID and one of 30 learners per
 * file (a class), answering right or wrong by that learner's ability.
 * Budgets (issue #3): export <= 2 s, merge of 1M <= 20 s, re-merge <= 5 s,
 * report <= 10 s, each <= 200 MB.
 */
#include "progress/progress_internal.h"
#include "sync/sync_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TINY AILIT_SOURCE_DIR "/tests/progress/packs/tiny"

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const AilError *err) {
    fprintf(stderr, "bench_sync: %s%s%s\n", what, err ? ": " : "", err ? err->message : "");
    exit(1);
}

static Course *tiny(void) {
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    if (course_load(TINY, NULL, &c, &report) != AIL_OK) die("cannot load the tiny pack", NULL);
    course_report_free(&report);
    return c;
}

/* Two scripted sessions (all right, all wrong) by one learner: 22 templates. */
typedef struct {
    char learner[AIL_UUID_LEN + 1];
    char *text[22];
    size_t count;
} Templates;

static void session(ProgressStore *s, const char *who, const Course *c, bool right) {
    AilError err;
    static const char *const r0[] = {"no"}, *const w0[] = {"yes"};
    static const char *const r1[] = {"errs", "rules"}, *const w1[] = {"always"};
    static const char *const r3[] = {"collect", "train", "use"}, *const w3[] = {"use", "train",
                                                                                "collect"};
    static const char *const r4[] = {"cam", "cam", "mic", "mic"}, *const w4[] = {"cam", "mic",
                                                                                 "mic", "cam"};
    QuizResponse rs[6] = {{.ids = right ? r0 : w0, .id_count = 1},
                          {.ids = right ? r1 : w1, .id_count = right ? 2 : 1},
                          {.truth = right},
                          {.ids = right ? r3 : w3, .id_count = 3},
                          {.ids = right ? r4 : w4, .id_count = 4},
                          {.text = right ? "data" : "robots", .lang = "en"}};
    ProgressLessonState st;
    if (progress_lesson_start(s, who, c, 0, "en", &st, &err) ||
        progress_record_page(s, who, c, 0, 0, "en", &err) ||
        progress_record_page(s, who, c, 0, 1, "en", &err))
        die("session", &err);
    for (size_t q = 0; q < 6; q++)
        if (progress_record_answer(s, who, c, 0, 1, q, &rs[q], "en", 4000, NULL, &err))
            die("answer", &err);
    QuizScore score;
    if (progress_finish_quiz(s, who, c, 0, 1, "en", &score, &err) ||
        progress_record_page(s, who, c, 0, 2, "en", &err) ||
        progress_finish_lesson(s, who, c, 0, "en", &err))
        die("session", &err);
}

static void make_templates(const char *dir, Templates *t) {
    char db[4200];
    snprintf(db, sizeof db, "%s/templates.db", dir);
    remove(db);
    Course *c = tiny();
    AilError err;
    ProgressStore *s = NULL;
    ProgressLearner l;
    if (progress_open(db, &s, &err) || progress_learner_add(s, "Template", 0, "", &l, &err))
        die("templates", &err);
    progress_set_synchronous(s, 0, &err);
    session(s, l.uuid, c, true);
    session(s, l.uuid, c, false);
    snprintf(t->learner, sizeof t->learner, "%s", l.uuid);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(s->db, "SELECT statement FROM events ORDER BY seq", -1, &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW && t->count < 22)
        t->text[t->count++] = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    progress_close(s);
    course_free(c);
}

/* Appends template with a new statement id and learner in place of the template's. */
static void stamp(AilBuf *out, const char *tmpl, const char *template_learner,
                  const char *learner) {
    char id[AIL_UUID_LEN + 1];
    if (ail_uuid_v4(id)) die("uuid", NULL);
    size_t start = out->len;
    ail_buf_puts(out, tmpl);
    memcpy(out->data + start + 7, id, 36); /* {"id":"<uuid> */
    char *who = strstr(out->data + start, template_learner);
    if (who) memcpy(who, learner, 36);
}

/* Peak memory of this process, MB. */
static double peak_mb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

typedef struct {
    double seconds, mb;
    char note[128];
} Figure;

/* Runs phase in a child; returns its time and peak memory through a pipe. */
static Figure run_phase(void (*phase)(const char *dir, Figure *f), const char *dir) {
    int fds[2];
    if (pipe(fds)) die("pipe", NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Figure f = {0};
        phase(dir, &f);
        f.mb = peak_mb();
        if (write(fds[1], &f, sizeof f) != sizeof f) _exit(2);
        _exit(0);
    }
    close(fds[1]);
    Figure f = {0};
    if (read(fds[0], &f, sizeof f) != sizeof f) die("a phase failed", NULL);
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return f;
}

static int g_files = 100, g_per_file = 10000;

/* ---- Phases ---- */

static void phase_export(const char *dir, Figure *f) {
    Templates t = {0};
    make_templates(dir, &t);
    char db[4200];
    snprintf(db, sizeof db, "%s/device.db", dir);
    remove(db);
    AilError err;
    ProgressStore *s = NULL;
    if (progress_open(db, &s, &err)) die("open", &err);
    /* 30 learners, 100,000 events, written straight into the log (setup, not timed). */
    ProgressLearner learners[30];
    for (int i = 0; i < 30; i++) {
        char name[32];
        snprintf(name, sizeof name, "Learner %d", i);
        if (progress_learner_add(s, name, 0, "", &learners[i], &err)) die("learner", &err);
    }
    sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *ins = NULL;
    sqlite3_prepare_v2(
        s->db,
        "INSERT INTO events(statement_id, learner, verb, pack_id, lesson_id, at_ms, statement)"
        " VALUES (?, ?, 'answered', 'tiny', 'robots', 0, ?)",
        -1, &ins, NULL);
    AilBuf b;
    ail_buf_init(&b);
    for (int i = 0; i < 100000; i++) {
        ail_buf_clear(&b);
        const char *who = learners[i % 30].uuid;
        stamp(&b, t.text[i % t.count], t.learner, who);
        char id[37];
        memcpy(id, b.data + 7, 36);
        id[36] = '\0';
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, who, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, b.data, (int)b.len, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) die(sqlite3_errmsg(s->db), NULL);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    progress_close(s);
    ail_buf_free(&b);
    for (size_t i = 0; i < t.count; i++) free(t.text[i]);
    char out[4200];
    snprintf(out, sizeof out, "%s/export", dir);
    mkdir(out, 0755);
    double t0 = now_s();
    if (progress_open(db, &s, &err)) die("open", &err);
    SyncExportOptions o = {.out_dir = out};
    SyncExportResult res;
    if (sync_export(s, &o, &res, &err)) die("export", &err);
    progress_close(s);
    f->seconds = now_s() - t0;
    struct stat st;
    stat(res.path, &st);
    snprintf(f->note, sizeof f->note, "%zu statements, %.0f MB file", res.statements,
             st.st_size / 1e6);
}

static void make_files(const char *dir) {
    Templates t = {0};
    make_templates(dir, &t);
    char files[4200];
    snprintf(files, sizeof files, "%s/files", dir);
    mkdir(files, 0755);
    AilBuf b;
    ail_buf_init(&b);
    srand(42);
    for (int k = 0; k < g_files; k++) {
        char path[4300], dev[37];
        snprintf(path, sizeof path, "%s/ailit-progress-%03d.json", files, k);
        ail_uuid_v4(dev);
        FILE *fp = fopen(path, "wb");
        if (!fp) die("cannot write the bench files", NULL);
        fprintf(fp,
                "{\"format\":\"ailit-progress/1\",\n\"device\":{\"id\":\"%s\",\"name\":\"Laptop "
                "%d\"},\n"
                "\"exported_at\":\"2026-11-28T10:00:00.000Z\",\n\"first_seq\":1,\n\"last_seq\":%d,"
                "\n\"learners\":[",
                dev, k, g_per_file);
        char learners[30][37];
        double ability[30];
        for (int i = 0; i < 30; i++) {
            ail_uuid_v4(learners[i]);
            ability[i] = (double)(rand() % 1000) / 1000.0;
            fprintf(fp, "%s\n{\"id\":\"%s\",\"name\":\"Learner %d-%d\"}", i ? "," : "", learners[i],
                    k, i);
        }
        fputs("],\n\"statements\":[", fp);
        for (int n = 0; n < g_per_file;) {
            int who = rand() % 30;
            bool right = (double)(rand() % 1000) / 1000.0 < ability[who];
            for (size_t i = 0; i < 11 && n < g_per_file; i++, n++) {
                ail_buf_clear(&b);
                stamp(&b, t.text[(right ? 0 : 11) + i], t.learner, learners[who]);
                fputs(n ? ",\n" : "\n", fp);
                fwrite(b.data, 1, b.len, fp);
            }
        }
        fputs("\n]}\n", fp);
        fclose(fp);
    }
    ail_buf_free(&b);
    for (size_t i = 0; i < t.count; i++) free(t.text[i]);
}

static void merge_all(const char *dir, Figure *f) {
    char db[4200], files[4200];
    snprintf(db, sizeof db, "%s/trainer.db", dir);
    snprintf(files, sizeof files, "%s/files", dir);
    AilError err;
    SyncTrainerDb *t = NULL;
    double t0 = now_s();
    if (sync_trainer_open(db, &t, &err) || sync_merge_begin(t, &err)) die("trainer", &err);
    size_t added = 0, dup = 0;
    for (int k = 0; k < g_files; k++) {
        char path[4300];
        snprintf(path, sizeof path, "%s/ailit-progress-%03d.json", files, k);
        SyncMergeCounts c;
        if (sync_merge_file(t, path, &c, &err)) die("merge", &err);
        added += c.added;
        dup += c.duplicate;
    }
    if (sync_merge_end(t, &err)) die("merge", &err);
    sync_trainer_close(t);
    f->seconds = now_s() - t0;
    snprintf(f->note, sizeof f->note, "%zu new, %zu duplicate", added, dup);
}

static void phase_report(const char *dir, Figure *f) {
    char db[4200], csv[4200], html[4200];
    snprintf(db, sizeof db, "%s/trainer.db", dir);
    snprintf(csv, sizeof csv, "%s/csv", dir);
    snprintf(html, sizeof html, "%s/report.html", dir);
    mkdir(csv, 0755);
    AilError err;
    SyncTrainerDb *t = NULL;
    double t0 = now_s();
    /* With the pack installed, as a trainer runs it: titles, course order, roles. */
    Course *c = tiny();
    SyncReportOptions o = {.csv_dir = csv, .html_path = html, .lang = "en", .courses = &c,
                           .course_count = 1};
    if (sync_trainer_open(db, &t, &err) || sync_report_write(t, &o, &err)) die("report", &err);
    sync_trainer_close(t);
    course_free(c);
    f->seconds = now_s() - t0;
    struct stat st;
    stat(html, &st);
    snprintf(f->note, sizeof f->note, "CSV + HTML (%.0f kB)", st.st_size / 1e3);
}

int main(int argc, char **argv) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : "./bench-sync-XXXXXX");
    if (argc <= 1 && !mkdtemp(dir)) return perror("mkdtemp"), 1;
    mkdir(dir, 0755);
    if (argc > 2) g_files = atoi(argv[2]);
    if (argc > 3) g_per_file = atoi(argv[3]);
    printf("bench_sync in %s\n", dir);
    Figure e = run_phase(phase_export, dir);
    printf("  export    %7.2f s  peak %6.1f MB  (%s; budget 2 s)\n", e.seconds, e.mb, e.note);
    double t0 = now_s();
    make_files(dir);
    printf("  (made %d files x %d statements in %.1f s)\n", g_files, g_per_file, now_s() - t0);
    Figure m = run_phase(merge_all, dir);
    printf("  merge     %7.2f s  peak %6.1f MB  (%s; budget 20 s)\n", m.seconds, m.mb, m.note);
    Figure r = run_phase(merge_all, dir);
    printf("  re-merge  %7.2f s  peak %6.1f MB  (%s; budget 5 s)\n", r.seconds, r.mb, r.note);
    Figure p = run_phase(phase_report, dir);
    printf("  report    %7.2f s  peak %6.1f MB  (%s; budget 10 s)\n", p.seconds, p.mb, p.note);
    if (argc <= 1) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd)) return 1;
    }
    return 0;
}
