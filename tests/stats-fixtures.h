/* stats-fixtures.h: fixed plays for the statistics, analyst, LLM and chart tests.
 * Header-only on purpose: each test is one executable. */
#pragma once

#include <math.h>

#include "tg-history.h"

/* The bots of a match at one stage, spread uniformly over [lo, hi]. */
static inline void
fixture_uniform_bots (TgBotStageSummary *bots,
                      gint64             lo,
                      gint64             hi,
                      guint              n)
{
  bots->n = n;
  bots->mean_ms = (lo + hi) / 2.0;
  bots->stddev_ms = (hi - lo) / sqrt (12);
  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    bots->q_ms[q] = lo + (hi - lo) * q / (TG_BOT_N_QUANTILES - 1);
}

/* A play @day days after 2026-03-02 (a Monday) 12:00 UTC, @hour added. Stage times in ms, -1
 * for a stage not reached. The bots: reaction 200–1800, date 800–2400, queue 0–60000,
 * captcha 5000–18000, seat 2000–8000, payment 3000–12000; 5000 bots. */
static inline TgHistoryPlay *
fixture_play (gint64        id,
              int           day,
              int           hour,
              TgDifficulty  difficulty,
              gboolean      success,
              const gint64  stage_ms[TG_N_STAGES])
{
  static const gint64 bot_range[TG_N_STAGES][2] = {
    { 200, 1800 }, { 800, 2400 }, { 0, 60000 }, { 5000, 18000 }, { 2000, 8000 }, { 3000, 12000 },
  };
  TgHistoryPlay *play = g_new0 (TgHistoryPlay, 1);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 3, 2, 12, 0, 0);
  g_autoptr(GDateTime) at_day = g_date_time_add_days (base, day);
  TgResult *r = tg_result_new ();

  play->id = id;
  play->meta.played_at = g_date_time_add_hours (at_day, hour);
  play->result = r;
  r->seed = (guint64) id;
  r->difficulty = difficulty;
  r->n_bots = 4999;
  r->n_humans = 1;
  r->venue_name = g_strdup ("올림픽홀");
  r->success = success;
  r->fail_reason = success ? TG_FAIL_NONE : TG_FAIL_SOLD_OUT;
  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      r->stage_ms[s] = stage_ms[s];
      fixture_uniform_bots (&r->bot_stages[s], bot_range[s][0], bot_range[s][1], 5000);
    }
  r->first_queue_position = 500 + 10 * (guint) id;
  r->queue_total_at_join = 5000;
  if (success)
    {
      r->n_seats = 2;
      r->seat_ids[0] = g_strdup ("R-3-10");
      r->seat_ids[1] = g_strdup ("R-3-11");
      r->seat_grades[0] = g_strdup (id % 3 == 0 ? "VIP" : "R");
      r->seat_grades[1] = g_strdup (id % 3 == 0 ? "VIP" : "R");
      r->rank_all = 50 * (guint) id;
      r->rank_humans = 1;
      r->n_buyers = 3000;
      r->price_paid = 268000;
    }
  return play;
}
