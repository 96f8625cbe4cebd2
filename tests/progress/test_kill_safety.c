/*
 * Kill safety: a child process records answers one after another and reports each
 * one on a pipe only after progress_record_answer returned; the parent kills it with
 * SIGKILL at random moments, KILLS times spread over ANSWERS answers, starting a new
 * child each time (each child has a batch of answers to do and then waits for its
 * kill, so every planned kill lands; most land mid-batch). Afterwards the file passes PRAGMA
 * integrity_check and every answer that was reported as recorded is in the event log.
 *
 *   test_kill_safety [ANSWERS [KILLS]]     (defaults 1000 and 50)
 *
 * The random delays come from a seed, printed first and with any failure; set
 * AILIT_SEED=N to run with the same one. That repeats the schedule of delays; where
 * each kill lands also depends on how fast the disk is at that moment.
 */
#include "progress/progress_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TINY_PACK AILIT_SOURCE_DIR "/tests/progress/packs/tiny"

static unsigned seed;

static void die(const char *what) {
    fprintf(stderr, "test_kill_safety: %s (seed %u: run again with AILIT_SEED=%u)\n", what, seed,
            seed);
    exit(1);
}

/* The seed from AILIT_SEED, else a new one. False when AILIT_SEED is not a number. */
static bool choose_seed(unsigned *out) {
    const char *env = getenv("AILIT_SEED");
    if (env && *env) {
        char *end = NULL;
        unsigned long v = strtoul(env, &end, 10);
        if (*end || v > 0xffffffffUL) return false;
        *out = (unsigned)v;
        return true;
    }
    *out = (unsigned)time(NULL) ^ (unsigned)getpid();
    return true;
}

/* The child: answers from number next on, writing each number to fd once durable. */
static void child(const char *db, const char *learner, int next, int stop, int total, int fd) {
    CourseReport report;
    course_report_init(&report);
    Course *c = NULL;
    if (course_load(TINY_PACK, NULL, &c, &report) != AIL_OK) die("cannot load the tiny pack");
    AilError err;
    ProgressStore *s = NULL;
    if (progress_open(db, &s, &err) != AIL_OK) {
        fprintf(stderr, "child open: %s\n", err.message);
        _exit(3);
    }
    for (int i = next; i < stop; i++) {
        char text[32];
        snprintf(text, sizeof text, "answer-%d", i);
        QuizResponse r = {.text = text, .lang = "en"};
        if (progress_record_answer(s, learner, c, 0, 1, 5, &r, "en", 1000, NULL, &err) != AIL_OK) {
            fprintf(stderr, "child record: %s\n", err.message);
            _exit(4);
        }
        if (write(fd, &i, sizeof i) != sizeof i) _exit(5);
    }
    /* A batch that is not the last waits for its SIGKILL, so that every planned
     * kill lands (and the answers are not all done before the kills are). */
    if (stop < total)
        for (;;) pause();
    progress_close(s);
    course_free(c);
    course_report_free(&report);
    _exit(0);
}

int main(int argc, char **argv) {
    int total = argc > 1 ? atoi(argv[1]) : 1000;
    int want_kills = argc > 2 ? atoi(argv[2]) : 50;
    if (!choose_seed(&seed)) {
        fprintf(stderr, "test_kill_safety: AILIT_SEED must be a number\n");
        return 2;
    }
    printf("test_kill_safety: seed %u (run again with AILIT_SEED=%u)\n", seed, seed);
    fflush(stdout);
    char dir[] = "/tmp/ailit-kill-XXXXXX";
    const char *base = getenv("AILIT_KILL_DIR");
    char dirbuf[4096];
    if (base) {
        snprintf(dirbuf, sizeof dirbuf, "%s/ailit-kill-XXXXXX", base);
        if (!mkdtemp(dirbuf)) die("mkdtemp");
    } else if (!mkdtemp(dir))
        die("mkdtemp");
    const char *folder = base ? dirbuf : dir;
    char db[4200];
    snprintf(db, sizeof db, "%s/progress.db", folder);

    AilError err;
    ProgressStore *s = NULL;
    ProgressLearner learner;
    if (progress_open(db, &s, &err) || progress_learner_add(s, "Kill Test", 0, "", &learner, &err))
        die(err.message);
    progress_close(s);

    unsigned char *confirmed = calloc((size_t)total, 1);
    int next = 0, kills = 0, runs = 0, max_delay_us = 6000, at_last_kill = 0;
    int mid_batch = 0; /* kills that landed before the child had done its batch */
    srand(seed);
    while (next < total) {
        int fds[2];
        if (pipe(fds) != 0) die("pipe");
        bool kill_it = kills < want_kills;
        int left = want_kills - kills;
        int batch = kill_it ? (total - next) / (left + 1) : total - next;
        int stop = kill_it ? next + (batch < 1 ? 1 : 2 * batch) : total;
        if (stop > total) stop = total;
        pid_t pid = fork();
        if (pid < 0) die("fork");
        if (pid == 0) {
            close(fds[0]);
            child(db, learner.uuid, next, stop, total, fds[1]);
        }
        close(fds[1]);
        runs++;
        /* Kill after a random 0..max_delay: sometimes while opening, mostly
         * mid-answer. The window adapts to the disk's speed so that the kills are
         * spread over all 1,000 answers. */
        int before = next;
        struct timespec delay = {0, (long)(rand() % max_delay_us) * 1000L};
        if (kill_it) {
            nanosleep(&delay, NULL);
            kill(pid, SIGKILL);
        }
        int i;
        ssize_t n;
        while ((n = read(fds[0], &i, sizeof i)) == sizeof i) {
            if (i < 0 || i >= total) die("child reported a bad number");
            confirmed[i] = 1;
            if (i + 1 > next) next = i + 1;
        }
        close(fds[0]);
        int status;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
            kills++;
            at_last_kill = next;
            /* Aim at spreading the kills over all the answers left. */
            if (next < stop) mid_batch++;
            int remaining = want_kills - kills;
            int target = remaining > 0 ? (total - next) / (remaining + 1) : 0;
            int got = next - before;
            if (remaining > 0 && got > target && max_delay_us > 200)
                max_delay_us /= 2;
            else if (remaining > 0 && 2 * got < target && max_delay_us < 50000)
                max_delay_us += max_delay_us / 2;
        } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            die("the recording child failed");
        if (runs > 100000) die("no progress");
    }
    if (kills < want_kills) {
        fprintf(stderr, "only %d kills landed before the %d answers were done (seed %u)\n", kills,
                total, seed);
        return 1;
    }

    /* Check: integrity, then every confirmed answer present. */
    if (progress_open(db, &s, &err) != AIL_OK) {
        fprintf(stderr, "reopen: %s (seed %u)\n", err.message, seed);
        return 1;
    }
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL);
    if (sqlite3_step(st) != SQLITE_ROW ||
        strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        die("integrity_check is not ok");
    sqlite3_finalize(st);
    unsigned char *present = calloc((size_t)total, 1);
    sqlite3_prepare_v2(s->db, "SELECT statement FROM events WHERE verb = 'answered'", -1, &st,
                       NULL);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        const char *at = strstr(text, "\"response\":\"answer-");
        if (!at) die("an answered statement without its response");
        int i = atoi(at + strlen("\"response\":\"answer-"));
        if (i >= 0 && i < total) present[i] = 1;
        rows++;
    }
    sqlite3_finalize(st);
    int missing = 0, confirmed_count = 0;
    for (int i = 0; i < total; i++) {
        confirmed_count += confirmed[i];
        if (confirmed[i] && !present[i]) missing++;
    }
    progress_close(s);
    printf("kill safety: %d runs, %d SIGKILLs (%d mid-batch, the last after answer %d), %d answers "
           "confirmed, %d rows, %d missing, integrity ok (seed %u)\n",
           runs, kills, mid_batch, at_last_kill, confirmed_count, rows, missing, seed);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", folder);
    free(confirmed);
    free(present);
    if (confirmed_count != total) die("not every answer was confirmed");
    return missing ? 1 : 0;
}
