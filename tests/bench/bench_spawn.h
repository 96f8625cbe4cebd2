/*
 * Starting, timing and measuring child programs for ailit's start-up benchmarks
 * (bench_app, bench_lowend). A failed child ends the benchmark: a figure from a run
 * that did not do its work would mislead.
 */
#ifndef AILIT_BENCH_SPAWN_H
#define AILIT_BENCH_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

/* Seconds on the monotonic clock. */
double bench_now_s(void);

/* Starts argv[0] with argv. quiet sends the child's output to /dev/null. join, when not
 * NULL, is a NULL-terminated list of cgroup process files (cgroup.procs) the child
 * moves itself into before exec, so only it and its children are held by them. */
pid_t bench_spawn(char *const argv[], bool quiet, const char *const join[]);

/* What a finished child used: CPU time (user + system) and peak resident memory; and
 * mark_s, the seconds from fork to the last "time-mark MS" line it printed (an ailit
 * script's time-mark step; MS on CLOCK_MONOTONIC), or -1 when it printed none. */
typedef struct {
    double cpu_s, peak_mib, mark_s;
} BenchUsage;

/* Runs argv quietly to its end, as bench_spawn, reading its output for time-mark
 * lines; returns the seconds from fork to its exit and fills *usage when it is not
 * NULL. Exits the benchmark when the child fails. */
double bench_run(char *const argv[], const char *const join[], BenchUsage *usage);

/* Sorts v[0..n) and returns its median (n > 0). */
double bench_median(double *v, int n);

/* CPU time (user + system) pid has used, in seconds; -1 when it cannot be read. */
double bench_cpu_s(pid_t pid);

/* Peak resident memory (VmHWM) of the running pid in MiB; -1 when it cannot be read. */
double bench_peak_mib(pid_t pid);

#endif
