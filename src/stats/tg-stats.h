/* tg-stats.h: descriptive statistics over plain arrays of doubles, and the bots' distribution
 * of a stage (TgBotStageSummary) read as a continuous distribution.
 *
 * Definitions are in docs/stats.md: the standard deviation is the sample one (n − 1), percentiles
 * interpolate linearly between order statistics (Hyndman–Fan type 7, as numpy's default and
 * spreadsheets' PERCENTILE.INC), the moving average is trailing.
 */
#pragma once

#include <glib.h>

#include "tg-result.h"

G_BEGIN_DECLS

typedef struct
{
  gsize  n;
  double mean;
  double stddev;     /* sample standard deviation; 0 when n < 2 */
  double min;
  double p10;
  double median;
  double p90;
  double max;
} TgSummary;

/* NAN when @n is 0. */
double   tg_stats_mean               (const double *values,
                                      gsize         n);
/* Sample standard deviation (divides by n − 1); 0 when @n < 2. */
double   tg_stats_stddev             (const double *values,
                                      gsize         n);
/* @p in 0–100 over ascending @sorted; NAN when @n is 0. */
double   tg_stats_percentile_sorted  (const double *sorted,
                                      gsize         n,
                                      double        p);
/* Same on unsorted @values (sorts a copy). */
double   tg_stats_percentile         (const double *values,
                                      gsize         n,
                                      double        p);
/* (x − mean) / stddev; 0 when @stddev is not positive. */
double   tg_stats_zscore             (double        x,
                                      double        mean,
                                      double        stddev);
/* Every field NAN (n = 0) when @n is 0. NAN entries in @values are skipped. */
void     tg_stats_summarize          (const double *values,
                                      gsize         n,
                                      TgSummary    *out);
/* Trailing moving average: out[i] is the mean of values[i − window + 1 … i], of the values that
 * exist (the first window − 1 entries average fewer). NAN entries are skipped; out[i] is NAN when
 * the window holds none. @out may be @values. */
void     tg_stats_moving_average     (const double *values,
                                      gsize         n,
                                      guint         window,
                                      double       *out);
/* Least-squares line y = slope·x + intercept over the pairs where y is not NAN. FALSE (and
 * nothing written) with fewer than 2 such points or when every x is the same. */
gboolean tg_stats_linear_fit         (const double *x,
                                      const double *y,
                                      gsize         n,
                                      double       *slope,
                                      double       *intercept);
/* Counts @values (NAN skipped) into @n_bins bins with edges @edges[0 … n_bins]: bin i holds
 * edges[i] ≤ v < edges[i + 1]; values below the first or from the last edge on go to the end
 * bins. */
void     tg_stats_histogram          (const double *values,
                                      gsize         n,
                                      const double *edges,
                                      guint         n_bins,
                                      guint        *out_counts);

/* The bots' distribution, taken as piecewise linear between its 21 quantiles. */
gboolean tg_bot_stage_is_known       (const TgBotStageSummary *bots);
/* Share (0–100) of bots at or below @ms; -1 if unknown. */
double   tg_bot_stage_cdf            (const TgBotStageSummary *bots,
                                      double                   ms);
/* Share (0–100) of bots slower than @ms: 100 − cdf. -1 if unknown. */
double   tg_bot_stage_share_slower   (const TgBotStageSummary *bots,
                                      double                   ms);
/* The @p (0–100) quantile, interpolated; NAN if unknown. */
double   tg_bot_stage_quantile       (const TgBotStageSummary *bots,
                                      double                   p);
/* How many standard deviations of the bots @ms is faster than their mean (positive: faster);
 * 0 if unknown. */
double   tg_bot_stage_speed_z        (const TgBotStageSummary *bots,
                                      double                   ms);

G_END_DECLS
