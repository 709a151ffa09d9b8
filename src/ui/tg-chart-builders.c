/* tg-chart-builders.c: charts from the play history. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-chart-builders.h"
#include "tg-chart-private.h"
#include "tg-play-stats.h"
#include "tg-season.h"

#define HISTOGRAM_BINS 12

/* "3/14": short enough for an axis. */
static char *
short_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (when);
  /* Translators: a short date on a chart axis (strftime format), month/day. */
  return g_date_time_format (local, _("%-m/%-d"));
}

static const char *
difficulty_label (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY: return C_("difficulty", "Easy");
    case TG_DIFFICULTY_HARD: return C_("difficulty", "Hard");
    case TG_DIFFICULTY_MEDIUM:
    default:                 return C_("difficulty", "Medium");
    }
}

void
tg_chart_show_stage_times (TgBarChart *chart,
                           GPtrArray  *plays,
                           guint       max_plays)
{
  g_autoptr(GPtrArray) sorted = tg_play_stats_chronological (plays);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *names[TG_N_STAGES];
  guint first = max_plays > 0 && sorted->len > max_plays ? sorted->len - max_plays : 0;

  for (guint s = 0; s < TG_N_STAGES; s++)
    names[s] = tg_stage_get_label (s);
  tg_chart_set_title (TG_CHART (chart), _("Stage times per match"));
  tg_chart_set_empty_text (TG_CHART (chart), _("Play a full match to see where your time goes."));
  tg_bar_chart_set_series (chart, names, TG_N_STAGES);
  tg_bar_chart_set_unit (chart, TG_CHART_UNIT_MS);
  tg_bar_chart_set_x_caption (chart, _("Match date"));

  for (guint i = first; i < sorted->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (sorted, i);

      g_ptr_array_add (labels, short_date (play->meta.played_at));
      for (guint s = 0; s < TG_N_STAGES; s++)
        {
          double v = play->result->stage_ms[s] >= 0 ? (double) play->result->stage_ms[s] : NAN;
          g_array_append_val (values, v);
        }
    }
  g_ptr_array_add (labels, NULL);
  tg_bar_chart_set_data (chart, (const char * const *) labels->pdata, sorted->len - first,
                         (const double *) values->data);
}

void
tg_chart_show_trend (TgLineChart  *chart,
                     GPtrArray    *plays,
                     TgChartTrend  trend,
                     guint         window)
{
  static const char * const titles[TG_CHART_N_TRENDS] = {
    N_("Reaction time"), N_("First queue position"), N_("Security code time"),
    N_("Seat selection time"),
  };
  g_autoptr(GPtrArray) sorted = tg_play_stats_chronological (plays);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = NULL;

  g_return_if_fail (trend < TG_CHART_N_TRENDS);

  switch (trend)
    {
    case TG_CHART_TREND_QUEUE_POSITION:
      values = tg_play_stats_queue_position_series (sorted);
      break;
    case TG_CHART_TREND_CAPTCHA:
      values = tg_play_stats_stage_series (sorted, TG_STAGE_CAPTCHA);
      break;
    case TG_CHART_TREND_SEAT:
      values = tg_play_stats_stage_series (sorted, TG_STAGE_SEAT);
      break;
    case TG_CHART_TREND_REACTION:
    case TG_CHART_N_TRENDS:
    default:
      values = tg_play_stats_stage_series (sorted, TG_STAGE_REACTION);
      break;
    }
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (labels, short_date (((TgHistoryPlay *) sorted->pdata[i])->meta.played_at));
  g_ptr_array_add (labels, NULL);

  tg_chart_set_title (TG_CHART (chart), _(titles[trend]));
  tg_chart_set_empty_text (TG_CHART (chart), _("Play a few matches to see your trend."));
  tg_line_chart_set_unit (chart, trend == TG_CHART_TREND_QUEUE_POSITION ? TG_CHART_UNIT_POSITION
                                                                        : TG_CHART_UNIT_MS);
  tg_line_chart_set_color (chart, trend);
  tg_line_chart_set_lower_is_better (chart, TRUE);
  tg_line_chart_set_window (chart, window);
  tg_line_chart_set_values (chart, (const double *) values->data,
                            (const char * const *) labels->pdata, values->len);
}

void
tg_chart_show_stage_histogram (TgHistogramChart *chart,
                               GPtrArray        *plays,
                               TgStage           stage)
{
  g_autoptr(GPtrArray) sorted = tg_play_stats_chronological (plays);
  g_autoptr(GArray) values = tg_play_stats_stage_series (sorted, stage);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, bot_lo = 0, bot_hi = 0, min, max, step;
  guint n_values = 0, n_bots = 0, n_bins;
  g_autofree double *edges = NULL;
  g_autofree guint *counts = NULL;
  g_autofree double *player = NULL;
  g_autofree double *bots = NULL;
  g_autofree char *title = g_strdup_printf (_("%s: you and the bots"), tg_stage_get_label (stage));

  tg_chart_set_title (TG_CHART (chart), title);
  tg_chart_set_empty_text (TG_CHART (chart), _("Play a full match to compare yourself with the bots."));
  tg_histogram_chart_set_unit (chart, TG_CHART_UNIT_MS);

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      const TgResult *r = ((TgHistoryPlay *) sorted->pdata[i])->result;

      if (!isnan (v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
          n_values++;
        }
      if (tg_bot_stage_is_known (&r->bot_stages[stage]))
        {
          bot_lo += tg_bot_stage_quantile (&r->bot_stages[stage], 5);
          bot_hi += tg_bot_stage_quantile (&r->bot_stages[stage], 95);
          n_bots++;
        }
    }
  if (n_values == 0)
    {
      tg_histogram_chart_set_data (chart, NULL, 0, NULL, NULL);
      return;
    }
  /* Wide enough for the player and the middle 90 % of the bots. */
  if (n_bots > 0)
    {
      lo = MIN (lo, bot_lo / n_bots);
      hi = MAX (hi, bot_hi / n_bots);
    }
  tg_chart_nice_range (MAX (0, lo), hi, HISTOGRAM_BINS, &min, &max, &step);
  n_bins = CLAMP ((guint) lround ((max - min) / step), 1, 3 * HISTOGRAM_BINS);
  edges = g_new (double, n_bins + 1);
  for (guint b = 0; b <= n_bins; b++)
    edges[b] = min + step * b;

  counts = g_new (guint, n_bins);
  player = g_new (double, n_bins);
  tg_stats_histogram ((const double *) values->data, values->len, edges, n_bins, counts);
  for (guint b = 0; b < n_bins; b++)
    player[b] = 100.0 * counts[b] / n_values;
  bots = g_new (double, n_bins);
  if (!tg_play_stats_bot_histogram (plays, stage, edges, n_bins, bots))
    g_clear_pointer (&bots, g_free);
  tg_histogram_chart_set_data (chart, edges, n_bins, player, bots);
}

void
tg_chart_show_difficulties (TgBarChart *chart,
                            GPtrArray  *plays)
{
  const char *grades[] = { "S", "A", "B", "F" };
  const TgPlayGrade order[] = { TG_GRADE_S, TG_GRADE_A, TG_GRADE_B, TG_GRADE_F };
  /* Green, blue, yellow, red. */
  const guint colors[] = { 1, 0, 2, 4 };
  TgDifficultyFigures figures[TG_DIFFICULTY_HARD + 1];
  const char *categories[TG_DIFFICULTY_HARD + 1];
  char *annotations[TG_DIFFICULTY_HARD + 2] = { NULL };
  double values[(TG_DIFFICULTY_HARD + 1) * 4];

  tg_play_stats_by_difficulty (plays, figures);
  tg_chart_set_title (TG_CHART (chart), _("Grades and success rate by difficulty"));
  tg_chart_set_empty_text (TG_CHART (chart), _("Play a full match to see your grades."));
  tg_bar_chart_set_series (chart, grades, 4);
  for (guint g = 0; g < 4; g++)
    tg_bar_chart_set_series_color (chart, g, colors[g]);
  tg_bar_chart_set_unit (chart, TG_CHART_UNIT_COUNT);
  tg_bar_chart_set_x_caption (chart, _("Difficulty"));

  for (guint d = 0; d <= TG_DIFFICULTY_HARD; d++)
    {
      categories[d] = difficulty_label (d);
      for (guint g = 0; g < 4; g++)
        values[d * 4 + g] = figures[d].grades[order[g]];
      if (figures[d].n_plays > 0)
        /* Translators: success rate over a bar, "62% booked". */
        annotations[d] = g_strdup_printf (_("%.0f%% booked"),
                                          100.0 * figures[d].n_success / figures[d].n_plays);
      else
        annotations[d] = g_strdup ("");
    }
  tg_bar_chart_set_data (chart, categories, TG_DIFFICULTY_HARD + 1, values);
  tg_bar_chart_set_annotations (chart, (const char * const *) annotations);
  for (guint d = 0; d <= TG_DIFFICULTY_HARD; d++)
    g_free (annotations[d]);
}

void
tg_chart_show_seat_grades (TgBarChart *chart,
                           GPtrArray  *plays)
{
  g_autoptr(GPtrArray) counts = tg_play_stats_seat_grades (plays);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *values = g_new (double, MAX (1, counts->len));
  const char *series[] = { _("Seats") };

  tg_chart_set_title (TG_CHART (chart), _("Seat grades obtained"));
  tg_chart_set_empty_text (TG_CHART (chart), _("Book a seat to see its grade here."));
  tg_bar_chart_set_series (chart, series, 1);
  tg_bar_chart_set_series_color (chart, 0, 5);
  tg_bar_chart_set_unit (chart, TG_CHART_UNIT_COUNT);
  tg_bar_chart_set_x_caption (chart, _("Seat grade"));
  for (guint i = 0; i < counts->len; i++)
    {
      const TgLabelCount *c = g_ptr_array_index (counts, i);
      g_ptr_array_add (labels, c->label);
      values[i] = c->count;
    }
  g_ptr_array_add (labels, NULL);
  tg_bar_chart_set_data (chart, (const char * const *) labels->pdata, counts->len, values);
}

void
tg_chart_show_season_weeks (TgBarChart *chart,
                            GPtrArray  *plays)
{
  g_autoptr(GPtrArray) weeks = tg_season_weeks (plays, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new (double, MAX (1, weeks->len));
  const char *series[] = { _("Season score") };
  double best = 0;

  tg_chart_set_title (TG_CHART (chart), _("Season score per week"));
  tg_chart_set_empty_text (TG_CHART (chart), _("Book a seat in a full match to score points."));
  tg_bar_chart_set_series (chart, series, 1);
  tg_bar_chart_set_series_color (chart, 0, 2);
  tg_bar_chart_set_unit (chart, TG_CHART_UNIT_SCORE);
  tg_bar_chart_set_x_caption (chart, _("Week of"));
  for (guint i = 0; i < weeks->len; i++)
    best = MAX (best, ((TgSeasonWeek *) weeks->pdata[i])->total);
  for (guint i = 0; i < weeks->len; i++)
    {
      const TgSeasonWeek *week = g_ptr_array_index (weeks, i);

      g_ptr_array_add (labels, short_date (week->week_start));
      values[i] = week->total;
      /* Translators: marks the best week on the season chart. */
      g_ptr_array_add (annotations, g_strdup (best > 0 && week->total == best ? _("Best") : ""));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (annotations, NULL);
  tg_bar_chart_set_data (chart, (const char * const *) labels->pdata, weeks->len, values);
  tg_bar_chart_set_annotations (chart, (const char * const *) annotations->pdata);
}

static int
compare_drills (gconstpointer a,
                gconstpointer b)
{
  const TgHistoryDrill *x = *(TgHistoryDrill * const *) a;
  const TgHistoryDrill *y = *(TgHistoryDrill * const *) b;
  int c = x->played_at != NULL && y->played_at != NULL ? g_date_time_compare (x->played_at, y->played_at) : 0;

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

void
tg_chart_show_drill_times (TgLineChart *chart,
                           GPtrArray   *drills,
                           TgDrillKind  kind)
{
  static const char * const titles[TG_N_DRILL_KINDS] = {
    N_("Open-time click drill"), N_("Security code drill"), N_("Seat picking drill"),
  };
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_if_fail (kind < TG_N_DRILL_KINDS);

  for (guint i = 0; i < drills->len; i++)
    if (((TgHistoryDrill *) drills->pdata[i])->kind == kind)
      g_ptr_array_add (sorted, drills->pdata[i]);
  g_ptr_array_sort (sorted, compare_drills);
  for (guint i = 0; i < sorted->len; i++)
    {
      const TgHistoryDrill *d = g_ptr_array_index (sorted, i);
      double v = d->success && d->time_ms >= 0 ? (double) d->time_ms : NAN;
      g_array_append_val (values, v);
    }

  tg_chart_set_title (TG_CHART (chart), _(titles[kind]));
  tg_chart_set_empty_text (TG_CHART (chart), _("Do this drill a few times to see your progress."));
  tg_line_chart_set_unit (chart, TG_CHART_UNIT_MS);
  tg_line_chart_set_color (chart, kind);
  tg_line_chart_set_window (chart, 5);
  tg_line_chart_set_attempts (chart, TRUE);
  /* Tries are numbered: several a minute make dates useless. */
  tg_line_chart_set_values (chart, (const double *) values->data, NULL, values->len);
}
