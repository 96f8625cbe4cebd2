/*
 * Paths inside a pack. A pack comes from a teacher's USB stick and may be hostile:
 * no path written in it may lead outside the pack folder, whether by "..", by an
 * absolute path or by a symbolic link. Every path is checked as written, then
 * resolved with realpath() and compared with the pack's own resolved folder. Each
 * picture and sound is then judged by its header (base's media probe), so that a
 * pack whose files would exhaust memory or crash a decoder is refused here, where
 * its author or the teacher importing it reads why.
 */
#include "course/course_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* True when real (a resolved path) is the pack folder or inside it. */
static bool inside_pack(const PackLoad *pack, const char *real) {
    size_t root_len = strlen(pack->real_root);
    if (strncmp(real, pack->real_root, root_len) != 0) return false;
    return real[root_len] == '/' || real[root_len] == '\0' ||
           (root_len == 1 && pack->real_root[0] == '/');
}

static bool resolve_fully(PackLoad *pack, const char *rel, char *out, size_t out_size, char *why,
                          size_t why_size) {
    char joined[PATH_MAX];
    if (ail_path_join(joined, sizeof joined, pack->real_root, rel) != AIL_OK) {
        snprintf(why, why_size, "the path is too long");
        return false;
    }
    char *real = realpath(joined, NULL);
    if (!real) {
        if (errno == ENOENT || errno == ENOTDIR)
            snprintf(why, why_size, "the file \"%s\" does not exist in the pack", rel);
        else
            snprintf(why, why_size, "the file \"%s\" cannot be opened: %s", rel, strerror(errno));
        return false;
    }
    bool inside = inside_pack(pack, real);
    if (!inside)
        snprintf(why, why_size,
                 "\"%s\" is a link that leads outside the pack; copy the file "
                 "into the pack instead",
                 rel);
    else
        snprintf(out, out_size, "%s", real);
    free(real);
    return inside;
}

/* Resolves the folder part of rel, remembering the last one: lessons and media
 * mostly share a folder, and realpath() costs a system call per path part. */
static const char *resolve_folder(PackLoad *pack, const char *rel, size_t len, char *why,
                                  size_t why_size) {
    if (pack->cached_dir_rel && strlen(pack->cached_dir_rel) == len &&
        memcmp(pack->cached_dir_rel, rel, len) == 0)
        return pack->cached_dir_real;
    char folder[PATH_MAX], real[PATH_MAX];
    snprintf(folder, sizeof folder, "%.*s", (int)len, rel);
    if (!resolve_fully(pack, folder, real, sizeof real, why, why_size)) {
        if (errno == ENOENT || errno == ENOTDIR)
            snprintf(why, why_size, "the file \"%s\" does not exist in the pack", rel);
        return NULL;
    }
    free(pack->cached_dir_rel);
    free(pack->cached_dir_real);
    pack->cached_dir_rel = ail_xstrdup(folder);
    pack->cached_dir_real = ail_xstrdup(real);
    return pack->cached_dir_real;
}

bool pack_resolve(PackLoad *pack, const char *rel, char *out, size_t out_size, char *why,
                  size_t why_size) {
    const char *slash = strrchr(rel, '/');
    const char *folder =
        slash ? resolve_folder(pack, rel, (size_t)(slash - rel), why, why_size) : pack->real_root;
    if (!folder) return false;
    char path[PATH_MAX];
    if (ail_path_join(path, sizeof path, folder, slash ? slash + 1 : rel) != AIL_OK) {
        snprintf(why, why_size, "the path is too long");
        return false;
    }
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            snprintf(why, why_size, "the file \"%s\" does not exist in the pack", rel);
        else
            snprintf(why, why_size, "cannot look at the file \"%s\": %s", rel, strerror(errno));
        return false;
    }
    if (S_ISLNK(st.st_mode)) { /* a link: follow it all the way and check where it lands */
        if (!resolve_fully(pack, rel, path, sizeof path, why, why_size)) return false;
        if (stat(path, &st) != 0) st.st_mode = 0;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "\"%s\" is not a regular file", rel);
        return false;
    }
    snprintf(out, out_size, "%s", path);
    return true;
}

static const char *const IMAGE_TYPES[] = {"png", "jpg", "jpeg", "bmp", NULL};
static const char *const AUDIO_TYPES[] = {"wav", NULL};
static const char *const LESSON_TYPES[] = {"json", NULL};

static void note_media_use(PackLoad *pack, const char *rel) {
    if (pack->media_count == pack->media_cap) {
        pack->media_cap = pack->media_cap ? pack->media_cap * 2 : 16;
        pack->media_refs = ail_xrealloc(pack->media_refs, pack->media_cap * sizeof(char *));
    }
    pack->media_refs[pack->media_count++] = ail_xstrdup(rel);
}

/* Reads the header of the picture or sound at real (rel as written) the way the app
 * will before decoding it; reports why it would be refused at node. */
static bool media_file_usable(JsonFile *jf, const cJSON *node, const char *rel, const char *real,
                              MediaKind kind) {
    AilMediaInfo info;
    AilError err;
    ail_error_clear(&err);
    AilResult rc = kind == MEDIA_IMAGE ? ail_media_probe_image(real, &info, &err)
                                       : ail_media_probe_wav(real, &info, &err);
    if (rc == AIL_OK) return true;
    jf_report(jf, node, DIAG_ERROR, "\"%s\": %s", rel, err.message);
    return false;
}

const char *jf_media_path(JsonFile *jf, const cJSON *node, MediaKind kind) {
    if (!cJSON_IsString(node)) {
        jf_report(jf, node, DIAG_ERROR, "a file path must be a string, found %s",
                  jf_type_name(node));
        return NULL;
    }
    const char *rel = node->valuestring;
    const char *unsafe = ail_path_unsafe_reason(rel);
    if (unsafe) {
        jf_report(jf, node, DIAG_ERROR, "\"%s\": %s", rel, unsafe);
        return NULL;
    }
    const char *const *types = kind == MEDIA_IMAGE   ? IMAGE_TYPES
                               : kind == MEDIA_AUDIO ? AUDIO_TYPES
                                                     : LESSON_TYPES;
    char ext[16];
    ail_path_extension(rel, ext);
    bool known = false;
    for (size_t i = 0; types[i] && !known; i++) known = strcmp(types[i], ext) == 0;
    if (!known) {
        jf_report(jf, node, DIAG_ERROR, "\"%s\": %s", rel,
                  kind == MEDIA_IMAGE   ? "an image must be a .png, .jpg, .jpeg or .bmp file"
                  : kind == MEDIA_AUDIO ? "audio must be a .wav file"
                                        : "a lesson must be a .json file");
        return NULL;
    }
    char real[PATH_MAX], why[PATH_MAX + 128];
    if (kind != MEDIA_LESSON) note_media_use(jf->pack, rel);
    if (!pack_resolve(jf->pack, rel, real, sizeof real, why, sizeof why)) {
        jf_report(jf, node, DIAG_ERROR, "%s", why);
        return NULL;
    }
    if (kind != MEDIA_LESSON && !jf->pack->opts.media_checked_on_use &&
        !media_file_usable(jf, node, rel, real, kind))
        return NULL;
    return ail_arena_strdup(&jf->pack->course->arena, rel);
}

void jf_image(JsonFile *jf, const cJSON *obj, CourseImage *out) {
    out->src = NULL;
    out->alt.count = 0;
    const cJSON *img = jf_member(jf, obj, "image", false);
    if (!img) return;
    size_t saved = jf_path_push_key(jf, "image");
    if (jf_expect_object(jf, img, "'image'")) {
        static const char *const known[] = {"src", "alt", NULL};
        jf_check_fields(jf, img, known);
        const cJSON *src = jf_member(jf, img, "src", true);
        if (src) {
            size_t s2 = jf_path_push_key(jf, "src");
            out->src = jf_media_path(jf, src, MEDIA_IMAGE);
            jf_path_pop(jf, s2);
        }
        jf_localized(jf, img, "alt", true, &out->alt);
    }
    jf_path_pop(jf, saved);
}

void jf_audio(JsonFile *jf, const cJSON *obj, LocalizedText *out) {
    out->count = 0;
    out->entries = NULL;
    const cJSON *audio = jf_member(jf, obj, "audio", false);
    if (!audio) return;
    size_t saved = jf_path_push_key(jf, "audio");
    if (jf_expect_object(jf, audio, "'audio' (a language → .wav path map)")) {
        jf_check_fields(jf, audio, NULL);
        Course *c = jf->pack->course;
        out->entries = ail_arena_alloc(
            &c->arena, (size_t)cJSON_GetArraySize(audio) * sizeof *out->entries + 1);
        for (const cJSON *m = audio->child; m; m = m->next) {
            size_t s2 = jf_path_push_key(jf, m->string);
            if (!course_language_tag_valid(m->string))
                jf_report_key(
                    jf, m, DIAG_ERROR,
                    "'%s' is not a language tag; use one like \"en\", \"fr\" or \"zh-Hans\"",
                    m->string);
            const char *path = jf_media_path(jf, m, MEDIA_AUDIO);
            if (path) {
                out->entries[out->count].lang = ail_arena_strdup(&c->arena, m->string);
                out->entries[out->count].text = path;
                out->count++;
            }
            jf_path_pop(jf, s2);
        }
    }
    jf_path_pop(jf, saved);
}

/* ---- Unused media ---- */

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool media_used(const PackLoad *pack, const char *rel) {
    return pack->media_count &&
           bsearch(&rel, pack->media_refs, pack->media_count, sizeof(char *), compare_strings);
}

/* Walks folder rel (inside the pack) without following links, warning about each
 * regular file that no JSON file refers to, in name order so that reports are the
 * same on every machine. depth bounds hostile folder trees. */
static void walk_media(PackLoad *pack, const char *rel, int depth) {
    if (depth > 16) return;
    char full[PATH_MAX];
    if (ail_path_join(full, sizeof full, pack->course->dir, rel) != AIL_OK) return;
    DIR *d = opendir(full);
    if (!d) {
        if (errno != ENOENT) /* a pack without a media folder is fine */
            pack_report_file(pack, DIAG_WARNING, full, 0, 0,
                             "cannot read this folder to look for unused files: %s",
                             strerror(errno));
        return;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    for (;;) {
        errno = 0;
        if ((e = readdir(d)) == NULL) break;
        if (e->d_name[0] == '.') continue; /* ., .. and hidden files like .DS_Store */
        names = ail_xrealloc(names, (count + 1) * sizeof *names);
        names[count++] = ail_xstrdup(e->d_name);
    }
    if (errno) /* readdir's NULL was a failure, not the end */
        pack_report_file(pack, DIAG_WARNING, full, 0, 0,
                         "cannot read this folder to its end to look for unused files: %s",
                         strerror(errno));
    closedir(d);
    if (count) qsort(names, count, sizeof *names, compare_strings);
    for (size_t i = 0; i < count; i++) {
        char child_rel[PATH_MAX], child_full[PATH_MAX];
        struct stat st;
        if (ail_path_join(child_rel, sizeof child_rel, rel, names[i]) == AIL_OK &&
            ail_path_join(child_full, sizeof child_full, full, names[i]) == AIL_OK) {
            if (lstat(child_full, &st) != 0)
                pack_report_file(pack, DIAG_WARNING, child_full, 0, 0,
                                 "cannot look at this file: %s", strerror(errno));
            else if (S_ISDIR(st.st_mode))
                walk_media(pack, child_rel, depth + 1);
            else if (S_ISREG(st.st_mode) && !media_used(pack, child_rel))
                pack_report_file(pack, DIAG_WARNING, child_full, 0, 0,
                                 "no lesson uses this file; remove it to keep the pack small");
        }
        free(names[i]);
    }
    free(names);
}

void pack_check_unused_media(PackLoad *pack) {
    if (pack->media_count)
        qsort(pack->media_refs, pack->media_count, sizeof(char *), compare_strings);
    walk_media(pack, "media", 0);
}
