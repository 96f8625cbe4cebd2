/*
 * Benchmark: loading and validating a big pack against cJSON's bare parse of the
 * same files, measured in the same run (these machines are noisy, so only the
 * ratio means anything). Budgets (issue 2): validation at most 2x the bare parse;
 * peak memory at most 3x the pack's size on disk.
 *
 *   build/tests/bench/bench_validate [LESSONS] [QUESTIONS_PER_LESSON]
 *
 * Each measurement runs in a fresh child process so that its peak memory
 * (ru_maxrss) is its own; an idle child gives the process's baseline.
 */
#include "course/course.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char g_dir[256];
static size_t g_lessons = 1000, g_questions = 10;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
    return strlen(text);
}

/* Writes the pack; returns its size in bytes. */
static size_t generate_pack(void) {
    char path[512];
    size_t total = 0;
    snprintf(path, sizeof path, "%s/lessons", g_dir);
    mkdir(path, 0755);
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_puts(
        &b,
        "{\"format\":1,\"id\":\"bench\",\"version\":\"1.0.0\",\"languages\":[\"en\",\"fr\"],"
        "\"title\":{\"en\":\"Bench\",\"fr\":\"Banc\"},\"description\":{\"en\":\"B\",\"fr\":\"B\"},"
        "\"audience\":\"learner\",\"license\":\"CC0\",\"authors\":[\"bench\"],\"lessons\":[");
    for (size_t l = 0; l < g_lessons; l++)
        ail_buf_printf(&b, "%s\"lessons/%04zu.json\"", l ? "," : "", l);
    ail_buf_puts(&b, "]}");
    snprintf(path, sizeof path, "%s/pack.json", g_dir);
    total += write_text(path, b.data);
    for (size_t l = 0; l < g_lessons; l++) {
        ail_buf_clear(&b);
        ail_buf_printf(
            &b,
            "{\n  \"id\": \"lesson-%zu\",\n  \"title\": {\"en\": \"Lesson %zu\", \"fr\": \"Leçon "
            "%zu\"},\n"
            "  \"summary\": {\"en\": \"What machines learn from examples.\", \"fr\": \"Ce que les "
            "machines apprennent des exemples.\"},\n"
            "  \"minutes\": 10,\n  \"objectives\": [{\"en\": \"Explain it\", \"fr\": "
            "\"L'expliquer\"}],\n"
            "  \"pages\": [\n    {\"type\": \"text\", \"title\": {\"en\": \"Idea\", \"fr\": "
            "\"Idée\"},\n"
            "     \"body\": {\"en\": \"A machine learns from **many** examples.\\n\\n- one\\n- "
            "two\", "
            "\"fr\": \"Une machine apprend de **nombreux** exemples.\\n\\n- un\\n- deux\"}},\n"
            "    {\"type\": \"quiz\", \"id\": \"quiz\", \"title\": {\"en\": \"Quiz\", \"fr\": "
            "\"Quiz\"}, \"questions\": [\n",
            l, l, l);
        for (size_t q = 0; q < g_questions; q++)
            ail_buf_printf(
                &b,
                "      {\"id\": \"q%zu\", \"type\": \"single\", \"prompt\": {\"en\": \"Which one "
                "is right? (%zu)\", \"fr\": \"Laquelle est juste ? (%zu)\"},\n"
                "       \"explanation\": {\"en\": \"Because the data says so.\", \"fr\": \"Parce "
                "que les données le disent.\"},\n"
                "       \"choices\": [\n"
                "        {\"id\": \"a\", \"text\": {\"en\": \"This one\", \"fr\": \"Celle-ci\"}, "
                "\"correct\": true},\n"
                "        {\"id\": \"b\", \"text\": {\"en\": \"That one\", \"fr\": \"Celle-là\"}, "
                "\"correct\": false, \"feedback\": {\"en\": \"No: look again.\", \"fr\": \"Non : "
                "regarde encore.\"}, \"misconception\": \"ai-is-always-right\"},\n"
                "        {\"id\": \"c\", \"text\": {\"en\": \"Neither\", \"fr\": \"Aucune\"}, "
                "\"correct\": false, \"feedback\": {\"en\": \"No: one is right.\", \"fr\": \"Non : "
                "une est juste.\"}}]}%s\n",
                q, q, q, q + 1 < g_questions ? "," : "");
        ail_buf_puts(&b, "    ]}\n  ]\n}\n");
        snprintf(path, sizeof path, "%s/lessons/%04zu.json", g_dir, l);
        total += write_text(path, b.data);
    }
    ail_buf_free(&b);
    return total;
}

/* The baseline: read and parse every file with cJSON, nothing else. */
static void bare_parse(void) {
    char path[512];
    for (size_t l = 0; l <= g_lessons; l++) {
        if (l == g_lessons)
            snprintf(path, sizeof path, "%s/pack.json", g_dir);
        else
            snprintf(path, sizeof path, "%s/lessons/%04zu.json", g_dir, l);
        char *data;
        size_t len;
        if (ail_file_read(path, COURSE_MAX_JSON_BYTES, &data, &len, NULL) != AIL_OK) exit(3);
        cJSON *root = cJSON_ParseWithLength(data, len);
        if (!root) exit(4);
        cJSON_Delete(root);
        free(data);
    }
}

static void ailit_validate(void) {
    CourseReport r;
    course_report_init(&r);
    Course *c = NULL;
    CourseLoadOptions opts = {.check_unused_media = true};
    if (course_load(g_dir, &opts, &c, &r) != AIL_OK || r.errors) exit(5);
    course_report_free(&r);
    course_free(c);
}

static void idle(void) {}

typedef struct {
    double seconds;
    long peak_kib;
} Run;

/* Runs fn in a child; returns its wall time and peak resident memory. */
static Run measure(void (*fn)(void)) {
    int fds[2];
    if (pipe(fds) != 0) exit(2);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        double t0 = now_s();
        fn();
        double dt = now_s() - t0;
        if (write(fds[1], &dt, sizeof dt) != sizeof dt) _exit(2);
        _exit(0);
    }
    close(fds[1]);
    Run run = {0, 0};
    if (read(fds[0], &run.seconds, sizeof run.seconds) != sizeof run.seconds) run.seconds = -1;
    close(fds[0]);
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: a measured run failed (status %d)\n", status);
        exit(1);
    }
    run.peak_kib = ru.ru_maxrss;
    return run;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc > 1) g_lessons = (size_t)atol(argv[1]);
    if (argc > 2) g_questions = (size_t)atol(argv[2]);
    snprintf(g_dir, sizeof g_dir, "/tmp/ailit-bench-XXXXXX");
    if (!mkdtemp(g_dir)) return 2;
    size_t bytes = generate_pack();
    printf("pack: %zu lessons x %zu questions, %.1f MiB on disk, in %s\n", g_lessons, g_questions,
           bytes / 1048576.0, g_dir);

    enum { ROUNDS = 5 };
    double bare[ROUNDS], ours[ROUNDS];
    long bare_kib = 0, ours_kib = 0;
    measure(bare_parse);               /* warm the page cache */
    for (int i = 0; i < ROUNDS; i++) { /* interleaved, so drift hits both alike */
        Run b = measure(bare_parse), o = measure(ailit_validate);
        bare[i] = b.seconds;
        ours[i] = o.seconds;
        if (b.peak_kib > bare_kib) bare_kib = b.peak_kib;
        if (o.peak_kib > ours_kib) ours_kib = o.peak_kib;
    }
    long idle_kib = measure(idle).peak_kib;
    qsort(bare, ROUNDS, sizeof bare[0], compare_doubles);
    qsort(ours, ROUNDS, sizeof ours[0], compare_doubles);
    double ratio = ours[ROUNDS / 2] / bare[ROUNDS / 2];
    double mem_ratio = (double)(ours_kib - idle_kib) * 1024.0 / (double)bytes;
    printf("cJSON bare parse:       median %.3f s, peak RSS %ld KiB\n", bare[ROUNDS / 2], bare_kib);
    printf("ailit load + validate:  median %.3f s, peak RSS %ld KiB\n", ours[ROUNDS / 2], ours_kib);
    printf("idle process:           peak RSS %ld KiB\n", idle_kib);
    printf("time ratio (ailit / bare parse):           %.2fx  (budget 2.00x) %s\n", ratio,
           ratio <= 2.0 ? "within budget" : "OVER BUDGET");
    printf("memory above idle / pack size on disk:      %.2fx  (budget 3.00x) %s\n", mem_ratio,
           mem_ratio <= 3.0 ? "within budget" : "OVER BUDGET");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (!getenv("BENCH_KEEP") && system(cmd) != 0) return 2;
    return 0;
}
