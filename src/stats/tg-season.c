/* tg-season.c: season scores. */

#include "config.h"

#include <math.h>

#include "tg-season.h"
#include "tg-stats.h"

static const TgStage z_stages[TG_SEASON_N_Z] = {
  TG_STAGE_QUEUE, TG_STAGE_CAPTCHA, TG_STAGE_SEAT,
};
static const double z_weights[TG_SEASON_N_Z] = { 0.4, 0.2, 0.4 };

static double
difficulty_factor (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY: return 1.1;
    case TG_DIFFICULTY_HARD: return 1.3;
    case TG_DIFFICULTY_MEDIUM:
    default:                 return 1.2;
    }
}

void
tg_season_score_play (const TgResult *result,
                      TgSeasonScore  *out)
{
  double total, share, weighted = 0;

  g_return_if_fail (result != NULL);
  g_return_if_fail (out != NULL);

  *out = (TgSeasonScore) { 0 };
  total = MAX (1.0, (double) result->n_bots + result->n_humans);
  out->crowd_factor = 1 + 0.3 * MIN (1.0, total / TG_SEASON_CROWD_FULL);
  out->difficulty_factor = difficulty_factor (result->difficulty);

  for (guint i = 0; i < TG_SEASON_N_Z; i++)
    {
      TgStage stage = z_stages[i];

      out->z_known[i] = tg_bot_stage_is_known (&result->bot_stages[stage]) &&
                        result->stage_ms[stage] >= 0;
      if (out->z_known[i])
        out->z[i] = tg_bot_stage_speed_z (&result->bot_stages[stage],
                                          (double) result->stage_ms[stage]);
      weighted += z_weights[i] * out->z[i];
    }

  if (!result->success || result->rank_all == 0)
    return;

  share = CLAMP ((double) result->rank_all / total, 0.0, 1.0);
  out->placement = 1000 * (1 - share) * out->crowd_factor * out->difficulty_factor;
  out->speed_bonus = CLAMP (100 * weighted, 0.0, 300.0);
  out->score = (out->placement + out->speed_bonus) / 10;
}

double
tg_season_score (const TgResult *result)
{
  TgSeasonScore score;

  tg_season_score_play (result, &score);
  return score.score;
}

void
tg_season_week_free (TgSeasonWeek *week)
{
  if (week == NULL)
    return;
  g_clear_pointer (&week->week_start, g_date_time_unref);
  g_free (week);
}

static GDateTime *
week_start_of (GDateTime *when,
               GTimeZone *tz)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, tz);
  int back = g_date_time_get_day_of_week (local) - 1;   /* ISO: Monday is 1 */
  g_autoptr(GDateTime) monday = g_date_time_add_days (local, -back);

  return g_date_time_new (tz, g_date_time_get_year (monday), g_date_time_get_month (monday),
                          g_date_time_get_day_of_month (monday), 0, 0, 0);
}

static int
compare_weeks (gconstpointer a,
               gconstpointer b)
{
  const TgSeasonWeek *x = *(TgSeasonWeek * const *) a;
  const TgSeasonWeek *y = *(TgSeasonWeek * const *) b;

  return g_date_time_compare (x->week_start, y->week_start);
}

GPtrArray *
tg_season_weeks (GPtrArray *plays,
                 GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GHashTable) by_week = NULL;
  GPtrArray *weeks;

  g_return_val_if_fail (plays != NULL, NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  weeks = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_season_week_free);
  /* Keyed by the week's start in seconds; values are owned by @weeks. */
  by_week = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < plays->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (plays, i);
      g_autoptr(GDateTime) start = NULL;
      TgSeasonWeek *week;
      gint64 key;
      double score;

      if (play->meta.played_at == NULL || play->result == NULL)
        continue;
      start = week_start_of (play->meta.played_at, tz);
      key = g_date_time_to_unix (start);
      week = g_hash_table_lookup (by_week, &key);
      if (week == NULL)
        {
          week = g_new0 (TgSeasonWeek, 1);
          week->week_start = g_steal_pointer (&start);
          g_ptr_array_add (weeks, week);
          g_hash_table_insert (by_week, g_memdup2 (&key, sizeof key), week);
        }
      score = tg_season_score (play->result);
      week->total += score;
      week->best = MAX (week->best, score);
      week->n_plays++;
    }

  g_ptr_array_sort (weeks, compare_weeks);
  return weeks;
}

void
tg_season_personal_best (GPtrArray    *plays,
                         GTimeZone    *tz,
                         TgSeasonBest *out)
{
  g_autoptr(GPtrArray) weeks = NULL;
  GDateTime *best_at = NULL;

  g_return_if_fail (plays != NULL);
  g_return_if_fail (out != NULL);

  *out = (TgSeasonBest) { .best_play_id = -1 };
  for (guint i = 0; i < plays->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (plays, i);
      gboolean earlier;
      double score;

      if (play->result == NULL)
        continue;
      score = tg_season_score (play->result);
      out->total += score;
      out->n_plays++;
      /* Ties go to the earlier play: a record is set once, whatever order @plays is in. */
      earlier = best_at != NULL && play->meta.played_at != NULL &&
                g_date_time_compare (play->meta.played_at, best_at) < 0;
      if (out->best_play_id < 0 || score > out->best_play ||
          (score == out->best_play && earlier))
        {
          out->best_play = score;
          out->best_play_id = play->id;
          best_at = play->meta.played_at;
        }
    }

  weeks = tg_season_weeks (plays, tz);
  for (guint i = 0; i < weeks->len; i++)
    out->best_week = MAX (out->best_week, ((TgSeasonWeek *) weeks->pdata[i])->total);
}
