/*
 * Record-answer latency: how long the learner waits between answering and seeing
 * feedback, with the durability ailit uses (WAL, synchronous=FULL: the commit is
 * fsync()ed) beside synchronous=NORMAL and OFF, in the same run on the same disk.
 * Built, not run by ctest:
 *
 *   bench_progress [DIR [ANSWERS]]     (default: a folder under the current one, 2000)
 *
 * Run it on the disk the learners' data lives on: tmpfs makes fsync free.
 */
#include "progress/progress_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : "./bench-progress-XXXXXX");
    if (argc <= 1 && !mkdtemp(dir)) return perror("mkdtemp"), 1;
    int n = argc > 2 ? atoi(argv[2]) : 2000;
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    if (course_load(AILIT_SOURCE_DIR "/tests/progress/packs/tiny", NULL, &c, &report)) return 1;
    const char *names[3] = {"FULL (ailit's setting)", "NORMAL", "OFF"};
    const int levels[3] = {2, 1, 0};
    double *lat = malloc((size_t)n * sizeof *lat);
    printf("record-answer latency, %d answers each, in %s\n", n, dir);
    for (int k = 0; k < 3; k++) {
        char db[4200];
        snprintf(db, sizeof db, "%s/bench-%d.db", dir, k);
        remove(db);
        AilError err;
        ProgressStore *s = NULL;
        ProgressLearner l;
        if (progress_open(db, &s, &err) || progress_learner_add(s, "Bench", 0, "", &l, &err) ||
            progress_set_synchronous(s, levels[k], &err))
            return fprintf(stderr, "%s\n", err.message), 1;
        static const char *const ids[] = {"no"};
        QuizResponse r = {.ids = ids, .id_count = 1};
        for (int i = 0; i < n; i++) {
            double t0 = now_us();
            if (progress_record_answer(s, l.uuid, c, 0, 1, 0, &r, "en", 1000, NULL, &err))
                return fprintf(stderr, "%s\n", err.message), 1;
            lat[i] = now_us() - t0;
        }
        qsort(lat, (size_t)n, sizeof *lat, cmp);
        printf("  synchronous=%-22s median %8.3f ms   p99 %8.3f ms   max %8.3f ms\n", names[k],
               lat[n / 2] / 1000, lat[(size_t)(n * 0.99)] / 1000, lat[n - 1] / 1000);
        progress_close(s);
        char side[4300];
        remove(db);
        snprintf(side, sizeof side, "%s-wal", db);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", db);
        remove(side);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak memory %.1f MB\n", ru.ru_maxrss / 1024.0);
    if (argc <= 1) rmdir(dir);
    free(lat);
    course_free(c);
    course_report_free(&report);
    return 0;
}
