/* tg-stats-charts.h: every chart of the stats view over the filtered plays, each with
 * "Export as PNG". */
#pragma once

#include <adwaita.h>

#include "tg-chart.h"

G_BEGIN_DECLS

typedef enum
{
  TG_STATS_CHART_STAGE_TIMES,
  TG_STATS_CHART_TREND_REACTION,
  TG_STATS_CHART_TREND_QUEUE,
  TG_STATS_CHART_TREND_CAPTCHA,
  TG_STATS_CHART_TREND_SEAT,
  TG_STATS_CHART_REACTION_HISTOGRAM,
  TG_STATS_CHART_DIFFICULTIES,
  TG_STATS_CHART_SEAT_GRADES,
  TG_STATS_CHART_SEASON_WEEKS,
  TG_STATS_N_CHARTS
} TgStatsChart;

#define TG_TYPE_STATS_CHARTS (tg_stats_charts_get_type ())
G_DECLARE_FINAL_TYPE (TgStatsCharts, tg_stats_charts, TG, STATS_CHARTS, AdwBin)

GtkWidget *tg_stats_charts_new       (void);
/* @plays: TgHistoryPlay, any order (borrowed for the call). */
void       tg_stats_charts_set_plays (TgStatsCharts *self,
                                      GPtrArray     *plays);
TgChart   *tg_stats_charts_get_chart (TgStatsCharts *self,
                                      TgStatsChart   which);
/* The file name suggested when exporting @which, e.g. "reaction-trend.png". */
const char *tg_stats_charts_get_file_name (TgStatsChart which);

G_END_DECLS
