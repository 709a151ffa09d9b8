/* tg-server-match.c: a room's online match — the engine's TgMatch on the server clock with every
 * member as a human, the players' requests mapped onto it, and its signals turned into pushes.
 *
 * No rule lives here: the engine decides, this file only carries requests in and state out. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-server-private.h"

#define CAPTCHA_SCALE       2.0
/* Ticks come every 100 ms, up to the timer slack late: 850 ms keeps every gap under 1 s. */
#define QUEUE_PUSH_USEC     (850 * TG_USEC_PER_MSEC)


/* ---- pushes ---- */

static void
add_seat_list (JsonBuilder *builder,
               const char  *name,
               TgLedger    *ledger,
               GArray      *seats,
               TgSeatState  state)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < seats->len; i++)
    {
      guint32 seat = g_array_index (seats, guint32, i);

      if (tg_ledger_seat_state (ledger, seat) == state)
        json_builder_add_int_value (builder, seat);
    }
  json_builder_end_array (builder);
}

static void
add_seat_states (JsonBuilder   *builder,
                 TgServerMatch *self,
                 GArray        *seats,
                 gboolean       with_available)
{
  TgLedger *ledger = tg_match_get_ledger (self->match);

  add_seat_list (builder, "held", ledger, seats, TG_SEAT_HELD);
  add_seat_list (builder, "sold", ledger, seats, TG_SEAT_SOLD);
  if (with_available)
    add_seat_list (builder, "available", ledger, seats, TG_SEAT_AVAILABLE);
}

static void
send_you (TgServerMatch *self,
          TgPlayer      *player)
{
  JsonBuilder *builder = tg_message_builder_new ("you", -1);
  TgMatchState state = tg_match_get_state (self->match, player->pid);
  TgHoldInfo hold;

  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, tg_protocol_state_to_string (state));
  json_builder_set_member_name (builder, "fail_reason");
  json_builder_add_string_value (builder,
                                 tg_fail_reason_to_string (tg_match_get_fail_reason (self->match, player->pid)));
  /* In a waiting room a player is in line while still "waiting": a client that joins again
   * (after a restart) must not offer 예매하기 again. */
  json_builder_set_member_name (builder, "booked");
  json_builder_add_boolean_value (builder, tg_match_is_booked (self->match, player->pid));
  json_builder_set_member_name (builder, "hold");
  if (tg_match_get_hold (self->match, player->pid, &hold))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seats");
      json_builder_begin_array (builder);
      for (guint i = 0; i < hold.n_seats; i++)
        json_builder_add_int_value (builder, hold.seats[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, hold.expires_at);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, tg_server_now (self->server));
  tg_conn_send (player->conn, tg_message_builder_finish (builder));
}

static void
send_captcha (TgServerMatch *self,
              TgPlayer      *player)
{
  const TgCaptcha *captcha = tg_match_get_captcha (self->match, player->pid);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base64 = NULL;
  JsonBuilder *builder;

  if (captcha == NULL)
    return;
  player->captcha_sent_at = captcha->issued_at;
  png = tg_captcha_render_png (captcha, CAPTCHA_SCALE, &error);
  if (png == NULL)
    {
      g_warning ("captcha for player %u: %s", player->id, error->message);
      return;
    }
  base64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  builder = tg_message_builder_new ("captcha", -1);
  json_builder_set_member_name (builder, "png");
  json_builder_add_string_value (builder, base64);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, (gint64) (TG_CAPTCHA_WIDTH * CAPTCHA_SCALE));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, (gint64) (TG_CAPTCHA_HEIGHT * CAPTCHA_SCALE));
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, CAPTCHA_SCALE);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, TG_CAPTCHA_LENGTH);
  json_builder_set_member_name (builder, "issued_at");
  json_builder_add_int_value (builder, captcha->issued_at);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, captcha->expires_at);
  tg_conn_send (player->conn, tg_message_builder_finish (builder));
}

static void
send_queue (TgServerMatch *self,
            TgPlayer      *player,
            gint64         now)
{
  TgQueueStatus status;
  JsonBuilder *builder;

  if (!tg_match_get_queue_status (self->match, player->pid, &status))
    return;
  player->last_queue_push = now;
  builder = tg_message_builder_new ("queue", -1);
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, status.position);
  json_builder_set_member_name (builder, "ahead");
  json_builder_add_int_value (builder, status.ahead);
  json_builder_set_member_name (builder, "behind");
  json_builder_add_int_value (builder, status.behind);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, status.total);
  json_builder_set_member_name (builder, "admitted");
  json_builder_add_int_value (builder, status.admitted);
  json_builder_set_member_name (builder, "estimated_wait_ms");
  json_builder_add_int_value (builder, status.estimated_wait == G_MAXINT64 ? -1
                                                                         : status.estimated_wait / 1000);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, tg_match_is_queue_paused (self->match));
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, now);
  tg_conn_send (player->conn, tg_message_builder_finish (builder));
}

static void
add_player_result (JsonBuilder   *builder,
                   TgServerMatch *self,
                   guint32        pid,
                   guint          player_id,
                   TgResult      *result)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "player");
  json_builder_add_int_value (builder, player_id);
  json_builder_set_member_name (builder, "nickname");
  json_builder_add_string_value (builder, tg_match_get_human_name (self->match, pid));
  json_builder_set_member_name (builder, "result");
  tg_protocol_add_result (builder, result);
  json_builder_end_object (builder);
}

/* A human reached DONE or FAILED: everyone in the room learns it, and server.db keeps it. */
static void
report_result (TgServerMatch *self,
               guint32        pid,
               TgPlayer      *player)
{
  g_autoptr(TgResult) result = tg_match_get_result (self->match, pid);
  g_autoptr(JsonBuilder) one = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char *push = NULL;
  g_autoptr(GError) error = NULL;
  JsonBuilder *builder;

  g_hash_table_add (self->reported, GUINT_TO_POINTER (pid));
  tg_protocol_add_result (one, result);
  node = json_builder_get_root (one);
  json = json_to_string (node, FALSE);
  if (!tg_server_store_add_result (self->server->store, self->store_id, player->id,
                                   player->nickname, result, json, &error))
    g_message ("not stored: %s", error->message);

  builder = tg_message_builder_new ("result", -1);
  json_builder_set_member_name (builder, "result");
  add_player_result (builder, self, pid, player->id, result);
  push = tg_message_builder_finish (builder);
  tg_room_broadcast (self->room, push);
}

/* ---- engine signals ---- */

static void
on_participant_changed (TgMatch       *match,
                        guint          pid,
                        TgServerMatch *self)
{
  TgPlayer *player = g_hash_table_lookup (self->by_pid, GUINT_TO_POINTER (pid));
  TgMatchState state;

  if (player == NULL)
    return;
  state = tg_match_get_state (match, pid);
  if (player->conn != NULL)
    {
      send_you (self, player);
      if (state == TG_MATCH_STATE_CAPTCHA)
        {
          const TgCaptcha *captcha = tg_match_get_captcha (match, pid);

          if (captcha != NULL && captcha->issued_at != player->captcha_sent_at)
            send_captcha (self, player);
        }
      if (state == TG_MATCH_STATE_QUEUED && player->last_queue_push == 0)
        send_queue (self, player, tg_server_now (self->server));
    }
  if ((state == TG_MATCH_STATE_DONE || state == TG_MATCH_STATE_FAILED) &&
      !g_hash_table_contains (self->reported, GUINT_TO_POINTER (pid)))
    report_result (self, pid, player);
}

static void
on_seats_changed (TgMatch       *match,
                  GArray        *seats,
                  TgServerMatch *self)
{
  JsonBuilder *builder = tg_message_builder_new ("seats", -1);
  g_autofree char *push = NULL;

  add_seat_states (builder, self, seats, TRUE);
  push = tg_message_builder_finish (builder);
  tg_room_broadcast (self->room, push);
}

static void
on_match_tick (TgMatch       *match,
               TgServerMatch *self)
{
  gint64 now = tg_server_now (self->server);
  gint64 started = g_get_monotonic_time ();
  GHashTableIter iter;
  TgPlayer *player;
  guint n = 0;

  if (self->last_tick > 0)
    tg_metrics_observe (&self->server->metrics, TG_HIST_TICK_LATE,
                        MAX (0, now - self->last_tick - 100 * TG_USEC_PER_MSEC) / (double) G_USEC_PER_SEC);
  self->last_tick = now;
  g_hash_table_iter_init (&iter, self->by_pid);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &player))
    if (player->conn != NULL && now - player->last_queue_push >= QUEUE_PUSH_USEC &&
        tg_match_get_state (match, player->pid) == TG_MATCH_STATE_QUEUED)
      {
        send_queue (self, player, now);
        n++;
      }
  if (n > 0)
    tg_metrics_observe (&self->server->metrics, TG_HIST_PUSH_ROUND,
                        (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
}

static gboolean
on_end (gpointer user_data)
{
  TgServerMatch *self = user_data;
  TgRoom *room = self->room;
  JsonBuilder *builder = tg_message_builder_new ("match_end", -1);
  g_autofree char *push = NULL;
  g_autoptr(GError) error = NULL;

  self->end_source = 0;
  json_builder_set_member_name (builder, "sold_out");
  json_builder_add_boolean_value (builder, tg_match_is_sold_out (self->match));
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);
      g_autoptr(TgResult) result = NULL;

      if (!member->in_match || (result = tg_match_get_result (self->match, member->pid)) == NULL)
        continue;
      add_player_result (builder, self, member->pid, member->id, result);
    }
  json_builder_end_array (builder);
  push = tg_message_builder_finish (builder);
  tg_room_broadcast (room, push);

  if (!tg_server_store_finish_match (self->server->store, self->store_id,
                                     tg_match_is_sold_out (self->match), &error))
    g_message ("not stored: %s", error->message);
  g_message ("room %u: match %" G_GINT64_FORMAT " finished", room->id, self->store_id);
  self->server->metrics.matches_finished++;

  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      member->in_match = FALSE;
      member->ready = FALSE;
    }
  room->match = NULL;
  tg_server_match_free (self);
  tg_room_push_state (room);
  return G_SOURCE_REMOVE;
}

static void
on_finished (TgMatch       *match,
             TgServerMatch *self)
{
  GSource *source;

  self->finished = TRUE;
  /* Not from inside the engine's emission: the match is freed there. */
  source = g_idle_source_new ();
  g_source_set_callback (source, on_end, self, NULL);
  g_source_set_name (source, "[tickget] match end");
  self->end_source = g_source_attach (source, self->server->context);
  g_source_unref (source);
}

/* ---- lifetime ---- */

TgServerMatch *
tg_server_match_new (TgRoom  *room,
                     gint64   open_delay_us,
                     GError **error)
{
  TgServer *server = room->server;
  TgServerMatch *self;
  TgMatchSettings settings;
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 seed = 0;

  tg_match_settings_init (&settings);
  settings.difficulty = room->difficulty;
  settings.n_bots = room->n_bots;
  settings.venue = room->venue;
  settings.seats_per_booking = room->seats_per_booking;
  settings.countdown = open_delay_us;
  settings.admission_rate = room->admission_rate;
  settings.prequeue = room->waiting_room;
  if (!tg_random_bytes ((guint8 *) &seed, sizeof seed))
    seed = (guint64) g_get_real_time ();
  settings.seed = seed;

  match = tg_match_new (&settings, server->clock, &local_error);
  if (match == NULL)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The room’s settings cannot start a match: %s"), local_error->message);
      return NULL;
    }

  self = g_new0 (TgServerMatch, 1);
  self->server = server;
  self->room = room;
  self->match = g_steal_pointer (&match);
  self->by_pid = g_hash_table_new (NULL, NULL);
  self->reported = g_hash_table_new (NULL, NULL);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < room->members->len; i++)
    {
      TgPlayer *member = g_ptr_array_index (room->members, i);

      member->pid = tg_match_add_human (self->match, member->nickname);
      member->in_match = TRUE;
      member->last_queue_push = 0;
      member->captcha_sent_at = -1;
      member->audio_requests = 0;
      g_hash_table_insert (self->by_pid, GUINT_TO_POINTER (member->pid), member);
    }
  self->store_id = tg_server_store_add_match (server->store, room->title, seed,
                                              tg_difficulty_to_string (room->difficulty),
                                              room->n_bots, room->members->len,
                                              tg_venue_get_name (room->venue), &local_error);
  if (self->store_id == 0)
    g_message ("match not stored: %s", local_error->message);

  g_signal_connect (self->match, "participant-changed", G_CALLBACK (on_participant_changed), self);
  g_signal_connect (self->match, "seats-changed", G_CALLBACK (on_seats_changed), self);
  g_signal_connect (self->match, "tick", G_CALLBACK (on_match_tick), self);
  g_signal_connect (self->match, "finished", G_CALLBACK (on_finished), self);
  server->metrics.matches_started++;
  g_message ("room %u: match started, %u players, %u bots, %s, opens in %.1f s",
             room->id, room->members->len, room->n_bots, tg_venue_get_name (room->venue),
             open_delay_us / (double) G_USEC_PER_SEC);
  return self;
}

void
tg_server_match_free (TgServerMatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->end_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->match, self);
  g_clear_object (&self->match);
  g_hash_table_unref (self->by_pid);
  g_hash_table_unref (self->reported);
  g_array_unref (self->scratch);
  g_free (self);
}

gboolean
tg_server_match_is_finished (TgServerMatch *self)
{
  return self->finished;
}

void
tg_server_match_remove_player (TgServerMatch *self,
                               TgPlayer      *player)
{
  if (!g_hash_table_contains (self->by_pid, GUINT_TO_POINTER (player->pid)))
    return;
  /* Releases their holds and queue place; the engine reports them as "left". */
  tg_match_leave (self->match, player->pid);
  g_hash_table_remove (self->by_pid, GUINT_TO_POINTER (player->pid));
  player->in_match = FALSE;
}

void
tg_server_match_send_snapshot (TgServerMatch *self,
                               TgPlayer      *player)
{
  const TgMatchSettings *settings = tg_match_get_settings (self->match);
  TgLedger *ledger = tg_match_get_ledger (self->match);
  guint n_seats = tg_ledger_get_n_seats (ledger);
  JsonBuilder *builder;
  TgMatchState state;

  if (player->conn == NULL)
    return;
  g_array_set_size (self->scratch, 0);
  for (guint32 seat = 0; seat < n_seats; seat++)
    if (tg_ledger_seat_state (ledger, seat) != TG_SEAT_AVAILABLE)
      g_array_append_val (self->scratch, seat);

  builder = tg_message_builder_new ("match", -1);
  json_builder_set_member_name (builder, "room");
  json_builder_add_int_value (builder, self->room->id);
  json_builder_set_member_name (builder, "open_at");
  json_builder_add_int_value (builder, tg_match_get_open_time (self->match));
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_int_value (builder, tg_server_now (self->server));
  json_builder_set_member_name (builder, "player");
  json_builder_add_int_value (builder, player->id);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_string_value (builder, tg_difficulty_to_string (settings->difficulty));
  json_builder_set_member_name (builder, "bots");
  json_builder_add_int_value (builder, settings->n_bots);
  json_builder_set_member_name (builder, "seats_per_booking");
  json_builder_add_int_value (builder, settings->seats_per_booking);
  json_builder_set_member_name (builder, "dates");
  json_builder_add_int_value (builder, settings->n_dates);
  json_builder_set_member_name (builder, "open_date");
  json_builder_add_int_value (builder, settings->open_date);
  json_builder_set_member_name (builder, "hold_ttl_ms");
  json_builder_add_int_value (builder, settings->hold_ttl / 1000);
  json_builder_set_member_name (builder, "captcha_ttl_ms");
  json_builder_add_int_value (builder, settings->captcha_ttl / 1000);
  json_builder_set_member_name (builder, "admission_rate");
  json_builder_add_double_value (builder, tg_match_get_admission_rate (self->match));
  json_builder_set_member_name (builder, "prequeue");
  json_builder_add_boolean_value (builder, settings->prequeue);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "room_state");
  tg_room_add_state (builder, self->room);
  add_seat_states (builder, self, self->scratch, FALSE);
  tg_conn_send (player->conn, tg_message_builder_finish (builder));

  send_you (self, player);
  state = tg_match_get_state (self->match, player->pid);
  if (state == TG_MATCH_STATE_CAPTCHA)
    send_captcha (self, player);
  else if (state == TG_MATCH_STATE_QUEUED)
    send_queue (self, player, tg_server_now (self->server));
}
