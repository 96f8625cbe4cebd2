/*
 * ailit-push: the program behind `ailit push` (cmd_push.c), which ailit starts in its
 * place (app_helper.c). It alone links libcurl, so that the learner app and the other
 * commands start without it. Installed in <prefix>/libexec/ailit/; it takes what
 * `ailit push` takes.
 */
#include "app/commands.h"

int main(int argc, char **argv) { return cmd_push(argc, argv); }
