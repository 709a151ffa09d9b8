/* test-charts.c: the chart widgets drawn offscreen and on screen (under Xvfb). Each chart is
 * saved as PNG in the build folder (charts/…) to be looked at. */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tg-chart-builders.h"
#include "tg-chart-private.h"
#include "tg-stage-chart.h"
#include "stats-fixtures.h"

#define WIDTH  640
#define HEIGHT 360

static GPtrArray *
history (guint n)
{
  GPtrArray *plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);

  for (guint i = 0; i < n; i++)
    {
      gboolean failed = i % 4 == 3;
      gint64 t[TG_N_STAGES] = {
        180 + 37 * (gint64) (i % 5), 900 + 50 * (gint64) (i % 3), 8000 + 900 * (gint64) (i % 7),
        12000 - 400 * (gint64) i, failed ? -1 : 3000 + 250 * (gint64) (i % 4), failed ? -1 : 6000,
      };
      TgDifficulty d = (TgDifficulty) (i % 3);

      g_ptr_array_add (plays, fixture_play (i + 1, (int) i / 2, (int) i % 2, d, !failed, t));
    }
  return plays;
}

static char *
output_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ?
                                           g_getenv ("G_TEST_BUILDDIR") : ".", "charts", NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  return g_build_filename (dir, name, NULL);
}

/* Pixels of @surface not within a small distance of its top-left (background) pixel, and
 * pixels close to @color (when not NULL). */
static void
count_pixels (cairo_surface_t *surface,
              const GdkRGBA   *color,
              guint           *n_drawn,
              guint           *n_color)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 bg = *(const guint32 *) data;

  *n_drawn = *n_color = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        int br = (bg >> 16) & 0xff, bgg = (bg >> 8) & 0xff, bb = bg & 0xff;

        if (abs (r - br) + abs (g - bgg) + abs (b - bb) > 24)
          (*n_drawn)++;
        if (color != NULL &&
            abs (r - (int) (color->red * 255)) + abs (g - (int) (color->green * 255)) +
            abs (b - (int) (color->blue * 255)) < 30)
          (*n_color)++;
      }
}

/* Renders @chart light and dark, saves both, and checks the data colour shows (or not). */
static void
check_render (TgChart    *chart,
              const char *name,
              guint       series_color,
              gboolean    expect_data)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file_name = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
      g_autofree char *path = output_path (file_name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface, *loaded;
      GdkRGBA color, background;
      guint n_drawn, n_color;

      tg_chart_set_theme (chart, dark ? TG_CHART_THEME_DARK : TG_CHART_THEME_LIGHT);
      g_assert_cmpint (tg_chart_is_dark (chart), ==, dark);
      gdk_rgba_parse (&color, (dark ? (const char *[]) { "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#c061cb" }
                                    : (const char *[]) { "#1c71d8", "#26a269", "#e5a50a", "#c64600", "#c01c28", "#813d9c" })[series_color]);
      gdk_rgba_parse (&background, dark ? "#242424" : "#ffffff");

      surface = tg_chart_render_image (chart, WIDTH, HEIGHT);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      {
        guint32 px = *(const guint32 *) cairo_image_surface_get_data (surface);
        g_assert_cmpint ((px >> 16) & 0xff, ==, (int) (background.red * 255));
      }
      count_pixels (surface, &color, &n_drawn, &n_color);
      g_test_message ("%s: %u pixels drawn, %u in the series colour", file_name, n_drawn, n_color);
      /* Title and text are always there. */
      g_assert_cmpuint (n_drawn, >, 500);
      if (expect_data)
        g_assert_cmpuint (n_color, >, 100);
      else
        g_assert_cmpuint (n_color, ==, 0);
      cairo_surface_destroy (surface);

      g_assert_true (tg_chart_export_png (chart, file, WIDTH, HEIGHT, &error));
      g_assert_no_error (error);
      loaded = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (loaded), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, WIDTH);
      g_assert_cmpint (cairo_image_surface_get_height (loaded), ==, HEIGHT);
      cairo_surface_destroy (loaded);
    }
  tg_chart_set_theme (chart, TG_CHART_THEME_AUTO);
}

static void
test_stage_times (void)
{
  g_autoptr(GPtrArray) plays = history (14);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  TgBarChart *chart = g_object_ref_sink (tg_bar_chart_new ());

  tg_chart_show_stage_times (chart, plays, 10);
  g_assert_cmpuint (tg_bar_chart_get_n_categories (chart), ==, 10);
  g_assert_false (tg_chart_is_empty (TG_CHART (chart)));
  /* Queue (series 2, yellow) is the tallest part of every bar. */
  check_render (TG_CHART (chart), "stage-times", 2, TRUE);

  tg_chart_show_stage_times (chart, none, 10);
  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "stage-times-empty", 2, FALSE);
  g_object_unref (chart);
}

static void
test_trends (void)
{
  g_autoptr(GPtrArray) plays = history (14);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  TgLineChart *chart = g_object_ref_sink (tg_line_chart_new ());
  static const char * const names[TG_CHART_N_TRENDS] = {
    "trend-reaction", "trend-queue-position", "trend-captcha", "trend-seat",
  };

  for (TgChartTrend t = 0; t < TG_CHART_N_TRENDS; t++)
    {
      tg_chart_show_trend (chart, plays, t, 5);
      g_assert_false (tg_chart_is_empty (TG_CHART (chart)));
      check_render (TG_CHART (chart), names[t], t, TRUE);
    }
  tg_chart_show_trend (chart, none, TG_CHART_TREND_CAPTCHA, 5);
  check_render (TG_CHART (chart), "trend-empty", TG_CHART_TREND_CAPTCHA, FALSE);
  g_object_unref (chart);
}

static void
test_histogram (void)
{
  g_autoptr(GPtrArray) plays = history (14);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  TgHistogramChart *chart = g_object_ref_sink (tg_histogram_chart_new ());

  tg_chart_show_stage_histogram (chart, plays, TG_STAGE_REACTION);
  g_assert_false (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "histogram-reaction", 0, TRUE);
  /* The bots' outline is orange. */
  check_render (TG_CHART (chart), "histogram-reaction", 3, TRUE);

  tg_chart_show_stage_histogram (chart, none, TG_STAGE_REACTION);
  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "histogram-empty", 0, FALSE);
  g_object_unref (chart);
}

static void
test_difficulty_and_grades (void)
{
  g_autoptr(GPtrArray) plays = history (14);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  TgBarChart *chart = g_object_ref_sink (tg_bar_chart_new ());

  tg_chart_show_difficulties (chart, plays);
  /* Ranks 50 × id of 5000: S (green) for the first ten ids. */
  check_render (TG_CHART (chart), "difficulties", 1, TRUE);
  tg_chart_show_seat_grades (chart, plays);
  g_assert_cmpuint (tg_bar_chart_get_n_categories (chart), ==, 2);   /* R and VIP */
  check_render (TG_CHART (chart), "seat-grades", 5, TRUE);
  tg_chart_show_season_weeks (chart, plays);
  check_render (TG_CHART (chart), "season-weeks", 2, TRUE);

  tg_chart_show_difficulties (chart, none);
  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "difficulties-empty", 1, FALSE);
  tg_chart_show_seat_grades (chart, none);
  check_render (TG_CHART (chart), "seat-grades-empty", 5, FALSE);
  g_object_unref (chart);
}

static void
test_drills (void)
{
  g_autoptr(GPtrArray) drills = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_drill_free);
  TgLineChart *chart = g_object_ref_sink (tg_line_chart_new ());

  for (guint i = 0; i < 12; i++)
    {
      TgHistoryDrill *d = tg_history_drill_new (i % 2 ? TG_DRILL_CAPTCHA : TG_DRILL_CLICK);

      d->id = i + 1;
      d->played_at = g_date_time_new_utc (2026, 3, 2, 10, (int) i, 0);
      d->success = i != 5;
      d->time_ms = i % 2 ? 9000 - 300 * (gint64) i : 400 - 10 * (gint64) i;
      g_ptr_array_add (drills, d);
    }
  tg_chart_show_drill_times (chart, drills, TG_DRILL_CAPTCHA);
  check_render (TG_CHART (chart), "drill-captcha", 1, TRUE);
  tg_chart_show_drill_times (chart, drills, TG_DRILL_SEAT);
  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "drill-seat-empty", 2, FALSE);
  g_object_unref (chart);
}

static void
test_stage_chart (void)
{
  g_autoptr(GPtrArray) plays = history (4);
  TgStageChart *chart = g_object_ref_sink (tg_stage_chart_new ());
  g_autoptr(TgResult) nothing = tg_result_new ();

  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  /* A sold-out play: the seat and payment rows say "not reached". */
  tg_stage_chart_set_result (chart, ((TgHistoryPlay *) plays->pdata[3])->result);
  g_assert_false (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "play-stages", 0, TRUE);
  check_render (TG_CHART (chart), "play-stages", 3, TRUE);
  tg_stage_chart_set_result (chart, nothing);
  g_assert_true (tg_chart_is_empty (TG_CHART (chart)));
  check_render (TG_CHART (chart), "play-stages-empty", 0, FALSE);
  g_object_unref (chart);
}

static void
test_nice_range (void)
{
  double min, max, step;

  tg_chart_nice_range (0, 9300, 5, &min, &max, &step);
  g_assert_cmpfloat (step, ==, 2000);
  g_assert_cmpfloat (max, ==, 10000);
  tg_chart_nice_range (180, 330, 4, &min, &max, &step);
  g_assert_cmpfloat (step, ==, 50);
  g_assert_cmpfloat (min, ==, 150);
  g_assert_cmpfloat (max, ==, 350);
  tg_chart_nice_range (5, 5, 5, &min, &max, &step);
  g_assert_cmpfloat (max, >, min);
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start = g_get_monotonic_time ();
  gint64 frame;

  g_assert_nonnull (clock);
  frame = gdk_frame_clock_get_frame_counter (clock);
  gtk_widget_queue_draw (widget);
  while (gdk_frame_clock_get_frame_counter (clock) == frame &&
         g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    ;
}

/* In a window: the widget draws through GTK's renderer, and tooltips follow what is drawn. */
static void
test_on_screen (void)
{
  g_autoptr(GPtrArray) plays = history (6);
  GtkWidget *window = gtk_window_new ();
  TgBarChart *chart = tg_bar_chart_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = output_path ("on-screen.png");
  g_autofree char *tooltip = NULL;
  g_autofree char *nothing = NULL;
  GtkSnapshot *snapshot;
  int width, height;
  double x, y;

  tg_chart_show_stage_times (chart, plays, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (chart));

  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  g_assert_cmpint (width, >, 300);

  /* The first of six bars: its tooltip names the date and every stage. */
  x = MARGIN + Y_AXIS_WIDTH + (width - 2 * MARGIN - Y_AXIS_WIDTH) / 12.0;
  y = height - MARGIN - X_AXIS_HEIGHT - 20;
  tooltip = tg_chart_get_tooltip_at (TG_CHART (chart), x, y);
  g_assert_nonnull (tooltip);
  g_test_message ("tooltip: %s", tooltip);
  g_assert_nonnull (strstr (tooltip, "3/2"));
  g_assert_nonnull (strstr (tooltip, tg_stage_get_label (TG_STAGE_CAPTCHA)));
  nothing = tg_chart_get_tooltip_at (TG_CHART (chart), 2, 2);
  g_assert_null (nothing);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (chart));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* No accessibility bus under Xvfb; its warning would be fatal here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/ui/charts/nice-range", test_nice_range);
  g_test_add_func ("/ui/charts/stage-times", test_stage_times);
  g_test_add_func ("/ui/charts/trends", test_trends);
  g_test_add_func ("/ui/charts/histogram", test_histogram);
  g_test_add_func ("/ui/charts/difficulty-and-grades", test_difficulty_and_grades);
  g_test_add_func ("/ui/charts/drills", test_drills);
  g_test_add_func ("/ui/charts/play-stages", test_stage_chart);
  g_test_add_func ("/ui/charts/on-screen", test_on_screen);

  return g_test_run ();
}
