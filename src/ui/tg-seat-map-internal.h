/* tg-seat-map-internal.h: what tg-seat-map.c (drawing, model) and tg-seat-map-input.c (pointer,
 * touch, keyboard, tooltip) share. Not for other files. */
#pragma once

#include <adwaita.h>
#include <librsvg/rsvg.h>

#include "tg-seat-map-palette.h"
#include "tg-seat-map-private.h"

G_BEGIN_DECLS

#define TILE_SIZE            256
#define SEAT_RADIUS          4.5    /* map units, as tg_venue_to_svg() draws them */
#define SPOT_HALF            3.0
#define GRID_CELL            16.0

#define MAX_BACKDROP_PIXELS  (4096.0 * 4096.0)
#define MAX_ZOOM             12.0
#define MAX_TILES            600
#define SETTLE_MS            150

typedef struct
{
  cairo_surface_t *surface;
  GdkTexture      *texture;     /* NULL when the surface changed since */
  guint            frame;       /* last frame it was drawn in, for eviction */
} Tile;

struct _TgSeatMap
{
  GtkWidget        parent_instance;

  TgVenue         *venue;
  const TgSeat    *seats;
  guint            n_seats;
  double           map_width;
  double           map_height;
  guint8          *states;
  guint8          *selected;
  GdkRGBA          grade_colors[TG_VENUE_MAX_GRADES];

  RsvgHandle      *backdrop_svg;
  const TgSeatMapPalette *palette;  /* follows the light or dark style */
  cairo_surface_t *backdrop;
  double           backdrop_scale;   /* device pixels per map unit */

  GHashTable      *tiles;            /* (ty << 32 | tx) -> Tile */
  double           tile_scale;       /* device pixels per map unit; 0: none yet */
  guint            frame;
  guint            settle_id;

  guint            grid_cols;
  guint            grid_rows;
  guint32         *grid_start;       /* CSR: seats of cell c are grid_seats[start[c] .. start[c+1]) */
  guint32         *grid_seats;

  /* A map point m is drawn at (m - origin) * zoom. */
  double           zoom;
  double           origin_x;
  double           origin_y;
  gboolean         follow_fit;       /* refit on resize until the user zooms or pans */

  double           drag_last_x;
  double           drag_last_y;
  gboolean         dragged;
  double           pinch_zoom;
  double           pointer_x;
  double           pointer_y;

  guint            hover;
  guint            focus_seat;
};

enum {
  TG_SEAT_MAP_SEAT_ACTIVATED,
  TG_SEAT_MAP_MISS_CLICKED,
  TG_SEAT_MAP_N_SIGNALS
};

extern guint tg_seat_map_signals[TG_SEAT_MAP_N_SIGNALS];

/* Spatial grid and view (tg-seat-map.c). */
guint    tg_seat_map_grid_col       (TgSeatMap *self,
                                     double     x);
guint    tg_seat_map_grid_row       (TgSeatMap *self,
                                     double     y);
guint    tg_seat_map_grid_nearest   (TgSeatMap *self,
                                     double     x,
                                     double     y,
                                     double     max_distance);
void     tg_seat_map_widget_to_map  (TgSeatMap *self,
                                     double     wx,
                                     double     wy,
                                     double    *mx,
                                     double    *my);

/* Input (tg-seat-map-input.c). */
void     tg_seat_map_input_class_init (GtkWidgetClass *widget_class);
void     tg_seat_map_input_init       (TgSeatMap      *self);
/* "1층 A구역, row 5, seat 7\nVIP석 · 143,000원": the tooltip and the accessible description. */
char    *tg_seat_map_describe_seat    (TgSeatMap      *self,
                                       guint           seat);

G_END_DECLS
