/* tg-season.h: the season score of the original TickGet (REFERENCE.md), per play and per week.
 *
 *   failed run: 0
 *   otherwise:  (1000 × (1 − rank/total) × crowd × difficulty + speed bonus) / 10
 *   crowd      = 1 + 0.3 × min (1, total / 5000)             (1.0 … 1.3)
 *   difficulty = 1.1 / 1.2 / 1.3 for easy / medium / hard
 *   speed bonus = clamp (100 × (0.4·z_queue + 0.2·z_captcha + 0.4·z_seat), 0, 300)
 *
 * rank is the rank among every buyer (TgResult.rank_all), total every participant (bots and
 * humans). Each z is measured against the bots of the same match: (bots' mean − your time) /
 * bots' standard deviation, so faster than the average bot is positive. docs/stats.md explains
 * the choices the reference leaves open.
 */
#pragma once

#include <glib.h>

#include "tg-history.h"

G_BEGIN_DECLS

#define TG_SEASON_CROWD_FULL 5000   /* participants for the whole crowd factor */

typedef enum
{
  TG_SEASON_Z_QUEUE,
  TG_SEASON_Z_CAPTCHA,
  TG_SEASON_Z_SEAT,
  TG_SEASON_N_Z
} TgSeasonZ;

typedef struct
{
  double   score;              /* what counts: already divided by 10 */
  double   placement;          /* 1000 × (1 − rank/total) × crowd × difficulty */
  double   crowd_factor;
  double   difficulty_factor;
  double   z[TG_SEASON_N_Z];   /* 0 where the bots' distribution is unknown */
  gboolean z_known[TG_SEASON_N_Z];
  double   speed_bonus;        /* after clamping to 0–300 */
} TgSeasonScore;

void        tg_season_score_play    (const TgResult *result,
                                     TgSeasonScore  *out);
/* Convenience: just the score. */
double      tg_season_score         (const TgResult *result);

typedef struct
{
  GDateTime *week_start;   /* Monday 00:00 in the time zone asked for */
  double     total;        /* sum of the plays' scores */
  double     best;         /* best single play of the week */
  guint      n_plays;
} TgSeasonWeek;

void        tg_season_week_free     (TgSeasonWeek *week);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgSeasonWeek, tg_season_week_free)

/* One TgSeasonWeek per week that has plays, oldest first. @plays are TgHistoryPlay in any
 * order; @tz NULL for local time. */
GPtrArray  *tg_season_weeks         (GPtrArray    *plays,
                                     GTimeZone    *tz);

typedef struct
{
  double  best_play;        /* highest score of one play; 0 without plays */
  gint64  best_play_id;     /* its TgHistoryPlay id, -1 without plays */
  double  best_week;        /* highest weekly total */
  double  total;            /* all plays */
  guint   n_plays;
} TgSeasonBest;

void        tg_season_personal_best (GPtrArray    *plays,
                                     GTimeZone    *tz,
                                     TgSeasonBest *out);

G_END_DECLS
