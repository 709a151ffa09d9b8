/* tg-stage-chart.c: a play's stages against the bots' distribution. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-chart-private.h"
#include "tg-stage-chart.h"
#include "tg-stats.h"

#define LABEL_WIDTH 120.0

struct _TgStageChart
{
  TgChart            parent_instance;

  gboolean           has_result;
  gint64             stage_ms[TG_N_STAGES];
  double             stage_percentile[TG_N_STAGES];
  TgBotStageSummary  bots[TG_N_STAGES];
};

G_DEFINE_FINAL_TYPE (TgStageChart, tg_stage_chart, TG_TYPE_CHART)

static gboolean
tg_stage_chart_is_empty (TgChart *chart)
{
  TgStageChart *self = TG_STAGE_CHART (chart);

  if (!self->has_result)
    return TRUE;
  for (guint s = 0; s < TG_N_STAGES; s++)
    if (self->stage_ms[s] >= 0)
      return FALSE;
  return TRUE;
}

static void
tg_stage_chart_draw (TgChart *chart,
                     cairo_t *cr,
                     gpointer context)
{
  TgStageChart *self = TG_STAGE_CHART (chart);
  TgChartContext *ctx = context;
  const GdkRGBA *you = tg_chart_series_color (ctx, 0);
  const GdkRGBA *bots = tg_chart_series_color (ctx, 3);
  const char *names[2] = { _("You"), _("Bots: middle half, median and 5–95 %") };
  const GdkRGBA *colors[2] = { you, bots };
  double left, width, row_height;

  tg_chart_draw_legend (ctx, cr, names, colors, 2);
  left = ctx->plot.left + LABEL_WIDTH;
  width = MAX (10, ctx->plot.width - LABEL_WIDTH - 60);
  row_height = ctx->plot.height / TG_N_STAGES;

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgBotStageSummary *b = &self->bots[s];
      double y = ctx->plot.top + row_height * s + row_height / 2;
      double ms = self->stage_ms[s];
      double lo = 0, hi = 0, step;
      g_autoptr(GString) tooltip = g_string_new (tg_stage_get_label (s));
      g_autofree char *mine = NULL;
      gboolean known = tg_bot_stage_is_known (b);

      /* A stage the player never reached is named dimmed. */
      tg_chart_draw_text (ctx, cr, tg_stage_get_label (s), ctx->plot.left, y,
                          TG_CHART_ALIGN_START, TG_CHART_ALIGN_CENTER,
                          ms >= 0 ? &ctx->palette->foreground : &ctx->palette->dim, 0.9);
      tg_chart_set_source (cr, &ctx->palette->grid, 1);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, left, round (y) + 0.5);
      cairo_line_to (cr, left + width, round (y) + 0.5);
      cairo_stroke (cr);

      /* The row's own scale: from 0 to past the slowest of you and the bots' 95 %. */
      hi = MAX (ms, known ? tg_bot_stage_quantile (b, 95) : 0);
      if (hi <= 0)
        {
          tg_chart_draw_text (ctx, cr, _("not reached"), left, y, TG_CHART_ALIGN_START,
                              TG_CHART_ALIGN_CENTER, &ctx->palette->dim, 0.85);
          continue;
        }
      tg_chart_nice_range (0, hi, 4, &lo, &hi, &step);

#define X(v) (left + (v - lo) / (hi - lo) * width)
      if (known)
        {
          double q5 = tg_bot_stage_quantile (b, 5), q25 = tg_bot_stage_quantile (b, 25);
          double q50 = tg_bot_stage_quantile (b, 50), q75 = tg_bot_stage_quantile (b, 75);
          double q95 = tg_bot_stage_quantile (b, 95);
          g_autofree char *median = tg_chart_format_value (q50, TG_CHART_UNIT_MS);
          g_autofree char *from = tg_chart_format_value (q25, TG_CHART_UNIT_MS);
          g_autofree char *to = tg_chart_format_value (q75, TG_CHART_UNIT_MS);

          tg_chart_set_source (cr, bots, 0.3);
          cairo_rectangle (cr, X (q5), y - 4, MAX (1, X (q95) - X (q5)), 8);
          cairo_fill (cr);
          tg_chart_set_source (cr, bots, 1);
          cairo_rectangle (cr, X (q25), y - 9, MAX (2, X (q75) - X (q25)), 18);
          cairo_fill (cr);
          tg_chart_set_source (cr, &ctx->palette->background, 1);
          cairo_rectangle (cr, X (q50) - 1, y - 9, 2, 18);
          cairo_fill (cr);
          g_string_append_c (tooltip, '\n');
          /* Translators: the bots' median and middle half at a stage. */
          g_string_append_printf (tooltip, _("Bots: median %s, middle half %s – %s"), median, from, to);
        }

      if (ms < 0)
        {
          g_string_append_c (tooltip, '\n');
          g_string_append (tooltip, _("You did not reach this stage"));
        }
      else
        {
          double x = X (ms);

          mine = tg_chart_format_value (ms, TG_CHART_UNIT_MS);
          tg_chart_set_source (cr, you, 1);
          cairo_move_to (cr, x, y - 9);
          cairo_line_to (cr, x + 7, y);
          cairo_line_to (cr, x, y + 9);
          cairo_line_to (cr, x - 7, y);
          cairo_close_path (cr);
          cairo_fill_preserve (cr);
          tg_chart_set_source (cr, &ctx->palette->background, 1);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          g_string_append_c (tooltip, '\n');
          g_string_append_printf (tooltip, _("You: %s"), mine);
          {
            double share = known ? tg_bot_stage_share_slower (b, ms) : self->stage_percentile[s];

            if (share >= 0)
              {
                g_string_append_c (tooltip, '\n');
                g_string_append_printf (tooltip, _("Faster than %.0f%% of the bots"), share);
              }
          }
        }
#undef X

      {
        g_autofree char *end = tg_chart_format_value (hi, TG_CHART_UNIT_MS);

        tg_chart_draw_text (ctx, cr, end, left + width + 6, y, TG_CHART_ALIGN_START,
                            TG_CHART_ALIGN_CENTER, &ctx->palette->dim, 0.85);
      }
      tg_chart_add_hit (ctx, ctx->plot.left, y - row_height / 2, ctx->plot.width, row_height,
                        tooltip->str);
    }
}

static void
tg_stage_chart_class_init (TgStageChartClass *klass)
{
  TgChartClass *chart_class = TG_CHART_CLASS (klass);

  chart_class->is_empty = tg_stage_chart_is_empty;
  chart_class->draw = tg_stage_chart_draw;
}

static void
tg_stage_chart_init (TgStageChart *self)
{
  tg_chart_set_title (TG_CHART (self), _("Your stages against the bots"));
  tg_chart_set_empty_text (TG_CHART (self), _("This play did not get past the start."));
}

TgStageChart *
tg_stage_chart_new (void)
{
  return g_object_new (TG_TYPE_STAGE_CHART, NULL);
}

void
tg_stage_chart_set_result (TgStageChart   *self,
                           const TgResult *result)
{
  g_return_if_fail (TG_IS_STAGE_CHART (self));

  self->has_result = result != NULL;
  if (result != NULL)
    {
      memcpy (self->stage_ms, result->stage_ms, sizeof self->stage_ms);
      memcpy (self->stage_percentile, result->stage_percentile, sizeof self->stage_percentile);
      memcpy (self->bots, result->bot_stages, sizeof self->bots);
    }
  tg_chart_data_changed (TG_CHART (self));
}
