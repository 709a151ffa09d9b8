/* test-stats-view.c: the Stats view of the real window over a history of real matches (played
 * by tg-autoplayer on a manual clock): the list and its filters, a play's detail page, the
 * charts, CSV and PNG export, the analyst's report and the chat model's review against a fake
 * endpoint served by SoupServer. Screenshots: build/tests/stats-*.png; in Korean and dark:
 *   LC_ALL=ko_KR.UTF-8 TICKGET_TEST_STYLE=dark xvfb-run -a build/tests/test-stats-view */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tg-analyst.h"
#include "tg-autoplayer.h"
#include "tg-chart.h"
#include "tg-stats-view-private.h"
#include "tg-window.h"
#include "ui-test-util.h"

#define N_PLAYS 12

static char *data_home;

typedef struct
{
  TgWindow    *window;
  TgStatsView *view;
  GSettings   *settings;
} Fixture;

/* One real match: @n_bots bots at @difficulty in @venue_name, the player scripted; a negative
 * payment time lets the hold expire (a failed play). */
static TgResult *
play_match (guint64      seed,
            TgDifficulty difficulty,
            const char  *venue_name,
            gint64       reaction_ms,
            gint64       captcha_ms,
            gint64       payment_ms)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset (venue_name, NULL);
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(TgAutoplayer) player = NULL;
  TgMatchSettings settings;
  TgAutoplayScript script;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.difficulty = difficulty;
  settings.n_bots = 600;
  settings.seed = seed;
  settings.countdown = TG_USEC_PER_SEC;
  match = tg_match_new (&settings, clock, NULL);
  g_assert_nonnull (match);
  pid = tg_match_add_human (match, "player");
  tg_autoplay_script_init (&script);
  script.reaction_ms = reaction_ms;
  script.captcha_ms = captcha_ms;
  script.captcha_wrong = seed % 3 == 0 ? 1 : 0;
  script.early_clicks = seed % 4 == 0 ? 1 : 0;
  script.payment_ms = payment_ms;
  player = tg_autoplayer_new (match, pid, &script);
  while (!tg_match_is_finished (match) && tg_manual_clock_step (TG_MANUAL_CLOCK (clock)))
    ;
  return tg_match_get_result (match, pid);
}

/* N_PLAYS plays over the last 40 days, newest today: difficulties in turn, two venues, the
 * last two online, every fourth failed. */
static void
fill_history (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (dir, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  for (guint i = 0; i < N_PLAYS; i++)
    {
      g_autoptr(TgResult) result =
        play_match (100 + i, (TgDifficulty) (i % 3), i % 2 == 0 ? "small" : "medium",
                    700 - 40 * (gint64) i, 12000 - 500 * (gint64) i, i % 4 == 3 ? -1 : 4000);
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -(int) (N_PLAYS - 1 - i) * 3);
      TgHistoryPlayMeta meta = { 0 };

      meta.mode = i >= N_PLAYS - 2 ? TG_HISTORY_MODE_ONLINE : TG_HISTORY_MODE_OFFLINE;
      meta.played_at = when;
      meta.server = i >= N_PLAYS - 2 ? (char *) "192.168.0.10:7777" : NULL;
      g_assert_true (tg_history_add_play (history, result, &meta, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->settings = g_settings_new (APP_ID);
  fx->window = tg_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fx->window));
  fx->view = TG_STATS_VIEW (tg_window_get_stats_view (fx->window));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.show-view", "s", "history");
  ui_test_wait_for_frames (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  ui_test_iterate ();
  g_settings_reset (fx->settings, "llm-url");
  g_settings_reset (fx->settings, "llm-model");
  g_clear_object (&fx->settings);
}

static void
screenshot (Fixture    *fx,
            const char *name)
{
  ui_test_screenshot (GTK_WIDGET (fx->window), "stats", name);
}

static guint
n_rows (Fixture *fx)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (tg_stats_view_get_list (fx->view)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* A view on a history without plays: the empty state. */
static void
test_empty (void)
{
  g_autofree char *dir = g_build_filename (data_home, "empty", NULL);
  GtkWidget *window = gtk_window_new ();
  TgStatsView *view = TG_STATS_VIEW (tg_stats_view_new ());

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  tg_stats_view_open (view, dir);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (tg_stats_view_get_page_name (view), ==, "empty");
  g_assert_cmpuint (tg_stats_view_get_n_plays (view), ==, 0);
  ui_test_screenshot (window, "stats", "0-empty");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate ();
  ui_test_remove_dir (dir);
}

static void
test_list_and_filters (Fixture       *fx,
                       gconstpointer  data)
{
  AdwComboRow *venue_row = tg_stats_view_get_venue_row (fx->view);

  g_assert_cmpstr (tg_stats_view_get_page_name (fx->view), ==, "overview");
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS);
  g_assert_cmpuint (n_rows (fx), ==, N_PLAYS);
  screenshot (fx, "1-list");

  /* Difficulty: one in three. */
  adw_combo_row_set_selected (tg_stats_view_get_difficulty_row (fx->view), 1 + TG_DIFFICULTY_HARD);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS / 3);
  g_assert_cmpuint (n_rows (fx), ==, N_PLAYS / 3);
  adw_combo_row_set_selected (tg_stats_view_get_difficulty_row (fx->view), 0);

  /* Venue: both venues are offered, each half of the plays. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (venue_row)), ==, 3);
  adw_combo_row_set_selected (venue_row, 1);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS / 2);
  adw_combo_row_set_selected (venue_row, 0);

  /* Online: the last two. */
  adw_combo_row_set_selected (tg_stats_view_get_mode_row (fx->view), 1 + TG_HISTORY_MODE_ONLINE);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, 2);

  /* The last 7 days: plays 3 days apart, the newest today, and none online there besides the
   * last two → still 2; offline in the last 7 days: one (6 days ago). */
  adw_combo_row_set_selected (tg_stats_view_get_period_row (fx->view), TG_STATS_PERIOD_WEEK);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, 2);
  adw_combo_row_set_selected (tg_stats_view_get_mode_row (fx->view), 1 + TG_HISTORY_MODE_OFFLINE);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, 1);

  /* Nothing matches: easy, online, this week (the online plays are medium and hard). */
  adw_combo_row_set_selected (tg_stats_view_get_difficulty_row (fx->view), 1 + TG_DIFFICULTY_EASY);
  adw_combo_row_set_selected (tg_stats_view_get_mode_row (fx->view), 1 + TG_HISTORY_MODE_ONLINE);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, 0);
  screenshot (fx, "2-no-match");

  tg_stats_view_clear_filters (fx->view);
  g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS);

  /* Custom dates, both ends inclusive: a week ago to yesterday holds the plays of 6 and 3 days
   * ago. A date that does not exist is marked and ignored. */
  {
    AdwEntryRow *from, *to;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
    g_autofree char *from_text = g_date_time_format (week_ago, "%Y-%m-%d");
    g_autofree char *to_text = g_date_time_format (yesterday, "%Y.%m.%d");

    tg_stats_view_get_date_rows (fx->view, &from, &to);
    adw_combo_row_set_selected (tg_stats_view_get_period_row (fx->view), TG_STATS_PERIOD_CUSTOM);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (from)));
    gtk_editable_set_text (GTK_EDITABLE (from), from_text);
    gtk_editable_set_text (GTK_EDITABLE (to), to_text);
    g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, 2);
    gtk_editable_set_text (GTK_EDITABLE (from), "2026-02-30");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
    g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS - 1);
    tg_stats_view_clear_filters (fx->view);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (from)));
    g_assert_cmpuint (tg_stats_view_get_n_plays (fx->view), ==, N_PLAYS);
  }
}

static void
test_detail (Fixture       *fx,
             gconstpointer  data)
{
  GtkListBox *list = tg_stats_view_get_list (fx->view);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);
  TgPlayDetail *detail = tg_stats_view_get_detail (fx->view);

  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  ui_test_iterate ();
  g_assert_cmpstr (tg_stats_view_get_page_name (fx->view), ==, "detail");
  g_assert_cmpint (tg_play_detail_get_play_id (detail), >, 0);
  g_assert_cmpstr (tg_play_detail_get_title (detail), !=, "");
  g_assert_false (tg_chart_is_empty (TG_CHART (tg_play_detail_get_chart (detail))));
  screenshot (fx, "3-detail");

  tg_stats_view_show_list (fx->view);
  g_assert_cmpstr (tg_stats_view_get_page_name (fx->view), ==, "overview");
}

static void
test_charts_and_export (Fixture       *fx,
                        gconstpointer  data)
{
  TgStatsCharts *charts = tg_stats_view_get_charts (fx->view);
  g_autofree char *png = g_build_filename (data_home, "chart.png", NULL);
  g_autofree char *csv = g_build_filename (data_home, "history.csv", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  tg_stats_view_set_section (fx->view, "charts");
  for (guint i = 0; i < TG_STATS_N_CHARTS; i++)
    {
      TgChart *chart = tg_stats_charts_get_chart (charts, i);

      g_test_message ("chart %u: %s", i, tg_chart_get_title (chart));
      g_assert_false (tg_chart_is_empty (chart));
    }
  screenshot (fx, "4-charts");

  g_assert_true (tg_chart_export_png (tg_stats_charts_get_chart (charts, TG_STATS_CHART_TREND_REACTION),
                                      png_file, 1280, 720, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
  g_clear_pointer (&contents, g_free);
  g_unlink (png);

  /* The CSV holds the plays matching the filters: the header and one line per play. */
  adw_combo_row_set_selected (tg_stats_view_get_mode_row (fx->view), 1 + TG_HISTORY_MODE_ONLINE);
  g_assert_true (tg_stats_view_export_csv (fx->view, csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, &length, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 2 + 1);   /* the last is empty */
  }
  g_unlink (csv);
  tg_stats_view_clear_filters (fx->view);
}

static void
test_report (Fixture       *fx,
             gconstpointer  data)
{
  TgReportPage *report = tg_stats_view_get_report (fx->view);

  tg_stats_view_set_section (fx->view, "report");
  g_assert_true (tg_report_page_has_report (report));
  g_assert_nonnull (tg_report_page_get_text (report));
  g_assert_cmpuint (strlen (tg_report_page_get_text (report)), >, 200);
  screenshot (fx, "5-report");

  /* Fewer than ten plays in the filter: the analyst's own message. */
  adw_combo_row_set_selected (tg_stats_view_get_difficulty_row (fx->view), 1 + TG_DIFFICULTY_EASY);
  g_assert_false (tg_report_page_has_report (report));
  {
    g_autofree char *expected = tg_analyst_not_enough_plays_message (N_PLAYS / 3);
    g_assert_cmpstr (tg_report_page_get_text (report), ==, expected);
  }
  screenshot (fx, "6-report-not-enough");
  tg_stats_view_clear_filters (fx->view);
}

/* The fake chat endpoint */

typedef struct
{
  guint      n_requests;
  GPtrArray *paused;
} Endpoint;

static void
review_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  const char *body = "{\"choices\":[{\"message\":{\"role\":\"assistant\","
                     "\"content\":\"Your captcha is the slowest stage: do five captcha drills a day.\"}}]}";

  endpoint->n_requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
unauthorized_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *body = "{\"error\":{\"message\":\"invalid key\"}}";

  soup_server_message_set_status (msg, 401, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
slow_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Endpoint *endpoint = user_data;

  /* Never answers: the test cancels. */
  soup_server_message_pause (msg);
  g_ptr_array_add (endpoint->paused, g_object_ref (msg));
}

static void
wait_until_answered (TgReportPage *report)
{
  for (int i = 0; i < 1000 && tg_report_page_is_asking (report); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_false (tg_report_page_is_asking (report));
}

static void
test_model_review (Fixture       *fx,
                   gconstpointer  data)
{
  TgReportPage *report = tg_stats_view_get_report (fx->view);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paused = g_ptr_array_new_with_free_func (g_object_unref);
  Endpoint endpoint = { 0, paused };
  GSList *uris;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, "/v1/chat/completions", review_cb, &endpoint, NULL);
  soup_server_add_handler (server, "/auth/chat/completions", unauthorized_cb, &endpoint, NULL);
  soup_server_add_handler (server, "/slow/chat/completions", slow_cb, &endpoint, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  tg_stats_view_set_section (fx->view, "report");

  /* Not set up yet: a readable hint, no request. */
  tg_report_page_ask_model (report);
  g_assert_false (tg_report_page_is_asking (report));
  g_assert_nonnull (strstr (tg_report_page_get_error (report), _("Preferences")));

  url = g_strdup_printf ("%s/v1", base);
  g_settings_set_string (fx->settings, "llm-url", url);
  g_settings_set_string (fx->settings, "llm-model", "coach");
  tg_report_page_ask_model (report);
  g_assert_true (tg_report_page_is_asking (report));
  screenshot (fx, "7-review-asking");
  wait_until_answered (report);
  g_assert_null (tg_report_page_get_error (report));
  g_assert_nonnull (strstr (tg_report_page_get_review (report), "captcha drills"));
  g_assert_cmpuint (endpoint.n_requests, ==, 1);
  screenshot (fx, "8-review");

  /* A wrong key: the client's readable error. */
  g_free (url);
  url = g_strdup_printf ("%s/auth", base);
  g_settings_set_string (fx->settings, "llm-url", url);
  tg_report_page_ask_model (report);
  wait_until_answered (report);
  g_assert_null (tg_report_page_get_review (report));
  g_assert_nonnull (tg_report_page_get_error (report));
  g_test_message ("error: %s", tg_report_page_get_error (report));
  screenshot (fx, "9-review-error");

  /* Cancelled while waiting: no error, no review, the button back. */
  g_free (url);
  url = g_strdup_printf ("%s/slow", base);
  g_settings_set_string (fx->settings, "llm-url", url);
  tg_report_page_ask_model (report);
  for (int i = 0; i < 1000 && paused->len == 0; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (paused->len, ==, 1);
  tg_report_page_cancel (report);
  ui_test_iterate ();
  g_assert_false (tg_report_page_is_asking (report));
  g_assert_null (tg_report_page_get_error (report));
  g_assert_null (tg_report_page_get_review (report));
  for (guint i = 0; i < paused->len; i++)
    soup_server_message_unpause (paused->pdata[i]);
  soup_server_disconnect (server);
  ui_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *db_dir = NULL;

  data_home = ui_test_init (&argc, &argv, G_TEST_BUILDDIR_DATA, G_TEST_BUILDDIR_PO);
  db_dir = g_build_filename (data_home, "tickget", NULL);

  fill_history (db_dir);
  g_test_add_func ("/ui/stats/empty", test_empty);
  g_test_add ("/ui/stats/list-and-filters", Fixture, NULL, fixture_setup, test_list_and_filters,
              fixture_teardown);
  g_test_add ("/ui/stats/detail", Fixture, NULL, fixture_setup, test_detail, fixture_teardown);
  g_test_add ("/ui/stats/charts-and-export", Fixture, NULL, fixture_setup, test_charts_and_export,
              fixture_teardown);
  g_test_add ("/ui/stats/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/ui/stats/model-review", Fixture, NULL, fixture_setup, test_model_review, fixture_teardown);
  status = g_test_run ();
  ui_test_remove_dir (db_dir);
  g_rmdir (data_home);
  g_free (data_home);
  return status;
}
