/* tg-bots.h: what simulated players are like — skill mixes, stage delays, mistake rates and seat
 * preferences. The match runs the bots as events in one scheduler; this module only decides.
 *
 * Defaults come from the original TickGet (REFERENCE.md): difficulty mixes beginner/intermediate/
 * expert EASY 70/20/10, MEDIUM 30/50/20, HARD 10/30/60; delays base ± spread (uniform); captcha
 * failure 30/15/5 %. docs/engine.md lists every figure.
 */
#pragma once

#include <glib.h>

#include "tg-ledger.h"
#include "tg-result.h"
#include "tg-rng.h"
#include "tg-venue.h"

G_BEGIN_DECLS

typedef enum
{
  TG_BOT_BEGINNER,
  TG_BOT_INTERMEDIATE,
  TG_BOT_EXPERT,
  TG_N_BOT_SKILLS
} TgBotSkill;

typedef enum
{
  TG_BOT_DELAY_REACTION,   /* open → 예매하기 */
  TG_BOT_DELAY_DATE,       /* 예매하기 → date/회차 chosen */
  TG_BOT_DELAY_CAPTCHA,    /* one captcha attempt */
  TG_BOT_DELAY_SEAT,       /* seat map shown → hold attempt */
  TG_BOT_DELAY_RETRY,      /* after 이선좌, to the next choice */
  TG_BOT_DELAY_PAYMENT,    /* hold → payment done */
  TG_N_BOT_DELAYS
} TgBotDelay;

typedef struct
{
  gint64 base_ms;
  gint64 spread_ms;
} TgDelaySpec;

const char        *tg_bot_skill_to_string      (TgBotSkill    skill);
const TgDelaySpec *tg_bot_delay_spec           (TgBotSkill    skill,
                                                TgBotDelay    delay);
/* Share (percent) of @skill among the bots of @difficulty. */
guint              tg_bot_skill_percent        (TgDifficulty  difficulty,
                                                TgBotSkill    skill);
guint              tg_bot_captcha_fail_percent (TgBotSkill    skill);
TgBotSkill         tg_bot_draw_skill           (TgRng        *rng,
                                                TgDifficulty  difficulty);
/* A delay in microseconds, uniform in base ± spread. */
gint64             tg_bot_draw_delay           (TgRng        *rng,
                                                TgBotSkill    skill,
                                                TgBotDelay    delay);

/* Seat preferences: one ordering of the venue's seats per skill level (better section, front row,
 * centre column; experts favour premium grades, beginners cheaper ones), with seeded jitter.
 * It keeps its own view of which seats are available: the match tells it of every hold
 * (tg_seat_prefs_seat_taken) and every seat given back (tg_seat_prefs_seat_freed). */
typedef struct _TgSeatPrefs TgSeatPrefs;

TgSeatPrefs *tg_seat_prefs_new           (TgVenue      *venue,
                                          guint64       seed);
void         tg_seat_prefs_free          (TgSeatPrefs  *self);
/* Picks up to @want adjacent available seats (same row) for a bot of @skill: its favourite seat is
 * drawn among the first available ones of its ordering (experts aim closer to the top). Returns
 * how many were picked (0 when no seat is available). O(log n). */
guint        tg_seat_prefs_pick          (TgSeatPrefs  *self,
                                          TgBotSkill    skill,
                                          TgRng        *rng,
                                          guint         want,
                                          guint32      *out_seats);
/* The best available block of @want adjacent seats, as a seat map's "best available" button. */
guint        tg_seat_prefs_best_available (TgSeatPrefs *self,
                                           guint        want,
                                           guint32     *out_seats);
void         tg_seat_prefs_seat_taken    (TgSeatPrefs  *self,
                                          guint32       seat);
void         tg_seat_prefs_seat_freed    (TgSeatPrefs  *self,
                                          guint32       seat);
guint        tg_seat_prefs_get_n_available (TgSeatPrefs *self);
gsize        tg_seat_prefs_get_memory_size (TgSeatPrefs *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgSeatPrefs, tg_seat_prefs_free)

G_END_DECLS
