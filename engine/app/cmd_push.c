/*
 * ailit push: a trainer's statements to an xAPI Learning Record Store.
 *
 *   ailit push --db TRAINER.db --lrs URL [--user NAME --password-file FILE] [--batch N]
 *   ailit push --lrs URL [--state FILE] [--user ...] FILE...
 *
 * Progress files given directly are merged first into the state file (a trainer
 * database, ./ailit-push.db unless --state names another), which then records what the
 * LRS accepted, as --db does. The password comes only from a file or from
 * AILIT_LRS_PASSWORD, never from the command line (others can read a process list).
 * AILIT_PUSH_FIRST_WAIT_MS sets the first wait between tries (the tests make it 0).
 */
#include "app/commands.h"
#include "sync/sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PUSH_PASSWORD_MAX 1024

typedef struct {
    const char *db_path, *state_path, *lrs, *user, *password_file;
    size_t batch;
    char **files;
    size_t file_count;
} PushArgs;

static int usage(FILE *to) {
    fprintf(to,
            "usage: ailit push --db TRAINER.db --lrs URL [--user NAME --password-file FILE]\n"
            "                  [--batch N]\n"
            "       ailit push --lrs URL [--state FILE] [--user NAME --password-file FILE] "
            "FILE...\n"
            "  posts the statements to the xAPI LRS whose endpoint is URL (for example\n"
            "  https://lrs.example.org/data/xAPI), %d a request unless --batch says; what the\n"
            "  LRS accepted is recorded in TRAINER.db, so running it again sends only the rest.\n"
            "  Progress files given directly are merged into FILE of --state first\n"
            "  (default ./ailit-push.db), which keeps that record.\n"
            "  The password is read from the first line of --password-file FILE, or from the\n"
            "  environment variable AILIT_LRS_PASSWORD; never give it on the command line.\n",
            SYNC_PUSH_BATCH);
    return EXIT_USAGE;
}

/* Reads one option with its value at argv[*i]; 0 when known, else EXIT_USAGE. */
static int push_option(PushArgs *a, int argc, char **argv, int *i) {
    const char *o = argv[*i];
    const char **slot = strcmp(o, "--db") == 0              ? &a->db_path
                        : strcmp(o, "--state") == 0         ? &a->state_path
                        : strcmp(o, "--lrs") == 0           ? &a->lrs
                        : strcmp(o, "--user") == 0          ? &a->user
                        : strcmp(o, "--password-file") == 0 ? &a->password_file
                                                            : NULL;
    if (strcmp(o, "--password") == 0 || strncmp(o, "--password=", 11) == 0) {
        fprintf(stderr, "ailit push: a password on the command line can be read by anyone who "
                        "lists the processes: use --password-file FILE or AILIT_LRS_PASSWORD\n");
        return EXIT_USAGE;
    }
    if ((!slot && strcmp(o, "--batch") != 0) || *i + 1 >= argc) {
        fprintf(stderr, "ailit push: unknown option or missing value '%s'\n", o);
        return usage(stderr);
    }
    const char *v = argv[++*i];
    if (slot) {
        *slot = v;
        return 0;
    }
    char *end = NULL;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (errno || !end || *end || !*v || n < 1 || n > SYNC_PUSH_MAX_BATCH) {
        fprintf(stderr, "ailit push: --batch takes a number from 1 to %d\n", SYNC_PUSH_MAX_BATCH);
        return EXIT_USAGE;
    }
    a->batch = n;
    return 0;
}

/* Reads the command line into a; 0, or the exit code (help: -1). */
static int push_args(PushArgs *a, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        int rc = 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return -1;
        } else if (argv[i][0] == '-' && argv[i][1])
            rc = push_option(a, argc, argv, &i);
        else
            a->files[a->file_count++] = argv[i];
        if (rc) return rc;
    }
    if (!a->lrs || (!a->db_path == !a->file_count) || (a->db_path && a->state_path) ||
        (a->password_file && !a->user)) {
        fprintf(stderr, "ailit push: give --lrs, and either --db or progress files%s\n",
                a->password_file && !a->user ? " (and --user with --password-file)" : "");
        return usage(stderr);
    }
    return 0;
}

/* Wipes a secret in place (the compiler may not drop the stores). */
static void push_wipe(char *s, size_t n) {
    volatile char *p = s;
    while (n--) *p++ = 0;
}

/* The password into out: the first line of a->password_file, else AILIT_LRS_PASSWORD.
 * false (after a message) when a user is given but no password can be read. */
static bool push_password(const PushArgs *a, char *out, size_t size) {
    out[0] = 0;
    if (!a->user) return true;
    const char *env = getenv("AILIT_LRS_PASSWORD");
    if (!a->password_file) {
        if (env && strlen(env) < size) {
            snprintf(out, size, "%s", env);
            return true;
        }
        fprintf(stderr,
                "ailit push: give the password for %s with --password-file FILE (its "
                "first line) or the environment variable AILIT_LRS_PASSWORD\n",
                a->user);
        return false;
    }
    FILE *f = fopen(a->password_file, "r");
    if (!f) {
        fprintf(stderr, "ailit push: cannot read the password file %s: %s\n", a->password_file,
                strerror(errno));
        return false;
    }
    bool ok = fgets(out, (int)size, f) != NULL;
    fclose(f);
    out[strcspn(out, "\r\n")] = 0;
    if (!ok || !out[0]) {
        fprintf(stderr,
                "ailit push: the password file %s is empty: put the password on its "
                "first line\n",
                a->password_file);
        return false;
    }
    return true;
}

/* n with a comma every three digits ("4,200"). */
static const char *push_count(size_t n, char *out, size_t size) {
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
    return out;
}

static void push_progress(void *ctx, size_t pushed, size_t total) {
    bool tty = *(bool *)ctx;
    char a[32], b[32];
    fprintf(stderr, "%spushed %s of %s statements%s", tty ? "\r" : "",
            push_count(pushed, a, sizeof a), push_count(total, b, sizeof b), tty ? "" : "\n");
}

/* Merges the progress files into db, as ailit merge does; false when any is refused. */
static bool push_merge_files(SyncTrainerDb *db, const PushArgs *a) {
    AilError err;
    ail_error_clear(&err);
    if (sync_merge_begin(db, &err) != AIL_OK) {
        fprintf(stderr, "ailit push: %s\n", err.message);
        return false;
    }
    bool all = true;
    for (size_t i = 0; i < a->file_count; i++) {
        SyncMergeCounts c;
        if (sync_merge_file(db, a->files[i], &c, &err) != AIL_OK) {
            fprintf(stderr, "ailit push: %s\n", err.message);
            all = false;
        } else if (c.conflicting) {
            printf("%s: %zu conflicting statements; the LRS gets the version 'ailit report' "
                   "uses\n",
                   a->files[i], c.conflicting);
        }
        ail_error_clear(&err);
    }
    if (sync_merge_end(db, &err) != AIL_OK) {
        if (err.message[0]) fprintf(stderr, "ailit push: %s\n", err.message);
        all = false;
    }
    return all;
}

/* The closing lines: what the LRS holds now, and any statement it holds otherwise. */
static int push_summary(const PushArgs *a, const SyncPushCounts *c) {
    char x[32], y[32], z[32], t[32];
    printf("%s: %s statements sent and accepted in this run, %s sent before; the LRS holds %s "
           "of %s\n",
           a->lrs, push_count(c->accepted, x, sizeof x), push_count(c->before, y, sizeof y),
           push_count(c->before + c->accepted, z, sizeof z), push_count(c->total, t, sizeof t));
    for (size_t k = 0; k < c->differing && k < SYNC_CONFLICTS_SHOWN; k++)
        printf("  differs: the LRS holds another statement under the id %s; it was not "
               "recorded as pushed\n",
               c->differing_ids[k]);
    if (c->differing > SYNC_CONFLICTS_SHOWN)
        printf("  ... and %zu more statements the LRS holds otherwise\n",
               c->differing - SYNC_CONFLICTS_SHOWN);
    if (c->differing)
        fprintf(stderr,
                "ailit push: the LRS holds %zu statement(s) with the same id but other "
                "content: look at them there before anything is changed\n",
                c->differing);
    return c->differing ? EXIT_PROBLEMS : 0;
}

/* Opens the database, merges any files, pushes; the exit code. */
static int push_run(const PushArgs *a, const char *password) {
    const char *path = a->db_path ? a->db_path : a->state_path ? a->state_path : "ailit-push.db";
    AilError err;
    ail_error_clear(&err);
    SyncTrainerDb *db = NULL;
    if (sync_trainer_open(path, &db, &err) != AIL_OK) {
        fprintf(stderr, "ailit push: %s\n", err.message);
        return EXIT_PROBLEMS;
    }
    if (a->file_count && !push_merge_files(db, a)) {
        fprintf(stderr, "ailit push: nothing was pushed; leave out or replace the refused "
                        "files and run it again\n");
        sync_trainer_close(db);
        return EXIT_PROBLEMS;
    }
    SyncPushOptions o;
    sync_push_options_init(&o, a->lrs);
    o.user = a->user;
    o.password = a->user ? password : NULL;
    if (a->batch) o.batch = a->batch;
    const char *wait = getenv("AILIT_PUSH_FIRST_WAIT_MS");
    if (wait && *wait) o.first_wait_ms = (unsigned)strtoul(wait, NULL, 10);
    bool tty = isatty(STDERR_FILENO);
    o.progress = push_progress;
    o.progress_ctx = &tty;
    SyncPushCounts c;
    AilResult r = sync_push(db, &o, &c, &err);
    if (tty) fputc('\n', stderr);
    sync_trainer_close(db);
    if (r != AIL_OK) {
        fprintf(stderr, "ailit push: %s\n", err.message);
        return r == AIL_ERR_USAGE ? EXIT_USAGE : EXIT_PROBLEMS;
    }
    return push_summary(a, &c);
}

int cmd_push(int argc, char **argv) {
    PushArgs a = {0};
    a.files = ail_xcalloc((size_t)argc, sizeof *a.files);
    int rc = push_args(&a, argc, argv);
    char password[PUSH_PASSWORD_MAX];
    password[0] = 0;
    if (rc == 0 && !push_password(&a, password, sizeof password)) rc = EXIT_USAGE;
    if (rc == 0) rc = push_run(&a, password);
    push_wipe(password, sizeof password);
    free(a.files);
    return rc < 0 ? 0 : rc;
}
