#pragma once

#include <adwaita.h>

#include "tg-result.h"
#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_TYPE_RESULT_PAGE (tg_result_page_get_type ())
G_DECLARE_FINAL_TYPE (TgResultPage, tg_result_page, TG, RESULT_PAGE, AdwBin)

GtkWidget *tg_result_page_new        (void);
/* @venue (nullable): the match's venue, to name the seats by section, row and number. */
void       tg_result_page_set_result (TgResultPage   *self,
                                      const TgResult *result,
                                      TgVenue        *venue);

G_END_DECLS
