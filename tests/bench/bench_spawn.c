/*
 * Child programs for the start-up benchmarks: see bench_spawn.h. Timing starts just
 * before fork and ends when wait4 returns, so it covers exec, the dynamic loader and
 * the program's own exit; the program being compared against pays the same.
 */
#include "bench_spawn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: moves it into each cgroup of join; false (said on stderr) when one
 * refuses. */
static bool join_cgroups(const char *const join[]) {
    for (size_t i = 0; join && join[i]; i++) {
        FILE *f = fopen(join[i], "w");
        bool ok = f && fprintf(f, "%d\n", (int)getpid()) > 0;
        if (f && fclose(f) != 0) ok = false;
        if (!ok) {
            fprintf(stderr, "bench: cannot join the cgroup %s: %s\n", join[i], strerror(errno));
            return false;
        }
    }
    return true;
}

/* bench_spawn, with the child's standard output on out when out >= 0. */
static pid_t spawn_to(char *const argv[], bool quiet, const char *const join[], int out) {
    fflush(NULL); /* or the child's freopen would write our buffered lines again */
    pid_t pid = fork();
    if (pid == 0) {
        if (!join_cgroups(join)) _exit(126);
        if (quiet) {
            /* A child that cannot silence itself still runs, only louder. */
            if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
                perror("bench: /dev/null");
        }
        if (out >= 0 && dup2(out, STDOUT_FILENO) < 0) _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid < 0) {
        perror("bench: fork");
        exit(1);
    }
    return pid;
}

pid_t bench_spawn(char *const argv[], bool quiet, const char *const join[]) {
    return spawn_to(argv, quiet, join, -1);
}

double bench_run(char *const argv[], const char *const join[], BenchUsage *usage) {
    int fds[2];
    if (pipe(fds) != 0) {
        perror("bench: pipe");
        exit(1);
    }
    double t0 = bench_now_s(), mark_ms = -1, ms;
    pid_t pid = spawn_to(argv, true, join, fds[1]);
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    char line[256];
    while (out && fgets(line, sizeof line, out)) /* until the child's end closes it */
        if (sscanf(line, "time-mark %lf", &ms) == 1) mark_ms = ms;
    if (out)
        fclose(out);
    else
        close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid) {
        perror("bench: wait4");
        exit(1);
    }
    double t = bench_now_s() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed (%s %d); run it by hand to see why\n", argv[0],
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        exit(1);
    }
    if (usage) {
        usage->cpu_s = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
        usage->peak_mib = (double)ru.ru_maxrss / 1024.0; /* Linux gives KiB */
        usage->mark_s = mark_ms < 0 ? -1 : mark_ms / 1e3 - t0;
    }
    return t;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_median(double *v, int n) {
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double bench_cpu_s(pid_t pid) {
    char path[64], buf[2048];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command name may hold spaces and parentheses */
    unsigned long ut = 0, st = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

double bench_peak_mib(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    double kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lf kB", &kib) == 1) break;
    if (f) fclose(f);
    return kib < 0 ? -1 : kib / 1024.0;
}
