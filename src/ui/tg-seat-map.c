/* tg-seat-map.c: the interactive seat map.
 *
 * Drawing: librsvg renders the venue's backdrop once per zoom level into an image surface (capped
 * in size; beyond that it is scaled). Tiles of TILE_SIZE device pixels copy the backdrop and draw
 * the seats on it; they are made when first seen and patched seat by seat on state changes, each
 * becoming a GdkTexture again only when it changed. While zooming, the old tiles are scaled until
 * the zoom settles and they are redrawn sharp.
 *
 * Hit testing and keyboard moves go through a uniform grid of GRID_CELL map units holding seat
 * indices, so finding the seat under the pointer looks at a handful of seats, not 16,424.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>

#include <adwaita.h>

#include "tg-seat-map-internal.h"

enum {
  PROP_0,
  PROP_VENUE,
  PROP_ZOOM,
  PROP_FOCUS_SEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint tg_seat_map_signals[TG_SEAT_MAP_N_SIGNALS];

G_DEFINE_FINAL_TYPE (TgSeatMap, tg_seat_map, GTK_TYPE_WIDGET)

/* Spatial grid */

static void
grid_clear (TgSeatMap *self)
{
  g_clear_pointer (&self->grid_start, g_free);
  g_clear_pointer (&self->grid_seats, g_free);
  self->grid_cols = self->grid_rows = 0;
}

guint
tg_seat_map_grid_col (TgSeatMap *self,
                      double     x)
{
  return (guint) CLAMP (floor (x / GRID_CELL), 0, self->grid_cols - 1);
}

guint
tg_seat_map_grid_row (TgSeatMap *self,
                      double     y)
{
  return (guint) CLAMP (floor (y / GRID_CELL), 0, self->grid_rows - 1);
}

/* Cells a side for a map @size units long. The venue builder keeps sizes within 1 and
 * TG_VENUE_MAX_SIZE (at most 1,251 cells a side, 6 MB), and that bound is what keeps the grid
 * small; here it only stops a venue from elsewhere from making a huge or negative one. */
static guint
grid_span (double size)
{
  return (guint) ceil ((isfinite (size) ? CLAMP (size, 1, TG_VENUE_MAX_SIZE) : 1) / GRID_CELL) + 1;
}

static void
grid_build (TgSeatMap *self)
{
  guint n_cells;
  guint32 *fill;

  grid_clear (self);
  self->grid_cols = grid_span (self->map_width);
  self->grid_rows = grid_span (self->map_height);
  n_cells = self->grid_cols * self->grid_rows;
  self->grid_start = g_new0 (guint32, n_cells + 1);
  self->grid_seats = g_new (guint32, MAX (self->n_seats, 1));

  for (guint i = 0; i < self->n_seats; i++)
    {
      guint c = tg_seat_map_grid_row (self, self->seats[i].y) * self->grid_cols + tg_seat_map_grid_col (self, self->seats[i].x);
      self->grid_start[c + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->grid_start[c + 1] += self->grid_start[c];

  fill = g_memdup2 (self->grid_start, sizeof (guint32) * n_cells);
  for (guint i = 0; i < self->n_seats; i++)
    {
      guint c = tg_seat_map_grid_row (self, self->seats[i].y) * self->grid_cols + tg_seat_map_grid_col (self, self->seats[i].x);
      self->grid_seats[fill[c]++] = i;
    }
  g_free (fill);
}

/* The seat nearest to the map point (@x, @y) within @radius map units. */
guint
tg_seat_map_grid_nearest (TgSeatMap *self,
                          double     x,
                          double     y,
                          double     radius)
{
  guint best = TG_VENUE_NO_SEAT;
  double best_d2 = radius * radius;
  guint c0, c1, r0, r1;

  if (self->grid_start == NULL)
    return TG_VENUE_NO_SEAT;

  c0 = tg_seat_map_grid_col (self, x - radius);
  c1 = tg_seat_map_grid_col (self, x + radius);
  r0 = tg_seat_map_grid_row (self, y - radius);
  r1 = tg_seat_map_grid_row (self, y + radius);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * self->grid_cols + c;

        for (guint k = self->grid_start[cell]; k < self->grid_start[cell + 1]; k++)
          {
            const TgSeat *seat = &self->seats[self->grid_seats[k]];
            double dx = seat->x - x, dy = seat->y - y;
            double d2 = dx * dx + dy * dy;

            if (d2 <= best_d2)
              {
                best_d2 = d2;
                best = self->grid_seats[k];
              }
          }
      }
  return best;
}

/* Drawing seats */

static void
set_source_hex (cairo_t    *cr,
                const char *hex)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, hex);
  gdk_cairo_set_source_rgba (cr, &rgba);
}

/* Draws one seat on @cr, which maps map units to the target. */
static void
draw_seat (TgSeatMap    *self,
           cairo_t      *cr,
           guint         index,
           gboolean      restore_backdrop)
{
  const TgSeat *seat = &self->seats[index];
  gboolean standing = (seat->flags & TG_SEAT_FLAG_STANDING) != 0;
  gboolean taken = self->states[index] != TG_SEAT_AVAILABLE;

  if (restore_backdrop)
    {
      /* Clip to a disc that reaches no neighbour (seats are >= 10.5 apart, spots 7). */
      cairo_save (cr);
      if (standing)
        cairo_rectangle (cr, seat->x - SPOT_HALF - 0.45, seat->y - SPOT_HALF - 0.45,
                         2 * SPOT_HALF + 0.9, 2 * SPOT_HALF + 0.9);
      else
        cairo_arc (cr, seat->x, seat->y, SEAT_RADIUS + 1.3, 0, 2 * G_PI);
      cairo_clip (cr);
      cairo_scale (cr, 1 / self->backdrop_scale, 1 / self->backdrop_scale);
      cairo_set_source_surface (cr, self->backdrop, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }

  if (standing)
    {
      double half = taken ? SPOT_HALF * 0.7 : SPOT_HALF;
      cairo_rectangle (cr, seat->x - half, seat->y - half, 2 * half, 2 * half);
    }
  else
    cairo_arc (cr, seat->x, seat->y, taken ? SEAT_RADIUS * 0.8 : SEAT_RADIUS, 0, 2 * G_PI);

  if (taken)
    {
      set_source_hex (cr, self->palette->taken);
      cairo_fill (cr);
      return;
    }

  {
    GdkRGBA color = self->grade_colors[seat->grade];

    if (seat->flags & TG_SEAT_FLAG_RESTRICTED_VIEW)
      color.alpha = 0.45f;
    gdk_cairo_set_source_rgba (cr, &color);
  }
  if (seat->flags & TG_SEAT_FLAG_ACCESSIBLE)
    {
      cairo_fill_preserve (cr);
      set_source_hex (cr, self->palette->accessible);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

/* Backdrop and tiles */

static void
tiles_clear (TgSeatMap *self)
{
  g_hash_table_remove_all (self->tiles);
}

static void
tile_free (Tile *tile)
{
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_object (&tile->texture);
  g_free (tile);
}

static void
ensure_backdrop (TgSeatMap *self,
                 double     scale)
{
  double cap = sqrt (MAX_BACKDROP_PIXELS / (self->map_width * self->map_height));
  double wanted = MIN (scale, cap);
  RsvgRectangle viewport;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;
  int width, height;

  if (self->backdrop != NULL && fabs (self->backdrop_scale - wanted) < 1e-9)
    return;

  g_clear_pointer (&self->backdrop, cairo_surface_destroy);
  width = MAX (1, (int) ceil (self->map_width * wanted));
  height = MAX (1, (int) ceil (self->map_height * wanted));
  self->backdrop = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  self->backdrop_scale = wanted;

  cr = cairo_create (self->backdrop);
  viewport.x = 0;
  viewport.y = 0;
  viewport.width = self->map_width * wanted;
  viewport.height = self->map_height * wanted;
  if (!rsvg_handle_render_document (self->backdrop_svg, cr, &viewport, &error))
    g_warning ("Could not draw the seat map of “%s”: %s",
               tg_venue_get_name (self->venue), error->message);
  cairo_destroy (cr);
}

/* Gives the backdrop the palette's stylesheet (light: none). */
static void
apply_backdrop_css (TgSeatMap *self)
{
  const char *css = self->palette->backdrop_css != NULL ? self->palette->backdrop_css : "";
  g_autoptr(GError) error = NULL;

  if (self->backdrop_svg != NULL &&
      !rsvg_handle_set_stylesheet (self->backdrop_svg, (const guint8 *) css, strlen (css), &error))
    g_warning ("Could not restyle the seat map: %s", error->message);
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 TgSeatMap       *self)
{
  const TgSeatMapPalette *palette = tg_seat_map_palette_get (adw_style_manager_get_dark (manager));

  if (palette == self->palette)
    return;
  self->palette = palette;
  apply_backdrop_css (self);
  /* Everything drawn so far has the old colours. */
  g_clear_pointer (&self->backdrop, cairo_surface_destroy);
  tiles_clear (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gint64
tile_key (int tx,
          int ty)
{
  return ((gint64) ty << 32) | (guint32) tx;
}

static Tile *
tile_render (TgSeatMap *self,
             int        tx,
             int        ty)
{
  Tile *tile = g_new0 (Tile, 1);
  double s = self->tile_scale;
  double x0 = tx * TILE_SIZE / s, y0 = ty * TILE_SIZE / s;
  double x1 = (tx + 1) * TILE_SIZE / s, y1 = (ty + 1) * TILE_SIZE / s;
  double pad = SEAT_RADIUS + 2;
  cairo_t *cr;

  tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE, TILE_SIZE);
  cr = cairo_create (tile->surface);
  set_source_hex (cr, self->palette->background);
  cairo_paint (cr);

  cairo_translate (cr, -tx * TILE_SIZE, -ty * TILE_SIZE);
  cairo_scale (cr, s, s);
  cairo_save (cr);
  cairo_scale (cr, 1 / self->backdrop_scale, 1 / self->backdrop_scale);
  cairo_set_source_surface (cr, self->backdrop, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);

  if (self->grid_start != NULL && x1 + pad > 0 && y1 + pad > 0 &&
      x0 - pad < self->map_width && y0 - pad < self->map_height)
    {
      guint c0 = tg_seat_map_grid_col (self, x0 - pad), c1 = tg_seat_map_grid_col (self, x1 + pad);
      guint r0 = tg_seat_map_grid_row (self, y0 - pad), r1 = tg_seat_map_grid_row (self, y1 + pad);

      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            guint cell = r * self->grid_cols + c;

            for (guint k = self->grid_start[cell]; k < self->grid_start[cell + 1]; k++)
              draw_seat (self, cr, self->grid_seats[k], FALSE);
          }
    }

  cairo_destroy (cr);
  cairo_surface_flush (tile->surface);
  return tile;
}

static GdkTexture *
tile_get_texture (Tile *tile)
{
  if (tile->texture == NULL)
    {
      int stride = cairo_image_surface_get_stride (tile->surface);
      g_autoptr(GBytes) bytes = NULL;

      cairo_surface_flush (tile->surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (tile->surface), (gsize) stride * TILE_SIZE);
      tile->texture = gdk_memory_texture_new (TILE_SIZE, TILE_SIZE, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return tile->texture;
}

/* Redraws @seat in the tiles that exist; tiles made later draw it fresh anyway. */
static void
tiles_patch_seat (TgSeatMap *self,
                  guint      seat)
{
  double s = self->tile_scale;
  double pad = SEAT_RADIUS + 2;
  int tx0, tx1, ty0, ty1;

  if (s <= 0 || g_hash_table_size (self->tiles) == 0)
    return;

  tx0 = (int) floor ((self->seats[seat].x - pad) * s / TILE_SIZE);
  tx1 = (int) floor ((self->seats[seat].x + pad) * s / TILE_SIZE);
  ty0 = (int) floor ((self->seats[seat].y - pad) * s / TILE_SIZE);
  ty1 = (int) floor ((self->seats[seat].y + pad) * s / TILE_SIZE);

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        gint64 key = tile_key (tx, ty);
        Tile *tile = g_hash_table_lookup (self->tiles, &key);
        cairo_t *cr;

        if (tile == NULL)
          continue;
        cr = cairo_create (tile->surface);
        cairo_translate (cr, -tx * TILE_SIZE, -ty * TILE_SIZE);
        cairo_scale (cr, s, s);
        draw_seat (self, cr, seat, TRUE);
        cairo_destroy (cr);
        g_clear_object (&tile->texture);
      }
}

static double
device_scale (TgSeatMap *self)
{
  return self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer user_data)
{
  TgSeatMap *self = user_data;

  self->settle_id = 0;
  self->tile_scale = 0;   /* redrawn at the current zoom by the next frame */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
ensure_tile_scale (TgSeatMap *self)
{
  double wanted = device_scale (self);

  if (self->tile_scale > 0 && fabs (self->tile_scale / wanted - 1) < 0.001)
    return;

  /* Zooming out shows ever more of the old, finer tiles: redraw at once. Zooming in, scale what
   * is there until the zoom has settled. */
  if (self->tile_scale <= 0 || self->tile_scale > wanted * 1.5)
    {
      g_clear_handle_id (&self->settle_id, g_source_remove);
      tiles_clear (self);
      self->tile_scale = wanted;
      ensure_backdrop (self, wanted);
      return;
    }

  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* View */

static double
fit_zoom (TgSeatMap *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->venue == NULL || width <= 0 || height <= 0)
    return 1;
  return MIN (width / self->map_width, height / self->map_height);
}

static void
clamp_view (TgSeatMap *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double view_w = width / self->zoom, view_h = height / self->zoom;

  /* Keep the map in view: centred when smaller than the widget, else no empty margin beyond
   * a quarter of the widget. */
  if (view_w >= self->map_width)
    self->origin_x = (self->map_width - view_w) / 2;
  else
    self->origin_x = CLAMP (self->origin_x, -view_w / 4, self->map_width - view_w * 3 / 4);
  if (view_h >= self->map_height)
    self->origin_y = (self->map_height - view_h) / 2;
  else
    self->origin_y = CLAMP (self->origin_y, -view_h / 4, self->map_height - view_h * 3 / 4);
}

void
tg_seat_map_widget_to_map (TgSeatMap *self,
                           double     x,
                           double     y,
                           double    *mx,
                           double    *my)
{
  *mx = x / self->zoom + self->origin_x;
  *my = y / self->zoom + self->origin_y;
}

void
tg_seat_map_set_zoom (TgSeatMap *self,
                      double     zoom,
                      double     x,
                      double     y)
{
  double mx, my;
  double min_zoom;

  g_return_if_fail (TG_IS_SEAT_MAP (self));

  if (self->venue == NULL)
    return;

  min_zoom = fit_zoom (self) * 0.5;
  zoom = CLAMP (zoom, min_zoom, MAX (MAX_ZOOM, min_zoom));
  if (zoom == self->zoom)
    return;

  tg_seat_map_widget_to_map (self, x, y, &mx, &my);
  self->zoom = zoom;
  self->origin_x = mx - x / zoom;
  self->origin_y = my - y / zoom;
  self->follow_fit = FALSE;
  clamp_view (self);
  ensure_tile_scale (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
tg_seat_map_get_zoom (TgSeatMap *self)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), 1);
  return self->zoom;
}

void
tg_seat_map_zoom_to_fit (TgSeatMap *self)
{
  double old = self->zoom;

  g_return_if_fail (TG_IS_SEAT_MAP (self));

  if (self->venue == NULL)
    return;
  self->zoom = fit_zoom (self);
  self->follow_fit = TRUE;
  clamp_view (self);
  ensure_tile_scale (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old != self->zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
tg_seat_map_pan (TgSeatMap *self,
                 double     dx,
                 double     dy)
{
  g_return_if_fail (TG_IS_SEAT_MAP (self));

  if (self->venue == NULL)
    return;
  self->origin_x -= dx / self->zoom;
  self->origin_y -= dy / self->zoom;
  self->follow_fit = FALSE;
  clamp_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scroll_seat_into_view (TgSeatMap *self,
                       guint      seat)
{
  double x, y;
  double margin = 4 * SEAT_RADIUS * self->zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double dx = 0, dy = 0;

  tg_seat_map_get_seat_point (self, seat, &x, &y);
  if (x < margin)
    dx = width / 2.0 - x;
  else if (x > width - margin)
    dx = width / 2.0 - x;
  if (y < margin)
    dy = height / 2.0 - y;
  else if (y > height - margin)
    dy = height / 2.0 - y;
  if (dx != 0 || dy != 0)
    tg_seat_map_pan (self, dx, dy);
}

/* Snapshot */

static void
append_disc (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             const GdkRGBA *color)
{
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (x - radius, y - radius,
                                                               2 * radius, 2 * radius), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, color, &disc.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_ring (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             double         radius,
             double         width,
             const GdkRGBA *color)
{
  GskRoundedRect ring;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - radius, y - radius,
                                                               2 * radius, 2 * radius), radius);
  gtk_snapshot_append_border (snapshot, &ring, widths, colors);
}

static void
draw_tiles (TgSeatMap   *self,
            GtkSnapshot *snapshot,
            int          width,
            int          height)
{
  double s = self->tile_scale;
  double sf = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  gboolean exact = fabs (s / device_scale (self) - 1) < 0.001;
  /* At the tiles' own scale, snap to whole device pixels so they are copied, not resampled. */
  double ox = exact ? round (self->origin_x * s) / s : self->origin_x;
  double oy = exact ? round (self->origin_y * s) / s : self->origin_y;
  double mx0 = ox, my0 = oy;
  double mx1 = ox + width / self->zoom, my1 = oy + height / self->zoom;
  int tx0 = (int) floor (MAX (mx0, 0) * s / TILE_SIZE);
  int ty0 = (int) floor (MAX (my0, 0) * s / TILE_SIZE);
  int tx1 = (int) floor ((MIN (mx1, self->map_width) * s - 1) / TILE_SIZE);
  int ty1 = (int) floor ((MIN (my1, self->map_height) * s - 1) / TILE_SIZE);
  double tile_w = TILE_SIZE / s * self->zoom;

  self->frame++;
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        gint64 key = tile_key (tx, ty);
        Tile *tile = g_hash_table_lookup (self->tiles, &key);
        double x = (tx * TILE_SIZE / s - ox) * self->zoom;
        double y = (ty * TILE_SIZE / s - oy) * self->zoom;

        if (tile == NULL)
          {
            tile = tile_render (self, tx, ty);
            g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
          }
        tile->frame = self->frame;
        if (exact)
          {
            x = round (x * sf) / sf;
            y = round (y * sf) / sf;
          }
        gtk_snapshot_append_texture (snapshot, tile_get_texture (tile),
                                     &GRAPHENE_RECT_INIT (x, y, tile_w, tile_w));
      }

  /* Forget tiles that went out of view when there are too many. */
  if (g_hash_table_size (self->tiles) > MAX_TILES)
    {
      GHashTableIter iter;
      Tile *tile;

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
        if (tile->frame != self->frame)
          g_hash_table_iter_remove (&iter);
    }
}

static void
tg_seat_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  TgSeatMap *self = TG_SEAT_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA background, selected, white, focus, hover;
  double r = SEAT_RADIUS * self->zoom;

  gdk_rgba_parse (&background, self->palette->background);
  if (self->venue == NULL || width <= 0 || height <= 0)
    {
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  /* The tiles are opaque and carry the floor colour: fill only the strips around the map, so a
   * software rasterizer does not paint every pixel twice. */
  {
    double mx0 = -self->origin_x * self->zoom, my0 = -self->origin_y * self->zoom;
    double mx1 = mx0 + self->map_width * self->zoom, my1 = my0 + self->map_height * self->zoom;
    double x0 = CLAMP (floor (mx0), 0, width), y0 = CLAMP (floor (my0), 0, height);
    double x1 = CLAMP (ceil (mx1), 0, width), y1 = CLAMP (ceil (my1), 0, height);

    if (y0 > 0)
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, y0 + 1));
    if (y1 < height)
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, y1 - 1, width, height - y1 + 1));
    if (x0 > 0)
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, x0 + 1, height));
    if (x1 < width)
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (x1 - 1, 0, width - x1 + 1, height));
  }

  ensure_tile_scale (self);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_tiles (self, snapshot, width, height);

  gdk_rgba_parse (&selected, self->palette->selected);
  gdk_rgba_parse (&white, self->palette->background);
  gdk_rgba_parse (&focus, self->palette->focus);
  hover = selected;
  hover.alpha = 0.6f;

  for (guint i = 0; i < self->n_seats; i++)
    if (self->selected[i])
      {
        double x, y;

        tg_seat_map_get_seat_point (self, i, &x, &y);
        append_disc (snapshot, x, y, r * 1.25, &selected);
        append_disc (snapshot, x, y, r * 0.45, &white);
      }

  if (self->hover != TG_VENUE_NO_SEAT)
    {
      double x, y;

      tg_seat_map_get_seat_point (self, self->hover, &x, &y);
      append_ring (snapshot, x, y, r + MAX (2, r * 0.4), MAX (1.5, r * 0.25), &hover);
    }
  if (self->focus_seat != TG_VENUE_NO_SEAT && gtk_widget_has_visible_focus (widget))
    {
      double x, y;

      tg_seat_map_get_seat_point (self, self->focus_seat, &x, &y);
      append_ring (snapshot, x, y, r + MAX (3, r * 0.6), MAX (2, r * 0.3), &focus);
    }

  gtk_snapshot_pop (snapshot);
}

GtkWidget *
tg_seat_map_new (void)
{
  return g_object_new (TG_TYPE_SEAT_MAP, NULL);
}

void
tg_seat_map_set_venue (TgSeatMap *self,
                       TgVenue   *venue)
{
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (venue == NULL || TG_IS_VENUE (venue));

  if (self->venue == venue)
    return;

  g_clear_object (&self->venue);
  g_clear_object (&self->backdrop_svg);
  g_clear_pointer (&self->backdrop, cairo_surface_destroy);
  g_clear_pointer (&self->states, g_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  tiles_clear (self);
  grid_clear (self);
  self->tile_scale = 0;
  self->seats = NULL;
  self->n_seats = 0;
  self->hover = TG_VENUE_NO_SEAT;
  self->focus_seat = TG_VENUE_NO_SEAT;

  if (venue != NULL)
    {
      svg = tg_venue_to_backdrop_svg (venue, &length);
      self->backdrop_svg = rsvg_handle_new_from_data ((const guint8 *) svg, length, &error);
      if (self->backdrop_svg == NULL)
        {
          /* Our own writer made it: only a broken librsvg gets here. */
          g_critical ("librsvg cannot read the venue drawing: %s", error->message);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE]);
          return;
        }
      apply_backdrop_css (self);

      self->venue = g_object_ref (venue);
      self->seats = tg_venue_get_seats (venue);
      self->n_seats = tg_venue_get_n_seats (venue);
      tg_venue_get_size (venue, &self->map_width, &self->map_height);
      self->states = g_new0 (guint8, MAX (self->n_seats, 1));
      self->selected = g_new0 (guint8, MAX (self->n_seats, 1));
      for (guint g = 0; g < tg_venue_get_n_grades (venue); g++)
        gdk_rgba_parse (&self->grade_colors[g], tg_venue_get_grade (venue, g)->color);
      grid_build (self);
    }

  self->follow_fit = TRUE;
  self->zoom = fit_zoom (self);
  if (venue != NULL)
    clamp_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE]);
}

TgVenue *
tg_seat_map_get_venue (TgSeatMap *self)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), NULL);
  return self->venue;
}

void
tg_seat_map_set_states (TgSeatMap    *self,
                        const guint8 *states)
{
  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (self->venue != NULL);
  g_return_if_fail (states != NULL);

  memcpy (self->states, states, self->n_seats);
  tiles_clear (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tg_seat_map_update_seats (TgSeatMap     *self,
                          const guint32 *seats,
                          guint          n,
                          const guint8  *states)
{
  gboolean changed = FALSE;

  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (self->venue != NULL);
  g_return_if_fail (n == 0 || (seats != NULL && states != NULL));

  for (guint i = 0; i < n; i++)
    {
      guint seat = seats[i];

      g_return_if_fail (seat < self->n_seats);
      if (self->states[seat] == states[i])
        continue;
      self->states[seat] = states[i];
      tiles_patch_seat (self, seat);
      changed = TRUE;
    }
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

TgSeatState
tg_seat_map_get_seat_state (TgSeatMap *self,
                            guint      seat)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), TG_SEAT_SOLD);
  g_return_val_if_fail (seat < self->n_seats, TG_SEAT_SOLD);
  return self->states[seat];
}

void
tg_seat_map_set_selected (TgSeatMap     *self,
                          const guint32 *seats,
                          guint          n)
{
  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (self->venue != NULL);

  memset (self->selected, 0, self->n_seats);
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (seats[i] < self->n_seats);
      self->selected[seats[i]] = 1;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tg_seat_map_is_selected (TgSeatMap *self,
                         guint      seat)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), FALSE);
  g_return_val_if_fail (seat < self->n_seats, FALSE);
  return self->selected[seat] != 0;
}

guint
tg_seat_map_get_focus_seat (TgSeatMap *self)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), TG_VENUE_NO_SEAT);
  return self->focus_seat;
}

void
tg_seat_map_set_focus_seat (TgSeatMap *self,
                            guint      seat)
{
  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (seat == TG_VENUE_NO_SEAT || seat < self->n_seats);

  if (self->focus_seat == seat)
    return;
  self->focus_seat = seat;
  if (seat != TG_VENUE_NO_SEAT)
    {
      g_autofree char *description = tg_seat_map_describe_seat (self, seat);

      scroll_seat_into_view (self, seat);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_SEAT]);
}

/* GObject and GtkWidget */

static void
tg_seat_map_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  TgSeatMap *self = TG_SEAT_MAP (widget);

  if (self->venue == NULL)
    return;
  if (self->follow_fit)
    tg_seat_map_zoom_to_fit (self);
  else
    clamp_view (self);
}

static void
tg_seat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 960 : 720;
}

static void
tg_seat_map_dispose (GObject *object)
{
  TgSeatMap *self = TG_SEAT_MAP (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_object (&self->venue);
  g_clear_object (&self->backdrop_svg);

  G_OBJECT_CLASS (tg_seat_map_parent_class)->dispose (object);
}

static void
tg_seat_map_finalize (GObject *object)
{
  TgSeatMap *self = TG_SEAT_MAP (object);

  g_clear_pointer (&self->backdrop, cairo_surface_destroy);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->states, g_free);
  g_clear_pointer (&self->selected, g_free);
  grid_clear (self);

  G_OBJECT_CLASS (tg_seat_map_parent_class)->finalize (object);
}

static void
tg_seat_map_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TgSeatMap *self = TG_SEAT_MAP (object);

  switch (prop_id)
    {
    case PROP_VENUE:
      g_value_set_object (value, self->venue);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_FOCUS_SEAT:
      g_value_set_uint (value, self->focus_seat);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_seat_map_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TgSeatMap *self = TG_SEAT_MAP (object);

  switch (prop_id)
    {
    case PROP_VENUE:
      tg_seat_map_set_venue (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_seat_map_class_init (TgSeatMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tg_seat_map_dispose;
  object_class->finalize = tg_seat_map_finalize;
  object_class->get_property = tg_seat_map_get_property;
  object_class->set_property = tg_seat_map_set_property;

  widget_class->snapshot = tg_seat_map_snapshot;
  widget_class->size_allocate = tg_seat_map_size_allocate;
  widget_class->measure = tg_seat_map_measure;

  properties[PROP_VENUE] =
    g_param_spec_object ("venue", NULL, NULL,
                         TG_TYPE_VENUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOCUS_SEAT] =
    g_param_spec_uint ("focus-seat", NULL, NULL,
                       0, G_MAXUINT, TG_VENUE_NO_SEAT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TgSeatMap::seat-activated:
   * @seat_index: the seat clicked, or picked with Enter or Space
   *
   * Emitted for a seat in any state: whether a taken seat is 이선좌 is the match's to say.
   */
  tg_seat_map_signals[TG_SEAT_MAP_SEAT_ACTIVATED] =
    g_signal_new ("seat-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * TgSeatMap::miss-clicked:
   * @x: where, in widget coordinates
   * @y: where, in widget coordinates
   *
   * A click that hit no seat: counted as a miss.
   */
  tg_seat_map_signals[TG_SEAT_MAP_MISS_CLICKED] =
    g_signal_new ("miss-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  tg_seat_map_input_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "seatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
tg_seat_map_init (TgSeatMap *self)
{
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) tile_free);
  self->zoom = 1;
  self->hover = TG_VENUE_NO_SEAT;
  self->focus_seat = TG_VENUE_NO_SEAT;
  self->pointer_x = -1;
  self->pointer_y = -1;
  self->follow_fit = TRUE;
  self->palette = tg_seat_map_palette_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, 0);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Seat map"),
                                  -1);

  tg_seat_map_input_init (self);
}
