/* tg-chart-builders.h: the stats view's charts filled from the play history.
 *
 * Each function sets the chart's title, empty-state text, unit and data from TgHistoryPlay or
 * TgHistoryDrill arrays (any order, as tg_history_list_plays() returns them). Call again when
 * the history or the filter changes.
 */
#pragma once

#include "tg-bar-chart.h"
#include "tg-histogram-chart.h"
#include "tg-history.h"
#include "tg-line-chart.h"

G_BEGIN_DECLS

typedef enum
{
  TG_CHART_TREND_REACTION,
  TG_CHART_TREND_QUEUE_POSITION,
  TG_CHART_TREND_CAPTCHA,
  TG_CHART_TREND_SEAT,
  TG_CHART_N_TRENDS
} TgChartTrend;

/* One stacked bar of stage times per play, oldest left; the last @max_plays (0: all). */
void tg_chart_show_stage_times     (TgBarChart       *chart,
                                    GPtrArray        *plays,
                                    guint             max_plays);
/* A measure per play with its moving average over @window plays and its trend. */
void tg_chart_show_trend           (TgLineChart      *chart,
                                    GPtrArray        *plays,
                                    TgChartTrend      trend,
                                    guint             window);
/* The player's times at @stage against the bots of the same matches. */
void tg_chart_show_stage_histogram (TgHistogramChart *chart,
                                    GPtrArray        *plays,
                                    TgStage           stage);
/* Grades (S, A, B, F) per difficulty, the success rate over each bar. */
void tg_chart_show_difficulties    (TgBarChart       *chart,
                                    GPtrArray        *plays);
/* Seats obtained per seat grade. */
void tg_chart_show_seat_grades     (TgBarChart       *chart,
                                    GPtrArray        *plays);
/* Season score per week, the best week marked. */
void tg_chart_show_season_weeks    (TgBarChart       *chart,
                                    GPtrArray        *plays);
/* Times of one kind of drill, with moving average and trend. */
void tg_chart_show_drill_times     (TgLineChart      *chart,
                                    GPtrArray        *drills,
                                    TgDrillKind       kind);

G_END_DECLS
