#pragma once

#include <adwaita.h>

#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_SEAT_PAGE (tg_seat_page_get_type ())
G_DECLARE_FINAL_TYPE (TgSeatPage, tg_seat_page, TG, SEAT_PAGE, AdwBin)

GtkWidget *tg_seat_page_new           (void);
void       tg_seat_page_set_session   (TgSeatPage *self,
                                       TgSession  *session);
/* The map is shown: load every seat's state. */
void       tg_seat_page_refresh       (TgSeatPage *self);
void       tg_seat_page_seats_changed (TgSeatPage *self,
                                       GArray     *seats);
/* Picks @seat as a click would (for keyboard-free tests and accessibility tools). */
void       tg_seat_page_toggle_seat   (TgSeatPage *self,
                                       guint32     seat);
void       tg_seat_page_confirm       (TgSeatPage *self);
GtkWidget *tg_seat_page_get_map       (TgSeatPage *self);

G_END_DECLS
