/* tg-match.h: one ticketing match — the clock, the queue, the seat ledger, the bots and every
 * human participant's state machine.
 *
 *   WAITING ─예매하기 at open─▶ OPEN (date/회차) ─▶ QUEUED ─admitted─▶ CAPTCHA ─▶ SEATS ─hold─▶ PAYMENT ─▶ DONE
 *         any state ─────────────────────────────────────────────────────────────────────────▶ FAILED
 *
 * A human is queued from the moment 예매하기 is accepted (arrival order is that timestamp); the
 * date/회차 choice follows while the queue moves. A match is a pure function of its settings, its seed
 * and the human inputs: tests drive it with a manual clock. The app (offline), tickget-sim and the
 * LAN server all run this same code; the match is used from the thread that owns its clock.
 */
#pragma once

#include <glib-object.h>

#include "tg-captcha.h"
#include "tg-clock.h"
#include "tg-ledger.h"
#include "tg-queue.h"
#include "tg-result.h"
#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_MATCH_ERROR (tg_match_error_quark ())

typedef enum
{
  TG_MATCH_ERROR_INVALID_SETTINGS,
  TG_MATCH_ERROR_UNKNOWN_PARTICIPANT,
  TG_MATCH_ERROR_NOT_OPEN,          /* 예매하기 before the open time */
  TG_MATCH_ERROR_WRONG_STATE,       /* the action does not fit the participant's current step */
  TG_MATCH_ERROR_DATE_UNAVAILABLE,  /* a date/회차 that is not on sale */
  TG_MATCH_ERROR_CAPTCHA_WRONG,
  TG_MATCH_ERROR_CAPTCHA_EXPIRED,
  TG_MATCH_ERROR_SEAT_TAKEN,        /* 이선좌 */
  TG_MATCH_ERROR_INVALID_SEATS,
  TG_MATCH_ERROR_FINISHED,
} TgMatchError;

GQuark tg_match_error_quark (void);

typedef enum
{
  TG_MATCH_STATE_WAITING,
  TG_MATCH_STATE_OPEN,
  TG_MATCH_STATE_QUEUED,
  TG_MATCH_STATE_CAPTCHA,
  TG_MATCH_STATE_SEATS,
  TG_MATCH_STATE_PAYMENT,
  TG_MATCH_STATE_DONE,
  TG_MATCH_STATE_FAILED,
} TgMatchState;

typedef enum
{
  TG_DISCOUNT_GENERAL,
  TG_DISCOUNT_DISABLED,    /* 장애인 20 % */
  TG_DISCOUNT_VETERAN,     /* 국가유공자 20 % */
  TG_N_DISCOUNTS
} TgDiscount;

typedef enum
{
  TG_PAYMENT_CARD,
  TG_PAYMENT_BANK_TRANSFER,
  TG_PAYMENT_MOBILE,
  TG_N_PAYMENT_METHODS
} TgPaymentMethod;

#define TG_MATCH_MAX_BOTS       1000000
#define TG_MATCH_MAX_DATES      8
#define TG_MATCH_BOOKING_FEE    2000     /* won per ticket */
#define TG_MATCH_DISCOUNT_PERCENT 20

typedef struct
{
  TgDifficulty difficulty;
  guint        n_bots;             /* 0 – TG_MATCH_MAX_BOTS */
  TgVenue     *venue;              /* a reference is taken; NULL: the "large" preset */
  guint        seats_per_booking;  /* 1 – 4 */
  gint64       countdown;          /* µs from match creation to the open time */
  double       admission_rate;     /* admitted per second; 0: automatic (see docs/engine.md) */
  gint64       hold_ttl;           /* µs */
  gint64       captcha_ttl;        /* µs a challenge stays valid */
  gboolean     prequeue;           /* arrivals before open wait in a randomized pre-queue */
  guint        n_dates;            /* date/회차 options shown, 1 – TG_MATCH_MAX_DATES */
  guint        open_date;          /* the one that is on sale */
  guint        bot_cancel_percent; /* bots that cancel a hold 5–10 s later (취소표) */
  guint        bot_abandon_percent;/* bots that abandon payment */
  guint64      seed;
} TgMatchSettings;

void     tg_match_settings_init     (TgMatchSettings       *settings);
gboolean tg_match_settings_validate (const TgMatchSettings *settings,
                                     GError               **error);

typedef struct
{
  guint  n_seats;
  guint  subtotal;        /* ticket prices after discounts */
  guint  discount;        /* won taken off */
  guint  fee;             /* booking fee */
  guint  total;
} TgQuote;

/* Aggregate figures of the bots' stage times, in ms. */
typedef struct
{
  guint  n;
  double mean;
  double stddev;
  gint64 min, p10, p50, p90, max;
} TgStageStats;

#define TG_TYPE_MATCH (tg_match_get_type ())
G_DECLARE_FINAL_TYPE (TgMatch, tg_match, TG, MATCH, GObject)

/* The open time is tg_clock_now (@clock) + settings->countdown. */
TgMatch        *tg_match_new                (const TgMatchSettings *settings,
                                             TgClock               *clock,
                                             GError               **error);
const TgMatchSettings *tg_match_get_settings (TgMatch *self);
TgClock        *tg_match_get_clock          (TgMatch *self);
TgVenue        *tg_match_get_venue          (TgMatch *self);
TgLedger       *tg_match_get_ledger         (TgMatch *self);
gint64          tg_match_get_open_time      (TgMatch *self);
gboolean        tg_match_is_open            (TgMatch *self);
gboolean        tg_match_is_finished        (TgMatch *self);
gboolean        tg_match_is_sold_out        (TgMatch *self);
/* µs after open when the last seat was sold, or -1. */
gint64          tg_match_get_sell_out_time  (TgMatch *self);
double          tg_match_get_admission_rate (TgMatch *self);
/* TRUE while no seat is available (all held or sold): nobody is admitted until some come back. */
gboolean        tg_match_is_queue_paused    (TgMatch *self);

/* Humans (any number, before open). Returns the participant id. */
guint32         tg_match_add_human          (TgMatch    *self,
                                             const char *name);
guint           tg_match_get_n_humans       (TgMatch    *self);
guint32         tg_match_get_human          (TgMatch    *self,
                                             guint       index);
const char     *tg_match_get_human_name     (TgMatch    *self,
                                             guint32     participant);
TgMatchState    tg_match_get_state          (TgMatch    *self,
                                             guint32     participant);
/* Whether the participant's 예매하기 was taken (in a waiting room, before the open too). */
gboolean        tg_match_is_booked          (TgMatch    *self,
                                             guint32     participant);
TgFailReason    tg_match_get_fail_reason    (TgMatch    *self,
                                             guint32     participant);

/* Open-time click. Before open (without pre-queue) the click is counted and refused. */
gboolean        tg_match_click_book         (TgMatch    *self,
                                             guint32     participant,
                                             GError    **error);
/* A click on anything but the active control (counted). */
void            tg_match_note_misclick      (TgMatch    *self,
                                             guint32     participant);
gboolean        tg_match_choose_date        (TgMatch    *self,
                                             guint32     participant,
                                             guint       date_index,
                                             GError    **error);
gboolean        tg_match_get_queue_status   (TgMatch       *self,
                                             guint32        participant,
                                             TgQueueStatus *status);

/* 보안문자 */
const TgCaptcha *tg_match_get_captcha       (TgMatch    *self,
                                             guint32     participant);
void            tg_match_note_backspace     (TgMatch    *self,
                                             guint32     participant);
gboolean        tg_match_refresh_captcha    (TgMatch    *self,
                                             guint32     participant,
                                             GError    **error);
gboolean        tg_match_submit_captcha     (TgMatch    *self,
                                             guint32     participant,
                                             const char *answer,
                                             GError    **error);

/* Seats */
void            tg_match_note_seat_miss     (TgMatch    *self,
                                             guint32     participant);
/* Holds all of @seats or none; on 이선좌 @taken (GArray of guint32, may be NULL) lists the taken
 * ones and the conflict is counted. */
gboolean        tg_match_hold_seats         (TgMatch       *self,
                                             guint32        participant,
                                             const guint32 *seats,
                                             guint          n_seats,
                                             GArray        *taken,
                                             GError       **error);
/* The best available adjacent block for this participant's booking size (0 if none). */
guint           tg_match_suggest_seats      (TgMatch    *self,
                                             guint32     participant,
                                             guint32    *out_seats);
/* Back from payment to the seat map, giving the held seats back. */
gboolean        tg_match_release_hold       (TgMatch    *self,
                                             guint32     participant,
                                             GError    **error);
/* The held seats, and when the hold expires (clock µs). FALSE if none. */
gboolean        tg_match_get_hold           (TgMatch    *self,
                                             guint32     participant,
                                             TgHoldInfo *info);

/* Payment: one discount per held seat. */
gboolean        tg_match_quote              (TgMatch          *self,
                                             guint32           participant,
                                             const TgDiscount *discounts,
                                             TgQuote          *quote,
                                             GError          **error);
gboolean        tg_match_pay                (TgMatch          *self,
                                             guint32           participant,
                                             const TgDiscount *discounts,
                                             TgPaymentMethod   method,
                                             GError          **error);
/* Payment cancelled or refused: releases the hold, FAILED (payment). */
gboolean        tg_match_cancel_payment     (TgMatch    *self,
                                             guint32     participant,
                                             GError    **error);
/* Gives up at any step (releases holds, leaves the queue). */
void            tg_match_give_up            (TgMatch    *self,
                                             guint32     participant);
/* The participant left (window closed, disconnected for good). */
void            tg_match_leave              (TgMatch    *self,
                                             guint32     participant);

/* The result so far (final once DONE/FAILED); percentiles against the bots as they stand. */
TgResult       *tg_match_get_result         (TgMatch    *self,
                                             guint32     participant);

/* Bots, for summaries and charts. */
void            tg_match_get_bot_stage_stats (TgMatch      *self,
                                              TgStage       stage,
                                              TgStageStats *stats);
guint           tg_match_get_n_bots_done    (TgMatch    *self);
/* 이선좌 met by bots, and how many bots still held seats after one. */
guint           tg_match_get_n_bot_conflicts (TgMatch   *self,
                                              guint     *won_after_conflict);
/* Bots of each skill level (TgBotSkill order: beginner, intermediate, expert). */
void            tg_match_count_bots_by_skill (TgMatch   *self,
                                              guint     *counts);
guint           tg_match_get_n_bots_failed  (TgMatch    *self,
                                             TgFailReason reason);
/* Bots that held seats and cancelled them on purpose (취소표); not counted as failed. */
guint           tg_match_get_n_bots_cancelled (TgMatch  *self);
/* Seats sold per grade index (tg_venue_get_n_grades() entries). */
void            tg_match_count_sold_by_grade (TgMatch   *self,
                                              guint     *counts);
gsize           tg_match_get_memory_size    (TgMatch    *self);

G_END_DECLS
