/* tg-seat-map-palette.h: the seat map's own colours in light and dark styles.
 *
 * Grades bring their colours from the venue; everything else — the floor, taken seats, the
 * player's picks, and the backdrop drawn by librsvg — follows libadwaita's light or dark style.
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *background;   /* the floor around and between sections */
  const char *taken;        /* a seat that is gone */
  const char *accessible;   /* ring of a wheelchair place */
  const char *selected;     /* the player's picks */
  const char *focus;        /* keyboard focus ring */
  /* CSS for librsvg over the backdrop SVG (tg_venue_to_backdrop_svg()); NULL: as written. */
  const char *backdrop_css;
} TgSeatMapPalette;

const TgSeatMapPalette *tg_seat_map_palette_get (gboolean dark);

G_END_DECLS
