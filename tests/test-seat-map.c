#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "tg-seat-legend.h"
#include "tg-seat-map-private.h"
#include "tg-ui-util.h"
#include "tg-venue.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *map;
  TgVenue   *venue;
  GArray    *activated;   /* guint seat indices */
  guint      misses;
} Fixture;

static Fixture fx;

static void
seat_activated_cb (TgSeatMap *map,
                   guint      seat,
                   gpointer   user_data)
{
  g_array_append_val (fx.activated, seat);
}

static void
miss_clicked_cb (TgSeatMap *map,
                 double     x,
                 double     y,
                 gpointer   user_data)
{
  fx.misses++;
}

static void
reset_events (void)
{
  g_array_set_size (fx.activated, 0);
  fx.misses = 0;
}

static void
wait_for_frame (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (fx.map);
  gint64 start = g_get_monotonic_time ();
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  gtk_widget_queue_draw (fx.map);
  while (gdk_frame_clock_get_frame_counter (clock) == frame &&
         g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    ;
}

/* The widget as it is drawn, through the window's own renderer. */
static GdkTexture *
render_map (void)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (fx.map);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (fx.map);
  int height = gtk_widget_get_height (fx.map);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (fx.map));
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct
{
  int     width, height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
pixels_download (Pixels     *pixels,
                 GdkTexture *texture)
{
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize) pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

/* The colour at widget point (@x, @y) as 0xRRGGBB (textures are BGRA, premultiplied; the map is
 * opaque). */
static guint32
pixel_at (const Pixels *pixels,
          double        x,
          double        y)
{
  int px = (int) floor (x), py = (int) floor (y);
  const guchar *p;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, pixels->width);
  g_assert_cmpint (py, <, pixels->height);
  p = pixels->data + py * pixels->stride + px * 4;
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
color_near (guint32     rgb,
            const char *hex)
{
  GdkRGBA want;
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  gdk_rgba_parse (&want, hex);
  return abs (r - (int) round (want.red * 255)) <= 6 &&
         abs (g - (int) round (want.green * 255)) <= 6 &&
         abs (b - (int) round (want.blue * 255)) <= 6;
}

static void
save_png (GdkTexture *texture,
          const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_click_seat (void)
{
  guint seat = tg_venue_find_seat (fx.venue, "F3-5-7");
  double x, y;

  tg_seat_map_zoom_to_fit (TG_SEAT_MAP (fx.map));
  wait_for_frame ();
  reset_events ();

  tg_seat_map_get_seat_point (TG_SEAT_MAP (fx.map), seat, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (fx.map));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (fx.map));

  tg_seat_map_click_at (TG_SEAT_MAP (fx.map), x, y);
  g_assert_cmpuint (fx.activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (fx.activated, guint, 0), ==, seat);
  g_assert_cmpuint (fx.misses, ==, 0);
  g_assert_cmpuint (tg_seat_map_get_focus_seat (TG_SEAT_MAP (fx.map)), ==, seat);

  /* A click a little off the centre still hits the nearest seat. */
  tg_seat_map_click_at (TG_SEAT_MAP (fx.map), x + 1.2, y - 0.8);
  g_assert_cmpuint (fx.activated->len, ==, 2);
  g_assert_cmpuint (g_array_index (fx.activated, guint, 1), ==, seat);

  /* Every seat of a row is told apart from its neighbours, at the fitted zoom. */
  for (guint s = tg_venue_find_seat (fx.venue, "101-1-1"), n = 0; n < 14; n++, s++)
    {
      tg_seat_map_get_seat_point (TG_SEAT_MAP (fx.map), s, &x, &y);
      g_assert_cmpuint (tg_seat_map_seat_at (TG_SEAT_MAP (fx.map), x, y), ==, s);
    }
}

static void
test_click_miss (void)
{
  const TgSeat *seat = tg_venue_get_seat (fx.venue, 0);
  double sx, sy, stage_x, stage_y, stage_w, stage_h, x, y;
  double zoom = tg_seat_map_get_zoom (TG_SEAT_MAP (fx.map));

  reset_events ();
  tg_venue_get_stage (fx.venue, &stage_x, &stage_y, &stage_w, &stage_h);
  tg_seat_map_get_seat_point (TG_SEAT_MAP (fx.map), 0, &sx, &sy);
  x = sx + (stage_x + stage_w / 2 - seat->x) * zoom;
  y = sy + (stage_y + stage_h / 2 - seat->y) * zoom;

  tg_seat_map_click_at (TG_SEAT_MAP (fx.map), x, y);
  g_assert_cmpuint (fx.misses, ==, 1);
  g_assert_cmpuint (fx.activated->len, ==, 0);

  /* Between two seats of a row is no seat either. */
  tg_seat_map_set_zoom (TG_SEAT_MAP (fx.map), 4, x, y);
  {
    guint a = tg_venue_find_seat (fx.venue, "F3-5-7");
    double ax, ay, bx, by;

    tg_seat_map_set_focus_seat (TG_SEAT_MAP (fx.map), a);
    tg_seat_map_get_seat_point (TG_SEAT_MAP (fx.map), a, &ax, &ay);
    tg_seat_map_get_seat_point (TG_SEAT_MAP (fx.map), a + 1, &bx, &by);
    tg_seat_map_click_at (TG_SEAT_MAP (fx.map), (ax + bx) / 2, (ay + by) / 2);
    g_assert_cmpuint (fx.misses, ==, 2);
    g_assert_cmpuint (fx.activated->len, ==, 0);
  }
  tg_seat_map_zoom_to_fit (TG_SEAT_MAP (fx.map));
}

static void
test_keyboard (void)
{
  TgSeatMap *map = TG_SEAT_MAP (fx.map);
  guint start = tg_venue_find_seat (fx.venue, "F3-5-7");

  reset_events ();
  gtk_widget_grab_focus (fx.map);
  tg_seat_map_set_focus_seat (map, start);

  /* The arrow keys are bound to this action. */
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.move", "(ii)", 1, 0));
  g_assert_cmpstr (tg_venue_get_seat (fx.venue, tg_seat_map_get_focus_seat (map))->id, ==, "F3-5-8");
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.move", "(ii)", 0, 1));
  g_assert_cmpstr (tg_venue_get_seat (fx.venue, tg_seat_map_get_focus_seat (map))->id, ==, "F3-6-8");
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.move", "(ii)", -1, 0));
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.move", "(ii)", 0, -1));
  g_assert_cmpuint (tg_seat_map_get_focus_seat (map), ==, start);

  /* Across the aisle from the last seat of a block lands in the next block, same row. */
  tg_seat_map_set_focus_seat (map, tg_venue_find_seat (fx.venue, "F3-5-19"));
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.move", "(ii)", 1, 0));
  g_assert_cmpstr (tg_venue_get_seat (fx.venue, tg_seat_map_get_focus_seat (map))->id, ==, "F4-5-1");

  /* Enter and Space pick the focused seat. */
  g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.activate", NULL));
  g_assert_cmpuint (fx.activated->len, ==, 1);
  g_assert_cmpstr (tg_venue_get_seat (fx.venue, g_array_index (fx.activated, guint, 0))->id, ==,
                   "F4-5-1");

  /* Keyboard zoom keeps the focused seat where it is. */
  {
    double x0, y0, x1, y1;
    double zoom = tg_seat_map_get_zoom (map);

    tg_seat_map_get_seat_point (map, tg_seat_map_get_focus_seat (map), &x0, &y0);
    g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.zoom-in", NULL));
    g_assert_cmpfloat (tg_seat_map_get_zoom (map), >, zoom);
    tg_seat_map_get_seat_point (map, tg_seat_map_get_focus_seat (map), &x1, &y1);
    g_assert_cmpfloat (fabs (x1 - x0), <, 0.01);
    g_assert_cmpfloat (fabs (y1 - y0), <, 0.01);
    g_assert_true (gtk_widget_activate_action (fx.map, "seat-map.zoom-fit", NULL));
    g_assert_cmpfloat (fabs (tg_seat_map_get_zoom (map) - zoom), <, 1e-9);
  }
}

static void
test_hover (void)
{
  TgSeatMap *map = TG_SEAT_MAP (fx.map);
  guint seat = tg_venue_find_seat (fx.venue, "SB-3-10");
  double x, y;

  tg_seat_map_get_seat_point (map, seat, &x, &y);
  tg_seat_map_hover_at (map, x, y);
  g_assert_cmpuint (tg_seat_map_get_hover_seat (map), ==, seat);
  tg_seat_map_hover_at (map, -1, -1);
  g_assert_cmpuint (tg_seat_map_get_hover_seat (map), ==, TG_VENUE_NO_SEAT);
}

static void
test_live_update (void)
{
  TgSeatMap *map = TG_SEAT_MAP (fx.map);
  guint n = tg_venue_get_n_seats (fx.venue);
  g_autofree guint8 *states = g_new0 (guint8, n);
  guint32 seats[500];
  guint8 taken[500];
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  Pixels pb, pa;
  gint64 start;

  tg_seat_map_set_states (map, states);
  tg_seat_map_set_zoom (map, 2, 0, 0);
  tg_seat_map_zoom_to_fit (map);
  tg_seat_map_set_zoom (map, 1.2, gtk_widget_get_width (fx.map) / 2.0,
                        gtk_widget_get_height (fx.map) / 2.0);
  wait_for_frame ();
  g_usleep (200 * 1000);   /* let the zoom settle: tiles at the exact scale */
  wait_for_frame ();
  wait_for_frame ();
  before = render_map ();
  pixels_download (&pb, before);

  /* 500 seats in view (the floor blocks), spread out, sold in one update. */
  for (guint i = 0; i < 500; i++)
    {
      char id[32];

      g_snprintf (id, sizeof id, "F%u-%u-%u", 1 + i % 10, 1 + (i / 10) % 20, 1 + (i * 7) % 17);
      seats[i] = tg_venue_find_seat (fx.venue, id);
      g_assert_cmpuint (seats[i], !=, TG_VENUE_NO_SEAT);
      taken[i] = i % 2 ? TG_SEAT_SOLD : TG_SEAT_HELD;
    }
  start = g_get_monotonic_time ();
  tg_seat_map_update_seats (map, seats, 500, taken);
  g_test_message ("500-seat update applied in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < 500; i++)
    g_assert_cmpint (tg_seat_map_get_seat_state (map, seats[i]), ==, taken[i]);

  wait_for_frame ();
  after = render_map ();
  pixels_download (&pa, after);
  save_png (after, "seat-map-update.png");

  for (guint i = 0; i < 500; i++)
    {
      const TgSeat *seat = tg_venue_get_seat (fx.venue, seats[i]);
      const char *grade_color = tg_venue_get_grade (fx.venue, seat->grade)->color;
      double x, y;
      guint32 b, a;

      tg_seat_map_get_seat_point (map, seats[i], &x, &y);
      if (x < 1 || y < 1 || x >= pa.width - 1 || y >= pa.height - 1)
        continue;
      b = pixel_at (&pb, x, y);
      a = pixel_at (&pa, x, y);
      if (!color_near (b, grade_color))
        g_error ("seat %s was #%06x before, not its grade colour %s", seat->id, b, grade_color);
      if (!color_near (a, "#dcdad6"))
        g_error ("seat %s is #%06x after it was taken, not grey", seat->id, a);
    }

  /* Cancelled tickets (취소표) come back with their colour. */
  for (guint i = 0; i < 500; i++)
    taken[i] = TG_SEAT_AVAILABLE;
  tg_seat_map_update_seats (map, seats, 250, taken);
  wait_for_frame ();
  {
    g_autoptr(GdkTexture) again = render_map ();
    Pixels pc;

    pixels_download (&pc, again);
    for (guint i = 0; i < 500; i++)
      {
        double x, y;

        tg_seat_map_get_seat_point (map, seats[i], &x, &y);
        if (x < 1 || y < 1 || x >= pc.width - 1 || y >= pc.height - 1)
          continue;
        if (i < 250)
          g_assert_cmphex (pixel_at (&pc, x, y), ==, pixel_at (&pb, x, y));
        else
          g_assert_cmphex (pixel_at (&pc, x, y), ==, pixel_at (&pa, x, y));
      }
    g_free (pc.data);
  }

  g_free (pb.data);
  g_free (pa.data);
  tg_seat_map_zoom_to_fit (map);
}

static void
test_snapshot (void)
{
  TgSeatMap *map = TG_SEAT_MAP (fx.map);
  guint n = tg_venue_get_n_seats (fx.venue);
  g_autofree guint8 *states = g_new0 (guint8, n);
  guint32 picked[2];
  g_autoptr(GdkTexture) texture = NULL;

  /* A map a third sold, deterministically, with two seats picked and one hovered. */
  for (guint i = 0; i < n; i++)
    states[i] = ((i * 2654435761u) >> 7) % 3 == 0 ? TG_SEAT_SOLD : TG_SEAT_AVAILABLE;
  tg_seat_map_set_states (map, states);
  picked[0] = tg_venue_find_seat (fx.venue, "F8-2-9");
  picked[1] = picked[0] + 1;
  tg_seat_map_set_selected (map, picked, 2);
  g_assert_true (tg_seat_map_is_selected (map, picked[1]));
  tg_seat_map_zoom_to_fit (map);
  wait_for_frame ();
  texture = render_map ();
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (fx.map));
  save_png (texture, "seat-map-large.png");

  {
    double x, y;

    g_clear_object (&texture);
    tg_seat_map_get_seat_point (map, picked[0], &x, &y);
    tg_seat_map_set_zoom (map, 3, x, y);
    tg_seat_map_hover_at (map, x + 3 * 12, y);
    wait_for_frame ();
    g_usleep (200 * 1000);
    wait_for_frame ();
    wait_for_frame ();
    texture = render_map ();
    save_png (texture, "seat-map-large-zoomed.png");
  }
  tg_seat_map_hover_at (map, -1, -1);
  tg_seat_map_set_selected (map, NULL, 0);
}

/* The map follows libadwaita's dark style: floor, backdrop and taken seats change colour. */
static void
test_dark_style (void)
{
  TgSeatMap *map = TG_SEAT_MAP (fx.map);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL, dark = NULL;
  Pixels pixels;

  tg_seat_map_zoom_to_fit (map);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_for_frame ();
  light = render_map ();
  pixels_download (&pixels, light);
  g_assert_true (color_near (pixel_at (&pixels, 2, 2), "#f6f5f4"));
  g_free (pixels.data);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_frame ();
  dark = render_map ();
  pixels_download (&pixels, dark);
  g_assert_true (color_near (pixel_at (&pixels, 2, 2), "#1e1e1e"));
  g_free (pixels.data);
  save_png (dark, "seat-map-dark.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  wait_for_frame ();
}

/* Every screen names a seat the same way, standing spots included (tg_ui_seat_name). */
static void
test_seat_names (void)
{
  guint n = tg_venue_get_n_seats (fx.venue), standing = TG_VENUE_NO_SEAT, seated = TG_VENUE_NO_SEAT;

  for (guint i = 0; i < n && (standing == TG_VENUE_NO_SEAT || seated == TG_VENUE_NO_SEAT); i++)
    {
      if (tg_venue_get_seat (fx.venue, i)->flags & TG_SEAT_FLAG_STANDING)
        standing = standing == TG_VENUE_NO_SEAT ? i + 1 : standing;  /* the second spot of its zone */
      else if (seated == TG_VENUE_NO_SEAT)
        seated = i;
    }
  g_assert_cmpuint (standing, !=, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (seated, !=, TG_VENUE_NO_SEAT);

  {
    const TgSeat *seat = tg_venue_get_seat (fx.venue, seated);
    g_autofree char *expected = g_strdup_printf ("%s, row %s, seat %u",
                                                 tg_venue_get_section (fx.venue, seat->section)->name,
                                                 seat->row, seat->number);
    g_autofree char *name = tg_ui_seat_name (fx.venue, seated);
    g_autofree char *by_id = tg_ui_seat_name_for_id (fx.venue, seat->id);

    g_assert_cmpstr (name, ==, expected);
    g_assert_cmpstr (by_id, ==, expected);
  }
  {
    const TgSeat *seat = tg_venue_get_seat (fx.venue, standing);
    const TgSection *section = tg_venue_get_section (fx.venue, seat->section);
    g_autofree char *expected = g_strdup_printf ("%s, standing no. %u", section->name,
                                                 standing - section->first_seat + 1);
    g_autofree char *name = tg_ui_seat_name_for_id (fx.venue, seat->id);

    g_assert_cmpstr (name, ==, expected);
  }
  /* Without the venue (or a seat it lacks), the result's id is all there is. */
  {
    g_autofree char *bare = tg_ui_seat_name_for_id (NULL, "F6-20-8");
    g_autofree char *unknown = tg_ui_seat_name_for_id (fx.venue, "no-such-seat");

    g_assert_cmpstr (bare, ==, "F6-20-8");
    g_assert_cmpstr (unknown, ==, "no-such-seat");
  }
}

/* The legend wraps its grades onto more lines when the window is narrow, rather than asking for
 * the width of all of them (which clipped the last grade off an 1100-px window). */
static void
test_legend_wraps (void)
{
  GtkWidget *legend = tg_seat_legend_new ();
  int min_width, nat_width, one_line, narrow;

  tg_seat_legend_set_venue (TG_SEAT_LEGEND (legend), fx.venue);
  g_object_ref_sink (legend);
  gtk_widget_measure (legend, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_test_message ("legend: min width %d, natural %d", min_width, nat_width);
  g_assert_cmpint (tg_venue_get_n_grades (fx.venue), >=, 4);
  g_assert_cmpint (min_width, <, nat_width / 2);
  gtk_widget_measure (legend, GTK_ORIENTATION_VERTICAL, nat_width, NULL, &one_line, NULL, NULL);
  gtk_widget_measure (legend, GTK_ORIENTATION_VERTICAL, min_width, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, >, one_line);
  g_object_unref (legend);
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *box, *legend;
  int status;

  /* No accessibility bus under Xvfb; its warning would be fatal here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  fx.activated = g_array_new (FALSE, FALSE, sizeof (guint));
  fx.venue = tg_venue_new_preset ("large", NULL);
  fx.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1280, 860);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  fx.map = tg_seat_map_new ();
  gtk_widget_set_vexpand (fx.map, TRUE);
  tg_seat_map_set_venue (TG_SEAT_MAP (fx.map), fx.venue);
  g_signal_connect (fx.map, "seat-activated", G_CALLBACK (seat_activated_cb), NULL);
  g_signal_connect (fx.map, "miss-clicked", G_CALLBACK (miss_clicked_cb), NULL);
  legend = tg_seat_legend_new ();
  tg_seat_legend_set_venue (TG_SEAT_LEGEND (legend), fx.venue);
  gtk_box_append (GTK_BOX (box), fx.map);
  gtk_box_append (GTK_BOX (box), legend);
  gtk_window_set_child (GTK_WINDOW (fx.window), box);
  gtk_window_present (GTK_WINDOW (fx.window));
  while (gtk_widget_get_width (fx.map) == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame ();

  g_test_add_func ("/ui/seat-map/click-seat", test_click_seat);
  g_test_add_func ("/ui/seat-map/click-miss", test_click_miss);
  g_test_add_func ("/ui/seat-map/keyboard", test_keyboard);
  g_test_add_func ("/ui/seat-map/hover", test_hover);
  g_test_add_func ("/ui/seat-map/live-update", test_live_update);
  g_test_add_func ("/ui/seat-map/snapshot", test_snapshot);
  g_test_add_func ("/ui/seat-map/dark-style", test_dark_style);
  g_test_add_func ("/ui/seat-map/seat-names", test_seat_names);
  g_test_add_func ("/ui/seat-map/legend-wraps", test_legend_wraps);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_clear_object (&fx.venue);
  g_array_unref (fx.activated);
  return status;
}
