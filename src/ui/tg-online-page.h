/* tg-online-page.h: playing on a LAN — connect (or find a server, or host one), the room list,
 * and the room itself with its members, chat, settings and start countdown.
 *
 * When the host starts a match the page loads the venue and emits ::match-started with a
 * TgOnlineSession; the window plays it on the same match screens as offline.
 */
#pragma once

#include <adwaita.h>

#include "tg-net-client.h"
#include "tg-online-session.h"

G_BEGIN_DECLS

#define TG_TYPE_ONLINE_PAGE (tg_online_page_get_type ())
G_DECLARE_FINAL_TYPE (TgOnlinePage, tg_online_page, TG, ONLINE_PAGE, AdwBin)

GtkWidget   *tg_online_page_new           (void);
void         tg_online_page_set_settings  (TgOnlinePage *self,
                                           GSettings    *settings);
/* "connect", "lobby" or "room". */
const char  *tg_online_page_get_view      (TgOnlinePage *self);
TgNetClient *tg_online_page_get_client    (TgOnlinePage *self);
/* "host:port" of the server this page is connected to, or NULL. */
const char  *tg_online_page_get_address   (TgOnlinePage *self);

/* What the buttons do, for the window's shortcuts and the tests. */
void         tg_online_page_connect       (TgOnlinePage *self,
                                           const char   *address,
                                           const char   *nickname);
/* Starts tickget's server in this process on @port (0: any) and connects to it. */
gboolean     tg_online_page_host          (TgOnlinePage *self,
                                           guint         port,
                                           const char   *nickname,
                                           GError      **error);
guint        tg_online_page_get_hosted_port (TgOnlinePage *self);
void         tg_online_page_create_room   (TgOnlinePage *self,
                                           JsonObject   *settings);
void         tg_online_page_join_room     (TgOnlinePage *self,
                                           guint         room,
                                           const char   *password);
void         tg_online_page_set_ready     (TgOnlinePage *self,
                                           gboolean      ready);
void         tg_online_page_send_chat     (TgOnlinePage *self,
                                           const char   *text);
/* Host only: the match opens @open_in_ms from now. */
void         tg_online_page_start_match   (TgOnlinePage *self,
                                           guint         open_in_ms);
void         tg_online_page_leave_room    (TgOnlinePage *self);
void         tg_online_page_disconnect    (TgOnlinePage *self);
/* Opens the server's leaderboard (GET /leaderboard) in a window, filled when it arrives; the
 * window's "rows" data is the number of players shown once loaded (tests). */
GtkWindow   *tg_online_page_show_leaderboard (TgOnlinePage *self);
/* The last match's results, one row per player, shown in the room (for tests). */
guint        tg_online_page_get_n_results (TgOnlinePage *self);
/* The room's one-line description under its title (for tests). */
const char  *tg_online_page_get_room_summary (TgOnlinePage *self);

G_END_DECLS
