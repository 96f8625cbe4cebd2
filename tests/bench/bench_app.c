/*
 * The app's budgets, measured side by side with a bare SDL2 + SDL2_ttf program
 * (bench_bare_sdl) in one run, under X11 (e.g. Xvfb):
 *   - start-up to the first frame of the learner screen  <= 1.5x the bare program's
 *   - peak memory (courses loaded, idle)                   <= 2x the bare program's
 *   - CPU used over 10 s idle                              <= 0.02 s
 *   - one full 1920x1080 frame with the software renderer  <= 16 ms
 * Usage: DISPLAY=:99 bench_app AILIT BENCH_BARE_SDL COURSES_DIR
 * Built by CMake, not run by ctest (timings flake on shared machines).
 */
#include "bench_spawn.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static double median_run(char *const argv[], int n) {
    double t[32];
    for (int i = 0; i < n; i++) t[i] = bench_run(argv, NULL, NULL);
    return bench_median(t, n);
}

/* Starts argv, lets it settle, then measures CPU over idle_s seconds and its peak
 * memory. */
static void idle_run(char *const argv[], double idle_s, double *cpu, double *mib) {
    pid_t pid = bench_spawn(argv, true, NULL);
    usleep(3000000);
    double c0 = bench_cpu_s(pid);
    usleep((useconds_t)(idle_s * 1e6));
    *cpu = bench_cpu_s(pid) - c0;
    *mib = bench_peak_mib(pid);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

int main(int argc, char **argv) {
    if (argc != 4 || !getenv("DISPLAY")) {
        fprintf(stderr, "usage: DISPLAY=:99 bench_app AILIT BENCH_BARE_SDL COURSES_DIR\n");
        return 2;
    }
    char data[] = "/tmp/ailit-bench-XXXXXX";
    if (!mkdtemp(data)) return 1;
    char *app_first[] = {argv[1], "--courses", argv[3],    "--data-dir",
                         data,    "--size",    "1024x640", "--quit-after-first-frame",
                         NULL};
    char *bare_first[] = {argv[2], "--first-frame", NULL};
    char *native_first[] = {argv[2], "--first-frame", "--native-framebuffer", NULL};
    bench_run(app_first, NULL, NULL); /* warm the caches of both once */
    bench_run(bare_first, NULL, NULL);
    double app_t = median_run(app_first, 9), bare_t = median_run(bare_first, 9);
    double native_t = median_run(native_first, 9);
    printf("start-up to first frame (median of 9): app %.1f ms, bare %.1f ms, ratio %.2f (budget "
           "1.5); bare with the app's native framebuffer %.1f ms, ratio %.2f\n",
           app_t * 1e3, bare_t * 1e3, app_t / bare_t, native_t * 1e3, app_t / native_t);

    char *app_idle[] = {argv[1], "--courses", argv[3],    "--data-dir",
                        data,    "--size",    "1024x640", NULL};
    char *bare_idle[] = {argv[2], NULL};
    char *native_idle[] = {argv[2], "--native-framebuffer", NULL};
    double app_cpu, app_mib, bare_cpu, bare_mib, native_cpu, native_mib;
    idle_run(app_idle, 10, &app_cpu, &app_mib);
    idle_run(bare_idle, 10, &bare_cpu, &bare_mib);
    idle_run(native_idle, 10, &native_cpu, &native_mib);
    printf("peak memory: app %.1f MiB (courses loaded), bare %.1f MiB, ratio %.2f (budget 2); "
           "bare with the native framebuffer %.1f MiB, ratio %.2f\n",
           app_mib, bare_mib, app_mib / bare_mib, native_mib, app_mib / native_mib);
    printf("CPU over 10 s idle: app %.3f s, bare %.3f s (budget 0.02 s)\n", app_cpu, bare_cpu);

    /* Full frames at 1920x1080 on a lesson page with a picture (software renderer). */
    char script[] = "/tmp/ailit-bench-script-XXXXXX";
    int fd = mkstemp(script);
    const char *steps = "click-on + New learner\ntype Bench\nkey enter\nclick-id pack 0\n"
                        "click-id lesson 0\nkey pagedown\nbench-frames 60\nquit\n";
    if (fd < 0 || write(fd, steps, strlen(steps)) != (ssize_t)strlen(steps)) return 1;
    close(fd);
    char *app_frames[] = {argv[1],  "--courses", argv[3],    "--data-dir", data,
                          "--size", "1920x1080", "--script", script,       NULL};
    fflush(stdout);
    pid_t pid = bench_spawn(app_frames, false, NULL);
    waitpid(pid, NULL, 0);
    unlink(script);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
    if (system(cmd) != 0) fprintf(stderr, "bench_app: could not remove %s\n", data);
    return 0;
}
