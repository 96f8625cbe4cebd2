/*
 * Loading a pack: pack.json first (its languages are needed to check every text),
 * then each lesson in course order, then the media folder. Reading never stops at
 * the first problem; the pack is usable only when no error was found.
 *
 * Before cJSON sees a file, the loader checks its size and byte-order mark, and
 * json_scan checks it is strict JSON in valid UTF-8, saying what is wrong in words
 * an author understands (cJSON only says where it stopped).
 */
#include "course/course_internal.h"
#include "course/json_scan.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void jf_close(JsonFile *jf) {
    free(jf->display);
    free((char *)jf->text);
    memset(jf, 0, sizeof *jf);
}

cJSON *pack_open_json(PackLoad *pack, const char *rel, JsonFile *jf) {
    memset(jf, 0, sizeof *jf);
    jf->pack = pack;
    jf->rel = rel;
    char display[PATH_MAX];
    ail_path_join(display, sizeof display, pack->course->dir, rel);
    jf->display = ail_xstrdup(display);

    char real[PATH_MAX], why[PATH_MAX + 128];
    if (!pack_resolve(pack, rel, real, sizeof real, why, sizeof why)) {
        pack_report_file(pack, DIAG_ERROR, jf->display, 0, 0, "%s", why);
        return NULL;
    }
    AilError err;
    char *data;
    size_t len;
    AilResult rc = ail_file_read(real, COURSE_MAX_JSON_BYTES, &data, &len, &err);
    if (rc != AIL_OK) {
        pack_report_file(pack, DIAG_ERROR, jf->display, 0, 0, "%s", err.message);
        if (rc == AIL_ERR_TOO_LARGE) pack->first_error = AIL_ERR_TOO_LARGE;
        return NULL;
    }
    jf->text = data;
    jf->len = len;
    const char *text = data;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        pack_report_file(pack, DIAG_WARNING, jf->display, 1, 1,
                         "the file starts with a byte-order mark; ailit ignores it, but save the "
                         "file as UTF-8 without BOM for other tools");
        /* Blank it out so that offsets stay those of the file as saved. */
        memcpy(data, "   ", 3);
    }
    JsonSyntaxError se;
    if (!json_scan(text, len, COURSE_MAX_DEPTH, NULL, NULL, &se)) {
        int line, col;
        ail_text_position(text, len, se.offset, &line, &col);
        pack_report_file(pack, DIAG_ERROR, jf->display, line, col, "%s", se.message);
        pack->first_error = AIL_ERR_PARSE;
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) /* well-formed for the scanner, so only memory can have run out */
        pack_report_file(pack, DIAG_ERROR, jf->display, 0, 0,
                         "cannot read the file: out of memory or too deeply nested");
    return root;
}

/* Marks the pack as having a file whose contents are unknown. */
static cJSON *note_unreadable(PackLoad *pack, cJSON *root) {
    if (!root) pack->unreadable_file = true;
    return root;
}

/* ---- pack.json ---- */

static void read_languages(JsonFile *jf, const cJSON *root) {
    Course *c = jf->pack->course;
    size_t n;
    const cJSON *arr = jf_array(jf, root, "languages", true, 1, 32, &n);
    if (!arr) return;
    c->languages = ail_arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->languages);
    size_t i = 0, saved = jf_path_push_key(jf, "languages");
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        size_t s = jf_path_push_index(jf, i);
        if (!cJSON_IsString(e) || !course_language_tag_valid(e->valuestring)) {
            jf_report(jf, e, DIAG_ERROR,
                      "a language must be a tag like \"en\", \"fr\" or \"zh-Hans\", found %s",
                      cJSON_IsString(e) ? e->valuestring : jf_type_name(e));
        } else {
            /* Language tags ignore case (BCP 47): "en" and "EN" are one language. */
            size_t j = 0;
            while (j < c->language_count && strcasecmp(c->languages[j], e->valuestring) != 0) j++;
            if (j < c->language_count) {
                jf_report(jf, e, DIAG_ERROR, "the language \"%s\" is listed twice (also item %zu)",
                          e->valuestring, j);
            } else {
                c->languages[c->language_count++] = ail_arena_strdup(&c->arena, e->valuestring);
            }
        }
        jf_path_pop(jf, s);
    }
    jf_path_pop(jf, saved);
}

static const char *read_source(JsonFile *jf, const cJSON *o, CourseSource *out) {
    static const char *const known[] = {"title", "url", "note", NULL};
    jf_check_fields(jf, o, known);
    jf_localized(jf, o, "title", true, &out->title);
    out->url = jf_string(jf, o, "url", false);
    jf_localized(jf, o, "note", false, &out->note);
    return NULL;
}

/* A dot-separated list of non-empty [0-9A-Za-z-] identifiers, ending at end;
 * numeric ones without leading zeros when numeric_rule is set (pre-releases). */
static bool semver_identifiers(const char *p, const char *end, bool numeric_rule) {
    while (p < end) {
        const char *dot = memchr(p, '.', (size_t)(end - p));
        const char *stop = dot ? dot : end;
        if (stop == p) return false;
        bool numeric = true;
        for (const char *q = p; q < stop; q++) {
            bool digit = *q >= '0' && *q <= '9';
            if (!digit && !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '-'))
                return false;
            numeric = numeric && digit;
        }
        if (numeric_rule && numeric && *p == '0' && stop - p > 1) return false;
        if (!dot) return true;
        p = dot + 1;
        if (p == end) return false; /* a trailing dot */
    }
    return false;
}

/* Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH[-pre.release][+build.meta]. */
static bool semver_valid(const char *v) {
    const char *p = v;
    for (int part = 0; part < 3; part++) {
        if (*p < '0' || *p > '9') return false;
        if (*p == '0' && p[1] >= '0' && p[1] <= '9') return false;
        while (*p >= '0' && *p <= '9') p++;
        if (part < 2 && *p++ != '.') return false;
    }
    const char *plus = strchr(p, '+');
    const char *end = p + strlen(p);
    if (*p == '-') {
        if (!semver_identifiers(p + 1, plus ? plus : end, true)) return false;
    } else if (*p != '+' && *p != '\0') {
        return false;
    }
    return !plus || semver_identifiers(plus + 1, end, false);
}

/* Reads pack.json into the course; returns the lesson paths' array node. */
static const cJSON *read_pack_json(JsonFile *jf, const cJSON *root) {
    static const char *const known[] = {
        "format",  "id",      "version", "languages", "title",   "description", "audience",
        "license", "authors", "lessons", "pass",      "sources", "$schema",     NULL};
    Course *c = jf->pack->course;
    if (!jf_expect_object(jf, root, "pack.json")) return NULL;
    /* The format comes first: a newer pack is refused before its other fields are
     * judged by rules it does not follow. */
    const cJSON *format = jf_member(jf, root, "format", true);
    if (format) {
        size_t s = jf_path_push_key(jf, "format");
        if (!cJSON_IsNumber(format) || format->valuedouble != (double)(int)format->valuedouble ||
            format->valuedouble < 1) {
            jf_report(jf, format, DIAG_ERROR, "'format' must be the whole number %d, found %s",
                      COURSE_FORMAT,
                      cJSON_IsNumber(format) ? "another number" : jf_type_name(format));
        } else if (format->valuedouble > COURSE_FORMAT) {
            jf_report(jf, format, DIAG_ERROR,
                      "this pack needs a newer ailit (it is pack format %d; this ailit %s reads "
                      "format %d); update ailit to use it",
                      (int)format->valuedouble, AILIT_VERSION, COURSE_FORMAT);
            jf->pack->first_error = AIL_ERR_UNSUPPORTED;
            jf_path_pop(jf, s);
            return NULL;
        } else {
            c->format = (int)format->valuedouble;
        }
        jf_path_pop(jf, s);
    }
    jf_check_fields(jf, root, known);
    read_languages(jf, root);
    c->id = jf_id(jf, root, "id", true);
    c->version = jf_string(jf, root, "version", true);
    if (c->version && !semver_valid(c->version)) {
        size_t s = jf_path_push_key(jf, "version");
        jf_report(jf, cJSON_GetObjectItemCaseSensitive(root, "version"), DIAG_ERROR,
                  "'version' must be a version like \"1.0.0\", found \"%s\"", c->version);
        jf_path_pop(jf, s);
    }
    jf_localized(jf, root, "title", true, &c->title);
    jf_localized(jf, root, "description", true, &c->description);
    c->audience = jf_string(jf, root, "audience", true);
    if (c->audience && strcmp(c->audience, "learner") != 0 && strcmp(c->audience, "teacher") != 0) {
        size_t s = jf_path_push_key(jf, "audience");
        jf_report(jf, cJSON_GetObjectItemCaseSensitive(root, "audience"), DIAG_ERROR,
                  "'audience' must be \"learner\" or \"teacher\", found \"%s\"", c->audience);
        jf_path_pop(jf, s);
    }
    c->license = jf_string(jf, root, "license", true);
    size_t n;
    const cJSON *authors = jf_array(jf, root, "authors", true, 1, 1000, &n);
    if (authors) {
        c->authors = ail_arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->authors);
        size_t i = 0, s = jf_path_push_key(jf, "authors");
        for (const cJSON *e = authors->child; e; e = e->next, i++) {
            size_t s2 = jf_path_push_index(jf, i);
            if (cJSON_IsString(e) && !jf_blank(e->valuestring))
                c->authors[c->author_count++] = ail_arena_strdup(&c->arena, e->valuestring);
            else
                jf_report(jf, e, DIAG_ERROR, "an author must be a non-empty string, found %s",
                          cJSON_IsString(e) ? "an empty one" : jf_type_name(e));
            jf_path_pop(jf, s2);
        }
        jf_path_pop(jf, s);
    }
    c->pass = jf_number(jf, root, "pass", false, 0.0, 1.0, COURSE_DEFAULT_PASS);
    const cJSON *sources = jf_array(jf, root, "sources", false, 0, 1000, &n);
    if (sources) {
        c->sources = ail_arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->sources);
        size_t i = 0, s = jf_path_push_key(jf, "sources");
        for (const cJSON *e = sources->child; e; e = e->next, i++) {
            size_t s2 = jf_path_push_index(jf, i);
            if (jf_expect_object(jf, e, "a source"))
                read_source(jf, e, &c->sources[c->source_count++]);
            jf_path_pop(jf, s2);
        }
        jf_path_pop(jf, s);
    }
    return jf_array(jf, root, "lessons", true, 1, 1000, &n);
}

/* ---- Lessons ---- */

static void load_lessons(PackLoad *pack, JsonFile *pack_jf, const cJSON *list) {
    Course *c = pack->course;
    size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
    c->lessons = ail_arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->lessons);
    const char **paths = ail_xcalloc(n ? n : 1, sizeof *paths);
    const cJSON **path_nodes = ail_xcalloc(n ? n : 1, sizeof *path_nodes);
    size_t saved = jf_path_push_key(pack_jf, "lessons");
    for (const cJSON *e = list->child; e; e = e->next, i++) {
        size_t s = jf_path_push_index(pack_jf, i);
        paths[i] = jf_media_path(pack_jf, e, MEDIA_LESSON);
        path_nodes[i] = e;
        jf_path_pop(pack_jf, s);
    }
    bool *repeated = ail_xcalloc(n ? n : 1, sizeof *repeated);
    jf_check_unique(pack_jf, paths, path_nodes, n, "lesson file", repeated);
    jf_path_pop(pack_jf, saved);

    StrIndex ids;
    str_index_init(&ids, n);
    for (i = 0; i < n; i++) {
        if (!paths[i] || repeated[i]) continue;
        JsonFile jf;
        cJSON *root = note_unreadable(pack, pack_open_json(pack, paths[i], &jf));
        Lesson *lesson = &c->lessons[c->lesson_count];
        memset(lesson, 0, sizeof *lesson);
        lesson->file = paths[i];
        pack->lesson_index = i;
        if (root) {
            lesson_read(&jf, root, lesson);
            size_t first =
                lesson->id ? str_index_add(&ids, lesson->id, c->lesson_count) : c->lesson_count;
            if (first != c->lesson_count) {
                size_t s = jf_path_push_key(&jf, "id");
                jf_report(&jf, cJSON_GetObjectItemCaseSensitive(root, "id"), DIAG_ERROR,
                          "the lesson id \"%s\" is also used by %s; lesson ids must be unique "
                          "in a pack",
                          lesson->id, c->lessons[first].file);
                jf_path_pop(&jf, s);
            }
            c->lesson_count++;
        }
        jf_flush(&jf, root);
        cJSON_Delete(root);
        jf_close(&jf);
    }
    prepost_check_partners(pack_jf, list);
    str_index_free(&ids);
    free(repeated);
    free(paths);
    free(path_nodes);
}

/* ---- Entry points ---- */

AilResult course_load(const char *dir, const CourseLoadOptions *opts, Course **out,
                      CourseReport *report) {
    *out = NULL;
    Course *c = ail_xcalloc(1, sizeof *c);
    ail_arena_init(&c->arena);
    c->dir = ail_arena_strdup(&c->arena, dir);
    c->pass = COURSE_DEFAULT_PASS;
    PackLoad pack = {0};
    pack.course = c;
    pack.report = report;
    if (opts) pack.opts = *opts;

    pack.real_root = realpath(dir, NULL);
    if (!pack.real_root) {
        char display[PATH_MAX];
        snprintf(display, sizeof display, "%s", dir);
        pack_report_file(&pack, DIAG_ERROR, display, 0, 0, "cannot open this pack folder: %s",
                         strerror(errno));
        pack.first_error = AIL_ERR_NOT_FOUND;
        goto done;
    }
    struct stat st;
    if (stat(pack.real_root, &st) == 0 && !S_ISDIR(st.st_mode)) {
        pack_report_file(&pack, DIAG_ERROR, dir, 0, 0,
                         "this is a file; name the pack's folder (the one holding pack.json)");
        pack.first_error = AIL_ERR_USAGE;
        goto done;
    }
    JsonFile jf;
    cJSON *root = note_unreadable(&pack, pack_open_json(&pack, "pack.json", &jf));
    const cJSON *lessons = root ? read_pack_json(&jf, root) : NULL;
    if (lessons) load_lessons(&pack, &jf, lessons);
    jf_flush(&jf, root);
    cJSON_Delete(root);
    jf_close(&jf);
    /* Which media are used is known only when every file could be read. */
    if (pack.opts.check_unused_media && !pack.unreadable_file &&
        pack.first_error != AIL_ERR_UNSUPPORTED)
        pack_check_unused_media(&pack);

done:
    for (size_t i = 0; i < pack.media_count; i++) free(pack.media_refs[i]);
    free(pack.media_refs);
    free(pack.real_root);
    free(pack.cached_dir_rel);
    free(pack.cached_dir_real);
    if (pack.first_error != AIL_OK) {
        course_free(c);
        return pack.first_error;
    }
    *out = c;
    return AIL_OK;
}

void course_free(Course *course) {
    if (!course) return;
    ail_arena_free(&course->arena);
    free(course);
}

const char *course_text(const Course *course, const LocalizedText *text, const char *lang) {
    if (!text || text->count == 0) return "";
    const char *fallback = course && course->language_count ? course->languages[0] : NULL;
    for (int pass = 0; pass < 2; pass++) {
        const char *want = pass == 0 ? lang : fallback;
        if (!want) continue;
        for (size_t i = 0; i < text->count; i++)
            if (strcmp(text->entries[i].lang, want) == 0) return text->entries[i].text;
    }
    return text->entries[0].text;
}

double course_quiz_pass(const Course *course, const Page *quiz) {
    return quiz->pass >= 0 ? quiz->pass : course->pass;
}
