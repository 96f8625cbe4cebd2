/*
 * The screens' AppSession wired to the progress store (progress/). Kept in app/ so
 * that screens/ never sees SQLite.
 */
#ifndef AILIT_APP_SESSION_H
#define AILIT_APP_SESSION_H

#include "progress/progress.h"
#include "screens/screens.h"

/* Fills *session to call store (borrowed; it must outlive the session). */
void app_session_init(AppSession *session, ProgressStore *store);

#endif
