/* test-stats.c: descriptive statistics, the bots' distribution and figures over plays. */

#include "config.h"

#include <math.h>

#include "tg-play-stats.h"
#include "tg-stats.h"
#include "stats-fixtures.h"

#define EPS 1e-9

static void
test_mean_stddev (void)
{
  const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };

  g_assert_cmpfloat_with_epsilon (tg_stats_mean (v, G_N_ELEMENTS (v)), 5, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_stddev (v, G_N_ELEMENTS (v)), sqrt (32.0 / 7), EPS);
  g_assert_true (isnan (tg_stats_mean (NULL, 0)));
  g_assert_cmpfloat (tg_stats_stddev (v, 1), ==, 0);
}

static void
test_percentile (void)
{
  const double four[] = { 4, 1, 3, 2 };   /* unsorted on purpose */
  const double one[] = { 42 };

  /* Type 7: h = (n − 1)·p. */
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 0), 1, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 25), 1.75, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 50), 2.5, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 90), 3.7, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 100), 4, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (four, 4, 150), 4, EPS);   /* clamped */
  g_assert_cmpfloat_with_epsilon (tg_stats_percentile (one, 1, 37), 42, EPS);
  g_assert_true (isnan (tg_stats_percentile (NULL, 0, 50)));
  /* The input is left alone. */
  g_assert_cmpfloat (four[0], ==, 4);
}

static void
test_summary (void)
{
  const double v[] = { 10, NAN, 30, 20, NAN, 40 };
  TgSummary s;

  tg_stats_summarize (v, G_N_ELEMENTS (v), &s);
  g_assert_cmpuint (s.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (s.mean, 25, EPS);
  g_assert_cmpfloat_with_epsilon (s.median, 25, EPS);
  g_assert_cmpfloat_with_epsilon (s.min, 10, EPS);
  g_assert_cmpfloat_with_epsilon (s.max, 40, EPS);
  g_assert_cmpfloat_with_epsilon (s.p10, 13, EPS);
  g_assert_cmpfloat_with_epsilon (s.p90, 37, EPS);
  g_assert_cmpfloat_with_epsilon (s.stddev, sqrt (500.0 / 3), EPS);

  tg_stats_summarize (v + 1, 1, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_true (isnan (s.mean) && isnan (s.median));
}

static void
test_zscore (void)
{
  g_assert_cmpfloat_with_epsilon (tg_stats_zscore (13, 10, 2), 1.5, EPS);
  g_assert_cmpfloat_with_epsilon (tg_stats_zscore (7, 10, 2), -1.5, EPS);
  g_assert_cmpfloat (tg_stats_zscore (7, 10, 0), ==, 0);
  g_assert_cmpfloat (tg_stats_zscore (NAN, 10, 1), ==, 0);
}

static void
test_moving_average (void)
{
  double v[] = { 1, 2, 3, 4, 5 };
  const double with_gap[] = { 1, NAN, 3, NAN, NAN, NAN };
  double out[6];

  tg_stats_moving_average (v, 5, 3, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1, EPS);
  g_assert_cmpfloat_with_epsilon (out[1], 1.5, EPS);
  g_assert_cmpfloat_with_epsilon (out[2], 2, EPS);
  g_assert_cmpfloat_with_epsilon (out[3], 3, EPS);
  g_assert_cmpfloat_with_epsilon (out[4], 4, EPS);

  tg_stats_moving_average (with_gap, 6, 2, out);
  g_assert_cmpfloat_with_epsilon (out[1], 1, EPS);
  g_assert_cmpfloat_with_epsilon (out[2], 3, EPS);
  g_assert_cmpfloat_with_epsilon (out[3], 3, EPS);
  g_assert_true (isnan (out[4]));

  /* In place. */
  tg_stats_moving_average (v, 5, 2, v);
  g_assert_cmpfloat_with_epsilon (v[4], 4.5, EPS);
}

static void
test_linear_fit (void)
{
  const double x[] = { 0, 1, 2, 3, 4 };
  const double y[] = { 3, 1, -1, -3, -5 };
  const double noisy[] = { 10, 12, NAN, 11, 13 };
  const double same_x[] = { 2, 2, 2 };
  double slope = 0, intercept = 0;

  g_assert_true (tg_stats_linear_fit (x, y, 5, &slope, &intercept));
  g_assert_cmpfloat_with_epsilon (slope, -2, EPS);
  g_assert_cmpfloat_with_epsilon (intercept, 3, EPS);

  /* Points (0,10) (1,12) (3,11) (4,13): x̄ = 2, ȳ = 11.5, Sxy = 5, Sxx = 10. */
  g_assert_true (tg_stats_linear_fit (x, noisy, 5, &slope, &intercept));
  g_assert_cmpfloat_with_epsilon (slope, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (intercept, 10.5, EPS);

  g_assert_false (tg_stats_linear_fit (same_x, y, 3, &slope, NULL));
  g_assert_false (tg_stats_linear_fit (x, y, 1, &slope, NULL));
}

static void
test_histogram (void)
{
  const double v[] = { -5, 0, 9.99, 10, 25, 30, 100, NAN };
  const double edges[] = { 0, 10, 20, 30 };
  guint counts[3];

  tg_stats_histogram (v, G_N_ELEMENTS (v), edges, 3, counts);
  g_assert_cmpuint (counts[0], ==, 3);   /* -5 (below: first bin), 0, 9.99 */
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[2], ==, 3);   /* 25, 30 and 100 (from the last edge on) */
}

static void
test_bot_distribution (void)
{
  TgBotStageSummary bots = { 0 };
  TgBotStageSummary flat = { 0 };

  g_assert_cmpfloat (tg_bot_stage_cdf (&bots, 100), ==, -1);
  g_assert_cmpfloat (tg_bot_stage_share_slower (&bots, 100), ==, -1);
  g_assert_true (isnan (tg_bot_stage_quantile (&bots, 50)));
  g_assert_cmpfloat (tg_bot_stage_speed_z (&bots, 100), ==, 0);

  fixture_uniform_bots (&bots, 0, 2000, 100);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_cdf (&bots, 250), 12.5, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_share_slower (&bots, 250), 87.5, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_cdf (&bots, -1), 0, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_cdf (&bots, 2000), 100, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_quantile (&bots, 12.5), 250, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_quantile (&bots, 100), 2000, EPS);
  /* Mean 1000, sd 2000/√12: 1000 − 577.35 is one sd faster. */
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_speed_z (&bots, 1000 - 2000 / sqrt (12)), 1, 1e-6);

  /* Every bot at 500 ms: a step. */
  fixture_uniform_bots (&flat, 500, 500, 10);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_cdf (&flat, 499), 0, EPS);
  g_assert_cmpfloat_with_epsilon (tg_bot_stage_cdf (&flat, 500), 100, EPS);
  g_assert_cmpfloat (tg_bot_stage_speed_z (&flat, 400), ==, 0);   /* no spread: no z */
}

static GPtrArray *
three_plays (void)
{
  const gint64 a[TG_N_STAGES] = { 300, 1000, 20000, 9000, 3000, 5000 };
  const gint64 b[TG_N_STAGES] = { 400, 1200, 30000, 7000, 4000, -1 };
  const gint64 c[TG_N_STAGES] = { 200, 900, 10000, 5000, -1, -1 };
  GPtrArray *plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);

  /* Newest first, as the history lists them. */
  g_ptr_array_add (plays, fixture_play (3, 14, 0, TG_DIFFICULTY_HARD, FALSE, c));
  g_ptr_array_add (plays, fixture_play (2, 7, 0, TG_DIFFICULTY_MEDIUM, TRUE, b));
  g_ptr_array_add (plays, fixture_play (1, 0, 0, TG_DIFFICULTY_MEDIUM, TRUE, a));
  return plays;
}

static void
test_play_figures (void)
{
  g_autoptr(GPtrArray) plays = three_plays ();
  g_autoptr(GPtrArray) sorted = tg_play_stats_chronological (plays);
  g_autoptr(GArray) seat = tg_play_stats_stage_series (sorted, TG_STAGE_SEAT);
  g_autoptr(GArray) queue = tg_play_stats_queue_position_series (sorted);
  TgStageFigures f;

  g_assert_cmpint (((TgHistoryPlay *) sorted->pdata[0])->id, ==, 1);
  g_assert_cmpint (((TgHistoryPlay *) sorted->pdata[2])->id, ==, 3);
  g_assert_cmpuint (seat->len, ==, 3);
  g_assert_cmpfloat (g_array_index (seat, double, 0), ==, 3000);
  g_assert_true (isnan (g_array_index (seat, double, 2)));
  g_assert_cmpfloat (g_array_index (queue, double, 0), ==, 510);

  /* Captcha 9000, 7000, 5000 one week apart: −2000 per play and per week. */
  tg_play_stats_stage_figures (plays, TG_STAGE_CAPTCHA, &f);
  g_assert_cmpuint (f.summary.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (f.summary.median, 7000, EPS);
  g_assert_cmpfloat_with_epsilon (f.slope_per_play, -2000, 1e-6);
  g_assert_cmpfloat_with_epsilon (f.slope_per_week, -2000, 1e-6);
  /* Bots uniform 5000–18000: 9000 → 69.23 % slower, 7000 → 84.6 %, 5000 → 100 %. */
  g_assert_cmpfloat_with_epsilon (f.mean_share_slower,
                                  (100 * 9.0 / 13 + 100 * 11.0 / 13 + 100) / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (f.mean_bot_median, 11500, EPS);

  /* Seat reached twice: a trend from two points. */
  tg_play_stats_stage_figures (plays, TG_STAGE_SEAT, &f);
  g_assert_cmpuint (f.summary.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (f.slope_per_play, 1000, 1e-6);

  tg_play_stats_stage_figures (plays, TG_STAGE_PAYMENT, &f);
  g_assert_cmpuint (f.summary.n, ==, 1);
  g_assert_true (isnan (f.slope_per_play));
}

static void
test_play_counts (void)
{
  g_autoptr(GPtrArray) plays = three_plays ();
  g_autoptr(GPtrArray) grades = tg_play_stats_seat_grades (plays);
  TgDifficultyFigures by[TG_DIFFICULTY_HARD + 1];
  const double edges[] = { 0, 500, 1000, 2000 };
  double share[3];

  tg_play_stats_by_difficulty (plays, by);
  g_assert_cmpuint (by[TG_DIFFICULTY_EASY].n_plays, ==, 0);
  g_assert_cmpuint (by[TG_DIFFICULTY_MEDIUM].n_plays, ==, 2);
  g_assert_cmpuint (by[TG_DIFFICULTY_MEDIUM].n_success, ==, 2);
  g_assert_cmpuint (by[TG_DIFFICULTY_HARD].grades[TG_GRADE_F], ==, 1);
  /* Ranks 50 and 100 of 5000: both S. */
  g_assert_cmpuint (by[TG_DIFFICULTY_MEDIUM].grades[TG_GRADE_S], ==, 2);

  /* Play 2 got two R seats, play 1 two R too (ids 1, 2 are not multiples of 3). */
  g_assert_cmpuint (grades->len, ==, 1);
  g_assert_cmpstr (((TgLabelCount *) grades->pdata[0])->label, ==, "R");
  g_assert_cmpuint (((TgLabelCount *) grades->pdata[0])->count, ==, 4);

  /* Reaction bots uniform 200–1800: 18.75 % under 500, 31.25 % in 500–1000, the rest after. */
  g_assert_true (tg_play_stats_bot_histogram (plays, TG_STAGE_REACTION, edges, 3, share));
  g_assert_cmpfloat_with_epsilon (share[0], 18.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (share[1], 31.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (share[2], 50, 1e-9);
}

static void
test_drill_figures (void)
{
  g_autoptr(GPtrArray) drills = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_drill_free);
  const gint64 times[] = { 9000, -1, 7000, 6000 };
  TgDrillFigures f;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      TgHistoryDrill *d = tg_history_drill_new (TG_DRILL_CAPTCHA);

      d->id = i + 1;
      d->played_at = g_date_time_new_utc (2026, 3, 2, 10, (int) i, 0);
      d->success = times[i] >= 0;
      d->time_ms = times[i];
      d->misses = i == 1 ? 2 : 0;
      g_ptr_array_insert (drills, 0, d);   /* newest first */
    }
  g_ptr_array_add (drills, tg_history_drill_new (TG_DRILL_SEAT));

  tg_play_stats_drill_figures (drills, TG_DRILL_CAPTCHA, &f);
  g_assert_cmpuint (f.n, ==, 4);
  g_assert_cmpuint (f.n_success, ==, 3);
  g_assert_cmpuint (f.time.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (f.time.median, 7000, EPS);
  g_assert_cmpfloat_with_epsilon (f.misses_per_try, 0.5, EPS);
  /* (0, 9000) (2, 7000) (3, 6000): x̄ = 5/3, ȳ = 22000/3. */
  g_assert_cmpfloat (f.slope_per_try, <, -900);
  g_assert_cmpfloat (f.slope_per_try, >, -1100);

  tg_play_stats_drill_figures (drills, TG_DRILL_CLICK, &f);
  g_assert_cmpuint (f.n, ==, 0);
  g_assert_true (isnan (f.slope_per_try));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/describe/mean-stddev", test_mean_stddev);
  g_test_add_func ("/stats/describe/percentile", test_percentile);
  g_test_add_func ("/stats/describe/summary", test_summary);
  g_test_add_func ("/stats/describe/zscore", test_zscore);
  g_test_add_func ("/stats/describe/moving-average", test_moving_average);
  g_test_add_func ("/stats/describe/linear-fit", test_linear_fit);
  g_test_add_func ("/stats/describe/histogram", test_histogram);
  g_test_add_func ("/stats/bots/distribution", test_bot_distribution);
  g_test_add_func ("/stats/plays/figures", test_play_figures);
  g_test_add_func ("/stats/plays/counts", test_play_counts);
  g_test_add_func ("/stats/drills/figures", test_drill_figures);

  return g_test_run ();
}
