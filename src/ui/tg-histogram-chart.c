/* tg-histogram-chart.c: the player's bars over the bots' outline. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-chart-private.h"
#include "tg-histogram-chart.h"

struct _TgHistogramChart
{
  TgChart      parent_instance;

  guint        n_bins;
  double      *edges;
  double      *player;   /* NULL: none */
  double      *bots;     /* NULL: none */
  TgChartUnit  unit;
};

G_DEFINE_FINAL_TYPE (TgHistogramChart, tg_histogram_chart, TG_TYPE_CHART)

static gboolean
any_positive (const double *values,
              guint         n)
{
  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (values[i] > 0)
      return TRUE;
  return FALSE;
}

static gboolean
tg_histogram_chart_is_empty (TgChart *chart)
{
  TgHistogramChart *self = TG_HISTOGRAM_CHART (chart);

  /* The bots alone are no history of the player's. */
  return !any_positive (self->player, self->n_bins);
}

static void
tg_histogram_chart_draw (TgChart *chart,
                         cairo_t *cr,
                         gpointer context)
{
  TgHistogramChart *self = TG_HISTOGRAM_CHART (chart);
  TgChartContext *ctx = context;
  const GdkRGBA *player_color = tg_chart_series_color (ctx, 0);
  const GdkRGBA *bot_color = tg_chart_series_color (ctx, 3);
  const char *names[2] = { _("You"), _("Bots of the same matches") };
  const GdkRGBA *colors[2] = { player_color, bot_color };
  double top = 0, min, max, step, bin_width, last_label_end = -G_MAXDOUBLE;

  tg_chart_draw_legend (ctx, cr, names, colors, self->bots != NULL ? 2 : 1);
  tg_chart_reserve_axes (ctx);
  for (guint b = 0; b < self->n_bins; b++)
    {
      top = MAX (top, self->player != NULL ? self->player[b] : 0);
      top = MAX (top, self->bots != NULL ? self->bots[b] : 0);
    }
  tg_chart_nice_range (0, top, 4, &min, &max, &step);
  tg_chart_draw_y_axis (ctx, cr, min, max, step, TG_CHART_UNIT_PERCENT);

  bin_width = ctx->plot.width / self->n_bins;
  for (guint b = 0; b < self->n_bins; b++)
    {
      double x = ctx->plot.left + bin_width * b;
      double base = ctx->plot.top + ctx->plot.height;
      g_autofree char *from = tg_chart_format_value (self->edges[b], self->unit);
      g_autofree char *to = tg_chart_format_value (self->edges[b + 1], self->unit);
      g_autoptr(GString) tooltip = g_string_new (NULL);

      /* Translators: a histogram bin, "1.2 s – 1.4 s". */
      g_string_append_printf (tooltip, _("%s – %s"), from, to);
      if (self->player != NULL)
        {
          double h = self->player[b] / max * ctx->plot.height;

          tg_chart_set_source (cr, player_color, 1);
          cairo_rectangle (cr, x + 1, base - h, MAX (1, bin_width - 2), h);
          cairo_fill (cr);
          g_string_append_c (tooltip, '\n');
          g_string_append_printf (tooltip, _("You: %.0f%% of your matches"), self->player[b]);
        }
      if (self->bots != NULL)
        {
          g_string_append_c (tooltip, '\n');
          g_string_append_printf (tooltip, _("Bots: %.0f%%"), self->bots[b]);
        }
      tg_chart_add_hit (ctx, x, ctx->plot.top, bin_width, ctx->plot.height, tooltip->str);
    }

  /* The bots as a step outline over the bars, so both stay readable. */
  if (self->bots != NULL)
    {
      double base = ctx->plot.top + ctx->plot.height;

      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      tg_chart_set_source (cr, bot_color, 1);
      cairo_move_to (cr, ctx->plot.left, base);
      for (guint b = 0; b < self->n_bins; b++)
        {
          double y = base - self->bots[b] / max * ctx->plot.height;

          cairo_line_to (cr, ctx->plot.left + bin_width * b, y);
          cairo_line_to (cr, ctx->plot.left + bin_width * (b + 1), y);
        }
      cairo_line_to (cr, ctx->plot.left + ctx->plot.width, base);
      cairo_stroke (cr);
    }

  for (guint b = 0; b <= self->n_bins; b++)
    {
      double edge_step = self->n_bins > 0 ? self->edges[1] - self->edges[0] : 1;
      g_autofree char *label = tg_chart_format_tick (self->edges[b], edge_step, self->unit);
      tg_chart_draw_x_label (ctx, cr, label, ctx->plot.left + bin_width * b, &last_label_end);
    }
  {
    /* Translators: the x axis caption of a histogram, with its unit ("s", "position"…). */
    g_autofree char *caption = g_strdup_printf (_("Time (%s)"), tg_chart_unit_label (self->unit));
    tg_chart_draw_x_axis (ctx, cr, caption);
  }
}

static void
tg_histogram_chart_finalize (GObject *object)
{
  TgHistogramChart *self = TG_HISTOGRAM_CHART (object);

  g_free (self->edges);
  g_free (self->player);
  g_free (self->bots);

  G_OBJECT_CLASS (tg_histogram_chart_parent_class)->finalize (object);
}

static void
tg_histogram_chart_class_init (TgHistogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TgChartClass *chart_class = TG_CHART_CLASS (klass);

  object_class->finalize = tg_histogram_chart_finalize;
  chart_class->is_empty = tg_histogram_chart_is_empty;
  chart_class->draw = tg_histogram_chart_draw;
}

static void
tg_histogram_chart_init (TgHistogramChart *self)
{
  self->unit = TG_CHART_UNIT_MS;
}

TgHistogramChart *
tg_histogram_chart_new (void)
{
  return g_object_new (TG_TYPE_HISTOGRAM_CHART, NULL);
}

void
tg_histogram_chart_set_data (TgHistogramChart *self,
                             const double     *edges,
                             guint             n_bins,
                             const double     *player_share,
                             const double     *bot_share)
{
  g_return_if_fail (TG_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (n_bins == 0 || edges != NULL);

  g_clear_pointer (&self->edges, g_free);
  g_clear_pointer (&self->player, g_free);
  g_clear_pointer (&self->bots, g_free);
  self->n_bins = n_bins;
  if (n_bins > 0)
    {
      self->edges = g_memdup2 (edges, sizeof (double) * (n_bins + 1));
      if (player_share != NULL)
        self->player = g_memdup2 (player_share, sizeof (double) * n_bins);
      if (bot_share != NULL)
        self->bots = g_memdup2 (bot_share, sizeof (double) * n_bins);
    }
  tg_chart_data_changed (TG_CHART (self));
}

void
tg_histogram_chart_set_unit (TgHistogramChart *self,
                             TgChartUnit       unit)
{
  g_return_if_fail (TG_IS_HISTOGRAM_CHART (self));
  self->unit = unit;
  tg_chart_data_changed (TG_CHART (self));
}
