/* test-app.c: whole matches played through the real window and widgets under Xvfb, on a manual
 * clock — the open-time click, queue, 보안문자, seats (이선좌), payment and result, plus hold
 * expiry, leaving mid-match, and the play landing in the history. Screenshots of every screen are
 * saved in the build dir (app-*.png) to be looked at. To see them in Korean and dark:
 *   LC_ALL=ko_KR.UTF-8 TICKGET_TEST_STYLE=dark xvfb-run -a build/tests/test-app
 * (the names then end in -ko-dark). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tg-history.h"
#include "tg-match-view-private.h"
#include "tg-offline-session.h"
#include "tg-resources.h"
#include "tg-seat-map-private.h"
#include "tg-setup-page.h"
#include "tg-stats-view.h"
#include "tg-ui-util.h"
#include "tg-window.h"
#include "ui-test-util.h"

/* XDG_DATA_HOME for the whole run: GLib reads it once. */
static char *data_home;

typedef struct
{
  char      *data_dir;
  GSettings *settings;
  TgClock   *clock;
  TgWindow  *window;
  TgMatchView *view;
} Fixture;

static void
iterate (void)
{
  ui_test_iterate ();
}

static void
advance (Fixture *fx,
         gint64   us)
{
  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), us);
  iterate ();
}

static TgSession *
session (Fixture *fx)
{
  return tg_match_view_get_session (fx->view);
}

static TgMatchState
state (Fixture *fx)
{
  return tg_session_get_state (session (fx));
}

static void
save_screenshot (Fixture    *fx,
                 const char *name)
{
  ui_test_screenshot (GTK_WIDGET (fx->window), "app", name);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->data_dir = g_strdup (data_home);

  /* The 4,256-seat hall and 1,500 bots: a real queue, and seats still left at the end. */
  fx->settings = g_settings_new (APP_ID);
  g_settings_set_string (fx->settings, "venue", "medium");
  g_settings_set_uint (fx->settings, "bot-count", 1500);
  g_settings_set_uint (fx->settings, "seats-per-booking", 2);

  fx->clock = tg_manual_clock_new ();
  fx->window = tg_window_new (NULL);
  tg_window_set_clock (fx->window, fx->clock);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (fx->window));
  fx->view = TG_MATCH_VIEW (tg_window_get_match_view (fx->window));
  tg_setup_page_set_seed (TG_SETUP_PAGE (tg_window_get_setup_page (fx->window)), 4242);
  ui_test_wait_for_frames (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->data_dir, "tickget", NULL);

  gtk_window_destroy (GTK_WINDOW (fx->window));
  iterate ();
  g_clear_object (&fx->clock);
  g_clear_object (&fx->settings);
  /* Leave no database behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (db, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (db, name, NULL);
        g_unlink (path);
      }
    g_rmdir (db);
  }
  g_free (fx->data_dir);
}

static void
start_match (Fixture *fx)
{
  tg_window_start_match (fx->window);
  iterate ();
  g_assert_nonnull (session (fx));
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "click");
  g_assert_true (tg_match_view_is_playing (fx->view));
}

/* Open-time click (one early click, one misclick on a sold-out date), then the queue until the
 * captcha shows. */
static void
play_to_captcha (Fixture *fx,
                 gboolean screenshots)
{
  GtkWidget *book = tg_match_view_get_book_button (fx->view);
  const TgMatchSettings *settings;
  guint wrong_date;

  start_match (fx);
  settings = tg_session_get_settings (session (fx));
  g_assert_cmpint (settings->countdown, ==, 30 * G_USEC_PER_SEC);

  advance (fx, 25 * G_USEC_PER_SEC);
  if (screenshots)
    save_screenshot (fx, "1-click");
  /* Too early: counted, and nothing happens. */
  g_signal_emit_by_name (book, "clicked");
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_WAITING);

  /* 1.18 s after open: hundreds of bots are already in the queue. */
  advance (fx, 5 * G_USEC_PER_SEC + 1180 * 1000);
  g_signal_emit_by_name (book, "clicked");
  iterate ();
  g_assert_false (gtk_widget_get_visible (book));

  wrong_date = (settings->open_date + 1) % settings->n_dates;
  g_assert_nonnull (tg_match_view_get_date_button (fx->view, settings->n_dates - 1));
  g_assert_null (tg_match_view_get_date_button (fx->view, settings->n_dates));
  if (settings->n_dates > 1)
    g_signal_emit_by_name (tg_match_view_get_date_button (fx->view, wrong_date), "clicked");
  if (screenshots)
    save_screenshot (fx, "2-dates");
  advance (fx, 400 * 1000);
  g_signal_emit_by_name (tg_match_view_get_date_button (fx->view, settings->open_date), "clicked");
  iterate ();

  /* In the queue: the position only ever goes down, and the front moves by itself. */
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_QUEUED);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "queue");
  {
    TgQueueStatus status;
    guint last, first;

    g_assert_true (tg_session_get_queue_status (session (fx), &status));
    g_assert_cmpuint (status.position, >, 100);
    g_assert_cmpuint (status.position, ==, status.ahead + 1);
    first = last = status.position;
    advance (fx, 1 * G_USEC_PER_SEC);
    if (screenshots)
      save_screenshot (fx, "3-queue");
    for (int i = 0; i < 6000 && state (fx) == TG_MATCH_STATE_QUEUED; i++)
      {
        g_assert_true (tg_session_get_queue_status (session (fx), &status));
        g_assert_cmpuint (status.position, <=, last);
        last = status.position;
        if (screenshots && last * 5 < first && first * 5 >= last * 5 + 5 && i % 50 == 0)
          save_screenshot (fx, "3-queue-urgent");
        advance (fx, 100 * 1000);
      }
  }
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_CAPTCHA);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "captcha");
}

static void
solve_captcha (Fixture *fx,
               gboolean screenshots)
{
  TgCaptchaPage *page = tg_match_view_get_captcha_page (fx->view);
  GtkEditable *entry = tg_captcha_page_get_entry (page);
  g_autofree char *text = NULL;

  if (screenshots)
    save_screenshot (fx, "4-captcha");

  /* A wrong answer: a new challenge, still on the captcha. */
  advance (fx, 3 * G_USEC_PER_SEC);
  gtk_editable_set_text (entry, "000000");
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_CAPTCHA);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  advance (fx, 4 * G_USEC_PER_SEC);
  text = tg_session_get_captcha_text (session (fx));
  g_assert_nonnull (text);
  /* Lower case works too. */
  {
    g_autofree char *lower = g_ascii_strdown (text, -1);
    gtk_editable_set_text (entry, lower);
  }
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_SEATS);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "seats");
}

/* Picks a taken seat (이선좌) and then two free ones, and holds them. */
static void
pick_and_hold (Fixture *fx,
               gboolean screenshots)
{
  TgSeatPage *page = tg_match_view_get_seat_page (fx->view);
  TgSeatMap *map = TG_SEAT_MAP (tg_seat_page_get_map (page));
  TgVenue *venue = tg_session_get_venue (session (fx));
  guint n = tg_venue_get_n_seats (venue);
  guint taken = TG_VENUE_NO_SEAT, picked = 0;

  advance (fx, 2 * G_USEC_PER_SEC);
  if (screenshots)
    save_screenshot (fx, "5-seats");

  for (guint i = 0; i < n && taken == TG_VENUE_NO_SEAT; i++)
    if (tg_session_get_seat_state (session (fx), i) != TG_SEAT_AVAILABLE)
      taken = i;
  g_assert_cmpuint (taken, !=, TG_VENUE_NO_SEAT);
  /* Clicked on the map where the taken seat is drawn. */
  {
    double x, y;

    tg_seat_map_get_seat_point (map, taken, &x, &y);
    g_assert_cmpuint (tg_seat_map_seat_at (map, x, y), ==, taken);
    tg_seat_map_click_at (map, x, y);
  }
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_SEATS);
  g_assert_nonnull (tg_match_view_get_toast (fx->view));   /* 이선좌 */
  if (screenshots)
    save_screenshot (fx, "6-iseonjwa");

  /* Two free seats side by side, from the back where bots rarely are: the left one by a click,
   * its neighbour by the keyboard (an arrow, then Enter). */
  for (guint i = n; i-- > 1 && picked == 0;)
    {
      guint left = tg_venue_seat_neighbor (venue, i, -1);

      if (left != TG_VENUE_NO_SEAT &&
          tg_session_get_seat_state (session (fx), i) == TG_SEAT_AVAILABLE &&
          tg_session_get_seat_state (session (fx), left) == TG_SEAT_AVAILABLE)
        {
          double x, y;

          tg_seat_map_get_seat_point (map, left, &x, &y);
          tg_seat_map_click_at (map, x, y);
          g_assert_true (tg_seat_map_is_selected (map, left));

          gtk_widget_grab_focus (GTK_WIDGET (map));
          tg_seat_map_set_focus_seat (map, left);
          {
            double xi, yi;

            /* Rows run any way on screen (side balconies run up and down): step towards the
             * neighbour. Focusing may have scrolled the map: read both points again. */
            tg_seat_map_get_seat_point (map, left, &x, &y);
            tg_seat_map_get_seat_point (map, i, &xi, &yi);
            if (fabs (xi - x) >= fabs (yi - y))
              g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "seat-map.move", "(ii)",
                                                         xi > x ? 1 : -1, 0));
            else
              g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "seat-map.move", "(ii)",
                                                         0, yi > y ? 1 : -1));
          }
          g_assert_cmpuint (tg_seat_map_get_focus_seat (map), ==, i);
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "seat-map.activate", NULL));
          g_assert_true (tg_seat_map_is_selected (map, i));
          picked = i;
        }
    }
  g_assert_cmpuint (picked, !=, 0);
  if (screenshots)
    save_screenshot (fx, "6-picked");
  tg_seat_page_confirm (page);
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_PAYMENT);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "payment");
  /* The seat page's messages do not follow the player to the payment page. */
  g_assert_null (tg_match_view_get_toast (fx->view));
  g_assert_cmpint (tg_session_get_seat_state (session (fx), picked), ==, TG_SEAT_HELD);
}

static void
test_whole_match (Fixture       *fx,
                  gconstpointer  data)
{
  TgPaymentPage *payment;
  GtkWidget *pay, *agree;
  g_autoptr(TgResult) result = NULL;
  const char *timer;

  play_to_captcha (fx, TRUE);
  solve_captcha (fx, TRUE);
  pick_and_hold (fx, TRUE);

  payment = tg_match_view_get_payment_page (fx->view);
  timer = gtk_label_get_text (tg_payment_page_get_timer_label (payment));
  g_test_message ("hold timer: %s", timer);
  g_assert_nonnull (strstr (timer, "10:00"));
  advance (fx, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (gtk_label_get_text (tg_payment_page_get_timer_label (payment)), "9:55"));
  save_screenshot (fx, "7-payment");

  pay = tg_payment_page_get_pay_button (payment);
  agree = tg_payment_page_get_agree_check (payment);
  g_assert_false (gtk_widget_get_sensitive (pay));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (agree), TRUE);
  g_assert_true (gtk_widget_get_sensitive (pay));
  g_signal_emit_by_name (pay, "clicked");
  iterate ();

  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_DONE);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "result");
  g_assert_false (tg_match_view_is_playing (fx->view));
  save_screenshot (fx, "8-result");

  result = tg_session_get_result (session (fx));
  g_assert_true (result->success);
  g_assert_cmpuint (result->n_seats, ==, 2);
  g_assert_cmpuint (result->early_clicks, ==, 1);
  /* The seats by section, row and number as on the payment page, one per line. */
  {
    const char *outcome = gtk_label_get_text (tg_result_page_get_title_label (tg_match_view_get_result_page (fx->view)));
    TgVenue *venue = tg_session_get_venue (session (fx));
    const TgSeat *seat = tg_venue_get_seat (venue, tg_venue_find_seat (venue, result->seat_ids[0]));
    /* As every screen names a seat, in whatever language the test runs, with the venue's name of
     * its grade ("A석", not the result's "A"). */
    g_autofree char *name = tg_ui_seat_name (venue, tg_venue_find_seat (venue, result->seat_ids[0]));
    g_autofree char *first = g_strdup_printf ("%s (%s)", name, tg_venue_get_grade (venue, seat->grade)->name);

    g_assert_cmpstr (tg_venue_get_grade (venue, seat->grade)->name, !=, result->seat_grades[0]);

    g_test_message ("outcome: %s", outcome);
    g_assert_nonnull (strstr (outcome, first));
    g_assert_nonnull (strchr (outcome, '\n'));
  }
  g_assert_cmpuint (result->date_misclicks, >=, 1);
  g_assert_cmpuint (result->captcha_wrong, ==, 1);
  g_assert_cmpuint (result->seat_conflicts, ==, 1);
  g_assert_cmpint (result->stage_ms[TG_STAGE_REACTION], ==, 1180);
  g_assert_cmpuint (result->rank_humans, ==, 1);
  g_assert_cmpuint (result->rank_all, >=, 1);

  /* The play is in the history, with its seat prices. */
  {
    g_autofree char *dir = g_build_filename (fx->data_dir, "tickget", NULL);
    g_autoptr(GError) error = NULL;
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
    g_assert_true (play->result->success);
    g_assert_cmpuint (play->result->seed, ==, 4242);
    g_assert_cmpuint (play->meta.seat_prices[0], >, 0);
    g_assert_cmpuint (play->meta.seat_prices[1], >, 0);
    g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_OFFLINE);
  }

  /* The Stats view refreshed when the play ended. */
  g_assert_cmpuint (tg_stats_view_get_n_plays (TG_STATS_VIEW (tg_window_get_stats_view (fx->window))), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "history");
  save_screenshot (fx, "11-history");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "play");

  /* Replay this seed: the same match again, from the click. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.replay-match", NULL);
  iterate ();
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "click");
  g_assert_cmpuint (tg_session_get_settings (session (fx))->seed, ==, 4242);
}

static void
test_hold_expires (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(TgResult) result = NULL;
  TgVenue *venue;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (guint32));
  TgHoldInfo hold;

  play_to_captcha (fx, FALSE);
  solve_captcha (fx, FALSE);
  pick_and_hold (fx, FALSE);
  venue = tg_session_get_venue (session (fx));
  g_assert_true (tg_session_get_hold (session (fx), &hold));
  g_array_append_vals (held, hold.seats, hold.n_seats);

  /* Ten minutes without paying. */
  for (int i = 0; i < 61 && state (fx) == TG_MATCH_STATE_PAYMENT; i++)
    advance (fx, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_FAILED);
  g_assert_cmpint (tg_session_get_fail_reason (session (fx)), ==, TG_FAIL_HOLD_EXPIRED);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "result");
  save_screenshot (fx, "9-hold-expired");
  result = tg_session_get_result (session (fx));
  g_assert_false (result->success);
  /* The seats went back (or a bot has them now): not held by the player. */
  g_assert_false (tg_session_get_hold (session (fx), &hold));
  (void) venue;
}

static void
test_back_to_seats (Fixture       *fx,
                    gconstpointer  data)
{
  TgPaymentPage *payment;
  TgHoldInfo hold;
  guint32 seat;

  play_to_captcha (fx, FALSE);
  solve_captcha (fx, FALSE);
  pick_and_hold (fx, FALSE);
  g_assert_true (tg_session_get_hold (session (fx), &hold));
  seat = hold.seats[0];

  payment = tg_match_view_get_payment_page (fx->view);
  g_signal_emit_by_name (tg_payment_page_get_back_button (payment), "clicked");
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_SEATS);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "seats");
  g_assert_false (tg_session_get_hold (session (fx), &hold));
  g_assert_cmpint (tg_session_get_seat_state (session (fx), seat), !=, TG_SEAT_HELD);
}

/* Leaving mid-match asks first; leaving releases the hold, so no ghost seats. */
static void
test_leave_releases (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(TgMatch) match = NULL;
  TgHoldInfo hold;
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint n;
  GtkWidget *dialog = NULL;
  GListModel *toplevels;   /* owned by GTK */

  play_to_captcha (fx, FALSE);
  solve_captcha (fx, FALSE);
  pick_and_hold (fx, FALSE);
  match = g_object_ref (tg_offline_session_get_match (TG_OFFLINE_SESSION (session (fx))));
  g_assert_true (tg_session_get_hold (session (fx), &hold));
  n = hold.n_seats;
  memcpy (seats, hold.seats, n * sizeof (guint32));

  /* Ctrl+Return mid-race does not replace the match. */
  {
    TgSession *before = session (fx);

    gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.start-match", NULL);
    iterate ();
    g_assert_true (session (fx) == before);
  }

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.leave-match", NULL);
  iterate ();
  /* Still playing until the player confirms. */
  g_assert_true (tg_match_view_is_playing (fx->view));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = w;
    }
  g_assert_nonnull (dialog);
  save_screenshot (fx, "10-leave");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "leave");
  iterate ();

  g_assert_null (session (fx));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (match), seats[i]), ==, TG_SEAT_AVAILABLE);

  /* A left play is a failed play, kept in the history. */
  {
    g_autofree char *dir = g_build_filename (fx->data_dir, "tickget", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(TgHistory) history = tg_history_open (dir, &error);
    g_autoptr(GPtrArray) plays = NULL;
    TgHistoryFilter filter;

    g_assert_no_error (error);
    tg_history_filter_init (&filter);
    plays = tg_history_list_plays (history, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plays->len, ==, 1);
    g_assert_cmpint (((TgHistoryPlay *) g_ptr_array_index (plays, 0))->result->fail_reason, ==, TG_FAIL_LEFT);
  }
}

/* A late click into a crowd bigger than the hall: the queue pauses while every seat is held, says
 * so, and the match ends sold out with a clear failure screen. */
static void
test_queue_paused_sold_out (Fixture       *fx,
                            gconstpointer  data)
{
  gboolean saw_paused = FALSE;
  g_autoptr(TgResult) result = NULL;

  g_settings_set_string (fx->settings, "venue", "small");
  g_settings_set_uint (fx->settings, "bot-count", 4000);
  start_match (fx);
  advance (fx, 30 * G_USEC_PER_SEC + 3 * G_USEC_PER_SEC);
  g_signal_emit_by_name (tg_match_view_get_book_button (fx->view), "clicked");
  g_signal_emit_by_name (tg_match_view_get_date_button (fx->view, tg_session_get_settings (session (fx))->open_date),
                         "clicked");
  iterate ();

  for (int i = 0; i < 3000 && state (fx) == TG_MATCH_STATE_QUEUED; i++)
    {
      /* The label follows the engine on its ticks; the pause can begin between two. */
      gboolean shown = gtk_widget_get_visible (tg_match_view_get_queue_paused_label (fx->view));

      if (shown && tg_session_is_queue_paused (session (fx)) && !saw_paused)
        {
          save_screenshot (fx, "12-queue-paused");
          saw_paused = TRUE;
        }
      advance (fx, 200 * 1000);
    }
  g_assert_true (saw_paused);
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_FAILED);
  g_assert_cmpint (tg_session_get_fail_reason (session (fx)), ==, TG_FAIL_SOLD_OUT);
  g_assert_cmpstr (tg_match_view_get_page_name (fx->view), ==, "result");
  save_screenshot (fx, "13-sold-out");
  result = tg_session_get_result (session (fx));
  g_assert_false (result->success);
}

/* The message dialog the window shows, if any. */
static AdwMessageDialog *
find_message_dialog (Fixture *fx)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)) &&
          gtk_window_get_transient_for (GTK_WINDOW (item)) == GTK_WINDOW (fx->window))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

/* A broken seat map of the player's own: a clear error, the form untouched, and the next good
 * map plays. */
static void
test_broken_seat_map (Fixture       *fx,
                      gconstpointer  data)
{
  TgSetupPage *setup = TG_SETUP_PAGE (tg_window_get_setup_page (fx->window));
  g_autofree char *dir = g_dir_make_tmp ("tickget-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.svg", NULL);
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "venue", "mini.svg", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  /* The test map with its size turned negative: a map nothing could draw. */
  g_assert_true (g_file_get_contents (good_path, &contents, NULL, NULL));
  {
    g_autoptr(GString) text = g_string_new (contents);

    g_assert_cmpuint (g_string_replace (text, "viewBox=\"0 0 260 190\"", "viewBox=\"-300 -300 260 190\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  }

  tg_setup_page_set_venue_file (setup, broken);
  tg_window_start_match (fx->window);
  iterate ();
  g_assert_null (session (fx));
  g_assert_false (tg_match_view_is_playing (fx->view));
  dialog = find_message_dialog (fx);
  g_assert_nonnull (dialog);
  /* The loader's whole message (the file, the line and the problem: test-venue checks those). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TgVenue) venue = tg_venue_load_file (path, &error);

    g_assert_null (venue);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), error->message));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.svg"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "viewBox"));
  }
  save_screenshot (fx, "14-broken-map");
  ui_test_screenshot (GTK_WIDGET (dialog), "app", "14-broken-map-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
  /* Nothing lost: the chosen file is still there to fix and retry. */
  g_assert_true (g_file_equal (tg_setup_page_get_venue_file (setup), broken));

  tg_setup_page_set_venue_file (setup, good);
  start_match (fx);
  g_assert_cmpstr (tg_venue_get_name (tg_session_get_venue (session (fx))), ==, "작은 무대");
  g_assert_null (find_message_dialog (fx));

  g_unlink (path);
  g_rmdir (dir);
}

/* With the waiting room on, 예매하기 before the open lets the player in, not an early click; the
 * dates come at the open, and the place in line was drawn among everyone who waited. */
static void
test_waiting_room (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *book = tg_match_view_get_book_button (fx->view);
  g_autoptr(TgResult) result = NULL;
  const TgMatchSettings *settings;
  GtkWidget *date;

  g_settings_set_boolean (fx->settings, "waiting-room", TRUE);
  start_match (fx);
  settings = tg_session_get_settings (session (fx));
  g_assert_true (settings->prequeue);
  date = tg_match_view_get_date_button (fx->view, settings->open_date);

  /* 20 s before the open, the button is already live. */
  advance (fx, 10 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_has_css_class (book, "suggested-action"));
  if (data != NULL)
    {
      /* As when a session joins again: booked, but not through this view's button. The view
       * learns it from the session and offers no second 예매하기. */
      g_assert_true (tg_session_click_book (session (fx), NULL));
      g_assert_true (tg_session_is_booked (session (fx)));
    }
  else
    g_signal_emit_by_name (book, "clicked");
  iterate ();
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_WAITING);
  g_assert_false (gtk_widget_get_visible (book));
  g_assert_false (gtk_widget_is_visible (date));
  g_assert_null (tg_match_view_get_toast (fx->view));
  if (data == NULL)
    save_screenshot (fx, "15-waiting-room");

  /* The open: the dates appear by themselves. */
  advance (fx, 20 * G_USEC_PER_SEC + 100 * 1000);
  g_assert_cmpint (state (fx), ==, TG_MATCH_STATE_OPEN);
  g_assert_true (gtk_widget_is_visible (date));
  g_signal_emit_by_name (date, "clicked");
  iterate ();
  g_assert_cmpint (state (fx), >=, TG_MATCH_STATE_QUEUED);

  tg_session_give_up (session (fx));
  iterate ();
  result = tg_session_get_result (session (fx));
  g_assert_cmpuint (result->early_clicks, ==, 0);
  /* About 40 % of 1,500 bots were in the waiting room too: a drawn place among them, not first. */
  g_assert_cmpuint (result->first_queue_position, >, 1);
  g_assert_cmpuint (result->queue_total_at_join, >, 100);

  g_settings_reset (fx->settings, "waiting-room");
}

static void
test_preferences_apply (Fixture       *fx,
                        gconstpointer  data)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  TgCaptchaAudio *audio = tg_match_view_get_captcha_audio (fx->view);
  gboolean animations;

  g_settings_set_boolean (fx->settings, "reduced-motion", TRUE);
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_assert_false (animations);
  g_settings_set_boolean (fx->settings, "reduced-motion", FALSE);
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_assert_true (animations);

  g_settings_set_string (fx->settings, "captcha-voice-language", "en");
  g_assert_cmpstr (tg_captcha_audio_get_language (audio), ==, "en");
  g_settings_set_double (fx->settings, "sound-volume", 0.25);
  g_assert_cmpfloat (tg_captcha_audio_get_volume (audio), ==, 0.25);

  /* Back to what the other tests expect. */
  g_settings_set_boolean (fx->settings, "reduced-motion", TRUE);
  g_settings_reset (fx->settings, "captcha-voice-language");
  g_settings_reset (fx->settings, "sound-volume");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = ui_test_init (&argc, &argv, G_TEST_BUILDDIR_DATA, G_TEST_BUILDDIR_PO);

  g_test_add ("/ui/app/whole-match", Fixture, NULL, fixture_setup, test_whole_match, fixture_teardown);
  g_test_add ("/ui/app/broken-seat-map", Fixture, NULL, fixture_setup, test_broken_seat_map, fixture_teardown);
  g_test_add ("/ui/app/waiting-room", Fixture, NULL, fixture_setup, test_waiting_room, fixture_teardown);
  g_test_add ("/ui/app/waiting-room-booked-elsewhere", Fixture, GINT_TO_POINTER (1), fixture_setup,
              test_waiting_room, fixture_teardown);
  g_test_add ("/ui/app/hold-expires", Fixture, NULL, fixture_setup, test_hold_expires, fixture_teardown);
  g_test_add ("/ui/app/back-to-seats", Fixture, NULL, fixture_setup, test_back_to_seats, fixture_teardown);
  g_test_add ("/ui/app/queue-paused-sold-out", Fixture, NULL, fixture_setup, test_queue_paused_sold_out,
              fixture_teardown);
  g_test_add ("/ui/app/preferences-apply", Fixture, NULL, fixture_setup, test_preferences_apply,
              fixture_teardown);
  g_test_add ("/ui/app/leave-releases-holds", Fixture, NULL, fixture_setup, test_leave_releases,
              fixture_teardown);
  status = g_test_run ();
  g_rmdir (data_home);
  g_free (data_home);
  return status;
}
