/* tg-bar-chart.c: stacked bars. */

#include "config.h"

#include <math.h>

#include "tg-bar-chart.h"
#include "tg-chart-private.h"

struct _TgBarChart
{
  TgChart      parent_instance;

  GStrv        series;
  guint        n_series;
  guint       *series_colors;
  GStrv        categories;
  guint        n_categories;
  double      *values;        /* n_categories × n_series */
  GStrv        annotations;
  TgChartUnit  unit;
  char        *x_caption;
};

G_DEFINE_FINAL_TYPE (TgBarChart, tg_bar_chart, TG_TYPE_CHART)

static double
value_at (TgBarChart *self,
          guint       category,
          guint       series)
{
  double v = self->values[category * self->n_series + series];

  return isnan (v) || v < 0 ? 0 : v;
}

static gboolean
tg_bar_chart_is_empty (TgChart *chart)
{
  TgBarChart *self = TG_BAR_CHART (chart);

  for (guint c = 0; c < self->n_categories; c++)
    for (guint s = 0; s < self->n_series; s++)
      if (value_at (self, c, s) > 0)
        return FALSE;
  return TRUE;
}

static void
tg_bar_chart_draw (TgChart *chart,
                   cairo_t *cr,
                   gpointer context)
{
  TgBarChart *self = TG_BAR_CHART (chart);
  TgChartContext *ctx = context;
  g_autofree const GdkRGBA **colors = g_new (const GdkRGBA *, MAX (1, self->n_series));
  double max_total = 0, min, max, step, slot, bar_width, last_label_end = -G_MAXDOUBLE;

  for (guint s = 0; s < self->n_series; s++)
    colors[s] = tg_chart_series_color (ctx, self->series_colors[s]);
  if (self->n_series > 1)
    tg_chart_draw_legend (ctx, cr, (const char * const *) self->series, colors, self->n_series);
  tg_chart_reserve_axes (ctx);

  for (guint c = 0; c < self->n_categories; c++)
    {
      double total = 0;
      for (guint s = 0; s < self->n_series; s++)
        total += value_at (self, c, s);
      max_total = MAX (max_total, total);
    }
  /* Room above the tallest bar for its annotation. */
  tg_chart_nice_range (0, max_total * (self->annotations != NULL ? 1.12 : 1.0), 5, &min, &max, &step);
  tg_chart_draw_y_axis (ctx, cr, min, max, step, self->unit);

  slot = ctx->plot.width / MAX (1, self->n_categories);
  bar_width = MAX (1, MIN (slot * 0.7, 64));
  for (guint c = 0; c < self->n_categories; c++)
    {
      double x = ctx->plot.left + slot * c + (slot - bar_width) / 2;
      double base = ctx->plot.top + ctx->plot.height;
      double total = 0;
      g_autoptr(GString) tooltip = g_string_new (self->categories[c]);

      for (guint s = 0; s < self->n_series; s++)
        {
          double v = value_at (self, c, s);
          double h = v / (max - min) * ctx->plot.height;
          g_autofree char *text = tg_chart_format_value (v, self->unit);

          total += v;
          if (self->n_series > 1)
            g_string_append_printf (tooltip, "\n%s: %s", self->series[s], text);
          else
            g_string_append_printf (tooltip, ": %s", text);
          if (h <= 0)
            continue;
          tg_chart_set_source (cr, colors[s], 1);
          cairo_rectangle (cr, x, base - h, bar_width, h);
          cairo_fill (cr);
          base -= h;
        }
      if (self->n_series > 1)
        {
          g_autofree char *text = tg_chart_format_value (total, self->unit);
          g_string_append_printf (tooltip, "\n%s", text);
        }
      if (self->annotations != NULL && self->annotations[c] != NULL && self->annotations[c][0])
        tg_chart_draw_text (ctx, cr, self->annotations[c], x + bar_width / 2, base - 3,
                            TG_CHART_ALIGN_CENTER, TG_CHART_ALIGN_END, &ctx->palette->foreground,
                            0.85);
      tg_chart_add_hit (ctx, ctx->plot.left + slot * c, ctx->plot.top, slot, ctx->plot.height,
                        tooltip->str);
      tg_chart_draw_x_label (ctx, cr, self->categories[c], x + bar_width / 2, &last_label_end);
    }
  tg_chart_draw_x_axis (ctx, cr, self->x_caption);
}

static void
tg_bar_chart_finalize (GObject *object)
{
  TgBarChart *self = TG_BAR_CHART (object);

  g_strfreev (self->series);
  g_free (self->series_colors);
  g_strfreev (self->categories);
  g_free (self->values);
  g_strfreev (self->annotations);
  g_free (self->x_caption);

  G_OBJECT_CLASS (tg_bar_chart_parent_class)->finalize (object);
}

static void
tg_bar_chart_class_init (TgBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TgChartClass *chart_class = TG_CHART_CLASS (klass);

  object_class->finalize = tg_bar_chart_finalize;
  chart_class->is_empty = tg_bar_chart_is_empty;
  chart_class->draw = tg_bar_chart_draw;
}

static void
tg_bar_chart_init (TgBarChart *self)
{
  self->unit = TG_CHART_UNIT_COUNT;
}

TgBarChart *
tg_bar_chart_new (void)
{
  return g_object_new (TG_TYPE_BAR_CHART, NULL);
}

static GStrv
strv_copy_n (const char * const *strv,
             guint               n)
{
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (strv != NULL && strv[i] != NULL ? strv[i] : "");
  return copy;
}

void
tg_bar_chart_set_series (TgBarChart         *self,
                         const char * const *names,
                         guint               n_series)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));
  g_return_if_fail (n_series > 0);

  g_strfreev (self->series);
  self->series = strv_copy_n (names, n_series);
  g_free (self->series_colors);
  self->series_colors = g_new (guint, n_series);
  for (guint s = 0; s < n_series; s++)
    self->series_colors[s] = s;
  /* Existing data no longer matches: drop it. */
  if (self->n_series != n_series)
    {
      g_clear_pointer (&self->values, g_free);
      g_clear_pointer (&self->categories, g_strfreev);
      g_clear_pointer (&self->annotations, g_strfreev);
      self->n_categories = 0;
    }
  self->n_series = n_series;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_bar_chart_set_series_color (TgBarChart *self,
                               guint       index,
                               guint       color)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));
  g_return_if_fail (index < self->n_series);

  self->series_colors[index] = color;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_bar_chart_set_data (TgBarChart         *self,
                       const char * const *categories,
                       guint               n_categories,
                       const double       *values)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));
  g_return_if_fail (self->n_series > 0);
  g_return_if_fail (n_categories == 0 || values != NULL);

  g_strfreev (self->categories);
  self->categories = strv_copy_n (categories, n_categories);
  g_free (self->values);
  self->values = n_categories > 0 ? g_memdup2 (values, sizeof (double) * n_categories * self->n_series)
                                  : NULL;
  self->n_categories = n_categories;
  g_clear_pointer (&self->annotations, g_strfreev);
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_bar_chart_set_annotations (TgBarChart         *self,
                              const char * const *annotations)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));

  g_clear_pointer (&self->annotations, g_strfreev);
  if (annotations != NULL)
    self->annotations = strv_copy_n (annotations, self->n_categories);
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_bar_chart_set_unit (TgBarChart  *self,
                       TgChartUnit  unit)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));

  self->unit = unit;
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_bar_chart_set_x_caption (TgBarChart *self,
                            const char *caption)
{
  g_return_if_fail (TG_IS_BAR_CHART (self));

  g_free (self->x_caption);
  self->x_caption = g_strdup (caption);
  tg_chart_data_changed (TG_CHART (self));
}

guint
tg_bar_chart_get_n_categories (TgBarChart *self)
{
  g_return_val_if_fail (TG_IS_BAR_CHART (self), 0);
  return self->n_categories;
}
