/*
 * The progress clock: the time every stored or exported progress time is made with.
 *
 * A Raspberry Pi has no clock of its own that runs while it is off. In a school
 * without a network it can start in 1970, or at the date its system image was made,
 * and a laptop whose clock battery is flat does the same. Statements dated like that
 * would come before the ones the same learners made last week, and a trainer's
 * `ailit merge` refuses a whole file dated before 2000. So times here:
 *
 * - never fall before a floor: the time this ailit's source was last changed
 *   (PROGRESS_BUILD_MS, from CMake) and the latest time the store had recorded when
 *   it was opened (statements, learners, the device, lessons' places and results);
 * - never go backwards while the store is open;
 * - while the system clock is below that floor, run on from it at the pace of
 *   CLOCK_MONOTONIC, so that the order of statements and the durations between them
 *   stay right;
 * - are the system clock's own, as it is, whenever it is at or after the floor.
 *
 * Invariants:
 * - A stored time is only followed when the system clock could have made it: when
 *   the system clock is before PROGRESS_BUILD_MS (plainly unset), or the stored time
 *   is at most PROGRESS_CLOCK_AHEAD_MS ahead of it. A store once written by a clock
 *   set years ahead must not date every later statement in that future once the
 *   clock is right again (the trainer's merge would refuse them all).
 * - The teacher PIN's waits do not use this clock (teacher_pin.c has its own rule
 *   for a clock set back), and nothing here writes to the store.
 */
#include "progress/progress_internal.h"

#include <string.h>
#include <time.h>

#ifndef AILIT_BUILD_EPOCH
/* Built without CMake's value (the fuzzers compile the sources directly): the day
 * this clock was written, 2026-12-02. */
#define AILIT_BUILD_EPOCH 1796169600
#endif

const int64_t PROGRESS_BUILD_MS = (int64_t)AILIT_BUILD_EPOCH * 1000;

static int64_t system_wall_ms(void) { return ail_time_now_ms(); }

static int64_t system_mono_ms(void) { return ail_mono_ms(); }

static const ProgressTimeSource SYSTEM_TIME = {system_wall_ms, system_mono_ms};
static const ProgressTimeSource *source = &SYSTEM_TIME;

void progress_clock_use_source(const ProgressTimeSource *src) { source = src ? src : &SYSTEM_TIME; }

/* What the system clock says (or what a script pretends it says). */
static int64_t wall_ms(const ProgressClock *c, int64_t mono) {
    if (c->pretending) return c->pretend_wall_ms + (mono - c->pretend_mono_ms);
    return source->wall_ms();
}

/* The floor for a system clock reading wall: the build time, and just after the
 * store's latest time when that clock could have made it. */
static int64_t floor_for(const ProgressClock *c, int64_t wall) {
    int64_t floor = PROGRESS_BUILD_MS;
    bool follow = wall < PROGRESS_BUILD_MS || c->stored_ms <= wall + PROGRESS_CLOCK_AHEAD_MS;
    if (follow && c->stored_ms + 1 > floor) floor = c->stored_ms + 1;
    return floor;
}

/* Reads the clocks once: *wall what the system says, *floor its floor, and returns
 * the time to date progress with (never before the last one handed out). */
static int64_t reading(ProgressClock *c, int64_t *wall_out, int64_t *floor_out) {
    int64_t mono = source->mono_ms();
    int64_t wall = wall_ms(c, mono), floor = floor_for(c, wall);
    int64_t t;
    if (wall >= floor && wall >= c->last_ms) {
        t = wall;
        c->base_ms = wall; /* a later estimate runs on from the last true reading */
        c->base_mono_ms = mono;
    } else {
        int64_t base = c->base_ms > floor ? c->base_ms : floor;
        t = base + (mono - c->base_mono_ms);
        if (t < floor) t = floor;
    }
    if (t < c->last_ms) t = c->last_ms;
    if (wall_out) *wall_out = wall;
    if (floor_out) *floor_out = floor;
    return t;
}

int64_t progress_clock_now(ProgressClock *c) {
    int64_t t = reading(c, NULL, NULL);
    c->last_ms = t;
    return t;
}

int64_t progress_now_ms(ProgressStore *s) { return progress_clock_now(&s->clock); }

void progress_clock_status(ProgressStore *s, ProgressClockStatus *out) {
    memset(out, 0, sizeof *out);
    out->now_ms = reading(&s->clock, &out->system_ms, &out->floor_ms);
    out->estimated = out->system_ms < out->now_ms;
    out->wrong = out->system_ms < out->floor_ms - PROGRESS_CLOCK_SLACK_MS;
}

void progress_clock_pretend(ProgressStore *s, int64_t wall) {
    s->clock.pretending = true;
    s->clock.pretend_wall_ms = wall;
    s->clock.pretend_mono_ms = source->mono_ms();
}

AilResult progress_clock_open(sqlite3 *db, ProgressClock *c, AilError *err) {
    /* The newest statement by its sequence number (one step down the table's b-tree,
     * where max(at_ms) would read every statement of a big store on a Pi's SD card;
     * statements this clock dates keep the order of their numbers); the small tables
     * whole. */
    static const char SQL[] =
        "SELECT max(coalesce((SELECT at_ms FROM events ORDER BY seq DESC LIMIT 1), 0),"
        " coalesce((SELECT max(created_ms) FROM learners), 0),"
        " coalesce((SELECT max(created_ms) FROM device), 0),"
        " coalesce((SELECT max(updated_ms) FROM lesson_state), 0),"
        " coalesce((SELECT max(completed_ms) FROM lesson_results), 0))";
    sqlite3_stmt *st = NULL;
    memset(c, 0, sizeof *c);
    if (sqlite3_prepare_v2(db, SQL, -1, &st, NULL) != SQLITE_OK)
        return progress_sql_error(db, "reading the latest time in the progress file", err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) c->stored_ms = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return progress_sql_error(db, "reading the latest time in the progress file", err);
    c->base_mono_ms = source->mono_ms();
    c->base_ms = floor_for(c, source->wall_ms());
    return AIL_OK;
}
