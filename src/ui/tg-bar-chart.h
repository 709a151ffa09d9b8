/* tg-bar-chart.h: bars per category, stacked by series — stage times per play, grades by
 * difficulty, seat grades, weekly season scores. */
#pragma once

#include "tg-chart.h"

G_BEGIN_DECLS

#define TG_TYPE_BAR_CHART (tg_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (TgBarChart, tg_bar_chart, TG, BAR_CHART, TgChart)

TgBarChart *tg_bar_chart_new             (void);
/* The series stacked in each bar, bottom first; named in the legend (none for one series). */
void        tg_bar_chart_set_series      (TgBarChart         *self,
                                          const char * const *names,
                                          guint               n_series);
/* @values: n_categories × n_series, row by row; NAN or negative counts as 0. */
void        tg_bar_chart_set_data        (TgBarChart         *self,
                                          const char * const *categories,
                                          guint               n_categories,
                                          const double       *values);
/* A short text over each bar (e.g. the success rate), or NULL. */
void        tg_bar_chart_set_annotations (TgBarChart         *self,
                                          const char * const *annotations);
void        tg_bar_chart_set_unit        (TgBarChart         *self,
                                          TgChartUnit         unit);
/* Caption of the x axis, e.g. "Match". */
void        tg_bar_chart_set_x_caption   (TgBarChart         *self,
                                          const char         *caption);
/* Series @index drawn in series colour @color (0–7) instead of its own. */
void        tg_bar_chart_set_series_color (TgBarChart        *self,
                                          guint               index,
                                          guint               color);
guint       tg_bar_chart_get_n_categories (TgBarChart        *self);

G_END_DECLS
