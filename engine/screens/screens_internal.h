/* Shared by the files of screens/ only: the state every screen reads. */
#ifndef AILIT_SCREENS_INTERNAL_H
#define AILIT_SCREENS_INTERNAL_H

#include "screens/screens.h"
#include "speech/speech.h"

typedef enum {
    SCREEN_LEARNERS,
    SCREEN_NEW_LEARNER,
    SCREEN_LIBRARY,
    SCREEN_LESSONS,
    SCREEN_PAGE,
    SCREEN_QUIZ,
    SCREEN_RESULTS,
    SCREEN_SETTINGS,
    SCREEN_TEACHER_PIN,
    SCREEN_TEACHER,
    SCREEN_CLASS_OVERVIEW,
    SCREEN_MANAGE_LEARNERS,
    SCREEN_EDIT_LEARNER,
    SCREEN_EXPORT,
    SCREEN_IMPORT,
    SCREEN_STARTUP_ERROR,
    SCREEN_DEVICE_NAME
} ScreenId;

#define QUIZ_MAX_ITEMS 32

/* The question on screen and the learner's answer being built. */
typedef struct {
    size_t question;                 /* index in the page */
    bool selected[QUIZ_MAX_ITEMS];   /* single/multiple: chosen choices, by index in the pack */
    int shown_choice[QUIZ_MAX_ITEMS]; /* single/multiple: choice indices as shown */
    int truth;                       /* truefalse: -1 none, 0 false, 1 true */
    int order[QUIZ_MAX_ITEMS];       /* order: item indices as shown */
    int shown_right[QUIZ_MAX_ITEMS]; /* match: pair indices of rights, shuffled */
    int match[QUIZ_MAX_ITEMS];       /* match: for left i, index into shown_right, -1 none */
    AilBuf typed;                    /* text */
    bool hint_shown;
    bool answered; /* feedback is on screen */
    QuizGrade grade;
    int64_t shown_ms;
} QuizState;

struct DemoNextWord;

/* The demo on the current demo page (screen_demo.c). */
typedef struct {
    const Page *page; /* the page the model was trained for, NULL when none */
    char lang[16];
    struct DemoNextWord *model;
    char **starts; /* first words of the story's sentences */
    size_t start_count;
    char **words; /* the sentence being built */
    size_t word_count;
    uint32_t seed;
} ScreensDemo;

/* The decision-tree demo (screen_demo_tree.c): the learner's tree of at most two
 * levels. Questions and baskets are indices; -1 is "not chosen". */
typedef struct {
    bool ready;
    int root;         /* the question at the top */
    int branch[2];    /* per answer to it (yes, no): a second question, or -1 for a basket */
    int basket[2][2]; /* [branch][answer to the second question, or 0 for a leaf] */
    bool computer;    /* show the computer's own tree */
} ScreensTree;

#define SCREENS_DEMO_SUMMARY_MAX 1024

/* What the learner did on the demo page on screen, recorded as one "interacted"
 * statement when they leave the page (screen_demo_record.c). */
typedef struct {
    bool pending;                          /* a summary waits to be recorded */
    size_t course, lesson, page;           /* the page it belongs to */
    char summary[SCREENS_DEMO_SUMMARY_MAX]; /* the latest summary, a JSON object */
    int64_t opened_ms;                     /* when the page was opened (ail_mono_ms) */
} ScreensDemoRecord;

/* A pack found on a stick, as the import screen lists it. */
typedef struct ScreensPackInfo {
    char title[200]; /* in the UI language; the folder's name when it does not load */
    char version[40];
    size_t problems; /* errors that keep it from being installed */
} ScreensPackInfo;

/* The teacher area (screen_teacher.c, screen_class.c, screen_usb.c). */
typedef enum { PIN_ASK, PIN_NEW, PIN_CONFIRM } PinStep;

typedef struct {
    bool unlocked; /* the PIN was given since the area was opened */
    bool changing; /* choosing a new PIN from inside the area */
    PinStep pin_step;
    AilBuf pin, pin_first;
    int64_t pin_until; /* no PIN may be tried before (ail_mono_ms; 0: none): wrong PINs */
    char note[1600]; /* what the last action did, shown until the next one */
    bool note_bad;
    size_t overview_course;
    SessionOverviewRow *overview;
    size_t overview_count;
    size_t edit; /* the learner being edited, an index into Screens.learners */
    AilBuf edit_name; /* that learner's name being typed, or this laptop's */
    int edit_colour;
    char **sticks; /* mounted USB sticks, as found when the screen opened */
    size_t stick_count;
    int stick;      /* the stick chosen for import, -1 none */
    bool anonymous; /* export without the learners' names */
    char **packs;   /* pack folders on that stick */
    size_t pack_count;
    struct ScreensPackInfo *pack_info; /* [pack_count]: what each one is */
    bool courses_changed;
} ScreensTeacher;

struct Screens {
    AppSession *session;
    Course *const *courses;
    size_t course_count;

    char lang[16];
    int text_size; /* 0..2 */
    bool high_contrast;

    ScreenId screen, before_settings;
    bool entered; /* the current screen's first frame is due */

    SessionLearner *learners;
    size_t learner_count;
    SessionLearner learner;

    AilBuf new_name;
    int new_colour;

    size_t course, lesson, page;
    SessionLessonRow *rows; /* lessons of the current course */
    size_t *pack_done;      /* per course: lessons completed */

    /* Quiz: the questions of this pass (all, or the missed ones on a retry). */
    size_t pass[QUIZ_MAX_ITEMS * 4];
    size_t pass_count, pass_pos;
    QuizState q;
    QuizScore score;

    ScreensDemo demo;
    ScreensTree tree;
    /* The AI lab's teach-the-machine, pixels and fair-data demos (screen_demo_teach.c,
     * screen_demo_pixels.c, screen_demo_fair.c): NULL until a page shows one. */
    struct ScreensTeach *teach;
    struct ScreensPixels *pixels;
    struct ScreensFair *fair;
    /* The grouping and reward demos (screen_demo_grouping.c, screen_demo_reward.c):
     * NULL until a page shows one. */
    struct ScreensGrouping *grouping;
    struct ScreensReward *reward;
    ScreensDemoRecord demo_record;
    ScreensTeacher teacher;

    ScreensStartup startup; /* SCREEN_STARTUP_ERROR: what happened */
    bool quit;              /* the user asked to quit (screens_take_quit) */

    char audio[1024];
    bool audio_pending;

    /* Read aloud (screens_speech.c) */
    SpeechScript speak; /* what is being read, mapped back to the screen */
    uint32_t speak_key; /* which text it is (screens_speech_key); 0: nothing */
    bool speak_seen;    /* a screen showed that text this frame */
    uint32_t auto_key;  /* the text last on screen, read when it opened (speech_auto) */
    uint32_t speak_failed; /* the text that could not be read aloud; 0: none */
    bool speech_on, speech_slower, speech_auto; /* the device's settings */
    char error[600];
    char scratch[1024];
};

/* ---- Helpers for every screen (screens.c) ---- */

/* The UI string key in the current language. */
const char *S(const Screens *s, const char *key);
/* A localized pack text in the current language. */
const char *T(const Screens *s, const LocalizedText *text);
/* template with "{name}" replaced by value (up to two pairs); into s->scratch-like
 * out. Returns out. */
const char *screens_fill(char *out, size_t out_size, const char *template_text, const char *k1,
                         const char *v1, const char *k2, const char *v2);

/* Moves to another screen (its first frame calls its enter code). */
void screens_go(Screens *s, ScreenId next);
/* Shows that saving failed, as a sentence in the UI language; err's technical text
 * goes to the session's log, never on screen. */
void screens_fail(Screens *s, const AilError *err);
/* The same with the sentence of string key (e.g. "not_read" for a failed read). */
void screens_fail_with(Screens *s, const char *key, const AilError *err);

/* The top bar: back button (when has_back; returns true when pressed or Escape),
 * title, the language and settings buttons. Returns the content area below it. */
bool screens_top_bar(Screens *s, UiContext *ui, const char *title, bool has_back, UiRect *content);
/* Shows s->error, if any, as a band at the bottom of area; returns its height. */
int screens_error_band(Screens *s, UiContext *ui, UiRect area);

/* Refreshes learners / lesson rows from the session. */
void screens_load_learners(Screens *s);
void screens_load_rows(Screens *s);

/* The current course, lesson and page. */
const Course *screens_course(const Screens *s);
const Lesson *screens_lesson(const Screens *s);
const Page *screens_page(const Screens *s);

/* A pack media path joined to the pack folder, into out. */
const char *screens_media_path(const Screens *s, const char *relative, char *out, size_t out_size);

/* A pack picture fitted into w x max_h at (x, y), centred, keeping its shape; a
 * picture that cannot be shown (missing, damaged, refused for its size) leaves its
 * alt text in its place instead. Returns the height used, 0 when there is neither. */
int screens_picture(Screens *s, UiContext *ui, const CourseImage *image, int x, int y, int w,
                    int max_h);

/* Body markup (paragraphs, "- " bullets, bold spans) wrapped into w at (x, y);
 * returns the height used. */
int screens_markup(UiContext *ui, int x, int y, int w, const Markup *markup, UiTextStyle style,
                   bool draw);

/* ---- Read aloud (screens_speech.c) ---- */

/* Puts what a screen reads aloud into script, numbering its on-screen parts. */
typedef void (*ScreensScriptFn)(Screens *s, SpeechScript *script);
/* The key of the text on screen now (see screens_speech.c). */
uint32_t screens_speech_key(const Screens *s, size_t question, bool answered);
/* The Read aloud button at (x, y) for the text key (built by build when pressed, or
 * at once with speech_auto), Pause and Stop while it is read, or a sentence saying
 * why nothing can be read; wav, when not NULL or "", is the pack's recording, played
 * instead. F5 presses it. Returns the height used (0 with speech off). */
int screens_read_aloud(Screens *s, UiContext *ui, int x, int y, int w, uint32_t key,
                       ScreensScriptFn build, const char *wav);
/* True with the bytes of part to highlight when the word being heard of key shows
 * there. */
bool screens_speech_word(const Screens *s, uint32_t key, int part, size_t *from, size_t *len);
/* Stops reading aloud. */
void screens_speech_stop(Screens *s);
/* True while the pack's recording for text key plays (it has no word times). */
bool screens_recording_plays(const Screens *s, uint32_t key);
/* While it plays, a ring in the highlight colour around block (the text it reads). */
void screens_recording_ring(const Screens *s, UiContext *ui, uint32_t key, UiRect block);
/* At the end of each frame: stops speech no screen showed this frame. */
void screens_speech_end_frame(Screens *s);
/* Reads speech, speech_speed and speech_auto from the device's settings. */
void screens_speech_load_settings(Screens *s);
/* screens_markup with bytes [lit_from, lit_from+lit_len) of the spans (counted one
 * after another) on the highlight colour. */
int screens_markup_lit(UiContext *ui, int x, int y, int w, const Markup *markup,
                       UiTextStyle style, bool draw, size_t lit_from, size_t lit_len);
/* ui_text with bytes [lit_from, lit_from+lit_len) of text on the highlight colour. */
int screens_text_lit(UiContext *ui, UiRect r, const char *text, UiTextStyle style, bool draw,
                     size_t lit_from, size_t lit_len);
/* ui_button with bytes [lit_from, lit_from+lit_len) of its label lit (an answer being
 * read aloud); exactly ui_button when lit_len is 0. */
bool screens_button_lit(UiContext *ui, uint32_t id, UiRect r, const char *label,
                        UiButtonKind kind, size_t lit_from, size_t lit_len);

/* Opens page p of the current lesson (a text page or a quiz), recording it. */
void screens_open_page(Screens *s, size_t p);
/* Leaves the lesson after its last page: records completion, back to the list. */
void screens_finish_lesson(Screens *s);

/* Per screen: lay out and react. */
void screen_learners(Screens *s, UiContext *ui);
void screen_new_learner(Screens *s, UiContext *ui);
void screen_library(Screens *s, UiContext *ui);
void screen_lessons(Screens *s, UiContext *ui);
void screen_page(Screens *s, UiContext *ui);
void screen_quiz(Screens *s, UiContext *ui);
void screen_results(Screens *s, UiContext *ui);
void screen_settings(Screens *s, UiContext *ui);
void screen_teacher_pin(Screens *s, UiContext *ui);
void screen_teacher(Screens *s, UiContext *ui);
void screen_class_overview(Screens *s, UiContext *ui);
void screen_manage_learners(Screens *s, UiContext *ui);
void screen_edit_learner(Screens *s, UiContext *ui);
void screen_export(Screens *s, UiContext *ui);
void screen_import(Screens *s, UiContext *ui);
void screen_startup_error(Screens *s, UiContext *ui);
void screen_device_name(Screens *s, UiContext *ui);

/* The teacher area: opens it (asking for the PIN, or for a new one the first time)
 * and leaves it (locked again). */
void screens_teacher_open(Screens *s);
void screens_teacher_leave(Screens *s);
/* Frees what the teacher screens hold. */
void screens_teacher_free(Screens *s);
/* Sets the teacher screens' note: what an action did (bad: it failed). */
void screens_teacher_note(Screens *s, bool bad, const char *text);
/* Draws the note, if any, at (x, y) w wide; returns its height. */
int screens_teacher_note_draw(Screens *s, UiContext *ui, int x, int y, int w);

/* A column of content centred in area, scrolled as one (the teacher screens). */
typedef struct {
    int x, w;        /* the column, in pixels */
    int top, margin; /* where scrolled content starts, and the space below it */
} ScreenColumn;

/* Starts a column at most max_width and with margin (design pixels) inside area,
 * scrolled as scroll_name; returns the y of its first line. */
int screens_column_begin(UiContext *ui, UiRect area, int max_width, int margin,
                         const char *scroll_name, ScreenColumn *col);
/* Ends the column whose content stops at y. */
void screens_column_end(UiContext *ui, const ScreenColumn *col, int y);

/* The demo of demo page p at (x, y), w wide; returns its height. */
int screens_demo_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
void screens_demo_reset(Screens *s);
/* The decision-tree demo at (x, y), w wide; returns its height. */
int screens_tree_draw(Screens *s, UiContext *ui, int x, int y, int w);
void screens_tree_reset(Screens *s);

/* Notes what the learner has done so far in the demo on the current page, as a small
 * flat JSON object ({"k": 3, "steps": 4, "converged": true}: keys of [a-z0-9_], values
 * numbers, true, false, short plain texts or arrays of numbers). The latest note is
 * recorded as one xAPI "interacted" statement when the learner leaves the page;
 * call it after each action that changes what the summary says. */
void screens_demo_record(Screens *s, const char *summary_json);
/* Records the pending note, if any (the learner leaves the page); a failure shows
 * "not saved" as any save does. */
void screens_demo_leave(Screens *s);

struct cJSON;

/* The AI lab's demos, each on demo page p at (x, y), w wide; each returns its height.
 * Their state follows the page: another page (or another visit) starts afresh; a
 * change of language keeps what the learner did and takes the new texts. */
int screens_teach_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
int screens_pixels_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
int screens_fair_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
/* What the learner did in each, as a flat JSON object for the "interacted" statement
 * (progress_record_demo), into out; false when the demo was not used on page p. */
bool screens_teach_summary(const Screens *s, const Page *p, char *out, size_t size);
bool screens_pixels_summary(const Screens *s, const Page *p, char *out, size_t size);
bool screens_fair_summary(const Screens *s, const Page *p, char *out, size_t size);
/* Frees each demo's state (the next visit starts afresh). */
void screens_teach_free(Screens *s);
void screens_pixels_free(Screens *s);
void screens_fair_free(Screens *s);
/* The summary of whichever AI lab demo page p shows (see above); false when none. */
bool screens_lab_summary(const Screens *s, const Page *p, char *out, size_t size);
/* Forgets the AI lab demos' state. */
void screens_lab_reset(Screens *s);
/* A localized text of a demo's params (a string, or {lang: text}) in the UI language,
 * falling back to the pack's first language, then any; NULL when node is neither. */
const char *screens_demo_text(const Screens *s, const struct cJSON *node);

/* The grouping (k-means) and reward (Q-learning) demos of page p at (x, y), w wide;
 * return their height. Their state is made for p on first use and freed by
 * screens_grouping_free / screens_reward_free. */
int screens_grouping_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
int screens_reward_draw(Screens *s, UiContext *ui, const Page *p, int x, int y, int w);
void screens_grouping_free(Screens *s);
void screens_reward_free(Screens *s);

/* Shapes drawn with rectangles (screen_demo_shapes.c), so that a group is told by
 * its shape as well as its colour. */
typedef enum {
    SCREENS_SHAPE_CIRCLE,
    SCREENS_SHAPE_SQUARE,
    SCREENS_SHAPE_TRIANGLE,
    SCREENS_SHAPE_DIAMOND
} ScreensShape;
/* A shape of radius r centred at (cx, cy); ringed: with a ring of another colour. */
void screens_shape(UiContext *ui, int cx, int cy, int r, ScreensShape shape, UiColor c);
void screens_shape_ringed(UiContext *ui, int cx, int cy, int r, ScreensShape shape, UiColor fill,
                          UiColor ring);
/* A straight line thick pixels wide. */
void screens_line(UiContext *ui, int x0, int y0, int x1, int y1, int thick, UiColor c);
/* An arrow len long centred at (cx, cy) pointing dir: 0 up, 1 right, 2 down, 3 left. */
void screens_arrow(UiContext *ui, int cx, int cy, int len, int dir, UiColor c);
/* Pictures: a goat about size across centred at (cx, cy); grass and thorns filling a
 * cell; a basket w x h from (cx - w/2, top). */
void screens_draw_goat(UiContext *ui, int cx, int cy, int size, UiColor body, UiColor ink);
void screens_draw_grass(UiContext *ui, UiRect cell, UiColor c);
void screens_draw_thorns(UiContext *ui, UiRect cell, UiColor c);
void screens_draw_basket(UiContext *ui, int cx, int top, int w, int h, UiColor c);

/* Quiz entry points used by other screens. */
void screens_quiz_begin(Screens *s, bool only_missed);

/* The learner tile colours. */
#define SCREENS_COLOUR_COUNT 8
extern const uint32_t SCREENS_COLOURS[SCREENS_COLOUR_COUNT];

UiColor screens_rgb(uint32_t rgb);

#endif
