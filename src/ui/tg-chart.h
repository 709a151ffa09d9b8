/* tg-chart.h: the base of TickGet's charts — cairo drawn in a GtkWidget.
 *
 * A TgChart draws its title, legend, axes and data in the widget's snapshot, in light or dark
 * colours, shows a readable empty state without data, gives a tooltip for what is under the
 * pointer (and highlights it), and renders the same drawing into an image for "Export as PNG".
 * Subclasses: TgBarChart, TgLineChart, TgHistogramChart; tg-chart-builders.h fills them from
 * the play history.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TG_CHART_ERROR (tg_chart_error_quark ())

typedef enum
{
  TG_CHART_ERROR_EXPORT,   /* the PNG could not be written */
} TgChartError;

GQuark tg_chart_error_quark (void);

typedef enum
{
  TG_CHART_THEME_AUTO,     /* follow the widget's style (AdwStyleManager's dark state) */
  TG_CHART_THEME_LIGHT,
  TG_CHART_THEME_DARK,
} TgChartTheme;

/* What the numbers of an axis are. */
typedef enum
{
  TG_CHART_UNIT_COUNT,
  TG_CHART_UNIT_MS,        /* shown in seconds */
  TG_CHART_UNIT_PERCENT,
  TG_CHART_UNIT_POSITION,  /* a queue position: #1 is best */
  TG_CHART_UNIT_SCORE,
} TgChartUnit;

#define TG_TYPE_CHART_THEME (tg_chart_theme_get_type ())
GType tg_chart_theme_get_type (void) G_GNUC_CONST;

#define TG_TYPE_CHART (tg_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (TgChart, tg_chart, TG, CHART, GtkWidget)

struct _TgChartClass
{
  GtkWidgetClass parent_class;

  gboolean (*is_empty) (TgChart *self);
  /* Draws the data (and calls the tg_chart_draw_* helpers of tg-chart-private.h). */
  void     (*draw)     (TgChart *self,
                        cairo_t *cr,
                        gpointer context);

  gpointer padding[8];
};

const char   *tg_chart_get_title        (TgChart      *self);
void          tg_chart_set_title        (TgChart      *self,
                                         const char   *title);
/* The hint under "No data yet", e.g. "Play a match to see your stage times." */
const char   *tg_chart_get_empty_text   (TgChart      *self);
void          tg_chart_set_empty_text   (TgChart      *self,
                                         const char   *text);
TgChartTheme  tg_chart_get_theme        (TgChart      *self);
void          tg_chart_set_theme        (TgChart      *self,
                                         TgChartTheme  theme);
gboolean      tg_chart_is_empty         (TgChart      *self);
/* TRUE when the chart is drawn with the dark palette right now. */
gboolean      tg_chart_is_dark          (TgChart      *self);

/* The tooltip text for widget point (@x, @y) as of the last drawing, or NULL. */
char         *tg_chart_get_tooltip_at   (TgChart      *self,
                                         double        x,
                                         double        y);

/* The chart drawn at @width × @height on an opaque background (its palette's), as drawn on
 * screen. An ARGB32 image surface. */
cairo_surface_t *tg_chart_render_image  (TgChart      *self,
                                         int           width,
                                         int           height);
gboolean      tg_chart_export_png       (TgChart      *self,
                                         GFile        *file,
                                         int           width,
                                         int           height,
                                         GError      **error);

G_END_DECLS
