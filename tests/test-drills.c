/* test-drills.c: the three drills played through their widgets in the real window, on a manual
 * clock — the open-time click (an early click, then 250 ms after open), the security code
 * (a wrong answer, then the right one; and the audio mode) and seat picking on a map the bots
 * fill (이선좌, then two free seats) — each with its mini-result, stored apart from full matches
 * and charted. Screenshots: build/tests/drills-*.png (LC_ALL=ko_KR.UTF-8, TICKGET_TEST_STYLE=dark
 * for the others). */

#include "config.h"

#include <string.h>

#include "tg-drills-view-private.h"
#include "tg-stats-view.h"
#include "tg-window.h"
#include "ui-test-util.h"

static char *data_home;

typedef struct
{
  TgClock      *clock;
  TgWindow     *window;
  TgDrillsView *view;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->clock = tg_manual_clock_new ();
  fx->window = tg_window_new (NULL);
  tg_window_set_clock (fx->window, fx->clock);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fx->window));
  fx->view = TG_DRILLS_VIEW (tg_window_get_drills_view (fx->window));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "drills");
  ui_test_wait_for_frames (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  ui_test_iterate ();
  g_clear_object (&fx->clock);
}

static void
advance (Fixture *fx,
         gint64   us)
{
  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), us);
  ui_test_iterate ();
}

static void
screenshot (Fixture    *fx,
            const char *name)
{
  ui_test_screenshot (GTK_WIDGET (fx->window), "drills", name);
}

static GPtrArray *
stored (Fixture    *fx,
        TgDrillKind kind)
{
  TgHistory *history = tg_stats_view_get_history (TG_STATS_VIEW (tg_window_get_stats_view (fx->window)));
  g_autoptr(GError) error = NULL;
  GPtrArray *drills = tg_history_list_drills (history, kind, 0, &error);

  g_assert_no_error (error);
  return drills;
}

static void
test_click (Fixture       *fx,
            gconstpointer  data)
{
  GtkWidget *book;
  g_autoptr(GPtrArray) drills = NULL;
  const TgHistoryDrill *drill;

  screenshot (fx, "0-menu-empty");
  tg_drills_view_start (fx->view, TG_DRILL_CLICK, TG_DIFFICULTY_MEDIUM, FALSE);
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "click");
  book = tg_drills_view_get_book_button (fx->view);

  advance (fx, 3 * G_USEC_PER_SEC);
  g_signal_emit_by_name (book, "clicked");      /* 2 s early: counted, refused */
  ui_test_iterate ();
  g_assert_true (tg_drills_view_is_running (fx->view));
  screenshot (fx, "1-click");

  advance (fx, 2 * G_USEC_PER_SEC + 250 * 1000);
  g_signal_emit_by_name (book, "clicked");
  ui_test_iterate ();
  g_assert_false (tg_drills_view_is_running (fx->view));
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "result");
  g_test_message ("click result: %s", tg_drills_view_get_result_title (fx->view));
  g_assert_nonnull (strstr (tg_drills_view_get_result_title (fx->view), "0.250"));
  screenshot (fx, "2-click-result");

  drills = stored (fx, TG_DRILL_CLICK);
  g_assert_cmpuint (drills->len, ==, 1);
  drill = g_ptr_array_index (drills, 0);
  g_assert_true (drill->success);
  g_assert_cmpint (drill->time_ms, ==, 250);
  g_assert_cmpuint (drill->misses, ==, 1);
  /* Full matches are untouched. */
  g_assert_cmpuint (tg_stats_view_get_n_plays (TG_STATS_VIEW (tg_window_get_stats_view (fx->window))), ==, 0);

  /* Again, then the menu with the drill's chart. */
  for (guint i = 0; i < 3; i++)
    {
      tg_drills_view_start (fx->view, TG_DRILL_CLICK, TG_DIFFICULTY_MEDIUM, FALSE);
      advance (fx, 5 * G_USEC_PER_SEC + (300 - 20 * i) * 1000);
      g_signal_emit_by_name (tg_drills_view_get_book_button (fx->view), "clicked");
      ui_test_iterate ();
    }
  tg_drills_view_show_menu (fx->view);
  adw_combo_row_set_selected (tg_drills_view_get_chart_row (fx->view), TG_DRILL_CLICK);
  g_assert_false (tg_chart_is_empty (tg_drills_view_get_chart (fx->view)));
  screenshot (fx, "3-menu-chart");
}

static void
test_captcha (Fixture       *fx,
              gconstpointer  data)
{
  TgCaptchaPage *page;
  GtkEditable *entry;
  TgSession *session;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  const TgHistoryDrill *drill;

  tg_drills_view_start (fx->view, TG_DRILL_CAPTCHA, TG_DIFFICULTY_MEDIUM, FALSE);
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "captcha");
  page = tg_drills_view_get_captcha_page (fx->view);
  entry = tg_captcha_page_get_entry (page);
  session = tg_drill_get_session (tg_drills_view_get_drill (fx->view));
  g_assert_cmpint (tg_session_get_state (session), ==, TG_MATCH_STATE_CAPTCHA);
  screenshot (fx, "4-captcha");

  advance (fx, 2 * G_USEC_PER_SEC);
  gtk_editable_set_text (entry, "000000");
  g_signal_emit_by_name (entry, "activate");
  ui_test_iterate ();
  g_assert_true (tg_drills_view_is_running (fx->view));

  advance (fx, 4 * G_USEC_PER_SEC);
  text = tg_session_get_captcha_text (session);
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
  ui_test_iterate ();
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "result");
  screenshot (fx, "5-captcha-result");

  drills = stored (fx, TG_DRILL_CAPTCHA);
  g_assert_cmpuint (drills->len, ==, 1);
  drill = g_ptr_array_index (drills, 0);
  g_assert_true (drill->success);
  g_assert_cmpint (drill->time_ms, ==, 6000);
  g_assert_cmpuint (drill->misses, ==, 1);
  g_assert_false (drill->audio);

  /* The audio code: no picture, stored as an audio drill. */
  tg_drills_view_start (fx->view, TG_DRILL_CAPTCHA, TG_DIFFICULTY_MEDIUM, TRUE);
  screenshot (fx, "6-captcha-audio");
  session = tg_drill_get_session (tg_drills_view_get_drill (fx->view));
  advance (fx, 3 * G_USEC_PER_SEC);
  g_free (text);
  text = tg_session_get_captcha_text (session);
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
  ui_test_iterate ();
  g_clear_pointer (&drills, g_ptr_array_unref);
  drills = stored (fx, TG_DRILL_CAPTCHA);
  g_assert_cmpuint (drills->len, ==, 2);
  g_assert_true (((TgHistoryDrill *) g_ptr_array_index (drills, 0))->audio);
}

static void
test_seat (Fixture       *fx,
           gconstpointer  data)
{
  TgSeatPage *page;
  TgSession *session;
  TgVenue *venue;
  guint n, taken = TG_VENUE_NO_SEAT, picked = 0;
  g_autoptr(GPtrArray) drills = NULL;
  const TgHistoryDrill *drill;

  tg_drills_view_start (fx->view, TG_DRILL_SEAT, TG_DIFFICULTY_MEDIUM, FALSE);
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "seat");
  page = tg_drills_view_get_seat_page (fx->view);
  session = tg_drill_get_session (tg_drills_view_get_drill (fx->view));
  venue = tg_session_get_venue (session);
  n = tg_venue_get_n_seats (venue);
  g_assert_cmpint (tg_session_get_state (session), ==, TG_MATCH_STATE_SEATS);

  /* The bots played all along and keep booking. */
  advance (fx, 1 * G_USEC_PER_SEC);
  screenshot (fx, "7-seat");

  /* 이선좌: a sold seat, looked up just before the click (a held one may be given back by a bot
   * that abandons its payment). */
  for (guint i = 0; i < n && taken == TG_VENUE_NO_SEAT; i++)
    if (tg_session_get_seat_state (session, i) == TG_SEAT_SOLD)
      taken = i;
  for (guint i = 0; i < n && taken == TG_VENUE_NO_SEAT; i++)
    if (tg_session_get_seat_state (session, i) != TG_SEAT_AVAILABLE)
      taken = i;
  g_assert_cmpuint (taken, !=, TG_VENUE_NO_SEAT);
  tg_seat_page_toggle_seat (page, taken);
  ui_test_iterate ();

  /* Two free neighbours from the back, then confirm. */
  for (guint i = n; i-- > 1 && picked == 0;)
    {
      guint left = tg_venue_seat_neighbor (venue, i, -1);

      if (left != TG_VENUE_NO_SEAT &&
          tg_session_get_seat_state (session, i) == TG_SEAT_AVAILABLE &&
          tg_session_get_seat_state (session, left) == TG_SEAT_AVAILABLE)
        {
          tg_seat_page_toggle_seat (page, left);
          tg_seat_page_toggle_seat (page, i);
          picked = i;
        }
    }
  g_assert_cmpuint (picked, !=, 0);
  advance (fx, 1 * G_USEC_PER_SEC);
  tg_seat_page_confirm (page);
  ui_test_iterate ();
  g_assert_cmpstr (tg_drills_view_get_page_name (fx->view), ==, "result");
  screenshot (fx, "8-seat-result");

  drills = stored (fx, TG_DRILL_SEAT);
  g_assert_cmpuint (drills->len, ==, 1);
  drill = g_ptr_array_index (drills, 0);
  g_test_message ("seat drill: %s in %" G_GINT64_FORMAT " ms, %u conflicts", drill->success ? "held" : "failed",
                  drill->time_ms, drill->conflicts);
  g_assert_true (drill->success);
  g_assert_cmpint (drill->time_ms, >=, 2000);
  g_assert_cmpuint (drill->conflicts, >=, 1);
  g_assert_cmpint (drill->difficulty, ==, TG_DIFFICULTY_MEDIUM);
  /* The hold was given back when the drill ended. */
  g_assert_cmpint (tg_session_get_seat_state (session, picked), !=, TG_SEAT_HELD);
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *db_dir = NULL;

  data_home = ui_test_init (&argc, &argv, G_TEST_BUILDDIR_DATA, G_TEST_BUILDDIR_PO);
  db_dir = g_build_filename (data_home, "tickget", NULL);

  g_test_add ("/ui/drills/click", Fixture, NULL, fixture_setup, test_click, fixture_teardown);
  g_test_add ("/ui/drills/captcha", Fixture, NULL, fixture_setup, test_captcha, fixture_teardown);
  g_test_add ("/ui/drills/seat", Fixture, NULL, fixture_setup, test_seat, fixture_teardown);
  status = g_test_run ();
  ui_test_remove_dir (db_dir);
  g_rmdir (data_home);
  g_free (data_home);
  return status;
}
