/* tg-net-client.c: TgNetClient — one WebSocket to a tickget-server, requests matched to replies
 * by id, pushes turned into signals, and a resume with the session token when the link drops. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "tg-net-client-private.h"
#include "tg-protocol.h"

#define TIME_SAMPLES        4
#define MAX_INCOMING        (16 * 1024 * 1024)
#define RECONNECT_FIRST_MS  250
#define RECONNECT_MAX_MS    4000

struct _TgNetClient
{
  GObject                  parent_instance;

  char                    *ws_uri;
  char                    *http_base;
  SoupSession             *session;
  SoupWebsocketConnection *ws;
  GCancellable            *connect_cancellable;
  TgNetClientState         state;
  guint                    player;
  char                    *nickname;
  char                    *token;
  JsonObject              *room;
  gint64                   offset;          /* server clock − local monotonic, µs */
  gint64                   best_rtt;
  guint                    grace_s;
  gint64                   next_id;
  GHashTable              *pending;         /* id → GTask* (owned) */
  GTask                   *connect_task;
  guint                    reconnect_source;
  guint                    reconnect_delay_ms;
  gint64                   reconnect_deadline;
};

G_DEFINE_FINAL_TYPE (TgNetClient, tg_net_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TgNetClientState, tg_net_client_state,
                    G_DEFINE_ENUM_VALUE (TG_NET_CLIENT_DISCONNECTED, "disconnected"),
                    G_DEFINE_ENUM_VALUE (TG_NET_CLIENT_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (TG_NET_CLIENT_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (TG_NET_CLIENT_RECONNECTING, "reconnecting"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_PLAYER,
  PROP_NICKNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PUSH,
  ROOM_CHANGED,
  CHAT,
  KICKED,
  REQUEST_FAILED,
  CONNECTION_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void open_socket (TgNetClient *self);
static void send_hello (TgNetClient *self);

static void
set_state (TgNetClient      *self,
           TgNetClientState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- requests ---- */

static char *
build_request (const char *type,
               gint64      id,
               JsonObject *fields)
{
  JsonBuilder *builder = tg_message_builder_new (type, id);

  if (fields != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &node))
        if (g_strcmp0 (name, "v") != 0 && g_strcmp0 (name, "type") != 0 && g_strcmp0 (name, "id") != 0)
          {
            json_builder_set_member_name (builder, name);
            json_builder_add_value (builder, json_node_copy (node));
          }
    }
  return tg_message_builder_finish (builder);
}

static gint64
send_request (TgNetClient *self,
              const char  *type,
              JsonObject  *fields,
              GTask       *task)
{
  gint64 id = self->next_id++;
  g_autofree char *text = build_request (type, id, fields);

  if (self->ws == NULL || soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      if (task != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                 _("Not connected to the server"));
      return -1;
    }
  if (task != NULL)
    g_hash_table_insert (self->pending, GINT_TO_POINTER ((gint) id), g_object_ref (task));
  soup_websocket_connection_send_text (self->ws, text);
  return id;
}

void
tg_net_client_request_async (TgNetClient         *self,
                             const char          *type,
                             JsonObject          *fields,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TG_IS_NET_CLIENT (self));
  g_return_if_fail (type != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tg_net_client_request_async);
  g_task_set_task_data (task, g_strdup (type), g_free);
  if (g_task_return_error_if_cancelled (task))
    return;
  send_request (self, type, fields, task);
}

JsonObject *
tg_net_client_request_finish (TgNetClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_fire_and_forget (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TgNetClient *self = TG_NET_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (self, result, &error);
  g_autofree char *type = user_data;

  if (reply == NULL)
    g_signal_emit (self, signals[REQUEST_FAILED], 0, type, error);
}

void
tg_net_client_send (TgNetClient *self,
                    const char  *type,
                    JsonObject  *fields)
{
  tg_net_client_request_async (self, type, fields, NULL, on_fire_and_forget, g_strdup (type));
}

static void
fail_pending (TgNetClient *self)
{
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  GHashTableIter iter;
  GTask *task;

  self->pending = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             _("The connection to the server was lost"));
}

/* ---- incoming ---- */

static void
complete_request (TgNetClient *self,
                  TgMessage   *message)
{
  GTask *task = NULL;

  if (!g_hash_table_steal_extended (self->pending, GINT_TO_POINTER ((gint) message->id), NULL,
                                    (gpointer *) &task))
    return;
  if (g_str_equal (message->type, "error"))
    {
      const char *code = tg_json_get_string (message->object, "code");
      const char *text = tg_json_get_string (message->object, "message");
      GError *error = g_error_new_literal (TG_PROTOCOL_ERROR, tg_protocol_error_from_code (code),
                                           text != NULL ? text : code);

      /* The taken seats of a seat_taken error travel with the task. */
      g_object_set_data_full (G_OBJECT (task), "error-object", json_object_ref (message->object),
                              (GDestroyNotify) json_object_unref);
      g_task_return_error (task, error);
    }
  else
    {
      JsonObject *room = tg_json_get_object (message->object, "room");

      /* create_room, join_room and room_settings answer with the room: it is ours now, even
       * before the coalesced "room" push arrives. */
      if (room != NULL)
        {
          g_clear_pointer (&self->room, json_object_unref);
          self->room = json_object_ref (room);
          g_signal_emit (self, signals[ROOM_CHANGED], 0, self->room);
        }
      g_task_return_pointer (task, json_object_ref (message->object), (GDestroyNotify) json_object_unref);
    }
  g_object_unref (task);
}

static void
handle_push (TgNetClient *self,
             TgMessage   *message)
{
  JsonObject *o = message->object;

  if (g_str_equal (message->type, "room"))
    {
      JsonObject *room = tg_json_get_object (o, "room");

      g_clear_pointer (&self->room, json_object_unref);
      self->room = room != NULL ? json_object_ref (room) : NULL;
      g_signal_emit (self, signals[ROOM_CHANGED], 0, self->room);
    }
  else if (g_str_equal (message->type, "chat"))
    g_signal_emit (self, signals[CHAT], 0, (guint) tg_json_get_int (o, "player", 0),
                   tg_json_get_string (o, "nickname"), tg_json_get_string (o, "text"));
  else if (g_str_equal (message->type, "kicked"))
    {
      g_clear_pointer (&self->room, json_object_unref);
      g_signal_emit (self, signals[KICKED], 0, (guint) tg_json_get_int (o, "room", 0));
      g_signal_emit (self, signals[ROOM_CHANGED], 0, NULL);
    }
  else if (g_str_equal (message->type, "error"))
    {
      g_autoptr(GError) error = g_error_new_literal (TG_PROTOCOL_ERROR,
                                                     tg_protocol_error_from_code (tg_json_get_string (o, "code")),
                                                     tg_json_get_string (o, "message") ?: "?");
      g_signal_emit (self, signals[REQUEST_FAILED], 0, "", error);
    }
  g_signal_emit (self, signals[PUSH], g_quark_from_string (message->type), message->type, o);
}

static void
on_message (SoupWebsocketConnection *ws,
            int                      type,
            GBytes                  *bytes,
            TgNetClient             *self)
{
  g_autoptr(TgMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  gint64 id;

  message = tg_message_parse (data, length, &id, &error);
  if (message == NULL)
    {
      g_debug ("ignoring a message from the server: %s", error->message);
      return;
    }
  if (message->id >= 0 && (g_str_equal (message->type, "reply") || g_str_equal (message->type, "error")))
    complete_request (self, message);
  else
    handle_push (self, message);
}

/* ---- clock ---- */

static void
on_time_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TgNetClient *self = TG_NET_CLIENT (source);
  gint64 *sent = user_data;
  gint64 received = g_get_monotonic_time ();
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (self, result, NULL);

  if (reply != NULL)
    {
      gint64 rtt = received - *sent;

      /* The sample with the shortest round trip bounds the error best (NTP's idea). */
      if (rtt < self->best_rtt)
        {
          self->best_rtt = rtt;
          self->offset = tg_json_get_int (reply, "server_time", 0) - (*sent + received) / 2;
        }
    }
  g_free (sent);
}

static void
measure_clock (TgNetClient *self)
{
  self->best_rtt = G_MAXINT64;
  for (guint i = 0; i < TIME_SAMPLES; i++)
    {
      gint64 *sent = g_new (gint64, 1);

      *sent = g_get_monotonic_time ();
      tg_net_client_request_async (self, "time", NULL, NULL, on_time_reply, sent);
    }
}

/* ---- connecting and resuming ---- */

static void schedule_reconnect (TgNetClient *self);

static void
on_closed (SoupWebsocketConnection *ws,
           TgNetClient             *self)
{
  guint code = soup_websocket_connection_get_close_code (ws);

  g_debug ("connection closed (code %u)", code);
  g_signal_handlers_disconnect_by_data (ws, self);
  g_clear_object (&self->ws);
  fail_pending (self);

  if (self->state == TG_NET_CLIENT_DISCONNECTED)
    return;
  if (self->token != NULL && code != TG_CLOSE_REPLACED && code != TG_CLOSE_SERVER_FULL)
    {
      if (self->state == TG_NET_CLIENT_CONNECTED)
        self->reconnect_deadline = g_get_monotonic_time () + (gint64) self->grace_s * G_USEC_PER_SEC;
      set_state (self, TG_NET_CLIENT_RECONNECTING);
      schedule_reconnect (self);
    }
  else
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                             code == TG_CLOSE_REPLACED
                                               ? _("This player connected again from elsewhere")
                                               : _("The server closed the connection (code %u)"), code);
      set_state (self, TG_NET_CLIENT_DISCONNECTED);
      g_signal_emit (self, signals[CONNECTION_LOST], 0, error);
    }
}

static void
give_up (TgNetClient *self,
         GError      *error)
{
  g_clear_pointer (&self->token, g_free);
  set_state (self, TG_NET_CLIENT_DISCONNECTED);
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);
      g_task_return_error (task, g_error_copy (error));
    }
  g_signal_emit (self, signals[CONNECTION_LOST], 0, error);
}

static void
on_hello (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TgNetClient *self = TG_NET_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (self, result, &error);
  JsonObject *limits;

  if (reply == NULL)
    {
      if (g_error_matches (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_UNKNOWN_TOKEN) ||
          self->connect_task != NULL)
        give_up (self, error);
      return;   /* a dropped connection: on_closed retries */
    }
  self->player = (guint) tg_json_get_int (reply, "player", 0);
  g_free (self->nickname);
  self->nickname = g_strdup (tg_json_get_string (reply, "nickname"));
  g_free (self->token);
  self->token = g_strdup (tg_json_get_string (reply, "token"));
  limits = tg_json_get_object (reply, "limits");
  self->grace_s = (guint) tg_json_get_int (limits, "grace_period_s", 60);
  self->offset = tg_json_get_int (reply, "server_time", 0) - g_get_monotonic_time ();
  self->reconnect_delay_ms = RECONNECT_FIRST_MS;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NICKNAME]);
  set_state (self, TG_NET_CLIENT_CONNECTED);
  measure_clock (self);
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);
      g_task_return_boolean (task, TRUE);
    }
}

static void
send_hello (TgNetClient *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  if (self->token != NULL)
    json_object_set_string_member (fields, "token", self->token);
  else
    json_object_set_string_member (fields, "nickname", self->nickname);
  tg_net_client_request_async (self, "hello", fields, NULL, on_hello, NULL);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TgNetClient *self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);

  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ;
      else if (self->state == TG_NET_CLIENT_RECONNECTING && g_get_monotonic_time () < self->reconnect_deadline)
        schedule_reconnect (self);
      else if (self->state != TG_NET_CLIENT_DISCONNECTED)
        give_up (self, error);
      g_object_unref (self);
      return;
    }
  self->ws = ws;
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX_INCOMING);
  soup_websocket_connection_set_keepalive_interval (ws, 15);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);
  send_hello (self);
  g_object_unref (self);
}

static void
open_socket (TgNetClient *self)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", self->ws_uri);

  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->connect_cancellable, on_connected, g_object_ref (self));
}

static gboolean
on_reconnect (gpointer user_data)
{
  TgNetClient *self = user_data;

  self->reconnect_source = 0;
  open_socket (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (TgNetClient *self)
{
  if (g_get_monotonic_time () >= self->reconnect_deadline)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                     _("Could not reach the server again in time; "
                                                       "your place in the match is lost"));
      give_up (self, error);
      return;
    }
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add (self->reconnect_delay_ms, on_reconnect, self);
  self->reconnect_delay_ms = MIN (self->reconnect_delay_ms * 2, RECONNECT_MAX_MS);
}

void
tg_net_client_connect_async (TgNetClient         *self,
                             const char          *nickname,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TG_IS_NET_CLIENT (self));
  g_return_if_fail (nickname != NULL);
  g_return_if_fail (self->connect_task == NULL && self->state == TG_NET_CLIENT_DISCONNECTED);

  self->connect_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->connect_task, tg_net_client_connect_async);
  g_free (self->nickname);
  self->nickname = g_strdup (nickname);
  g_clear_pointer (&self->token, g_free);
  set_state (self, TG_NET_CLIENT_CONNECTING);
  open_socket (self);
}

gboolean
tg_net_client_connect_finish (TgNetClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tg_net_client_disconnect (TgNetClient *self)
{
  g_return_if_fail (TG_IS_NET_CLIENT (self));

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_cancellable_cancel (self->connect_cancellable);
  if (self->ws != NULL && self->state == TG_NET_CLIENT_CONNECTED)
    send_request (self, "bye", NULL, NULL);
  set_state (self, TG_NET_CLIENT_DISCONNECTED);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->room, json_object_unref);
  if (self->ws != NULL && soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, "bye");
}

void
tg_net_client_drop_connection (TgNetClient *self)
{
  g_return_if_fail (TG_IS_NET_CLIENT (self));

  if (self->ws == NULL)
    return;
  /* Like a cable pulled: the socket goes without a close handshake. */
  g_io_stream_close (soup_websocket_connection_get_io_stream (self->ws), NULL, NULL);
}

/* ---- getters ---- */

SoupSession *
tg_net_client_get_session (TgNetClient *self)
{
  return self->session;
}

const char *
tg_net_client_get_http_base (TgNetClient *self)
{
  return self->http_base;
}

TgNetClientState
tg_net_client_get_state (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), TG_NET_CLIENT_DISCONNECTED);
  return self->state;
}

guint
tg_net_client_get_player (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), 0);
  return self->player;
}

const char *
tg_net_client_get_nickname (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), NULL);
  return self->nickname;
}

JsonObject *
tg_net_client_get_room (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), NULL);
  return self->room;
}

gint64
tg_net_client_get_server_time (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), 0);
  return g_get_monotonic_time () + self->offset;
}

gint64
tg_net_client_get_clock_offset (TgNetClient *self)
{
  g_return_val_if_fail (TG_IS_NET_CLIENT (self), 0);
  return self->offset;
}

/* ---- object ---- */

static void
tg_net_client_dispose (GObject *object)
{
  TgNetClient *self = TG_NET_CLIENT (object);

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);
  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->ws);
    }
  if (self->pending != NULL)
    fail_pending (self);
  G_OBJECT_CLASS (tg_net_client_parent_class)->dispose (object);
}

static void
tg_net_client_finalize (GObject *object)
{
  TgNetClient *self = TG_NET_CLIENT (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->room, json_object_unref);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->session);
  g_free (self->ws_uri);
  g_free (self->http_base);
  g_free (self->nickname);
  g_free (self->token);
  G_OBJECT_CLASS (tg_net_client_parent_class)->finalize (object);
}

static void
tg_net_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TgNetClient *self = TG_NET_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PLAYER:
      g_value_set_uint (value, self->player);
      break;
    case PROP_NICKNAME:
      g_value_set_string (value, self->nickname);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_net_client_class_init (TgNetClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_net_client_dispose;
  object_class->finalize = tg_net_client_finalize;
  object_class->get_property = tg_net_client_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TG_TYPE_NET_CLIENT_STATE, TG_NET_CLIENT_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLAYER] =
    g_param_spec_uint ("player", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NICKNAME] =
    g_param_spec_string ("nickname", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TgNetClient::push:
   * @type: the message type (also the signal's detail: "push::queue")
   * @message: the whole message object
   *
   * Every message the server sends on its own (docs/protocol.md, "Pushes").
   */
  signals[PUSH] =
    g_signal_new ("push", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_OBJECT);
  /**
   * TgNetClient::room-changed:
   * @room: (nullable): the room state, NULL after leaving or being kicked
   */
  signals[ROOM_CHANGED] =
    g_signal_new ("room-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
  signals[CHAT] =
    g_signal_new ("chat", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING);
  signals[KICKED] =
    g_signal_new ("kicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * TgNetClient::request-failed:
   * @type: the request's type ("" for an error the server sent without an id)
   * @error: what the server said
   *
   * A request sent with tg_net_client_send() was refused.
   */
  signals[REQUEST_FAILED] =
    g_signal_new ("request-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
  /**
   * TgNetClient::connection-lost:
   * The connection is gone for good (resuming failed or was not possible).
   */
  signals[CONNECTION_LOST] =
    g_signal_new ("connection-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tg_net_client_init (TgNetClient *self)
{
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->next_id = 1;
  self->reconnect_delay_ms = RECONNECT_FIRST_MS;
  self->grace_s = 60;
}

TgNetClient *
tg_net_client_new (const char  *address,
                   GError     **error)
{
  g_autoptr(TgNetClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;
  const char *scheme;
  gboolean tls;

  g_return_val_if_fail (address != NULL, NULL);

  with_scheme = strstr (address, "://") != NULL ? g_strdup (address) : g_strconcat ("ws://", address, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_port (uri) <= 0 ||
      (g_strcmp0 (scheme, "ws") != 0 && g_strcmp0 (scheme, "wss") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; write it as host:port, for example "
                     "192.168.0.10:7788"), address);
      return NULL;
    }
  tls = g_str_equal (scheme, "wss");
  self = g_object_new (TG_TYPE_NET_CLIENT, NULL);
  self->session = soup_session_new ();
  self->ws_uri = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                             TG_PROTOCOL_PATH, NULL, NULL);
  self->http_base = g_uri_join (G_URI_FLAGS_NONE, tls ? "https" : "http", NULL, g_uri_get_host (uri),
                                g_uri_get_port (uri), "", NULL, NULL);
  return g_steal_pointer (&self);
}
