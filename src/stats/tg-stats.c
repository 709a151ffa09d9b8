/* tg-stats.c: descriptive statistics and the bots' distribution of a stage. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-stats.h"

double
tg_stats_mean (const double *values,
               gsize         n)
{
  double sum = 0;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  if (n == 0)
    return NAN;
  for (gsize i = 0; i < n; i++)
    sum += values[i];
  return sum / n;
}

double
tg_stats_stddev (const double *values,
                 gsize         n)
{
  double mean, sq = 0;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  if (n < 2)
    return 0;
  mean = tg_stats_mean (values, n);
  /* Two passes: the one-pass formula loses precision on times in the tens of seconds. */
  for (gsize i = 0; i < n; i++)
    sq += (values[i] - mean) * (values[i] - mean);
  return sqrt (sq / (n - 1));
}

double
tg_stats_percentile_sorted (const double *sorted,
                            gsize         n,
                            double        p)
{
  double h;
  gsize lo, hi;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);

  if (n == 0 || isnan (p))
    return NAN;
  p = CLAMP (p, 0, 100);
  /* Type 7: h = (n − 1)·p, then between the order statistics x[⌊h⌋] and x[⌊h⌋ + 1]. */
  h = (n - 1) * p / 100.0;
  lo = (gsize) floor (h);
  hi = MIN (lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

double
tg_stats_percentile (const double *values,
                     gsize         n,
                     double        p)
{
  g_autofree double *sorted = NULL;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  if (n == 0)
    return NAN;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_double);
  return tg_stats_percentile_sorted (sorted, n, p);
}

double
tg_stats_zscore (double x,
                 double mean,
                 double stddev)
{
  if (!(stddev > 0) || isnan (x) || isnan (mean))
    return 0;
  return (x - mean) / stddev;
}

void
tg_stats_summarize (const double *values,
                    gsize         n,
                    TgSummary    *out)
{
  g_autofree double *sorted = NULL;
  gsize m = 0;

  g_return_if_fail (n == 0 || values != NULL);
  g_return_if_fail (out != NULL);

  sorted = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      sorted[m++] = values[i];

  out->n = m;
  if (m == 0)
    {
      out->mean = out->stddev = out->min = out->p10 = out->median = out->p90 = out->max = NAN;
      return;
    }
  qsort (sorted, m, sizeof (double), compare_double);
  out->mean = tg_stats_mean (sorted, m);
  out->stddev = tg_stats_stddev (sorted, m);
  out->min = sorted[0];
  out->max = sorted[m - 1];
  out->p10 = tg_stats_percentile_sorted (sorted, m, 10);
  out->median = tg_stats_percentile_sorted (sorted, m, 50);
  out->p90 = tg_stats_percentile_sorted (sorted, m, 90);
}

void
tg_stats_moving_average (const double *values,
                         gsize         n,
                         guint         window,
                         double       *out)
{
  g_autofree double *copy = NULL;

  g_return_if_fail (n == 0 || (values != NULL && out != NULL));
  g_return_if_fail (window > 0);

  if (n == 0)
    return;
  copy = g_memdup2 (values, n * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      gsize first = i + 1 >= window ? i + 1 - window : 0;
      double sum = 0;
      guint count = 0;

      for (gsize j = first; j <= i; j++)
        if (!isnan (copy[j]))
          {
            sum += copy[j];
            count++;
          }
      out[i] = count > 0 ? sum / count : NAN;
    }
}

gboolean
tg_stats_linear_fit (const double *x,
                     const double *y,
                     gsize         n,
                     double       *slope,
                     double       *intercept)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0;
  gsize m = 0;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), FALSE);

  for (gsize i = 0; i < n; i++)
    if (!isnan (y[i]) && !isnan (x[i]))
      {
        mx += x[i];
        my += y[i];
        m++;
      }
  if (m < 2)
    return FALSE;
  mx /= m;
  my /= m;
  for (gsize i = 0; i < n; i++)
    if (!isnan (y[i]) && !isnan (x[i]))
      {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
      }
  if (!(sxx > 0))
    return FALSE;
  if (slope != NULL)
    *slope = sxy / sxx;
  if (intercept != NULL)
    *intercept = my - sxy / sxx * mx;
  return TRUE;
}

void
tg_stats_histogram (const double *values,
                    gsize         n,
                    const double *edges,
                    guint         n_bins,
                    guint        *out_counts)
{
  g_return_if_fail (n_bins > 0 && edges != NULL && out_counts != NULL);
  g_return_if_fail (n == 0 || values != NULL);

  memset (out_counts, 0, n_bins * sizeof (guint));
  for (gsize i = 0; i < n; i++)
    {
      guint lo = 0, hi = n_bins;

      if (isnan (values[i]))
        continue;
      /* Last bin whose lower edge is ≤ v. */
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;
          if (values[i] >= edges[mid])
            lo = mid;
          else
            hi = mid;
        }
      out_counts[lo]++;
    }
}

/* The bots' distribution */

gboolean
tg_bot_stage_is_known (const TgBotStageSummary *bots)
{
  return bots != NULL && bots->n > 0;
}

double
tg_bot_stage_cdf (const TgBotStageSummary *bots,
                  double                   ms)
{
  const double step = 100.0 / (TG_BOT_N_QUANTILES - 1);
  const gint64 *q;
  guint i;

  if (!tg_bot_stage_is_known (bots) || isnan (ms))
    return -1;
  q = bots->q_ms;
  if (ms < q[0])
    return 0;
  if (ms >= q[TG_BOT_N_QUANTILES - 1])
    return 100;
  /* Last quantile at or below ms, so ties (several quantiles equal) count whole. */
  for (i = TG_BOT_N_QUANTILES - 1; i > 0 && q[i] > ms; i--)
    ;
  return step * i + step * (ms - q[i]) / (double) (q[i + 1] - q[i]);
}

double
tg_bot_stage_share_slower (const TgBotStageSummary *bots,
                           double                   ms)
{
  double cdf = tg_bot_stage_cdf (bots, ms);

  return cdf < 0 ? -1 : 100 - cdf;
}

double
tg_bot_stage_quantile (const TgBotStageSummary *bots,
                       double                   p)
{
  double h;
  guint lo;

  if (!tg_bot_stage_is_known (bots) || isnan (p))
    return NAN;
  h = CLAMP (p, 0, 100) / 100.0 * (TG_BOT_N_QUANTILES - 1);
  lo = MIN ((guint) floor (h), TG_BOT_N_QUANTILES - 2);
  return bots->q_ms[lo] + (h - lo) * (double) (bots->q_ms[lo + 1] - bots->q_ms[lo]);
}

double
tg_bot_stage_speed_z (const TgBotStageSummary *bots,
                      double                   ms)
{
  if (!tg_bot_stage_is_known (bots) || isnan (ms) || ms < 0)
    return 0;
  return -tg_stats_zscore (ms, bots->mean_ms, bots->stddev_ms);
}
