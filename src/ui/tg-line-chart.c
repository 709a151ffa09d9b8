/* tg-line-chart.c: points, moving average and trend of one measure. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-chart-private.h"
#include "tg-line-chart.h"
#include "tg-stats.h"

struct _TgLineChart
{
  TgChart      parent_instance;

  GArray      *values;    /* double */
  GStrv        labels;
  guint        window;
  gboolean     show_trend;
  gboolean     lower_is_better;
  gboolean     attempts;  /* drill attempts rather than matches */
  TgChartUnit  unit;
  guint        color;
};

G_DEFINE_FINAL_TYPE (TgLineChart, tg_line_chart, TG_TYPE_CHART)

static gboolean
tg_line_chart_is_empty (TgChart *chart)
{
  TgLineChart *self = TG_LINE_CHART (chart);

  for (guint i = 0; i < self->values->len; i++)
    if (!isnan (g_array_index (self->values, double, i)))
      return FALSE;
  return TRUE;
}

static char *
label_at (TgLineChart *self,
          guint        i)
{
  if (self->labels != NULL)
    return g_strdup (self->labels[i]);
  return g_strdup_printf ("#%u", i + 1);
}

/* A polyline through the non-NAN points, broken at gaps. */
static void
stroke_series (cairo_t      *cr,
               const double *ys,
               guint         n,
               double        x0,
               double        dx,
               double        top,
               double        height,
               double        min,
               double        max)
{
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double x = x0 + dx * i;
      double y;

      if (isnan (ys[i]))
        {
          pen_down = FALSE;
          continue;
        }
      y = top + height - (ys[i] - min) / (max - min) * height;
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);
}

static void
tg_line_chart_draw (TgChart *chart,
                    cairo_t *cr,
                    gpointer context)
{
  TgLineChart *self = TG_LINE_CHART (chart);
  TgChartContext *ctx = context;
  const double *v = (const double *) self->values->data;
  guint n = self->values->len;
  const GdkRGBA *color = tg_chart_series_color (ctx, self->color);
  g_autofree double *average = g_new (double, MAX (1, n));
  g_autofree char *average_name = NULL;
  const char *names[3];
  const GdkRGBA *colors[3];
  GdkRGBA points = *color, trend_color = ctx->palette->foreground;
  guint n_names = 0;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, min, max, step, x0, dx, slope = 0, intercept = 0;
  double last_label_end = -G_MAXDOUBLE;
  gboolean has_trend = FALSE;
  g_autofree double *index = g_new (double, MAX (1, n));

  for (guint i = 0; i < n; i++)
    {
      index[i] = i;
      if (!isnan (v[i]))
        {
          lo = MIN (lo, v[i]);
          hi = MAX (hi, v[i]);
        }
    }
  if (self->window > 0)
    tg_stats_moving_average (v, n, self->window, average);
  if (self->show_trend)
    has_trend = tg_stats_linear_fit (index, v, n, &slope, &intercept);

  points.alpha = 0.55;
  trend_color.alpha = 0.6;
  names[n_names] = self->attempts ? _("Each attempt") : _("Each match");
  colors[n_names++] = &points;
  if (self->window > 1)
    {
      if (self->attempts)
        average_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Average of the last %u attempt",
                                                     "Average of the last %u attempts", self->window),
                                        self->window);
      else
        average_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Average of the last %u match",
                                                     "Average of the last %u matches", self->window),
                                        self->window);
      names[n_names] = average_name;
      colors[n_names++] = color;
    }
  if (has_trend)
    {
      names[n_names] = _("Trend");
      colors[n_names++] = &trend_color;
    }
  tg_chart_draw_legend (ctx, cr, names, colors, n_names);
  tg_chart_reserve_axes (ctx);

  /* Times and positions start at zero so a bar of progress is honest. */
  tg_chart_nice_range (MIN (0, lo), hi, 5, &min, &max, &step);
  tg_chart_draw_y_axis (ctx, cr, min, max, step, self->unit);

  dx = n > 1 ? ctx->plot.width / n : 0;
  x0 = ctx->plot.left + (n > 1 ? dx / 2 : ctx->plot.width / 2);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1);
  tg_chart_set_source (cr, &points, 1);
  stroke_series (cr, v, n, x0, dx, ctx->plot.top, ctx->plot.height, min, max);

  if (self->window > 1)
    {
      cairo_set_line_width (cr, 2.5);
      tg_chart_set_source (cr, color, 1);
      stroke_series (cr, average, n, x0, dx, ctx->plot.top, ctx->plot.height, min, max);
    }

  if (has_trend)
    {
      static const double dashes[] = { 6, 4 };
      double ends[2] = { intercept, intercept + slope * (n - 1) };

      cairo_save (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 1.5);
      tg_chart_set_source (cr, &trend_color, 1);
      stroke_series (cr, ends, 2, x0, dx * (n - 1), ctx->plot.top, ctx->plot.height, min, max);
      cairo_restore (cr);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = label_at (self, i);
      double x = x0 + dx * i;

      if (!isnan (v[i]))
        {
          double y = ctx->plot.top + ctx->plot.height - (v[i] - min) / (max - min) * ctx->plot.height;
          g_autofree char *value = tg_chart_format_value (v[i], self->unit);
          g_autoptr(GString) tooltip = g_string_new (NULL);

          tg_chart_set_source (cr, color, 1);
          cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
          cairo_fill (cr);

          g_string_append_printf (tooltip, "%s: %s", label, value);
          if (self->window > 1 && !isnan (average[i]))
            {
              g_autofree char *avg = tg_chart_format_value (average[i], self->unit);
              g_string_append_printf (tooltip, "\n%s: %s", average_name, avg);
            }
          tg_chart_add_hit (ctx, x - MAX (4, dx / 2), ctx->plot.top, MAX (8, dx),
                            ctx->plot.height, tooltip->str);
        }
      tg_chart_draw_x_label (ctx, cr, label, x, &last_label_end);
    }

  if (has_trend)
    {
      /* A change of queue position is a number of places, not a position ("−#12"). */
      g_autofree char *per_play = tg_chart_format_value (fabs (slope), self->unit == TG_CHART_UNIT_POSITION
                                                                         ? TG_CHART_UNIT_COUNT : self->unit);
      g_autofree char *caption = NULL;
      gboolean better = self->lower_is_better ? slope < 0 : slope > 0;

      if (self->attempts)
        /* Translators: the trend line's caption on a drill chart: "−120 ms per attempt (better)". */
        caption = g_strdup_printf (better ? _("Trend: %s%s per attempt (improving)")
                                          : _("Trend: %s%s per attempt"),
                                   slope < 0 ? "−" : "+", per_play);
      else
        /* Translators: the trend line's caption: "−120 ms per match (better)". */
        caption = g_strdup_printf (better ? _("Trend: %s%s per match (improving)")
                                          : _("Trend: %s%s per match"),
                                   slope < 0 ? "−" : "+", per_play);
      tg_chart_draw_x_axis (ctx, cr, caption);
    }
  else
    tg_chart_draw_x_axis (ctx, cr, NULL);
}

static void
tg_line_chart_finalize (GObject *object)
{
  TgLineChart *self = TG_LINE_CHART (object);

  g_array_unref (self->values);
  g_strfreev (self->labels);

  G_OBJECT_CLASS (tg_line_chart_parent_class)->finalize (object);
}

static void
tg_line_chart_class_init (TgLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TgChartClass *chart_class = TG_CHART_CLASS (klass);

  object_class->finalize = tg_line_chart_finalize;
  chart_class->is_empty = tg_line_chart_is_empty;
  chart_class->draw = tg_line_chart_draw;
}

static void
tg_line_chart_init (TgLineChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->window = 5;
  self->show_trend = TRUE;
  self->lower_is_better = TRUE;
  self->unit = TG_CHART_UNIT_MS;
}

TgLineChart *
tg_line_chart_new (void)
{
  return g_object_new (TG_TYPE_LINE_CHART, NULL);
}

void
tg_line_chart_set_values (TgLineChart        *self,
                          const double       *values,
                          const char * const *labels,
                          guint               n_values)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  g_return_if_fail (n_values == 0 || values != NULL);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n_values);
  g_clear_pointer (&self->labels, g_strfreev);
  if (labels != NULL)
    {
      self->labels = g_new0 (char *, n_values + 1);
      for (guint i = 0; i < n_values; i++)
        self->labels[i] = g_strdup (labels[i] != NULL ? labels[i] : "");
    }
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_line_chart_set_window (TgLineChart *self,
                          guint        window)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->window = window;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_line_chart_set_show_trend (TgLineChart *self,
                              gboolean     show)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->show_trend = show;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_line_chart_set_unit (TgLineChart *self,
                        TgChartUnit  unit)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->unit = unit;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_line_chart_set_color (TgLineChart *self,
                         guint        color)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->color = color;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_line_chart_set_lower_is_better (TgLineChart *self,
                                   gboolean     lower_is_better)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->lower_is_better = lower_is_better;
  tg_chart_data_changed (TG_CHART (self));
}

/* Points are drill attempts, not matches: only changes the legend's and the trend's wording. */
void
tg_line_chart_set_attempts (TgLineChart *self,
                            gboolean     attempts)
{
  g_return_if_fail (TG_IS_LINE_CHART (self));
  self->attempts = attempts;
  tg_chart_data_changed (TG_CHART (self));
}
