/* test-net-server.c: the real server on loopback with raw WebSocket clients — HTTP endpoints,
 * identity, rooms and the host's powers, and bad input that must never hurt anyone else. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "net-test-util.h"

static const char *
str (JsonObject *object,
     const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

static JsonObject *
room_of (JsonObject *message)
{
  return json_object_get_object_member (message, "room");
}

static guint
n_members (JsonObject *room)
{
  return json_array_get_length (json_object_get_array_member (room, "members"));
}

static guint
create_room (TestClient *host,
             const char *extra)
{
  g_autoptr(JsonObject) reply = test_client_ok (host, "create_room",
                                                "\"title\":\"Room\",\"bots\":0%s%s",
                                                extra != NULL ? "," : "", extra != NULL ? extra : "");
  return (guint) json_object_get_int_member (room_of (reply), "id");
}

static void
test_http (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  g_autofree char *health = NULL, *metrics = NULL, *rooms = NULL, *missing = NULL;
  guint status = 0;

  create_room (a, "\"password\":\"hunter2\"");
  health = test_http_get (server, "/healthz", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (health, ==, "ok\n");

  metrics = test_http_get (server, "/metrics", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (metrics, "\ntickget_connections 1\n"));
  /* meson runs this test with and without I/O threads: the server really started them. */
  {
    const char *threads = g_getenv ("TICKGET_TEST_IO_THREADS");
    g_autofree char *line = g_strdup_printf ("\ntickget_io_threads %s\n", threads != NULL ? threads : "0");

    g_assert_nonnull (strstr (metrics, line));
  }
  g_assert_nonnull (strstr (metrics, "\ntickget_rooms 1\n"));
  g_assert_nonnull (strstr (metrics, "# TYPE tickget_request_duration_seconds histogram"));
  g_assert_nonnull (strstr (metrics, "tickget_request_duration_seconds_bucket{le=\"+Inf\"}"));

  rooms = test_http_get (server, "/rooms", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (rooms, "\"title\":\"Room\""));
  g_assert_nonnull (strstr (rooms, "\"has_password\":true"));
  g_assert_null (strstr (rooms, "hunter2"));

  missing = test_http_get (server, "/nope", &status);
  g_assert_cmpuint (status, ==, 404);

  test_client_free (a);
  test_server_free (server);
}

static void
test_lobby (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "  bob  ");
  g_autoptr(JsonObject) list = NULL, joined = NULL, push = NULL, chat = NULL, settings = NULL;
  g_autoptr(JsonObject) ready = NULL, match_a = NULL, match_b = NULL;
  JsonObject *summary;
  guint room;

  g_assert_cmpuint (a->player, !=, b->player);
  g_assert_cmpuint (strlen (a->token), ==, 64);
  g_assert_cmpstr (a->token, !=, b->token);

  room = create_room (a, "\"max_players\":4,\"difficulty\":\"easy\",\"venue\":{\"preset\":\"small\"}");
  list = test_client_ok (b, "list_rooms", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "rooms")), ==, 1);
  summary = json_array_get_object_element (json_object_get_array_member (list, "rooms"), 0);
  g_assert_cmpint (json_object_get_int_member (summary, "id"), ==, room);
  g_assert_cmpint (json_object_get_int_member (summary, "players"), ==, 1);

  joined = test_client_ok (b, "join_room", "\"room\":%u", room);
  g_assert_cmpuint (n_members (room_of (joined)), ==, 2);
  /* Every change reaches every member: alice sees bob arrive (names are trimmed). */
  for (;;)
    {
      g_autoptr(JsonObject) p = test_client_wait (a, "room");
      if (n_members (room_of (p)) == 2)
        {
          JsonObject *bob = json_array_get_object_element (
            json_object_get_array_member (room_of (p), "members"), 1);
          g_assert_cmpstr (str (bob, "nickname"), ==, "bob");
          g_assert_cmpint (json_object_get_int_member (room_of (p), "host"), ==, a->player);
          break;
        }
    }

  /* Settings: host only, synced to everyone. */
  test_client_expect_error (b, "not_host", "room_settings", "\"difficulty\":\"hard\"");
  test_client_drain (b);
  settings = test_client_ok (a, "room_settings", "\"difficulty\":\"hard\",\"bots\":7,\"seats_per_booking\":1");
  push = test_client_wait (b, "room");
  g_assert_cmpstr (str (room_of (push), "difficulty"), ==, "hard");
  g_assert_cmpint (json_object_get_int_member (room_of (push), "bots"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (room_of (push), "seats_per_booking"), ==, 1);
  test_client_expect_error (a, "bad_message", "room_settings", "\"max_players\":1");

  /* Chat to all members. */
  json_object_unref (test_client_ok (b, "chat", "\"text\":\"안녕하세요 👋\""));
  chat = test_client_wait (a, "chat");
  g_assert_cmpstr (str (chat, "text"), ==, "안녕하세요 👋");
  g_assert_cmpint (json_object_get_int_member (chat, "player"), ==, b->player);
  test_client_expect_error (b, "bad_message", "chat", "\"text\":\"   \"");

  /* Start waits for ready players; the countdown has a floor. */
  test_client_expect_error (a, "not_ready", "start", "\"open_in_ms\":200");
  test_client_expect_error (b, "not_host", "start", "\"open_in_ms\":200");
  test_client_drain (a);
  json_object_unref (test_client_ok (b, "ready", "\"ready\":true"));
  for (;;)
    {
      g_autoptr(JsonObject) p = test_client_wait (a, "room");
      JsonObject *bob = json_array_get_object_element (json_object_get_array_member (room_of (p), "members"), 1);
      if (json_object_get_boolean_member (bob, "ready"))
        break;
    }
  test_client_expect_error (a, "bad_message", "start", "\"open_in_ms\":5");
  json_object_unref (test_client_ok (a, "start", "\"open_in_ms\":200"));
  match_a = test_client_wait (a, "match");
  match_b = test_client_wait (b, "match");
  g_assert_cmpint (json_object_get_int_member (match_a, "open_at"), ==,
                   json_object_get_int_member (match_b, "open_at"));
  g_assert_cmpint (json_object_get_int_member (match_a, "open_at"), >,
                   json_object_get_int_member (match_a, "server_time"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (match_a, "settings"), "bots"), ==, 7);
  test_client_expect_error (a, "match_running", "room_settings", "\"bots\":1");
  test_client_expect_error (a, "match_running", "start", "\"open_in_ms\":200");

  /* Both give up: with no bot left to wait for... 7 bots play on, so just leave. */
  test_client_free (b);
  test_client_free (a);
  test_server_free (server);
}

static void
test_host_leaves (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  TestClient *c = test_client_hello (server, "carol");
  guint room = create_room (a, NULL);

  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));
  json_object_unref (test_client_ok (c, "join_room", "\"room\":%u", room));
  test_client_drain (b);
  json_object_unref (test_client_ok (a, "leave_room", NULL));
  for (;;)
    {
      g_autoptr(JsonObject) p = test_client_wait (b, "room");
      if (n_members (room_of (p)) == 2)
        {
          g_assert_cmpint (json_object_get_int_member (room_of (p), "host"), ==, b->player);
          break;
        }
    }
  /* The new host has the powers, the old one is just a visitor. */
  json_object_unref (test_client_ok (b, "transfer_host", "\"player\":%u", c->player));
  test_client_expect_error (b, "not_host", "kick", "\"player\":%u", c->player);
  test_client_expect_error (a, "not_in_room", "chat", "\"text\":\"hi\"");
  json_object_unref (test_client_ok (c, "room_settings", "\"title\":\"Carol’s\""));

  /* The last one out closes the room. */
  json_object_unref (test_client_ok (b, "leave_room", NULL));
  json_object_unref (test_client_ok (c, "leave_room", NULL));
  g_assert_cmpuint (tg_server_get_n_rooms (server->server), ==, 0);

  test_client_free (a);
  test_client_free (b);
  test_client_free (c);
  test_server_free (server);
}

static void
test_password (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  guint room = create_room (a, "\"password\":\"비밀 123\"");

  test_client_expect_error (b, "wrong_password", "join_room", "\"room\":%u", room);
  test_client_expect_error (b, "wrong_password", "join_room", "\"room\":%u,\"password\":\"비밀 124\"", room);
  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u,\"password\":\"비밀 123\"", room));
  json_object_unref (test_client_ok (b, "leave_room", NULL));
  /* Guessing is slowed down: after three wrong tries, one a second. */
  for (guint i = 0; i < 3; i++)
    test_client_expect_error (b, "wrong_password", "join_room", "\"room\":%u,\"password\":\"guess%u\"", room, i);
  test_client_expect_error (b, "rate_limited", "join_room", "\"room\":%u,\"password\":\"비밀 123\"", room);
  test_wait_ms (1100);
  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u,\"password\":\"비밀 123\"", room));
  json_object_unref (test_client_ok (b, "leave_room", NULL));
  /* The host removes it. */
  json_object_unref (test_client_ok (a, "room_settings", "\"password\":\"\""));
  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));

  test_client_free (a);
  test_client_free (b);
  test_server_free (server);
}

static void
test_kick (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  g_autoptr(JsonObject) kicked = NULL;
  guint room = create_room (a, NULL);

  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));
  test_client_expect_error (b, "not_host", "kick", "\"player\":%u", a->player);
  test_client_expect_error (a, "no_such_player", "kick", "\"player\":%u", a->player);
  test_client_expect_error (a, "no_such_player", "kick", "\"player\":9999");
  json_object_unref (test_client_ok (a, "kick", "\"player\":%u", b->player));
  kicked = test_client_wait (b, "kicked");
  g_assert_cmpint (json_object_get_int_member (kicked, "room"), ==, room);
  test_client_expect_error (b, "not_in_room", "ready", "\"ready\":true");
  test_client_expect_error (b, "no_such_room", "join_room", "\"room\":%u", room);

  test_client_free (a);
  test_client_free (b);
  test_server_free (server);
}

static void
test_bad_input (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  TestClient *c = test_client_connect (server);
  g_autoptr(JsonObject) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;
  g_autoptr(JsonObject) chat = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"v\":1,\"type\":\"time\",\"id\":1,\"x\":");
  guint room = create_room (a, NULL);

  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));

  /* Out of turn: nothing but hello and time before hello. */
  test_client_expect_error (c, "not_authenticated", "create_room", "\"title\":\"x\"");
  json_object_unref (test_client_ok (c, "time", NULL));
  test_client_expect_error (c, "bad_message", "hello", "\"nickname\":\"evil\\u202Eeman\"");
  test_client_expect_error (c, "bad_message", "hello", "\"nickname\":\"tab\\there\"");
  test_client_expect_error (c, "bad_message", "hello", "\"nickname\":\"%s\"",
                            "abcdefghijklmnopqrstuvwxyz");
  test_client_expect_error (c, "bad_message", "hello", "\"nickname\":42");
  test_client_expect_error (c, "unknown_token", "hello", "\"token\":\"00ff\"");

  /* Malformed frames get an error with a null id; the connection stays usable. */
  test_client_send_raw (c, "{\"v\":1,\"type\":");
  e1 = test_client_wait (c, "error");
  g_assert_cmpstr (str (e1, "code"), ==, "bad_json");
  g_assert_true (json_object_get_null_member (e1, "id"));
  test_client_send_raw (c, "[1,2,3]");
  e2 = test_client_wait (c, "error");
  g_assert_cmpstr (str (e2, "code"), ==, "bad_message");
  test_client_send_raw (c, "{\"v\":2,\"type\":\"time\",\"id\":5}");
  e3 = test_client_wait (c, "error");
  g_assert_cmpstr (str (e3, "code"), ==, "unsupported_version");
  g_assert_cmpint (json_object_get_int_member (e3, "id"), ==, 5);
  test_client_send_raw (c, "{\"v\":1,\"type\":\"time\",\"id\":\"seven\"}");
  e4 = test_client_wait (c, "error");
  g_assert_cmpstr (str (e4, "code"), ==, "bad_message");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "}");
  test_client_send_raw (c, deep->str);
  e5 = test_client_wait (c, "error");
  g_assert_cmpstr (str (e5, "code"), ==, "bad_json");
  test_client_expect_error (c, "unknown_type", "fly", NULL);
  json_object_unref (test_client_ok (c, "hello", "\"nickname\":\"carol\""));
  test_client_expect_error (c, "already_authenticated", "hello", "\"nickname\":\"carol\"");

  /* Wrong types and ranges in real requests. */
  test_client_expect_error (c, "bad_message", "create_room", "\"title\":\"x\",\"max_players\":\"ten\"");
  test_client_expect_error (c, "bad_message", "create_room", "\"title\":\"x\",\"max_players\":61");
  test_client_expect_error (c, "bad_message", "create_room", "\"title\":\"x\",\"bots\":50001");
  test_client_expect_error (c, "bad_message", "create_room", "\"title\":\"x\",\"difficulty\":\"insane\"");
  test_client_expect_error (c, "invalid_venue", "create_room", "\"title\":\"x\",\"venue\":{\"preset\":\"moon\"}");
  test_client_expect_error (c, "invalid_venue", "create_room", "\"title\":\"x\",\"venue\":{\"svg\":\"<svg\"}");
  test_client_expect_error (c, "bad_message", "create_room", "\"title\":\"\\u0000\"");
  test_client_expect_error (c, "bad_message", "join_room", "\"room\":-1");
  test_client_expect_error (c, "no_such_room", "join_room", "\"room\":424242");
  test_client_expect_error (c, "no_match", "hold", "\"seats\":[1,2]");
  test_client_expect_error (c, "no_match", "book", NULL);

  /* An oversize frame closes that connection with 1009 … */
  {
    gsize size = 2 * 1024 * 1024;
    g_autofree char *big = g_malloc (size + 1);

    memset (big, ' ', size);
    big[size] = '\0';
    g_autofree char *metrics = NULL;
    guint status;

    test_client_send_raw (c, big);
    test_client_wait_closed (c);
    /* libsoup sends 1009 and closes at once; the rest of the frame still unread, the kernel may
     * reset the connection before the client reads the close frame. The server counts it. */
    g_assert_true (c->close_code == SOUP_WEBSOCKET_CLOSE_TOO_BIG || c->close_code == 0);
    /* With I/O threads the game hears of the close a moment after the client does. */
    for (int i = 0; i < 100; i++)
      {
        g_free (metrics);
        metrics = test_http_get (server, "/metrics", &status);
        if (strstr (metrics, "tickget_closes_total{reason=\"oversize\"} 1\n") != NULL)
          break;
        test_wait_ms (20);
      }
    g_assert_nonnull (strstr (metrics, "tickget_closes_total{reason=\"oversize\"} 1\n"));
  }

  /* … and a flood closes b's with 1008 … */
  for (guint i = 0; i < 500 && !b->closed; i++)
    test_client_send_raw (b, "{\"v\":1,\"type\":\"time\",\"id\":1}");
  test_client_wait_closed (b);
  g_assert_cmpuint (b->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);

  /* … while alice plays on undisturbed. */
  json_object_unref (test_client_ok (a, "chat", "\"text\":\"still here\""));
  chat = test_client_wait (a, "chat");
  g_assert_cmpstr (str (chat, "text"), ==, "still here");
  json_object_unref (test_client_ok (a, "room_settings", "\"bots\":3"));

  test_client_free (a);
  test_client_free (b);
  test_client_free (c);
  test_server_free (server);
}

static void
test_max_connections (void)
{
  TgServerOptions options;
  TestServer *server;
  TestClient *a, *b, *c;

  test_server_options_init (&options);
  options.max_connections = 2;
  server = test_server_new (&options);
  a = test_client_hello (server, "a");
  b = test_client_hello (server, "b");
  c = test_client_connect (server);
  test_client_wait_closed (c);
  g_assert_cmpuint (c->close_code, ==, 4002);
  json_object_unref (test_client_ok (a, "time", NULL));

  test_client_free (a);
  test_client_free (b);
  test_client_free (c);
  test_server_free (server);
}

/* A raw client that answers nothing, not even pings, on its own thread (the server runs on
 * this one). Returns the close code the server sent, or 0 if the socket just ended. */
static gpointer
silent_client_thread (gpointer data)
{
  guint port = GPOINTER_TO_UINT (data);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autofree char *upgrade = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                                              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n", port);
  GInputStream *in;
  guint8 buffer[4096];
  guint code = 0;
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), upgrade,
                             strlen (upgrade), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (received, buffer, (guint) n);

  /* After the 101 response: pings (0x89) and finally a close frame (0x88, code). */
  for (guint i = 0; i + 3 < received->len; i++)
    if (received->data[i] == 0x88 && (received->data[i + 1] & 0x7f) >= 2 &&
        i > 0 && received->data[i - 1] != '\r')
      code = ((guint) received->data[i + 2] << 8) | received->data[i + 3];
  return GUINT_TO_POINTER (code);
}

static void
test_keepalive (void)
{
  TgServerOptions options;
  TestServer *server;
  TestClient *polite;
  GThread *thread;
  guint code;

  test_server_options_init (&options);
  options.keepalive_interval = 1;
  options.pong_timeout = 1;
  server = test_server_new (&options);
  polite = test_client_hello (server, "polite");

  /* The silent one is closed after about keepalive + pong timeout … */
  thread = g_thread_new ("silent", silent_client_thread, GUINT_TO_POINTER (server->port));
  while (tg_server_get_n_connections (server->server) < 2)
    g_main_context_iteration (NULL, TRUE);
  while (tg_server_get_n_connections (server->server) > 1)
    g_main_context_iteration (NULL, TRUE);
  /* Flush the close before the thread reads its end. */
  test_wait_ms (50);
  code = GPOINTER_TO_UINT (g_thread_join (thread));
  g_assert_cmpuint (code, ==, 4001);

  /* … while a client that answers the pings (libsoup does) stays. */
  json_object_unref (test_client_ok (polite, "time", NULL));
  g_assert_false (polite->closed);

  test_client_free (polite);
  test_server_free (server);
}

/* Valid requests of every kind, mutated at random: the server answers or closes, never crashes,
 * and keeps serving. */
static const char * const corpus[] = {
  "{\"v\":1,\"type\":\"hello\",\"id\":1,\"nickname\":\"fuzz\"}",
  "{\"v\":1,\"type\":\"time\",\"id\":2}",
  "{\"v\":1,\"type\":\"list_rooms\",\"id\":3}",
  "{\"v\":1,\"type\":\"create_room\",\"id\":4,\"title\":\"t\",\"max_players\":4,\"bots\":3,\"difficulty\":\"hard\",\"seats_per_booking\":2,\"venue\":{\"preset\":\"small\"},\"password\":\"pw\",\"admission_rate\":2.5}",
  "{\"v\":1,\"type\":\"join_room\",\"id\":5,\"room\":1,\"password\":\"pw\"}",
  "{\"v\":1,\"type\":\"chat\",\"id\":6,\"text\":\"안녕\"}",
  "{\"v\":1,\"type\":\"ready\",\"id\":7,\"ready\":true}",
  "{\"v\":1,\"type\":\"room_settings\",\"id\":8,\"bots\":5,\"venue\":{\"svg\":\"<svg xmlns='http://www.w3.org/2000/svg'/>\"}}",
  "{\"v\":1,\"type\":\"kick\",\"id\":9,\"player\":2}",
  "{\"v\":1,\"type\":\"transfer_host\",\"id\":10,\"player\":2}",
  "{\"v\":1,\"type\":\"start\",\"id\":11,\"open_in_ms\":100}",
  "{\"v\":1,\"type\":\"book\",\"id\":12}",
  "{\"v\":1,\"type\":\"date\",\"id\":13,\"index\":0}",
  "{\"v\":1,\"type\":\"captcha\",\"id\":14,\"answer\":\"ABCDEF\"}",
  "{\"v\":1,\"type\":\"captcha_audio\",\"id\":15}",
  "{\"v\":1,\"type\":\"captcha_refresh\",\"id\":16}",
  "{\"v\":1,\"type\":\"hold\",\"id\":17,\"seats\":[1,2]}",
  "{\"v\":1,\"type\":\"quote\",\"id\":18,\"discounts\":[\"general\",\"veteran\"]}",
  "{\"v\":1,\"type\":\"pay\",\"id\":19,\"discounts\":[\"general\",\"disabled\"],\"method\":\"card\"}",
  "{\"v\":1,\"type\":\"release\",\"id\":20}",
  "{\"v\":1,\"type\":\"cancel_payment\",\"id\":21}",
  "{\"v\":1,\"type\":\"give_up\",\"id\":22}",
  "{\"v\":1,\"type\":\"match_state\",\"id\":23}",
  "{\"v\":1,\"type\":\"backspace\",\"id\":24}",
  "{\"v\":1,\"type\":\"misclick\",\"id\":25}",
  "{\"v\":1,\"type\":\"seat_miss\",\"id\":26}",
  "{\"v\":1,\"type\":\"leave_room\",\"id\":27}",
};

static const char * const replacements[] = {
  "null", "true", "-1", "0", "1e308", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
  "0.5", "\"\"", "\"x\"", "[]", "{}", "[[[[[]]]]]", "\"\\u0000\"", "\"\\ud800\"", "\"\\u202e\"",
  "[1,2,3,4,5,6,7,8]", "[-1]", "[4294967295,4294967296]", "{\"preset\":\"large\"}", "\"bye\"",
};

static char *
mutate (GRand      *rand,
        const char *text)
{
  GString *s = g_string_new (text);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint k = 0; k < n; k++)
    {
      guint pos = s->len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) s->len) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* flip a byte */
          if (s->len > 0)
            s->str[pos] = (char) g_rand_int_range (rand, 1, 256);
          break;
        case 1:   /* truncate */
          g_string_truncate (s, pos);
          break;
        case 2:   /* insert a random byte */
          g_string_insert_c (s, pos, (char) g_rand_int_range (rand, 1, 256));
          break;
        case 3:   /* replace the value after a colon */
          {
            char *colon = strchr (s->str + pos, ':');
            if (colon != NULL)
              {
                gsize start = (gsize) (colon - s->str) + 1, end = start;
                while (end < s->len && s->str[end] != ',' && s->str[end] != '}')
                  end++;
                g_string_erase (s, (gssize) start, (gssize) (end - start));
                g_string_insert (s, (gssize) start,
                                 replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))]);
              }
          }
          break;
        case 4:   /* another message's type */
          {
            const char *other = corpus[g_rand_int_range (rand, 0, G_N_ELEMENTS (corpus))];
            g_autofree char *copy = g_strdup (other);
            char *t = strstr (copy, "\"type\":\"");
            char *mine = strstr (s->str, "\"type\":\"");
            if (t != NULL && mine != NULL)
              {
                char *q = strchr (t + 8, '"');
                char *mq = strchr (mine + 8, '"');
                if (q != NULL && mq != NULL)
                  {
                    gsize at = (gsize) (mine - s->str) + 8;
                    g_string_erase (s, (gssize) at, (gssize) (mq - (mine + 8)));
                    g_string_insert_len (s, (gssize) at, t + 8, q - (t + 8));
                  }
              }
          }
          break;
        default:  /* duplicate a slice */
          if (s->len > 0)
            {
              guint len = (guint) g_rand_int_range (rand, 0, (gint32) MIN (s->len - pos, 64u) + 1);
              g_autofree char *slice = g_strndup (s->str + pos, len);
              g_string_insert (s, pos, slice);
            }
          break;
        }
    }
  /* No "bye" by mutation: it would just end the session. */
  if (strstr (s->str, "\"bye\"") != NULL)
    g_string_assign (s, text);
  return g_string_free (s, FALSE);
}

static void
test_fuzz (void)
{
  TgServerOptions options;
  TestServer *server;
  TestClient *fuzzer, *bystander, *host;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(JsonObject) chat = NULL;
  guint room, sent = 0, reconnects = 0;

  test_server_options_init (&options);
  options.message_rate = 1e6;
  options.message_burst = 1000000;
  options.min_open_delay_ms = 100;
  server = test_server_new (&options);

  /* A room with a running match the fuzzer is part of, and a bystander in another room. */
  host = test_client_hello (server, "host");
  bystander = test_client_hello (server, "bystander");
  fuzzer = test_client_hello (server, "fuzzer");
  {
    g_autoptr(JsonObject) reply = test_client_ok (host, "create_room", "\"title\":\"F\",\"bots\":3");
    room = (guint) json_object_get_int_member (json_object_get_object_member (reply, "room"), "id");
  }
  json_object_unref (test_client_ok (fuzzer, "join_room", "\"room\":%u", room));
  json_object_unref (test_client_ok (fuzzer, "ready", "\"ready\":true"));
  json_object_unref (test_client_ok (host, "start", "\"open_in_ms\":100"));
  json_object_unref (test_client_ok (bystander, "create_room", "\"title\":\"Quiet\",\"bots\":0"));

  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *text = mutate (rand, corpus[g_rand_int_range (rand, 0, G_N_ELEMENTS (corpus))]);

      if (fuzzer->closed)
        {
          test_client_free (fuzzer);
          fuzzer = test_client_hello (server, "fuzzer");
          reconnects++;
        }
      if (g_utf8_validate (text, -1, NULL))
        test_client_send_raw (fuzzer, text);
      else
        {
          /* Not UTF-8: libsoup will not send it as text (its server side would close with
           * 1007), so as a binary frame, which gets bad_message. */
          g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
          soup_websocket_connection_send_message (fuzzer->ws, SOUP_WEBSOCKET_DATA_BINARY, bytes);
        }
      sent++;
      if (i % 200 == 199)
        {
          /* Still serving everyone. */
          json_object_unref (test_client_ok (bystander, "time", NULL));
          if (!fuzzer->closed)
            json_object_unref (test_client_request (fuzzer, "time", NULL));
          test_client_drain (fuzzer);
          test_client_drain (bystander);
          test_client_drain (host);
        }
    }
  g_test_message ("%u mutated messages, %u reconnections", sent, reconnects);
  json_object_unref (test_client_ok (bystander, "chat", "\"text\":\"survived\""));
  chat = test_client_wait (bystander, "chat");
  g_assert_cmpstr (json_object_get_string_member (chat, "text"), ==, "survived");

  test_client_free (fuzzer);
  test_client_free (bystander);
  test_client_free (host);
  test_server_free (server);
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  /* The test certificate is self-signed. */
  return TRUE;
}

static void
on_wss_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupWebsocketConnection **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
on_wss_message (SoupWebsocketConnection *ws,
                int                      type,
                GBytes                  *bytes,
                char                   **out)
{
  *out = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_tls (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "net", "test-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "net", "test-key.pem", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tickget-tls-XXXXXX", NULL);
  g_autofree char *uri = NULL, *db = NULL, *wal = NULL, *shm = NULL, *reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TgServer) server = NULL;
  g_autoptr(TgServer) broken = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  TgServerOptions options;

  test_server_options_init (&options);
  broken = tg_server_new (&options, dir, &error);
  g_assert_no_error (error);
  g_assert_false (tg_server_listen (broken, "127.0.0.1", 0, key, cert, &error));
  g_assert_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_TLS);
  g_clear_error (&error);
  g_assert_false (tg_server_listen (broken, "127.0.0.1", 0, cert, NULL, &error));
  g_assert_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_TLS);
  g_clear_error (&error);
  tg_server_shutdown (broken);

  server = tg_server_new (&options, dir, &error);
  g_assert_no_error (error);
  tg_server_listen (server, "127.0.0.1", 0, cert, key, &error);
  g_assert_no_error (error);

  uri = g_strdup_printf ("wss://127.0.0.1:%u/ws", tg_server_get_port (server));
  msg = soup_message_new ("GET", uri);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), NULL);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_wss_connected, &ws);
  while (ws == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (ws, "message", G_CALLBACK (on_wss_message), &reply);
  soup_websocket_connection_send_text (ws, "{\"v\":1,\"type\":\"hello\",\"id\":1,\"nickname\":\"tls\"}");
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (reply, "\"type\":\"reply\""));
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  test_wait_ms (20);

  tg_server_shutdown (server);
  g_clear_object (&server);
  g_clear_object (&broken);
  db = g_build_filename (dir, "server.db", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/server/http", test_http);
  g_test_add_func ("/net/server/lobby", test_lobby);
  g_test_add_func ("/net/server/host-leaves", test_host_leaves);
  g_test_add_func ("/net/server/password", test_password);
  g_test_add_func ("/net/server/kick", test_kick);
  g_test_add_func ("/net/server/bad-input", test_bad_input);
  g_test_add_func ("/net/server/max-connections", test_max_connections);
  g_test_add_func ("/net/server/keepalive", test_keepalive);
  g_test_add_func ("/net/server/fuzz", test_fuzz);
  g_test_add_func ("/net/server/tls", test_tls);

  return g_test_run ();
}
