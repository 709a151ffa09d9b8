/* test-online-ui.c: the app's "Online" view against the real server on loopback, under Xvfb.
 *
 * The window's player (alice) connects through the Online page, creates a room and starts a
 * match; a second player (bob) is a plain TgNetClient: he joins, chats, gets ready and gives up.
 * Alice plays the whole match through the real match screens on the server's clock, then sees
 * both results in the room, and the play is in her history as an online play. Hosting in-process
 * is checked too, and a waiting-room room set up through the room dialog. Screenshots: build/tests/online-*.png. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tg-history.h"
#include "tg-match-view-private.h"
#include "tg-online-page.h"
#include "tg-room-dialog.h"
#include "tg-resources.h"
#include "tg-server.h"
#include "tg-window.h"
#include "ui-test-util.h"

static char *data_home;

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  char         *server_dir;
  TgServer     *server;
  char         *address;
  TgWindow     *window;
  TgOnlinePage *page;
  TgMatchView  *view;
} Fixture;

static void
iterate (void)
{
  ui_test_iterate ();
}

/* Real time here: the server's clock runs the match. */
static void
wait_until (gboolean   (*done) (Fixture *),
            Fixture     *fx,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (fx))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
save_screenshot (Fixture    *fx,
                 const char *name)
{
  ui_test_screenshot (GTK_WIDGET (fx->window), "online", name);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgServerOptions options;

  fx->server_dir = g_dir_make_tmp ("tickget-online-ui-XXXXXX", &error);
  g_assert_no_error (error);
  tg_server_options_init (&options);
  options.min_open_delay_ms = 100;
  fx->server = tg_server_new (&options, fx->server_dir, &error);
  g_assert_no_error (error);
  g_assert_true (tg_server_listen (fx->server, "127.0.0.1", 0, NULL, NULL, &error));
  g_assert_no_error (error);
  fx->address = g_strdup_printf ("127.0.0.1:%u", tg_server_get_port (fx->server));

  fx->window = tg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fx->window));
  fx->page = TG_ONLINE_PAGE (tg_window_get_online_page (fx->window));
  fx->view = TG_MATCH_VIEW (tg_window_get_match_view (fx->window));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "online");
  iterate ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *history = g_build_filename (data_home, "tickget", NULL);

  gtk_window_destroy (GTK_WINDOW (fx->window));
  iterate ();
  tg_server_shutdown (fx->server);
  g_clear_object (&fx->server);
  remove_tree (fx->server_dir);
  remove_tree (history);
  g_free (fx->server_dir);
  g_free (fx->address);
}

/* ---- a second player, without a window ---- */

typedef struct
{
  gboolean    done;
  JsonObject *reply;
  GError     *error;
  JsonObject *match;
} Bob;

static void
on_bob_reply (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bob *bob = user_data;

  bob->reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, &bob->error);
  bob->done = TRUE;
}

static void
on_bob_fetched (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Bob *bob = user_data;

  bob->reply = tg_net_client_fetch_json_finish (TG_NET_CLIENT (source), result, &bob->error);
  bob->done = TRUE;
}

static void
on_bob_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Bob *bob = user_data;

  g_assert_true (tg_net_client_connect_finish (TG_NET_CLIENT (source), result, &bob->error));
  bob->done = TRUE;
}

static void
on_bob_match (TgNetClient *client,
              const char  *type,
              JsonObject  *match,
              Bob         *bob)
{
  /* The server may describe the match more than once (a snapshot after the start): keep the
   * newest. */
  g_clear_pointer (&bob->match, json_object_unref);
  bob->match = json_object_ref (match);
}

static JsonObject *
bob_wait (Bob *bob)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!bob->done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for bob's request");
      g_main_context_iteration (NULL, TRUE);
    }
  bob->done = FALSE;
  g_assert_no_error (bob->error);
  return g_steal_pointer (&bob->reply);
}

/* ---- conditions ---- */

static gboolean in_lobby (Fixture *fx) { return g_str_equal (tg_online_page_get_view (fx->page), "lobby"); }
static gboolean in_room (Fixture *fx) { return g_str_equal (tg_online_page_get_view (fx->page), "room"); }
static gboolean playing (Fixture *fx) { return tg_match_view_get_session (fx->view) != NULL; }

static TgMatchState
state (Fixture *fx)
{
  return tg_session_get_state (tg_match_view_get_session (fx->view));
}

static gboolean is_open (Fixture *fx) { return tg_session_now (tg_match_view_get_session (fx->view)) >= tg_session_get_open_time (tg_match_view_get_session (fx->view)); }
static gboolean past_click (Fixture *fx) { return state (fx) >= TG_MATCH_STATE_QUEUED; }
static gboolean at_captcha (Fixture *fx) { return state (fx) >= TG_MATCH_STATE_CAPTCHA; }
static gboolean at_seats (Fixture *fx) { return state (fx) >= TG_MATCH_STATE_SEATS; }
static gboolean at_payment (Fixture *fx) { return state (fx) >= TG_MATCH_STATE_PAYMENT; }
static gboolean finished (Fixture *fx) { return state (fx) == TG_MATCH_STATE_DONE || state (fx) == TG_MATCH_STATE_FAILED; }
static gboolean has_results (Fixture *fx) { return tg_online_page_get_n_results (fx->page) == 2; }

static gboolean
has_captcha_text (Fixture *fx)
{
  g_autofree char *text = tg_session_get_captcha_text (tg_match_view_get_session (fx->view));
  return text != NULL;
}

static void
test_room_and_match (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(TgNetClient) bob_client = NULL;
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonObject) venue = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(TgOnlineSession) bob_session = NULL;
  g_autoptr(GError) error = NULL;
  Bob bob = { 0 };
  guint room;

  tg_online_page_connect (fx->page, fx->address, "alice");
  wait_until (in_lobby, fx, "the lobby");
  save_screenshot (fx, "1-lobby");

  json_object_set_string_member (settings, "title", "금요일 피켓팅");
  /* No bots: the match ends as soon as both players are done (the net tests race bots). */
  json_object_set_int_member (settings, "bots", 0);
  json_object_set_int_member (settings, "seats_per_booking", 2);
  json_object_set_string_member (venue, "preset", "small");
  json_object_set_object_member (settings, "venue", g_steal_pointer (&venue));
  tg_online_page_create_room (fx->page, settings);
  wait_until (in_room, fx, "the room");
  room = (guint) json_object_get_int_member (tg_net_client_get_room (tg_online_page_get_client (fx->page)), "id");

  /* Bob joins, says hello and gets ready. */
  bob_client = tg_net_client_new (fx->address, &error);
  g_assert_no_error (error);
  g_signal_connect (bob_client, "push::match", G_CALLBACK (on_bob_match), &bob);
  tg_net_client_connect_async (bob_client, "bob", NULL, on_bob_connected, &bob);
  bob_wait (&bob);
  tg_net_client_join_room (bob_client, room, NULL, NULL, on_bob_reply, &bob);
  json_object_unref (bob_wait (&bob));
  tg_net_client_chat (bob_client, "안녕하세요", NULL, on_bob_reply, &bob);
  json_object_unref (bob_wait (&bob));
  tg_net_client_set_ready (bob_client, TRUE, NULL, on_bob_reply, &bob);
  json_object_unref (bob_wait (&bob));
  tg_online_page_send_chat (fx->page, "준비됐어요");
  for (int i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  save_screenshot (fx, "2-room");

  /* Alice (the host) starts; the match plays on the window's match screens. */
  tg_online_page_start_match (fx->page, 1500);
  wait_until (playing, fx, "the match screens");
  g_assert_cmpstr (tg_window_get_view (fx->window), ==, "play");
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "click");
  save_screenshot (fx, "3-click");

  /* Bob gives up as soon as his session exists. */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (bob.match == NULL)
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("timed out waiting for bob's match");
        g_main_context_iteration (NULL, TRUE);
      }
  }
  {
    g_autoptr(TgVenue) small = tg_venue_new_preset ("small", NULL);
    bob_session = tg_online_session_new (bob_client, bob.match, small, &error);
    g_assert_no_error (error);
    tg_session_give_up (TG_SESSION (bob_session));
  }

  wait_until (is_open, fx, "the open time");
  g_signal_emit_by_name (tg_match_view_get_book_button (fx->view), "clicked");
  iterate ();
  {
    const TgMatchSettings *s = tg_session_get_settings (tg_match_view_get_session (fx->view));
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    /* Online the date is refused until the server has taken the booking (its "you" push); a
     * player clicks again, and so does the test. */
    while (!past_click (fx))
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("timed out waiting for the queue: state %d, 예매하기 %s, server says open in %" G_GINT64_FORMAT " ms",
                   state (fx),
                   gtk_widget_get_visible (tg_match_view_get_book_button (fx->view)) ? "shown" : "hidden",
                   tg_session_get_open_time (tg_match_view_get_session (fx->view)) -
                   tg_session_now (tg_match_view_get_session (fx->view)));
        /* The local estimate of the server clock may open a hair early: the server's "not
         * open" counts an early click and brings 예매하기 back, and the player clicks it again
         * (by then the server may have opened: state OPEN, but not booked). */
        if (gtk_widget_get_visible (tg_match_view_get_book_button (fx->view)))
          g_signal_emit_by_name (tg_match_view_get_book_button (fx->view), "clicked");
        else if (state (fx) == TG_MATCH_STATE_OPEN)
          g_signal_emit_by_name (tg_match_view_get_date_button (fx->view, s->open_date), "clicked");
        for (int i = 0; i < 20; i++)
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (5000);
          }
      }
  }
  wait_until (at_captcha, fx, "the captcha");
  save_screenshot (fx, "4-captcha");
  {
    TgCaptchaPage *page = tg_match_view_get_captcha_page (fx->view);
    g_autofree char *text = NULL;

    /* The answer, as the test may read it: the server sends the characters for the audio. */
    g_assert_false (has_captcha_text (fx));
    wait_until (has_captcha_text, fx, "the spoken characters");
    text = tg_session_get_captcha_text (tg_match_view_get_session (fx->view));
    gtk_editable_set_text (tg_captcha_page_get_entry (page), text);
    g_signal_emit_by_name (tg_captcha_page_get_entry (page), "activate");
  }
  wait_until (at_seats, fx, "the seat map");
  {
    TgSession *session = tg_match_view_get_session (fx->view);
    TgVenue *v = tg_session_get_venue (session);
    TgSeatPage *page = tg_match_view_get_seat_page (fx->view);

    /* Two free seats side by side from the back; the server may still say 이선좌. */
    for (guint attempt = 0; attempt < 20 && state (fx) == TG_MATCH_STATE_SEATS; attempt++)
      {
        for (guint i = tg_venue_get_n_seats (v) - 1 - attempt * 7; i > 0; i--)
          {
            guint left = tg_venue_seat_neighbor (v, i, -1);
            if (left != TG_VENUE_NO_SEAT && tg_session_get_seat_state (session, i) == TG_SEAT_AVAILABLE &&
                tg_session_get_seat_state (session, left) == TG_SEAT_AVAILABLE)
              {
                tg_seat_page_toggle_seat (page, left);
                tg_seat_page_toggle_seat (page, i);
                break;
              }
          }
        save_screenshot (fx, "5-seats");
        tg_seat_page_confirm (page);
        for (int k = 0; k < 100 && state (fx) == TG_MATCH_STATE_SEATS; k++)
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (5000);
          }
      }
  }
  wait_until (at_payment, fx, "the payment page");
  {
    TgPaymentPage *payment = tg_match_view_get_payment_page (fx->view);

    save_screenshot (fx, "6-payment");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (tg_payment_page_get_agree_check (payment)), TRUE);
    g_signal_emit_by_name (tg_payment_page_get_pay_button (payment), "clicked");
  }
  wait_until (finished, fx, "the result");
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_DONE);
  wait_until (has_results, fx, "both results in the room");
  save_screenshot (fx, "7-result");

  /* The play is in alice's history as an online play, with the server. */
  {
    g_autofree char *dir = g_build_filename (data_home, "tickget", NULL);
    g_autoptr(TgHistory) history = tg_history_open (dir, &error);
    g_autoptr(GPtrArray) plays = NULL;
    TgHistoryFilter filter;
    TgHistoryPlay *play;

    g_assert_no_error (error);
    tg_history_filter_init (&filter);
    plays = tg_history_list_plays (history, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plays->len, ==, 1);
    play = g_ptr_array_index (plays, 0);
    g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_ONLINE);
    g_assert_cmpstr (play->meta.server, ==, fx->address);
    g_assert_true (play->result->success);
  }

  /* "New match" goes back to the room, where both results are side by side. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.new-match", NULL);
  iterate ();
  g_assert_cmpstr (tg_window_get_view (fx->window), ==, "online");
  g_assert_cmpstr (tg_online_page_get_view (fx->page), ==, "room");
  save_screenshot (fx, "8-room-results");

  /* The server's leaderboard across its matches: alice booked, bob gave up. */
  {
    GtkWindow *board = tg_online_page_show_leaderboard (fx->page);
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (g_object_get_data (G_OBJECT (board), "rows") == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (board), "rows")), ==, 2 + 1);
    ui_test_screenshot (GTK_WIDGET (board), "online", "9-leaderboard");
    gtk_window_destroy (board);
  }
  tg_net_client_fetch_json_async (bob_client, "/leaderboard", NULL, on_bob_fetched, &bob);
  {
    g_autoptr(JsonObject) board = bob_wait (&bob);
    JsonArray *players = json_object_get_array_member (board, "players");
    JsonObject *first = json_array_get_object_element (players, 0);

    g_assert_cmpuint (json_array_get_length (players), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (first, "nickname"), ==, "alice");
    g_assert_cmpint (json_object_get_int_member (first, "bookings"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (first, "season_points"), >, 0);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (players, 1), "bookings"), ==, 0);
  }

  tg_net_client_disconnect (bob_client);
  json_object_unref (bob.match);
}

static gboolean server_open (Fixture *fx) { return state (fx) == TG_MATCH_STATE_OPEN; }

/* A waiting-room room set up through the room dialog: 예매하기 before the open lets alice in (no
 * early click), she waits with the dates hidden, and the server's open brings the dates. */
static void
test_waiting_room (Fixture       *fx,
                   gconstpointer  data)
{
  TgRoomDialog *dialog;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GError) error = NULL;
  Bob alice = { 0 };   /* only for the match push */
  const TgMatchSettings *match_settings;
  GtkWidget *book, *date;
  GtkLabel *hint;
  TgSession *session;

  tg_online_page_connect (fx->page, fx->address, "alice");
  wait_until (in_lobby, fx, "the lobby");

  dialog = tg_room_dialog_new (GTK_WINDOW (fx->window), NULL);
  tg_room_dialog_set_title_text (dialog, "대기실");
  tg_room_dialog_set_bots (dialog, 0);
  tg_room_dialog_set_waiting_room (dialog, TRUE);
  settings = tg_room_dialog_get_settings (dialog, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (settings, "waiting_room"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  tg_online_page_create_room (fx->page, settings);
  wait_until (in_room, fx, "the room");
  g_assert_nonnull (strstr (tg_online_page_get_room_summary (fx->page), _("Waiting Room")));

  /* Editing the room shows the switch as the server has it. */
  {
    JsonObject *room = tg_net_client_get_room (tg_online_page_get_client (fx->page));
    g_autoptr(JsonObject) again = NULL;

    g_assert_true (json_object_get_boolean_member (room, "waiting_room"));
    dialog = tg_room_dialog_new (GTK_WINDOW (fx->window), room);
    again = tg_room_dialog_get_settings (dialog, &error);
    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member (again, "waiting_room"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  g_signal_connect (tg_online_page_get_client (fx->page), "push::match", G_CALLBACK (on_bob_match), &alice);
  tg_online_page_start_match (fx->page, 2500);
  wait_until (playing, fx, "the match screens");
  session = tg_match_view_get_session (fx->view);
  match_settings = tg_session_get_settings (session);
  g_assert_true (match_settings->prequeue);
  book = tg_match_view_get_book_button (fx->view);
  date = tg_match_view_get_date_button (fx->view, match_settings->open_date);
  hint = tg_match_view_get_click_hint (fx->view);
  g_assert_true (gtk_widget_has_css_class (book, "suggested-action"));
  g_assert_true (gtk_widget_get_visible (book));

  /* Well before the open: in, not early. */
  g_assert_cmpint (tg_session_get_open_time (session) - tg_session_now (session), >, 500 * 1000);
  g_signal_emit_by_name (book, "clicked");
  iterate ();
  g_assert_null (tg_match_view_get_toast (fx->view));
  g_assert_false (gtk_widget_get_visible (book));
  g_assert_false (gtk_widget_is_visible (date));
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   _("You are in the waiting room. When sales open, your place in line is drawn and the dates appear."));
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_WAITING);
  save_screenshot (fx, "10-waiting-room");

  /* The app started again and joined the match anew: a fresh session from the match, and the
   * server's snapshot says the player is in line already (no 예매하기 to click twice). */
  {
    g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
    g_autoptr(TgOnlineSession) again = NULL;
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    g_assert_nonnull (alice.match);
    again = tg_online_session_new (tg_online_page_get_client (fx->page), alice.match, venue, &error);
    g_assert_no_error (error);
    g_assert_false (tg_session_is_booked (TG_SESSION (again)));
    tg_net_client_request_async (tg_online_page_get_client (fx->page), "match_state", NULL, NULL, NULL, NULL);
    while (!tg_session_is_booked (TG_SESSION (again)))
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("timed out waiting for the snapshot's “booked”");
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_cmpint (tg_session_get_state (TG_SESSION (again)), ==, TG_MATCH_STATE_WAITING);
  }

  /* The server's open: the dates appear by themselves. */
  wait_until (server_open, fx, "the server's open");
  iterate ();
  g_assert_null (tg_match_view_get_toast (fx->view));
  g_assert_false (gtk_widget_get_visible (book));
  g_assert_true (gtk_widget_is_visible (date));
  g_signal_emit_by_name (date, "clicked");
  wait_until (past_click, fx, "the queue");

  tg_session_give_up (session);
  wait_until (finished, fx, "the result");
  {
    g_autoptr(TgResult) result = tg_session_get_result (session);
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    /* The step comes before the result: wait for both. */
    while (result == NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, TRUE);
        result = tg_session_get_result (session);
      }
    g_assert_nonnull (result);
    g_assert_cmpuint (result->early_clicks, ==, 0);
    /* Alone in the waiting room, with no bots: first in line. */
    g_assert_cmpuint (result->first_queue_position, ==, 1);
  }
  g_signal_handlers_disconnect_by_data (tg_online_page_get_client (fx->page), &alice);
  g_clear_pointer (&alice.match, json_object_unref);
}

static void
test_bad_address (Fixture       *fx,
                  gconstpointer  data)
{
  /* Nothing listens there: a message, and the page stays usable. */
  tg_online_page_connect (fx->page, "127.0.0.1:1", "alice");
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpstr (tg_online_page_get_view (fx->page), ==, "connect");
  g_assert_null (tg_online_page_get_client (fx->page));
  tg_online_page_connect (fx->page, "not an address at all:::", "alice");
  iterate ();
  g_assert_cmpstr (tg_online_page_get_view (fx->page), ==, "connect");

  tg_online_page_connect (fx->page, fx->address, "alice");
  wait_until (in_lobby, fx, "the lobby after the bad addresses");
}

static void
test_host (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The app's own server on a free port, and the page connected to it. */
  g_assert_true (tg_online_page_host (fx->page, 0, "host", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tg_online_page_get_hosted_port (fx->page), >, 0);
  wait_until (in_lobby, fx, "the lobby of the hosted server");
  save_screenshot (fx, "0-hosted");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = ui_test_init (&argc, &argv, G_TEST_BUILDDIR_DATA, G_TEST_BUILDDIR_PO);
  /* Blocking waits wake at least every 100 ms, so a stalled step fails with its own message. */
  g_timeout_add (100, wake_up, NULL);

  g_test_add ("/ui/online/room-and-match", Fixture, NULL, fixture_setup, test_room_and_match, fixture_teardown);
  g_test_add ("/ui/online/waiting-room", Fixture, NULL, fixture_setup, test_waiting_room, fixture_teardown);
  g_test_add ("/ui/online/bad-address", Fixture, NULL, fixture_setup, test_bad_address, fixture_teardown);
  g_test_add ("/ui/online/host", Fixture, NULL, fixture_setup, test_host, fixture_teardown);
  status = g_test_run ();
  remove_tree (data_home);
  g_free (data_home);
  return status;
}
