/* tg-server-http.c: the plain HTTP side of the server — /healthz, /metrics, /rooms, /leaderboard
 * and the uploaded seat maps. Everything else is the WebSocket (tg-server.c). */

#include "config.h"

#include <string.h>

#include "tg-server-private.h"

void
tg_server_handle_http (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  TgServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (headers, "Allow", "GET, HEAD");
      return;
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  if (g_str_equal (path, "/healthz"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, "ok\n", 3);
    }
  else if (g_str_equal (path, "/metrics"))
    {
      char *text = tg_metrics_render (self);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain; version=0.0.4; charset=utf-8",
                                        SOUP_MEMORY_TAKE, text, strlen (text));
    }
  else if (g_str_equal (path, "/rooms"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;
      GHashTableIter iter;
      TgRoom *room;
      char *text;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "v");
      json_builder_add_int_value (builder, TG_PROTOCOL_VERSION);
      json_builder_set_member_name (builder, "rooms");
      json_builder_begin_array (builder);
      g_hash_table_iter_init (&iter, self->rooms);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
        tg_room_add_summary (builder, room);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, FALSE);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
    }
  else if (g_str_equal (path, "/leaderboard"))
    {
      g_autoptr(GError) error = NULL;
      char *text = tg_server_render_leaderboard (self, &error);

      if (text == NULL)
        {
          g_warning ("GET /leaderboard: %s", error->message);
          soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
    }
  else if (g_str_has_prefix (path, "/rooms/") && g_str_has_suffix (path, "/venue.svg"))
    {
      guint64 id = g_ascii_strtoull (path + strlen ("/rooms/"), NULL, 10);
      TgRoom *room = g_hash_table_lookup (self->rooms, GUINT_TO_POINTER ((guint) MIN (id, G_MAXUINT)));

      if (room == NULL || room->venue_svg == NULL)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (room->venue_svg, &size);

          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "image/svg+xml", SOUP_MEMORY_COPY, data, size);
        }
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

