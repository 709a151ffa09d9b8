/* tg-online-session.h: TgSession over a tickget-server — the server's engine plays, this object
 * mirrors the player's state from the pushes and sends the player's actions.
 *
 * TgSession's actions are synchronous; over a network they cannot be. An action returns TRUE
 * once it is sent (or FALSE at once when the mirror already knows the answer: 예매하기 before the
 * open time, 이선좌 on a seat the map shows taken — the request still goes out so the server
 * counts it). The outcome arrives as ::state-changed, and a refusal as ::action-failed.
 * tg_session_quote() answers from a cache and fetches the missing quote (G_IO_ERROR_PENDING);
 * tg_session_get_captcha_text() asks the server for the spoken characters the first time and
 * answers NULL until they arrive (docs/protocol.md, "Captcha").
 */
#pragma once

#include "tg-net-client.h"
#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_ONLINE_SESSION (tg_online_session_get_type ())
G_DECLARE_FINAL_TYPE (TgOnlineSession, tg_online_session, TG, ONLINE_SESSION, GObject)

/* @match: the "match" push that started it; @venue: its venue (tg_net_client_load_venue_async()). */
TgOnlineSession *tg_online_session_new        (TgNetClient  *client,
                                               JsonObject   *match,
                                               TgVenue      *venue,
                                               GError      **error);
TgNetClient     *tg_online_session_get_client (TgOnlineSession *self);
/* Every human's result pushed so far (TgResult*, in arrival order), with their nicknames. */
GPtrArray       *tg_online_session_get_results (TgOnlineSession *self);
GPtrArray       *tg_online_session_get_result_names (TgOnlineSession *self);

G_END_DECLS
