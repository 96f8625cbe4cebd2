/*
 * Private to course/: the state of one pack being loaded and of one JSON file
 * being read, shared by the loader's files.
 *
 * Diagnostics are first kept "pending" with the cJSON node they are about; when a
 * file is done, one scan of its text turns nodes into line:column (json_scan.h),
 * so clean files pay nothing for positions.
 */
#ifndef AILIT_COURSE_INTERNAL_H
#define AILIT_COURSE_INTERNAL_H

#include "course/course.h"

#include <cjson/cJSON.h>

typedef struct {
    Course *course;
    CourseReport *report;
    CourseLoadOptions opts;
    char *real_root;   /* the pack folder with links resolved; malloc'd */
    char **media_refs; /* every media path a file refers to; malloc'd strings */
    size_t media_count, media_cap;
    AilResult first_error;
    bool unreadable_file; /* some JSON file could not be parsed: media use is unknown */
    char *cached_dir_rel, *cached_dir_real; /* the last folder resolved; malloc'd */
    size_t lesson_index; /* the lesson being read: its place in pack.json's "lessons" */
    /* The pre-test and post-test read so far, indexed by QuizRole (0 unused), with
     * their lesson files and those files' places in "lessons" (see prepost.c). */
    const Page *tests[3];
    const char *test_files[3];
    size_t test_lessons[3];
} PackLoad;

typedef struct {
    DiagSeverity severity;
    const cJSON *node; /* NULL: the file as a whole */
    bool at_key;       /* point at the member's key rather than its value */
    char *json_path;
    char *message;
    size_t offset; /* filled in when positions are resolved */
    bool located;
} PendingDiag;

typedef struct {
    PackLoad *pack;
    const char *rel; /* the file relative to the pack */
    char *display;   /* the file as the user would open it */
    const char *text;
    size_t len;
    PendingDiag *pending;
    size_t pending_count, pending_cap;
    size_t dropped; /* problems past the per-file limit, only counted */
    char path[768]; /* JSON path of what is being read now */
    size_t path_len;
} JsonFile;

/* ---- diagnostics.c ---- */
void pack_report_file(PackLoad *pack, DiagSeverity sev, const char *display, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void jf_report(JsonFile *jf, const cJSON *node, DiagSeverity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void jf_report_key(JsonFile *jf, const cJSON *member, DiagSeverity sev, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Resolves positions of the pending diagnostics against root and moves them, in
 * file order, into the pack's report. root may be NULL (the file did not parse). */
void jf_flush(JsonFile *jf, const cJSON *root);

/* ---- fields.c: typed reading of JSON members with diagnostics ---- */
size_t jf_path_push_key(JsonFile *jf, const char *key);
size_t jf_path_push_index(JsonFile *jf, size_t index);
void jf_path_pop(JsonFile *jf, size_t saved);
const char *jf_type_name(const cJSON *node);

/* The member key of obj, reporting it as missing when required. */
const cJSON *jf_member(JsonFile *jf, const cJSON *obj, const char *key, bool required);
/* Warns about members not in known (NULL-terminated) and reports duplicate keys. */
void jf_check_fields(JsonFile *jf, const cJSON *obj, const char *const known[]);
bool jf_expect_object(JsonFile *jf, const cJSON *node, const char *what);
const char *jf_string(JsonFile *jf, const cJSON *obj, const char *key, bool required);
/* A required id matching [a-z0-9-]{1,64}. */
const char *jf_id(JsonFile *jf, const cJSON *obj, const char *key, bool required);
bool jf_bool(JsonFile *jf, const cJSON *obj, const char *key, bool required, bool fallback);
int jf_int(JsonFile *jf, const cJSON *obj, const char *key, bool required, int lo, int hi,
           int fallback);
double jf_number(JsonFile *jf, const cJSON *obj, const char *key, bool required, double lo,
                 double hi, double fallback);
/* The array member key with count in [lo, hi]; NULL when absent or not an array. */
const cJSON *jf_array(JsonFile *jf, const cJSON *obj, const char *key, bool required, size_t lo,
                      size_t hi, size_t *count);
void jf_localized_node(JsonFile *jf, const cJSON *node, LocalizedText *out);
void jf_localized(JsonFile *jf, const cJSON *obj, const char *key, bool required,
                  LocalizedText *out);
/* Reports ids[i] (from nodes[i]) that repeat an earlier one, naming what they are;
 * NULL ids are skipped. repeated (may be NULL) gets true for each repeat. */
void jf_check_unique(JsonFile *jf, const char *const *ids, const cJSON *const *nodes, size_t count,
                     const char *what, bool *repeated);
bool course_id_valid(const char *s);
/* True when s holds nothing but spaces, tabs and line breaks. */
bool jf_blank(const char *s);
bool course_language_tag_valid(const char *s);

/* ---- str_index.c: first index of each string, for uniqueness checks ---- */
typedef struct {
    const char **keys; /* borrowed */
    size_t *values;
    size_t cap;
} StrIndex;
void str_index_init(StrIndex *index, size_t expected);
/* Adds key with value unless present; returns the value stored for key. */
size_t str_index_add(StrIndex *index, const char *key, size_t value);
void str_index_free(StrIndex *index);

/* ---- media.c ---- */
typedef enum { MEDIA_IMAGE, MEDIA_AUDIO, MEDIA_LESSON } MediaKind;
/* Checks that the path written at node is safe, of kind, exists inside the pack;
 * records it as used. Returns the arena copy, or NULL when it is unusable. */
const char *jf_media_path(JsonFile *jf, const cJSON *node, MediaKind kind);
/* Resolves rel inside the pack into out; false (with a message in why) when it
 * leads outside the pack or does not exist. */
bool pack_resolve(PackLoad *pack, const char *rel, char *out, size_t out_size, char *why,
                  size_t why_size);
void jf_image(JsonFile *jf, const cJSON *obj, CourseImage *out);
void jf_audio(JsonFile *jf, const cJSON *obj, LocalizedText *out);
void pack_check_unused_media(PackLoad *pack);

/* ---- lesson.c ---- */
/* Reads one lesson object into out. */
void lesson_read(JsonFile *jf, const cJSON *root, Lesson *out);

/* ---- demo_params.c ---- */
/* Reports what is wrong in the params of a page of demo (any name; demos without
 * checks of their own accept any object), at the field. */
void demo_params_check(JsonFile *jf, const char *demo, const cJSON *params);

/* ---- prepost.c: the pre-test and post-test pair ---- */
/* Records quiz (read from page, a quiz with a role) as the pack's pre- or post-test,
 * reporting a second one, a pre-test after the post-test, and every question of a
 * post-test that differs from the pre-test's. */
void prepost_note_quiz(JsonFile *jf, const cJSON *page, const Page *quiz);
/* Reports, at its entry in pack.json's list (lessons, read by pack_jf), a lesson
 * holding a pre-test without a post-test in the pack, or the other way round. */
void prepost_check_partners(JsonFile *pack_jf, const cJSON *lessons);

/* ---- loader.c ---- */
/* Reads, checks and parses the pack file rel; NULL (with diagnostics) on failure.
 * jf is set up for reading; call jf_flush and jf_close when done. */
cJSON *pack_open_json(PackLoad *pack, const char *rel, JsonFile *jf);
void jf_close(JsonFile *jf);

#endif
