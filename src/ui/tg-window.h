#pragma once

#include <adwaita.h>

#include "tg-application.h"
#include "tg-clock.h"

G_BEGIN_DECLS

#define TG_TYPE_WINDOW (tg_window_get_type ())
G_DECLARE_FINAL_TYPE (TgWindow, tg_window, TG, WINDOW, AdwApplicationWindow)

TgWindow  *tg_window_new               (TgApplication *application);
/* Tests and the benchmark drive matches on their own clock. NULL: real time. */
void       tg_window_set_clock         (TgWindow      *self,
                                        TgClock       *clock);
void       tg_window_start_match       (TgWindow      *self);
GtkWidget *tg_window_get_match_view    (TgWindow      *self);
GtkWidget *tg_window_get_setup_page    (TgWindow      *self);
GtkWidget *tg_window_get_online_page   (TgWindow      *self);
/* "play", "online", "history" or "drills". */
const char *tg_window_get_view         (TgWindow      *self);
GtkWidget *tg_window_get_stats_view    (TgWindow      *self);
GtkWidget *tg_window_get_drills_view   (TgWindow      *self);

G_END_DECLS
