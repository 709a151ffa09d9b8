/* tg-net-client-private.h: what tg-net-client-lobby.c needs from TgNetClient. */
#pragma once

#include <libsoup/soup.h>

#include "tg-net-client.h"

G_BEGIN_DECLS

SoupSession *tg_net_client_get_session   (TgNetClient *self);
const char  *tg_net_client_get_http_base (TgNetClient *self);

G_END_DECLS
