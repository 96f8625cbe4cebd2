/*
 * Diagnostics: collecting problems, turning cJSON nodes into line:column, and
 * printing them the way compilers do, so that editors can jump to them. A printed
 * problem is always one line: file names and quoted pack text are escaped
 * (ail_buf_escape), so that a file named "x\n01.json:1:1: error: ..." cannot forge
 * or hide a line.
 *
 * A file with thousands of problems would drown the useful first ones, so at most
 * DIAG_MAX_PER_FILE are kept per file, followed by one line saying how many more.
 */
#include "course/course_internal.h"
#include "course/json_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIAG_MAX_PER_FILE = 200 };

void course_report_init(CourseReport *report) { memset(report, 0, sizeof *report); }

void course_report_free(CourseReport *report) {
    for (size_t i = 0; i < report->count; i++) {
        free(report->items[i].file);
        free(report->items[i].json_path);
        free(report->items[i].message);
    }
    free(report->items);
    course_report_init(report);
}

static void report_add(CourseReport *report, DiagSeverity sev, const char *file, int line, int col,
                       char *json_path, char *message) {
    if (report->count == report->cap) {
        report->cap = report->cap ? report->cap * 2 : 16;
        report->items = ail_xrealloc(report->items, report->cap * sizeof *report->items);
    }
    report->items[report->count++] =
        (Diagnostic){sev, ail_xstrdup(file), line, col, json_path, message};
    if (sev == DIAG_ERROR)
        report->errors++;
    else
        report->warnings++;
}

/* Prints one line whatever the names hold. The file name's backslashes are doubled
 * too (a name with a backslash and an n in it must not read as one with a line
 * feed); the JSON path and the message keep theirs, which messages use as written
 * ("write \t instead"). */
void course_diagnostic_format(const Diagnostic *d, AilBuf *out) {
    ail_buf_escape(out, d->file, strlen(d->file), true);
    if (d->line > 0) ail_buf_printf(out, ":%d:%d", d->line, d->col);
    ail_buf_puts(out, d->severity == DIAG_ERROR ? ": error: " : ": warning: ");
    if (d->json_path && d->json_path[0]) {
        ail_buf_escape(out, d->json_path, strlen(d->json_path), false);
        ail_buf_puts(out, ": ");
    }
    ail_buf_escape(out, d->message, strlen(d->message), false);
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap) {
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_vprintf(&b, fmt, ap);
    if (!b.data) ail_buf_puts(&b, "");
    return b.data;
}

void pack_report_file(PackLoad *pack, DiagSeverity sev, const char *display, int line, int col,
                      const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_add(pack->report, sev, display, line, col, NULL, vformat(fmt, ap));
    va_end(ap);
    if (sev == DIAG_ERROR && pack->first_error == AIL_OK) pack->first_error = AIL_ERR_INVALID;
}

__attribute__((format(printf, 5, 0))) static void jf_vreport(JsonFile *jf, const cJSON *node,
                                                             bool at_key, DiagSeverity sev,
                                                             const char *fmt, va_list ap) {
    if (sev == DIAG_ERROR && jf->pack->first_error == AIL_OK)
        jf->pack->first_error = AIL_ERR_INVALID;
    if (jf->pending_count >= DIAG_MAX_PER_FILE) {
        jf->dropped++;
        return;
    }
    if (jf->pending_count == jf->pending_cap) {
        jf->pending_cap = jf->pending_cap ? jf->pending_cap * 2 : 8;
        jf->pending = ail_xrealloc(jf->pending, jf->pending_cap * sizeof *jf->pending);
    }
    jf->pending[jf->pending_count++] =
        (PendingDiag){sev, node, at_key, ail_xstrdup(jf->path), vformat(fmt, ap), 0, false};
}

void jf_report(JsonFile *jf, const cJSON *node, DiagSeverity sev, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    jf_vreport(jf, node, false, sev, fmt, ap);
    va_end(ap);
}

void jf_report_key(JsonFile *jf, const cJSON *member, DiagSeverity sev, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    jf_vreport(jf, member, true, sev, fmt, ap);
    va_end(ap);
}

/* ---- Position resolution ---- */

/* A wanted node and the preorder index it turned out to have. */
typedef struct {
    const cJSON *node;
    size_t index;
    bool found;
} Wanted;

typedef struct {
    Wanted *wanted; /* sorted by node pointer */
    size_t count;
    size_t next_index;
    size_t *by_index; /* slots of found nodes in wanted, in document order */
    size_t count_in_scan;
    size_t scan_pos;
    JsonFile *jf;
} Resolver;

static int wanted_by_node(const void *a, const void *b) {
    const cJSON *x = ((const Wanted *)a)->node, *y = ((const Wanted *)b)->node;
    return x < y ? -1 : x > y;
}

static Wanted *find_wanted(Resolver *r, const cJSON *node) {
    Wanted key = {node, 0, false};
    return bsearch(&key, r->wanted, r->count, sizeof key, wanted_by_node);
}

/* Numbers the nodes in document order, as the scanner will meet them. cJSON stops
 * at depth 1000, so this recursion is bounded. */
static void number_nodes(Resolver *r, const cJSON *node) {
    for (; node; node = node->next) {
        Wanted *w = find_wanted(r, node);
        if (w) {
            w->index = r->next_index;
            w->found = true;
        }
        r->next_index++;
        if (node->child) number_nodes(r, node->child);
    }
}

/* Indices of found nodes, sorted by their document-order index. A pair keeps qsort
 * free of global context. */
typedef struct {
    size_t index, slot;
} IndexSlot;

static int by_index(const void *a, const void *b) {
    size_t x = ((const IndexSlot *)a)->index, y = ((const IndexSlot *)b)->index;
    return x < y ? -1 : x > y;
}

static bool on_spot(void *ctx, size_t index, const JsonSpot *spot) {
    Resolver *r = ctx;
    while (r->scan_pos < r->count_in_scan && r->wanted[r->by_index[r->scan_pos]].index == index) {
        Wanted *w = &r->wanted[r->by_index[r->scan_pos++]];
        for (size_t i = 0; i < r->jf->pending_count; i++) {
            PendingDiag *p = &r->jf->pending[i];
            if (p->node != w->node || p->located) continue;
            p->offset = (p->at_key && spot->key_start != JSON_SCAN_NO_KEY) ? spot->key_start
                                                                           : spot->value_start;
            p->located = true;
        }
    }
    return r->scan_pos < r->count_in_scan;
}

static void resolve_positions(JsonFile *jf, const cJSON *root) {
    Resolver r = {0};
    r.jf = jf;
    r.wanted = ail_xcalloc(jf->pending_count, sizeof *r.wanted);
    for (size_t i = 0; i < jf->pending_count; i++)
        if (jf->pending[i].node) r.wanted[r.count++] = (Wanted){jf->pending[i].node, 0, false};
    qsort(r.wanted, r.count, sizeof *r.wanted, wanted_by_node);
    size_t unique = 0;
    for (size_t i = 0; i < r.count; i++)
        if (unique == 0 || r.wanted[unique - 1].node != r.wanted[i].node)
            r.wanted[unique++] = r.wanted[i];
    r.count = unique;
    number_nodes(&r, root);
    IndexSlot *slots = ail_xcalloc(r.count, sizeof *slots);
    size_t n = 0;
    for (size_t i = 0; i < r.count; i++)
        if (r.wanted[i].found) slots[n++] = (IndexSlot){r.wanted[i].index, i};
    qsort(slots, n, sizeof *slots, by_index);
    r.by_index = ail_xcalloc(n, sizeof *r.by_index);
    for (size_t i = 0; i < n; i++) r.by_index[i] = slots[i].slot;
    free(slots);
    r.count_in_scan = n;
    if (n) json_scan(jf->text, jf->len, COURSE_MAX_DEPTH + 1, on_spot, &r, NULL);
    free(r.by_index);
    free(r.wanted);
}

static int pending_by_offset(const void *a, const void *b) {
    const PendingDiag *x = a, *y = b;
    if (x->located != y->located) return x->located ? 1 : -1; /* file-wide first */
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void jf_flush(JsonFile *jf, const cJSON *root) {
    if (root && jf->pending_count) resolve_positions(jf, root);
    /* qsort is not stable; ties keep the order found through a merge-like pass. */
    for (size_t i = 1; i < jf->pending_count; i++) {
        PendingDiag tmp = jf->pending[i];
        size_t k = i;
        while (k > 0 && pending_by_offset(&jf->pending[k - 1], &tmp) > 0) {
            jf->pending[k] = jf->pending[k - 1];
            k--;
        }
        jf->pending[k] = tmp;
    }
    size_t line_at = 0;
    int line = 1, col = 1;
    for (size_t i = 0; i < jf->pending_count; i++) {
        PendingDiag *p = &jf->pending[i];
        int l = 0, c = 0;
        if (p->located) {
            /* Offsets are sorted, so positions are counted forward once per file. */
            int dl, dc;
            ail_text_position(jf->text + line_at, jf->len - line_at, p->offset - line_at, &dl, &dc);
            line += dl - 1;
            col = dl > 1 ? dc : col + dc - 1;
            line_at = p->offset;
            l = line;
            c = col;
        }
        report_add(jf->pack->report, p->severity, jf->display, l, c, p->json_path, p->message);
    }
    if (jf->dropped) {
        AilBuf b;
        ail_buf_init(&b);
        ail_buf_printf(&b, "%zu more problems in this file are not shown; fix these first",
                       jf->dropped);
        report_add(jf->pack->report, DIAG_ERROR, jf->display, 0, 0, NULL, b.data);
        jf->dropped = 0;
    }
    free(jf->pending);
    jf->pending = NULL;
    jf->pending_count = jf->pending_cap = 0;
}
