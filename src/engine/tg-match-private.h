/* tg-match-private.h: the match's insides, shared by tg-match.c (settings, bots, queue admission,
 * hold expiry, the clock), tg-match-humans.c (what a human does) and tg-match-results.c (results
 * and the bots' figures). Not for other files. */
#pragma once

#include <glib/gi18n-lib.h>

#include "tg-bots.h"
#include "tg-match.h"

G_BEGIN_DECLS

#define HUMAN_BIT      0x80000000u
#define IS_HUMAN(pid)  (((pid) & HUMAN_BIT) != 0)
#define TICK_USEC      (100 * TG_USEC_PER_MSEC)
#define BOT_NO_SEAT_WAIT_USEC  (1 * TG_USEC_PER_SEC)
/* A bot gives up after this many looks at a map with nothing to click or clicks that hit 이선좌. */
#define BOT_MAX_TRIES          20
#define NO_TIME        G_MININT32


typedef enum
{
  BOT_ARRIVING,
  BOT_QUEUED,
  BOT_CAPTCHA,
  BOT_SEATS,       /* next event: a hold attempt */
  BOT_NO_SEAT,     /* next event: look at the map again */
  BOT_HELD,        /* next event: pay, cancel or abandon */
  BOT_DONE,
  BOT_FAILED,
  BOT_CANCELLED,   /* held, then let the seats go on purpose (취소표) */
} BotState;

typedef enum
{
  FATE_PAY,
  FATE_CANCEL,
  FATE_ABANDON,
} BotFate;

/* 48 bytes a bot; times are ms relative to the open time. */
typedef struct
{
  guint32 ticket;
  guint32 hold;
  guint32 block;          /* first seat of the block the bot aims at */
  gint32  t_arrive;
  gint32  t_date;
  gint32  t_admit;
  gint32  t_captcha;
  gint32  t_seat;
  gint32  t_hold;
  gint32  t_end;
  guint8  skill;
  guint8  state;
  guint8  want;
  guint8  n_block;
  guint8  fate;
  guint8  fail_reason;
  guint8  captcha_fails;
  guint8  tries;
} Bot;

typedef struct
{
  gint64  time;
  guint32 seq;
  guint32 bot;
} Event;

typedef struct
{
  char        *name;
  TgMatchState state;
  TgFailReason fail;
  gboolean     booked;
  gboolean     admitted;
  gboolean     in_queue;
  guint32      ticket;
  guint32      hold;
  gint64       t_book, t_date, t_admit, t_captcha, t_seat, t_hold, t_end;
  TgCaptcha    captcha;
  TgRng        rng;
  guint        early_clicks, misclicks, captcha_wrong, backspaces, refreshes, conflicts, misses;
  guint        first_position, total_at_join;
  double       sold_at_admit;
  guint        price_paid;
  TgHoldInfo   final_hold;
} Human;

struct _TgMatch
{
  GObject          parent_instance;

  TgMatchSettings  settings;
  TgClock         *clock;
  TgVenue         *venue;
  TgLedger        *ledger;
  TgQueue         *queue;
  TgSeatPrefs     *prefs;
  double           rate;
  gint64           open_at;
  TgRng            bot_rng;
  TgRng            queue_rng;

  Bot             *bots;
  guint            n_bots;
  guint            bots_active;
  guint            bots_done;
  guint            bots_failed[TG_FAIL_PAYMENT + 1];
  guint            bots_cancelled;
  guint            bot_conflicts;
  guint            bots_won_after_conflict;

  Event           *heap;
  guint            heap_len;
  guint            heap_cap;
  guint32          heap_seq;

  GPtrArray       *humans;

  guint            timer_open;
  guint            timer_bots;
  gint64           armed_bots;
  guint            timer_admit;
  double           admit_carry;
  guint            timer_expiry;
  gint64           armed_expiry;
  guint            timer_tick;

  gboolean         opened;
  gboolean         queue_paused;
  gboolean         sold_out;
  gboolean         finished;
  gint64           sell_out_at;
  GArray          *changed;
};

/* Shared steps (tg-match.c). */
Human    *tg_match_find_human          (TgMatch          *self,
                                        guint32           participant,
                                        GError          **error);
gboolean  tg_match_human_is_terminal   (const Human      *human);
void      tg_match_emit_changed        (TgMatch          *self,
                                        guint32           participant);
void      tg_match_wrong_state         (GError          **error,
                                        const Human      *human);
void      tg_match_human_fail          (TgMatch          *self,
                                        guint32           participant,
                                        Human            *human,
                                        TgFailReason      reason);
void      tg_match_human_start_captcha (TgMatch          *self,
                                        Human            *human,
                                        gint64            now);
void      tg_match_seat_freed          (TgMatch          *self,
                                        const TgHoldInfo *info);
void      tg_match_seats_taken         (TgMatch          *self,
                                        const guint32    *seats,
                                        guint             n_seats);
void      tg_match_drop_hold           (TgMatch          *self,
                                        guint32          *hold);
void      tg_match_arm_expiry          (TgMatch          *self);
void      tg_match_check_sold_out      (TgMatch          *self);
void      tg_match_maybe_finish        (TgMatch          *self);

G_END_DECLS
