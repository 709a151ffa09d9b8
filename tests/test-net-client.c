/* test-net-client.c: TgNetClient and TgOnlineSession against the real server — the lobby through
 * the client's API and signals, a whole online match played through the TgSession interface, and
 * a dropped connection resumed mid-match. */

#include "config.h"

#include <string.h>

#include "net-test-util.h"
#include "tg-net-client.h"
#include "tg-online-session.h"
#include "tg-protocol.h"

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static TgNetClient *
connect_client (TestServer *server,
                const char *nickname)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr(GError) error = NULL;
  TgNetClient *client = tg_net_client_new (address, &error);
  Wait wait = { 0 };

  g_assert_no_error (error);
  tg_net_client_connect_async (client, nickname, NULL, on_done, &wait);
  test_wait_for (&wait.done);
  g_assert_true (tg_net_client_connect_finish (client, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
  g_assert_cmpint (tg_net_client_get_state (client), ==, TG_NET_CLIENT_CONNECTED);
  return client;
}

/* Waits for the reply of a request started with on_done/&wait. */
static JsonObject *
finish (TgNetClient *client,
        Wait        *wait,
        GError     **error)
{
  JsonObject *reply;

  test_wait_for (&wait->done);
  reply = tg_net_client_request_finish (client, wait->result, error);
  g_clear_object (&wait->result);
  wait->done = FALSE;
  return reply;
}

static void
on_match (TgNetClient  *client,
          const char   *type,
          JsonObject   *message,
          JsonObject  **out)
{
  if (*out == NULL)
    *out = json_object_ref (message);
}

static void
on_chat (TgNetClient *client,
         guint        player,
         const char  *nickname,
         const char  *text,
         char       **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s: %s", nickname, text);
}

static void
on_room_changed (TgNetClient *client,
                 JsonObject  *room,
                 guint       *count)
{
  (*count)++;
}

static void
test_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgNetClient) ok = tg_net_client_new ("wss://example.org:7788", &error);
  g_autoptr(TgNetClient) bad1 = NULL, bad2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ok);
  bad1 = tg_net_client_new ("example.org", &error);
  g_assert_null (bad1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad2 = tg_net_client_new ("http://example.org:80", &error);
  g_assert_null (bad2);
  g_clear_error (&error);
}

/* Until @session's state is @state; fails on FAILED unless that is what is awaited. */
static void
wait_state (TgSession    *session,
            TgMatchState  state)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (tg_session_get_state (session) != state)
    {
      g_assert_cmpint (tg_session_get_state (session), !=, TG_MATCH_STATE_FAILED);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
on_finished (TgSession *session,
             gboolean  *flag)
{
  *flag = TRUE;
}

static void
on_state_notify (TgNetClient *client,
                 GParamSpec  *pspec,
                 GArray      *states)
{
  TgNetClientState state = tg_net_client_get_state (client);

  g_array_append_val (states, state);
}

static void
test_online_match (void)
{
  TestServer *server = test_server_new (NULL);
  g_autoptr(TgNetClient) a = connect_client (server, "alice");
  g_autoptr(TgNetClient) b = connect_client (server, "bob");
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonObject) reply = NULL, match_a = NULL, match_b = NULL, list = NULL;
  g_autoptr(TgVenue) venue_a = NULL, venue_b = NULL;
  g_autoptr(TgOnlineSession) sa = NULL, sb = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (TgNetClientState));
  g_autoptr(GError) error = NULL;
  g_autofree char *chat = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(TgResult) result = NULL;
  guint room, room_changes = 0;
  gboolean finished_a = FALSE, finished_b = FALSE;
  TgDiscount discounts[2] = { TG_DISCOUNT_GENERAL, TG_DISCOUNT_GENERAL };
  TgQuote quote;
  guint32 seats[2];
  Wait wait = { 0 };
  gint64 offset;

  g_signal_connect (a, "push::match", G_CALLBACK (on_match), &match_a);
  g_signal_connect (b, "push::match", G_CALLBACK (on_match), &match_b);
  g_signal_connect (a, "chat", G_CALLBACK (on_chat), &chat);
  g_signal_connect (b, "room-changed", G_CALLBACK (on_room_changed), &room_changes);
  g_signal_connect (a, "notify::state", G_CALLBACK (on_state_notify), states);

  /* The server clock is on the same machine: the offset is what the two clocks differ by. */
  offset = tg_net_client_get_clock_offset (a);
  g_assert_cmpint (ABS (tg_net_client_get_server_time (a) - tg_net_client_get_server_time (b)), <,
                   G_USEC_PER_SEC);
  (void) offset;

  json_object_set_string_member (settings, "title", "Online");
  json_object_set_int_member (settings, "bots", 0);
  json_object_set_int_member (settings, "seats_per_booking", 2);
  tg_net_client_create_room (a, settings, NULL, on_done, &wait);
  reply = finish (a, &wait, &error);
  g_assert_no_error (error);
  room = (guint) json_object_get_int_member (json_object_get_object_member (reply, "room"), "id");

  tg_net_client_list_rooms (b, NULL, on_done, &wait);
  list = finish (b, &wait, &error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "rooms")), ==, 1);
  tg_net_client_join_room (b, room, NULL, NULL, on_done, &wait);
  json_object_unref (finish (b, &wait, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tg_net_client_get_room (b));

  tg_net_client_chat (b, "준비 완료", NULL, on_done, &wait);
  json_object_unref (finish (b, &wait, &error));
  while (chat == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (chat, ==, "bob: 준비 완료");

  /* Only the host starts, once everyone is ready. */
  tg_net_client_start (b, 200, NULL, on_done, &wait);
  g_assert_null (finish (b, &wait, &error));
  g_assert_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NOT_HOST);
  g_clear_error (&error);
  tg_net_client_set_ready (b, TRUE, NULL, on_done, &wait);
  json_object_unref (finish (b, &wait, &error));
  tg_net_client_start (a, 200, NULL, on_done, &wait);
  json_object_unref (finish (a, &wait, &error));
  g_assert_no_error (error);
  /* Joined, ready, in a match: b hears of each, though the last may come after a's reply (with I/O
   * threads the two connections are served by different workers). */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (room_changes < 3 && g_get_monotonic_time () < deadline)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  g_assert_cmpuint (room_changes, >=, 3);

  while (match_a == NULL || match_b == NULL)
    g_main_context_iteration (NULL, TRUE);
  tg_net_client_load_venue_async (a, json_object_get_object_member (
                                       json_object_get_object_member (match_a, "room_state"), "venue"),
                                  NULL, on_done, &wait);
  test_wait_for (&wait.done);
  venue_a = tg_net_client_load_venue_finish (a, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wait.done = FALSE;
  venue_b = g_object_ref (venue_a);

  sa = tg_online_session_new (a, match_a, venue_a, &error);
  g_assert_no_error (error);
  sb = tg_online_session_new (b, match_b, venue_b, &error);
  g_assert_no_error (error);
  g_signal_connect (sa, "finished", G_CALLBACK (on_finished), &finished_a);
  g_signal_connect (sb, "finished", G_CALLBACK (on_finished), &finished_b);
  g_assert_cmpuint (tg_session_get_settings (TG_SESSION (sa))->seats_per_booking, ==, 2);
  /* No waiting_room in the room: no pre-queue, and 예매하기 before the open stays an early click. */
  g_assert_false (tg_session_get_settings (TG_SESSION (sa))->prequeue);

  /* Before the open: refused at once, as offline. */
  if (tg_session_now (TG_SESSION (sa)) < tg_session_get_open_time (TG_SESSION (sa)))
    {
      g_assert_false (tg_session_click_book (TG_SESSION (sa), &error));
      g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN);
      g_clear_error (&error);
    }
  wait_state (TG_SESSION (sa), TG_MATCH_STATE_OPEN);
  g_assert_true (tg_session_click_book (TG_SESSION (sa), NULL));
  g_assert_true (tg_session_choose_date (TG_SESSION (sa), tg_session_get_settings (TG_SESSION (sa))->open_date, NULL));
  wait_state (TG_SESSION (sa), TG_MATCH_STATE_CAPTCHA);
  while ((png = tg_session_get_captcha_png (TG_SESSION (sa), 1, NULL)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, "\x89PNG", 4);

  /* The spoken characters come on request. */
  g_assert_null (tg_session_get_captcha_text (TG_SESSION (sa)));
  while ((text = tg_session_get_captcha_text (TG_SESSION (sa))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (strlen (text), ==, 6);

  /* The link drops here; the client resumes and the match goes on where it was. */
  tg_net_client_drop_connection (a);
  while (tg_net_client_get_state (a) != TG_NET_CLIENT_RECONNECTING)
    g_main_context_iteration (NULL, TRUE);
  while (tg_net_client_get_state (a) != TG_NET_CLIENT_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (tg_session_get_state (TG_SESSION (sa)), ==, TG_MATCH_STATE_CAPTCHA);

  g_assert_true (tg_session_submit_captcha (TG_SESSION (sa), text, NULL));
  wait_state (TG_SESSION (sa), TG_MATCH_STATE_SEATS);
  seats[0] = 100;
  seats[1] = 101;
  g_assert_true (tg_session_hold_seats (TG_SESSION (sa), seats, 2, NULL, NULL));
  wait_state (TG_SESSION (sa), TG_MATCH_STATE_PAYMENT);
  while (tg_session_get_seat_state (TG_SESSION (sb), 101) != TG_SEAT_HELD)
    g_main_context_iteration (NULL, TRUE);

  /* The price is the server's; the first call fetches it. */
  g_assert_false (tg_session_quote (TG_SESSION (sa), discounts, &quote, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  while (!tg_session_quote (TG_SESSION (sa), discounts, &quote, NULL))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (quote.n_seats, ==, 2);
  g_assert_cmpuint (quote.fee, ==, 2 * TG_MATCH_BOOKING_FEE);

  g_assert_true (tg_session_pay (TG_SESSION (sa), discounts, TG_PAYMENT_CARD, NULL));
  wait_state (TG_SESSION (sa), TG_MATCH_STATE_DONE);
  tg_session_give_up (TG_SESSION (sb));
  test_wait_for (&finished_a);
  test_wait_for (&finished_b);

  result = tg_session_get_result (TG_SESSION (sa));
  g_assert_nonnull (result);
  g_assert_true (result->success);
  g_assert_cmpuint (result->rank_humans, ==, 1);
  g_assert_cmpuint (result->n_seats, ==, 2);
  g_assert_cmpuint (tg_online_session_get_results (sb)->len, ==, 2);
  g_assert_cmpint (tg_session_get_seat_state (TG_SESSION (sb), 100), ==, TG_SEAT_SOLD);

  /* Since the handler was connected: reconnecting → connected. */
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, TgNetClientState, 0), ==, TG_NET_CLIENT_RECONNECTING);
  g_assert_cmpint (g_array_index (states, TgNetClientState, 1), ==, TG_NET_CLIENT_CONNECTED);

  tg_net_client_disconnect (a);
  tg_net_client_disconnect (b);
  g_clear_object (&sa);
  g_clear_object (&sb);
  test_wait_ms (20);
  test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/client/address", test_address);
  g_test_add_func ("/net/client/online-match", test_online_match);

  return g_test_run ();
}
