/*
 * AppSession over ProgressStore: each function is a direct call with the types
 * translated. Nothing is cached here, so what the screens show is what is on disk.
 *
 * The teacher PIN is the store's (progress_teacher_pin_*: only a password hash is
 * kept, and the store makes wrong PINs in a row wait, so that no screen can skip the
 * wait); the rule that it is 4 to 12 digits, typed on the keypad, is the screens'.
 */
#include "app/app_session.h"
#include "app/app_packs.h"
#include "sync/sync.h"

#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void copy_learner(const ProgressLearner *in, SessionLearner *out) {
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "%s", in->uuid);
    snprintf(out->name, sizeof out->name, "%s", in->name);
    out->colour = in->colour;
}

#define STORE(impl) (((AppSessionEnv *)(impl))->store)

static AilResult learner_list(void *impl, SessionLearner **out, size_t *count, AilError *err) {
    ProgressLearner *ls = NULL;
    size_t n = 0;
    *out = NULL;
    *count = 0;
    AilResult rc = progress_learner_list(STORE(impl), &ls, &n, err);
    if (rc != AIL_OK) return rc;
    if (n) {
        *out = ail_xcalloc(n, sizeof **out);
        for (size_t i = 0; i < n; i++) copy_learner(&ls[i], &(*out)[i]);
    }
    *count = n;
    free(ls);
    return AIL_OK;
}

static AilResult learner_add(void *impl, const char *name, uint32_t colour, SessionLearner *out,
                             AilError *err) {
    ProgressLearner l;
    AilResult rc = progress_learner_add(STORE(impl), name, colour, "", &l, err);
    if (rc == AIL_OK && out) copy_learner(&l, out);
    return rc;
}

static AilResult lesson_rows(void *impl, const char *learner, const Course *course,
                             SessionLessonRow *rows, AilError *err) {
    ProgressLessonRow *pr = ail_xcalloc(course->lesson_count + 1, sizeof *pr);
    AilResult rc = progress_lesson_rows(STORE(impl), learner, course, pr, err);
    for (size_t i = 0; rc == AIL_OK && i < course->lesson_count; i++) {
        rows[i].started = pr[i].started;
        rows[i].resume_page = pr[i].resume_page;
        rows[i].completed = pr[i].completed;
        rows[i].mastered = pr[i].mastered;
        rows[i].best_score = pr[i].best_score;
    }
    free(pr);
    return rc;
}

static AilResult lesson_start(void *impl, const char *learner, const Course *course, size_t lesson,
                              const char *lang, int *page, AilError *err) {
    ProgressLessonState st;
    AilResult rc = progress_lesson_start(STORE(impl), learner, course, lesson, lang, &st, err);
    *page = rc == AIL_OK ? st.page : 0;
    return rc;
}

static AilResult record_demo(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *summary, const char *lang,
                             int64_t duration_ms, AilError *err) {
    return progress_record_demo(STORE(impl), learner, course, lesson, page, summary, lang,
                                duration_ms, err);
}

static AilResult record_page(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, AilError *err) {
    return progress_record_page(STORE(impl), learner, course, lesson, page, lang, err);
}

static AilResult record_answer(void *impl, const char *learner, const Course *course, size_t lesson,
                               size_t page, size_t question, const QuizResponse *response,
                               const char *lang, int64_t duration_ms, QuizGrade *grade,
                               AilError *err) {
    return progress_record_answer(STORE(impl), learner, course, lesson, page, question, response,
                                  lang, duration_ms, grade, err);
}

static AilResult answer_get(void *impl, const char *learner, const Course *course, size_t lesson,
                            size_t page, size_t question, bool *correct, AilError *err) {
    return progress_answer_get(STORE(impl), learner, course, lesson, page, question, NULL, correct,
                               err);
}

static AilResult finish_quiz(void *impl, const char *learner, const Course *course, size_t lesson,
                             size_t page, const char *lang, QuizScore *score, AilError *err) {
    return progress_finish_quiz(STORE(impl), learner, course, lesson, page, lang, score, err);
}

static AilResult finish_lesson(void *impl, const char *learner, const Course *course, size_t lesson,
                               const char *lang, AilError *err) {
    return progress_finish_lesson(STORE(impl), learner, course, lesson, lang, err);
}

static AilResult setting_get(void *impl, const char *key, char *out, size_t out_size,
                             AilError *err) {
    return progress_setting_get(STORE(impl), key, out, out_size, err);
}

static AilResult setting_set(void *impl, const char *key, const char *value, AilError *err) {
    return progress_setting_set(STORE(impl), key, value, err);
}

/* ---- The teacher area ---- */

static AilResult teacher_pin_exists(void *impl, bool *set, int64_t *wait_ms, AilError *err) {
    return progress_teacher_pin_status(STORE(impl), ail_time_now_ms(), set, wait_ms, err);
}

static bool pin_well_formed(const char *pin) {
    size_t n = strlen(pin);
    if (n < SESSION_TEACHER_PIN_MIN || n > SESSION_TEACHER_PIN_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9') return false;
    return true;
}

static AilResult teacher_pin_set(void *impl, const char *pin, AilError *err) {
    if (!pin_well_formed(pin))
        return ail_error_set(err, AIL_ERR_USAGE, "a teacher PIN has %d to %d digits",
                             SESSION_TEACHER_PIN_MIN, SESSION_TEACHER_PIN_MAX);
    return progress_teacher_pin_set(STORE(impl), pin, err);
}

static AilResult teacher_pin_check(void *impl, const char *pin, bool *ok, int64_t *wait_ms,
                                   AilError *err) {
    ProgressPinVerdict verdict;
    *ok = false;
    *wait_ms = 0;
    /* Anything but 4 to 12 digits goes to the store too, to be counted as wrong. */
    AilResult rc =
        progress_teacher_pin_try(STORE(impl), pin, ail_time_now_ms(), &verdict, wait_ms, err);
    if (rc == AIL_OK && verdict == PROGRESS_PIN_UNSET)
        return ail_error_set(err, AIL_ERR_NOT_FOUND, "no teacher PIN has been set");
    *ok = rc == AIL_OK && verdict == PROGRESS_PIN_RIGHT && pin_well_formed(pin);
    return rc;
}

static AilResult learner_update(void *impl, const SessionLearner *learner, AilError *err) {
    ProgressLearner l;
    AilResult rc = progress_learner_get(STORE(impl), learner->id, &l, err);
    if (rc != AIL_OK) return rc;
    snprintf(l.name, sizeof l.name, "%s", learner->name);
    l.colour = learner->colour;
    return progress_learner_update(STORE(impl), &l, err);
}

static AilResult class_overview(void *impl, const Course *course, SessionOverviewRow **rows,
                                size_t *count, AilError *err) {
    ProgressOverviewRow *pr = NULL;
    size_t n = 0;
    *rows = NULL;
    *count = 0;
    AilResult rc = progress_class_overview(STORE(impl), course, &pr, &n, err);
    if (rc != AIL_OK) return rc;
    if (n) *rows = ail_xcalloc(n, sizeof **rows);
    for (size_t i = 0; i < n; i++) {
        copy_learner(&pr[i].learner, &(*rows)[i].learner);
        (*rows)[i].completed = pr[i].completed;
        (*rows)[i].mastered = pr[i].mastered;
        (*rows)[i].mean_best = pr[i].mean_best;
    }
    *count = n;
    free(pr);
    return AIL_OK;
}

static AilResult usb_sticks(void *impl, char ***paths, size_t *count, AilError *err) {
    (void)impl;
    return app_usb_sticks(paths, count, err);
}

/* What is wrong with the stick folder dir, as far as one can tell from outside. */
static SessionExportProblem stick_problem(const char *dir) {
    struct stat st;
    struct statvfs vfs;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return SESSION_EXPORT_GONE;
    if (statvfs(dir, &vfs) == 0) {
        if (vfs.f_flag & ST_RDONLY) return SESSION_EXPORT_LOCKED;
        if ((unsigned long long)vfs.f_bavail * vfs.f_frsize < 64u * 1024)
            return SESSION_EXPORT_FULL;
    }
    if (access(dir, W_OK) != 0) return SESSION_EXPORT_LOCKED;
    return SESSION_EXPORT_FAILED;
}

static AilResult export_progress(void *impl, const char *dir, bool anonymous, char *file_name,
                                 size_t file_name_size, size_t *statements,
                                 SessionExportProblem *problem, AilError *err) {
    SyncExportOptions opts = {.out_dir = dir, .anonymous = anonymous};
    SyncExportResult res;
    memset(&res, 0, sizeof res);
    file_name[0] = '\0';
    *statements = 0;
    *problem = SESSION_EXPORT_FAILED;
    AilResult rc = sync_export(STORE(impl), &opts, &res, err);
    if (rc != AIL_OK) {
        /* sync_export's message is a sentence in English; the screen says it in the
         * teacher's language when the cause is one a teacher can act on. */
        *problem = stick_problem(dir);
        if (*problem == SESSION_EXPORT_FAILED && strstr(err->message, "full"))
            *problem = SESSION_EXPORT_FULL;
        return rc;
    }
    if (res.clock_note[0])
        app_log(((AppSessionEnv *)impl)->log, "exporting progress", res.clock_note);
    const char *slash = strrchr(res.path, '/');
    snprintf(file_name, file_name_size, "%s", slash ? slash + 1 : res.path);
    *statements = res.statements;
    return AIL_OK;
}

static AilResult pack_import(void *impl, const char *pack_dir, const char *lang, SessionImport *out,
                             AilError *err) {
    return app_pack_install(pack_dir, lang, ((AppSessionEnv *)impl)->library, out, err);
}

/* ---- The log and the start-up screen ---- */

#define APP_LOG_MAX_BYTES (1024 * 1024)

bool app_log(const char *log_path, const char *doing, const char *message) {
    fprintf(stderr, "ailit: %s: %s\n", doing, message);
    if (!log_path || !log_path[0]) return false;
    struct stat st;
    if (stat(log_path, &st) == 0 && st.st_size > APP_LOG_MAX_BYTES) {
        char old[PATH_MAX + 8];
        int n = snprintf(old, sizeof old, "%s.old", log_path);
        if (n > 0 && (size_t)n < sizeof old) rename(log_path, old);
    }
    int fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return false;
    char stamp[32], line[1400];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    int n = snprintf(line, sizeof line, "%s %s: %s\n", stamp, doing, message);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof line) { /* a cut line still ends with a newline */
        n = (int)sizeof line - 1;
        line[n - 1] = '\n';
    }
    bool ok = write(fd, line, (size_t)n) == (ssize_t)n;
    return close(fd) == 0 && ok;
}

static AilResult device_name_get(void *impl, char *out, size_t out_size, AilError *err) {
    ProgressDevice d;
    AilResult r = progress_device_get(STORE(impl), &d, err);
    if (!r) snprintf(out, out_size, "%s", d.name);
    return r;
}

static AilResult device_rename(void *impl, const char *name, AilError *err) {
    return progress_device_rename(STORE(impl), name, err);
}

static bool clock_wrong(void *impl, int64_t *says, int64_t *from) {
    ProgressClockStatus c;
    progress_clock_status(STORE(impl), &c);
    *says = c.system_ms;
    *from = c.floor_ms;
    return c.wrong;
}

void app_session_configure(AppSessionEnv *env, const char *system_conf, const char *data_dir) {
    ProgressXapiIris want;
    memset(&want, 0, sizeof want);
    char local[PATH_MAX];
    const char *files[2] = {system_conf, NULL};
    if (ail_path_join(local, sizeof local, data_dir, "ailit.conf") == AIL_OK) files[1] = local;
    bool any = false;
    for (int i = 0; i < 2; i++) {
        if (!files[i]) continue;
        AilError err;
        ail_error_clear(&err);
        AilResult r = progress_config_read(files[i], &want, &err);
        if (r == AIL_OK) any = true;
        /* A config with a mistake is left out whole, and said so: the IRIs it would
         * set are fixed for good by the first statement, so no guess is made. */
        if (r != AIL_OK && r != AIL_ERR_NOT_FOUND)
            app_log(env->log, "reading the deployment config (left out)", err.message);
    }
    if (!any) return; /* unset: the first statement fixes what the store holds */
    char note[1024];
    AilError err;
    ail_error_clear(&err);
    if (progress_xapi_configure(env->store, &want, note, sizeof note, &err) != AIL_OK)
        app_log(env->log, "setting the xAPI addresses", err.message);
    else if (note[0])
        app_log(env->log, "the deployment config", note);
}

static void session_log(void *impl, const char *doing, const AilError *err) {
    app_log(((AppSessionEnv *)impl)->log, doing, err->message);
}

void app_session_startup(const ProgressOpenInfo *info, const char *log, ScreensStartup *out) {
    static const ScreensStartupProblem MAP[] = {
        [PROGRESS_PROBLEM_NONE] = SCREENS_STARTUP_OTHER,
        [PROGRESS_PROBLEM_NO_FOLDER] = SCREENS_STARTUP_NO_FOLDER,
        [PROGRESS_PROBLEM_FOLDER_READ_ONLY] = SCREENS_STARTUP_FOLDER_READ_ONLY,
        [PROGRESS_PROBLEM_FILE_UNREADABLE] = SCREENS_STARTUP_FILE_UNREADABLE,
        [PROGRESS_PROBLEM_FILE_READ_ONLY] = SCREENS_STARTUP_FILE_READ_ONLY,
        [PROGRESS_PROBLEM_BUSY] = SCREENS_STARTUP_BUSY,
        [PROGRESS_PROBLEM_DAMAGED] = SCREENS_STARTUP_DAMAGED,
        [PROGRESS_PROBLEM_NEWER] = SCREENS_STARTUP_NEWER,
        [PROGRESS_PROBLEM_DISK_FULL] = SCREENS_STARTUP_DISK_FULL,
        [PROGRESS_PROBLEM_OTHER] = SCREENS_STARTUP_OTHER,
    };
    assert(info->problem >= 0 && (size_t)info->problem < sizeof MAP / sizeof MAP[0]);
    memset(out, 0, sizeof *out);
    out->problem = MAP[info->problem];
    snprintf(out->file, sizeof out->file, "%s", info->file);
    snprintf(out->folder, sizeof out->folder, "%s", info->folder);
    snprintf(out->aside, sizeof out->aside, "%s", info->aside);
    snprintf(out->log, sizeof out->log, "%s", log ? log : "");
    /* A folder problem names the folder in both places. */
    if (!out->folder[0]) snprintf(out->folder, sizeof out->folder, "%s", info->file);
}

void app_session_init(AppSession *session, AppSessionEnv *env) {
    session->impl = env;
    session->learner_list = learner_list;
    session->learner_add = learner_add;
    session->lesson_rows = lesson_rows;
    session->lesson_start = lesson_start;
    session->record_page = record_page;
    session->record_demo = record_demo;
    session->record_answer = record_answer;
    session->answer_get = answer_get;
    session->finish_quiz = finish_quiz;
    session->finish_lesson = finish_lesson;
    session->setting_get = setting_get;
    session->setting_set = setting_set;
    session->teacher_pin_exists = teacher_pin_exists;
    session->clock_wrong = clock_wrong;
    session->teacher_pin_set = teacher_pin_set;
    session->teacher_pin_check = teacher_pin_check;
    session->learner_update = learner_update;
    session->class_overview = class_overview;
    session->usb_sticks = usb_sticks;
    session->export_progress = export_progress;
    session->pack_import = pack_import;
    session->log = session_log;
    session->device_name_get = device_name_get;
    session->device_rename = device_rename;
}
