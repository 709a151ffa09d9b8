/* tg-room.c: rooms — create, list, join, leave, chat, ready, and the host's settings, kick,
 * transfer and start. Every change is pushed to all members as one "room" message. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-server-private.h"

#define DEFAULT_MAX_PLAYERS 8
#define DEFAULT_BOTS        100

/* ---- JSON ---- */

static void
add_venue (JsonBuilder *builder,
           TgRoom      *room)
{
  json_builder_set_member_name (builder, "venue");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, tg_venue_get_name (room->venue));
  json_builder_set_member_name (builder, "seats");
  json_builder_add_int_value (builder, tg_venue_get_n_seats (room->venue));
  if (room->venue_preset != NULL)
    {
      json_builder_set_member_name (builder, "preset");
      json_builder_add_string_value (builder, room->venue_preset);
    }
  else
    {
      g_autofree char *url = g_strdup_printf ("/rooms/%u/venue.svg", room->id);

      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  json_builder_end_object (builder);
}

static void
add_settings (JsonBuilder *builder,
              TgRoom      *room)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, room->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, room->title);
  json_builder_set_member_name (builder, "max_players");
  json_builder_add_int_value (builder, room->max_players);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_string_value (builder, tg_difficulty_to_string (room->difficulty));
  json_builder_set_member_name (builder, "bots");
  json_builder_add_int_value (builder, room->n_bots);
  json_builder_set_member_name (builder, "seats_per_booking");
  json_builder_add_int_value (builder, room->seats_per_booking);
  json_builder_set_member_name (builder, "admission_rate");
  json_builder_add_double_value (builder, room->admission_rate);
  json_builder_set_member_name (builder, "waiting_room");
  json_builder_add_boolean_value (builder, room->waiting_room);
  json_builder_set_member_name (builder, "has_password");
  json_builder_add_boolean_value (builder, room->has_password);
  json_builder_set_member_name (builder, "in_match");
  json_builder_add_boolean_value (builder, room->match != NULL);
  add_venue (builder, room);
}

void
tg_room_add_summary (JsonBuilder *builder,
                     TgRoom      *room)
{
  json_builder_begin_object (builder);
  add_settings (builder, room);
  json_builder_set_member_name (builder, "players");
  json_builder_add_int_value (builder, room->members->len);
  json_builder_end_object (builder);
}

void
tg_room_add_state (JsonBuilder *builder,
                   TgRoom      *room)
{
  json_builder_begin_object (builder);
  add_settings (builder, room);
  json_builder_set_member_name (builder, "host");
  json_builder_add_int_value (builder, room->host != NULL ? room->host->id : 0);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "player");
      json_builder_add_int_value (builder, member->id);
      json_builder_set_member_name (builder, "nickname");
      json_builder_add_string_value (builder, member->nickname);
      json_builder_set_member_name (builder, "ready");
      json_builder_add_boolean_value (builder, member->ready);
      json_builder_set_member_name (builder, "connected");
      json_builder_add_boolean_value (builder, member->conn != NULL);
      json_builder_set_member_name (builder, "in_match");
      json_builder_add_boolean_value (builder, member->in_match);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
tg_room_broadcast (TgRoom     *room,
                   const char *text)
{
  for (guint i = 0; i < room->members->len; i++)
    tg_player_send (g_ptr_array_index (room->members, i), text);
}

static gboolean
push_state_now (gpointer user_data)
{
  TgRoom *room = user_data;
  JsonBuilder *builder = tg_message_builder_new ("room", -1);
  g_autofree char *text = NULL;

  room->push_source = 0;
  json_builder_set_member_name (builder, "room");
  tg_room_add_state (builder, room);
  text = tg_message_builder_finish (builder);
  tg_room_broadcast (room, text);
  return G_SOURCE_REMOVE;
}

/* The whole room goes to every member, so changes that come together (sixty players joining,
 * everyone pressing ready) are pushed once, on the next main-loop iteration. */
void
tg_room_push_state (TgRoom *room)
{
  GSource *source;

  if (room->push_source != 0)
    return;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, push_state_now, room, NULL);
  g_source_set_name (source, "[tickget] room push");
  room->push_source = g_source_attach (source, room->server->context);
  g_source_unref (source);
}

void
tg_room_push_state_now (TgRoom *room)
{
  g_clear_handle_id (&room->push_source, g_source_remove);
  push_state_now (room);
}

static void
reply_with_room (TgConn *conn,
                 gint64  id,
                 TgRoom *room)
{
  JsonBuilder *builder = tg_message_builder_new ("reply", id);

  json_builder_set_member_name (builder, "room");
  tg_room_add_state (builder, room);
  tg_server_send_reply (conn, id, builder);
}

/* ---- lifetime ---- */

void
tg_room_free (TgRoom *room)
{
  g_clear_handle_id (&room->push_source, g_source_remove);
  g_clear_pointer (&room->match, tg_server_match_free);
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      member->room = NULL;
      member->ready = FALSE;
      member->in_match = FALSE;
    }
  g_ptr_array_unref (room->members);
  g_hash_table_unref (room->banned);
  g_clear_object (&room->venue);
  g_clear_pointer (&room->venue_svg, g_bytes_unref);
  g_free (room->venue_preset);
  g_free (room->title);
  memset (room->hash, 0, sizeof room->hash);
  g_free (room);
}

static TgPlayer *
find_member (TgRoom *room,
             guint   player_id)
{
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      if (member->id == player_id)
        return member;
    }
  return NULL;
}

void
tg_room_remove_player (TgRoom   *room,
                       TgPlayer *player,
                       gboolean  kicked)
{
  TgServer *server = room->server;

  if (room->match != NULL && player->in_match)
    tg_server_match_remove_player (room->match, player);
  player->in_match = FALSE;
  player->ready = FALSE;
  player->room = NULL;
  g_ptr_array_remove (room->members, player);

  if (room->members->len == 0)
    {
      g_message ("room %u (%s) is empty and closes", room->id, room->title);
      g_hash_table_remove (server->rooms, GUINT_TO_POINTER (room->id));
      return;
    }
  if (room->host == player)
    {
      /* The role passes to the longest-present member who is connected, else the longest present. */
      room->host = g_ptr_array_index (room->members, 0);
      for (guint i = 0; i < room->members->len; i++)
        if (((TgPlayer *) g_ptr_array_index (room->members, i))->conn != NULL)
          {
            room->host = g_ptr_array_index (room->members, i);
            break;
          }
      room->host->ready = FALSE;
      g_message ("room %u: host passes to player %u (%s)", room->id, room->host->id, room->host->nickname);
    }
  tg_room_push_state (room);
}

void
tg_room_player_connection_changed (TgPlayer *player)
{
  if (player->room != NULL)
    tg_room_push_state (player->room);
}

/* ---- requests ---- */

static gboolean
require_room (TgConn  *conn,
              GError **error)
{
  if (conn->player->room != NULL)
    return TRUE;
  g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NOT_IN_ROOM,
                       _("You are not in a room"));
  return FALSE;
}

static gboolean
require_host (TgConn  *conn,
              GError **error)
{
  if (!require_room (conn, error))
    return FALSE;
  if (conn->player->room->host == conn->player)
    return TRUE;
  g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NOT_HOST,
                       _("Only the host can do this"));
  return FALSE;
}

static gboolean
require_lobby (TgRoom  *room,
               GError **error)
{
  if (room->match == NULL)
    return TRUE;
  g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_MATCH_RUNNING,
                       _("A match is running in this room"));
  return FALSE;
}

static gboolean
handle_list_rooms (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  JsonBuilder *builder = tg_message_builder_new ("reply", message->id);
  GHashTableIter iter;
  TgRoom *room;

  json_builder_set_member_name (builder, "rooms");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, server->rooms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
    tg_room_add_summary (builder, room);
  json_builder_end_array (builder);
  tg_server_send_reply (conn, message->id, builder);
  return TRUE;
}

static gboolean
handle_create_room (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgPlayer *player = conn->player;
  TgRoom *room;

  if (player->room != NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_ALREADY_IN_ROOM,
                           _("Leave your room before creating another"));
      return FALSE;
    }
  if (g_hash_table_size (server->rooms) >= server->options.max_rooms)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_SERVER_FULL,
                   _("This server already has %u rooms, its maximum"), server->options.max_rooms);
      return FALSE;
    }

  room = g_new0 (TgRoom, 1);
  room->server = server;
  room->members = g_ptr_array_new ();
  room->banned = g_hash_table_new (NULL, NULL);
  room->max_players = DEFAULT_MAX_PLAYERS;
  room->difficulty = TG_DIFFICULTY_MEDIUM;
  room->n_bots = DEFAULT_BOTS;
  room->seats_per_booking = 2;
  if (!tg_room_apply_settings (room, message, error))
    {
      tg_room_free (room);
      return FALSE;
    }
  room->id = ++server->next_room_id;
  g_hash_table_insert (server->rooms, GUINT_TO_POINTER (room->id), room);
  g_ptr_array_add (room->members, player);
  room->host = player;
  player->room = room;
  player->ready = FALSE;
  g_message ("room %u (%s) created by player %u (%s)", room->id, room->title, player->id, player->nickname);
  reply_with_room (conn, message->id, room);
  tg_room_push_state (room);
  return TRUE;
}

static gboolean
finish_join (TgConn     *conn,
             gint64      id,
             TgRoom     *room,
             GError    **error)
{
  TgPlayer *player = conn->player;

  if (player->room != NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_ALREADY_IN_ROOM,
                           _("Leave your room before joining another"));
      return FALSE;
    }
  if (!require_lobby (room, error))
    return FALSE;
  if (room->members->len >= room->max_players)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_ROOM_FULL,
                   _("The room is full (%u players)"), room->max_players);
      return FALSE;
    }
  g_ptr_array_add (room->members, player);
  player->room = room;
  player->ready = FALSE;
  g_message ("room %u: player %u (%s) joined", room->id, player->id, player->nickname);
  reply_with_room (conn, id, room);
  tg_room_push_state (room);
  return TRUE;
}

/* Checking a password costs milliseconds of PBKDF2: it runs on a worker thread so that nobody
 * can stall the server by guessing, and after three wrong guesses a player waits a second
 * before each next one. */
typedef struct
{
  guint   player_id;
  guint   room_id;
  guint64 conn_serial;
  gint64  request_id;
  char   *password;
  guint8  salt[TG_SALT_BYTES];
  guint8  hash[TG_HASH_BYTES];
} PasswordCheck;

static void
password_check_free (PasswordCheck *check)
{
  g_free (check->password);
  g_free (check);
}

static void
password_check_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  PasswordCheck *check = task_data;

  g_task_return_boolean (task, tg_password_verify (check->password, check->salt, check->hash));
}

static void
password_check_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TgServer *server = TG_SERVER (source);
  PasswordCheck *check = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), NULL);
  g_autoptr(GError) error = NULL;
  TgPlayer *player;
  TgRoom *room;

  if (server->shut_down)
    return;
  player = g_hash_table_lookup (server->players, GUINT_TO_POINTER (check->player_id));
  if (player == NULL)
    return;
  player->password_pending = FALSE;
  /* The answer belongs to the connection that asked. */
  if (player->conn == NULL || player->conn->serial != check->conn_serial)
    return;
  room = g_hash_table_lookup (server->rooms, GUINT_TO_POINTER (check->room_id));
  if (room == NULL || g_hash_table_contains (room->banned, GUINT_TO_POINTER (player->id)))
    g_set_error (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NO_SUCH_ROOM,
                 _("There is no room %u (it may have closed)"), check->room_id);
  else if (!ok || memcmp (room->hash, check->hash, TG_HASH_BYTES) != 0)
    {
      /* Typos are forgiven; guessing is slowed to one try a second. */
      if (++player->password_failures >= 3)
        player->password_retry_at = g_get_monotonic_time () + G_USEC_PER_SEC;
      g_set_error_literal (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_WRONG_PASSWORD,
                           _("The room password is wrong"));
    }
  else
    {
      player->password_failures = 0;
      finish_join (player->conn, check->request_id, room, &error);
    }
  if (error != NULL)
    tg_conn_send_error (player->conn, check->request_id, error);
}

static gboolean
check_password_async (TgServer    *server,
                      TgConn      *conn,
                      gint64       request_id,
                      TgRoom      *room,
                      const char  *password,
                      GError     **error)
{
  TgPlayer *player = conn->player;
  g_autoptr(GTask) task = NULL;
  PasswordCheck *check;

  if (player->password_pending || g_get_monotonic_time () < player->password_retry_at)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_RATE_LIMITED,
                           _("Wait a second before trying another password"));
      return FALSE;
    }
  check = g_new0 (PasswordCheck, 1);
  check->player_id = player->id;
  check->room_id = room->id;
  check->conn_serial = conn->serial;
  check->request_id = request_id;
  check->password = g_strdup (password);
  memcpy (check->salt, room->salt, sizeof check->salt);
  memcpy (check->hash, room->hash, sizeof check->hash);
  player->password_pending = TRUE;

  task = g_task_new (server, NULL, password_check_done, NULL);
  g_task_set_task_data (task, check, (GDestroyNotify) password_check_free);
  g_task_run_in_thread (task, password_check_thread);
  return TRUE;
}

static gboolean
handle_join_room (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgPlayer *player = conn->player;
  const char *password = NULL;
  gint64 room_id;
  TgRoom *room;

  if (!tg_message_get_int (message, "room", TRUE, 1, G_MAXUINT, &room_id, error) ||
      !tg_message_get_string (message, "password", FALSE, 0, TG_PROTOCOL_MAX_PASSWORD, &password, error))
    return FALSE;
  if (player->room != NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_ALREADY_IN_ROOM,
                           _("Leave your room before joining another"));
      return FALSE;
    }
  room = g_hash_table_lookup (server->rooms, GUINT_TO_POINTER ((guint) room_id));
  if (room == NULL || g_hash_table_contains (room->banned, GUINT_TO_POINTER (player->id)))
    {
      /* A kicked player is told the same as for a room that does not exist. */
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NO_SUCH_ROOM,
                   _("There is no room %u (it may have closed)"), (guint) room_id);
      return FALSE;
    }
  if (room->has_password)
    {
      if (password == NULL)
        {
          g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_WRONG_PASSWORD,
                               _("This room needs a password"));
          return FALSE;
        }
      return check_password_async (server, conn, message->id, room, password, error);
    }
  return finish_join (conn, message->id, room, error);
}

static gboolean
handle_leave_room (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  if (!require_room (conn, error))
    return FALSE;
  tg_server_send_reply (conn, message->id, NULL);
  tg_room_remove_player (conn->player->room, conn->player, FALSE);
  return TRUE;
}

static gboolean
handle_chat (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *push = NULL;
  JsonBuilder *builder;

  if (!require_room (conn, error) ||
      !tg_message_get_text (message, "text", TRUE, TG_PROTOCOL_MAX_CHAT, &text, error))
    return FALSE;
  tg_server_send_reply (conn, message->id, NULL);

  builder = tg_message_builder_new ("chat", -1);
  json_builder_set_member_name (builder, "room");
  json_builder_add_int_value (builder, conn->player->room->id);
  json_builder_set_member_name (builder, "player");
  json_builder_add_int_value (builder, conn->player->id);
  json_builder_set_member_name (builder, "nickname");
  json_builder_add_string_value (builder, conn->player->nickname);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, tg_server_now (server));
  push = tg_message_builder_finish (builder);
  tg_room_broadcast (conn->player->room, push);
  return TRUE;
}

static gboolean
handle_ready (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  gboolean ready = FALSE;

  if (!require_room (conn, error) ||
      !tg_message_get_bool (message, "ready", TRUE, &ready, error) ||
      !require_lobby (conn->player->room, error))
    return FALSE;
  tg_server_send_reply (conn, message->id, NULL);
  if (conn->player->ready != ready)
    {
      conn->player->ready = ready;
      tg_room_push_state (conn->player->room);
    }
  return TRUE;
}

static gboolean
handle_room_settings (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgRoom *room;

  if (!require_host (conn, error) || !require_lobby (conn->player->room, error))
    return FALSE;
  room = conn->player->room;
  if (!tg_room_apply_settings (room, message, error))
    return FALSE;
  /* Players agreed to the old settings: they confirm again. */
  for (guint i = 0; i < room->members->len; i++)
    ((TgPlayer *) g_ptr_array_index (room->members, i))->ready = FALSE;
  reply_with_room (conn, message->id, room);
  tg_room_push_state (room);
  return TRUE;
}

static TgPlayer *
get_target (TgConn     *conn,
            TgMessage  *message,
            GError    **error)
{
  gint64 target_id;
  TgPlayer *target;

  if (!tg_message_get_int (message, "player", TRUE, 1, G_MAXUINT, &target_id, error))
    return NULL;
  target = find_member (conn->player->room, (guint) target_id);
  if (target == NULL)
    g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NO_SUCH_PLAYER,
                 _("Player %u is not in this room"), (guint) target_id);
  return target;
}

static gboolean
handle_kick (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgRoom *room;
  TgPlayer *target;
  JsonBuilder *builder;
  g_autofree char *push = NULL;

  if (!require_host (conn, error) || (target = get_target (conn, message, error)) == NULL)
    return FALSE;
  room = conn->player->room;
  if (target == conn->player)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NO_SUCH_PLAYER,
                           _("The host cannot kick themselves; leave the room instead"));
      return FALSE;
    }
  tg_server_send_reply (conn, message->id, NULL);
  g_message ("room %u: player %u (%s) kicked by the host", room->id, target->id, target->nickname);
  g_hash_table_add (room->banned, GUINT_TO_POINTER (target->id));

  builder = tg_message_builder_new ("kicked", -1);
  json_builder_set_member_name (builder, "room");
  json_builder_add_int_value (builder, room->id);
  push = tg_message_builder_finish (builder);
  tg_player_send (target, push);
  tg_room_remove_player (room, target, TRUE);
  return TRUE;
}

static gboolean
handle_transfer_host (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgPlayer *target;

  if (!require_host (conn, error) || (target = get_target (conn, message, error)) == NULL)
    return FALSE;
  tg_server_send_reply (conn, message->id, NULL);
  if (target != conn->player)
    {
      conn->player->room->host = target;
      target->ready = FALSE;
      tg_room_push_state (conn->player->room);
    }
  return TRUE;
}

static gboolean
handle_start (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgRoom *room;
  gint64 open_in_ms = 0;

  if (!require_host (conn, error))
    return FALSE;
  room = conn->player->room;
  if (!require_lobby (room, error) ||
      !tg_message_get_int (message, "open_in_ms", TRUE, server->options.min_open_delay_ms,
                           TG_PROTOCOL_MAX_OPEN_DELAY_MS, &open_in_ms, error))
    return FALSE;
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      if (member != room->host && !member->ready)
        {
          g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NOT_READY,
                       _("%s is not ready yet"), member->nickname);
          return FALSE;
        }
    }
  room->match = tg_server_match_new (room, open_in_ms * TG_USEC_PER_MSEC, error);
  if (room->match == NULL)
    return FALSE;
  tg_server_send_reply (conn, message->id, NULL);
  /* The room (in_match) before the match itself. */
  tg_room_push_state_now (room);
  for (guint i = 0; i < room->members->len; i++)
    tg_server_match_send_snapshot (room->match, g_ptr_array_index (room->members, i));
  return TRUE;
}

static const struct {
  const char   *type;
  TgRequestFunc func;
} handlers[] = {
  { "list_rooms", handle_list_rooms },
  { "create_room", handle_create_room },
  { "join_room", handle_join_room },
  { "leave_room", handle_leave_room },
  { "chat", handle_chat },
  { "ready", handle_ready },
  { "room_settings", handle_room_settings },
  { "kick", handle_kick },
  { "transfer_host", handle_transfer_host },
  { "start", handle_start },
};

TgRequestFunc
tg_room_lookup_handler (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    if (g_str_equal (type, handlers[i].type))
      return handlers[i].func;
  return NULL;
}
