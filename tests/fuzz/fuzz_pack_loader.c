/*
 * libFuzzer target for the pack loader. An input is a lesson file, or a pack.json
 * and a lesson file separated by a line "@@lesson@@". Each run writes them into a
 * scratch pack folder and loads it with every check on; the sanitizers catch what
 * the loader must never do with a hostile pack (crash, leak, read out of bounds).
 *
 *   build/tests/fuzz/fuzz_pack_loader -max_total_time=600 CORPUS tests/fuzz/corpus
 */
#define _GNU_SOURCE /* memmem */
#include "course/course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[256];

static const char DEFAULT_PACK[] =
    "{\"format\":1,\"id\":\"fuzz\",\"version\":\"1.0.0\",\"languages\":[\"en\",\"fr\"],"
    "\"title\":\"F\",\"description\":\"F\",\"audience\":\"learner\",\"license\":\"CC0\","
    "\"authors\":[\"f\"],\"lessons\":[\"lessons/l.json\"]}";

static void write_file(const char *rel, const uint8_t *data, size_t len) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", g_dir, rel);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (len && fwrite(data, 1, len, f) != len) abort();
    fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(g_dir, sizeof g_dir, "%s/ailit-fuzz-XXXXXX", base);
    if (!mkdtemp(g_dir)) abort();
    char sub[300];
    snprintf(sub, sizeof sub, "%s/lessons", g_dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s/media", g_dir);
    mkdir(sub, 0755);
    write_file("media/a.png", (const uint8_t *)"png", 3);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char SEP[] = "\n@@lesson@@\n";
    const uint8_t *sep = memmem(data, size, SEP, sizeof SEP - 1);
    if (sep) {
        write_file("pack.json", data, (size_t)(sep - data));
        size_t skip = (size_t)(sep - data) + sizeof SEP - 1;
        write_file("lessons/l.json", data + skip, size - skip);
    } else {
        write_file("pack.json", (const uint8_t *)DEFAULT_PACK, sizeof DEFAULT_PACK - 1);
        write_file("lessons/l.json", data, size);
    }
    CourseReport report;
    course_report_init(&report);
    Course *course = NULL;
    CourseLoadOptions opts = {.check_unused_media = true};
    course_load(g_dir, &opts, &course, &report);
    AilBuf line;
    ail_buf_init(&line);
    for (size_t i = 0; i < report.count; i++) course_diagnostic_format(&report.items[i], &line);
    ail_buf_free(&line);
    course_report_free(&report);
    course_free(course);
    return 0;
}
