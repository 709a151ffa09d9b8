#pragma once

#include <adwaita.h>

#include "tg-result.h"

G_BEGIN_DECLS

#define TG_TYPE_HISTORY_PAGE (tg_history_page_get_type ())
G_DECLARE_FINAL_TYPE (TgHistoryPage, tg_history_page, TG, HISTORY_PAGE, AdwBin)

GtkWidget *tg_history_page_new      (void);
/* Opens the history database in @dir (NULL: the user data dir's tickget/). A broken or newer
 * database is reported on the page and left untouched. */
void       tg_history_page_open     (TgHistoryPage  *self,
                                     const char     *dir);
void       tg_history_page_add_play (TgHistoryPage  *self,
                                     const TgResult *result,
                                     const char     *mode);
guint      tg_history_page_get_n_plays (TgHistoryPage *self);

G_END_DECLS
