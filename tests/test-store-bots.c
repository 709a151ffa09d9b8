/* test-store-bots.c: what schema v3 added to the history — the bots' distribution per stage of
 * every play, audio captcha drills, deleting drills — and the migration from v2. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tg-history.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tickget-store-bots-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tickget.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->path);
}

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
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static TgResult *
make_result_with_bots (void)
{
  TgResult *r = tg_result_new ();

  r->seed = 11;
  r->difficulty = TG_DIFFICULTY_MEDIUM;
  r->n_bots = 2000;
  r->n_humans = 1;
  r->venue_name = g_strdup ("샤롯데씨어터");
  r->fail_reason = TG_FAIL_SOLD_OUT;
  r->stage_ms[TG_STAGE_REACTION] = 420;
  r->stage_ms[TG_STAGE_CAPTCHA] = 8100;
  /* Reaction and captcha known, the other stages never reached by any bot. */
  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    {
      r->bot_stages[TG_STAGE_REACTION].q_ms[q] = 100 + 60 * q;
      r->bot_stages[TG_STAGE_CAPTCHA].q_ms[q] = 5000 + 700 * q + (q == 20 ? 9000 : 0);
    }
  r->bot_stages[TG_STAGE_REACTION].n = 1999;
  r->bot_stages[TG_STAGE_REACTION].mean_ms = 700.25;
  r->bot_stages[TG_STAGE_REACTION].stddev_ms = 310.5;
  r->bot_stages[TG_STAGE_CAPTCHA].n = 1500;
  r->bot_stages[TG_STAGE_CAPTCHA].mean_ms = 12000;
  r->bot_stages[TG_STAGE_CAPTCHA].stddev_ms = 4000.125;
  return r;
}

static void
assert_bot_stages_equal (const TgResult *a,
                         const TgResult *b)
{
  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      g_assert_cmpuint (a->bot_stages[s].n, ==, b->bot_stages[s].n);
      g_assert_cmpfloat (a->bot_stages[s].mean_ms, ==, b->bot_stages[s].mean_ms);
      g_assert_cmpfloat (a->bot_stages[s].stddev_ms, ==, b->bot_stages[s].stddev_ms);
      for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
        g_assert_cmpint (a->bot_stages[s].q_ms[q], ==, b->bot_stages[s].q_ms[q]);
    }
}

static void
test_bot_stages_round_trip (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgResult) result = make_result_with_bots ();
  g_autoptr(TgHistoryPlay) play = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  TgHistoryPlayMeta meta = { 0 };
  gint64 id = 0;

  g_assert_no_error (error);
  meta.played_at = g_date_time_new_utc (2026, 4, 2, 20, 0, 0);
  g_assert_true (tg_history_add_play (history, result, &meta, &id, &error));
  g_assert_no_error (error);
  g_date_time_unref (meta.played_at);

  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_bot_stages"), ==, 2);
  play = tg_history_get_play (history, id, &error);
  g_assert_no_error (error);
  assert_bot_stages_equal (play->result, result);
  plays = tg_history_list_plays (history, NULL, &error);
  g_assert_no_error (error);
  assert_bot_stages_equal (((TgHistoryPlay *) plays->pdata[0])->result, result);

  /* They go with the play. */
  g_assert_true (tg_history_delete_play (history, id, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM play_bot_stages"), ==, 0);
}

static void
test_bot_stages_damaged (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const damaged[] = {
    "1 2 3",                                                         /* too few */
    "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21",       /* too many */
    "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 20 19",          /* not ascending */
    "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 x",
    "-1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
    "0  1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
      g_autoptr(TgResult) result = make_result_with_bots ();
      g_autoptr(TgHistoryPlay) play = NULL;
      g_autofree char *sql = NULL;
      TgHistoryPlayMeta meta = { 0 };
      gint64 id = 0;

      g_assert_no_error (error);
      meta.played_at = g_date_time_new_now_utc ();
      g_assert_true (tg_history_add_play (history, result, &meta, &id, &error));
      g_date_time_unref (meta.played_at);

      sql = g_strdup_printf ("UPDATE play_bot_stages SET quantiles_ms = '%s' "
                             "WHERE play_id = %" G_GINT64_FORMAT " AND stage = 'captcha'",
                             damaged[i], id);
      sql_exec (fixture->path, sql);
      play = tg_history_get_play (history, id, &error);
      g_assert_null (play);
      g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_CORRUPT);
      g_clear_error (&error);
      g_assert_true (tg_history_delete_play (history, id, &error));
    }
}

static void
test_drill_audio_and_delete (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = tg_history_open (fixture->dir, &error);
  g_autoptr(TgHistoryDrill) image = tg_history_drill_new (TG_DRILL_CAPTCHA);
  g_autoptr(TgHistoryDrill) audio = tg_history_drill_new (TG_DRILL_CAPTCHA);
  g_autoptr(TgHistoryDrill) click = tg_history_drill_new (TG_DRILL_CLICK);
  g_autoptr(GPtrArray) drills = NULL;
  gint64 id_image = 0, id_audio = 0, id_click = 0;

  g_assert_no_error (error);
  image->played_at = g_date_time_new_utc (2026, 5, 1, 10, 0, 0);
  image->time_ms = 7000;
  audio->played_at = g_date_time_new_utc (2026, 5, 1, 10, 1, 0);
  audio->audio = TRUE;
  audio->time_ms = 14000;
  click->played_at = g_date_time_new_utc (2026, 5, 1, 10, 2, 0);
  click->audio = TRUE;   /* meaningless for a click drill: not kept */
  g_assert_true (tg_history_add_drill (history, image, &id_image, &error));
  g_assert_true (tg_history_add_drill (history, audio, &id_audio, &error));
  g_assert_true (tg_history_add_drill (history, click, &id_click, &error));
  g_assert_no_error (error);

  drills = tg_history_list_drills (history, -1, 0, &error);
  g_assert_cmpuint (drills->len, ==, 3);
  g_assert_false (((TgHistoryDrill *) drills->pdata[0])->audio);   /* the click */
  g_assert_true (((TgHistoryDrill *) drills->pdata[1])->audio);
  g_assert_false (((TgHistoryDrill *) drills->pdata[2])->audio);
  g_clear_pointer (&drills, g_ptr_array_unref);

  g_assert_true (tg_history_delete_drill (history, id_audio, &error));
  g_assert_no_error (error);
  g_assert_false (tg_history_delete_drill (history, id_audio, &error));
  g_assert_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  drills = tg_history_list_drills (history, TG_DRILL_CAPTCHA, 0, &error);
  g_assert_cmpuint (drills->len, ==, 1);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[0])->id, ==, id_image);
}

/* The v2 schema as released, by hand, with one play and one drill. */
static const char v2_file[] =
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
  "ALTER TABLE plays ADD COLUMN mode TEXT NOT NULL DEFAULT 'offline'\n"
  "  CHECK (mode IN ('offline', 'online'));\n"
  "ALTER TABLE plays ADD COLUMN server TEXT;\n"
  "CREATE TABLE drill_plays (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('click', 'captcha', 'seat')),\n"
  "  played_at_us INTEGER NOT NULL,\n"
  "  difficulty TEXT NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),\n"
  "  success INTEGER NOT NULL CHECK (success IN (0, 1)), time_ms INTEGER,\n"
  "  tries INTEGER NOT NULL, misses INTEGER NOT NULL, backspaces INTEGER NOT NULL,\n"
  "  conflicts INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX drill_plays_by_kind_time ON drill_plays (kind, played_at_us DESC, id DESC);\n"
  "PRAGMA user_version = 2;\n"
  "INSERT INTO plays VALUES (3, 1772357400000000, 9, 'easy', 500, 1, '올림픽홀', 0, 'sold-out',\n"
  "  300, 1200, 9000, NULL, NULL, NULL, 75, 60, 20, NULL, NULL, NULL, 20000,\n"
  "  2, 0, 0, 0, 0, 0, 0, 120, 501, NULL, 0, 0, 0, 0, 400, 'online', 'host:8080');\n"
  "INSERT INTO drill_plays VALUES (4, 'captcha', 1772357400000000, 'hard', 1, 6400, 1, 0, 2, 0);\n";

static void
test_migrate_v2 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgHistory) history = NULL;
  g_autoptr(TgHistoryPlay) play = NULL;
  g_autoptr(TgResult) result = make_result_with_bots ();
  g_autoptr(GPtrArray) drills = NULL;
  TgHistoryPlayMeta meta = { 0 };
  gint64 id = 0;

  sql_exec (fixture->path, v2_file);
  history = tg_history_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 3);

  /* The old play reads back with its bot distribution unknown. */
  play = tg_history_get_play (history, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (play->meta.mode, ==, TG_HISTORY_MODE_ONLINE);
  g_assert_cmpint (play->result->stage_ms[TG_STAGE_QUEUE], ==, 9000);
  for (guint s = 0; s < TG_N_STAGES; s++)
    g_assert_cmpuint (play->result->bot_stages[s].n, ==, 0);

  /* The old drill is an image captcha drill. */
  drills = tg_history_list_drills (history, TG_DRILL_CAPTCHA, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drills->len, ==, 1);
  g_assert_false (((TgHistoryDrill *) drills->pdata[0])->audio);
  g_assert_cmpint (((TgHistoryDrill *) drills->pdata[0])->time_ms, ==, 6400);

  /* New plays keep theirs. */
  meta.played_at = g_date_time_new_now_utc ();
  g_assert_true (tg_history_add_play (history, result, &meta, &id, &error));
  g_date_time_unref (meta.played_at);
  g_clear_pointer (&play, tg_history_play_free);
  play = tg_history_get_play (history, id, &error);
  g_assert_no_error (error);
  assert_bot_stages_equal (play->result, result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/history-v3/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("bot-stages-round-trip", test_bot_stages_round_trip);
  ADD ("bot-stages-damaged", test_bot_stages_damaged);
  ADD ("drill-audio-and-delete", test_drill_audio_and_delete);
  ADD ("migrate-v2", test_migrate_v2);

#undef ADD

  return g_test_run ();
}
