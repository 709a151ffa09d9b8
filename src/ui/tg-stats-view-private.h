/* tg-stats-view-private.h: the stats view's parts, for the window and the UI tests. */
#pragma once

#include "tg-play-detail.h"
#include "tg-report-page.h"
#include "tg-stats-charts.h"
#include "tg-stats-view.h"

G_BEGIN_DECLS

typedef enum
{
  TG_STATS_PERIOD_ALL,
  TG_STATS_PERIOD_WEEK,
  TG_STATS_PERIOD_MONTH,
  TG_STATS_PERIOD_YEAR,
  TG_STATS_PERIOD_CUSTOM,
} TgStatsPeriod;

/* The filter rows: difficulty (0 any, then TgDifficulty + 1), venue (0 any, then names), mode
 * (0 any, then TgHistoryMode + 1), period (TgStatsPeriod). */
AdwComboRow   *tg_stats_view_get_difficulty_row (TgStatsView *self);
AdwComboRow   *tg_stats_view_get_venue_row      (TgStatsView *self);
AdwComboRow   *tg_stats_view_get_mode_row       (TgStatsView *self);
AdwComboRow   *tg_stats_view_get_period_row     (TgStatsView *self);
/* The "Custom dates" rows, shown with TG_STATS_PERIOD_CUSTOM. */
void           tg_stats_view_get_date_rows      (TgStatsView  *self,
                                                 AdwEntryRow **from,
                                                 AdwEntryRow **to);
GtkListBox    *tg_stats_view_get_list           (TgStatsView *self);
/* "empty", "error", "overview" or "detail". */
const char    *tg_stats_view_get_page_name      (TgStatsView *self);
/* "plays", "charts" or "report". */
void           tg_stats_view_set_section        (TgStatsView *self,
                                                 const char  *name);
TgPlayDetail  *tg_stats_view_get_detail         (TgStatsView *self);
TgStatsCharts *tg_stats_view_get_charts         (TgStatsView *self);
TgReportPage  *tg_stats_view_get_report         (TgStatsView *self);

G_END_DECLS
