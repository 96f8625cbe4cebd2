/*
 * Prints the progress store's event log, one event a line, for the UI tests to
 * compare with what the learner did: "verb lesson quiz question success".
 * With --responses, one line per answer instead, from the xAPI statement itself:
 * "learner question response choices", where choices are the ids the statement
 * lists (its object's definition), joined by commas.
 * Usage: ui_events [--responses] PROGRESS.db
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const EVENTS_SQL =
    "SELECT verb, lesson_id, coalesce(quiz_id, '-'), coalesce(question_id, '-'),"
    " coalesce(success, '-') FROM events ORDER BY seq";

static const char *const RESPONSES_SQL =
    "SELECT l.name, e.question_id, coalesce(json_extract(e.statement, '$.result.response'), '-'),"
    " coalesce((SELECT group_concat(json_extract(c.value, '$.id'), ',') FROM"
    "  json_each(e.statement, '$.object.definition.choices') AS c), '-')"
    " FROM events e JOIN learners l ON l.uuid = e.learner"
    " WHERE e.verb = 'answered' ORDER BY e.seq";

int main(int argc, char **argv) {
    sqlite3 *db = NULL;
    bool responses = argc == 3 && strcmp(argv[1], "--responses") == 0;
    if (argc != 2 + responses ||
        sqlite3_open_v2(argv[argc - 1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: ui_events [--responses] PROGRESS.db\n");
        sqlite3_close(db);
        return 2;
    }
    sqlite3_stmt *st = NULL;
    const char *sql = responses ? RESPONSES_SQL : EVENTS_SQL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "ui_events: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++)
            printf(i ? " %s" : "%s", (const char *)sqlite3_column_text(st, i));
        printf("\n");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}
