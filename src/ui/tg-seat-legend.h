/* tg-seat-legend.h: the grades of a venue with their colours and prices, beside a seat map. */
#pragma once

#include <gtk/gtk.h>

#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_TYPE_SEAT_LEGEND (tg_seat_legend_get_type ())
G_DECLARE_FINAL_TYPE (TgSeatLegend, tg_seat_legend, TG, SEAT_LEGEND, GtkWidget)

GtkWidget *tg_seat_legend_new           (void);
void       tg_seat_legend_set_venue     (TgSeatLegend *self,
                                         TgVenue      *venue);
TgVenue   *tg_seat_legend_get_venue     (TgSeatLegend *self);
/* Seats still available per grade index, shown after each price; NULL hides the counts. */
void       tg_seat_legend_set_available (TgSeatLegend *self,
                                         const guint  *counts);

G_END_DECLS
