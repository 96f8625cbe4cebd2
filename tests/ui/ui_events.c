/*
 * Prints the progress store's event log, one event a line, for the UI tests to
 * compare with what the learner did: "verb lesson quiz question success".
 * Usage: ui_events PROGRESS.db
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv) {
    sqlite3 *db = NULL;
    if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: ui_events PROGRESS.db\n");
        sqlite3_close(db);
        return 2;
    }
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT verb, lesson_id, coalesce(quiz_id, '-'), coalesce(question_id, '-'),"
                      " coalesce(success, '-') FROM events ORDER BY seq";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "ui_events: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
        printf("%s %s %s %s %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
               sqlite3_column_text(st, 2), sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}
