/* tg-analyst.h: the built-in analysis report — deterministic C over the stored numbers.
 *
 * From at least TG_ANALYST_MIN_PLAYS full plays (drills do not count) it rates each stage
 * against the three bot skill levels of the engine (their base delays, docs/engine.md), measures
 * the trend and the spread, finds mistake patterns and what cost seats, and proposes drills.
 * TgAnalysis holds the numbers (the LLM client sends them as JSON); tg_analysis_get_sections()
 * words them in the UI language. docs/stats.md lists every rule and threshold.
 */
#pragma once

#include <glib.h>

#include "tg-history.h"
#include "tg-play-stats.h"
#include "tg-season.h"

G_BEGIN_DECLS

#define TG_ANALYST_MIN_PLAYS 10

#define TG_ANALYST_ERROR (tg_analyst_error_quark ())

typedef enum
{
  TG_ANALYST_ERROR_NOT_ENOUGH_PLAYS,
} TgAnalystError;

GQuark tg_analyst_error_quark (void);

/* Where a median stage time sits against the bots' base delays. */
typedef enum
{
  TG_LEVEL_BELOW_BEGINNER,   /* slower than a beginner bot's base delay */
  TG_LEVEL_BEGINNER,         /* within a beginner's */
  TG_LEVEL_INTERMEDIATE,
  TG_LEVEL_EXPERT,           /* at or under an expert's */
} TgSkillLevel;

typedef enum
{
  TG_TREND_UNKNOWN,          /* fewer than TG_ANALYST_MIN_TREND plays reached the stage */
  TG_TREND_FASTER,
  TG_TREND_STEADY,
  TG_TREND_SLOWER,
} TgTrend;

typedef enum
{
  TG_CONSISTENCY_UNKNOWN,
  TG_CONSISTENCY_STEADY,     /* coefficient of variation ≤ 0.15 */
  TG_CONSISTENCY_FAIR,       /* ≤ 0.35 */
  TG_CONSISTENCY_ERRATIC,
} TgConsistency;

#define TG_ANALYST_MIN_TREND 5

typedef struct
{
  TgStageFigures figures;
  gboolean       rated;                  /* compared with the bot skill levels */
  TgSkillLevel   level;
  gint64         level_ms[3];            /* base delay: beginner, intermediate, expert */
  TgTrend        trend;
  TgConsistency  consistency;
  double         cv;                     /* stddev / mean; NAN if unknown */
  double         lost_ms;                /* per play: time behind the match's median bot */
  guint          bottleneck_count;       /* failed plays where this stage lost most ground */
} TgStageAnalysis;

typedef enum
{
  TG_MISTAKE_EARLY_CLICKS,
  TG_MISTAKE_DATE_MISCLICKS,
  TG_MISTAKE_CAPTCHA_WRONG,
  TG_MISTAKE_CAPTCHA_BACKSPACES,
  TG_MISTAKE_SEAT_CONFLICTS,             /* 이선좌 */
  TG_MISTAKE_SEAT_MISSES,
  TG_N_MISTAKES
} TgMistake;

typedef struct
{
  guint            n_plays;
  guint            n_success;
  guint            fails[TG_FAIL_PAYMENT + 1];   /* by TgFailReason; [TG_FAIL_NONE] = 0 */
  TgDifficulty     usual_difficulty;             /* the one played most */
  TgStageAnalysis  stages[TG_N_STAGES];
  double           mistakes_per_play[TG_N_MISTAKES];
  guint            plays_with_mistake[TG_N_MISTAKES];
  gboolean         mistake_flagged[TG_N_MISTAKES];
  int              costliest_stage;              /* TgStage, or -1 */
  int              weakest_stage;                /* TgStage among the rated, or -1 */
  TgDrillKind      drills[TG_N_DRILL_KINDS];     /* recommended, most useful first */
  guint            n_drills;
  TgDrillFigures   drill_figures[TG_N_DRILL_KINDS];
  TgSeasonBest     season;
} TgAnalysis;

/* @plays: TgHistoryPlay (any order); @drills: TgHistoryDrill or NULL. Fails with
 * TG_ANALYST_ERROR_NOT_ENOUGH_PLAYS (a message for the player) under TG_ANALYST_MIN_PLAYS. */
TgAnalysis *tg_analysis_new       (GPtrArray        *plays,
                                   GPtrArray        *drills,
                                   GError          **error);
void        tg_analysis_free      (TgAnalysis       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgAnalysis, tg_analysis_free)

/* The rated stages, in TgStage order: reaction, date, captcha, seat, payment. */
gboolean    tg_analyst_stage_is_rated (TgStage stage);
const char *tg_skill_level_to_string  (TgSkillLevel level);   /* stable key: "expert" … */
const char *tg_trend_to_string        (TgTrend trend);
const char *tg_consistency_to_string  (TgConsistency consistency);
const char *tg_mistake_to_string      (TgMistake mistake);

/* Text, in the UI language */

typedef struct
{
  char *title;
  char *body;    /* paragraphs separated by "\n" */
} TgAnalysisSection;

void        tg_analysis_section_free (TgAnalysisSection *self);

/* Summary, strengths and weaknesses, trend, consistency, mistakes, what cost seats, drills. */
GPtrArray  *tg_analysis_get_sections (const TgAnalysis *self);
/* The sections as one plain text (titles on their own lines). */
char       *tg_analysis_to_text      (const TgAnalysis *self);
/* What to show instead of a report for @n_plays plays (fewer than TG_ANALYST_MIN_PLAYS). */
char       *tg_analyst_not_enough_plays_message (guint n_plays);

G_END_DECLS
