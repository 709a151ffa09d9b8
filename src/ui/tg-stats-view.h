/* tg-stats-view.h: the play history and what it says — the list with filters, a detail page
 * per play, the charts and the analysis report. Replaces the plain history list. */
#pragma once

#include <adwaita.h>

#include "tg-history.h"
#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_TYPE_STATS_VIEW (tg_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (TgStatsView, tg_stats_view, TG, STATS_VIEW, AdwBin)

GtkWidget *tg_stats_view_new         (void);
/* Opens the history database in @dir (NULL: the user data dir's tickget/). A broken or newer
 * database is reported on the page and left untouched. */
void       tg_stats_view_open        (TgStatsView    *self,
                                      const char     *dir);
/* The open history, or NULL (shared with the drills). */
TgHistory *tg_stats_view_get_history (TgStatsView    *self);
/* The report's chat endpoint settings. */
void       tg_stats_view_set_settings (TgStatsView   *self,
                                      GSettings      *settings);
/* Stores a finished or failed play and shows it; @venue (may be NULL) gives the seats' list
 * prices. */
void       tg_stats_view_add_play    (TgStatsView    *self,
                                      const TgResult *result,
                                      TgHistoryMode   mode,
                                      const char     *server,
                                      TgVenue        *venue);
/* Reads the history again (after drills were stored, say). */
void       tg_stats_view_reload      (TgStatsView    *self);
/* Plays matching the filters. */
guint      tg_stats_view_get_n_plays (TgStatsView    *self);
void       tg_stats_view_clear_filters (TgStatsView  *self);
void       tg_stats_view_show_list   (TgStatsView    *self);
/* Opens the detail page of play @id; FALSE if it is not listed. */
gboolean   tg_stats_view_show_play   (TgStatsView    *self,
                                      gint64          id);
/* Writes the plays matching the filters as CSV. */
gboolean   tg_stats_view_export_csv  (TgStatsView    *self,
                                      GFile          *file,
                                      GError        **error);

G_END_DECLS
