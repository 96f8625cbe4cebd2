/* Shared inside ui/ only. */
#ifndef AILIT_UI_INTERNAL_H
#define AILIT_UI_INTERNAL_H

#include "ui/ui.h"

/* True for Han, kana, CJK punctuation and full-width forms. */
bool ui_is_cjk(uint32_t cp);

/* The end of the piece starting at pos: up to the next break opportunity (trailing
 * spaces included). *core_end is where its trailing spaces begin; *hard is set when
 * the piece ends with '\n' (included in the piece). */
size_t ui_piece_end(const char *text, size_t len, size_t pos, bool *hard, size_t *core_end);

#endif
