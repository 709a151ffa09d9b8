/* tg-seat-map-palette.c: light and dark colours of the seat map. */

#include "config.h"

#include "tg-seat-map-palette.h"

/* The backdrop SVG carries its light colours as presentation attributes (tg-venue-writer.c); CSS
 * outranks them, so one stylesheet turns the same document dark without a second writer. */
static const char dark_backdrop_css[] =
  "rect[fill=\"#f6f5f4\"] { fill: #1e1e1e; }\n"
  "rect[fill=\"#3d3846\"] { fill: #5e5c64; }\n"
  "path[fill=\"#c0bfbc\"] { fill: #5e5c64; stroke: #5e5c64; }\n"
  "path[fill=\"#ffffff\"] { fill: #2a2a2a; stroke: #2a2a2a; }\n"
  "path[fill=\"#fbe3ec\"] { fill: #45283a; stroke: #45283a; }\n"
  "text[fill=\"#5e5c64\"] { fill: #deddda; stroke: #1e1e1e; }\n";

static const TgSeatMapPalette light = {
  .background = "#f6f5f4",
  .taken = "#dcdad6",
  .accessible = "#1c71d8",
  .selected = "#241f31",
  .focus = "#3584e4",
  .backdrop_css = NULL,
};

static const TgSeatMapPalette dark = {
  .background = "#1e1e1e",
  .taken = "#3a3a3a",
  .accessible = "#62a0ea",
  .selected = "#ffffff",
  .focus = "#78aeed",
  .backdrop_css = dark_backdrop_css,
};

const TgSeatMapPalette *
tg_seat_map_palette_get (gboolean is_dark)
{
  return is_dark ? &dark : &light;
}
