/* test-net-match.c: online matches on the real server — players and bots contesting the same
 * seats, results pushed and stored, queue pushes, resuming a player with their token, and the
 * waiting room. */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "net-test-util.h"

static const char *
str (JsonObject *object,
     const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

static guint
create_and_start (TestClient  *host,
                  TestClient **others,
                  const char  *settings,
                  JsonObject **out_match)
{
  g_autoptr(JsonObject) reply = test_client_ok (host, "create_room", "\"title\":\"Match\",%s", settings);
  guint room = (guint) json_object_get_int_member (json_object_get_object_member (reply, "room"), "id");

  for (guint i = 0; others != NULL && others[i] != NULL; i++)
    {
      json_object_unref (test_client_ok (others[i], "join_room", "\"room\":%u", room));
      json_object_unref (test_client_ok (others[i], "ready", "\"ready\":true"));
    }
  json_object_unref (test_client_ok (host, "start", "\"open_in_ms\":150"));
  *out_match = test_client_wait (host, "match");
  return room;
}

/* Open → 예매하기 → the date on sale → (queue) → captcha, the characters asked for as audio. */
static void
play_to_seats (TestClient *client,
               guint       open_date)
{
  g_autoptr(JsonObject) open = test_client_wait_state (client, "open");
  g_autoptr(JsonObject) captcha_push = NULL, captcha = NULL, audio = NULL, seats = NULL;

  json_object_unref (test_client_ok (client, "book", NULL));
  test_client_expect_error (client, "wrong_state", "book", NULL);
  json_object_unref (test_client_ok (client, "date", "\"index\":%u", open_date));
  json_object_unref (test_client_wait_state (client, "captcha"));
  captcha_push = test_client_wait (client, "captcha");
  g_assert_cmpint (json_object_get_int_member (captcha_push, "length"), ==, 6);
  {
    gsize size = 0;
    g_autofree guchar *png = g_base64_decode (str (captcha_push, "png"), &size);
    g_assert_cmpuint (size, >, 8);
    g_assert_cmpmem (png, 4, "\x89PNG", 4);
  }
  /* The image never carries the text in the clear. */
  g_assert_false (json_object_has_member (captcha_push, "characters"));
  test_client_expect_error (client, "captcha_wrong", "captcha", "\"answer\":\"??????\"");
  /* A wrong answer brings a new challenge. */
  json_object_unref (test_client_wait (client, "captcha"));
  audio = test_client_ok (client, "captcha_audio", NULL);
  g_assert_cmpuint (strlen (str (audio, "characters")), ==, 6);
  json_object_unref (test_client_ok (client, "captcha", "\"answer\":\"%s\"", str (audio, "characters")));
  seats = test_client_wait_state (client, "seats");
}

static JsonObject *
await_reply (TestClient *client,
             gint64      id)
{
  for (;;)
    {
      for (GList *l = client->inbox.head; l != NULL; l = l->next)
        if (json_object_has_member (l->data, "id") && !json_object_get_null_member (l->data, "id") &&
            json_object_get_int_member (l->data, "id") == id)
          {
            JsonObject *object = l->data;
            g_queue_delete_link (&client->inbox, l);
            return object;
          }
      g_main_context_iteration (NULL, TRUE);
    }
}

static gint64
count_results (TestServer *server)
{
  g_autofree char *path = g_build_filename (server->data_dir, "server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM results", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
test_contest (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  TestClient *others[] = { b, NULL };
  g_autoptr(JsonObject) match = NULL, match_b = NULL, ra = NULL, rb = NULL, retry = NULL, third = NULL;
  g_autoptr(JsonObject) result1 = NULL, result2 = NULL;
  TestClient *winner, *loser;
  JsonObject *settings;
  guint open_date, n_seats, s;
  gint64 id_a, id_b;

  create_and_start (a, others, "\"bots\":3,\"venue\":{\"preset\":\"small\"},\"seats_per_booking\":2", &match);
  match_b = test_client_wait (b, "match");
  settings = json_object_get_object_member (match, "settings");
  g_assert_cmpint (json_object_get_int_member (settings, "bots"), ==, 3);
  open_date = (guint) json_object_get_int_member (settings, "open_date");
  n_seats = (guint) json_object_get_int_member (
    json_object_get_object_member (json_object_get_object_member (match, "room_state"), "venue"), "seats");
  g_assert_cmpuint (n_seats, ==, 1231);

  test_client_expect_error (a, "not_open", "book", NULL);
  play_to_seats (a, open_date);
  play_to_seats (b, open_date);

  /* Both ask for the same two seats at once (back row, away from where bots aim). */
  s = n_seats - 4;
  id_a = a->next_id++;
  id_b = b->next_id++;
  {
    g_autofree char *ta = g_strdup_printf ("{\"v\":1,\"type\":\"hold\",\"id\":%" G_GINT64_FORMAT ",\"seats\":[%u,%u]}", id_a, s, s + 1);
    g_autofree char *tb = g_strdup_printf ("{\"v\":1,\"type\":\"hold\",\"id\":%" G_GINT64_FORMAT ",\"seats\":[%u,%u]}", id_b, s + 1, s);
    test_client_send_raw (a, ta);
    test_client_send_raw (b, tb);
  }
  ra = await_reply (a, id_a);
  rb = await_reply (b, id_b);
  /* Exactly one winner. */
  g_assert_true (g_str_equal (str (ra, "type"), "reply") != g_str_equal (str (rb, "type"), "reply"));
  winner = g_str_equal (str (ra, "type"), "reply") ? a : b;
  loser = winner == a ? b : a;
  {
    JsonObject *lost = winner == a ? rb : ra;
    JsonArray *taken = json_object_get_array_member (lost, "taken");

    g_assert_cmpstr (str (lost, "code"), ==, "seat_taken");
    g_assert_cmpuint (json_array_get_length (taken), ==, 2);
  }
  json_object_unref (test_client_wait_state (winner, "payment"));

  /* Partly overlapping: still all or nothing. */
  retry = test_client_request (loser, "hold", "\"seats\":[%u,%u]", s + 1, s + 2);
  g_assert_cmpstr (str (retry, "code"), ==, "seat_taken");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (retry, "taken")), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (retry, "taken"), 0), ==, s + 1);
  test_client_expect_error (loser, "invalid_seats", "hold", "\"seats\":[%u,%u,%u]", s + 2, s + 3, s - 1);
  test_client_expect_error (loser, "bad_message", "hold", "\"seats\":[%u]", n_seats);
  third = test_client_ok (loser, "hold", "\"seats\":[%u,%u]", s + 2, s + 3);

  /* The seat map everybody sees: held seats come in a batch. */
  for (gboolean seen = FALSE; !seen;)
    {
      g_autoptr(JsonObject) push = test_client_wait (a, "seats");
      JsonArray *held = json_object_get_array_member (push, "held");

      for (guint i = 0; i < json_array_get_length (held); i++)
        seen |= json_array_get_int_element (held, i) == s + 3;
    }

  /* Nobody pays for someone else: the loser's pay is for their own hold only. */
  {
    g_autoptr(JsonObject) quote = test_client_ok (winner, "quote", "\"discounts\":[\"general\",\"veteran\"]");
    g_assert_cmpint (json_object_get_int_member (quote, "seats"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (quote, "fee"), ==, 4000);
    g_assert_cmpint (json_object_get_int_member (quote, "discount"), >, 0);
  }
  test_client_expect_error (winner, "bad_message", "pay", "\"discounts\":[\"general\"],\"method\":\"bitcoin\"");
  json_object_unref (test_client_ok (winner, "pay", "\"discounts\":[\"general\",\"general\"],\"method\":\"card\""));
  json_object_unref (test_client_ok (loser, "pay", "\"discounts\":[\"general\",\"disabled\"],\"method\":\"mobile\""));

  /* Both results go to everyone, ranked among humans. */
  result1 = test_client_wait (loser, "result");
  result2 = test_client_wait (loser, "result");
  {
    JsonObject *r1 = json_object_get_object_member (json_object_get_object_member (result1, "result"), "result");
    JsonObject *r2 = json_object_get_object_member (json_object_get_object_member (result2, "result"), "result");

    g_assert_true (json_object_get_boolean_member (r1, "success"));
    g_assert_true (json_object_get_boolean_member (r2, "success"));
    g_assert_cmpint (json_object_get_int_member (r1, "rank_humans"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (r2, "rank_humans"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result1, "result"), "player"),
                     ==, winner->player);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r1, "seats")), ==, 2);
  }
  g_assert_cmpint (count_results (server), ==, 2);

  test_client_free (a);
  test_client_free (b);
  test_server_free (server);
}

static void
test_resume (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  TestClient *others[] = { b, NULL };
  TestClient *a2 = NULL, *stranger = NULL;
  g_autoptr(JsonObject) match = NULL, queue1 = NULL, queue2 = NULL, hello = NULL, snapshot = NULL;
  g_autoptr(JsonObject) you = NULL, captcha = NULL, audio = NULL, end = NULL, lobby = NULL;
  guint room, open_date;

  /* A slow queue (one admission every 2 s) keeps both players waiting a while. */
  room = create_and_start (a, others, "\"bots\":0,\"admission_rate\":0.5", &match);
  open_date = (guint) json_object_get_int_member (json_object_get_object_member (match, "settings"), "open_date");
  json_object_unref (test_client_wait_state (b, "open"));
  json_object_unref (test_client_ok (b, "book", NULL));
  json_object_unref (test_client_wait_state (a, "open"));
  json_object_unref (test_client_ok (a, "book", NULL));
  json_object_unref (test_client_ok (a, "date", "\"index\":%u", open_date));
  json_object_unref (test_client_wait_state (a, "queued"));
  /* Pushed on entering the queue, then again about every second. */
  queue1 = test_client_wait (a, "queue");
  queue2 = test_client_wait (a, "queue");
  g_assert_cmpint (json_object_get_int_member (queue1, "position"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (queue2, "total"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (queue2, "server_time"), >,
                   json_object_get_int_member (queue1, "server_time"));

  /* The connection drops; bob sees alice go grey. */
  test_client_drain (b);
  soup_websocket_connection_close (a->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  test_client_wait_closed (a);
  for (;;)
    {
      g_autoptr(JsonObject) p = test_client_wait (b, "room");
      JsonArray *members = json_object_get_array_member (json_object_get_object_member (p, "room"), "members");
      if (!json_object_get_boolean_member (json_array_get_object_element (members, 0), "connected"))
        break;
    }

  /* Someone guessing gets nowhere; the token resumes the same player, room and match. */
  stranger = test_client_connect (server);
  test_client_expect_error (stranger, "unknown_token", "hello", "\"token\":\"%064d\"", 0);
  a2 = test_client_connect (server);
  hello = test_client_ok (a2, "hello", "\"token\":\"%s\"", a->token);
  g_assert_true (json_object_get_boolean_member (hello, "resumed"));
  g_assert_cmpint (json_object_get_int_member (hello, "player"), ==, a->player);
  g_assert_cmpint (json_object_get_int_member (hello, "room"), ==, room);
  snapshot = test_client_wait (a2, "match");
  g_assert_cmpint (json_object_get_int_member (snapshot, "open_at"), ==,
                   json_object_get_int_member (match, "open_at"));
  you = test_client_wait (a2, "you");
  g_assert_true (g_str_equal (str (you, "state"), "queued") || g_str_equal (str (you, "state"), "captcha"));

  /* Still in line, then admitted: the captcha arrives and is solved after the resume. */
  json_object_unref (test_client_wait_state (a2, "captcha"));
  captcha = test_client_wait (a2, "captcha");
  audio = test_client_ok (a2, "captcha_audio", NULL);
  json_object_unref (test_client_ok (a2, "captcha", "\"answer\":\"%s\"", str (audio, "characters")));
  json_object_unref (test_client_wait_state (a2, "seats"));
  json_object_unref (test_client_ok (a2, "give_up", NULL));
  json_object_unref (test_client_ok (b, "give_up", NULL));

  /* No bots: the match ends when both humans are done; the room is back in its lobby. */
  end = test_client_wait (a2, "match_end");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (end, "results")), ==, 2);
  for (;;)
    {
      lobby = test_client_wait (a2, "room");
      if (!json_object_get_boolean_member (json_object_get_object_member (lobby, "room"), "in_match"))
        break;
      g_clear_pointer (&lobby, json_object_unref);
    }
  test_client_expect_error (a2, "no_match", "book", NULL);

  test_client_free (a);
  test_client_free (a2);
  test_client_free (b);
  test_client_free (stranger);
  test_server_free (server);
}

static void
test_grace_expires (void)
{
  TgServerOptions options;
  TestServer *server;
  TestClient *a, *b, *b2;
  g_autoptr(JsonObject) reply = NULL;
  guint room;

  test_server_options_init (&options);
  options.grace_period = 1;
  server = test_server_new (&options);
  a = test_client_hello (server, "alice");
  b = test_client_hello (server, "bob");
  reply = test_client_ok (a, "create_room", "\"title\":\"Grace\"");
  room = (guint) json_object_get_int_member (json_object_get_object_member (reply, "room"), "id");
  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));
  /* The host goes and does not come back: bob inherits the room. */
  test_client_drain (b);
  soup_websocket_connection_close (a->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  for (;;)
    {
      g_autoptr(JsonObject) p = test_client_wait (b, "room");
      JsonObject *r = json_object_get_object_member (p, "room");
      if (json_array_get_length (json_object_get_array_member (r, "members")) == 1)
        {
          g_assert_cmpint (json_object_get_int_member (r, "host"), ==, b->player);
          break;
        }
    }
  b2 = test_client_connect (server);
  test_client_expect_error (b2, "unknown_token", "hello", "\"token\":\"%s\"", a->token);

  test_client_free (a);
  test_client_free (b);
  test_client_free (b2);
  test_server_free (server);
}

static JsonObject *
wait_result_of (TestClient *client,
                guint       player)
{
  for (;;)
    {
      g_autoptr(JsonObject) push = test_client_wait (client, "result");
      JsonObject *entry = json_object_get_object_member (push, "result");

      if ((guint) json_object_get_int_member (entry, "player") == player)
        return json_object_ref (json_object_get_object_member (entry, "result"));
    }
}

/* A waiting-room room: both players book before the open, which is no early click; they stay
 * waiting, and at the open the engine draws their places among everyone who came before it. */
static void
test_waiting_room (void)
{
  TestServer *server = test_server_new (NULL);
  TestClient *a = test_client_hello (server, "alice");
  TestClient *b = test_client_hello (server, "bob");
  g_autoptr(JsonObject) reply = NULL, match = NULL, match_b = NULL, you_a = NULL, you_b = NULL;
  g_autoptr(JsonObject) ra = NULL, rb = NULL;
  JsonObject *room_obj, *settings;
  guint room, pa, pb, total;

  reply = test_client_ok (a, "create_room", "\"title\":\"Queue-it\",\"bots\":1000,\"waiting_room\":true");
  room_obj = json_object_get_object_member (reply, "room");
  g_assert_true (json_object_get_boolean_member (room_obj, "waiting_room"));
  room = (guint) json_object_get_int_member (room_obj, "id");
  json_object_unref (test_client_ok (b, "join_room", "\"room\":%u", room));

  /* Only the host sets it, and only to true or false; a refused request changes nothing. */
  test_client_expect_error (b, "not_host", "room_settings", "\"waiting_room\":false");
  {
    g_autoptr(JsonObject) error = test_client_request (a, "room_settings", "\"waiting_room\":\"yes\",\"bots\":5");

    g_assert_cmpstr (str (error, "code"), ==, "bad_message");
    g_assert_nonnull (strstr (str (error, "message"), "waiting_room"));
    g_assert_nonnull (strstr (str (error, "message"), "true or false"));
  }
  test_client_expect_error (a, "bad_message", "room_settings", "\"waiting_room\":1");
  {
    g_autoptr(JsonObject) off = test_client_ok (a, "room_settings", "\"waiting_room\":false");
    g_autoptr(JsonObject) on = test_client_ok (a, "room_settings", "\"waiting_room\":true");
    g_autoptr(JsonObject) other = test_client_ok (a, "room_settings", "\"seats_per_booking\":1");

    g_assert_false (json_object_get_boolean_member (json_object_get_object_member (off, "room"), "waiting_room"));
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (on, "room"), "waiting_room"));
    /* Other settings leave it as it is; the refused request above changed no bots either. */
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (other, "room"), "waiting_room"));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (other, "room"), "bots"), ==, 1000);
  }

  json_object_unref (test_client_ok (b, "ready", "\"ready\":true"));
  json_object_unref (test_client_ok (a, "start", "\"open_in_ms\":2000"));
  match = test_client_wait (a, "match");
  match_b = test_client_wait (b, "match");
  settings = json_object_get_object_member (match, "settings");
  g_assert_true (json_object_get_boolean_member (settings, "prequeue"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (match_b, "settings"), "prequeue"));

  /* Before the open: in, not early. */
  json_object_unref (test_client_ok (a, "book", NULL));
  json_object_unref (test_client_ok (b, "book", NULL));
  you_a = test_client_wait_state (a, "waiting");
  g_assert_cmpint (json_object_get_int_member (you_a, "server_time"), <, json_object_get_int_member (match, "open_at"));
  /* A client that joins again (a snapshot) learns it is in line already, though still waiting. */
  json_object_unref (test_client_ok (b, "match_state", NULL));
  {
    gboolean booked = FALSE;

    while (!booked)
      {
        g_autoptr(JsonObject) you = test_client_wait_state (b, "waiting");
        booked = json_object_get_boolean_member_with_default (you, "booked", FALSE);
      }
  }
  /* Once in, the button is gone: a second click is the misclick it always was. */
  test_client_expect_error (a, "wrong_state", "book", NULL);
  /* The dates come at the open. */
  test_client_expect_error (b, "wrong_state", "date", "\"index\":%u",
                            (guint) json_object_get_int_member (settings, "open_date"));

  /* The open moves both on to the dates. */
  json_object_unref (test_client_wait_state (a, "open"));
  you_b = test_client_wait_state (b, "open");
  g_assert_cmpint (json_object_get_int_member (you_b, "server_time"), >=, json_object_get_int_member (match, "open_at"));
  json_object_unref (test_client_ok (a, "give_up", NULL));
  json_object_unref (test_client_ok (b, "give_up", NULL));
  ra = wait_result_of (a, a->player);
  rb = wait_result_of (a, b->player);

  g_assert_cmpint (json_object_get_int_member (ra, "early_clicks"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (rb, "early_clicks"), ==, 0);
  /* Both places were drawn at the same moment, the open, among everyone in the waiting room:
   * the bots who came after the humans too (about 40 % of them come early). */
  total = (guint) json_object_get_int_member (ra, "queue_total_at_join");
  g_assert_cmpuint (total, ==, json_object_get_int_member (rb, "queue_total_at_join"));
  g_assert_cmpuint (total, >, 200);
  pa = (guint) json_object_get_int_member (ra, "first_queue_position");
  pb = (guint) json_object_get_int_member (rb, "first_queue_position");
  g_assert_cmpuint (pa, >=, 1);
  g_assert_cmpuint (pb, >=, 1);
  g_assert_cmpuint (pa, <=, total);
  g_assert_cmpuint (pb, <=, total);
  g_test_message ("places %u and %u of %u", pa, pb, total);
  g_assert_cmpuint (pa, !=, pb);
  /* In arrival order both would be near the front (they booked in the first instants of a 2 s
   * wait); shuffled, both land in the first 2 % once in 2,500 runs. */
  g_assert_cmpuint (MAX (pa, pb), >, total / 50);

  test_client_free (a);
  test_client_free (b);
  test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/match/contest", test_contest);
  g_test_add_func ("/net/match/resume", test_resume);
  g_test_add_func ("/net/match/grace-expires", test_grace_expires);
  g_test_add_func ("/net/match/waiting-room", test_waiting_room);

  return g_test_run ();
}
