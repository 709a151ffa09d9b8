/* tg-net-client-lobby.c: TgNetClient's lobby requests and the room's venue. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tg-net-client-private.h"
#include "tg-protocol.h"

/* ---- lobby conveniences ---- */

static void
request_with (TgNetClient         *self,
              const char          *type,
              JsonObject          *fields,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  tg_net_client_request_async (self, type, fields, cancellable, callback, user_data);
  if (fields != NULL)
    json_object_unref (fields);
}

static JsonObject *
object_with_int (const char *member,
                 gint64      value)
{
  JsonObject *fields = json_object_new ();

  json_object_set_int_member (fields, member, value);
  return fields;
}

void
tg_net_client_list_rooms (TgNetClient *self, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  request_with (self, "list_rooms", NULL, cancellable, callback, user_data);
}

void
tg_net_client_create_room (TgNetClient *self, JsonObject *settings, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  tg_net_client_request_async (self, "create_room", settings, cancellable, callback, user_data);
}

void
tg_net_client_join_room (TgNetClient *self, guint room, const char *password,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  JsonObject *fields = object_with_int ("room", room);

  if (password != NULL)
    json_object_set_string_member (fields, "password", password);
  request_with (self, "join_room", fields, cancellable, callback, user_data);
}

void
tg_net_client_leave_room (TgNetClient *self, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  request_with (self, "leave_room", NULL, cancellable, callback, user_data);
}

void
tg_net_client_chat (TgNetClient *self, const char *text, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "text", text);
  request_with (self, "chat", fields, cancellable, callback, user_data);
}

void
tg_net_client_set_ready (TgNetClient *self, gboolean ready, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  JsonObject *fields = json_object_new ();

  json_object_set_boolean_member (fields, "ready", ready);
  request_with (self, "ready", fields, cancellable, callback, user_data);
}

void
tg_net_client_change_settings (TgNetClient *self, JsonObject *settings, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  tg_net_client_request_async (self, "room_settings", settings, cancellable, callback, user_data);
}

void
tg_net_client_kick (TgNetClient *self, guint player, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  request_with (self, "kick", object_with_int ("player", player), cancellable, callback, user_data);
}

void
tg_net_client_transfer_host (TgNetClient *self, guint player, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  request_with (self, "transfer_host", object_with_int ("player", player), cancellable, callback, user_data);
}

void
tg_net_client_start (TgNetClient *self, guint open_in_ms, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  request_with (self, "start", object_with_int ("open_in_ms", open_in_ms), cancellable, callback, user_data);
}

/* ---- venue ---- */

static void
on_venue_downloaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = g_task_get_task_data (task);
  TgVenue *venue;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The server did not send the room’s seat map (HTTP %u)"),
                               soup_message_get_status (msg));
      return;
    }
  venue = tg_venue_load_data (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (venue == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, venue, g_object_unref);
}

void
tg_net_client_load_venue_async (TgNetClient        *self,
                                JsonObject         *venue,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *preset = tg_json_get_string (venue, "preset");
  const char *url = tg_json_get_string (venue, "url");
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, tg_net_client_load_venue_async);
  if (preset != NULL)
    {
      TgVenue *loaded = tg_venue_new_preset (preset, &error);

      if (loaded == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, loaded, g_object_unref);
    }
  else if (url != NULL && url[0] == '/')
    {
      g_autofree char *full = g_strconcat (tg_net_client_get_http_base (self), url, NULL);
      SoupMessage *msg = soup_message_new ("GET", full);

      if (msg == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("The server sent an unusable seat-map address"));
          return;
        }
      g_task_set_task_data (task, msg, g_object_unref);
      soup_session_send_and_read_async (tg_net_client_get_session (self), msg, G_PRIORITY_DEFAULT, cancellable,
                                        on_venue_downloaded, g_steal_pointer (&task));
    }
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The server named no venue for this room"));
}

TgVenue *
tg_net_client_load_venue_finish (TgNetClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}


/* ---- plain HTTP: the leaderboard ---- */

static void
on_json_downloaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The server answered HTTP %u"), soup_message_get_status (msg));
      return;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The server’s answer is not a JSON object"));
      return;
    }
  g_task_return_pointer (task, json_object_ref (json_node_get_object (root)), (GDestroyNotify) json_object_unref);
}

void
tg_net_client_fetch_json_async (TgNetClient        *self,
                                const char         *path,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *full = NULL;
  SoupMessage *msg;

  g_return_if_fail (path != NULL && path[0] == '/');
  g_task_set_source_tag (task, tg_net_client_fetch_json_async);
  full = g_strconcat (tg_net_client_get_http_base (self), path, NULL);
  msg = soup_message_new ("GET", full);
  if (msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Cannot make an address from %s"), full);
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (tg_net_client_get_session (self), msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_json_downloaded, g_steal_pointer (&task));
}

JsonObject *
tg_net_client_fetch_json_finish (TgNetClient   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
