/* tg-play-stats.h: figures over a set of stored plays (TgHistoryPlay) and drills — what the stats
 * view, the charts and the analyst show.
 *
 * Functions take plays in any order (tg_history_list_plays() gives newest first) and sort what
 * they need by played_at, oldest first.
 */
#pragma once

#include <glib.h>

#include "tg-history.h"
#include "tg-stats.h"

G_BEGIN_DECLS

/* A new array of the same (borrowed) plays, oldest first; ties keep id order. */
GPtrArray *tg_play_stats_chronological  (GPtrArray       *plays);

/* One value per play of @chronological, in that order: the stage time in ms, NAN where the
 * stage was not reached. */
GArray    *tg_play_stats_stage_series   (GPtrArray       *chronological,
                                         TgStage          stage);
/* Same for the first queue position (NAN when the player never queued). */
GArray    *tg_play_stats_queue_position_series (GPtrArray *chronological);

typedef struct
{
  TgStage   stage;
  TgSummary summary;            /* over the plays that reached the stage */
  double    slope_per_play;     /* ms per play (negative: getting faster); NAN if unknown */
  double    slope_per_week;     /* ms per week of calendar time; NAN if unknown */
  double    mean_share_slower;  /* % of the same match's bots slower, averaged; -1 if unknown */
  double    mean_bot_median;    /* the bots' median at this stage, averaged over plays; NAN */
} TgStageFigures;

void       tg_play_stats_stage_figures  (GPtrArray       *plays,
                                         TgStage          stage,
                                         TgStageFigures  *out);

typedef struct
{
  guint n_plays;
  guint n_success;
  guint grades[TG_GRADE_S + 1];   /* indexed by TgPlayGrade */
} TgDifficultyFigures;

/* @out has one entry per TgDifficulty. */
void       tg_play_stats_by_difficulty  (GPtrArray           *plays,
                                         TgDifficultyFigures  out[TG_DIFFICULTY_HARD + 1]);

typedef struct
{
  char  *label;
  guint  count;
} TgLabelCount;

void       tg_label_count_free          (TgLabelCount *self);
/* Seats obtained per seat grade ("VIP", "R" …; "?" when not recorded), most first. */
GPtrArray *tg_play_stats_seat_grades    (GPtrArray       *plays);

/* The bots' share (0–100) in each bin of @edges (n_bins + 1 edges) at @stage, averaged over the
 * plays that stored the bots' distribution (each match weighs the same). FALSE if none did. */
gboolean   tg_play_stats_bot_histogram  (GPtrArray       *plays,
                                         TgStage          stage,
                                         const double    *edges,
                                         guint            n_bins,
                                         double          *out_share);

typedef struct
{
  TgDrillKind kind;
  guint       n;
  guint       n_success;
  TgSummary   time;             /* over successful attempts with a time */
  double      slope_per_try;    /* ms per attempt, NAN if unknown */
  double      misses_per_try;
} TgDrillFigures;

/* Over the drills of @kind in @drills (TgHistoryDrill, any order, other kinds ignored). */
void       tg_play_stats_drill_figures  (GPtrArray       *drills,
                                         TgDrillKind      kind,
                                         TgDrillFigures  *out);

G_END_DECLS
