/* net-test-util.c: see net-test-util.h. */

#include "config.h"

#include <glib/gstdio.h>

#include "net-test-util.h"

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

void
test_server_options_init (TgServerOptions *options)
{
  const char *threads = g_getenv ("TICKGET_TEST_IO_THREADS");

  tg_server_options_init (options);
  if (threads != NULL)
    options->io_threads = (guint) g_ascii_strtoull (threads, NULL, 10);
}

TestServer *
test_server_new (const TgServerOptions *options_or_null)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  TgServerOptions options;

  if (options_or_null != NULL)
    options = *options_or_null;
  else
    {
      test_server_options_init (&options);
      options.min_open_delay_ms = 100;
      options.grace_period = 30;
    }
  server->data_dir = g_dir_make_tmp ("tickget-net-XXXXXX", &error);
  g_assert_no_error (error);
  server->server = tg_server_new (&options, server->data_dir, &error);
  g_assert_no_error (error);
  tg_server_listen (server->server, "127.0.0.1", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  server->port = tg_server_get_port (server->server);
  g_assert_cmpuint (server->port, >, 0);
  return server;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

void
test_server_free (TestServer *server)
{
  tg_server_shutdown (server->server);
  test_wait_ms (20);
  g_clear_object (&server->server);
  remove_dir (server->data_dir);
  g_free (server->data_dir);
  g_free (server);
}

void
test_wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  test_wait_for (&done);
}

/* ---- client ---- */

static void
on_message (SoupWebsocketConnection *ws,
            int                      type,
            GBytes                  *bytes,
            TestClient              *client)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_queue_push_tail (&client->inbox, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
}

static void
on_closed (SoupWebsocketConnection *ws,
           TestClient              *client)
{
  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (ws);
}

typedef struct
{
  gboolean                 done;
  SoupWebsocketConnection *ws;
  GError                  *error;
} ConnectData;

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ConnectData *data = user_data;

  data->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &data->error);
  data->done = TRUE;
}

TestClient *
test_client_connect (TestServer *server)
{
  TestClient *client = g_new0 (TestClient, 1);
  g_autofree char *uri = g_strdup_printf ("ws://127.0.0.1:%u/ws", server->port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  ConnectData data = { 0 };

  client->session = soup_session_new ();
  client->next_id = 1;
  g_queue_init (&client->inbox);
  soup_session_websocket_connect_async (client->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_connected, &data);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  client->ws = data.ws;
  /* The server decides; the client must not drop big test frames itself. */
  soup_websocket_connection_set_max_incoming_payload_size (client->ws, 0);
  g_signal_connect (client->ws, "message", G_CALLBACK (on_message), client);
  g_signal_connect (client->ws, "closed", G_CALLBACK (on_closed), client);
  return client;
}

TestClient *
test_client_hello (TestServer *server,
                   const char *nickname)
{
  TestClient *client = test_client_connect (server);
  g_autoptr(JsonObject) reply = test_client_ok (client, "hello", "\"nickname\":\"%s\"", nickname);

  client->player = (guint) json_object_get_int_member (reply, "player");
  client->token = g_strdup (json_object_get_string_member (reply, "token"));
  return client;
}

void
test_client_free (TestClient *client)
{
  if (client->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->ws, client);
      if (soup_websocket_connection_get_state (client->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (client->ws);
    }
  g_queue_clear_full (&client->inbox, (GDestroyNotify) json_object_unref);
  g_clear_object (&client->session);
  g_free (client->token);
  g_free (client);
}

void
test_client_send_raw (TestClient *client,
                      const char *text)
{
  soup_websocket_connection_send_text (client->ws, text);
}

static JsonObject *
take_matching (TestClient *client,
               gboolean (*match) (JsonObject *object, gconstpointer data),
               gconstpointer data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;

  for (;;)
    {
      for (GList *l = client->inbox.head; l != NULL; l = l->next)
        if (match (l->data, data))
          {
            JsonObject *object = l->data;
            g_queue_delete_link (&client->inbox, l);
            return object;
          }
      if (client->closed)
        g_error ("connection closed (code %u) while waiting", client->close_code);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a message");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
match_id (JsonObject    *object,
          gconstpointer  data)
{
  JsonNode *node = json_object_get_member (object, "id");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_int (node) == *(const gint64 *) data;
}

static JsonObject *
request_va (TestClient *client,
            const char *type,
            const char *fields_format,
            va_list     args)
{
  g_autofree char *fields = fields_format != NULL ? g_strdup_vprintf (fields_format, args) : NULL;
  gint64 id = client->next_id++;
  g_autofree char *text = g_strdup_printf ("{\"v\":1,\"type\":\"%s\",\"id\":%" G_GINT64_FORMAT "%s%s}",
                                           type, id, fields != NULL ? "," : "",
                                           fields != NULL ? fields : "");

  test_client_send_raw (client, text);
  return take_matching (client, match_id, &id);
}

JsonObject *
test_client_request (TestClient *client,
                     const char *type,
                     const char *fields_format,
                     ...)
{
  va_list args;
  JsonObject *reply;

  va_start (args, fields_format);
  reply = request_va (client, type, fields_format, args);
  va_end (args);
  return reply;
}

JsonObject *
test_client_ok (TestClient *client,
                const char *type,
                const char *fields_format,
                ...)
{
  va_list args;
  JsonObject *reply;

  va_start (args, fields_format);
  reply = request_va (client, type, fields_format, args);
  va_end (args);
  if (g_strcmp0 (json_object_get_string_member (reply, "type"), "reply") != 0)
    g_error ("%s: expected a reply, got %s: %s", type,
             json_object_get_string_member_with_default (reply, "code", "?"),
             json_object_get_string_member_with_default (reply, "message", "?"));
  return reply;
}

void
test_client_expect_error (TestClient *client,
                          const char *code,
                          const char *type,
                          const char *fields_format,
                          ...)
{
  g_autoptr(JsonObject) reply = NULL;
  va_list args;

  va_start (args, fields_format);
  reply = request_va (client, type, fields_format, args);
  va_end (args);
  if (g_strcmp0 (json_object_get_string_member (reply, "type"), "error") != 0 ||
      g_strcmp0 (json_object_get_string_member (reply, "code"), code) != 0)
    g_error ("%s: expected error %s, got %s %s: %s", type, code,
             json_object_get_string_member (reply, "type"),
             json_object_get_string_member_with_default (reply, "code", ""),
             json_object_get_string_member_with_default (reply, "message", ""));
  g_assert_nonnull (json_object_get_string_member (reply, "message"));
}

static gboolean
match_type (JsonObject    *object,
            gconstpointer  data)
{
  return g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), data) == 0;
}

JsonObject *
test_client_wait (TestClient *client,
                  const char *type)
{
  return take_matching (client, match_type, type);
}

JsonObject *
test_client_wait_state (TestClient *client,
                        const char *state)
{
  for (;;)
    {
      JsonObject *you = test_client_wait (client, "you");

      if (g_strcmp0 (json_object_get_string_member (you, "state"), state) == 0)
        return you;
      json_object_unref (you);
    }
}

void
test_client_drain (TestClient *client)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_queue_clear_full (&client->inbox, (GDestroyNotify) json_object_unref);
  g_queue_init (&client->inbox);
}

void
test_client_wait_closed (TestClient *client)
{
  test_wait_for (&client->closed);
}

/* ---- HTTP ---- */

typedef struct
{
  gboolean  done;
  GBytes   *body;
} HttpData;

static void
on_http_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HttpData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  data->done = TRUE;
}

char *
test_http_get (TestServer *server,
               const char *path,
               guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  HttpData data = { 0 };
  char *text;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_http_done, &data);
  test_wait_for (&data.done);
  *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (data.body, NULL), g_bytes_get_size (data.body));
  g_bytes_unref (data.body);
  return text;
}
