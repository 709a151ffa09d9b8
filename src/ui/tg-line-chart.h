/* tg-line-chart.h: one measure over successive plays — each play as a point, its moving average
 * as a line, and the least-squares trend. */
#pragma once

#include "tg-chart.h"

G_BEGIN_DECLS

#define TG_TYPE_LINE_CHART (tg_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (TgLineChart, tg_line_chart, TG, LINE_CHART, TgChart)

TgLineChart *tg_line_chart_new          (void);
/* One value per play, oldest first; NAN for a play without one (a gap). @labels (x axis and
 * tooltips, e.g. dates) may be NULL for "#1", "#2" … */
void         tg_line_chart_set_values   (TgLineChart        *self,
                                         const double       *values,
                                         const char * const *labels,
                                         guint               n_values);
/* Plays in the moving average; 0 hides it. Default 5. */
void         tg_line_chart_set_window   (TgLineChart        *self,
                                         guint               window);
void         tg_line_chart_set_show_trend (TgLineChart      *self,
                                         gboolean            show);
void         tg_line_chart_set_unit     (TgLineChart        *self,
                                         TgChartUnit         unit);
/* Series colour (0–7) of the points and lines. */
void         tg_line_chart_set_color    (TgLineChart        *self,
                                         guint               color);
/* Lower is better (times, queue positions): only changes the tooltip's wording of the trend. */
void         tg_line_chart_set_lower_is_better (TgLineChart *self,
                                         gboolean            lower_is_better);
/* The points are drill attempts, not matches (the legend and the trend say so). */
void         tg_line_chart_set_attempts (TgLineChart       *self,
                                         gboolean            attempts);

G_END_DECLS
