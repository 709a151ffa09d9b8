#pragma once

#include <adwaita.h>

#include "tg-match.h"

G_BEGIN_DECLS

#define TG_TYPE_SETUP_PAGE (tg_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (TgSetupPage, tg_setup_page, TG, SETUP_PAGE, AdwBin)

GtkWidget *tg_setup_page_new          (void);
void       tg_setup_page_set_settings (TgSetupPage     *self,
                                       GSettings       *settings);
/* Fills @out from the form (venue loaded from file or preset; a reference owned by @out->venue's
 * caller: unref it after tg_match_new). FALSE with a readable error if the venue cannot load. */
gboolean   tg_setup_page_get_match_settings (TgSetupPage     *self,
                                             TgMatchSettings *out,
                                             GError         **error);
void       tg_setup_page_set_seed     (TgSetupPage     *self,
                                       guint64          seed);
/* The player's own seat map instead of a preset (NULL: back to the presets). */
void       tg_setup_page_set_venue_file (TgSetupPage   *self,
                                         GFile         *file);
GFile     *tg_setup_page_get_venue_file (TgSetupPage   *self);

G_END_DECLS
