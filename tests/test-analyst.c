/* test-analyst.c: the built-in analysis report on fixed histories. */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-analyst.h"
#include "stats-fixtures.h"

/* Twelve medium matches, a day apart. Reaction at expert level, date intermediate, captcha
 * at beginner level but 600 ms faster every match, seat erratic (2.0 s or 7.0 s) at beginner
 * level with two 이선좌 per match; matches 1, 4, 7 and 10 sold out before a seat. */
static GPtrArray *
coach_history (guint n)
{
  GPtrArray *plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);

  for (guint i = 0; i < n; i++)
    {
      gboolean failed = i % 3 == 1;
      gint64 t[TG_N_STAGES] = {
        230 + 10 * (i % 3), 1100, 15000, 14000 - 600 * (gint64) i,
        failed ? -1 : (i % 2 == 0 ? 2000 : 7000), failed ? -1 : 5000,
      };
      TgHistoryPlay *play = fixture_play (i + 1, (int) i, 0, TG_DIFFICULTY_MEDIUM, !failed, t);

      play->result->seat_conflicts = 2;
      play->result->captcha_backspaces = i % 4 == 0 ? 1 : 0;
      g_ptr_array_insert (plays, 0, play);   /* newest first, as the history lists them */
    }
  return plays;
}

static void
test_not_enough (void)
{
  g_autoptr(GPtrArray) plays = coach_history (9);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgAnalysis) analysis = tg_analysis_new (plays, NULL, &error);
  g_autofree char *none = tg_analyst_not_enough_plays_message (0);

  g_assert_null (analysis);
  g_assert_error (error, TG_ANALYST_ERROR, TG_ANALYST_ERROR_NOT_ENOUGH_PLAYS);
  g_assert_nonnull (strstr (error->message, "9 full matches"));
  g_assert_nonnull (strstr (error->message, "play 1 more"));
  g_assert_nonnull (strstr (none, "play 10 more"));
}

static void
test_figures (void)
{
  g_autoptr(GPtrArray) plays = coach_history (12);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgAnalysis) a = tg_analysis_new (plays, NULL, &error);
  const TgStageAnalysis *captcha, *seat;

  g_assert_no_error (error);
  g_assert_cmpuint (a->n_plays, ==, 12);
  g_assert_cmpuint (a->n_success, ==, 8);
  g_assert_cmpuint (a->fails[TG_FAIL_SOLD_OUT], ==, 4);
  g_assert_cmpint (a->usual_difficulty, ==, TG_DIFFICULTY_MEDIUM);

  g_assert_true (a->stages[TG_STAGE_REACTION].rated);
  g_assert_cmpint (a->stages[TG_STAGE_REACTION].level, ==, TG_LEVEL_EXPERT);
  g_assert_cmpint (a->stages[TG_STAGE_DATE].level, ==, TG_LEVEL_INTERMEDIATE);
  g_assert_false (a->stages[TG_STAGE_QUEUE].rated);
  g_assert_cmpint (a->stages[TG_STAGE_PAYMENT].level, ==, TG_LEVEL_INTERMEDIATE);

  captcha = &a->stages[TG_STAGE_CAPTCHA];
  g_assert_cmpint (captcha->level, ==, TG_LEVEL_BEGINNER);
  g_assert_cmpint (captcha->level_ms[TG_LEVEL_EXPERT - 1], ==, 6500);   /* expert base */
  g_assert_cmpint (captcha->trend, ==, TG_TREND_FASTER);
  g_assert_cmpfloat_with_epsilon (captcha->figures.slope_per_play, -600, 1e-6);
  g_assert_cmpfloat_with_epsilon (captcha->figures.slope_per_week, -4200, 1e-6);
  /* In the last sold-out match the captcha (8.0 s) beat 76.9 % of the bots, the queue 75 %. */
  g_assert_cmpint (captcha->bottleneck_count, ==, 3);
  g_assert_cmpint (a->stages[TG_STAGE_QUEUE].bottleneck_count, ==, 1);

  seat = &a->stages[TG_STAGE_SEAT];
  g_assert_cmpint (seat->level, ==, TG_LEVEL_BEGINNER);
  g_assert_cmpfloat_with_epsilon (seat->figures.summary.median, 4500, 1e-9);
  g_assert_cmpint (seat->consistency, ==, TG_CONSISTENCY_ERRATIC);
  /* Half the seats took 7.0 s against a median bot of 5.0 s. */
  g_assert_cmpfloat_with_epsilon (seat->lost_ms, 1000, 1e-9);
  g_assert_cmpint (a->stages[TG_STAGE_REACTION].consistency, ==, TG_CONSISTENCY_STEADY);
  g_assert_cmpint (a->stages[TG_STAGE_REACTION].trend, ==, TG_TREND_STEADY);

  g_assert_cmpint (a->costliest_stage, ==, TG_STAGE_SEAT);
  g_assert_cmpint (a->weakest_stage, ==, TG_STAGE_SEAT);
  g_assert_true (a->mistake_flagged[TG_MISTAKE_SEAT_CONFLICTS]);
  g_assert_cmpfloat_with_epsilon (a->mistakes_per_play[TG_MISTAKE_SEAT_CONFLICTS], 2, 1e-9);
  g_assert_false (a->mistake_flagged[TG_MISTAKE_CAPTCHA_BACKSPACES]);
  g_assert_cmpuint (a->plays_with_mistake[TG_MISTAKE_CAPTCHA_BACKSPACES], ==, 3);
  g_assert_false (a->mistake_flagged[TG_MISTAKE_EARLY_CLICKS]);

  /* Seat first (weak, costly, 이선좌), then captcha (beginner level); the click is fine. */
  g_assert_cmpuint (a->n_drills, ==, 2);
  g_assert_cmpint (a->drills[0], ==, TG_DRILL_SEAT);
  g_assert_cmpint (a->drills[1], ==, TG_DRILL_CAPTCHA);

  g_assert_cmpuint (a->season.n_plays, ==, 12);
  g_assert_cmpfloat (a->season.best_play, >, 0);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

static void
test_text (void)
{
  g_autoptr(GPtrArray) plays = coach_history (12);
  g_autoptr(GPtrArray) drills = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_drill_free);
  g_autoptr(TgAnalysis) a = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 3; i++)
    {
      TgHistoryDrill *d = tg_history_drill_new (TG_DRILL_SEAT);

      d->id = i + 1;
      d->played_at = g_date_time_new_utc (2026, 3, 20, 10, (int) i, 0);
      d->success = i > 0;
      d->time_ms = i > 0 ? 3000 + 1000 * (gint64) i : -1;
      g_ptr_array_add (drills, d);
    }

  a = tg_analysis_new (plays, drills, NULL);
  sections = tg_analysis_get_sections (a);
  g_assert_cmpuint (sections->len, ==, 7);
  g_assert_cmpstr (((TgAnalysisSection *) sections->pdata[0])->title, ==, "Summary");
  g_assert_cmpstr (((TgAnalysisSection *) sections->pdata[6])->title, ==, "Drills to do next");

  text = tg_analysis_to_text (a);
  g_test_message ("%s", text);
  assert_contains (text, "12 full matches analysed: 8 with a seat (67%).");
  assert_contains (text, "Without a seat: Sold out ×4.");
  assert_contains (text, "Reaction: median 240 ms — as fast as expert bots (250 ms).");
  assert_contains (text, "Security code: median 10.7 s — beginner level");
  assert_contains (text, "Strengths: Reaction.");
  assert_contains (text, "Weakest stage: Seat selection.");
  assert_contains (text, "Security code is getting faster: −600 ms per match. Over calendar time: "
                         "−4.2 s per week.");
  assert_contains (text, "Seat selection varies the most");
  assert_contains (text, "이선좌 (seat already taken): 2.0 per match.");
  assert_contains (text, "(In 12 of 12 matches.)");
  assert_contains (text, "4 of 12 matches ended without a seat.");
  assert_contains (text, "lost the most time at Seat selection: 1.0 s per match.");
  assert_contains (text, "most bots got ahead of you at Security code (3 times).");
  assert_contains (text, "Seat picking drill at medium difficulty, 10 maps: aim for a seat in under "
                         "4.0 s without 이선좌. So far: 3 tries, 2 completed, median 4.5 s.");
  assert_contains (text, "Security code drill, 10 codes: aim for under 10.0 s");
  g_assert_null (strstr (text, "Open-time click drill"));
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) plays = coach_history (15);
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();
  g_autoptr(TgAnalysis) a = tg_analysis_new (plays, NULL, NULL);
  g_autoptr(TgAnalysis) b = NULL;
  g_autofree char *text_a = tg_analysis_to_text (a);
  g_autofree char *text_b = NULL;

  /* Same plays, another order: the same report, to the byte. */
  for (guint i = 0; i < plays->len; i++)
    g_ptr_array_add (shuffled, plays->pdata[(i * 7) % plays->len]);
  b = tg_analysis_new (shuffled, NULL, NULL);
  text_b = tg_analysis_to_text (b);
  g_assert_cmpstr (text_a, ==, text_b);
}

static void
test_expert_player (void)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);
  g_autoptr(TgAnalysis) a = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 10; i++)
    {
      const gint64 t[TG_N_STAGES] = { 200, 700, 3000, 6000, 2000, 3500 };
      g_ptr_array_add (plays, fixture_play (i + 1, (int) i, 0, TG_DIFFICULTY_HARD, TRUE, t));
    }
  a = tg_analysis_new (plays, NULL, NULL);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->n_drills, ==, 0);
  g_assert_cmpint (a->costliest_stage, ==, -1);
  for (guint s = 0; s < TG_N_STAGES; s++)
    if (a->stages[s].rated)
      g_assert_cmpint (a->stages[s].level, ==, TG_LEVEL_EXPERT);

  text = tg_analysis_to_text (a);
  assert_contains (text, "No mistake pattern stands out.");
  assert_contains (text, "You got a seat in every match.");
  assert_contains (text, "Every stage you control is at expert level");
  assert_contains (text, "Security code is about the same (+0 ms per match).");
  assert_contains (text, "Strengths: Reaction, Date and time, Security code, Seat selection, "
                         "Payment.");
}

/* The report in Korean, from the translations built in po/. */
static void
test_korean (void)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("MESON_BUILD_ROOT") != NULL ?
                                                 g_getenv ("MESON_BUILD_ROOT") : BUILD_ROOT,
                                                 "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "ko", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GPtrArray) plays = coach_history (12);
  g_autoptr(TgAnalysis) a = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  char *old_locale;

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the Korean catalogue is not built");
      return;
    }
  old_locale = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "ko_KR.UTF-8") == NULL)
    {
      g_test_skip ("the ko_KR.UTF-8 locale is not installed");
      g_free (old_locale);
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  a = tg_analysis_new (plays, NULL, NULL);
  text = tg_analysis_to_text (a);
  message = tg_analyst_not_enough_plays_message (3);
  g_test_message ("%s\n%s", text, message);
  assert_contains (text, "요약");
  assert_contains (text, "다음에 할 연습");
  g_assert_null (strstr (text, "Summary"));
  assert_contains (message, "7번 더");
  assert_contains (text, "12경기 중 4경기는 좌석 없이 끝났습니다.");

  setlocale (LC_ALL, old_locale);
  g_free (old_locale);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/analyst/not-enough", test_not_enough);
  g_test_add_func ("/stats/analyst/figures", test_figures);
  g_test_add_func ("/stats/analyst/text", test_text);
  g_test_add_func ("/stats/analyst/deterministic", test_deterministic);
  g_test_add_func ("/stats/analyst/expert-player", test_expert_player);
  g_test_add_func ("/stats/analyst/korean", test_korean);

  return g_test_run ();
}
