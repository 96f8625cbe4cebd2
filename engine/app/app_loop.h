/*
 * The learner app: window, renderer, fonts, progress store, screens and the event
 * loop. main() calls app_run when no subcommand is named.
 */
#ifndef AILIT_APP_LOOP_H
#define AILIT_APP_LOOP_H

/* Runs the app with its options (--courses, --fonts, --data-dir, --lang,
 * --size WxH, --fullscreen, --screenshot FILE, --script FILE, ...). Returns the
 * process exit code: 0, 1 (could not start: the reason is printed), 2 (usage), 3 (a
 * --script expectation failed). */
int app_run(int argc, char **argv);

/* Prints the app's options for --help. */
void app_print_options(void);

#endif
