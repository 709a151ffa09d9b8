/* tg-room-settings.c: a room's settings from create_room and room_settings — validated as a
 * whole, applied all or nothing (docs/protocol.md, "Settings fields"). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-server-private.h"

#define DEFAULT_PRESET      "small"

static gboolean
get_number (TgMessage   *message,
            const char  *field,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (message->object, field);
  double value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be a number"), field);
      return FALSE;
    }
  value = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                          : json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be between %g and %g"), field, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* Reads every settings field present in @message into @room, all or nothing. */
gboolean
tg_room_apply_settings (TgRoom     *room,
                TgMessage  *message,
                GError    **error)
{
  g_autofree char *title = NULL;
  g_autoptr(TgVenue) venue = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *preset = NULL;
  const char *difficulty_str = NULL, *password = NULL;
  TgDifficulty difficulty = room->difficulty;
  gint64 max_players = room->max_players, bots = room->n_bots, seats = room->seats_per_booking;
  double rate = room->admission_rate;
  gboolean waiting_room = room->waiting_room;
  JsonObject *venue_obj = NULL;

  if (!tg_message_get_text (message, "title", room->title == NULL, TG_PROTOCOL_MAX_TITLE, &title, error) ||
      !tg_message_get_int (message, "max_players", FALSE, 1, TG_PROTOCOL_MAX_PLAYERS, &max_players, error) ||
      !tg_message_get_int (message, "bots", FALSE, 0, TG_PROTOCOL_MAX_BOTS, &bots, error) ||
      !tg_message_get_int (message, "seats_per_booking", FALSE, 1, TG_LEDGER_MAX_SEATS_PER_HOLD, &seats, error) ||
      !get_number (message, "admission_rate", 0, 1e6, &rate, error) ||
      !tg_message_get_bool (message, "waiting_room", FALSE, &waiting_room, error) ||
      !tg_message_get_string (message, "difficulty", FALSE, 1, 16, &difficulty_str, error) ||
      !tg_message_get_string (message, "password", FALSE, 0, TG_PROTOCOL_MAX_PASSWORD, &password, error))
    return FALSE;
  if (difficulty_str != NULL && !tg_difficulty_from_string (difficulty_str, &difficulty))
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("The field “difficulty” must be “easy”, “medium” or “hard”"));
      return FALSE;
    }
  if ((guint) max_players < room->members->len)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The room already has %u players; “max_players” cannot be lower"),
                   room->members->len);
      return FALSE;
    }

  if (tg_message_has (message, "venue"))
    {
      JsonNode *node = json_object_get_member (message->object, "venue");
      const char *name, *data;

      venue_obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      name = tg_json_get_string (venue_obj, "preset");
      data = tg_json_get_string (venue_obj, "svg");
      if (venue_obj == NULL || (name == NULL) == (data == NULL) ||
          (name != NULL && !g_utf8_validate (name, -1, NULL)))
        {
          g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                               _("The field “venue” must be {\"preset\": name} or {\"svg\": seat map}"));
          return FALSE;
        }
      if (name != NULL)
        {
          if (!g_strv_contains (tg_venue_list_presets (), name))
            {
              g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_INVALID_VENUE,
                           _("There is no venue preset “%s”"), name);
              return FALSE;
            }
          venue = tg_venue_new_preset (name, error);
          preset = g_strdup (name);
        }
      else
        {
          g_autoptr(GError) local_error = NULL;
          gsize length = strlen (data);

          if (length > TG_PROTOCOL_MAX_VENUE_SVG)
            {
              g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_INVALID_VENUE,
                           _("The seat map is larger than %d KiB"), TG_PROTOCOL_MAX_VENUE_SVG / 1024);
              return FALSE;
            }
          venue = tg_venue_load_data (data, length, &local_error);
          if (venue == NULL)
            {
              g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_INVALID_VENUE,
                           _("The seat map cannot be used: %s"), local_error->message);
              return FALSE;
            }
          if (tg_venue_get_n_seats (venue) > TG_PROTOCOL_MAX_VENUE_SEATS)
            {
              g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_INVALID_VENUE,
                           _("The seat map has more than %d seats"), TG_PROTOCOL_MAX_VENUE_SEATS);
              return FALSE;
            }
          svg = g_bytes_new (data, length);
        }
      if (venue == NULL)
        return FALSE;
    }
  else if (room->venue == NULL)
    {
      venue = tg_venue_new_preset (DEFAULT_PRESET, error);
      preset = g_strdup (DEFAULT_PRESET);
      if (venue == NULL)
        return FALSE;
    }

  /* Everything is valid: apply. */
  if (title != NULL)
    {
      g_free (room->title);
      room->title = g_steal_pointer (&title);
    }
  room->max_players = (guint) max_players;
  room->n_bots = (guint) bots;
  room->seats_per_booking = (guint) seats;
  room->admission_rate = rate;
  room->waiting_room = waiting_room;
  room->difficulty = difficulty;
  if (venue != NULL)
    {
      g_set_object (&room->venue, venue);
      g_free (room->venue_preset);
      room->venue_preset = g_steal_pointer (&preset);
      g_clear_pointer (&room->venue_svg, g_bytes_unref);
      room->venue_svg = g_steal_pointer (&svg);
    }
  if (password != NULL)
    {
      room->has_password = password[0] != '\0';
      if (room->has_password)
        {
          if (!tg_random_bytes (room->salt, sizeof room->salt))
            {
              g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_INTERNAL,
                                   _("The server has no source of randomness"));
              room->has_password = FALSE;
              return FALSE;
            }
          tg_password_hash (password, room->salt, room->hash);
        }
    }
  return TRUE;
}

