/* tg-match-results.c: a participant's result and the bots' figures (stage times, percentiles,
 * counts) of a match. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-match-private.h"

/* ---- results ---- */

static gint64
bot_stage_ms (const Bot *bot,
              TgStage    stage)
{
  switch (stage)
    {
    case TG_STAGE_REACTION:
      /* Early birds of a pre-queue did not react to the open at all: they are left out. */
      return bot->t_arrive == NO_TIME || bot->t_arrive < 0 ? -1 : bot->t_arrive;
    case TG_STAGE_DATE:
      return bot->t_arrive == NO_TIME ? -1 : (gint64) bot->t_date - MAX (0, bot->t_arrive);
    case TG_STAGE_QUEUE:
      return bot->t_admit == NO_TIME ? -1 : (gint64) bot->t_admit - MAX (0, bot->t_arrive);
    case TG_STAGE_CAPTCHA:
      return bot->t_seat == NO_TIME ? -1 : (gint64) bot->t_seat - bot->t_captcha;
    case TG_STAGE_SEAT:
      return bot->t_hold == NO_TIME ? -1 : (gint64) bot->t_hold - bot->t_seat;
    case TG_STAGE_PAYMENT:
      return bot->state != BOT_DONE ? -1 : (gint64) bot->t_end - bot->t_hold;
    case TG_N_STAGES:
    default:
      return -1;
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The bots' times at @stage, ascending, in @times (emptied first). */
static void
collect_bot_times (TgMatch *self,
                   TgStage  stage,
                   GArray  *times)
{
  g_array_set_size (times, 0);
  for (guint i = 0; i < self->n_bots; i++)
    {
      gint64 t = bot_stage_ms (&self->bots[i], stage);
      if (t >= 0)
        g_array_append_val (times, t);
    }
  g_array_sort (times, compare_gint64);
}

/* Share of @sorted (ascending) strictly greater than @ms, in percent; -1 if unknown. */
static double
percentile_vs_bots (GArray *sorted,
                    gint64  ms)
{
  guint lo = 0, hi = sorted->len;

  if (ms < 0 || sorted->len == 0)
    return -1;
  /* First index with a time > ms. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (sorted, gint64, mid) <= ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 100.0 * (sorted->len - lo) / sorted->len;
}

static gint64
span_ms (gint64 from,
         gint64 to)
{
  if (from < 0 || to < 0)
    return -1;
  return (to - from) / TG_USEC_PER_MSEC;
}

TgResult *
tg_match_get_result (TgMatch *self,
                     guint32  participant)
{
  TgResult *result;
  Human *human;
  TgHoldInfo info;

  g_return_val_if_fail (TG_IS_MATCH (self), NULL);

  if ((human = tg_match_find_human (self, participant, NULL)) == NULL)
    return NULL;

  result = tg_result_new ();
  result->seed = self->settings.seed;
  result->difficulty = self->settings.difficulty;
  result->n_bots = self->n_bots;
  result->n_humans = self->humans->len;
  result->venue_name = g_strdup (tg_venue_get_name (self->venue));
  result->success = human->state == TG_MATCH_STATE_DONE;
  result->fail_reason = human->fail;

  if (human->t_book >= 0)
    result->stage_ms[TG_STAGE_REACTION] = MAX (0, span_ms (self->open_at, human->t_book));
  result->stage_ms[TG_STAGE_DATE] = span_ms (MAX (human->t_book, self->open_at), human->t_date);
  if (human->t_book >= 0 && human->t_admit >= 0)
    result->stage_ms[TG_STAGE_QUEUE] = span_ms (MAX (human->t_book, self->open_at), human->t_admit);
  result->stage_ms[TG_STAGE_CAPTCHA] = span_ms (human->t_captcha, human->t_seat);
  result->stage_ms[TG_STAGE_SEAT] = span_ms (human->t_seat, human->t_hold);
  if (result->success)
    result->stage_ms[TG_STAGE_PAYMENT] = span_ms (human->t_hold, human->t_end);
  {
    g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_bots);

    for (guint s = 0; s < TG_N_STAGES; s++)
      {
        collect_bot_times (self, s, times);
        result->stage_percentile[s] = percentile_vs_bots (times, result->stage_ms[s]);
        tg_bot_stage_summary_fill (&result->bot_stages[s], (const gint64 *) times->data,
                                   times->len);
      }
  }
  if (human->t_end >= 0)
    result->total_ms = span_ms (self->open_at, human->t_end);

  result->early_clicks = human->early_clicks;
  result->date_misclicks = human->misclicks;
  result->captcha_wrong = human->captcha_wrong;
  result->captcha_backspaces = human->backspaces;
  result->captcha_refreshes = human->refreshes;
  result->seat_conflicts = human->conflicts;
  result->seat_misses = human->misses;
  result->first_queue_position = human->first_position;
  result->queue_total_at_join = human->total_at_join;
  result->sold_percent_at_admission = human->sold_at_admit;

  if (tg_match_get_hold (self, participant, &info))
    {
      result->n_seats = info.n_seats;
      for (guint i = 0; i < info.n_seats && i < TG_RESULT_MAX_SEATS; i++)
        {
          const TgSeat *seat = tg_venue_get_seat (self->venue, info.seats[i]);
          result->seat_ids[i] = g_strdup (seat->id);
          result->seat_grades[i] = g_strdup (tg_venue_get_grade (self->venue, seat->grade)->id);
        }
      if (result->success)
        {
          result->rank_all = info.rank_all;
          result->rank_humans = info.rank_humans;
          result->price_paid = human->price_paid;
        }
      else
        result->n_seats = 0;
    }
  result->n_buyers = self->bots_done;
  for (guint i = 0; i < self->humans->len; i++)
    if (((Human *) g_ptr_array_index (self->humans, i))->state == TG_MATCH_STATE_DONE)
      result->n_buyers++;

  return result;
}

void
tg_match_get_bot_stage_stats (TgMatch      *self,
                              TgStage       stage,
                              TgStageStats *stats)
{
  g_autoptr(GArray) times = NULL;
  double sum = 0, sq = 0;

  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (stats != NULL);
  g_return_if_fail (stage < TG_N_STAGES);

  memset (stats, 0, sizeof *stats);
  times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  for (guint i = 0; i < self->n_bots; i++)
    {
      gint64 t = bot_stage_ms (&self->bots[i], stage);
      if (t >= 0)
        {
          g_array_append_val (times, t);
          sum += (double) t;
        }
    }
  if (times->len == 0)
    return;

  g_array_sort (times, compare_gint64);
  stats->n = times->len;
  stats->mean = sum / times->len;
  for (guint i = 0; i < times->len; i++)
    {
      double d = (double) g_array_index (times, gint64, i) - stats->mean;
      sq += d * d;
    }
  stats->stddev = sqrt (sq / times->len);
  stats->min = g_array_index (times, gint64, 0);
  stats->p10 = g_array_index (times, gint64, (times->len - 1) / 10);
  stats->p50 = g_array_index (times, gint64, (times->len - 1) / 2);
  stats->p90 = g_array_index (times, gint64, (times->len - 1) * 9 / 10);
  stats->max = g_array_index (times, gint64, times->len - 1);
}

guint
tg_match_get_n_bots_done (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->bots_done;
}

void
tg_match_count_bots_by_skill (TgMatch *self,
                              guint   *counts)
{
  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * TG_N_BOT_SKILLS);
  for (guint i = 0; i < self->n_bots; i++)
    counts[self->bots[i].skill]++;
}

guint
tg_match_get_n_bot_conflicts (TgMatch *self,
                              guint   *won_after_conflict)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  if (won_after_conflict != NULL)
    *won_after_conflict = self->bots_won_after_conflict;
  return self->bot_conflicts;
}

guint
tg_match_get_n_bots_failed (TgMatch      *self,
                            TgFailReason  reason)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  g_return_val_if_fail (reason <= TG_FAIL_PAYMENT, 0);
  return self->bots_failed[reason];
}

guint
tg_match_get_n_bots_cancelled (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->bots_cancelled;
}

void
tg_match_count_sold_by_grade (TgMatch *self,
                              guint   *counts)
{
  guint n_seats;

  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * tg_venue_get_n_grades (self->venue));
  n_seats = tg_venue_get_n_seats (self->venue);
  for (guint i = 0; i < n_seats; i++)
    if (tg_ledger_seat_state (self->ledger, i) == TG_SEAT_SOLD)
      counts[tg_venue_get_seat (self->venue, i)->grade]++;
}

gsize
tg_match_get_memory_size (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);

  return sizeof *self
    + (gsize) MAX (1u, self->n_bots) * sizeof (Bot)
    + (gsize) self->heap_cap * sizeof (Event)
    + tg_queue_get_memory_size (self->queue)
    + tg_ledger_get_memory_size (self->ledger)
    + tg_seat_prefs_get_memory_size (self->prefs);
}
