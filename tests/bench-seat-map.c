/* bench-seat-map.c: frame times of the seat map on the arena at 1920×1080.
 *
 * A frame is timed from the frame clock's "before-paint" to its "after-paint": snapshot, render
 * and present, as the window really does it. Prints figures; never fails on speed.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <gtk/gtk.h>

#include "tg-seat-map-private.h"
#include "tg-venue.h"

typedef struct
{
  GtkWidget     *window;
  TgSeatMap     *map;
  GdkFrameClock *clock;
  gint64         frame_start;
  double         last_ms;
  guint64        frames;
} Bench;

static Bench bench;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  bench.frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (bench.frame_start != 0)
    bench.last_ms = (g_get_monotonic_time () - bench.frame_start) / 1000.0;
  bench.frame_start = 0;
  bench.frames++;
}

/* Draws one frame and returns how long it took. */
static double
frame (void)
{
  guint64 before = bench.frames;
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (gtk_window_get_child (GTK_WINDOW (bench.window)));
  while (bench.frames == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return bench.last_ms;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  frame ();
  frame ();
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  double sum = 0;

  g_array_sort (times, compare_double);
  for (guint i = 0; i < times->len; i++)
    sum += g_array_index (times, double, i);
  printf ("%-44s n=%-4u median %6.2f ms  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms\n",
          what, times->len,
          g_array_index (times, double, times->len / 2),
          sum / times->len,
          g_array_index (times, double, (guint) (times->len * 0.95)),
          g_array_index (times, double, times->len - 1));
}

/* What a frame costs this window and renderer when all of it changes, as when panning: a
 * widget that fills itself with a new colour every frame. The seat map's own share is its figure
 * minus this. */
#define BENCH_TYPE_FILL (bench_fill_get_type ())
G_DECLARE_FINAL_TYPE (BenchFill, bench_fill, BENCH, FILL, GtkWidget)

struct _BenchFill
{
  GtkWidget parent_instance;
  guint     n;
};

G_DEFINE_FINAL_TYPE (BenchFill, bench_fill, GTK_TYPE_WIDGET)

static void
bench_fill_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  BenchFill *self = BENCH_FILL (widget);
  GdkRGBA color = { 0.9f, 0.9f, (self->n++ % 100) / 100.0f, 1 };

  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
}

static void
bench_fill_class_init (BenchFillClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = bench_fill_snapshot;
}

static void
bench_fill_init (BenchFill *self)
{
}

static void
bench_baseline (void)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *fill = g_object_new (BENCH_TYPE_FILL, NULL);
  GtkWidget *map = g_object_ref (GTK_WIDGET (bench.map));

  gtk_window_set_child (GTK_WINDOW (bench.window), fill);
  settle ();
  for (guint i = 0; i < 200; i++)
    {
      double ms = frame ();
      g_array_append_val (times, ms);
    }
  report ("baseline: whole 1920×1080 frame changes", times);
  gtk_window_set_child (GTK_WINDOW (bench.window), map);
  g_object_unref (map);
  settle ();
}

/* The widget's own CPU time per frame: building its render nodes (its snapshot vfunc, called
 * directly, since GTK would hand back a cached node when nothing changed). */
static void
bench_snapshot (const char *what,
                double      zoom)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (bench.map);
  TgVenue *venue = tg_seat_map_get_venue (bench.map);

  tg_seat_map_zoom_to_fit (bench.map);
  if (zoom > 0)
    tg_seat_map_set_zoom (bench.map, zoom, 960, 540);
  settle ();
  for (guint i = 0; i < 300; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      double x, y, ms;
      gint64 start;

      tg_seat_map_get_seat_point (bench.map, (i * 97) % tg_venue_get_n_seats (venue), &x, &y);
      tg_seat_map_hover_at (bench.map, x, y);
      tg_seat_map_pan (bench.map, i % 2 ? 3 : -3, 0);
      start = g_get_monotonic_time ();
      klass->snapshot (GTK_WIDGET (bench.map), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      if (node != NULL)
        gsk_render_node_unref (node);
    }
  tg_seat_map_hover_at (bench.map, -1, -1);
  report (what, times);
}

static void
bench_hover (const char *what,
             double      zoom)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  TgVenue *venue = tg_seat_map_get_venue (bench.map);
  guint n = tg_venue_get_n_seats (venue);

  tg_seat_map_zoom_to_fit (bench.map);
  if (zoom > 0)
    tg_seat_map_set_zoom (bench.map, zoom, 960, 540);
  settle ();

  /* Sweep the pointer over seats in view, a new seat every frame. */
  for (guint i = 0, seat = 0; times->len < 300 && i < 20 * n; i++, seat = (seat + 97) % n)
    {
      double x, y, ms;

      tg_seat_map_get_seat_point (bench.map, seat, &x, &y);
      if (x < 0 || y < 0 || x >= 1920 || y >= 1080)
        continue;
      tg_seat_map_hover_at (bench.map, x + 1, y);
      ms = frame ();
      g_array_append_val (times, ms);
    }
  tg_seat_map_hover_at (bench.map, -1, -1);
  report (what, times);
}

static void
bench_pan (const char *what,
           double      zoom)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  tg_seat_map_zoom_to_fit (bench.map);
  tg_seat_map_set_zoom (bench.map, zoom, 960, 540);
  settle ();

  /* Drag around in a circle, hovering as the pointer goes: new tiles come into view. */
  for (guint i = 0; i < 300; i++)
    {
      double angle = i * 2 * G_PI / 100;
      double ms;

      tg_seat_map_pan (bench.map, 14 * cos (angle), 14 * sin (angle));
      tg_seat_map_hover_at (bench.map, 960 + 200 * cos (angle), 540 + 200 * sin (angle));
      ms = frame ();
      g_array_append_val (times, ms);
    }
  report (what, times);
}

static void
bench_update (void)
{
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) with_frame = g_array_new (FALSE, FALSE, sizeof (double));
  TgVenue *venue = tg_seat_map_get_venue (bench.map);
  guint n = tg_venue_get_n_seats (venue);
  g_autofree guint8 *zero = g_new0 (guint8, n);
  guint32 seats[500];
  guint8 states[500];
  guint32 next = 12345;

  tg_seat_map_set_states (bench.map, zero);
  tg_seat_map_zoom_to_fit (bench.map);
  settle ();

  for (guint round = 0; round < 40; round++)
    {
      gint64 start;
      double ms, total;

      /* 500 seats anywhere in the arena; sold on even rounds, released on odd ones. */
      for (guint i = 0; i < 500; i++)
        {
          next = next * 1664525u + 1013904223u;
          seats[i] = next % n;
          states[i] = round % 2 == 0 ? TG_SEAT_SOLD : TG_SEAT_AVAILABLE;
        }
      start = g_get_monotonic_time ();
      tg_seat_map_update_seats (bench.map, seats, 500, states);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (apply, ms);
      total = ms + frame ();
      g_array_append_val (with_frame, total);
    }
  report ("500-seat update: apply", apply);
  report ("500-seat update: apply + next frame", with_frame);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TgVenue) venue = NULL;
  GskRenderer *renderer;
  gint64 start;

  g_setenv ("GTK_A11Y", "none", TRUE);
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-seat-map: no display\n");
      return 77;
    }

  venue = tg_venue_new_preset ("large", NULL);
  bench.window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  bench.map = TG_SEAT_MAP (tg_seat_map_new ());
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.map));

  start = g_get_monotonic_time ();
  tg_seat_map_set_venue (bench.map, venue);
  gtk_window_present (GTK_WINDOW (bench.window));
  while (gtk_widget_get_width (GTK_WIDGET (bench.map)) == 0)
    g_main_context_iteration (NULL, TRUE);

  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.map));
  g_signal_connect (bench.clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  frame ();
  renderer = gtk_native_get_renderer (GTK_NATIVE (bench.window));

  printf ("venue: %s, %u seats; widget %d×%d; renderer %s\n",
          tg_venue_get_name (venue), tg_venue_get_n_seats (venue),
          gtk_widget_get_width (GTK_WIDGET (bench.map)),
          gtk_widget_get_height (GTK_WIDGET (bench.map)),
          G_OBJECT_TYPE_NAME (renderer));
  printf ("%-44s %.1f ms\n", "set venue + first frame", (g_get_monotonic_time () - start) / 1000.0);

  bench_baseline ();
  bench_snapshot ("snapshot vfunc only (CPU), whole arena", 0);
  bench_snapshot ("snapshot vfunc only (CPU), 3 px/unit", 3);
  bench_hover ("hover, whole arena in view", 0);
  bench_hover ("hover, zoomed in (2 px/unit)", 2);
  bench_pan ("pan + hover, 1 px/unit", 1);
  bench_pan ("pan + hover, 3 px/unit", 3);
  bench_update ();

  gtk_window_destroy (GTK_WINDOW (bench.window));
  return 0;
}
