/* tg-play-stats.c: figures over stored plays and drills. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-play-stats.h"

#define USEC_PER_WEEK (7.0 * 24 * 3600 * G_USEC_PER_SEC)

static int
compare_plays (gconstpointer a,
               gconstpointer b)
{
  const TgHistoryPlay *x = *(TgHistoryPlay * const *) a;
  const TgHistoryPlay *y = *(TgHistoryPlay * const *) b;
  int c = 0;

  if (x->meta.played_at != NULL && y->meta.played_at != NULL)
    c = g_date_time_compare (x->meta.played_at, y->meta.played_at);
  if (c == 0)
    c = (x->id > y->id) - (x->id < y->id);
  return c;
}

GPtrArray *
tg_play_stats_chronological (GPtrArray *plays)
{
  GPtrArray *sorted;

  g_return_val_if_fail (plays != NULL, NULL);

  sorted = g_ptr_array_sized_new (plays->len);
  for (guint i = 0; i < plays->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (plays, i));
  g_ptr_array_sort (sorted, compare_plays);
  return sorted;
}

GArray *
tg_play_stats_stage_series (GPtrArray *chronological,
                            TgStage    stage)
{
  GArray *series;

  g_return_val_if_fail (chronological != NULL, NULL);
  g_return_val_if_fail (stage < TG_N_STAGES, NULL);

  series = g_array_sized_new (FALSE, FALSE, sizeof (double), chronological->len);
  for (guint i = 0; i < chronological->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (chronological, i);
      gint64 ms = play->result->stage_ms[stage];
      double v = ms >= 0 ? (double) ms : NAN;

      g_array_append_val (series, v);
    }
  return series;
}

GArray *
tg_play_stats_queue_position_series (GPtrArray *chronological)
{
  GArray *series;

  g_return_val_if_fail (chronological != NULL, NULL);

  series = g_array_sized_new (FALSE, FALSE, sizeof (double), chronological->len);
  for (guint i = 0; i < chronological->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (chronological, i);
      /* Position 0 means the player never joined the queue. */
      double v = play->result->first_queue_position > 0 ? play->result->first_queue_position : NAN;

      g_array_append_val (series, v);
    }
  return series;
}

void
tg_play_stats_stage_figures (GPtrArray      *plays,
                             TgStage         stage,
                             TgStageFigures *out)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GArray) series = NULL;
  g_autofree double *index = NULL;
  g_autofree double *weeks = NULL;
  double share_sum = 0, median_sum = 0;
  guint share_n = 0, median_n = 0;
  gint64 t0 = 0;

  g_return_if_fail (plays != NULL);
  g_return_if_fail (stage < TG_N_STAGES);
  g_return_if_fail (out != NULL);

  sorted = tg_play_stats_chronological (plays);
  series = tg_play_stats_stage_series (sorted, stage);
  out->stage = stage;
  tg_stats_summarize ((const double *) series->data, series->len, &out->summary);

  index = g_new (double, MAX (1, sorted->len));
  weeks = g_new (double, MAX (1, sorted->len));
  for (guint i = 0; i < sorted->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (sorted, i);
      const TgResult *r = play->result;
      gint64 at = play->meta.played_at != NULL ? g_date_time_to_unix (play->meta.played_at) : 0;

      if (i == 0)
        t0 = at;
      /* The trend per play counts only the plays that reached the stage, in order. */
      index[i] = i;
      weeks[i] = (double) (at - t0) * G_USEC_PER_SEC / USEC_PER_WEEK;
      if (r->stage_ms[stage] < 0)
        continue;
      if (tg_bot_stage_is_known (&r->bot_stages[stage]))
        {
          share_sum += tg_bot_stage_share_slower (&r->bot_stages[stage], (double) r->stage_ms[stage]);
          median_sum += tg_bot_stage_quantile (&r->bot_stages[stage], 50);
          share_n++;
          median_n++;
        }
      else if (r->stage_percentile[stage] >= 0)
        {
          share_sum += r->stage_percentile[stage];
          share_n++;
        }
    }

  if (!tg_stats_linear_fit (index, (const double *) series->data, series->len,
                            &out->slope_per_play, NULL))
    out->slope_per_play = NAN;
  if (!tg_stats_linear_fit (weeks, (const double *) series->data, series->len,
                            &out->slope_per_week, NULL))
    out->slope_per_week = NAN;
  out->mean_share_slower = share_n > 0 ? share_sum / share_n : -1;
  out->mean_bot_median = median_n > 0 ? median_sum / median_n : NAN;
}

void
tg_play_stats_by_difficulty (GPtrArray           *plays,
                             TgDifficultyFigures  out[TG_DIFFICULTY_HARD + 1])
{
  g_return_if_fail (plays != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof (TgDifficultyFigures) * (TG_DIFFICULTY_HARD + 1));
  for (guint i = 0; i < plays->len; i++)
    {
      const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;
      TgDifficultyFigures *f;

      if ((guint) r->difficulty > TG_DIFFICULTY_HARD)
        continue;
      f = &out[r->difficulty];
      f->n_plays++;
      if (r->success)
        f->n_success++;
      f->grades[tg_result_compute_grade (r)]++;
    }
}

void
tg_label_count_free (TgLabelCount *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self);
}

static int
compare_label_counts (gconstpointer a,
                      gconstpointer b)
{
  const TgLabelCount *x = *(TgLabelCount * const *) a;
  const TgLabelCount *y = *(TgLabelCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

GPtrArray *
tg_play_stats_seat_grades (GPtrArray *plays)
{
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *counts;

  g_return_val_if_fail (plays != NULL, NULL);

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_label_count_free);
  for (guint i = 0; i < plays->len; i++)
    {
      const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;

      if (!r->success)
        continue;
      for (guint s = 0; s < r->n_seats && s < TG_RESULT_MAX_SEATS; s++)
        {
          const char *label = r->seat_grades[s] != NULL ? r->seat_grades[s] : "?";
          TgLabelCount *entry = g_hash_table_lookup (by_label, label);

          if (entry == NULL)
            {
              entry = g_new0 (TgLabelCount, 1);
              entry->label = g_strdup (label);
              g_ptr_array_add (counts, entry);
              g_hash_table_insert (by_label, entry->label, entry);
            }
          entry->count++;
        }
    }
  g_ptr_array_sort (counts, compare_label_counts);
  return counts;
}

gboolean
tg_play_stats_bot_histogram (GPtrArray    *plays,
                             TgStage       stage,
                             const double *edges,
                             guint         n_bins,
                             double       *out_share)
{
  guint n_matches = 0;

  g_return_val_if_fail (plays != NULL, FALSE);
  g_return_val_if_fail (stage < TG_N_STAGES, FALSE);
  g_return_val_if_fail (edges != NULL && out_share != NULL && n_bins > 0, FALSE);

  memset (out_share, 0, n_bins * sizeof (double));
  for (guint i = 0; i < plays->len; i++)
    {
      const TgResult *r = ((const TgHistoryPlay *) g_ptr_array_index (plays, i))->result;
      const TgBotStageSummary *bots = &r->bot_stages[stage];

      if (!tg_bot_stage_is_known (bots))
        continue;
      n_matches++;
      for (guint b = 0; b < n_bins; b++)
        {
          /* The end bins also take what lies beyond the edges, like tg_stats_histogram(). */
          double lo = b == 0 ? 0 : tg_bot_stage_cdf (bots, edges[b]);
          double hi = b == n_bins - 1 ? 100 : tg_bot_stage_cdf (bots, edges[b + 1]);

          out_share[b] += MAX (0, hi - lo);
        }
    }
  if (n_matches == 0)
    return FALSE;
  for (guint b = 0; b < n_bins; b++)
    out_share[b] /= n_matches;
  return TRUE;
}

static int
compare_drills (gconstpointer a,
                gconstpointer b)
{
  const TgHistoryDrill *x = *(TgHistoryDrill * const *) a;
  const TgHistoryDrill *y = *(TgHistoryDrill * const *) b;
  int c = 0;

  if (x->played_at != NULL && y->played_at != NULL)
    c = g_date_time_compare (x->played_at, y->played_at);
  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

void
tg_play_stats_drill_figures (GPtrArray      *drills,
                             TgDrillKind     kind,
                             TgDrillFigures *out)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) index = g_array_new (FALSE, FALSE, sizeof (double));
  guint misses = 0;

  g_return_if_fail (drills != NULL);
  g_return_if_fail (out != NULL);

  *out = (TgDrillFigures) { .kind = kind };
  for (guint i = 0; i < drills->len; i++)
    if (((TgHistoryDrill *) g_ptr_array_index (drills, i))->kind == kind)
      g_ptr_array_add (sorted, g_ptr_array_index (drills, i));
  g_ptr_array_sort (sorted, compare_drills);

  for (guint i = 0; i < sorted->len; i++)
    {
      const TgHistoryDrill *d = g_ptr_array_index (sorted, i);
      double t = d->success && d->time_ms >= 0 ? (double) d->time_ms : NAN;
      double x = i;

      out->n++;
      if (d->success)
        out->n_success++;
      misses += d->misses;
      g_array_append_val (times, t);
      g_array_append_val (index, x);
    }
  tg_stats_summarize ((const double *) times->data, times->len, &out->time);
  if (!tg_stats_linear_fit ((const double *) index->data, (const double *) times->data,
                            times->len, &out->slope_per_try, NULL))
    out->slope_per_try = NAN;
  out->misses_per_try = out->n > 0 ? (double) misses / out->n : 0;
}
