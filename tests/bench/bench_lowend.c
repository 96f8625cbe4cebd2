/*
 * The low-end budgets (a Raspberry Pi 3), timed side by side with the bare SDL2 +
 * SDL2_ttf program (bench_bare_sdl) in one run, each program held by the same cgroups:
 *   - start-up to the first frame                        <= 1.5x the bare program's
 *   - start -> library -> the first frame of a lesson page  <= 400 ms
 *   - peak memory at the window size given (800x480)     <= 40 MiB
 * Runs are interleaved (bare, bare with the app's framebuffer setting, the app to its
 * first frame, to the library, to a lesson page) so that load from elsewhere falls on
 * all of them alike; each app run starts from a copy of the same data folder, which
 * holds one learner. The app is driven by --script: click-id learner 0, pack N,
 * lesson N; once that page is on screen, time-mark prints the monotonic clock and
 * `kill` ends the process. The first-frame runs are timed from fork to the child's
 * exit (the bare program has no script); the library and lesson runs from fork to
 * their time-mark, their exit shown beside it. CPU time and peak memory come from
 * wait4 and cover the whole run.
 * Memory is also taken over a longer session, a tour: lessons 0 and 1 of each of the
 * first --tour-packs packs, six steps (Enter on the focused Next) into each, run
 * LOWEND_TOUR_RUNS times after the timed rounds (pictures and text are cached as
 * they are shown, so one lesson page is not the worst case).
 *   bench_lowend [--join CGROUP_PROCS]... [--runs N] [--pack N] [--lesson N]
 *                [--tour-packs N] AILIT BENCH_BARE_SDL COURSES_DIR WxH
 * tests/bench/bench-lowend.sh makes the cgroups and the X server and calls this.
 * The data folders are made under $TMPDIR (default /tmp); LOWEND_CPU_SHARE (0.25)
 * tells it the cgroups' share of a core, to turn the lesson path's CPU time into the
 * least wall time that share allows.
 * Built by CMake, not run by ctest (timings flake on shared machines).
 */
#include "bench_spawn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOWEND_MAX_RUNS 64
#define LOWEND_MAX_JOIN 8
#define LOWEND_FIRST_RATIO 1.5
#define LOWEND_LESSON_S 0.400
#define LOWEND_PEAK_MIB 40.0
#define LOWEND_TOUR_RUNS 3

/* The programs timed, in the order each round runs them. */
enum { BARE, BARE_NATIVE, APP_FIRST, APP_LIBRARY, APP_LESSON, KINDS };

static const char *const KIND_NAMES[KINDS] = {
    "bare SDL program, first frame", "bare, the app's framebuffer setting",
    "ailit, first frame (learners)", "ailit, start -> library",
    "ailit, start -> library -> lesson page"};

/* wall: seconds to the frame (the time-mark, else the exit); end: to the exit. */
typedef struct {
    double wall[LOWEND_MAX_RUNS], end[LOWEND_MAX_RUNS], cpu[LOWEND_MAX_RUNS], peak[LOWEND_MAX_RUNS];
    double wall_med, end_med, cpu_med, peak_med, peak_max;
} Figures;

/* Runs cmd with the shell; ends the benchmark when it fails. */
static void shell(const char *cmd) {
    if (system(cmd) != 0) {
        fprintf(stderr, "bench_lowend: '%s' failed\n", cmd);
        exit(1);
    }
}

/* Writes text to path; ends the benchmark when it cannot. */
static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "bench_lowend: cannot write %s\n", path);
        exit(1);
    }
}

/* The work folder, removed at exit however the benchmark ends (a failed child ends it
 * from bench_run). */
static char work[200];

static void remove_work(void) {
    char cmd[300];
    if (!work[0]) return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    if (system(cmd) != 0) fprintf(stderr, "bench_lowend: could not remove %s\n", work);
}

static int usage(void) {
    fprintf(stderr, "usage: DISPLAY=:N bench_lowend [--join CGROUP_PROCS]... [--runs N] "
                    "[--pack N] [--lesson N] AILIT BENCH_BARE_SDL COURSES_DIR WxH\n");
    return 2;
}

static void summarise(Figures *f, int n) {
    double peaks[LOWEND_MAX_RUNS];
    memcpy(peaks, f->peak, sizeof peaks);
    f->peak_max = 0;
    for (int i = 0; i < n; i++)
        if (f->peak[i] > f->peak_max) f->peak_max = f->peak[i];
    f->wall_med = bench_median(f->wall, n);
    f->end_med = bench_median(f->end, n);
    f->cpu_med = bench_median(f->cpu, n);
    f->peak_med = bench_median(peaks, n);
}

static const char *verdict(bool ok) { return ok ? "within budget" : "MISSED"; }

/* The tour's script for the first packs packs into out (see the top). */
static void tour_script(char *out, size_t size, int packs) {
    size_t n = (size_t)snprintf(out, size, "click-id learner 0\nexpect-screen library\n");
    for (int p = 0; p < packs && n < size; p++) {
        n += (size_t)snprintf(out + n, size - n, "click-id pack %d\nexpect-screen lessons\n", p);
        for (int l = 0; l < 2 && n < size; l++)
            n += (size_t)snprintf(out + n, size - n,
                                  "click-id lesson %d\n%skey escape\nexpect-screen lessons\n", l,
                                  "key enter\nkey enter\nkey enter\nkey enter\nkey enter\nkey "
                                  "enter\n");
        if (n < size)
            n += (size_t)snprintf(out + n, size - n, "key escape\nexpect-screen library\n");
    }
    if (n < size) snprintf(out + n, size - n, "kill\n");
    if (n >= size) {
        fprintf(stderr, "bench_lowend: the tour of %d packs is too long\n", packs);
        exit(2);
    }
}

int main(int argc, char **argv) {
    const char *join[LOWEND_MAX_JOIN + 1] = {NULL};
    int joins = 0, runs = 9, pack = 0, lesson = 0, tour_packs = 0, i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--join") == 0 && joins < LOWEND_MAX_JOIN)
            join[joins++] = argv[i + 1];
        else if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--pack") == 0)
            pack = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--lesson") == 0)
            lesson = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--tour-packs") == 0)
            tour_packs = atoi(argv[i + 1]);
        else
            return usage();
    }
    if (argc - i != 4 || !getenv("DISPLAY") || runs < 1 || runs > LOWEND_MAX_RUNS) return usage();
    char *ailit = argv[i], *bare = argv[i + 1], *courses = argv[i + 2], *size = argv[i + 3];

    /* The data folder's disk matters: opening a lesson syncs the progress store. */
    const char *tmp = getenv("TMPDIR");
    char cmd[1024];
    snprintf(work, sizeof work, "%s/ailit-lowend-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(work)) {
        fprintf(stderr, "bench_lowend: cannot make a folder in %s\n", tmp ? tmp : "/tmp");
        return 1;
    }
    atexit(remove_work);
    char tmpl[300], data[300], learner[300], library[300], lesson_script[300], tour[300];
    snprintf(tmpl, sizeof tmpl, "%s/template", work);
    snprintf(data, sizeof data, "%s/data", work);
    snprintf(learner, sizeof learner, "%s/learner.script", work);
    snprintf(library, sizeof library, "%s/library.script", work);
    snprintf(lesson_script, sizeof lesson_script, "%s/lesson.script", work);
    snprintf(tour, sizeof tour, "%s/tour.script", work);
    write_file(learner, "click-id learner 0\ntype Pi\nkey enter\nexpect-screen library\nquit\n");
    write_file(library, "click-id learner 0\nexpect-screen library\ntime-mark\nkill\n");
    char steps[256];
    snprintf(steps, sizeof steps,
             "click-id learner 0\nexpect-screen library\nclick-id pack %d\nexpect-screen "
             "lessons\nclick-id lesson %d\nexpect-screen page\ntime-mark\nkill\n",
             pack, lesson);
    write_file(lesson_script, steps);
    static char tour_steps[1 << 16];
    tour_script(tour_steps, sizeof tour_steps, tour_packs);
    write_file(tour, tour_steps);

    char *make_learner[] = {ailit, "--courses", courses, "--data-dir", tmpl,    "--size",
                            size,  "--lang",    "en",    "--script",   learner, NULL};
    char *argvs[KINDS][13] = {
        {bare, "--first-frame", "--size", size, NULL},
        {bare, "--first-frame", "--native-framebuffer", "--size", size, NULL},
        {ailit, "--courses", courses, "--data-dir", data, "--size", size, "--lang", "en",
         "--quit-after-first-frame", NULL},
        {ailit, "--courses", courses, "--data-dir", data, "--size", size, "--lang", "en",
         "--script", library, NULL},
        {ailit, "--courses", courses, "--data-dir", data, "--size", size, "--lang", "en",
         "--script", lesson_script, NULL},
    };
    bench_run(make_learner, NULL, NULL); /* outside the cgroups: not timed */

    static Figures fig[KINDS];
    for (int round = -1; round < runs; round++) { /* round -1 warms the caches */
        for (int k = 0; k < KINDS; k++) {
            if (k >= APP_FIRST) { /* every app run starts from the same data folder */
                snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -a '%s' '%s'", data, tmpl, data);
                shell(cmd);
            }
            BenchUsage u;
            double t = bench_run(argvs[k], join, &u);
            if (round < 0) continue;
            if (k >= APP_LIBRARY && u.mark_s < 0) {
                fprintf(stderr,
                        "bench_lowend: %s printed no time-mark; is it older than the "
                        "script command?\n",
                        ailit);
                return 1;
            }
            fig[k].wall[round] = k >= APP_LIBRARY ? u.mark_s : t;
            fig[k].end[round] = t;
            fig[k].cpu[round] = u.cpu_s;
            fig[k].peak[round] = u.peak_mib;
            printf("run %d %-40s %7.1f ms (exit %7.1f), CPU %6.1f ms, peak %5.1f MiB\n", round + 1,
                   KIND_NAMES[k], fig[k].wall[round] * 1e3, t * 1e3, u.cpu_s * 1e3, u.peak_mib);
        }
    }

    printf("\nmedians of %d runs at %s (pack %d, lesson %d):\n", runs, size, pack, lesson);
    for (int k = 0; k < KINDS; k++) {
        summarise(&fig[k], runs);
        printf("  %-40s %7.1f ms (exit %7.1f), CPU %6.1f ms, peak %5.1f MiB (largest %.1f)\n",
               KIND_NAMES[k], fig[k].wall_med * 1e3, fig[k].end_med * 1e3, fig[k].cpu_med * 1e3,
               fig[k].peak_med, fig[k].peak_max);
    }
    double r = fig[APP_FIRST].wall_med / fig[BARE].wall_med;
    double rn = fig[APP_FIRST].wall_med / fig[BARE_NATIVE].wall_med;
    /* The bare program as it is puts a GL texture between it and the window; the app
     * does not (on X11), so the stricter comparison is with the same setting. */
    printf("\nfirst frame: %.2fx the bare program's (budget %.1fx): %s; %.2fx the bare program "
           "with the app's framebuffer setting: %s\n",
           r, LOWEND_FIRST_RATIO, verdict(r <= LOWEND_FIRST_RATIO), rn,
           verdict(rn <= LOWEND_FIRST_RATIO));
    printf("start -> library -> lesson page: %.0f ms (budget %.0f ms): %s\n",
           fig[APP_LESSON].wall_med * 1e3, LOWEND_LESSON_S * 1e3,
           verdict(fig[APP_LESSON].wall_med <= LOWEND_LESSON_S));
    /* The CPU time does not depend on how busy the machine is; held to a share of one
     * core it sets the least wall time the path can take, before the X server's work. */
    const char *quota = getenv("LOWEND_CPU_SHARE");
    double share = quota ? atof(quota) : 0;
    if (share > 0 && share <= 1)
        printf("  its CPU time, %.1f ms, alone takes at least %.0f ms at a %.0f %% share of one "
               "core\n",
               fig[APP_LESSON].cpu_med * 1e3, fig[APP_LESSON].cpu_med * 1e3 / share, share * 100);
    double peak = 0;
    for (int k = APP_FIRST; k < KINDS; k++)
        if (fig[k].peak_max > peak) peak = fig[k].peak_max;
    printf("peak memory of the app at %s, start -> lesson page: %.1f MiB, largest of all its "
           "runs (budget %.0f MiB; bare program %.1f MiB): %s\n",
           size, peak, LOWEND_PEAK_MIB, fig[BARE].peak_med, verdict(peak <= LOWEND_PEAK_MIB));
    if (tour_packs < 1) return 0;

    char *tour_argv[] = {ailit, "--courses", courses, "--data-dir", data, "--size",
                         size,  "--lang",    "en",    "--script",   tour, NULL};
    double tour_peak = 0, tour_s = 0;
    for (int k = 0; k < LOWEND_TOUR_RUNS; k++) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -a '%s' '%s'", data, tmpl, data);
        shell(cmd);
        BenchUsage u;
        tour_s += bench_run(tour_argv, join, &u) / LOWEND_TOUR_RUNS;
        if (u.peak_mib > tour_peak) tour_peak = u.peak_mib;
    }
    printf("peak memory of the app at %s, a tour of %d lessons (%d runs, %.1f s each): %.1f MiB "
           "(budget %.0f MiB): %s\n",
           size, 2 * tour_packs, LOWEND_TOUR_RUNS, tour_s, tour_peak, LOWEND_PEAK_MIB,
           verdict(tour_peak <= LOWEND_PEAK_MIB));
    return 0;
}
