/* tg-result.h: what one participant achieved in a match.
 *
 * Plain data, filled by the match when a participant reaches DONE or FAILED, stored by the history
 * and sent over the network. Times are milliseconds; -1 means the stage was not reached.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TG_DIFFICULTY_EASY,
  TG_DIFFICULTY_MEDIUM,
  TG_DIFFICULTY_HARD,
} TgDifficulty;

typedef enum
{
  TG_STAGE_REACTION,   /* open → 예매하기 accepted */
  TG_STAGE_DATE,       /* 예매하기 → date/회차 chosen */
  TG_STAGE_QUEUE,      /* queue join → admitted */
  TG_STAGE_CAPTCHA,    /* captcha shown → solved */
  TG_STAGE_SEAT,       /* seat map shown → hold succeeded */
  TG_STAGE_PAYMENT,    /* hold → payment confirmed */
  TG_N_STAGES
} TgStage;

typedef enum
{
  TG_FAIL_NONE,
  TG_FAIL_SOLD_OUT,
  TG_FAIL_HOLD_EXPIRED,
  TG_FAIL_GAVE_UP,
  TG_FAIL_LEFT,
  TG_FAIL_PAYMENT,
} TgFailReason;

typedef enum
{
  TG_GRADE_F,
  TG_GRADE_B,
  TG_GRADE_A,
  TG_GRADE_S,
} TgPlayGrade;

#define TG_RESULT_MAX_SEATS 4

/* Quantiles kept of the bots' times at each stage: 0 %, 5 %, … 100 %. */
#define TG_BOT_N_QUANTILES 21

/* The bots' distribution of one stage's time in the same match, compact enough to store with
 * every play: the charts draw the bots' histogram from it and the statistics place the player
 * in it. Quantiles use linear interpolation between order statistics (docs/stats.md). */
typedef struct
{
  guint  n;                              /* bots that went through the stage; 0: unknown */
  double mean_ms;
  double stddev_ms;                      /* population standard deviation */
  gint64 q_ms[TG_BOT_N_QUANTILES];       /* q_ms[i] is the (5·i) % quantile */
} TgBotStageSummary;

typedef struct
{
  /* Match */
  guint64      seed;
  TgDifficulty difficulty;
  guint        n_bots;
  guint        n_humans;
  char        *venue_name;

  /* Outcome */
  gboolean     success;
  TgFailReason fail_reason;
  gint64       stage_ms[TG_N_STAGES];
  double       stage_percentile[TG_N_STAGES];  /* share of bots slower, 0–100; -1 if unknown */
  TgBotStageSummary bot_stages[TG_N_STAGES];   /* n = 0 when unknown (plays stored before v3) */
  gint64       total_ms;                       /* open → done/failed */

  /* Mistakes */
  guint        early_clicks;
  guint        date_misclicks;
  guint        captcha_wrong;
  guint        captcha_backspaces;
  guint        captcha_refreshes;
  guint        seat_conflicts;                 /* 이선좌 */
  guint        seat_misses;                    /* clicks beside any seat */

  /* Queue */
  guint        first_queue_position;
  guint        queue_total_at_join;
  double       sold_percent_at_admission;

  /* Seats */
  guint        n_seats;
  char        *seat_ids[TG_RESULT_MAX_SEATS];
  char        *seat_grades[TG_RESULT_MAX_SEATS];
  guint        price_paid;                     /* won, after discounts and fees */
  guint        rank_humans;                    /* 0 if no seat */
  guint        rank_all;
  guint        n_buyers;                       /* bookings confirmed when the result was made */
} TgResult;

#define TG_TYPE_RESULT (tg_result_get_type ())
GType        tg_result_get_type          (void) G_GNUC_CONST;

TgResult    *tg_result_new               (void);
TgResult    *tg_result_copy              (const TgResult *self);
void         tg_result_free              (TgResult       *self);
/* S/A/B/F from the outcome and the rank among all buyers. */
TgPlayGrade  tg_result_compute_grade     (const TgResult *self);
const char  *tg_play_grade_to_string     (TgPlayGrade     grade);
/* Fills @summary from @sorted_ms (ascending, @n values); n = 0 leaves it unknown. */
void         tg_bot_stage_summary_fill   (TgBotStageSummary *summary,
                                          const gint64      *sorted_ms,
                                          guint              n);
const char  *tg_stage_to_string          (TgStage         stage);    /* stable key, "reaction" … */
const char  *tg_stage_get_label          (TgStage         stage);    /* translated */
const char  *tg_fail_reason_to_string    (TgFailReason    reason);   /* stable key */
const char  *tg_fail_reason_get_label    (TgFailReason    reason);   /* translated */
const char  *tg_difficulty_to_string     (TgDifficulty    difficulty);
gboolean     tg_difficulty_from_string   (const char     *str,
                                          TgDifficulty   *out);
/* A short text a player can paste in chat, in the UI language. */
char        *tg_result_to_text           (const TgResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgResult, tg_result_free)

G_END_DECLS
