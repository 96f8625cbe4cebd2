/*
 * What a learner did in a demo, kept while they use it and recorded once, as an
 * xAPI "interacted" statement, when they leave the demo page (another page, the
 * lesson list, the end of the lesson, quitting). Settings opened from the page are
 * not leaving it. Each demo screen calls screens_demo_record after an action with
 * its summary so far; only the latest one is written.
 */
#include "screens/screens_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

void screens_demo_record(Screens *s, const char *summary_json) {
    assert(s && summary_json);
    ScreensDemoRecord *r = &s->demo_record;
    int n = snprintf(r->summary, sizeof r->summary, "%s", summary_json);
    /* A summary cut short would not be JSON: a demo's summary is small, so this is a
     * demo's mistake, kept out of the log. */
    assert(n >= 0 && (size_t)n < sizeof r->summary);
    if (n < 0 || (size_t)n >= sizeof r->summary) return;
    r->pending = true;
    r->course = s->course;
    r->lesson = s->lesson;
    r->page = s->page;
}

void screens_demo_leave(Screens *s) {
    ScreensDemoRecord *r = &s->demo_record;
    if (!r->pending) return;
    r->pending = false;
    if (!s->session->record_demo || r->course >= s->course_count) return;
    const Course *c = s->courses[r->course];
    int64_t ms = r->opened_ms > 0 ? ail_mono_ms() - r->opened_ms : -1;
    AilError err;
    if (s->session->record_demo(s->session->impl, s->learner.id, c, r->lesson, r->page, r->summary,
                                s->lang, ms, &err) != AIL_OK)
        screens_fail(s, &err);
}
