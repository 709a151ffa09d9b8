#include "config.h"

#include <math.h>

#include "tg-bots.h"
#include "tg-match.h"

static void
test_skill_mix (void)
{
  for (TgDifficulty d = TG_DIFFICULTY_EASY; d <= TG_DIFFICULTY_HARD; d++)
    {
      guint counts[TG_N_BOT_SKILLS] = { 0 };
      const guint n = 200000;
      TgRng rng;

      tg_rng_init (&rng, 42, d);
      for (guint i = 0; i < n; i++)
        counts[tg_bot_draw_skill (&rng, d)]++;
      for (guint k = 0; k < TG_N_BOT_SKILLS; k++)
        g_assert_cmpfloat_with_epsilon (100.0 * counts[k] / n, tg_bot_skill_percent (d, k), 0.5);
    }
  /* REFERENCE.md's mixes. */
  g_assert_cmpuint (tg_bot_skill_percent (TG_DIFFICULTY_EASY, TG_BOT_BEGINNER), ==, 70);
  g_assert_cmpuint (tg_bot_skill_percent (TG_DIFFICULTY_MEDIUM, TG_BOT_INTERMEDIATE), ==, 50);
  g_assert_cmpuint (tg_bot_skill_percent (TG_DIFFICULTY_HARD, TG_BOT_EXPERT), ==, 60);
}

static void
test_delay_distributions (void)
{
  TgRng rng;

  tg_rng_init (&rng, 5, 0);
  for (TgBotSkill k = 0; k < TG_N_BOT_SKILLS; k++)
    for (TgBotDelay d = 0; d < TG_N_BOT_DELAYS; d++)
      {
        const TgDelaySpec *spec = tg_bot_delay_spec (k, d);
        gint64 lo = G_MAXINT64, hi = G_MININT64;
        double sum = 0;
        const guint n = 50000;

        for (guint i = 0; i < n; i++)
          {
            gint64 v = tg_bot_draw_delay (&rng, k, d);
            lo = MIN (lo, v);
            hi = MAX (hi, v);
            sum += (double) v;
          }
        g_assert_cmpint (lo, >=, (spec->base_ms - spec->spread_ms) * 1000);
        g_assert_cmpint (hi, <=, (spec->base_ms + spec->spread_ms) * 1000);
        g_assert_cmpfloat_with_epsilon (sum / n / 1000.0, (double) spec->base_ms,
                                        MAX (1.0, spec->spread_ms * 0.02));
        if (spec->spread_ms > 0)
          /* Uniform over the whole range: the extremes are reached. */
          g_assert_cmpint (hi - lo, >, spec->spread_ms * 1000 * 19 / 10);
      }

  /* REFERENCE.md's figures. */
  g_assert_cmpint (tg_bot_delay_spec (TG_BOT_BEGINNER, TG_BOT_DELAY_CAPTCHA)->base_ms, ==, 15000);
  g_assert_cmpint (tg_bot_delay_spec (TG_BOT_EXPERT, TG_BOT_DELAY_SEAT)->spread_ms, ==, 500);
  g_assert_cmpint (tg_bot_delay_spec (TG_BOT_INTERMEDIATE, TG_BOT_DELAY_RETRY)->base_ms, ==, 100);
  g_assert_cmpuint (tg_bot_captcha_fail_percent (TG_BOT_BEGINNER), ==, 30);
  g_assert_cmpuint (tg_bot_captcha_fail_percent (TG_BOT_INTERMEDIATE), ==, 15);
  g_assert_cmpuint (tg_bot_captcha_fail_percent (TG_BOT_EXPERT), ==, 5);
}

static TgMatch *
run_match (TgClock         *clock,
           TgMatchSettings *settings)
{
  g_autoptr(GError) error = NULL;
  TgMatch *match = tg_match_new (settings, clock, &error);

  g_assert_no_error (error);
  while (!tg_match_is_finished (match))
    g_assert_true (tg_manual_clock_step (TG_MANUAL_CLOCK (clock)));
  return match;
}

/* Expected mean of a stage over the difficulty's mix; captcha attempts repeat on failure. */
static double
expected_mean (TgDifficulty d,
               TgBotDelay   delay)
{
  double mean = 0;

  for (TgBotSkill k = 0; k < TG_N_BOT_SKILLS; k++)
    {
      double base = (double) tg_bot_delay_spec (k, delay)->base_ms;
      if (delay == TG_BOT_DELAY_CAPTCHA)
        base /= 1.0 - tg_bot_captcha_fail_percent (k) / 100.0;
      mean += tg_bot_skill_percent (d, k) / 100.0 * base;
    }
  return mean;
}

static void
test_match_distributions (void)
{
  for (TgDifficulty d = TG_DIFFICULTY_EASY; d <= TG_DIFFICULTY_HARD; d++)
    {
      g_autoptr(TgClock) clock = tg_manual_clock_new ();
      g_autoptr(TgVenue) venue = tg_venue_new_preset ("large", NULL);
      g_autoptr(TgMatch) match = NULL;
      TgMatchSettings settings;
      TgStageStats reaction, date, captcha, payment;

      tg_match_settings_init (&settings);
      settings.venue = venue;
      /* Fewer bots than it takes to sell out: every bot finishes every stage, so no stage is
       * cut short for the slow ones. */
      settings.n_bots = 8000;
      settings.difficulty = d;
      settings.seed = 1234 + d;
      settings.countdown = 0;
      /* Admit everyone at once, so every bot goes through the captcha. */
      settings.admission_rate = 100000;
      match = run_match (clock, &settings);

      tg_match_get_bot_stage_stats (match, TG_STAGE_REACTION, &reaction);
      tg_match_get_bot_stage_stats (match, TG_STAGE_DATE, &date);
      tg_match_get_bot_stage_stats (match, TG_STAGE_CAPTCHA, &captcha);
      tg_match_get_bot_stage_stats (match, TG_STAGE_PAYMENT, &payment);

      g_assert_cmpuint (reaction.n, ==, 8000);
      g_assert_false (tg_match_is_sold_out (match));
      g_assert_cmpfloat_with_epsilon (reaction.mean, expected_mean (d, TG_BOT_DELAY_REACTION),
                                      expected_mean (d, TG_BOT_DELAY_REACTION) * 0.03);
      g_assert_cmpfloat_with_epsilon (date.mean, expected_mean (d, TG_BOT_DELAY_DATE),
                                      expected_mean (d, TG_BOT_DELAY_DATE) * 0.03);
      /* Captcha failures at 30/15/5 % stretch the stage by 1/(1-p). */
      g_assert_cmpuint (captcha.n, ==, 8000);
      g_assert_cmpfloat_with_epsilon (captcha.mean, expected_mean (d, TG_BOT_DELAY_CAPTCHA),
                                      expected_mean (d, TG_BOT_DELAY_CAPTCHA) * 0.03);
      g_assert_cmpuint (payment.n, >, 0);
      g_assert_cmpint (payment.max, <=, 12000);
    }

  /* Harder crowds are faster. */
  g_assert_cmpfloat (expected_mean (TG_DIFFICULTY_HARD, TG_BOT_DELAY_SEAT), <,
                     expected_mean (TG_DIFFICULTY_EASY, TG_BOT_DELAY_SEAT));
}

static void
test_seat_preferences (void)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgSeatPrefs) prefs = tg_seat_prefs_new (venue, 9);
  g_autoptr(TgLedger) ledger = tg_ledger_new (tg_venue_get_n_seats (venue));
  double mean_rank[TG_N_BOT_SKILLS];
  TgRng rng;

  tg_rng_init (&rng, 9, 1);
  for (TgBotSkill k = 0; k < TG_N_BOT_SKILLS; k++)
    {
      double sum = 0;
      for (guint i = 0; i < 500; i++)
        {
          guint32 seats[4];
          guint n = tg_seat_prefs_pick (prefs, k, &rng, 2, seats);

          g_assert_cmpuint (n, >=, 1);
          g_assert_cmpuint (n, <=, 2);
          if (n == 2)
            g_assert_cmpuint (MAX (seats[0], seats[1]) - MIN (seats[0], seats[1]), ==, 1);
          sum += tg_venue_get_grade (venue, tg_venue_get_seat (venue, seats[0])->grade)->rank;
        }
      mean_rank[k] = sum / 500;
    }
  /* Experts go for premium grades (rank 0), beginners for cheaper ones. */
  g_assert_cmpfloat (mean_rank[TG_BOT_EXPERT], <, 0.5);
  g_assert_cmpfloat (mean_rank[TG_BOT_EXPERT], <=, mean_rank[TG_BOT_INTERMEDIATE]);
  g_assert_cmpfloat (mean_rank[TG_BOT_EXPERT], <, mean_rank[TG_BOT_BEGINNER]);
  g_assert_cmpfloat (mean_rank[TG_BOT_INTERMEDIATE], <=, mean_rank[TG_BOT_BEGINNER]);
}

static void
test_pick_skips_taken (void)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgSeatPrefs) prefs = tg_seat_prefs_new (venue, 1);
  guint n_seats = tg_venue_get_n_seats (venue);
  g_autofree guint8 *taken = g_new0 (guint8, n_seats);
  guint32 seats[4], kept = G_MAXUINT32;
  TgRng rng;

  tg_rng_init (&rng, 1, 1);
  g_assert_cmpuint (tg_seat_prefs_get_n_available (prefs), ==, n_seats);
  /* Take every seat but one, one by one, always with a pick: picks never return a taken seat. */
  for (guint i = 0; i + 1 < n_seats; i++)
    {
      guint n = tg_seat_prefs_pick (prefs, i % TG_N_BOT_SKILLS, &rng, 1, seats);
      g_assert_cmpuint (n, ==, 1);
      g_assert_false (taken[seats[0]]);
      taken[seats[0]] = 1;
      tg_seat_prefs_seat_taken (prefs, seats[0]);
      if (i == 10)
        kept = seats[0];
    }
  g_assert_cmpuint (tg_seat_prefs_get_n_available (prefs), ==, 1);
  g_assert_cmpuint (tg_seat_prefs_pick (prefs, TG_BOT_EXPERT, &rng, 2, seats), ==, 1);
  g_assert_false (taken[seats[0]]);
  tg_seat_prefs_seat_taken (prefs, seats[0]);
  /* Reporting the same change twice changes nothing. */
  tg_seat_prefs_seat_taken (prefs, seats[0]);
  g_assert_cmpuint (tg_seat_prefs_pick (prefs, TG_BOT_EXPERT, &rng, 2, seats), ==, 0);
  g_assert_cmpuint (tg_seat_prefs_best_available (prefs, 2, seats), ==, 0);

  /* A released seat (취소표) is found again. */
  tg_seat_prefs_seat_freed (prefs, kept);
  g_assert_cmpuint (tg_seat_prefs_pick (prefs, TG_BOT_BEGINNER, &rng, 1, seats), ==, 1);
  g_assert_cmpuint (seats[0], ==, kept);
  g_assert_cmpuint (tg_seat_prefs_best_available (prefs, 2, seats), ==, 1);
}

/* Near the end fewer seats are left than a bot's pick window: the picks spread over them. */
static void
test_pick_spreads_near_the_end (void)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgSeatPrefs) prefs = tg_seat_prefs_new (venue, 1);
  guint n_seats = tg_venue_get_n_seats (venue);
  g_autoptr(GHashTable) hits = g_hash_table_new (NULL, NULL);
  const guint left = 13, n = 13000;
  guint32 seats[4];
  guint most = 0;
  TgRng rng;

  tg_rng_init (&rng, 3, 0);
  /* Sell all but 13 seats, the experts' favourites first. */
  for (guint i = 0; i + left < n_seats; i++)
    {
      g_assert_cmpuint (tg_seat_prefs_pick (prefs, TG_BOT_EXPERT, &rng, 1, seats), ==, 1);
      tg_seat_prefs_seat_taken (prefs, seats[0]);
    }
  g_assert_cmpuint (tg_seat_prefs_get_n_available (prefs), ==, left);

  for (TgBotSkill k = 0; k < TG_N_BOT_SKILLS; k++)
    {
      g_hash_table_remove_all (hits);
      most = 0;
      for (guint i = 0; i < n; i++)
        {
          guint count;

          g_assert_cmpuint (tg_seat_prefs_pick (prefs, k, &rng, 1, seats), ==, 1);
          count = GPOINTER_TO_UINT (g_hash_table_lookup (hits, GUINT_TO_POINTER (seats[0]))) + 1;
          g_hash_table_insert (hits, GUINT_TO_POINTER (seats[0]), GUINT_TO_POINTER (count));
          most = MAX (most, count);
        }
      /* Every seat left is tried, none by far more than its share (1,000 each). */
      g_assert_cmpuint (g_hash_table_size (hits), ==, left);
      g_assert_cmpuint (most, <, 1200);
    }
}

/* A bot's hold runs out at its TTL like anyone's: no hold is ever active past its expiry. */
static void
test_bot_hold_expiry (void)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgMatch) match = NULL;
  TgMatchSettings settings;
  TgLedger *ledger;
  guint expired_seen = 0;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 300;
  settings.countdown = 0;
  settings.hold_ttl = TG_USEC_PER_SEC;   /* shorter than any bot's way to payment (≥ 3 s) */
  settings.bot_cancel_percent = 0;
  settings.bot_abandon_percent = 0;
  match = tg_match_new (&settings, clock, NULL);
  ledger = tg_match_get_ledger (match);

  while (!tg_match_is_finished (match))
    {
      g_assert_true (tg_manual_clock_step (TG_MANUAL_CLOCK (clock)));
      g_assert_cmpint (tg_ledger_next_expiry (ledger), >, tg_clock_now (clock));
      expired_seen = tg_match_get_n_bots_failed (match, TG_FAIL_HOLD_EXPIRED);
    }
  g_assert_cmpuint (tg_match_get_n_bots_done (match), ==, 0);
  g_assert_cmpuint (expired_seen, >, 250);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, 0);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_SOLD), ==, 0);
}

static char *
summary_of (guint64 seed,
            guint   cancel,
            guint   abandon)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgMatch) match = NULL;
  TgMatchSettings settings;
  GString *out = g_string_new (NULL);
  guint sold[TG_VENUE_MAX_GRADES];

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 4000;
  settings.seed = seed;
  settings.countdown = 0;
  settings.bot_cancel_percent = cancel;
  settings.bot_abandon_percent = abandon;
  match = run_match (clock, &settings);

  g_string_append_printf (out, "sellout=%" G_GINT64_FORMAT " done=%u", tg_match_get_sell_out_time (match),
                          tg_match_get_n_bots_done (match));
  for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
    g_string_append_printf (out, " f%d=%u", r, tg_match_get_n_bots_failed (match, r));
  for (TgStage s = 0; s < TG_N_STAGES; s++)
    {
      TgStageStats st;
      tg_match_get_bot_stage_stats (match, s, &st);
      g_string_append_printf (out, " %s=%u/%.3f/%" G_GINT64_FORMAT, tg_stage_to_string (s), st.n, st.mean, st.p90);
    }
  tg_match_count_sold_by_grade (match, sold);
  for (guint g = 0; g < tg_venue_get_n_grades (venue); g++)
    g_string_append_printf (out, " g%u=%u", g, sold[g]);
  return g_string_free (out, FALSE);
}

static void
test_determinism (void)
{
  g_autofree char *a = summary_of (77, 10, 8);
  g_autofree char *b = summary_of (77, 10, 8);
  g_autofree char *c = summary_of (78, 10, 8);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_cancel_and_abandon (void)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  TgMatchSettings settings;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 500;
  settings.countdown = 0;

  /* Everyone cancels: holds come back as 취소표 and nothing is ever sold. */
  settings.bot_cancel_percent = 100;
  settings.bot_abandon_percent = 0;
  {
    g_autoptr(TgMatch) match = run_match (clock, &settings);
    g_assert_cmpuint (tg_match_get_n_bots_done (match), ==, 0);
    g_assert_cmpuint (tg_match_get_n_bots_cancelled (match), >, 400);
    /* A cancel is not a failure. */
    g_assert_cmpuint (tg_match_get_n_bots_failed (match, TG_FAIL_GAVE_UP), <, 100);
    g_assert_cmpuint (tg_ledger_count (tg_match_get_ledger (match), TG_SEAT_SOLD), ==, 0);
    g_assert_cmpuint (tg_ledger_count (tg_match_get_ledger (match), TG_SEAT_HELD), ==, 0);
  }

  /* Everyone abandons payment. */
  settings.bot_cancel_percent = 0;
  settings.bot_abandon_percent = 100;
  {
    g_autoptr(TgMatch) match = run_match (clock, &settings);
    g_assert_cmpuint (tg_match_get_n_bots_done (match), ==, 0);
    g_assert_cmpuint (tg_match_get_n_bots_failed (match, TG_FAIL_PAYMENT), >, 400);
    g_assert_cmpuint (tg_ledger_count (tg_match_get_ledger (match), TG_SEAT_HELD), ==, 0);
  }

  /* Defaults: 10 % cancel and 8 % abandon among the bots that held: 60,000 holders over five
   * seeds, so 0.5 points is over 4 standard deviations (0.12 and 0.11 points). */
  {
    g_autoptr(TgVenue) arena = tg_venue_new_preset ("large", NULL);
    guint held = 0, cancelled = 0, abandoned = 0;

    settings.venue = arena;
    settings.bot_cancel_percent = 10;
    settings.bot_abandon_percent = 8;
    settings.n_bots = 12000;
    settings.seats_per_booking = 1;
    for (settings.seed = 1; settings.seed <= 5; settings.seed++)
      {
        g_autoptr(TgMatch) match = run_match (clock, &settings);

        cancelled += tg_match_get_n_bots_cancelled (match);
        abandoned += tg_match_get_n_bots_failed (match, TG_FAIL_PAYMENT);
        held += tg_match_get_n_bots_done (match) + tg_match_get_n_bots_cancelled (match) +
                tg_match_get_n_bots_failed (match, TG_FAIL_PAYMENT);
      }
    g_assert_cmpuint (held, >, 55000);
    g_assert_cmpfloat_with_epsilon (100.0 * cancelled / held, 10, 0.5);
    g_assert_cmpfloat_with_epsilon (100.0 * abandoned / held, 8, 0.5);
  }
}

static void
test_conflicts_retry (void)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgMatch) match = NULL;
  TgMatchSettings settings;
  guint conflicts, won_after;

  /* Experts all aiming at the best seats at once: 이선좌 happens, and they move on. */
  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 3000;
  settings.difficulty = TG_DIFFICULTY_HARD;
  settings.countdown = 0;
  settings.admission_rate = 100000;
  settings.bot_cancel_percent = 0;
  settings.bot_abandon_percent = 0;
  match = run_match (clock, &settings);

  g_assert_true (tg_match_is_sold_out (match));
  conflicts = tg_match_get_n_bot_conflicts (match, &won_after);
  /* Bots collide on the favourite seats, then win with their next choices. */
  g_assert_cmpuint (conflicts, >, 100);
  g_assert_cmpuint (won_after, >, 50);
  g_assert_cmpuint (won_after, <=, tg_match_get_n_bots_done (match));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/bots/skill-mix", test_skill_mix);
  g_test_add_func ("/engine/bots/delay-distributions", test_delay_distributions);
  g_test_add_func ("/engine/bots/match-distributions", test_match_distributions);
  g_test_add_func ("/engine/bots/seat-preferences", test_seat_preferences);
  g_test_add_func ("/engine/bots/pick-skips-taken", test_pick_skips_taken);
  g_test_add_func ("/engine/bots/pick-spreads-near-the-end", test_pick_spreads_near_the_end);
  g_test_add_func ("/engine/bots/hold-expiry", test_bot_hold_expiry);
  g_test_add_func ("/engine/bots/determinism", test_determinism);
  g_test_add_func ("/engine/bots/cancel-and-abandon", test_cancel_and_abandon);
  g_test_add_func ("/engine/bots/conflicts-retry", test_conflicts_retry);

  return g_test_run ();
}
