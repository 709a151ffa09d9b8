/* tg-seat-map-private.h: the input entry points of TgSeatMap.
 *
 * The widget's own event controllers call these; tests and the benchmark call them too, so they
 * drive exactly the code a pointer does without synthesising window-system events.
 */
#pragma once

#include "tg-seat-map.h"

G_BEGIN_DECLS

/* A primary-button click at the widget point (@x, @y): "seat-activated" or "miss-clicked". */
void tg_seat_map_click_at (TgSeatMap *self,
                           double     x,
                           double     y);
/* The pointer moved to (@x, @y); a negative @x means it left the widget. */
void tg_seat_map_hover_at (TgSeatMap *self,
                           double     x,
                           double     y);
/* The seat under the pointer, or TG_VENUE_NO_SEAT. */
guint tg_seat_map_get_hover_seat (TgSeatMap *self);

G_END_DECLS
