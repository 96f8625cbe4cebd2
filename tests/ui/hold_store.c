/*
 * Holds a progress store locked as another program might (an exclusive lock that
 * even readers wait for), for the start-up tests:
 *   hold_store DB RELEASE_FILE
 * Prints "held" once the lock is taken, and lets go when RELEASE_FILE exists (or
 * after two minutes, so that a failed test never leaves it behind).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: hold_store DB RELEASE_FILE\n");
        return 2;
    }
    sqlite3 *db = NULL;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                     "SELECT count(*) FROM sqlite_master;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "hold_store: cannot lock %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    struct timespec step = {0, 50 * 1000 * 1000};
    for (int i = 0; i < 2400 && access(argv[2], F_OK) != 0; i++) nanosleep(&step, NULL);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        fprintf(stderr, "hold_store: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 0;
}
