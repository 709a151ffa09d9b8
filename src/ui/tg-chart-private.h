/* tg-chart-private.h: what TgChart's subclasses draw with. */
#pragma once

#include "tg-chart.h"

G_BEGIN_DECLS

#define TG_CHART_N_SERIES_COLORS 8

/* Layout, in pixels. */
#define MARGIN        12.0
#define TITLE_HEIGHT  26.0
#define LEGEND_HEIGHT 22.0
#define Y_AXIS_WIDTH  52.0
#define X_AXIS_HEIGHT 40.0

typedef struct
{
  GdkRGBA background;
  GdkRGBA foreground;
  GdkRGBA dim;          /* labels, ticks */
  GdkRGBA grid;
  GdkRGBA series[TG_CHART_N_SERIES_COLORS];
} TgChartPalette;

typedef struct
{
  double left, top, width, height;
} TgChartRect;

/* Handed to TgChartClass.draw: the whole drawing and the plot area left for data. */
typedef struct
{
  TgChart               *chart;
  const TgChartPalette  *palette;
  PangoFontDescription  *font;
  double                 width, height;
  TgChartRect            plot;      /* below the title and legend, inside the axes */
  GArray                *hits;      /* NULL when exporting */
} TgChartContext;

typedef enum
{
  TG_CHART_ALIGN_START,
  TG_CHART_ALIGN_CENTER,
  TG_CHART_ALIGN_END,
} TgChartAlign;

/* Subclasses call this when their data changed (redraw, empty state). */
void     tg_chart_data_changed      (TgChart              *self);

const GdkRGBA *tg_chart_series_color (const TgChartContext *ctx,
                                      guint                 index);
void     tg_chart_set_source        (cairo_t              *cr,
                                     const GdkRGBA        *color,
                                     double                alpha);

/* Text with its anchor at (@x, @y): @halign across, @valign (START = top) down. Returns the
 * width drawn. */
double   tg_chart_draw_text         (const TgChartContext *ctx,
                                     cairo_t              *cr,
                                     const char           *text,
                                     double                x,
                                     double                y,
                                     TgChartAlign          halign,
                                     TgChartAlign          valign,
                                     const GdkRGBA        *color,
                                     double                scale);

/* Legend entries (names[i] in series colour @first_color + i, or @colors when not NULL) in a
 * row under the title; moves ctx->plot.top below it. */
void     tg_chart_draw_legend       (const TgChartContext *ctx,
                                     cairo_t              *cr,
                                     const char * const   *names,
                                     const GdkRGBA       **colors,
                                     guint                 n_names);

/* Reserves room for a y axis and an x axis in ctx->plot (call after the legend). */
void     tg_chart_reserve_axes      (TgChartContext       *ctx);

/* Rounded-up range and tick step for [@min, @max] with about @n_ticks ticks. */
void     tg_chart_nice_range        (double                min,
                                     double                max,
                                     guint                 n_ticks,
                                     double               *out_min,
                                     double               *out_max,
                                     double               *out_step);

/* Grid lines and labels of a y axis over [@min, @max] (@step apart), its unit in the corner. */
void     tg_chart_draw_y_axis       (const TgChartContext *ctx,
                                     cairo_t              *cr,
                                     double                min,
                                     double                max,
                                     double                step,
                                     TgChartUnit           unit);
/* The x axis line and a caption under it. */
void     tg_chart_draw_x_axis       (const TgChartContext *ctx,
                                     cairo_t              *cr,
                                     const char           *caption);
/* An x label centred at @x under the plot; skipped if it would overlap the previous one
 * (@last_end keeps the right end of the last label drawn). */
void     tg_chart_draw_x_label      (const TgChartContext *ctx,
                                     cairo_t              *cr,
                                     const char           *label,
                                     double                x,
                                     double               *last_end);

/* A value with its unit, for labels and tooltips ("7.4 s", "62 %", "#1,204"). */
char    *tg_chart_format_value      (double                value,
                                     TgChartUnit           unit);
/* A tick label: the number alone, in seconds for TG_CHART_UNIT_MS. */
char    *tg_chart_format_tick       (double                value,
                                     double                step,
                                     TgChartUnit           unit);
/* Unit label for an axis ("s", "%", "") */
const char *tg_chart_unit_label     (TgChartUnit           unit);

/* Remembers a region with its tooltip (for screen drawing; ignored when exporting). */
void     tg_chart_add_hit           (const TgChartContext *ctx,
                                     double                x,
                                     double                y,
                                     double                width,
                                     double                height,
                                     const char           *tooltip);

G_END_DECLS
