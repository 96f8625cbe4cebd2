/* base/: UTF-8, folding, paths, UUIDs, time stamps, buffers, the arena and
 * bounded file reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void utf8_accepts_well_formed_text(void **state) {
    (void)state;
    const char *s = "école 学校 مدرسة shule \xF0\x9F\x98\x80";
    assert_true(ail_utf8_valid(s, strlen(s), NULL));
}

static void utf8_reports_the_first_bad_byte(void **state) {
    (void)state;
    size_t bad = 99;
    assert_false(ail_utf8_valid("Le\xE7on", 6, &bad));
    assert_int_equal(bad, 2);
    assert_false(ail_utf8_valid("\xC0\xAF", 2, &bad)); /* overlong '/' */
    assert_int_equal(bad, 0);
    assert_false(ail_utf8_valid("ab\xED\xA0\x80", 5, &bad)); /* a surrogate */
    assert_int_equal(bad, 2);
    assert_false(ail_utf8_valid("\xE6\x96", 2, &bad)); /* cut short */
}

static void utf8_next_decodes_and_replaces_bad_bytes(void **state) {
    (void)state;
    const char *s = "a\xC3\xA9\xFF", *p = s, *end = s + 4;
    assert_int_equal(ail_utf8_next(&p, end), 'a');
    assert_int_equal(ail_utf8_next(&p, end), 0xE9);
    assert_int_equal(ail_utf8_next(&p, end), 0xFFFD);
    assert_ptr_equal(p, end);
}

static void assert_folds_to(const char *in, const char *want) {
    AilBuf b;
    ail_buf_init(&b);
    ail_utf8_fold(in, &b);
    assert_string_equal(b.data, want);
    ail_buf_free(&b);
}

static void fold_ignores_case_accents_and_outer_space(void **state) {
    (void)state;
    assert_folds_to("  École  ", "ecole");
    assert_folds_to("ÇA  VA\tBIEN", "ca va bien");
    assert_folds_to("Mkulima", "mkulima");
    assert_folds_to("e\xCC\x81t\xC3\xA9", "ete"); /* combining acute and precomposed */
    assert_folds_to("ĐẠI HỌC", "đai hoc");        /* Vietnamese: stacked marks, đ kept */
}

static void fold_narrows_full_width_and_strips_arabic_marks(void **state) {
    (void)state;
    assert_folds_to("ＡＩ", "ai");
    assert_folds_to("\xD9\x85\xD9\x8E\xD8\xAF\xD9\x92\xD8\xB1\xD9\x8E\xD8\xB3\xD9\x8E\xD8\xA9",
                    "مدرسه");
    assert_folds_to("أحمد", "احمد");
    assert_folds_to("学校", "学校");
    assert_folds_to("مدرسة", "مدرسه"); /* ta marbuta and ha */
    assert_folds_to("١٠", "10");
}

static void fold_trims_punctuation_around_an_answer(void **state) {
    (void)state;
    assert_folds_to("pixel.", "pixel");
    assert_folds_to("  ¿Sí?  ", "si");
    assert_folds_to("是。", "是");
    assert_folds_to("«label»", "label");
    assert_folds_to("e.g. this", "e.g. this"); /* inside punctuation stays */
    assert_folds_to("...", "");
}

static void path_check_refuses_ways_out_of_a_pack(void **state) {
    (void)state;
    assert_null(ail_path_unsafe_reason("media/a.png"));
    assert_null(ail_path_unsafe_reason("lessons/01.json"));
    assert_non_null(ail_path_unsafe_reason(""));
    assert_non_null(ail_path_unsafe_reason("/etc/passwd"));
    assert_non_null(ail_path_unsafe_reason("../x.png"));
    assert_non_null(ail_path_unsafe_reason("media/../../x.png"));
    assert_non_null(ail_path_unsafe_reason("media\\x.png"));
    assert_non_null(ail_path_unsafe_reason("C:/x.png"));
    assert_non_null(ail_path_unsafe_reason("media//x.png"));
    assert_non_null(ail_path_unsafe_reason("./x.png"));
    assert_non_null(ail_path_unsafe_reason("media/"));
}

static void path_join_and_extension(void **state) {
    (void)state;
    char out[16], ext[16];
    assert_int_equal(ail_path_join(out, sizeof out, "a/", "b"), AIL_OK);
    assert_string_equal(out, "a/b");
    assert_int_equal(ail_path_join(out, sizeof out, "a", "b"), AIL_OK);
    assert_string_equal(out, "a/b");
    assert_int_equal(ail_path_join(out, sizeof out, "aaaaaaaaaa", "bbbbbbbbbb"), AIL_ERR_TOO_LARGE);
    assert_string_equal(out, "");
    assert_string_equal(ail_path_extension("media/Photo.JPG", ext), "jpg");
    assert_string_equal(ail_path_extension("media.d/noext", ext), "");
}

static void uuid_is_random_version_4(void **state) {
    (void)state;
    char a[AIL_UUID_LEN + 1], b[AIL_UUID_LEN + 1];
    assert_int_equal(ail_uuid_v4(a), AIL_OK);
    assert_int_equal(ail_uuid_v4(b), AIL_OK);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '4');
    assert_non_null(strchr("89ab", a[19]));
    assert_int_equal(a[8], '-');
    assert_string_not_equal(a, b);
}

static char *escaped(const char *s, size_t len, bool backslash) {
    AilBuf b;
    ail_buf_init(&b);
    ail_buf_escape(&b, s, len, backslash);
    ail_buf_puts(&b, "");
    return b.data;
}

/* A name printed escaped stays on its line and cannot recolour or reorder it. */
static void escaping_keeps_a_name_on_one_harmless_line(void **state) {
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\nb.json:1:1: error: x", "a\\nb.json:1:1: error: x"},
        {"\r\t\x1b[31m\x7f\x01", "\\r\\t\\x1b[31m\\x7f\\x01"},
        {"bad\xff\xc3(", "bad\\xff\\xc3("},
        {"\xe2\x80\xae"
         "evil\xe2\x81\xa6\xc2\x85",
         "\\u{202E}evil\\u{2066}\\u{0085}"},
        {"line\xe2\x80\xa8sep", "line\\u{2028}sep"},
        {"caf\xc3\xa9 \xe4\xba\xba \xd8\xb3 \xef\xbf\xbd",
         "caf\xc3\xa9 \xe4\xba\xba \xd8\xb3 \xef\xbf\xbd"},
        {"C:\\x", "C:\\x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = escaped(cases[i].in, strlen(cases[i].in), false);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
    char *names = escaped("a\\nb", 4, true);
    assert_string_equal(names, "a\\\\nb");
    free(names);
    char *nul = escaped("a\0b", 3, false);
    assert_string_equal(nul, "a\\x00b");
    free(nul);
}

static void timestamps_are_rfc3339_utc_with_milliseconds(void **state) {
    (void)state;
    char ts[AIL_TIMESTAMP_LEN + 1];
    ail_time_format_rfc3339(1727222400123LL, ts); /* 25 September 2024 */
    assert_string_equal(ts, "2024-09-25T00:00:00.123Z");
    assert_true(ail_time_now_ms() > 1727222400000LL);
}

static void buffer_grows_and_formats(void **state) {
    (void)state;
    AilBuf b;
    ail_buf_init(&b);
    for (int i = 0; i < 1000; i++) ail_buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_memory_equal(b.data, "0,1,2,", 6);
    ail_buf_clear(&b);
    assert_string_equal(b.data, "");
    ail_buf_free(&b);
}

static void arena_hands_out_aligned_zeroed_memory(void **state) {
    (void)state;
    AilArena a;
    ail_arena_init(&a);
    for (int i = 1; i < 5000; i++) {
        unsigned char *p = ail_arena_alloc(&a, (size_t)(i % 97) + 1);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (int k = 0; k < i % 97 + 1; k++) assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)(i % 97) + 1);
    }
    char *big = ail_arena_alloc(&a, 3 * 1024 * 1024); /* larger than any block */
    big[3 * 1024 * 1024 - 1] = 'x';
    assert_string_equal(ail_arena_strndup(&a, "hello world", 5), "hello");
    ail_arena_free(&a);
    assert_null(a.head);
}

static void file_read_refuses_files_over_the_limit(void **state) {
    (void)state;
    char path[] = "/tmp/ailit-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0123456789", 10), 10);
    close(fd);
    char *data;
    size_t len;
    AilError err;
    assert_int_equal(ail_file_read(path, 100, &data, &len, &err), AIL_OK);
    assert_int_equal(len, 10);
    assert_string_equal(data, "0123456789");
    free(data);
    assert_int_equal(ail_file_read(path, 9, &data, &len, &err), AIL_ERR_TOO_LARGE);
    assert_null(data);
    assert_non_null(strstr(err.message, "more than"));
    unlink(path);
    assert_int_equal(ail_file_read(path, 9, &data, &len, &err), AIL_ERR_NOT_FOUND);
    assert_int_equal(ail_file_read("/tmp", 9, &data, &len, &err), AIL_ERR_INVALID);
}

static void error_formats_with_position(void **state) {
    (void)state;
    AilError err;
    char out[256];
    ail_error_set_at(&err, AIL_ERR_INVALID, "pack.json", 3, 7, "bad %s", "thing");
    assert_string_equal(ail_error_format(&err, out, sizeof out), "pack.json:3:7: bad thing");
    ail_error_set(&err, AIL_ERR_IO, "disk full");
    assert_string_equal(ail_error_format(&err, out, sizeof out), "disk full");
    assert_int_equal(err.code, AIL_ERR_IO);
}

static void text_position_counts_code_points(void **state) {
    (void)state;
    const char *t = "{\n  \"é\": 1,\n  \"x\": 2}";
    int line, col;
    ail_text_position(t, strlen(t), (size_t)(strstr(t, "1") - t), &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 8);
    ail_text_position(t, strlen(t), 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_accepts_well_formed_text),
        cmocka_unit_test(utf8_reports_the_first_bad_byte),
        cmocka_unit_test(utf8_next_decodes_and_replaces_bad_bytes),
        cmocka_unit_test(fold_ignores_case_accents_and_outer_space),
        cmocka_unit_test(fold_narrows_full_width_and_strips_arabic_marks),
        cmocka_unit_test(fold_trims_punctuation_around_an_answer),
        cmocka_unit_test(path_check_refuses_ways_out_of_a_pack),
        cmocka_unit_test(path_join_and_extension),
        cmocka_unit_test(uuid_is_random_version_4),
        cmocka_unit_test(timestamps_are_rfc3339_utc_with_milliseconds),
        cmocka_unit_test(buffer_grows_and_formats),
        cmocka_unit_test(arena_hands_out_aligned_zeroed_memory),
        cmocka_unit_test(file_read_refuses_files_over_the_limit),
        cmocka_unit_test(error_formats_with_position),
        cmocka_unit_test(text_position_counts_code_points),
        cmocka_unit_test(escaping_keeps_a_name_on_one_harmless_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
