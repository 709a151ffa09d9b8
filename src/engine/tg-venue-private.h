/* tg-venue-private.h: building a venue, for the loader and the preset generator. */
#pragma once

#include "tg-venue.h"

G_BEGIN_DECLS

TgVenue *tg_venue_builder_new          (const char *name,
                                        double      width,
                                        double      height);
void     tg_venue_builder_set_stage    (TgVenue    *self,
                                        double      x,
                                        double      y,
                                        double      width,
                                        double      height);
void     tg_venue_builder_set_seat_radius (TgVenue *self,
                                        double      radius);
/* Returns the grade index, or -1 if the id exists or there are too many grades. */
int      tg_venue_builder_add_grade    (TgVenue    *self,
                                        const char *id,
                                        const char *name,
                                        guint       price,
                                        const char *color,
                                        int         rank);
/* Starts a section; seats added next belong to it. Returns FALSE if the id exists. */
gboolean tg_venue_builder_begin_section (TgVenue   *self,
                                        const char *id,
                                        const char *name,
                                        gboolean    standing);
void     tg_venue_builder_set_section_box (TgVenue *self,
                                        double      x,
                                        double      y,
                                        double      width,
                                        double      height);
/* Returns FALSE if @id is already used. */
gboolean tg_venue_builder_add_seat     (TgVenue    *self,
                                        const char *id,
                                        const char *row,
                                        guint       number,
                                        guint       grade,
                                        guint       flags,
                                        double      x,
                                        double      y);
void     tg_venue_builder_finish       (TgVenue    *self);

G_END_DECLS
