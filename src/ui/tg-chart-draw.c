/* tg-chart-draw.c: the pieces charts are drawn with — text, legend, axes, units. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-chart-private.h"

const GdkRGBA *
tg_chart_series_color (const TgChartContext *ctx,
                       guint                 index)
{
  return &ctx->palette->series[index % TG_CHART_N_SERIES_COLORS];
}

void
tg_chart_set_source (cairo_t       *cr,
                     const GdkRGBA *color,
                     double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* @scale times the chart's font. GTK hands widgets an absolute (pixel) size: setting the scaled
 * size with pango_font_description_set_size() would turn 0.85 × 13.3 px into 11.3 points, a
 * larger font than the one it was meant to shrink (axis labels then overran each other). */
static PangoFontDescription *
scaled_font (const TgChartContext *ctx,
             double                scale)
{
  PangoFontDescription *font = pango_font_description_copy (ctx->font);
  int size = (int) (pango_font_description_get_size (font) * scale);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size);
  else
    pango_font_description_set_size (font, size);
  return font;
}

double
tg_chart_draw_text (const TgChartContext *ctx,
                    cairo_t              *cr,
                    const char           *text,
                    double                x,
                    double                y,
                    TgChartAlign          halign,
                    TgChartAlign          valign,
                    const GdkRGBA        *color,
                    double                scale)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = scaled_font (ctx, scale);
  int w, h;

  if (scale > 1.0)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (halign == TG_CHART_ALIGN_CENTER)
    x -= w / 2.0;
  else if (halign == TG_CHART_ALIGN_END)
    x -= w;
  if (valign == TG_CHART_ALIGN_CENTER)
    y -= h / 2.0;
  else if (valign == TG_CHART_ALIGN_END)
    y -= h;
  cairo_move_to (cr, x, y);
  tg_chart_set_source (cr, color, 1);
  pango_cairo_show_layout (cr, layout);
  return w;
}

static double
text_width (const TgChartContext *ctx,
            cairo_t              *cr,
            const char           *text,
            double                scale)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = scaled_font (ctx, scale);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

void
tg_chart_draw_legend (const TgChartContext *ctx,
                      cairo_t              *cr,
                      const char * const   *names,
                      const GdkRGBA       **colors,
                      guint                 n_names)
{
  TgChartContext *mutable_ctx = (TgChartContext *) ctx;
  double x = ctx->plot.left;
  double y = ctx->plot.top + LEGEND_HEIGHT / 2;
  double right = ctx->plot.left + ctx->plot.width;

  for (guint i = 0; i < n_names; i++)
    {
      const GdkRGBA *color = colors != NULL ? colors[i] : tg_chart_series_color (ctx, i);
      double w = 14 + text_width (ctx, cr, names[i], 0.9);

      /* Wrap to a new row rather than run off the edge. */
      if (x > ctx->plot.left && x + w > right)
        {
          x = ctx->plot.left;
          y += LEGEND_HEIGHT;
          mutable_ctx->plot.top += LEGEND_HEIGHT;
          mutable_ctx->plot.height -= LEGEND_HEIGHT;
        }
      tg_chart_set_source (cr, color, 1);
      cairo_rectangle (cr, x, y - 5, 10, 10);
      cairo_fill (cr);
      tg_chart_draw_text (ctx, cr, names[i], x + 14, y, TG_CHART_ALIGN_START,
                          TG_CHART_ALIGN_CENTER, &ctx->palette->foreground, 0.9);
      x += w + 16;
    }
  mutable_ctx->plot.top += LEGEND_HEIGHT;
  mutable_ctx->plot.height -= LEGEND_HEIGHT;
}

void
tg_chart_reserve_axes (TgChartContext *ctx)
{
  ctx->plot.left += Y_AXIS_WIDTH;
  ctx->plot.width -= Y_AXIS_WIDTH;
  ctx->plot.top += 22;   /* room for the unit and the top tick label */
  ctx->plot.height -= X_AXIS_HEIGHT + 22;
  ctx->plot.width = MAX (ctx->plot.width, 1);
  ctx->plot.height = MAX (ctx->plot.height, 1);
}

void
tg_chart_nice_range (double  min,
                     double  max,
                     guint   n_ticks,
                     double *out_min,
                     double *out_max,
                     double *out_step)
{
  double span, raw, magnitude, step;

  if (!isfinite (min) || !isfinite (max))
    min = 0, max = 1;
  if (max <= min)
    max = min + (min == 0 ? 1 : fabs (min) * 0.1);
  span = max - min;
  raw = span / MAX (1, n_ticks);
  magnitude = pow (10, floor (log10 (raw)));
  /* 1, 2, 2.5 or 5 times a power of ten. */
  if (raw / magnitude <= 1)
    step = magnitude;
  else if (raw / magnitude <= 2)
    step = 2 * magnitude;
  else if (raw / magnitude <= 2.5)
    step = 2.5 * magnitude;
  else if (raw / magnitude <= 5)
    step = 5 * magnitude;
  else
    step = 10 * magnitude;
  *out_min = floor (min / step) * step;
  *out_max = ceil (max / step) * step;
  *out_step = step;
}

const char *
tg_chart_unit_label (TgChartUnit unit)
{
  switch (unit)
    {
    /* Translators: unit of a chart axis in seconds. */
    case TG_CHART_UNIT_MS:       return _("s");
    case TG_CHART_UNIT_PERCENT:  return "%";
    /* Translators: unit of a chart axis showing queue positions. */
    case TG_CHART_UNIT_POSITION: return _("position");
    case TG_CHART_UNIT_SCORE:    return _("points");
    case TG_CHART_UNIT_COUNT:
    default:                     return "";
    }
}

char *
tg_chart_format_value (double      value,
                       TgChartUnit unit)
{
  switch (unit)
    {
    case TG_CHART_UNIT_MS:
      if (fabs (value) < 1000)
        return g_strdup_printf (_("%.0f ms"), value);
      return g_strdup_printf (_("%.1f s"), value / 1000);
    case TG_CHART_UNIT_PERCENT:
      return g_strdup_printf ("%.0f%%", value);
    case TG_CHART_UNIT_POSITION:
      return g_strdup_printf ("#%'.0f", value);
    case TG_CHART_UNIT_SCORE:
      return g_strdup_printf ("%.1f", value);
    case TG_CHART_UNIT_COUNT:
    default:
      return g_strdup_printf ("%'.0f", value);
    }
}

/* Axis tick labels: seconds without a unit (the unit sits at the end of the axis), with as
 * many decimals as the step needs. */
char *
tg_chart_format_tick (double      value,
                      double      step,
                      TgChartUnit unit)
{
  double v = value, st = step;
  int decimals;

  if (unit == TG_CHART_UNIT_MS)
    {
      v /= 1000;
      st /= 1000;
    }
  decimals = fabs (st - round (st)) < 1e-9 ? 0 : fabs (st * 10 - round (st * 10)) < 1e-9 ? 1 : 2;
  if (decimals == 0)
    return g_strdup_printf ("%'.0f", v);
  return g_strdup_printf ("%.*f", decimals, v);
}

void
tg_chart_draw_y_axis (const TgChartContext *ctx,
                      cairo_t              *cr,
                      double                min,
                      double                max,
                      double                step,
                      TgChartUnit           unit)
{
  const TgChartRect *p = &ctx->plot;
  const char *unit_label = tg_chart_unit_label (unit);

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (double v = min; v <= max + step / 1000; v += step)
    {
      double y = round (p->top + p->height - (v - min) / (max - min) * p->height) + 0.5;
      g_autofree char *label = tg_chart_format_tick (v, step, unit);

      tg_chart_set_source (cr, &ctx->palette->grid, 1);
      cairo_move_to (cr, p->left, y);
      cairo_line_to (cr, p->left + p->width, y);
      cairo_stroke (cr);
      tg_chart_draw_text (ctx, cr, label, p->left - 6, y, TG_CHART_ALIGN_END, TG_CHART_ALIGN_CENTER,
                          &ctx->palette->dim, 0.85);
    }
  if (unit_label[0] != '\0')
    tg_chart_draw_text (ctx, cr, unit_label, p->left - 6, p->top - 10, TG_CHART_ALIGN_END,
                        TG_CHART_ALIGN_END, &ctx->palette->dim, 0.85);
  cairo_restore (cr);
}

void
tg_chart_draw_x_axis (const TgChartContext *ctx,
                      cairo_t              *cr,
                      const char           *caption)
{
  const TgChartRect *p = &ctx->plot;
  double y = round (p->top + p->height) + 0.5;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  tg_chart_set_source (cr, &ctx->palette->dim, 1);
  cairo_move_to (cr, p->left, y);
  cairo_line_to (cr, p->left + p->width, y);
  cairo_stroke (cr);
  if (caption != NULL)
    tg_chart_draw_text (ctx, cr, caption, p->left + p->width, y + X_AXIS_HEIGHT - 2,
                        TG_CHART_ALIGN_END, TG_CHART_ALIGN_END, &ctx->palette->dim, 0.85);
  cairo_restore (cr);
}

void
tg_chart_draw_x_label (const TgChartContext *ctx,
                       cairo_t              *cr,
                       const char           *label,
                       double                x,
                       double               *last_end)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  int w, h;

  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  /* The label is drawn at 0.85 of this size, but measuring it at full size keeps a clear gap
   * between neighbours whatever the renderer's hinting does. */
  /* Keep the first and last labels inside the drawing. */
  x = CLAMP (x, w / 2.0 + 2, ctx->width - w / 2.0 - 2);
  if (last_end != NULL && x - w / 2.0 < *last_end + 8)
    return;
  tg_chart_draw_text (ctx, cr, label, x, ctx->plot.top + ctx->plot.height + 4,
                      TG_CHART_ALIGN_CENTER, TG_CHART_ALIGN_START, &ctx->palette->dim, 0.85);
  if (last_end != NULL)
    *last_end = x + w / 2.0;
}

