/* tg-analyst.c: the numbers of the analysis report (the words are in tg-analyst-text.c). */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-analyst.h"
#include "tg-bots.h"

G_DEFINE_QUARK (tg-analyst-error-quark, tg_analyst_error)

/* A trend is called when the fitted line moves the stage time by this share of its mean over
 * the plays analysed. */
#define TREND_MIN_CHANGE 0.10
#define CV_STEADY        0.15
#define CV_FAIR          0.35

/* A mistake is a pattern from this many per play on. */
static const double mistake_thresholds[TG_N_MISTAKES] = {
  [TG_MISTAKE_EARLY_CLICKS] = 0.5,
  [TG_MISTAKE_DATE_MISCLICKS] = 0.5,
  [TG_MISTAKE_CAPTCHA_WRONG] = 0.3,
  [TG_MISTAKE_CAPTCHA_BACKSPACES] = 2.0,
  [TG_MISTAKE_SEAT_CONFLICTS] = 1.0,
  [TG_MISTAKE_SEAT_MISSES] = 1.0,
};

static gboolean
stage_bot_delay (TgStage     stage,
                 TgBotDelay *out)
{
  switch (stage)
    {
    case TG_STAGE_REACTION: *out = TG_BOT_DELAY_REACTION; return TRUE;
    case TG_STAGE_DATE:     *out = TG_BOT_DELAY_DATE;     return TRUE;
    case TG_STAGE_CAPTCHA:  *out = TG_BOT_DELAY_CAPTCHA;  return TRUE;
    case TG_STAGE_SEAT:     *out = TG_BOT_DELAY_SEAT;     return TRUE;
    case TG_STAGE_PAYMENT:  *out = TG_BOT_DELAY_PAYMENT;  return TRUE;
    case TG_STAGE_QUEUE:
    case TG_N_STAGES:
    default:                return FALSE;
    }
}

gboolean
tg_analyst_stage_is_rated (TgStage stage)
{
  TgBotDelay delay;

  return stage_bot_delay (stage, &delay);
}

const char *
tg_skill_level_to_string (TgSkillLevel level)
{
  switch (level)
    {
    case TG_LEVEL_EXPERT:         return "expert";
    case TG_LEVEL_INTERMEDIATE:   return "intermediate";
    case TG_LEVEL_BEGINNER:       return "beginner";
    case TG_LEVEL_BELOW_BEGINNER:
    default:                      return "below-beginner";
    }
}

const char *
tg_trend_to_string (TgTrend trend)
{
  switch (trend)
    {
    case TG_TREND_FASTER:  return "faster";
    case TG_TREND_STEADY:  return "steady";
    case TG_TREND_SLOWER:  return "slower";
    case TG_TREND_UNKNOWN:
    default:               return "unknown";
    }
}

const char *
tg_consistency_to_string (TgConsistency consistency)
{
  switch (consistency)
    {
    case TG_CONSISTENCY_STEADY:  return "steady";
    case TG_CONSISTENCY_FAIR:    return "fair";
    case TG_CONSISTENCY_ERRATIC: return "erratic";
    case TG_CONSISTENCY_UNKNOWN:
    default:                     return "unknown";
    }
}

const char *
tg_mistake_to_string (TgMistake mistake)
{
  static const char * const keys[TG_N_MISTAKES] = {
    "early-clicks", "date-misclicks", "captcha-wrong", "captcha-backspaces", "seat-conflicts",
    "seat-misses",
  };

  g_return_val_if_fail (mistake < TG_N_MISTAKES, NULL);
  return keys[mistake];
}

char *
tg_analyst_not_enough_plays_message (guint n_plays)
{
  guint missing = n_plays < TG_ANALYST_MIN_PLAYS ? TG_ANALYST_MIN_PLAYS - n_plays : 0;

  /* Two sentences, each with its own plural. */
  g_autofree char *have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "You have played %u full match so far.",
                                                        "You have played %u full matches so far.",
                                                        n_plays),
                                           n_plays);
  g_autofree char *need = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The analysis report needs at least %u full "
                                                        "matches: play %u more (drills do not count).",
                                                        "The analysis report needs at least %u full "
                                                        "matches: play %u more (drills do not count).",
                                                        missing),
                                           TG_ANALYST_MIN_PLAYS, missing);
  return g_strconcat (have, " ", need, NULL);
}

static void
rate_stage (TgStageAnalysis *sa,
            guint            n_plays)
{
  const TgSummary *s = &sa->figures.summary;
  TgBotDelay delay;

  sa->rated = stage_bot_delay (sa->figures.stage, &delay);
  if (sa->rated)
    {
      for (TgBotSkill k = TG_BOT_BEGINNER; k < TG_N_BOT_SKILLS; k++)
        sa->level_ms[k] = tg_bot_delay_spec (k, delay)->base_ms;
      if (s->n == 0)
        sa->level = TG_LEVEL_BELOW_BEGINNER;
      else if (s->median <= sa->level_ms[TG_BOT_EXPERT])
        sa->level = TG_LEVEL_EXPERT;
      else if (s->median <= sa->level_ms[TG_BOT_INTERMEDIATE])
        sa->level = TG_LEVEL_INTERMEDIATE;
      else if (s->median <= sa->level_ms[TG_BOT_BEGINNER])
        sa->level = TG_LEVEL_BEGINNER;
      else
        sa->level = TG_LEVEL_BELOW_BEGINNER;
    }

  sa->trend = TG_TREND_UNKNOWN;
  if (s->n >= TG_ANALYST_MIN_TREND && !isnan (sa->figures.slope_per_play) && s->mean > 0)
    {
      /* The fit's x is the play's index among all plays, reached or not. */
      double change = sa->figures.slope_per_play * (n_plays - 1) / s->mean;

      if (change <= -TREND_MIN_CHANGE)
        sa->trend = TG_TREND_FASTER;
      else if (change >= TREND_MIN_CHANGE)
        sa->trend = TG_TREND_SLOWER;
      else
        sa->trend = TG_TREND_STEADY;
    }

  sa->cv = NAN;
  sa->consistency = TG_CONSISTENCY_UNKNOWN;
  if (s->n >= 3 && s->mean > 0)
    {
      sa->cv = s->stddev / s->mean;
      sa->consistency = sa->cv <= CV_STEADY ? TG_CONSISTENCY_STEADY :
                        sa->cv <= CV_FAIR ? TG_CONSISTENCY_FAIR : TG_CONSISTENCY_ERRATIC;
    }
}

/* The bots' median of the play's own match, or the intermediate base delay when the play has
 * no stored distribution; NAN when neither is known. */
static double
reference_ms (const TgResult        *r,
              const TgStageAnalysis *sa)
{
  TgStage stage = sa->figures.stage;

  if (tg_bot_stage_is_known (&r->bot_stages[stage]))
    return tg_bot_stage_quantile (&r->bot_stages[stage], 50);
  if (sa->rated)
    return (double) sa->level_ms[TG_BOT_INTERMEDIATE];
  return NAN;
}

/* Share of the match's bots slower than the player at @stage; -1 if unknown. */
static double
share_slower (const TgResult *r,
              TgStage         stage)
{
  if (r->stage_ms[stage] < 0)
    return -1;
  if (tg_bot_stage_is_known (&r->bot_stages[stage]))
    return tg_bot_stage_share_slower (&r->bot_stages[stage], (double) r->stage_ms[stage]);
  return r->stage_percentile[stage];
}

static void
count_mistakes (TgAnalysis     *self,
                const TgResult *r)
{
  const guint values[TG_N_MISTAKES] = {
    r->early_clicks, r->date_misclicks, r->captcha_wrong, r->captcha_backspaces,
    r->seat_conflicts, r->seat_misses,
  };

  for (guint m = 0; m < TG_N_MISTAKES; m++)
    {
      self->mistakes_per_play[m] += values[m];
      if (values[m] > 0)
        self->plays_with_mistake[m]++;
    }
}

/* Payment starts once the seats are held: it never costs a seat. */
static gboolean
stage_can_cost_seats (TgStage stage)
{
  return stage != TG_STAGE_PAYMENT;
}

static void
find_costs (TgAnalysis *self,
            GPtrArray  *plays)
{
  double best_loss = 0;

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      TgStageAnalysis *sa = &self->stages[s];
      double lost = 0;
      guint n = 0;

      for (guint i = 0; i < plays->len; i++)
        {
          const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;
          double ref = reference_ms (r, sa);

          if (r->stage_ms[s] < 0 || isnan (ref))
            continue;
          lost += MAX (0, (double) r->stage_ms[s] - ref);
          n++;
        }
      sa->lost_ms = n > 0 ? lost / n : NAN;
      if (n > 0 && stage_can_cost_seats (s) && sa->lost_ms > best_loss)
        {
          best_loss = sa->lost_ms;
          self->costliest_stage = s;
        }
    }

  /* In each play without a seat, the stage where the fewest bots were slower. */
  for (guint i = 0; i < plays->len; i++)
    {
      const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;
      double worst = G_MAXDOUBLE;
      int worst_stage = -1;

      if (r->success)
        continue;
      for (guint s = 0; s < TG_N_STAGES; s++)
        {
          double share = share_slower (r, s);

          if (share >= 0 && stage_can_cost_seats (s) && share < worst)
            {
              worst = share;
              worst_stage = s;
            }
        }
      if (worst_stage >= 0)
        self->stages[worst_stage].bottleneck_count++;
    }
}

/* How much a stage needs work: 0 for an expert-level stage up to 3 below a beginner's, plus
 * one when it is getting slower. */
static double
stage_need (const TgStageAnalysis *sa)
{
  double need;

  if (sa->figures.summary.n == 0)
    return 0;
  need = TG_LEVEL_EXPERT - sa->level;
  if (sa->trend == TG_TREND_SLOWER)
    need += 1;
  return need;
}

static void
recommend_drills (TgAnalysis *self)
{
  double score[TG_N_DRILL_KINDS];
  const gboolean *flag = self->mistake_flagged;
  int c = self->costliest_stage;

  score[TG_DRILL_CLICK] = stage_need (&self->stages[TG_STAGE_REACTION]) +
                          flag[TG_MISTAKE_EARLY_CLICKS] + 0.5 * flag[TG_MISTAKE_DATE_MISCLICKS] +
                          (c == TG_STAGE_REACTION || c == TG_STAGE_QUEUE || c == TG_STAGE_DATE ? 2 : 0);
  score[TG_DRILL_CAPTCHA] = stage_need (&self->stages[TG_STAGE_CAPTCHA]) +
                            flag[TG_MISTAKE_CAPTCHA_WRONG] + flag[TG_MISTAKE_CAPTCHA_BACKSPACES] +
                            (c == TG_STAGE_CAPTCHA ? 2 : 0);
  score[TG_DRILL_SEAT] = stage_need (&self->stages[TG_STAGE_SEAT]) +
                         flag[TG_MISTAKE_SEAT_CONFLICTS] + flag[TG_MISTAKE_SEAT_MISSES] +
                         (c == TG_STAGE_SEAT ? 2 : 0);

  self->n_drills = 0;
  for (guint k = 0; k < TG_N_DRILL_KINDS; k++)
    if (score[k] >= 1)
      self->drills[self->n_drills++] = k;
  /* Most needed first; a stable insertion sort keeps click, captcha, seat order on ties. */
  for (guint i = 1; i < self->n_drills; i++)
    for (guint j = i; j > 0 && score[self->drills[j]] > score[self->drills[j - 1]]; j--)
      {
        TgDrillKind tmp = self->drills[j];
        self->drills[j] = self->drills[j - 1];
        self->drills[j - 1] = tmp;
      }
}

TgAnalysis *
tg_analysis_new (GPtrArray  *plays,
                 GPtrArray  *drills,
                 GError    **error)
{
  g_autoptr(TgAnalysis) self = NULL;
  guint by_difficulty[TG_DIFFICULTY_HARD + 1] = { 0 };
  double weakest = -1;

  g_return_val_if_fail (plays != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (plays->len < TG_ANALYST_MIN_PLAYS)
    {
      g_autofree char *message = tg_analyst_not_enough_plays_message (plays->len);

      g_set_error_literal (error, TG_ANALYST_ERROR, TG_ANALYST_ERROR_NOT_ENOUGH_PLAYS, message);
      return NULL;
    }

  self = g_new0 (TgAnalysis, 1);
  self->n_plays = plays->len;
  self->costliest_stage = -1;
  self->weakest_stage = -1;

  for (guint i = 0; i < plays->len; i++)
    {
      const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;

      if (r->success)
        self->n_success++;
      else if ((guint) r->fail_reason <= TG_FAIL_PAYMENT)
        self->fails[r->fail_reason]++;
      if ((guint) r->difficulty <= TG_DIFFICULTY_HARD)
        by_difficulty[r->difficulty]++;
      count_mistakes (self, r);
    }
  for (guint m = 0; m < TG_N_MISTAKES; m++)
    {
      self->mistakes_per_play[m] /= plays->len;
      self->mistake_flagged[m] = self->mistakes_per_play[m] >= mistake_thresholds[m];
    }
  self->usual_difficulty = TG_DIFFICULTY_HARD;
  for (int d = TG_DIFFICULTY_HARD - 1; d >= TG_DIFFICULTY_EASY; d--)
    if (by_difficulty[d] > by_difficulty[self->usual_difficulty])
      self->usual_difficulty = d;

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      TgStageAnalysis *sa = &self->stages[s];

      tg_play_stats_stage_figures (plays, s, &sa->figures);
      rate_stage (sa, plays->len);
      /* The weakest: lowest level, then the furthest above an intermediate bot. */
      if (sa->rated && sa->figures.summary.n > 0 && stage_can_cost_seats (s))
        {
          double badness = (TG_LEVEL_EXPERT - sa->level) * 10.0 +
                           sa->figures.summary.median / (double) sa->level_ms[TG_BOT_INTERMEDIATE];
          if (badness > weakest)
            {
              weakest = badness;
              self->weakest_stage = s;
            }
        }
    }

  find_costs (self, plays);
  recommend_drills (self);

  if (drills != NULL)
    for (guint k = 0; k < TG_N_DRILL_KINDS; k++)
      tg_play_stats_drill_figures (drills, k, &self->drill_figures[k]);
  else
    for (guint k = 0; k < TG_N_DRILL_KINDS; k++)
      self->drill_figures[k].kind = k;

  tg_season_personal_best (plays, NULL, &self->season);

  return g_steal_pointer (&self);
}

void
tg_analysis_free (TgAnalysis *self)
{
  g_free (self);
}
