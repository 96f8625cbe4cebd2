/*
 * The screens' AppSession wired to the progress store (progress/), progress files
 * (sync/) and the device's library of imported packs (app_packs.c). Kept in app/ so
 * that screens/ never sees SQLite or the file system's mount points.
 */
#ifndef AILIT_APP_SESSION_H
#define AILIT_APP_SESSION_H

#include "progress/progress.h"
#include "screens/screens.h"

#include <limits.h>

/* What the session works on; borrowed, it must outlive the session. */
typedef struct {
    ProgressStore *store;
    char library[PATH_MAX]; /* imported packs: <data dir>/courses */
    char log[PATH_MAX];     /* the log file: <data dir>/ailit.log */
} AppSessionEnv;

/* Fills *session to work on env. */
void app_session_init(AppSession *session, AppSessionEnv *env);

/* The system's deployment config: what every data folder's ailit.conf adds to. */
#define APP_SYSTEM_CONFIG "/etc/ailit/ailit.conf"

/* Reads the deployment config (system_conf, then <data_dir>/ailit.conf, whose keys
 * win) and gives its xAPI IRIs to env->store, which takes them until its first
 * statement. A config with a mistake, or one that disagrees with IRIs already fixed,
 * is said on stderr and in the log; ailit goes on. */
void app_session_configure(AppSessionEnv *env, const char *system_conf, const char *data_dir);

/* Writes "ailit: doing: message" to stderr and, when log_path is not NULL, appends
 * it with a UTC time to that file (started afresh, the old one kept as .old, past
 * 1 MB). The technical text a screen does not show goes here. True when the file
 * got it. */
bool app_log(const char *log_path, const char *doing, const char *message);

/* The start-up screen's facts for what progress_try_open found. log names the log
 * file that holds the details, or is "" when there is none. */
void app_session_startup(const ProgressOpenInfo *info, const char *log, ScreensStartup *out);

#endif
