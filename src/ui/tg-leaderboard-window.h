/* tg-leaderboard-window.h: a server's standings across its online matches, in a window. */
#pragma once

#include <adwaita.h>

#include "tg-net-client.h"

G_BEGIN_DECLS

/* Fetches /leaderboard from @client's server and fills the window when it arrives; the window's
 * "rows" data is then the number of players shown + 1 (tests). Not presented yet. */
GtkWindow *tg_leaderboard_window_new (GtkWindow   *parent,
                                      TgNetClient *client,
                                      const char  *address);

G_END_DECLS
