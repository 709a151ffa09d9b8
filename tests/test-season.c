/* test-season.c: the season score per play, per week, and the personal best. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-season.h"
#include "stats-fixtures.h"

#define EPS 1e-9

/* Bots with a chosen mean and standard deviation (the quantiles do not matter to the score). */
static void
set_bots (TgBotStageSummary *bots,
          double             mean,
          double             stddev)
{
  fixture_uniform_bots (bots, 0, (gint64) (2 * mean), 1000);
  bots->mean_ms = mean;
  bots->stddev_ms = stddev;
}

static TgResult *
scored_result (void)
{
  TgResult *r = tg_result_new ();

  r->difficulty = TG_DIFFICULTY_MEDIUM;
  r->n_bots = 9999;
  r->n_humans = 1;
  r->success = TRUE;
  r->rank_all = 100;
  r->stage_ms[TG_STAGE_QUEUE] = 20000;
  r->stage_ms[TG_STAGE_CAPTCHA] = 6000;
  r->stage_ms[TG_STAGE_SEAT] = 5000;
  set_bots (&r->bot_stages[TG_STAGE_QUEUE], 30000, 10000);    /* z = +1 */
  set_bots (&r->bot_stages[TG_STAGE_CAPTCHA], 10000, 2000);   /* z = +2 */
  set_bots (&r->bot_stages[TG_STAGE_SEAT], 4000, 1000);       /* z = −1 */
  return r;
}

static void
test_formula (void)
{
  g_autoptr(TgResult) r = scored_result ();
  TgSeasonScore s;

  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.crowd_factor, 1.3, EPS);        /* 10,000 ≥ 5,000 */
  g_assert_cmpfloat_with_epsilon (s.difficulty_factor, 1.2, EPS);
  g_assert_cmpfloat_with_epsilon (s.placement, 1000 * (1 - 100.0 / 10000) * 1.3 * 1.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.z[TG_SEASON_Z_QUEUE], 1, EPS);
  g_assert_cmpfloat_with_epsilon (s.z[TG_SEASON_Z_CAPTCHA], 2, EPS);
  g_assert_cmpfloat_with_epsilon (s.z[TG_SEASON_Z_SEAT], -1, EPS);
  g_assert_true (s.z_known[TG_SEASON_Z_SEAT]);
  /* 100 × (0.4·1 + 0.2·2 + 0.4·(−1)) = 40 */
  g_assert_cmpfloat_with_epsilon (s.speed_bonus, 40, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.score, (1544.4 + 40) / 10, 1e-6);
  g_assert_cmpfloat_with_epsilon (tg_season_score (r), 158.44, 1e-6);
}

static void
test_factors (void)
{
  g_autoptr(TgResult) r = scored_result ();
  TgSeasonScore s;

  /* A small crowd earns part of the crowd factor; hard 1.3, easy 1.1. */
  r->n_bots = 999;
  r->rank_all = 1;
  r->difficulty = TG_DIFFICULTY_HARD;
  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.crowd_factor, 1 + 0.3 * 1000 / 5000, EPS);
  g_assert_cmpfloat_with_epsilon (s.difficulty_factor, 1.3, EPS);
  r->difficulty = TG_DIFFICULTY_EASY;
  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.difficulty_factor, 1.1, EPS);

  /* Last of everyone: no placement points, the bonus alone. */
  r->rank_all = 1000;
  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.placement, 0, EPS);
  g_assert_cmpfloat_with_epsilon (s.score, 4, 1e-6);
}

static void
test_bonus_clamped (void)
{
  g_autoptr(TgResult) r = scored_result ();
  TgSeasonScore s;

  /* Far faster than every bot: the bonus stops at 300. */
  r->stage_ms[TG_STAGE_QUEUE] = 0;
  r->stage_ms[TG_STAGE_SEAT] = 0;
  r->stage_ms[TG_STAGE_CAPTCHA] = 0;
  set_bots (&r->bot_stages[TG_STAGE_SEAT], 4000, 100);
  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.speed_bonus, 300, EPS);

  /* Far slower: never below 0. */
  r->stage_ms[TG_STAGE_QUEUE] = 500000;
  r->stage_ms[TG_STAGE_CAPTCHA] = 500000;
  r->stage_ms[TG_STAGE_SEAT] = 500000;
  tg_season_score_play (r, &s);
  g_assert_cmpfloat_with_epsilon (s.speed_bonus, 0, EPS);
  g_assert_cmpfloat_with_epsilon (s.score, s.placement / 10, EPS);
}

static void
test_failed_and_unknown (void)
{
  g_autoptr(TgResult) r = scored_result ();
  TgSeasonScore s;

  r->success = FALSE;
  r->fail_reason = TG_FAIL_SOLD_OUT;
  r->rank_all = 0;
  tg_season_score_play (r, &s);
  g_assert_cmpfloat (s.score, ==, 0);
  g_assert_cmpfloat (s.placement, ==, 0);
  g_assert_cmpfloat (s.speed_bonus, ==, 0);

  /* A play stored before the bots' distribution was kept: no z, no bonus, placement only. */
  r->success = TRUE;
  r->rank_all = 100;
  memset (r->bot_stages, 0, sizeof r->bot_stages);
  tg_season_score_play (r, &s);
  for (guint i = 0; i < TG_SEASON_N_Z; i++)
    {
      g_assert_false (s.z_known[i]);
      g_assert_cmpfloat (s.z[i], ==, 0);
    }
  g_assert_cmpfloat_with_epsilon (s.score, 154.44, 1e-6);
}

static void
test_weeks_and_best (void)
{
  const gint64 t[TG_N_STAGES] = { 300, 1000, 20000, 9000, 3000, 5000 };
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);
  g_autoptr(GPtrArray) weeks = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("+09:00");
  TgSeasonBest best;
  double s1, s2, s3, s4;

  /* Monday noon, Sunday 23:00 of the same week, next Monday 1:00, and a failed run. */
  g_ptr_array_add (plays, fixture_play (1, 0, 0, TG_DIFFICULTY_MEDIUM, TRUE, t));
  g_ptr_array_add (plays, fixture_play (2, 6, 11, TG_DIFFICULTY_HARD, TRUE, t));
  g_ptr_array_add (plays, fixture_play (3, 7, -11, TG_DIFFICULTY_EASY, TRUE, t));
  g_ptr_array_add (plays, fixture_play (4, 7, 0, TG_DIFFICULTY_EASY, FALSE, t));
  s1 = tg_season_score (((TgHistoryPlay *) plays->pdata[0])->result);
  s2 = tg_season_score (((TgHistoryPlay *) plays->pdata[1])->result);
  s3 = tg_season_score (((TgHistoryPlay *) plays->pdata[2])->result);
  s4 = tg_season_score (((TgHistoryPlay *) plays->pdata[3])->result);
  g_assert_cmpfloat (s4, ==, 0);
  g_assert_cmpfloat (s2, >, s1);   /* hard, same times */

  weeks = tg_season_weeks (plays, utc);
  g_assert_cmpuint (weeks->len, ==, 2);
  {
    TgSeasonWeek *w0 = weeks->pdata[0], *w1 = weeks->pdata[1];
    g_autofree char *start = g_date_time_format_iso8601 (w0->week_start);

    g_assert_cmpstr (start, ==, "2026-03-02T00:00:00Z");
    g_assert_cmpuint (w0->n_plays, ==, 2);
    g_assert_cmpfloat_with_epsilon (w0->total, s1 + s2, 1e-9);
    g_assert_cmpfloat_with_epsilon (w0->best, s2, 1e-9);
    g_assert_cmpuint (w1->n_plays, ==, 2);
    g_assert_cmpfloat_with_epsilon (w1->total, s3, 1e-9);
  }
  g_clear_pointer (&weeks, g_ptr_array_unref);

  /* In Seoul, Sunday 23:00 UTC is already Monday: the second play moves a week on. */
  weeks = tg_season_weeks (plays, seoul);
  g_assert_cmpuint (weeks->len, ==, 2);
  g_assert_cmpuint (((TgSeasonWeek *) weeks->pdata[0])->n_plays, ==, 1);
  g_assert_cmpuint (((TgSeasonWeek *) weeks->pdata[1])->n_plays, ==, 3);

  tg_season_personal_best (plays, utc, &best);
  g_assert_cmpint (best.best_play_id, ==, 2);
  g_assert_cmpfloat_with_epsilon (best.best_play, s2, 1e-9);
  g_assert_cmpfloat_with_epsilon (best.best_week, MAX (s1 + s2, s3), 1e-9);
  g_assert_cmpfloat_with_epsilon (best.total, s1 + s2 + s3, 1e-9);
  g_assert_cmpuint (best.n_plays, ==, 4);

  /* A tie goes to the earlier play, whatever the order of the list. */
  g_ptr_array_insert (plays, 0, fixture_play (9, 9, 0, TG_DIFFICULTY_HARD, TRUE, t));
  ((TgHistoryPlay *) plays->pdata[0])->result->rank_all = 100;   /* same as play 2 */
  tg_season_personal_best (plays, utc, &best);
  g_assert_cmpint (best.best_play_id, ==, 2);

  g_ptr_array_set_size (plays, 0);
  tg_season_personal_best (plays, utc, &best);
  g_assert_cmpint (best.best_play_id, ==, -1);
  g_assert_cmpfloat (best.best_play, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/season/formula", test_formula);
  g_test_add_func ("/stats/season/factors", test_factors);
  g_test_add_func ("/stats/season/bonus-clamped", test_bonus_clamped);
  g_test_add_func ("/stats/season/failed-and-unknown", test_failed_and_unknown);
  g_test_add_func ("/stats/season/weeks-and-best", test_weeks_and_best);

  return g_test_run ();
}
