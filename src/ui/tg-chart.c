/* tg-chart.c: the base chart widget — palette, layout helpers, empty state, tooltips, PNG. */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "tg-chart-private.h"

G_DEFINE_QUARK (tg-chart-error-quark, tg_chart_error)

G_DEFINE_ENUM_TYPE (TgChartTheme, tg_chart_theme,
                    G_DEFINE_ENUM_VALUE (TG_CHART_THEME_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (TG_CHART_THEME_LIGHT, "light"),
                    G_DEFINE_ENUM_VALUE (TG_CHART_THEME_DARK, "dark"))

typedef struct
{
  TgChartRect  rect;
  char        *text;
} Hit;

typedef struct
{
  char         *title;
  char         *empty_text;
  TgChartTheme  theme;
  GArray       *hits;        /* Hit, from the last screen drawing */
  double        hover_x, hover_y;
  gboolean      hovering;
} TgChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TgChart, tg_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  PROP_THEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME palette: the darker shades on light, the lighter ones on dark. */
static const char * const light_series[TG_CHART_N_SERIES_COLORS] = {
  "#1c71d8", "#26a269", "#e5a50a", "#c64600", "#c01c28", "#813d9c", "#865e3c", "#0e8a8a",
};
static const char * const dark_series[TG_CHART_N_SERIES_COLORS] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb", "#cdab8f", "#5bc8c8",
};

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
hit_clear (Hit *hit)
{
  g_free (hit->text);
}

gboolean
tg_chart_is_dark (TgChart *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  GdkRGBA fg;

  g_return_val_if_fail (TG_IS_CHART (self), FALSE);

  if (priv->theme != TG_CHART_THEME_AUTO)
    return priv->theme == TG_CHART_THEME_DARK;
  if (adw_is_initialized ())
    return adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* Plain GTK: light text means a dark theme. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
palette_init (TgChartPalette *palette,
              gboolean        dark)
{
  const char * const *series = dark ? dark_series : light_series;

  gdk_rgba_parse (&palette->background, dark ? "#242424" : "#ffffff");
  gdk_rgba_parse (&palette->foreground, dark ? "#ffffff" : "#1e1e1e");
  palette->dim = palette->foreground;
  palette->dim.alpha = dark ? 0.7 : 0.65;
  palette->grid = palette->foreground;
  palette->grid.alpha = dark ? 0.15 : 0.12;
  for (guint i = 0; i < TG_CHART_N_SERIES_COLORS; i++)
    gdk_rgba_parse (&palette->series[i], series[i]);
}

void
tg_chart_add_hit (const TgChartContext *ctx,
                  double                x,
                  double                y,
                  double                width,
                  double                height,
                  const char           *tooltip)
{
  Hit hit;

  if (ctx->hits == NULL)
    return;
  hit.rect = (TgChartRect) { x, y, width, height };
  hit.text = g_strdup (tooltip);
  g_array_append_val (ctx->hits, hit);
}

static const Hit *
find_hit (GArray *hits,
          double  x,
          double  y)
{
  /* Last drawn wins: later marks are on top. */
  for (guint i = hits->len; i > 0; i--)
    {
      const Hit *hit = &g_array_index (hits, Hit, i - 1);

      if (x >= hit->rect.left && x < hit->rect.left + hit->rect.width &&
          y >= hit->rect.top && y < hit->rect.top + hit->rect.height)
        return hit;
    }
  return NULL;
}

static void
draw_empty (const TgChartContext *ctx,
            cairo_t              *cr)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (ctx->chart);
  const TgChartRect *p = &ctx->plot;
  double cx = p->left + p->width / 2, cy = p->top + p->height / 2;
  static const double dashes[] = { 4, 4 };

  /* A dashed frame where the data would be, then the message. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  tg_chart_set_source (cr, &ctx->palette->grid, 2);
  cairo_rectangle (cr, round (p->left) + 0.5, round (p->top) + 0.5, round (p->width) - 1,
                   round (p->height) - 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  tg_chart_draw_text (ctx, cr, _("No data yet"), cx, cy - 4, TG_CHART_ALIGN_CENTER,
                      TG_CHART_ALIGN_END, &ctx->palette->foreground, 1.2);
  if (priv->empty_text != NULL)
    tg_chart_draw_text (ctx, cr, priv->empty_text, cx, cy + 4, TG_CHART_ALIGN_CENTER,
                        TG_CHART_ALIGN_START, &ctx->palette->dim, 0.95);
}

/* Everything but the background. @hits: where to record tooltips, or NULL. */
static void
render (TgChart *self,
        cairo_t *cr,
        double   width,
        double   height,
        GArray  *hits,
        gboolean dark)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = NULL;
  TgChartPalette palette;
  TgChartContext ctx = { 0 };

  palette_init (&palette, dark);
  font = pango_font_description_copy (pango_context_get_font_description (pango));
  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 10 * PANGO_SCALE);
  ctx.chart = self;
  ctx.palette = &palette;
  ctx.font = font;
  ctx.width = width;
  ctx.height = height;
  ctx.hits = hits;
  ctx.plot = (TgChartRect) { MARGIN, MARGIN, MAX (1, width - 2 * MARGIN), MAX (1, height - 2 * MARGIN) };

  if (priv->title != NULL)
    {
      tg_chart_draw_text (&ctx, cr, priv->title, MARGIN, MARGIN, TG_CHART_ALIGN_START,
                          TG_CHART_ALIGN_START, &palette.foreground, 1.15);
      ctx.plot.top += TITLE_HEIGHT;
      ctx.plot.height = MAX (1, ctx.plot.height - TITLE_HEIGHT);
    }

  if (tg_chart_is_empty (self))
    {
      draw_empty (&ctx, cr);
      return;
    }

  cairo_save (cr);
  TG_CHART_GET_CLASS (self)->draw (self, cr, &ctx);
  cairo_restore (cr);

  if (hits != NULL && priv->hovering)
    {
      const Hit *hit = find_hit (hits, priv->hover_x, priv->hover_y);

      if (hit != NULL)
        {
          tg_chart_set_source (cr, &palette.foreground, 0.15);
          cairo_rectangle (cr, hit->rect.left, hit->rect.top, hit->rect.width, hit->rect.height);
          cairo_fill (cr);
        }
    }
}

static void
tg_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  TgChart *self = TG_CHART (widget);
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  g_array_set_size (priv->hits, 0);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  render (self, cr, width, height, priv->hits, tg_chart_is_dark (self));
  cairo_destroy (cr);
}

cairo_surface_t *
tg_chart_render_image (TgChart *self,
                       int      width,
                       int      height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  TgChartPalette palette;
  gboolean dark;

  g_return_val_if_fail (TG_IS_CHART (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  dark = tg_chart_is_dark (self);
  palette_init (&palette, dark);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gdk_cairo_set_source_rgba (cr, &palette.background);
  cairo_paint (cr);
  render (self, cr, width, height, NULL, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
tg_chart_export_png (TgChart  *self,
                     GFile    *file,
                     int       width,
                     int       height,
                     GError  **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (TG_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TG_CHART_ERROR, TG_CHART_ERROR_EXPORT,
                   _("Could not save the chart as “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  surface = tg_chart_render_image (self, width, height);
  status = cairo_surface_write_to_png_stream (surface, write_to_stream, stream);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TG_CHART_ERROR, TG_CHART_ERROR_EXPORT,
                   _("Could not save the chart as “%s”: %s"), name,
                   local_error != NULL ? local_error->message : cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

char *
tg_chart_get_tooltip_at (TgChart *self,
                         double   x,
                         double   y)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  const Hit *hit;

  g_return_val_if_fail (TG_IS_CHART (self), NULL);

  hit = find_hit (priv->hits, x, y);
  return hit != NULL ? g_strdup (hit->text) : NULL;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = tg_chart_get_tooltip_at (TG_CHART (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TgChart                  *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  const Hit *before = priv->hovering ? find_hit (priv->hits, priv->hover_x, priv->hover_y) : NULL;

  priv->hover_x = x;
  priv->hover_y = y;
  priv->hovering = TRUE;
  /* Redraw only when the highlighted mark changes. */
  if (find_hit (priv->hits, x, y) != before)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          TgChart                  *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  priv->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tg_chart_data_changed (TgChart *self)
{
  g_return_if_fail (TG_IS_CHART (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tg_chart_is_empty (TgChart *self)
{
  g_return_val_if_fail (TG_IS_CHART (self), TRUE);
  return TG_CHART_GET_CLASS (self)->is_empty (self);
}

static gboolean
tg_chart_real_is_empty (TgChart *self)
{
  return TRUE;
}

static void
tg_chart_real_draw (TgChart *self,
                    cairo_t *cr,
                    gpointer context)
{
}

const char *
tg_chart_get_title (TgChart *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_val_if_fail (TG_IS_CHART (self), NULL);
  return priv->title;
}

void
tg_chart_set_title (TgChart    *self,
                    const char *title)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_if_fail (TG_IS_CHART (self));
  if (set_str (&priv->title, title))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title != NULL ? title : "", -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
tg_chart_get_empty_text (TgChart *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_val_if_fail (TG_IS_CHART (self), NULL);
  return priv->empty_text;
}

void
tg_chart_set_empty_text (TgChart    *self,
                         const char *text)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_if_fail (TG_IS_CHART (self));
  if (set_str (&priv->empty_text, text))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
    }
}

TgChartTheme
tg_chart_get_theme (TgChart *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_val_if_fail (TG_IS_CHART (self), TG_CHART_THEME_AUTO);
  return priv->theme;
}

void
tg_chart_set_theme (TgChart      *self,
                    TgChartTheme  theme)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);

  g_return_if_fail (TG_IS_CHART (self));
  if (priv->theme != theme)
    {
      priv->theme = theme;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
    }
}

static void
tg_chart_finalize (GObject *object)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (TG_CHART (object));

  g_free (priv->title);
  g_free (priv->empty_text);
  g_array_unref (priv->hits);

  G_OBJECT_CLASS (tg_chart_parent_class)->finalize (object);
}

static void
tg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TgChart *self = TG_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tg_chart_get_title (self));
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, tg_chart_get_empty_text (self));
      break;
    case PROP_THEME:
      g_value_set_enum (value, tg_chart_get_theme (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TgChart *self = TG_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tg_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      tg_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_THEME:
      tg_chart_set_theme (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_chart_class_init (TgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tg_chart_finalize;
  object_class->get_property = tg_chart_get_property;
  object_class->set_property = tg_chart_set_property;
  widget_class->snapshot = tg_chart_snapshot;
  klass->is_empty = tg_chart_real_is_empty;
  klass->draw = tg_chart_real_draw;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_THEME] =
    g_param_spec_enum ("theme", NULL, NULL, TG_TYPE_CHART_THEME, TG_CHART_THEME_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tg_chart_init (TgChart *self)
{
  TgChartPrivate *priv = tg_chart_get_instance_private (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  priv->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_array_set_clear_func (priv->hits, (GDestroyNotify) hit_clear);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 180);

  /* Follow the light/dark switch (AUTO theme). */
  if (adw_is_initialized ())
    g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                             G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
