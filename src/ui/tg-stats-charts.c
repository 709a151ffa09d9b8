/* tg-stats-charts.c: the stats view's charts, two per row, each exportable as PNG. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-chart-builders.h"
#include "tg-stats-charts.h"
#include "tg-ui-util.h"

#define MOVING_AVERAGE 5
#define EXPORT_WIDTH   1280
#define EXPORT_HEIGHT  720

struct _TgStatsCharts
{
  AdwBin   parent_instance;

  TgChart *charts[TG_STATS_N_CHARTS];
};

G_DEFINE_FINAL_TYPE (TgStatsCharts, tg_stats_charts, ADW_TYPE_BIN)

static const char *file_names[TG_STATS_N_CHARTS] = {
  "stage-times.png", "reaction-trend.png", "queue-position-trend.png", "captcha-trend.png",
  "seat-trend.png", "reaction-histogram.png", "difficulties.png", "seat-grades.png",
  "season-weeks.png",
};

const char *
tg_stats_charts_get_file_name (TgStatsChart which)
{
  g_return_val_if_fail (which < TG_STATS_N_CHARTS, NULL);
  return file_names[which];
}

void
tg_stats_charts_set_plays (TgStatsCharts *self,
                           GPtrArray     *plays)
{
  static const TgChartTrend trends[] = {
    TG_CHART_TREND_REACTION, TG_CHART_TREND_QUEUE_POSITION, TG_CHART_TREND_CAPTCHA, TG_CHART_TREND_SEAT,
  };

  g_return_if_fail (TG_IS_STATS_CHARTS (self));
  g_return_if_fail (plays != NULL);

  /* The last 30 plays: more bars than that are too thin to read. */
  tg_chart_show_stage_times (TG_BAR_CHART (self->charts[TG_STATS_CHART_STAGE_TIMES]), plays, 30);
  for (guint i = 0; i < G_N_ELEMENTS (trends); i++)
    tg_chart_show_trend (TG_LINE_CHART (self->charts[TG_STATS_CHART_TREND_REACTION + i]), plays,
                         trends[i], MOVING_AVERAGE);
  tg_chart_show_stage_histogram (TG_HISTOGRAM_CHART (self->charts[TG_STATS_CHART_REACTION_HISTOGRAM]),
                                 plays, TG_STAGE_REACTION);
  tg_chart_show_difficulties (TG_BAR_CHART (self->charts[TG_STATS_CHART_DIFFICULTIES]), plays);
  tg_chart_show_seat_grades (TG_BAR_CHART (self->charts[TG_STATS_CHART_SEAT_GRADES]), plays);
  tg_chart_show_season_weeks (TG_BAR_CHART (self->charts[TG_STATS_CHART_SEASON_WEEKS]), plays);
}

TgChart *
tg_stats_charts_get_chart (TgStatsCharts *self,
                           TgStatsChart   which)
{
  g_return_val_if_fail (TG_IS_STATS_CHARTS (self), NULL);
  g_return_val_if_fail (which < TG_STATS_N_CHARTS, NULL);
  return self->charts[which];
}

static void
save_chart (GtkWidget *widget,
            GFile     *file,
            gpointer   user_data)
{
  TgChart *chart = TG_CHART (user_data);
  g_autoptr(GError) error = NULL;

  if (!tg_chart_export_png (chart, file, EXPORT_WIDTH, EXPORT_HEIGHT, &error))
    tg_ui_toast (widget, error->message);
  else
    tg_ui_toast (widget, _("Chart saved"));
}

static void
on_export_clicked (GtkButton     *button,
                   TgStatsCharts *self)
{
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tg-chart-index"));

  tg_ui_ask_save_file (GTK_WIDGET (self), _("Export Chart"), file_names[which], _("PNG images"),
                       "image/png", save_chart, self->charts[which]);
}

static GtkWidget *
chart_card (TgStatsCharts *self,
            guint          which)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");

  gtk_widget_set_size_request (GTK_WIDGET (self->charts[which]), 360, 300);
  gtk_widget_set_hexpand (GTK_WIDGET (self->charts[which]), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->charts[which]), "card");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->charts[which]));

  gtk_widget_set_tooltip_text (button, _("Export the chart as PNG"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_end (button, 6);
  g_object_set_data (G_OBJECT (button), "tg-chart-index", GUINT_TO_POINTER (which));
  g_signal_connect (button, "clicked", G_CALLBACK (on_export_clicked), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), button);
  return overlay;
}

static void
tg_stats_charts_class_init (TgStatsChartsClass *klass)
{
}

static void
tg_stats_charts_init (TgStatsCharts *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *grid = gtk_grid_new ();

  for (guint i = 0; i < TG_STATS_N_CHARTS; i++)
    {
      switch (i)
        {
        case TG_STATS_CHART_TREND_REACTION:
        case TG_STATS_CHART_TREND_QUEUE:
        case TG_STATS_CHART_TREND_CAPTCHA:
        case TG_STATS_CHART_TREND_SEAT:
          self->charts[i] = TG_CHART (tg_line_chart_new ());
          break;
        case TG_STATS_CHART_REACTION_HISTOGRAM:
          self->charts[i] = TG_CHART (tg_histogram_chart_new ());
          break;
        default:
          self->charts[i] = TG_CHART (tg_bar_chart_new ());
          break;
        }
    }

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 24);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  /* The stacked stage bars and the season get the whole width; the rest two by two. */
  gtk_grid_attach (GTK_GRID (grid), chart_card (self, TG_STATS_CHART_STAGE_TIMES), 0, 0, 2, 1);
  for (guint i = TG_STATS_CHART_TREND_REACTION; i <= TG_STATS_CHART_SEAT_GRADES; i++)
    {
      guint k = i - TG_STATS_CHART_TREND_REACTION;

      gtk_grid_attach (GTK_GRID (grid), chart_card (self, i), k % 2, 1 + k / 2, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (grid), chart_card (self, TG_STATS_CHART_SEASON_WEEKS), 0, 5, 2, 1);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_child (ADW_CLAMP (clamp), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
tg_stats_charts_new (void)
{
  return g_object_new (TG_TYPE_STATS_CHARTS, NULL);
}
