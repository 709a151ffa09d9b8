/* tg-histogram-chart.h: how a player's times spread against the bots' — both as the share of
 * plays (or bots) per time bin. */
#pragma once

#include "tg-chart.h"

G_BEGIN_DECLS

#define TG_TYPE_HISTOGRAM_CHART (tg_histogram_chart_get_type ())
G_DECLARE_FINAL_TYPE (TgHistogramChart, tg_histogram_chart, TG, HISTOGRAM_CHART, TgChart)

TgHistogramChart *tg_histogram_chart_new      (void);
/* @edges: n_bins + 1 ascending bin edges (in the unit's raw values, ms for times);
 * @player_share and @bot_share: percent per bin (either may be NULL). */
void              tg_histogram_chart_set_data (TgHistogramChart *self,
                                               const double     *edges,
                                               guint             n_bins,
                                               const double     *player_share,
                                               const double     *bot_share);
void              tg_histogram_chart_set_unit (TgHistogramChart *self,
                                               TgChartUnit       unit);

G_END_DECLS
