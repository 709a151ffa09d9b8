#pragma once

#include <adwaita.h>

#include "tg-history.h"
#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_TYPE_HISTORY_PAGE (tg_history_page_get_type ())
G_DECLARE_FINAL_TYPE (TgHistoryPage, tg_history_page, TG, HISTORY_PAGE, AdwBin)

GtkWidget *tg_history_page_new      (void);
/* Opens the history database in @dir (NULL: the user data dir's tickget/). A broken or newer
 * database is reported on the page and left untouched. */
void       tg_history_page_open     (TgHistoryPage  *self,
                                     const char     *dir);
/* Stores a finished or failed play; @venue (may be NULL) gives the seats' list prices. */
void       tg_history_page_add_play (TgHistoryPage  *self,
                                     const TgResult *result,
                                     TgHistoryMode   mode,
                                     const char     *server,
                                     TgVenue        *venue);
guint      tg_history_page_get_n_plays (TgHistoryPage *self);

G_END_DECLS
