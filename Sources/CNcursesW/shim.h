#ifndef DRTOP_CNCURSESW_SHIM_H
#define DRTOP_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift cannot import ncurses' macros, and under Swift 6 its mutable globals are not
   concurrency-safe; these accessors give DRTerminal what it needs. */

static inline WINDOW *drtop_stdscr(void) { return stdscr; }
static inline int drtop_cols(void) { return COLS; }
static inline int drtop_lines(void) { return LINES; }
static inline int drtop_color_pairs(void) { return COLOR_PAIRS; }
static inline int drtop_colors(void) { return COLORS; }
static inline int drtop_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int drtop_attr_bold(void) { return (int)A_BOLD; }
static inline int drtop_attr_dim(void) { return (int)A_DIM; }
static inline int drtop_attr_reverse(void) { return (int)A_REVERSE; }
static inline int drtop_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int drtop_key_resize(void) { return KEY_RESIZE; }
static inline int drtop_err(void) { return ERR; }
static inline int drtop_key_code_yes(void) { return KEY_CODE_YES; }
static inline void drtop_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

/* Puts a NUL-terminated wide string at (y, x) with the given attributes, clipped by ncurses. */
static inline void drtop_put(int y, int x, const wchar_t *s, int attrs) {
    attrset(attrs);
    mvaddwstr(y, x, s);
}

#endif
