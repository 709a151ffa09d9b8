/* tg-net-client.h: the app's connection to a tickget-server — identity, lobby requests, pushes,
 * clock offset, and resuming after a connection loss.
 *
 * Every request is asynchronous and finishes with the server's reply object or a GError in
 * TG_PROTOCOL_ERROR (code from the server) or G_IO_ERROR (connection). Pushes are signals; the
 * detailed "push::TYPE" signal carries every message the server sends on its own.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tg-venue.h"

G_BEGIN_DECLS

typedef enum
{
  TG_NET_CLIENT_DISCONNECTED,
  TG_NET_CLIENT_CONNECTING,
  TG_NET_CLIENT_CONNECTED,
  TG_NET_CLIENT_RECONNECTING,   /* the connection dropped; resuming with the session token */
} TgNetClientState;

GType tg_net_client_state_get_type (void) G_GNUC_CONST;
#define TG_TYPE_NET_CLIENT_STATE (tg_net_client_state_get_type ())

#define TG_TYPE_NET_CLIENT (tg_net_client_get_type ())
G_DECLARE_FINAL_TYPE (TgNetClient, tg_net_client, TG, NET_CLIENT, GObject)

/* @address: "host:port", "ws://host:port" or "wss://host:port" (the path is added). */
TgNetClient      *tg_net_client_new              (const char          *address,
                                                  GError             **error);
/* Connects and says hello with @nickname; then measures the clock offset. */
void              tg_net_client_connect_async    (TgNetClient         *self,
                                                  const char          *nickname,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          tg_net_client_connect_finish   (TgNetClient         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Says bye (the server forgets the player) and closes. */
void              tg_net_client_disconnect       (TgNetClient         *self);
/* For tests and the UI's "connection lost" simulation: drops the socket without bye, as a
 * network failure would; the client then resumes. */
void              tg_net_client_drop_connection  (TgNetClient         *self);

/* Sends {"type": @type, …@fields} (@fields may be NULL; borrowed). */
void              tg_net_client_request_async    (TgNetClient         *self,
                                                  const char          *type,
                                                  JsonObject          *fields,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The reply object (owned), or NULL with @error. */
JsonObject       *tg_net_client_request_finish   (TgNetClient         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Fire and forget: errors are emitted as ::request-failed. */
void              tg_net_client_send             (TgNetClient         *self,
                                                  const char          *type,
                                                  JsonObject          *fields);

/* Lobby conveniences over tg_net_client_request_async(); finish with _request_finish(). */
void              tg_net_client_list_rooms       (TgNetClient *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_create_room      (TgNetClient *self, JsonObject *settings,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_join_room        (TgNetClient *self, guint room, const char *password,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_leave_room       (TgNetClient *self, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_chat             (TgNetClient *self, const char *text,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_set_ready        (TgNetClient *self, gboolean ready,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_change_settings  (TgNetClient *self, JsonObject *settings,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_kick             (TgNetClient *self, guint player,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_transfer_host    (TgNetClient *self, guint player,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);
void              tg_net_client_start            (TgNetClient *self, guint open_in_ms,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback, gpointer user_data);

/* The venue of a "match" push or room: a preset loaded locally, or the uploaded map fetched
 * from the server over HTTP. */
void              tg_net_client_load_venue_async  (TgNetClient        *self,
                                                   JsonObject         *venue,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
TgVenue          *tg_net_client_load_venue_finish (TgNetClient        *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* GET @path (e.g. "/leaderboard") from the server's HTTP side; the JSON object it answers. */
void              tg_net_client_fetch_json_async  (TgNetClient        *self,
                                                   const char         *path,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
JsonObject       *tg_net_client_fetch_json_finish (TgNetClient        *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

TgNetClientState  tg_net_client_get_state        (TgNetClient         *self);
guint             tg_net_client_get_player       (TgNetClient         *self);
const char       *tg_net_client_get_nickname     (TgNetClient         *self);
/* The last room state pushed, or NULL outside a room. */
JsonObject       *tg_net_client_get_room         (TgNetClient         *self);
/* The server clock (µs), estimated from the local monotonic clock and the measured offset. */
gint64            tg_net_client_get_server_time  (TgNetClient         *self);
gint64            tg_net_client_get_clock_offset (TgNetClient         *self);

G_END_DECLS
