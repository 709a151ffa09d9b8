/* test-store.c: the SQLite play history. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tg-history.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_assert_no_errno (g_unlink (child));
      }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("tickget-store-XXXXXX", &error);

  g_assert_no_error (error);
  /* A folder that does not exist yet: the history creates it, as the app's first run does. */
  fixture->dir = g_build_filename (tmp, "tickget", NULL);
  fixture->path = g_build_filename (fixture->dir, "tickget.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->dir);

  remove_tree (tmp);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GDateTime *
utc (int year, int month, int day, int hour, int minute, double seconds)
{
  return g_date_time_new_utc (year, month, day, hour, minute, seconds);
}

/* A result with every field set to something other than its default. */
static TgResult *
make_full_result (void)
{
  TgResult *r = tg_result_new ();
  static const char * const ids[] = { "VIP-A구역-3열-12", "VIP-A구역-3열-13", "R-B구역-1열-1", "S-7-\"8\"" };
  static const char * const grades[] = { "VIP", "VIP", "R석", "S, 시야제한" };

  r->seed = G_GUINT64_CONSTANT (0xfedcba9876543210);   /* above G_MAXINT64: stored as its bits */
  r->difficulty = TG_DIFFICULTY_HARD;
  r->n_bots = 4999;
  r->n_humans = 37;
  r->venue_name = g_strdup ("인스파이어 아레나");
  r->success = TRUE;
  r->fail_reason = TG_FAIL_NONE;
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      r->stage_ms[i] = 100 * (i + 1) + 7;
      r->stage_percentile[i] = 12.5 * i + 0.25;
    }
  r->total_ms = 654321;
  r->early_clicks = 1;
  r->date_misclicks = 2;
  r->captcha_wrong = 3;
  r->captcha_backspaces = 4;
  r->captcha_refreshes = 5;
  r->seat_conflicts = 6;
  r->seat_misses = 7;
  r->first_queue_position = 12345;
  r->queue_total_at_join = 67890;
  r->sold_percent_at_admission = 42.75;
  r->n_seats = 4;
  for (guint i = 0; i < 4; i++)
    {
      r->seat_ids[i] = g_strdup (ids[i]);
      r->seat_grades[i] = g_strdup (grades[i]);
    }
  r->price_paid = 143000 * 2 + 132000 + 110000 + 4 * 2000;
  r->rank_humans = 3;
  r->rank_all = 211;
  r->n_buyers = 1500;
  return r;
}

static TgResult *
make_result (TgDifficulty  difficulty,
             const char   *venue,
             gboolean      success)
{
  TgResult *r = tg_result_new ();

  r->seed = 7;
  r->difficulty = difficulty;
  r->n_bots = 100;
  r->n_humans = 1;
  r->venue_name = g_strdup (venue);
  r->success = success;
  r->fail_reason = success ? TG_FAIL_NONE : TG_FAIL_SOLD_OUT;
  r->stage_ms[TG_STAGE_REACTION] = 250;
  if (success)
    {
      r->n_seats = 1;
      r->seat_ids[0] = g_strdup ("A-1-1");
      r->seat_grades[0] = g_strdup ("R");
      r->price_paid = 134000;
      r->rank_humans = 1;
      r->rank_all = 1;
      r->n_buyers = 1;
    }
  return r;
}

static gint64
add (TgHistory      *history,
     const TgResult *result,
     TgHistoryMode   mode,
     GDateTime      *played_at)
{
  g_autoptr(GError) error = NULL;
  TgHistoryPlayMeta meta = { 0 };
  gint64 id = -1;

  meta.mode = mode;
  meta.played_at = played_at;
  g_assert_true (tg_history_add_play (history, result, &meta, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_results_equal (const TgResult *a,
                      const TgResult *b)
{
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpint (a->difficulty, ==, b->difficulty);
  g_assert_cmpuint (a->n_bots, ==, b->n_bots);
  g_assert_cmpuint (a->n_humans, ==, b->n_humans);
  g_assert_cmpstr (a->venue_name, ==, b->venue_name);
  g_assert_cmpint (a->success, ==, b->success);
  g_assert_cmpint (a->fail_reason, ==, b->fail_reason);
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      g_assert_cmpint (a->stage_ms[i], ==, b->stage_ms[i]);
      g_assert_cmpfloat (a->stage_percentile[i], ==, b->stage_percentile[i]);
    }
  g_assert_cmpint (a->total_ms, ==, b->total_ms);
  g_assert_cmpuint (a->early_clicks, ==, b->early_clicks);
  g_assert_cmpuint (a->date_misclicks, ==, b->date_misclicks);
  g_assert_cmpuint (a->captcha_wrong, ==, b->captcha_wrong);
  g_assert_cmpuint (a->captcha_backspaces, ==, b->captcha_backspaces);
  g_assert_cmpuint (a->captcha_refreshes, ==, b->captcha_refreshes);
  g_assert_cmpuint (a->seat_conflicts, ==, b->seat_conflicts);
  g_assert_cmpuint (a->seat_misses, ==, b->seat_misses);
  g_assert_cmpuint (a->first_queue_position, ==, b->first_queue_position);
  g_assert_cmpuint (a->queue_total_at_join, ==, b->queue_total_at_join);
  g_assert_cmpfloat (a->sold_percent_at_admission, ==, b->sold_percent_at_admission);
  g_assert_cmpuint (a->n_seats, ==, b->n_seats);
  for (guint i = 0; i < TG_RESULT_MAX_SEATS; i++)
    {
      g_assert_cmpstr (a->seat_ids[i], ==, b->seat_ids[i]);
      g_assert_cmpstr (a->seat_grades[i], ==, b->seat_grades[i]);
    }
  g_assert_cmpuint (a->price_paid, ==, b->price_paid);
  g_assert_cmpuint (a->rank_humans, ==, b->rank_humans);
  g_assert_cmpuint (a->rank_all, ==, b->rank_all);
  g_assert_cmpuint (a->n_buyers, ==, b->n_buyers);
}

/* Raw SQLite access, to look at what the history wrote. */
static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* Opens the history expecting @code, and checks the file is byte for byte what it was. */
static void
assert_open_refused (Fixture *fixture,
                     int      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(TgHistory) history = NULL;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      history = tg_history_open (fixture->dir, &error);
      g_assert_null (history);
      g_assert_error (error, TG_HISTORY_ERROR, code);
      /* The message names the file so the player knows which one to move. */
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_side_files (fixture->path);
}

static void
test_open_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(GPtrArray) plays = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (history);
  g_assert_cmpstr (tg_history_get_path (history), ==, fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, TG_HISTORY_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA application_id"), ==, 0x546B4774);
  /* WAL is persistent: a fresh connection sees it. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);

  plays = tg_history_list_plays (history, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 0);
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* Opening again finds the current schema and changes nothing. */
  g_clear_object (&history);
  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, TG_HISTORY_SCHEMA_VERSION);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) full = make_full_result ();
  g_autoptr(TgResult) failed = tg_result_new ();
  g_autoptr(GDateTime) seoul = g_date_time_new_from_iso8601 ("2026-11-25T20:00:00.123456+09:00", NULL);
  g_autoptr(GDateTime) later = utc (2026, 11, 25, 12, 0, 0);
  g_autoptr(TgHistoryPlay) play = NULL;
  g_autoptr(TgHistoryPlay) copy = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  TgHistoryPlayMeta meta = { 0 };
  gint64 id_full = 0;
  gint64 id_failed;

  g_assert_no_error (error);

  meta.mode = TG_HISTORY_MODE_ONLINE;
  meta.played_at = seoul;
  meta.server = (char *) "192.168.0.10:8765";
  meta.seat_prices[0] = 143000;
  meta.seat_prices[1] = 143000;
  meta.seat_prices[2] = 132000;
  /* seat 4: price unknown */
  g_assert_true (tg_history_add_play (history, full, &meta, &id_full, &error));
  g_assert_no_error (error);

  /* A failed run: no seats, most stages never reached (-1), defaults everywhere. */
  failed->difficulty = TG_DIFFICULTY_EASY;
  failed->fail_reason = TG_FAIL_HOLD_EXPIRED;
  failed->venue_name = NULL;
  failed->stage_ms[TG_STAGE_REACTION] = 0;
  failed->stage_percentile[TG_STAGE_REACTION] = 0;
  id_failed = add (history, failed, TG_HISTORY_MODE_OFFLINE, later);
  g_assert_cmpint (id_failed, !=, id_full);

  play = tg_history_get_play (history, id_full, &error);
  g_assert_no_error (error);
  g_assert_cmpint (play->id, ==, id_full);
  g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_ONLINE);
  g_assert_cmpstr (play->meta.server, ==, "192.168.0.10:8765");
  g_assert_true (g_date_time_equal (play->meta.played_at, seoul));
  g_assert_cmpint (g_date_time_get_microsecond (play->meta.played_at), ==, 123456);
  /* Stored as UTC. */
  g_assert_cmpint (g_date_time_get_utc_offset (play->meta.played_at), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (play->meta.played_at), ==, 11);
  g_assert_cmpuint (play->meta.seat_prices[0], ==, 143000);
  g_assert_cmpuint (play->meta.seat_prices[2], ==, 132000);
  g_assert_cmpuint (play->meta.seat_prices[3], ==, 0);
  assert_results_equal (play->result, full);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats WHERE price IS NULL"),
                   ==, 1);

  copy = tg_history_play_copy (play);
  g_assert_true (copy->result != play->result);
  assert_results_equal (copy->result, full);
  g_clear_pointer (&play, tg_history_play_free);

  play = tg_history_get_play (history, id_failed, &error);
  g_assert_no_error (error);
  g_assert_null (play->meta.server);
  g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_OFFLINE);
  assert_results_equal (play->result, failed);
  g_assert_cmpint (play->result->stage_ms[TG_STAGE_SEAT], ==, -1);
  g_assert_cmpfloat (play->result->sold_percent_at_admission, ==, -1);
  /* "Not reached" is NULL in SQL, so averages skip it. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(seat_ms) FROM plays"), ==, 1);

  plays = tg_history_list_plays (history, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  assert_results_equal (((TgHistoryPlay *) plays->pdata[1])->result, full);

  /* Still there for another connection after closing. */
  g_clear_object (&history);
  g_clear_pointer (&play, tg_history_play_free);
  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  play = tg_history_get_play (history, id_full, &error);
  g_assert_no_error (error);
  assert_results_equal (play->result, full);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(GDateTime) d1 = utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) d2 = utc (2026, 2, 1, 0, 0, 0);
  g_autoptr(GDateTime) d3 = utc (2026, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) d4 = utc (2026, 4, 1, 0, 0, 0);
  g_autoptr(TgResult) easy_charlotte = make_result (TG_DIFFICULTY_EASY, "샤롯데씨어터", TRUE);
  g_autoptr(TgResult) hard_charlotte = make_result (TG_DIFFICULTY_HARD, "샤롯데씨어터", FALSE);
  g_autoptr(TgResult) hard_olympic = make_result (TG_DIFFICULTY_HARD, "올림픽홀", TRUE);
  g_autoptr(GPtrArray) plays = NULL;
  TgHistoryFilter filter;
  gint64 id1, id2, id3, id4;

  g_assert_no_error (error);
  id1 = add (history, easy_charlotte, TG_HISTORY_MODE_OFFLINE, d1);
  id2 = add (history, hard_charlotte, TG_HISTORY_MODE_ONLINE, d2);
  id3 = add (history, hard_olympic, TG_HISTORY_MODE_OFFLINE, d3);
  id4 = add (history, hard_olympic, TG_HISTORY_MODE_ONLINE, d4);

  tg_history_filter_init (&filter);
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 4);

  filter.difficulty = TG_DIFFICULTY_HARD;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 3);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id4);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[2])->id, ==, id2);
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 3);
  g_clear_pointer (&plays, g_ptr_array_unref);

  filter.venue = "샤롯데씨어터";
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 1);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id2);
  g_clear_pointer (&plays, g_ptr_array_unref);

  /* Venue is an exact match, not a prefix or a pattern. */
  tg_history_filter_init (&filter);
  filter.venue = "샤롯데";
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 0);
  filter.venue = "%";
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 0);

  tg_history_filter_init (&filter);
  filter.mode = TG_HISTORY_MODE_ONLINE;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id4);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[1])->id, ==, id2);
  g_clear_pointer (&plays, g_ptr_array_unref);

  /* from is inclusive, to exclusive. */
  tg_history_filter_init (&filter);
  filter.from = d2;
  filter.to = d4;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id3);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[1])->id, ==, id2);
  g_clear_pointer (&plays, g_ptr_array_unref);

  filter.from = NULL;
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 3);
  filter.to = NULL;
  filter.from = d4;
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 1);

  /* Everything at once. */
  tg_history_filter_init (&filter);
  filter.difficulty = TG_DIFFICULTY_HARD;
  filter.venue = "올림픽홀";
  filter.mode = TG_HISTORY_MODE_OFFLINE;
  filter.from = d1;
  filter.to = d4;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 1);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id3);
  g_clear_pointer (&plays, g_ptr_array_unref);

  /* Pages: limit and offset, and count ignores them. */
  tg_history_filter_init (&filter);
  filter.limit = 2;
  filter.offset = 1;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id3);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[1])->id, ==, id2);
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 4);
  g_clear_pointer (&plays, g_ptr_array_unref);
  filter.offset = 4;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_cmpuint (plays->len, ==, 0);
  g_clear_pointer (&plays, g_ptr_array_unref);

  /* A filter value out of range is an error, not "everything". */
  tg_history_filter_init (&filter);
  filter.difficulty = 17;
  plays = tg_history_list_plays (history, &filter, &error);
  g_assert_null (plays);
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
  g_clear_error (&error);

  (void) id1;
}

static void
test_ordering (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) result = make_result (TG_DIFFICULTY_MEDIUM, "올림픽홀", TRUE);
  g_autoptr(GPtrArray) plays = NULL;
  /* Inserted out of order; two share a time to the microsecond. */
  g_autoptr(GDateTime) t_mid = utc (2026, 6, 1, 12, 0, 0.5);
  g_autoptr(GDateTime) t_old = utc (2025, 12, 31, 23, 59, 59.999999);
  g_autoptr(GDateTime) t_new = utc (2026, 6, 1, 12, 0, 0.500001);
  gint64 id_mid, id_old, id_new, id_mid2;

  g_assert_no_error (error);
  id_mid = add (history, result, TG_HISTORY_MODE_OFFLINE, t_mid);
  id_old = add (history, result, TG_HISTORY_MODE_OFFLINE, t_old);
  id_new = add (history, result, TG_HISTORY_MODE_OFFLINE, t_new);
  id_mid2 = add (history, result, TG_HISTORY_MODE_OFFLINE, t_mid);

  plays = tg_history_list_plays (history, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 4);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, id_new);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[1])->id, ==, id_mid2);   /* later insert first */
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[2])->id, ==, id_mid);
  g_assert_cmpint (((TgHistoryPlay *) plays->pdata[3])->id, ==, id_old);
  for (guint i = 1; i < plays->len; i++)
    g_assert_cmpint (g_date_time_compare (((TgHistoryPlay *) plays->pdata[i - 1])->meta.played_at,
                                          ((TgHistoryPlay *) plays->pdata[i])->meta.played_at), >=, 0);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) full = make_full_result ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TgHistoryPlay) play = NULL;
  gint64 keep, gone;

  g_assert_no_error (error);
  keep = add (history, full, TG_HISTORY_MODE_OFFLINE, now);
  gone = add (history, full, TG_HISTORY_MODE_OFFLINE, now);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, 8);

  g_assert_true (tg_history_delete_play (history, gone, &error));
  g_assert_no_error (error);
  /* Its seats went with it. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, 4);
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 1);

  g_assert_false (tg_history_delete_play (history, gone, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  play = tg_history_get_play (history, gone, &error);
  g_assert_null (play);
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  play = tg_history_get_play (history, keep, &error);
  g_assert_no_error (error);
  assert_results_equal (play->result, full);
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) result = make_full_result ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TgHistoryPlayMeta meta = { 0 };
  char *saved;

  g_assert_no_error (error);

  /* No time. */
  g_assert_false (tg_history_add_play (history, result, &meta, NULL, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
  g_clear_error (&error);
  meta.played_at = now;

  result->n_seats = TG_RESULT_MAX_SEATS + 1;
  g_assert_false (tg_history_add_play (history, result, &meta, NULL, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
  g_clear_error (&error);
  result->n_seats = TG_RESULT_MAX_SEATS;

  saved = g_steal_pointer (&result->seat_ids[2]);
  g_assert_false (tg_history_add_play (history, result, &meta, NULL, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
  g_clear_error (&error);
  result->seat_ids[2] = saved;

  saved = result->venue_name;
  result->venue_name = (char *) "\xff\xfe broken";
  g_assert_false (tg_history_add_play (history, result, &meta, NULL, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
  g_clear_error (&error);
  result->venue_name = saved;

  /* Nothing half-written. */
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, 0);

  g_assert_true (tg_history_add_play (history, result, &meta, NULL, &error));
  g_assert_no_error (error);
}

static void
test_drills (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(TgHistoryDrill) click = tg_history_drill_new (TG_DRILL_CLICK);
  g_autoptr(TgHistoryDrill) captcha = tg_history_drill_new (TG_DRILL_CAPTCHA);
  g_autoptr(TgHistoryDrill) seat = tg_history_drill_new (TG_DRILL_SEAT);
  TgHistoryDrill *got;
  gint64 id_click = 0, id_captcha = 0, id_seat = 0;

  g_assert_no_error (error);

  click->played_at = utc (2026, 5, 1, 10, 0, 0);
  click->success = TRUE;
  click->time_ms = 187;
  click->misses = 2;
  captcha->played_at = utc (2026, 5, 1, 10, 5, 0);
  captcha->difficulty = TG_DIFFICULTY_HARD;
  captcha->success = TRUE;
  captcha->time_ms = 6420;
  captcha->tries = 2;
  captcha->misses = 1;
  captcha->backspaces = 3;
  seat->played_at = utc (2026, 5, 1, 9, 0, 0);
  seat->success = FALSE;   /* time_ms stays -1: never got a seat */
  seat->tries = 5;
  seat->conflicts = 4;
  seat->misses = 1;

  g_assert_true (tg_history_add_drill (history, click, &id_click, &error));
  g_assert_true (tg_history_add_drill (history, captcha, &id_captcha, &error));
  g_assert_true (tg_history_add_drill (history, seat, &id_seat, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id_click, >, 0);

  drills = tg_history_list_drills (history, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drills->len, ==, 3);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[0])->id, ==, id_captcha);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[1])->id, ==, id_click);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[2])->id, ==, id_seat);
  got = drills->pdata[0];
  g_assert_cmpint (got->kind, ==, TG_DRILL_CAPTCHA);
  g_assert_cmpint (got->difficulty, ==, TG_DIFFICULTY_HARD);
  g_assert_true (got->success);
  g_assert_cmpint (got->time_ms, ==, 6420);
  g_assert_cmpuint (got->tries, ==, 2);
  g_assert_cmpuint (got->misses, ==, 1);
  g_assert_cmpuint (got->backspaces, ==, 3);
  g_assert_true (g_date_time_equal (got->played_at, captcha->played_at));
  got = drills->pdata[2];
  g_assert_cmpint (got->kind, ==, TG_DRILL_SEAT);
  g_assert_false (got->success);
  g_assert_cmpint (got->time_ms, ==, -1);
  g_assert_cmpuint (got->conflicts, ==, 4);
  g_clear_pointer (&drills, g_ptr_array_unref);

  drills = tg_history_list_drills (history, TG_DRILL_SEAT, 0, &error);
  g_assert_cmpuint (drills->len, ==, 1);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[0])->id, ==, id_seat);
  g_clear_pointer (&drills, g_ptr_array_unref);

  drills = tg_history_list_drills (history, -1, 2, &error);
  g_assert_cmpuint (drills->len, ==, 2);
  g_clear_pointer (&drills, g_ptr_array_unref);

  /* Drills are not plays. */
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 0);

  g_clear_pointer (&seat->played_at, g_date_time_unref);
  g_assert_false (tg_history_add_drill (history, seat, NULL, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID);
}

/* The v1 schema as the first release wrote it, kept here by hand (not taken from the library)
 * so the test notices if a released migration is ever edited. */
static const char v1_schema[] =
  "PRAGMA application_id = 1416316788;\n"
  "CREATE TABLE plays (\n"
  "  id INTEGER PRIMARY KEY, played_at_us INTEGER NOT NULL, seed INTEGER NOT NULL,\n"
  "  difficulty TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),\n"
  "  n_bots INTEGER NOT NULL CHECK (n_bots >= 0), n_humans INTEGER NOT NULL CHECK (n_humans >= 0),\n"
  "  venue TEXT, success INTEGER NOT NULL CHECK (success IN (0, 1)), fail_reason TEXT NOT NULL,\n"
  "  reaction_ms INTEGER, date_ms INTEGER, queue_ms INTEGER, captcha_ms INTEGER, seat_ms INTEGER,\n"
  "  payment_ms INTEGER, reaction_percentile REAL, date_percentile REAL, queue_percentile REAL,\n"
  "  captcha_percentile REAL, seat_percentile REAL, payment_percentile REAL, total_ms INTEGER,\n"
  "  early_clicks INTEGER NOT NULL, date_misclicks INTEGER NOT NULL, captcha_wrong INTEGER NOT NULL,\n"
  "  captcha_backspaces INTEGER NOT NULL, captcha_refreshes INTEGER NOT NULL,\n"
  "  seat_conflicts INTEGER NOT NULL, seat_misses INTEGER NOT NULL,\n"
  "  first_queue_position INTEGER NOT NULL, queue_total_at_join INTEGER NOT NULL,\n"
  "  sold_percent_at_admission REAL, n_seats INTEGER NOT NULL CHECK (n_seats BETWEEN 0 AND 4),\n"
  "  price_paid INTEGER NOT NULL, rank_humans INTEGER NOT NULL, rank_all INTEGER NOT NULL,\n"
  "  n_buyers INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX plays_by_time ON plays (played_at_us DESC, id DESC);\n"
  "CREATE TABLE play_seats (\n"
  "  play_id INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),\n"
  "  seat_id TEXT NOT NULL, grade TEXT, price INTEGER,\n"
  "  PRIMARY KEY (play_id, position)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "PRAGMA user_version = 1;\n"
  /* 2026-03-01T09:30:00Z, a hard match at 올림픽홀 with two seats, in rollback-journal mode. */
  "INSERT INTO plays VALUES (5, 1772357400000000, -2, 'hard', 3000, 2, '올림픽홀', 1, 'none',\n"
  "  210, 1500, 42000, 7300, 2900, 8000, 91.5, 80, NULL, 66.25, 70, 10, 61910,\n"
  "  0, 1, 2, 3, 0, 1, 2, 812, 4100, 12.5, 2, 266000, 1, 35, 900);\n"
  "INSERT INTO play_seats VALUES (5, 0, 'R-12-7', 'R', 132000), (5, 1, 'R-12-8', 'R', NULL);\n";

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = NULL;
  g_autoptr(TgHistoryPlay) play = NULL;
  g_autoptr(GDateTime) played_at = utc (2026, 3, 1, 9, 30, 0);
  g_autoptr(TgHistoryDrill) drill = tg_history_drill_new (TG_DRILL_CAPTCHA);
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  TgHistoryFilter filter;

  sql_exec (fixture->path, v1_schema);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 1);

  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, TG_HISTORY_SCHEMA_VERSION);

  /* The old play reads back whole, as an offline play (v1 had no online mode). */
  play = tg_history_get_play (history, 5, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (play->meta.played_at, played_at));
  g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_OFFLINE);
  g_assert_null (play->meta.server);
  g_assert_cmpuint (play->result->seed, ==, G_MAXUINT64 - 1);
  g_assert_cmpint (play->result->difficulty, ==, TG_DIFFICULTY_HARD);
  g_assert_cmpstr (play->result->venue_name, ==, "올림픽홀");
  g_assert_cmpint (play->result->stage_ms[TG_STAGE_QUEUE], ==, 42000);
  g_assert_cmpfloat (play->result->stage_percentile[TG_STAGE_QUEUE], ==, -1);
  g_assert_cmpfloat (play->result->stage_percentile[TG_STAGE_CAPTCHA], ==, 66.25);
  g_assert_cmpuint (play->result->n_seats, ==, 2);
  g_assert_cmpstr (play->result->seat_ids[1], ==, "R-12-8");
  g_assert_cmpuint (play->meta.seat_prices[0], ==, 132000);
  g_assert_cmpuint (play->meta.seat_prices[1], ==, 0);
  g_assert_cmpuint (play->result->n_buyers, ==, 900);

  tg_history_filter_init (&filter);
  filter.mode = TG_HISTORY_MODE_OFFLINE;
  g_assert_cmpint (tg_history_count_plays (history, &filter, &error), ==, 1);

  /* v2 additions work on the migrated file. */
  drill->played_at = g_date_time_new_now_utc ();
  g_assert_true (tg_history_add_drill (history, drill, NULL, &error));
  g_assert_no_error (error);
  drills = tg_history_list_drills (history, TG_DRILL_CAPTCHA, 0, &error);
  g_assert_cmpuint (drills->len, ==, 1);
  add (history, play->result, TG_HISTORY_MODE_ONLINE, played_at);
  plays = tg_history_list_plays (history, NULL, &error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, 4);

  /* A second open finds nothing left to do. */
  g_clear_object (&history);
  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 2);
}

static void
test_migrate_failure_rolls_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = NULL;
  g_autofree char *with_clash = g_strconcat (v1_schema, "CREATE TABLE drill_plays (x INTEGER);", NULL);

  /* v2 cannot create drill_plays over this one: the whole step must roll back. */
  sql_exec (fixture->path, with_clash);
  history = tg_history_open (fixture->dir, &error);
  g_assert_null (history);
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_FAILED);
  g_test_message ("%s", error->message);

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_table_info('plays') WHERE name = 'mode'"),
                   ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, 2);
}

static void
test_corrupt_not_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) junk = g_string_new ("This is not a database.\n");

  for (guint i = 0; i < 8192; i++)
    g_string_append_c (junk, (char) (i * 7919 % 251));
  g_assert_no_errno (g_mkdir_with_parents (fixture->dir, 0700));
  g_assert_true (g_file_set_contents (fixture->path, junk->str, junk->len, &error));
  g_assert_no_error (error);

  assert_open_refused (fixture, TG_HISTORY_ERROR_CORRUPT);
}

static void
test_corrupt_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) result = make_full_result ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    add (history, result, TG_HISTORY_MODE_OFFLINE, now);
  g_clear_object (&history);   /* checkpoints and removes the -wal */
  assert_no_side_files (fixture->path);

  /* Keep the header and the schema page, scribble over a table page in the middle. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8 * 4096);
  memset (contents + 5 * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  g_assert_no_error (error);

  assert_open_refused (fixture, TG_HISTORY_ERROR_CORRUPT);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) result = make_full_result ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* A real TickGet file in WAL mode, then "upgraded" by a future version. */
  g_assert_no_error (error);
  add (history, result, TG_HISTORY_MODE_OFFLINE, now);
  g_clear_object (&history);
  sql_exec (fixture->path, "PRAGMA user_version = 99; CREATE TABLE future (x INTEGER) STRICT;");
  assert_no_side_files (fixture->path);

  assert_open_refused (fixture, TG_HISTORY_ERROR_TOO_NEW);

  /* Same for a file still in rollback-journal mode. */
  g_assert_no_errno (g_unlink (fixture->path));
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = 1416316788; "
                                            "PRAGMA user_version = %d;",
                                            TG_HISTORY_SCHEMA_VERSION + 1);
    sql_exec (fixture->path, sql);
  }
  assert_open_refused (fixture, TG_HISTORY_ERROR_TOO_NEW);
}

static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Some other program's SQLite file where ours should be: not ours to migrate. */
  sql_exec (fixture->path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');");
  assert_open_refused (fixture, TG_HISTORY_ERROR_CORRUPT);

  g_assert_no_errno (g_unlink (fixture->path));
  sql_exec (fixture->path, "PRAGMA application_id = 42; PRAGMA user_version = 1;");
  assert_open_refused (fixture, TG_HISTORY_ERROR_CORRUPT);
}

static void
test_sql_injection (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const venues[] = {
    "'); DROP TABLE plays; --",
    "x' OR '1'='1",
    "\"; DELETE FROM play_seats; --",
    "올림픽홀'; PRAGMA user_version = 99; --",
    "%s%n%d ? ?1 :name @x $y",
    "Robert'); DROP TABLE drill_plays;--",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 ids[G_N_ELEMENTS (venues)];
  TgHistoryFilter filter;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autoptr(TgResult) result = make_result (TG_DIFFICULTY_MEDIUM, venues[i], TRUE);

      g_free (result->seat_ids[0]);
      result->seat_ids[0] = g_strdup (venues[i]);
      ids[i] = add (history, result, TG_HISTORY_MODE_OFFLINE, now);
    }

  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, G_N_ELEMENTS (venues));
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, TG_HISTORY_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_seats"), ==, G_N_ELEMENTS (venues));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM drill_plays"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autoptr(TgHistoryPlay) play = tg_history_get_play (history, ids[i], &error);
      g_autoptr(GPtrArray) plays = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (play->result->venue_name, ==, venues[i]);
      g_assert_cmpstr (play->result->seat_ids[0], ==, venues[i]);

      /* Filtering on the same text finds exactly that one play. */
      tg_history_filter_init (&filter);
      filter.venue = venues[i];
      plays = tg_history_list_plays (history, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (plays->len, ==, 1);
      g_assert_cmpint (((TgHistoryPlay *) plays->pdata[0])->id, ==, ids[i]);
    }
}

/* Splits RFC 4180 text into rows of fields, checking the quoting on the way. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          /* Quoted: runs to the closing quote; "" is a quote. */
          g_assert_cmpuint (field->len, ==, 0);
          for (p++; ; p++)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\r')
        {
          g_assert_cmpint (p[1], ==, '\n');
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          /* Unquoted fields never hold quotes or line breaks. */
          g_assert_cmpint (*p, !=, '\n');
          g_string_append_c (field, *p++);
        }
    }
  /* Every row ends with CRLF. */
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static const char *
csv_get (GPtrArray  *rows,
         guint       row,
         const char *column)
{
  GPtrArray *header = rows->pdata[0];

  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (header->pdata[i], column))
      return ((GPtrArray *) rows->pdata[row])->pdata[i];
  g_error ("no column %s", column);
  return NULL;
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  static const char tricky[] = "He said \"hi\", then\r\nleft; 좌석 \"A\"";
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) full = make_full_result ();
  g_autoptr(TgResult) failed = make_result (TG_DIFFICULTY_EASY, tricky, FALSE);
  g_autoptr(TgResult) spaced = make_result (TG_DIFFICULTY_MEDIUM, " 앞뒤 공백 ", TRUE);
  g_autoptr(GDateTime) t1 = utc (2026, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) t2 = utc (2026, 11, 2, 0, 0, 0);
  g_autoptr(GDateTime) t3 = utc (2026, 11, 3, 0, 0, 0);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  GPtrArray *header;
  TgHistoryFilter filter;
  TgHistoryPlayMeta meta = { 0 };
  gint64 id_full = 0;

  g_assert_no_error (error);
  meta.mode = TG_HISTORY_MODE_ONLINE;
  meta.played_at = t1;
  meta.server = (char *) "[fe80::1]:8765";
  meta.seat_prices[0] = 143000;
  meta.seat_prices[1] = 143000;
  meta.seat_prices[3] = 110000;
  g_assert_true (tg_history_add_play (history, full, &meta, &id_full, &error));
  g_assert_no_error (error);
  add (history, failed, TG_HISTORY_MODE_OFFLINE, t2);
  add (history, spaced, TG_HISTORY_MODE_OFFLINE, t3);

  g_assert_true (tg_history_export_csv (history, NULL, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));   /* NUL */
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_test_message ("%s", text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "id,played_at,mode,server,seed,difficulty,"));
  /* The tricky venue, quoted, its quotes doubled and its line break kept. */
  g_assert_nonnull (strstr (text, ",\"He said \"\"hi\"\", then\r\nleft; 좌석 \"\"A\"\"\","));
  g_assert_nonnull (strstr (text, ",\" 앞뒤 공백 \","));

  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 4);
  header = rows->pdata[0];
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) rows->pdata[i])->len, ==, header->len);

  /* Newest first: spaced, failed, full. */
  g_assert_cmpstr (csv_get (rows, 1, "venue"), ==, " 앞뒤 공백 ");
  g_assert_cmpstr (csv_get (rows, 2, "venue"), ==, tricky);
  g_assert_cmpstr (csv_get (rows, 2, "success"), ==, "0");
  g_assert_cmpstr (csv_get (rows, 2, "fail_reason"), ==, "sold-out");
  g_assert_cmpstr (csv_get (rows, 2, "grade"), ==, "F");
  g_assert_cmpstr (csv_get (rows, 2, "seat_ms"), ==, "");   /* never reached */
  g_assert_cmpstr (csv_get (rows, 2, "seats"), ==, "");

  g_assert_cmpint (g_ascii_strtoll (csv_get (rows, 3, "id"), NULL, 10), ==, id_full);
  g_assert_cmpstr (csv_get (rows, 3, "played_at"), ==, "2026-11-01T00:00:00Z");
  g_assert_cmpstr (csv_get (rows, 3, "mode"), ==, "online");
  g_assert_cmpstr (csv_get (rows, 3, "server"), ==, "[fe80::1]:8765");
  g_assert_cmpstr (csv_get (rows, 3, "seat_prices"), ==, "143000 143000 ? 110000");
  g_assert_cmpstr (csv_get (rows, 1, "seat_prices"), ==, "");
  g_assert_cmpstr (csv_get (rows, 3, "seed"), ==, "18364758544493064720");
  g_assert_cmpstr (csv_get (rows, 3, "difficulty"), ==, "hard");
  g_assert_cmpstr (csv_get (rows, 3, "venue"), ==, "인스파이어 아레나");
  g_assert_cmpstr (csv_get (rows, 3, "reaction_ms"), ==, "107");
  g_assert_cmpstr (csv_get (rows, 3, "payment_ms"), ==, "607");
  g_assert_cmpstr (csv_get (rows, 3, "date_percentile"), ==, "12.75");
  g_assert_cmpstr (csv_get (rows, 3, "sold_percent_at_admission"), ==, "42.75");
  g_assert_cmpstr (csv_get (rows, 3, "seats"), ==,
                   "VIP-A구역-3열-12 VIP-A구역-3열-13 R-B구역-1열-1 S-7-\"8\"");
  g_assert_cmpstr (csv_get (rows, 3, "seat_grades"), ==, "VIP VIP R석 S, 시야제한");
  g_assert_cmpstr (csv_get (rows, 3, "rank_all"), ==, "211");
  g_assert_cmpstr (csv_get (rows, 3, "buyers"), ==, "1500");

  /* A filter narrows the export; the header stays. */
  g_clear_object (&stream);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&rows, g_ptr_array_unref);
  stream = g_memory_output_stream_new_resizable ();
  tg_history_filter_init (&filter);
  filter.mode = TG_HISTORY_MODE_ONLINE;
  g_assert_true (tg_history_export_csv (history, &filter, stream, &error));
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (csv_get (rows, 1, "venue"), ==, "인스파이어 아레나");
}

typedef struct
{
  const char *dir;
  guint       n_plays;
  guint       index;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (data->dir, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < data->n_plays; i++)
    {
      g_autoptr(TgResult) result = make_result (TG_DIFFICULTY_MEDIUM, "올림픽홀", TRUE);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      result->seed = data->index * 1000 + i;
      add (history, result, TG_HISTORY_MODE_OFFLINE, now);
    }
  return NULL;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) a = tg_history_open (fixture->dir, &error);
  g_autoptr(TgHistory) b = NULL;
  g_autoptr(TgResult) result = make_full_result ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TgHistoryPlay) play = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  GThread *threads[4];
  WriterData writers[G_N_ELEMENTS (threads)];
  gint64 id;

  g_assert_no_error (error);
  b = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);

  /* A write through one is seen by the other at once. */
  id = add (a, result, TG_HISTORY_MODE_OFFLINE, now);
  play = tg_history_get_play (b, id, &error);
  g_assert_no_error (error);
  assert_results_equal (play->result, result);

  id = add (b, result, TG_HISTORY_MODE_ONLINE, now);
  g_assert_cmpint (tg_history_count_plays (a, NULL, &error), ==, 2);

  /* A delete through one is seen by the other; what it listed before stays valid. */
  plays = tg_history_list_plays (a, NULL, &error);
  g_assert_true (tg_history_delete_play (b, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plays->len, ==, 2);
  g_assert_cmpint (tg_history_count_plays (a, NULL, &error), ==, 1);

  /* Several instances writing at the same time from threads: nothing lost, nothing locked out. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      writers[i].dir = fixture->dir;
      writers[i].n_plays = 25;
      writers[i].index = i;
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (tg_history_count_plays (a, NULL, &error), ==, 1 + 4 * 25);
  g_assert_cmpint (tg_history_count_plays (b, NULL, &error), ==, 1 + 4 * 25);
  g_assert_no_error (error);
}

static void
test_concurrent_first_open (Fixture       *fixture,
                            gconstpointer  data)
{
  GThread *threads[4];
  WriterData writers[G_N_ELEMENTS (threads)];
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = NULL;

  /* All creating and migrating the same new file at once: each migration runs exactly once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      writers[i].dir = fixture->dir;
      writers[i].n_plays = 5;
      writers[i].index = i;
      threads[i] = g_thread_new ("opener", writer_thread, &writers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tg_history_count_plays (history, NULL, &error), ==, 4 * 5);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, TG_HISTORY_SCHEMA_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("open-creates", test_open_creates);
  ADD ("round-trip", test_round_trip);
  ADD ("filters", test_filters);
  ADD ("ordering", test_ordering);
  ADD ("delete", test_delete);
  ADD ("invalid", test_invalid);
  ADD ("drills", test_drills);
  ADD ("migrate-v1", test_migrate_v1);
  ADD ("migrate-failure-rolls-back", test_migrate_failure_rolls_back);
  ADD ("corrupt-not-database", test_corrupt_not_database);
  ADD ("corrupt-damaged-page", test_corrupt_damaged);
  ADD ("too-new", test_too_new);
  ADD ("foreign-database", test_foreign_database);
  ADD ("sql-injection", test_sql_injection);
  ADD ("csv", test_csv);
  ADD ("concurrent", test_concurrent);
  ADD ("concurrent-first-open", test_concurrent_first_open);

#undef ADD

  return g_test_run ();
}
