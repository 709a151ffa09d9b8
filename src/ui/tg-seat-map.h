/* tg-seat-map.h: the interactive seat map (포도알) of a venue.
 *
 * The map is drawn from two caches: the venue's backdrop (stage, section outlines and names),
 * rendered by librsvg once per zoom level, and tiles holding the backdrop plus the seat dots,
 * patched seat by seat when states change. A frame only composites tiles and draws the few
 * highlighted seats, so it costs the same with 16,424 seats as with 1,231.
 */
#pragma once

#include <gtk/gtk.h>

#include "tg-ledger.h"
#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_TYPE_SEAT_MAP (tg_seat_map_get_type ())
G_DECLARE_FINAL_TYPE (TgSeatMap, tg_seat_map, TG, SEAT_MAP, GtkWidget)

GtkWidget *tg_seat_map_new              (void);
void       tg_seat_map_set_venue        (TgSeatMap      *self,
                                         TgVenue        *venue);
TgVenue   *tg_seat_map_get_venue        (TgSeatMap      *self);

/* @states has one TgSeatState (the ledger's) per seat of the venue. */
void       tg_seat_map_set_states       (TgSeatMap      *self,
                                         const guint8   *states);
/* Sets the state of @n seats: seats[i] gets states[i]. */
void       tg_seat_map_update_seats     (TgSeatMap      *self,
                                         const guint32  *seats,
                                         guint           n,
                                         const guint8   *states);
TgSeatState tg_seat_map_get_seat_state  (TgSeatMap      *self,
                                         guint           seat);

/* The seats the player has picked, drawn highlighted. */
void       tg_seat_map_set_selected     (TgSeatMap      *self,
                                         const guint32  *seats,
                                         guint           n);
gboolean   tg_seat_map_is_selected      (TgSeatMap      *self,
                                         guint           seat);

/* The seat the keyboard is on, or TG_VENUE_NO_SEAT. */
guint      tg_seat_map_get_focus_seat   (TgSeatMap      *self);
void       tg_seat_map_set_focus_seat   (TgSeatMap      *self,
                                         guint           seat);

/* Zoom is in widget pixels per map unit; the point (@x, @y) of the widget stays put. */
double     tg_seat_map_get_zoom         (TgSeatMap      *self);
void       tg_seat_map_set_zoom         (TgSeatMap      *self,
                                         double          zoom,
                                         double          x,
                                         double          y);
void       tg_seat_map_zoom_to_fit      (TgSeatMap      *self);
void       tg_seat_map_pan              (TgSeatMap      *self,
                                         double          dx,
                                         double          dy);

/* The seat under the widget point (@x, @y), or TG_VENUE_NO_SEAT. */
guint      tg_seat_map_seat_at          (TgSeatMap      *self,
                                         double          x,
                                         double          y);
/* Where @seat is drawn, in widget coordinates. */
void       tg_seat_map_get_seat_point   (TgSeatMap      *self,
                                         guint           seat,
                                         double         *x,
                                         double         *y);

G_END_DECLS
