/* tg-server.c: TgServer — listening, HTTP endpoints, WebSocket connections and their limits,
 * identity (hello/resume) and the dispatch of requests to rooms and matches. */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tg-coarse-clock.h"
#include "tg-server-private.h"

#define LISTEN_BACKLOG 4096

G_DEFINE_QUARK (tg-server-error-quark, tg_server_error)

G_DEFINE_FINAL_TYPE (TgServer, tg_server, G_TYPE_OBJECT)

static void player_free (TgPlayer *player);

void
tg_server_options_init (TgServerOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->max_connections = 1024;
  options->max_rooms = 256;
  options->message_rate = 20;
  options->message_burst = 40;
  options->keepalive_interval = 15;
  options->pong_timeout = 15;
  options->grace_period = 60;
  options->min_open_delay_ms = TG_PROTOCOL_MIN_OPEN_DELAY_MS;
  options->timer_slack_ms = 10;
}

gint64
tg_server_now (TgServer *self)
{
  return tg_clock_now (self->clock);
}

void
tg_server_count_error (TgServer        *self,
                       TgProtocolError  code)
{
  if ((guint) code < TG_N_PROTOCOL_ERRORS)
    self->metrics.errors[code]++;
}

/* ---- sending ---- */

void
tg_player_send (TgPlayer   *player,
                const char *text)
{
  if (player->conn != NULL)
    tg_conn_send (player->conn, g_strdup (text));
}

void
tg_conn_send_error (TgConn       *conn,
                    gint64        id,
                    const GError *error)
{
  TgProtocolError code = error->domain == TG_PROTOCOL_ERROR ? (TgProtocolError) error->code
                                                            : TG_PROTOCOL_ERROR_INTERNAL;

  tg_server_count_error (conn->server, code);
  g_debug ("%s: error %s: %s", conn->peer, tg_protocol_error_to_code (code), error->message);
  tg_conn_send (conn, tg_message_error_new (id, code, error->message));
}

void
tg_server_send_reply (TgConn      *conn,
                      gint64       id,
                      JsonBuilder *builder)
{
  if (builder == NULL)
    builder = tg_message_builder_new ("reply", id);
  tg_conn_send (conn, tg_message_builder_finish (builder));
}

/* ---- players ---- */

static void
player_free (TgPlayer *player)
{
  g_clear_handle_id (&player->grace_source, g_source_remove);
  g_free (player->token);
  g_free (player->nickname);
  g_free (player);
}

/* The player is gone for good: out of their room and match, token forgotten. */
static void
player_destroy (TgServer *self,
                TgPlayer *player)
{
  g_message ("player %u (%s) left the server", player->id, player->nickname);
  if (player->room != NULL)
    tg_room_remove_player (player->room, player, FALSE);
  if (player->conn != NULL)
    player->conn->player = NULL;
  g_hash_table_remove (self->tokens, player->token);
  g_hash_table_remove (self->players, GUINT_TO_POINTER (player->id));
}

static gboolean
on_grace_expired (gpointer user_data)
{
  TgPlayer *player = user_data;

  player->grace_source = 0;
  player_destroy (player->server, player);
  return G_SOURCE_REMOVE;
}

static void
player_detach (TgPlayer *player)
{
  TgServer *self = player->server;

  player->conn = NULL;
  if (self->shut_down)
    return;
  g_message ("player %u (%s) disconnected; their place is kept for %u s",
             player->id, player->nickname, self->options.grace_period);
  g_clear_handle_id (&player->grace_source, g_source_remove);
  {
    GSource *source = g_timeout_source_new_seconds (MAX (1u, self->options.grace_period));

    g_source_set_callback (source, on_grace_expired, player, NULL);
    g_source_set_name (source, "[tickget] grace period");
    player->grace_source = g_source_attach (source, self->context);
    g_source_unref (source);
  }
  tg_room_player_connection_changed (player);
}

/* ---- identity ---- */

static void
add_limits (JsonBuilder *builder,
            TgServer    *self)
{
  json_builder_set_member_name (builder, "limits");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "max_message_bytes");
  json_builder_add_int_value (builder, TG_PROTOCOL_MAX_MESSAGE);
  json_builder_set_member_name (builder, "message_rate");
  json_builder_add_double_value (builder, self->options.message_rate);
  json_builder_set_member_name (builder, "message_burst");
  json_builder_add_int_value (builder, self->options.message_burst);
  json_builder_set_member_name (builder, "grace_period_s");
  json_builder_add_int_value (builder, self->options.grace_period);
  json_builder_set_member_name (builder, "min_open_delay_ms");
  json_builder_add_int_value (builder, self->options.min_open_delay_ms);
  json_builder_end_object (builder);
}

static gboolean
handle_hello (TgServer   *self,
              TgConn     *conn,
              TgMessage  *message,
              GError    **error)
{
  g_autofree char *nickname = NULL;
  const char *token = NULL;
  TgPlayer *player;
  JsonBuilder *builder;
  gboolean resumed = FALSE;

  if (conn->player != NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_ALREADY_AUTHENTICATED,
                           _("This connection has already said hello"));
      return FALSE;
    }
  if (!tg_message_get_string (message, "token", FALSE, 1, 128, &token, error))
    return FALSE;

  if (token != NULL)
    {
      player = g_hash_table_lookup (self->tokens, token);
      if (player == NULL)
        {
          g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_UNKNOWN_TOKEN,
                               _("This session has expired or is unknown; say hello with a "
                                 "nickname to start a new one"));
          return FALSE;
        }
      if (player->conn != NULL)
        {
          /* The old connection is probably half-open; the newest one wins. */
          TgConn *old = player->conn;

          old->player = NULL;
          player->conn = NULL;
          tg_conn_close (old, TG_CLOSE_REPLACED, "resumed elsewhere");
        }
      g_clear_handle_id (&player->grace_source, g_source_remove);
      resumed = TRUE;
      g_message ("player %u (%s) resumed from %s", player->id, player->nickname, conn->peer);
    }
  else
    {
      if (!tg_message_get_text (message, "nickname", TRUE, TG_PROTOCOL_MAX_NICKNAME, &nickname, error))
        return FALSE;
      player = g_new0 (TgPlayer, 1);
      player->server = self;
      player->id = ++self->next_player_id;
      player->token = tg_random_token ();
      player->nickname = g_steal_pointer (&nickname);
      g_hash_table_insert (self->players, GUINT_TO_POINTER (player->id), player);
      g_hash_table_insert (self->tokens, player->token, player);
      g_message ("player %u (%s) joined from %s", player->id, player->nickname, conn->peer);
    }

  player->conn = conn;
  conn->player = player;

  builder = tg_message_builder_new ("reply", message->id);
  json_builder_set_member_name (builder, "player");
  json_builder_add_int_value (builder, player->id);
  json_builder_set_member_name (builder, "nickname");
  json_builder_add_string_value (builder, player->nickname);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, player->token);
  json_builder_set_member_name (builder, "resumed");
  json_builder_add_boolean_value (builder, resumed);
  json_builder_set_member_name (builder, "room");
  if (player->room != NULL)
    json_builder_add_int_value (builder, player->room->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, tg_server_now (self));
  add_limits (builder, self);
  tg_server_send_reply (conn, message->id, builder);

  if (resumed && player->room != NULL)
    {
      tg_room_player_connection_changed (player);
      if (player->in_match && player->room->match != NULL)
        tg_server_match_send_snapshot (player->room->match, player);
    }
  return TRUE;
}

static gboolean
handle_time (TgServer   *self,
             TgConn     *conn,
             TgMessage  *message,
             GError    **error)
{
  JsonBuilder *builder = tg_message_builder_new ("reply", message->id);

  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, tg_server_now (self));
  tg_server_send_reply (conn, message->id, builder);
  return TRUE;
}

static gboolean
handle_bye (TgServer   *self,
            TgConn     *conn,
            TgMessage  *message,
            GError    **error)
{
  TgPlayer *player = conn->player;

  tg_server_send_reply (conn, message->id, NULL);
  if (player != NULL)
    player_destroy (self, player);
  conn->player = NULL;
  tg_conn_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, "bye");
  return TRUE;
}

/* ---- connections ---- */

static void
dispatch (TgConn     *conn,
          TgMessage  *message)
{
  TgServer *self = conn->server;
  g_autoptr(GError) error = NULL;
  TgRequestFunc func = NULL;

  if (g_str_equal (message->type, "hello"))
    func = handle_hello;
  else if (g_str_equal (message->type, "time"))
    func = handle_time;
  else if (g_str_equal (message->type, "bye"))
    func = handle_bye;
  else if ((func = tg_room_lookup_handler (message->type)) == NULL &&
           (func = tg_server_match_lookup_handler (message->type)) == NULL)
    {
      g_set_error (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_UNKNOWN_TYPE,
                   _("Unknown message type “%s”"), message->type);
      tg_conn_send_error (conn, message->id, error);
      return;
    }

  if (func != handle_hello && func != handle_time && conn->player == NULL)
    {
      g_set_error_literal (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NOT_AUTHENTICATED,
                           _("Say hello first"));
      tg_conn_send_error (conn, message->id, error);
      return;
    }
  if (message->id < 0)
    {
      g_set_error_literal (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("Every request needs an “id”"));
      tg_conn_send_error (conn, message->id, error);
      return;
    }
  if (!func (self, conn, message, &error))
    tg_conn_send_error (conn, message->id, error);
}

/* A request the connection's worker parsed. */
void
tg_server_conn_message (TgConn    *conn,
                        TgMessage *message,
                        gsize      length,
                        gint64     received)
{
  TgServer *self = conn->server;

  self->metrics.messages_in++;
  self->metrics.bytes_in += length;
  /* The game closed it (bye, replaced): what the peer sent meanwhile is not for anyone. */
  if (conn->closed)
    return;
  dispatch (conn, message);
  /* From the frame's arrival on the worker: parsing, the hand-over and the game's work. */
  tg_metrics_observe (&self->metrics, TG_HIST_REQUEST,
                      (g_get_monotonic_time () - received) / (double) G_USEC_PER_SEC);
}

/* A frame that is not a request (rate limited, binary, not our JSON): an error reply. */
void
tg_server_conn_bad_frame (TgConn       *conn,
                          gint64        id,
                          const GError *error,
                          gsize         length)
{
  TgServer *self = conn->server;

  self->metrics.messages_in++;
  self->metrics.bytes_in += length;
  if (!conn->closed)
    tg_conn_send_error (conn, id, error);
}

void
tg_server_conn_opened (TgServer *self,
                       TgConn   *conn)
{
  conn->serial = ++self->next_conn_serial;
  g_hash_table_add (self->conns, conn);
  self->metrics.connections_total++;
}

void
tg_server_conn_closed (TgConn       *conn,
                       TgCloseCause  cause)
{
  TgServer *self = conn->server;

  switch (cause)
    {
    case TG_CLOSE_CAUSE_FLOOD:
      self->metrics.closes_flood++;
      break;
    case TG_CLOSE_CAUSE_OVERSIZE:
      self->metrics.closes_oversize++;
      break;
    case TG_CLOSE_CAUSE_KEEPALIVE:
      self->metrics.closes_keepalive++;
      break;
    case TG_CLOSE_CAUSE_OTHER:
    default:
      break;
    }
  conn->closed = TRUE;
  if (conn->player != NULL)
    player_detach (conn->player);
  conn->player = NULL;
  g_hash_table_remove (self->conns, conn);
}

/* The game's reference to a connection, dropped when it closes or the server stops. */
static void
conn_release (TgConn *conn)
{
  if (conn->player != NULL)
    conn->player->conn = NULL;
  conn->player = NULL;
  conn->closed = TRUE;
  tg_conn_unref (conn);
}

/* ---- lifetime ---- */

static void
tg_server_dispose (GObject *object)
{
  TgServer *self = TG_SERVER (object);

  tg_server_shutdown (self);
  G_OBJECT_CLASS (tg_server_parent_class)->dispose (object);
}

static void
tg_server_finalize (GObject *object)
{
  TgServer *self = TG_SERVER (object);

  g_clear_pointer (&self->conns, g_hash_table_unref);
  g_clear_pointer (&self->rooms, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->players, g_hash_table_unref);
  g_clear_pointer (&self->store, tg_server_store_free);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (tg_server_parent_class)->finalize (object);
}

static void
tg_server_class_init (TgServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_server_dispose;
  object_class->finalize = tg_server_finalize;
}

static void
tg_server_init (TgServer *self)
{
  self->conns = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) conn_release, NULL);
  self->players = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) player_free);
  self->tokens = g_hash_table_new (g_str_hash, g_str_equal);
  self->rooms = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tg_room_free);
  self->started_at = g_get_monotonic_time ();
}

TgServer *
tg_server_new (const TgServerOptions  *options,
               const char             *data_dir,
               GError                **error)
{
  g_autoptr(TgServer) self = NULL;
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  if (options->max_connections < 1 || options->max_rooms < 1 || options->message_rate <= 0 ||
      options->message_burst < 1 || options->grace_period < 1)
    {
      g_set_error_literal (error, TG_SERVER_ERROR, TG_SERVER_ERROR_INVALID_OPTION,
                           _("Connection, room, rate, burst and grace limits must all be positive"));
      return NULL;
    }
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_STORE,
                   _("Could not create the data folder “%s”: %s"), data_dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (TG_TYPE_SERVER, NULL);
  self->options = *options;
  self->context = g_main_context_ref_thread_default ();
  self->clock = tg_coarse_clock_new (self->context, self->options.timer_slack_ms * TG_USEC_PER_MSEC);
  db_path = g_build_filename (data_dir, "server.db", NULL);
  self->store = tg_server_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;
  if (!tg_server_io_start (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Our own listening socket: GSocket's default backlog of 10 drops connections when a room's
 * worth of players reconnect at once. */
static gboolean
listen_on (TgServer                 *self,
           GInetAddress             *inet,
           guint                     port,
           SoupServerListenOptions   options,
           GError                  **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, (guint16) port);
  g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, options, error);
}

gboolean
tg_server_listen (TgServer    *self,
                  const char  *address,
                  guint        port,
                  const char  *tls_cert,
                  const char  *tls_key,
                  GError     **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupServerListenOptions listen_options = 0;
  gboolean ok;

  g_return_val_if_fail (TG_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_set_error_literal (error, TG_SERVER_ERROR, TG_SERVER_ERROR_TLS,
                           _("TLS needs both a certificate and a key"));
      return FALSE;
    }
  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_TLS,
                       _("Could not load the TLS certificate “%s” and key “%s”: %s"),
                       tls_cert, tls_key, local_error->message);
          return FALSE;
        }
      listen_options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  self->soup = soup_server_new ("server-header", "tickget-server/" PACKAGE_VERSION " ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  soup_server_add_handler (self->soup, NULL, tg_server_handle_http, self, NULL);
  soup_server_add_handler (self->soup, TG_PROTOCOL_PATH, tg_server_io_handle_upgrade, self, NULL);

  if (address != NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

      if (inet == NULL)
        {
          g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_LISTEN,
                       _("“%s” is not an IPv4 or IPv6 address"), address);
          g_clear_object (&self->soup);
          return FALSE;
        }
      ok = listen_on (self, inet, port, listen_options, &local_error);
    }
  else
    {
      /* [::] accepts IPv4 too (GLib clears IPV6_V6ONLY); without IPv6, 0.0.0.0. */
      g_autoptr(GInetAddress) any6 = g_inet_address_new_any (G_SOCKET_FAMILY_IPV6);
      g_autoptr(GInetAddress) any4 = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);

      ok = listen_on (self, any6, port, listen_options, NULL) ||
           listen_on (self, any4, port, listen_options, &local_error);
    }
  if (!ok)
    {
      g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_LISTEN,
                   _("Could not listen on port %u: %s"), port, local_error->message);
      g_clear_object (&self->soup);
      return FALSE;
    }

  return TRUE;
}

guint
tg_server_get_port (TgServer *self)
{
  GSList *listeners;
  guint port = 0;

  g_return_val_if_fail (TG_IS_SERVER (self), 0);
  if (self->soup == NULL)
    return 0;
  /* Not soup_server_get_uris(): libsoup 3.2 leaks an address in it. */
  listeners = soup_server_get_listeners (self->soup);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) address = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (address))
        port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
    }
  g_slist_free (listeners);
  return port;
}

void
tg_server_shutdown (TgServer *self)
{
  g_return_if_fail (TG_IS_SERVER (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;
  /* Connections first (1001 going away), then rooms and their matches, then players. */
  tg_server_io_stop (self);
  g_hash_table_remove_all (self->conns);
  g_hash_table_remove_all (self->rooms);
  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->players);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
}

guint
tg_server_get_n_connections (TgServer *self)
{
  g_return_val_if_fail (TG_IS_SERVER (self), 0);
  return g_hash_table_size (self->conns);
}

guint
tg_server_get_n_rooms (TgServer *self)
{
  g_return_val_if_fail (TG_IS_SERVER (self), 0);
  return g_hash_table_size (self->rooms);
}
