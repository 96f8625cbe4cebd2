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
} AppSessionEnv;

/* Fills *session to work on env. */
void app_session_init(AppSession *session, AppSessionEnv *env);

#endif
