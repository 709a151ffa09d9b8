/* tg-ui-util.h: small helpers shared by the stats, report and drills screens. */
#pragma once

#include <adwaita.h>

#include "tg-history.h"
#include "tg-venue.h"

G_BEGIN_DECLS

/* Call once GTK is initialised, before any window: works around renderer bugs of the GTK the app
 * runs on (see the comment in tg-ui-util.c). */
void        tg_ui_apply_font_settings (void);

/* A seat as players read it, translated: "2층 I구역, row 7, seat 23" (Korean "2층 I구역 7열
 * 23번"), or "스탠딩 A, standing no. 12" in a standing zone. */
char       *tg_ui_seat_name        (TgVenue      *venue,
                                    guint         index);
/* The same for a seat known by its id (a result); the id itself when @venue is NULL or lacks it. */
char       *tg_ui_seat_name_for_id (TgVenue      *venue,
                                    const char   *id);

/* "Easy", "Medium", "Hard", translated. */
const char *tg_ui_difficulty_label (TgDifficulty  difficulty);
/* "Offline", "Online", translated. */
const char *tg_ui_mode_label       (TgHistoryMode mode);
/* A duration in ms as "1.234 s" (or "—" when negative: the stage was not reached). */
char       *tg_ui_format_ms        (gint64        ms);
/* A stored time in local time, "2024-03-14 21:05". */
char       *tg_ui_format_when      (GDateTime    *when);
/* Shows @text in the nearest AdwToastOverlay above @widget (nothing if there is none). */
void        tg_ui_toast            (GtkWidget    *widget,
                                    const char   *text);

/* A race's message: shows @text in @overlay for 2 s in place of *@showing (dismissed), and
 * points the weak pointer *@showing at it (the caller clears it with g_clear_weak_pointer()).
 * Under time pressure only the latest message matters. */
void        tg_ui_replace_toast    (AdwToastOverlay *overlay,
                                    AdwToast       **showing,
                                    const char      *text);

typedef void (*TgUiSaveFunc) (GtkWidget *widget,
                              GFile     *file,
                              gpointer   user_data);

/* Asks where to save (GtkFileChooserNative: GtkFileDialog is GTK 4.10), suggesting
 * @suggested_name, and calls @func with the chosen file. */
void        tg_ui_ask_save_file    (GtkWidget    *widget,
                                    const char   *title,
                                    const char   *suggested_name,
                                    const char   *filter_name,
                                    const char   *mime_type,
                                    TgUiSaveFunc  func,
                                    gpointer      user_data);

/* A boxed list row with a value on the right; returns the value label. */
GtkLabel   *tg_ui_add_value_row    (AdwPreferencesGroup *group,
                                    const char          *title,
                                    const char          *subtitle,
                                    const char          *value);

G_END_DECLS
