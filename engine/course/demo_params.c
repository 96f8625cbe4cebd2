/*
 * The params of the AI lab's demo pages (teach-the-machine, pixels, fair-data,
 * grouping, reward),
 * checked where the author wrote them: each problem names the field, with the range
 * or shape the demo needs (see courses/FORMAT.md, "Demo params"). Every field is
 * optional; a missing one takes the demo's default.
 *
 * course/ may not include demos/ (DESIGN.md), so the ranges are written here; they
 * are the models' limits in engine/demos/demos.h (or tighter, where a smaller value
 * makes no demo a learner can use).
 */
#include "course/course_internal.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* A whole number member in lo..hi (doubles, for the seed's 0..2^32-1). */
static void whole(JsonFile *jf, const cJSON *obj, const char *key, double lo, double hi) {
    const cJSON *m = jf_member(jf, obj, key, false);
    if (!m) return;
    size_t saved = jf_path_push_key(jf, key);
    if (!cJSON_IsNumber(m))
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a whole number, found %s", key, jf_type_name(m));
    else if (m->valuedouble != floor(m->valuedouble) || m->valuedouble < lo || m->valuedouble > hi)
        jf_report(jf, m, DIAG_ERROR, "'%s' must be a whole number from %.0f to %.0f, found %g", key,
                  lo, hi, m->valuedouble);
    jf_path_pop(jf, saved);
}

/* A number array item (or pair member) in lo..hi; name says what it is. */
static void number_in(JsonFile *jf, const cJSON *n, const char *name, double lo, double hi,
                      bool integer) {
    if (!cJSON_IsNumber(n))
        jf_report(jf, n, DIAG_ERROR, "%s must be a number, found %s", name, jf_type_name(n));
    else if ((integer && n->valuedouble != floor(n->valuedouble)) || n->valuedouble < lo ||
             n->valuedouble > hi)
        jf_report(jf, n, DIAG_ERROR, "%s must be %s from %g to %g, found %g", name,
                  integer ? "a whole number" : "a number", lo, hi, n->valuedouble);
}

/* Each item of array (its own path already pushed) as number_in: names[i] names item i,
 * the last name the items past the names. */
static void numbers_in(JsonFile *jf, const cJSON *array, const char *const names[],
                       size_t name_count, double lo, double hi, bool integer) {
    size_t i = 0;
    for (const cJSON *v = array->child; v; v = v->next, i++) {
        size_t saved = jf_path_push_index(jf, i);
        number_in(jf, v, names[i < name_count ? i : name_count - 1], lo, hi, integer);
        jf_path_pop(jf, saved);
    }
}

/* check on each item of array, which is obj's member key, with the item's path pushed. */
static void each_item(JsonFile *jf, const cJSON *array, const char *key,
                      void (*check)(JsonFile *jf, const cJSON *item)) {
    size_t saved = jf_path_push_key(jf, key);
    size_t i = 0;
    for (const cJSON *item = array->child; item; item = item->next, i++) {
        size_t s2 = jf_path_push_index(jf, i);
        check(jf, item);
        jf_path_pop(jf, s2);
    }
    jf_path_pop(jf, saved);
}

/* ---- teach-the-machine ---- */

/* The rows of one example drawing: size strings of size '#' or '.' characters. */
static void drawing_rows(JsonFile *jf, const cJSON *example, int size) {
    size_t n;
    const cJSON *rows = jf_array(jf, example, "rows", true, 0, 64, &n);
    if (!rows) return;
    size_t saved = jf_path_push_key(jf, "rows");
    if (n != (size_t)size) {
        jf_report(jf, rows, DIAG_ERROR,
                  "'rows' must have %d rows, one per line of the grid ('size' is %d), found %zu",
                  size, size, n);
        jf_path_pop(jf, saved);
        return;
    }
    size_t i = 0;
    for (const cJSON *r = rows->child; r; r = r->next, i++) {
        size_t s2 = jf_path_push_index(jf, i);
        if (!cJSON_IsString(r)) {
            jf_report(jf, r, DIAG_ERROR, "a row must be a text of '#' and '.', found %s",
                      jf_type_name(r));
        } else if (strlen(r->valuestring) != (size_t)size) {
            jf_report(jf, r, DIAG_ERROR, "row %zu must have %d cells ('size' is %d), found %zu",
                      i + 1, size, size, strlen(r->valuestring));
        } else {
            size_t bad = strspn(r->valuestring, "#.");
            if (r->valuestring[bad])
                jf_report(jf, r, DIAG_ERROR,
                          "row %zu may use only '#' (ink) and '.' (blank); found '%c' at cell %zu",
                          i + 1, r->valuestring[bad], bad + 1);
        }
        jf_path_pop(jf, s2);
    }
    jf_path_pop(jf, saved);
}

static void check_teach(JsonFile *jf, const cJSON *params) {
    static const char *const known[] = {"size", "k", "labels", "examples", NULL};
    static const char *const label_known[] = {"id", "text", NULL};
    static const char *const example_known[] = {"label", "rows", NULL};
    jf_check_fields(jf, params, known);
    int size = jf_int(jf, params, "size", false, 8, 32, 16);
    jf_int(jf, params, "k", false, 1, 15, 3);
    size_t n;
    const char *ids[3] = {"sun", "moon", NULL};
    const cJSON *nodes[3] = {NULL, NULL, NULL};
    size_t id_count = 2;
    const cJSON *labels = jf_array(jf, params, "labels", false, 2, 3, &n);
    if (labels && n >= 2 && n <= 3) {
        size_t saved = jf_path_push_key(jf, "labels");
        size_t i = 0;
        for (const cJSON *l = labels->child; l; l = l->next, i++) {
            size_t s2 = jf_path_push_index(jf, i);
            ids[i] = NULL;
            nodes[i] = l;
            if (jf_expect_object(jf, l, "a label")) {
                jf_check_fields(jf, l, label_known);
                ids[i] = jf_id(jf, l, "id", true);
                LocalizedText text;
                jf_localized(jf, l, "text", true, &text);
            }
            jf_path_pop(jf, s2);
        }
        id_count = n;
        jf_check_unique(jf, ids, nodes, n, "label", NULL);
        jf_path_pop(jf, saved);
    }
    const cJSON *examples = jf_array(jf, params, "examples", false, 0, 64, &n);
    if (!examples) return;
    size_t saved = jf_path_push_key(jf, "examples");
    size_t i = 0;
    for (const cJSON *e = examples->child; e; e = e->next, i++) {
        size_t s2 = jf_path_push_index(jf, i);
        if (jf_expect_object(jf, e, "an example")) {
            jf_check_fields(jf, e, example_known);
            const char *label = jf_string(jf, e, "label", true);
            bool found = false;
            for (size_t k = 0; label && k < id_count; k++)
                found = found || (ids[k] && strcmp(ids[k], label) == 0);
            if (label && !found) {
                size_t s3 = jf_path_push_key(jf, "label");
                jf_report(jf, cJSON_GetObjectItemCaseSensitive(e, "label"), DIAG_ERROR,
                          "'label' must be the id of one of the page's 'labels'; \"%s\" is not",
                          label);
                jf_path_pop(jf, s3);
            }
            drawing_rows(jf, e, size);
        }
        jf_path_pop(jf, s2);
    }
    jf_path_pop(jf, saved);
}

/* ---- pixels ---- */

static void check_pixels(JsonFile *jf, const cJSON *params) {
    static const char *const known[] = {"width",           "height",           "values",
                                        "brightness_step", "brightness_range", NULL};
    jf_check_fields(jf, params, known);
    int w = jf_int(jf, params, "width", false, 1, 16, 8);
    int h = jf_int(jf, params, "height", false, 1, 16, 8);
    jf_int(jf, params, "brightness_step", false, 1, 128, 16);
    jf_int(jf, params, "brightness_range", false, 1, 255, 128);
    size_t n;
    const cJSON *values = jf_array(jf, params, "values", false, 0, 16, &n);
    if (!values) return;
    size_t saved = jf_path_push_key(jf, "values");
    if (n != (size_t)h) {
        jf_report(jf, values, DIAG_ERROR,
                  "'values' must have %d rows of numbers ('height' is %d), found %zu", h, h, n);
        jf_path_pop(jf, saved);
        return;
    }
    size_t y = 0;
    for (const cJSON *row = values->child; row; row = row->next, y++) {
        size_t s2 = jf_path_push_index(jf, y);
        if (!cJSON_IsArray(row)) {
            jf_report(jf, row, DIAG_ERROR, "row %zu must be a list of numbers, found %s", y + 1,
                      jf_type_name(row));
        } else if (cJSON_GetArraySize(row) != w) {
            jf_report(jf, row, DIAG_ERROR, "row %zu must have %d numbers ('width' is %d), found %d",
                      y + 1, w, w, cJSON_GetArraySize(row));
        } else {
            static const char *const pixel[] = {"a pixel"};
            numbers_in(jf, row, pixel, 1, 0, 255, true);
        }
        jf_path_pop(jf, s2);
    }
    jf_path_pop(jf, saved);
}

/* ---- fair-data ---- */

static void localized_item(JsonFile *jf, const cJSON *item) {
    LocalizedText text;
    jf_localized_node(jf, item, &text);
}

/* key: a list of exactly two localized texts. */
static void two_texts(JsonFile *jf, const cJSON *obj, const char *key) {
    size_t n;
    const cJSON *a = jf_array(jf, obj, key, false, 2, 2, &n);
    if (a && n == 2) each_item(jf, a, key, localized_item);
}

/* key of cloud: [x, y], each in 0..hi. */
static void pair(JsonFile *jf, const cJSON *cloud, const char *key, double hi) {
    size_t n;
    const cJSON *a = jf_array(jf, cloud, key, true, 2, 2, &n);
    if (!a || n != 2) return;
    static const char *const names[] = {"the first feature's value", "the second feature's value"};
    size_t saved = jf_path_push_key(jf, key);
    numbers_in(jf, a, names, 2, 0, hi, false);
    jf_path_pop(jf, saved);
}

static void cloud(JsonFile *jf, const cJSON *c) {
    static const char *const known[] = {"mean", "spread", NULL};
    if (!jf_expect_object(jf, c, "a cloud of examples")) return;
    jf_check_fields(jf, c, known);
    pair(jf, c, "mean", 100);
    pair(jf, c, "spread", 50);
}

static void group(JsonFile *jf, const cJSON *g) {
    static const char *const known[] = {"text", "clouds", NULL};
    if (!jf_expect_object(jf, g, "a group")) return;
    jf_check_fields(jf, g, known);
    LocalizedText text;
    jf_localized(jf, g, "text", true, &text);
    size_t n;
    const cJSON *clouds = jf_array(jf, g, "clouds", true, 2, 2, &n);
    if (clouds && n == 2) each_item(jf, clouds, "clouds", cloud);
}

static void check_fair(JsonFile *jf, const cJSON *params) {
    static const char *const known[] = {"features",   "labels", "groups", "train_count",
                                        "test_count", "k",      "share",  "share_step",
                                        "seed",       NULL};
    jf_check_fields(jf, params, known);
    two_texts(jf, params, "features");
    two_texts(jf, params, "labels");
    size_t n;
    const cJSON *groups = jf_array(jf, params, "groups", false, 2, 2, &n);
    if (groups && n == 2) each_item(jf, groups, "groups", group);
    jf_int(jf, params, "train_count", false, 4, 200, 40);
    jf_int(jf, params, "test_count", false, 2, 200, 40);
    jf_int(jf, params, "k", false, 1, 15, 5);
    jf_int(jf, params, "share", false, 0, 100, 90);
    jf_int(jf, params, "share_step", false, 1, 50, 10);
    whole(jf, params, "seed", 0, 4294967295.0);
}

/* ---- grouping ---- */

static void point(JsonFile *jf, const cJSON *pt) {
    static const char *const names[] = {"a point's x", "a point's y"};
    if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2)
        jf_report(jf, pt, DIAG_ERROR, "a point must be [x, y], two numbers from 0 to 100, found %s",
                  cJSON_IsArray(pt) ? "a list of another length" : jf_type_name(pt));
    else
        numbers_in(jf, pt, names, 2, 0, 100, false);
}

static void check_grouping(JsonFile *jf, const cJSON *params) {
    static const char *const known[] = {"item", "features", "points", "k", "seed", NULL};
    jf_check_fields(jf, params, known);
    if (jf_member(jf, params, "item", false)) {
        LocalizedText text;
        jf_localized(jf, params, "item", false, &text);
    }
    two_texts(jf, params, "features");
    size_t n;
    const cJSON *points = jf_array(jf, params, "points", false, 4, 256, &n);
    if (points) each_item(jf, points, "points", point);
    jf_int(jf, params, "k", false, 2, 4, 3);
    whole(jf, params, "seed", 0, 4294967295.0);
}

/* ---- reward ---- */

/* The field: 3..8 rows of 3..8 cells, all as long, of S G T # . with one S, a G. */
static void reward_field(JsonFile *jf, const cJSON *params) {
    size_t n;
    const cJSON *rows = jf_array(jf, params, "field", false, 3, 8, &n);
    if (!rows || n < 3 || n > 8) return;
    size_t saved = jf_path_push_key(jf, "field");
    size_t i = 0, width = 0, starts = 0, grass = 0;
    bool rows_ok = true;
    for (const cJSON *r = rows->child; r; r = r->next, i++) {
        size_t s2 = jf_path_push_index(jf, i);
        size_t len = cJSON_IsString(r) ? strlen(r->valuestring) : 0;
        size_t good = cJSON_IsString(r) ? strspn(r->valuestring, "SGT#.") : 0;
        if (!cJSON_IsString(r)) {
            jf_report(jf, r, DIAG_ERROR, "a row of the field must be a text, found %s",
                      jf_type_name(r));
            rows_ok = false;
        } else if (len < 3 || len > 8) {
            jf_report(jf, r, DIAG_ERROR, "row %zu must have 3 to 8 cells, found %zu", i + 1, len);
            rows_ok = false;
        } else if (i > 0 && len != width) {
            jf_report(jf, r, DIAG_ERROR,
                      "row %zu must have %zu cells, as the first row has, found %zu", i + 1, width,
                      len);
            rows_ok = false;
        } else if (good < len) {
            jf_report(jf, r, DIAG_ERROR,
                      "row %zu may use only S (start), G (grass), T (thorns), # (wall) and . "
                      "(open); found '%c' at cell %zu",
                      i + 1, r->valuestring[good], good + 1);
            rows_ok = false;
        }
        if (i == 0) width = len;
        for (size_t k = 0; k < good; k++) {
            starts += r->valuestring[k] == 'S';
            grass += r->valuestring[k] == 'G';
        }
        jf_path_pop(jf, s2);
    }
    if (rows_ok && starts != 1)
        jf_report(jf, rows, DIAG_ERROR,
                  "the field must have exactly one S (where the goat starts), found %zu", starts);
    if (rows_ok && grass == 0)
        jf_report(jf, rows, DIAG_ERROR, "the field must have at least one G (grass)");
    jf_path_pop(jf, saved);
}

static void check_reward(JsonFile *jf, const cJSON *params) {
    static const char *const known[] = {"field",    "grass",   "thorns",    "step",
                                        "learning_rate", "discount", "explore", "max_steps",
                                        "tries",    "seed",    NULL};
    jf_check_fields(jf, params, known);
    reward_field(jf, params);
    jf_number(jf, params, "grass", false, -1000, 1000, 10);
    jf_number(jf, params, "thorns", false, -1000, 1000, -10);
    jf_number(jf, params, "step", false, -1000, 1000, -1);
    jf_number(jf, params, "learning_rate", false, 0, 1, 0.5);
    jf_number(jf, params, "discount", false, 0, 1, 0.9);
    jf_number(jf, params, "explore", false, 0, 1, 0.1);
    jf_int(jf, params, "max_steps", false, 1, 1000, 100);
    size_t n;
    const cJSON *tries = jf_array(jf, params, "tries", false, 1, 3, &n);
    if (tries) {
        static const char *const names[] = {"a number of tries"};
        size_t saved = jf_path_push_key(jf, "tries");
        numbers_in(jf, tries, names, 1, 1, 1000, true);
        jf_path_pop(jf, saved);
    }
    whole(jf, params, "seed", 0, 4294967295.0);
}

void demo_params_check(JsonFile *jf, const char *demo, const cJSON *params) {
    assert(jf && demo && params);
    if (strcmp(demo, "teach-the-machine") == 0)
        check_teach(jf, params);
    else if (strcmp(demo, "pixels") == 0)
        check_pixels(jf, params);
    else if (strcmp(demo, "fair-data") == 0)
        check_fair(jf, params);
    else if (strcmp(demo, "grouping") == 0)
        check_grouping(jf, params);
    else if (strcmp(demo, "reward") == 0)
        check_reward(jf, params);
}
