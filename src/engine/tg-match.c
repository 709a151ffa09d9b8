/* tg-match.c: the match — humans' state machines and the bot population on one clock.
 *
 * Bots are compact structs driven by one binary heap of events; the match arms a single clock timer
 * for the earliest bot event, plus timers for the open time, queue admission, hold expiry and the
 * 100 ms tick that batches seat changes for the UI and the network.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-bots.h"
#include "tg-match.h"

#define HUMAN_BIT      0x80000000u
#define IS_HUMAN(pid)  (((pid) & HUMAN_BIT) != 0)
#define TICK_USEC      (100 * TG_USEC_PER_MSEC)
#define BOT_NO_SEAT_WAIT_USEC  (1 * TG_USEC_PER_SEC)
/* A bot gives up after this many looks at a map with nothing to click or clicks that hit 이선좌. */
#define BOT_MAX_TRIES          20
#define NO_TIME        G_MININT32

G_DEFINE_QUARK (tg-match-error-quark, tg_match_error)

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

G_DEFINE_FINAL_TYPE (TgMatch, tg_match, G_TYPE_OBJECT)

enum {
  PARTICIPANT_CHANGED,
  SEATS_CHANGED,
  TICK,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm_bots (TgMatch *self);
static void arm_expiry (TgMatch *self);
static void maybe_finish (TgMatch *self);

/* ---- settings ---- */

void
tg_match_settings_init (TgMatchSettings *settings)
{
  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  settings->difficulty = TG_DIFFICULTY_MEDIUM;
  settings->n_bots = 10000;
  settings->seats_per_booking = 2;
  settings->countdown = 30 * TG_USEC_PER_SEC;
  settings->admission_rate = 0;
  settings->hold_ttl = 600 * TG_USEC_PER_SEC;
  settings->captcha_ttl = 600 * TG_USEC_PER_SEC;
  settings->prequeue = FALSE;
  settings->n_dates = 4;
  settings->open_date = 0;
  settings->bot_cancel_percent = 10;
  settings->bot_abandon_percent = 8;
  settings->seed = 1;
}

gboolean
tg_match_settings_validate (const TgMatchSettings *s,
                            GError               **error)
{
#define INVALID(...) G_STMT_START { \
    g_set_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SETTINGS, __VA_ARGS__); \
    return FALSE; } G_STMT_END

  g_return_val_if_fail (s != NULL, FALSE);

  if (s->difficulty > TG_DIFFICULTY_HARD)
    INVALID (_("Unknown difficulty"));
  if (s->n_bots > TG_MATCH_MAX_BOTS)
    INVALID (_("At most %u bots can take part, not %u"), TG_MATCH_MAX_BOTS, s->n_bots);
  if (s->seats_per_booking < 1 || s->seats_per_booking > TG_LEDGER_MAX_SEATS_PER_HOLD)
    INVALID (_("Seats per booking must be between 1 and %u, not %u"),
             TG_LEDGER_MAX_SEATS_PER_HOLD, s->seats_per_booking);
  if (s->countdown < 0 || s->countdown > 3600 * TG_USEC_PER_SEC)
    INVALID (_("The countdown must be between 0 seconds and 1 hour"));
  if (!isfinite (s->admission_rate) || s->admission_rate < 0 || s->admission_rate > 1e6)
    INVALID (_("The queue admission rate must be between 0 (automatic) and 1,000,000 per second"));
  if (s->hold_ttl < TG_USEC_PER_SEC || s->hold_ttl > 3600 * TG_USEC_PER_SEC)
    INVALID (_("The seat hold time must be between 1 second and 1 hour"));
  if (s->captcha_ttl < 5 * TG_USEC_PER_SEC || s->captcha_ttl > 3600 * TG_USEC_PER_SEC)
    INVALID (_("The security code time limit must be between 5 seconds and 1 hour"));
  if (s->n_dates < 1 || s->n_dates > TG_MATCH_MAX_DATES)
    INVALID (_("There must be between 1 and %u dates"), TG_MATCH_MAX_DATES);
  if (s->open_date >= s->n_dates)
    INVALID (_("The date on sale must be one of the %u dates"), s->n_dates);
  if (s->bot_cancel_percent + s->bot_abandon_percent > 100)
    INVALID (_("Bots that cancel and bots that abandon payment cannot exceed 100%%"));
  if (s->venue != NULL && !TG_IS_VENUE (s->venue))
    INVALID (_("The venue is not valid"));
  if (s->venue != NULL && tg_venue_get_n_seats (s->venue) == 0)
    INVALID (_("The venue has no seats"));

  return TRUE;
#undef INVALID
}

/* ---- helpers ---- */

static Human *
get_human (TgMatch  *self,
           guint32   participant,
           GError  **error)
{
  guint index = participant & ~HUMAN_BIT;

  if (!IS_HUMAN (participant) || index >= self->humans->len)
    {
      g_set_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_UNKNOWN_PARTICIPANT,
                   _("There is no player %u in this match"), participant);
      return NULL;
    }
  return g_ptr_array_index (self->humans, index);
}

static gint32
ms_since_open (TgMatch *self,
               gint64   time)
{
  gint64 ms = (time - self->open_at) / TG_USEC_PER_MSEC;

  return (gint32) CLAMP (ms, G_MININT32 + 1, G_MAXINT32);
}

static gboolean
human_is_terminal (const Human *human)
{
  return human->state == TG_MATCH_STATE_DONE || human->state == TG_MATCH_STATE_FAILED;
}

static void
emit_changed (TgMatch *self,
              guint32  participant)
{
  g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, participant);
}

static void
wrong_state (GError      **error,
             const Human  *human)
{
  if (human_is_terminal (human))
    g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_FINISHED,
                         _("Your booking has already ended"));
  else
    g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE,
                         _("That is not possible at this step"));
}

static void
seat_freed (TgMatch          *self,
            const TgHoldInfo *info)
{
  for (guint i = 0; i < info->n_seats; i++)
    tg_seat_prefs_seat_freed (self->prefs, info->seats[i]);
}

static void
seats_taken (TgMatch       *self,
             const guint32 *seats,
             guint          n_seats)
{
  for (guint i = 0; i < n_seats; i++)
    tg_seat_prefs_seat_taken (self->prefs, seats[i]);
}

static void
release_hold (TgMatch *self,
              guint32 *hold)
{
  TgHoldInfo info;

  if (*hold == TG_LEDGER_NO_HOLD)
    return;
  if (tg_ledger_get_hold (self->ledger, *hold, &info) && info.state == TG_HOLD_ACTIVE)
    {
      tg_ledger_release (self->ledger, *hold, NULL);
      seat_freed (self, &info);
    }
  *hold = TG_LEDGER_NO_HOLD;
  arm_expiry (self);
}

/* ---- humans' terminal transitions ---- */

static void
human_fail (TgMatch      *self,
            guint32       participant,
            Human        *human,
            TgFailReason  reason)
{
  if (human_is_terminal (human))
    return;

  if (human->in_queue)
    {
      tg_queue_leave (self->queue, human->ticket);
      human->in_queue = FALSE;
    }
  release_hold (self, &human->hold);
  human->state = TG_MATCH_STATE_FAILED;
  human->fail = reason;
  human->t_end = tg_clock_now (self->clock);
  emit_changed (self, participant);
  maybe_finish (self);
}

/* ---- bot event heap ---- */

static inline gboolean
event_before (const Event *a,
              const Event *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void
heap_push (TgMatch *self,
           gint64   time,
           guint32  bot)
{
  Event ev = { time, self->heap_seq++, bot };
  guint i;

  if (self->heap_len == self->heap_cap)
    {
      self->heap_cap = MAX (1024u, self->heap_cap * 2);
      self->heap = g_renew (Event, self->heap, self->heap_cap);
    }

  i = self->heap_len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!event_before (&ev, &self->heap[parent]))
        break;
      self->heap[i] = self->heap[parent];
      i = parent;
    }
  self->heap[i] = ev;
}

static Event
heap_pop (TgMatch *self)
{
  Event top = self->heap[0];
  Event last = self->heap[--self->heap_len];
  guint i = 0;

  for (;;)
    {
      guint l = 2 * i + 1;
      guint m;

      if (l >= self->heap_len)
        break;
      m = l;
      if (l + 1 < self->heap_len && event_before (&self->heap[l + 1], &self->heap[l]))
        m = l + 1;
      if (!event_before (&self->heap[m], &last))
        break;
      self->heap[i] = self->heap[m];
      i = m;
    }
  if (self->heap_len > 0)
    self->heap[i] = last;
  return top;
}

/* ---- bots ---- */

static void
bot_finish (TgMatch      *self,
            Bot          *bot,
            BotState      state,
            TgFailReason  reason)
{
  bot->state = state;
  bot->fail_reason = reason;
  bot->t_end = ms_since_open (self, tg_clock_now (self->clock));
  self->bots_active--;
  if (state == BOT_DONE)
    self->bots_done++;
  else
    self->bots_failed[reason]++;
}

static void
bot_look_for_seats (TgMatch *self,
                    guint32  index,
                    Bot     *bot,
                    gint64   now,
                    gint64   think)
{
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint n = tg_seat_prefs_pick (self->prefs, bot->skill, &self->bot_rng, bot->want, seats);

  if (n == 0)
    {
      /* Nothing to click: wait for 취소표 a while, then give up. */
      if (++bot->tries > BOT_MAX_TRIES)
        {
          bot_finish (self, bot, BOT_FAILED, TG_FAIL_SOLD_OUT);
          return;
        }
      bot->state = BOT_NO_SEAT;
      heap_push (self, now + BOT_NO_SEAT_WAIT_USEC, index);
      return;
    }

  bot->block = seats[0];
  for (guint i = 1; i < n; i++)
    bot->block = MIN (bot->block, seats[i]);
  bot->n_block = n;
  bot->state = BOT_SEATS;
  heap_push (self, now + think, index);
}

static void
bot_try_hold (TgMatch *self,
              guint32  index,
              Bot     *bot,
              gint64   now)
{
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint32 hold;

  for (guint i = 0; i < bot->n_block; i++)
    seats[i] = bot->block + i;

  if (!tg_ledger_hold (self->ledger, index, FALSE, seats, bot->n_block, now,
                       self->settings.hold_ttl, &hold, NULL, NULL))
    {
      /* 이선좌: the bot clicks its next choice after its retry delay. */
      self->bot_conflicts++;
      if (++bot->tries > BOT_MAX_TRIES)
        {
          bot_finish (self, bot, BOT_FAILED, TG_FAIL_GAVE_UP);
          return;
        }
      bot_look_for_seats (self, index, bot, now,
                          tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_RETRY));
      return;
    }

  seats_taken (self, seats, bot->n_block);
  bot->hold = hold;
  bot->t_hold = ms_since_open (self, now);
  if (bot->tries > 0)
    self->bots_won_after_conflict++;
  bot->state = BOT_HELD;

  if (tg_rng_percent (&self->bot_rng, self->settings.bot_cancel_percent))
    {
      bot->fate = FATE_CANCEL;
      heap_push (self, now + (5 + (gint64) tg_rng_below (&self->bot_rng, 6)) * TG_USEC_PER_SEC, index);
    }
  else
    {
      guint abandon = self->settings.bot_cancel_percent >= 100 ? 0 :
        (self->settings.bot_abandon_percent * 100) / (100 - self->settings.bot_cancel_percent);

      bot->fate = tg_rng_percent (&self->bot_rng, abandon) ? FATE_ABANDON : FATE_PAY;
      heap_push (self, now + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_PAYMENT), index);
    }
}

static void
check_sold_out (TgMatch *self)
{
  gint64 now;

  if (self->sold_out || tg_ledger_count (self->ledger, TG_SEAT_SOLD) < tg_ledger_get_n_seats (self->ledger))
    return;

  now = tg_clock_now (self->clock);
  self->sold_out = TRUE;
  self->sell_out_at = now - self->open_at;

  /* Everyone still trying has lost: no per-bot event is needed any more. */
  for (guint i = 0; i < self->n_bots; i++)
    if (self->bots[i].state < BOT_DONE)
      bot_finish (self, &self->bots[i], BOT_FAILED, TG_FAIL_SOLD_OUT);
  self->heap_len = 0;

  for (guint i = 0; i < self->humans->len; i++)
    human_fail (self, HUMAN_BIT | i, g_ptr_array_index (self->humans, i), TG_FAIL_SOLD_OUT);
}

static void
bot_confirm (TgMatch *self,
             Bot     *bot,
             gint64   now)
{
  TgHoldInfo info = { 0 };

  tg_ledger_get_hold (self->ledger, bot->hold, &info);
  if (tg_ledger_confirm (self->ledger, bot->hold, now, NULL, NULL))
    bot_finish (self, bot, BOT_DONE, TG_FAIL_NONE);
  else
    {
      /* Too late: the ledger let the seats go. */
      seat_freed (self, &info);
      bot_finish (self, bot, BOT_FAILED, TG_FAIL_HOLD_EXPIRED);
    }
  check_sold_out (self);
}

static void
bot_run (TgMatch *self,
         guint32  index,
         gint64   now)
{
  Bot *bot = &self->bots[index];

  switch ((BotState) bot->state)
    {
    case BOT_ARRIVING:
      bot->t_arrive = ms_since_open (self, now);
      bot->t_date = ms_since_open (self, now + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_DATE));
      if (now < self->open_at)
        bot->ticket = tg_queue_join_prequeue (self->queue, index, now);
      else
        bot->ticket = tg_queue_join (self->queue, index, now);
      bot->state = BOT_QUEUED;
      break;

    case BOT_CAPTCHA:
      if (tg_rng_percent (&self->bot_rng, tg_bot_captcha_fail_percent (bot->skill)))
        {
          /* A wrong code: a new image and another go. */
          if (bot->captcha_fails < G_MAXUINT8)
            bot->captcha_fails++;
          heap_push (self, now + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_CAPTCHA), index);
          break;
        }
      bot->t_seat = ms_since_open (self, now);
      bot_look_for_seats (self, index, bot, now,
                          tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_SEAT));
      break;

    case BOT_SEATS:
      bot_try_hold (self, index, bot, now);
      break;

    case BOT_NO_SEAT:
      bot_look_for_seats (self, index, bot, now,
                          tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_RETRY));
      break;

    case BOT_HELD:
      if (bot->fate == FATE_PAY)
        bot_confirm (self, bot, now);
      else
        {
          release_hold (self, &bot->hold);
          bot_finish (self, bot, BOT_FAILED, bot->fate == FATE_CANCEL ? TG_FAIL_GAVE_UP : TG_FAIL_PAYMENT);
        }
      break;

    case BOT_QUEUED:
    case BOT_DONE:
    case BOT_FAILED:
    default:
      break;
    }
}

static void
on_bots_due (gpointer user_data)
{
  TgMatch *self = user_data;
  gint64 now = tg_clock_now (self->clock);

  self->timer_bots = 0;
  self->armed_bots = G_MAXINT64;

  while (self->heap_len > 0 && self->heap[0].time <= now)
    {
      Event ev = heap_pop (self);
      bot_run (self, ev.bot, now);
      if (self->finished)
        return;
    }

  arm_bots (self);
  maybe_finish (self);
}

static void
arm_bots (TgMatch *self)
{
  gint64 next = self->heap_len > 0 ? self->heap[0].time : G_MAXINT64;

  if (self->finished || next == self->armed_bots)
    return;
  if (self->timer_bots != 0)
    tg_clock_cancel_timer (self->clock, self->timer_bots);
  self->timer_bots = 0;
  self->armed_bots = next;
  if (next != G_MAXINT64)
    self->timer_bots = tg_clock_add_timer (self->clock, next, on_bots_due, self, NULL);
}

/* ---- queue admission ---- */

static void
human_start_captcha (TgMatch *self,
                     Human   *human,
                     gint64   now)
{
  human->state = TG_MATCH_STATE_CAPTCHA;
  human->t_captcha = now;
  tg_captcha_init (&human->captcha, &human->rng, now, self->settings.captcha_ttl);
}

static void
admit (TgMatch *self,
       guint32  member,
       gint64   now)
{
  if (IS_HUMAN (member))
    {
      Human *human = g_ptr_array_index (self->humans, member & ~HUMAN_BIT);
      guint n_seats = tg_ledger_get_n_seats (self->ledger);

      human->in_queue = FALSE;
      human->admitted = TRUE;
      human->t_admit = now;
      human->sold_at_admit = 100.0 * tg_ledger_count (self->ledger, TG_SEAT_SOLD) / MAX (1u, n_seats);
      if (human->state == TG_MATCH_STATE_QUEUED)
        human_start_captcha (self, human, now);
      emit_changed (self, member);
      return;
    }
  else
    {
      Bot *bot = &self->bots[member];
      gint64 date_done = self->open_at + (gint64) bot->t_date * TG_USEC_PER_MSEC;
      gint64 start = MAX (now, date_done);

      bot->t_admit = ms_since_open (self, now);
      bot->t_captcha = ms_since_open (self, start);
      bot->state = BOT_CAPTCHA;
      heap_push (self, start + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_CAPTCHA), member);
    }
}

static void
on_admit_tick (gpointer user_data)
{
  TgMatch *self = user_data;
  gint64 now = tg_clock_now (self->clock);
  guint32 member, ticket;

  self->timer_admit = tg_clock_add_timer (self->clock, now + TICK_USEC, on_admit_tick, self, NULL);

  /* Every seat held or sold: the waiting room pauses until 취소표 appear, as real ones do. */
  self->queue_paused = tg_seat_prefs_get_n_available (self->prefs) == 0;
  if (self->queue_paused)
    {
      self->admit_carry = 0;
      return;
    }

  self->admit_carry += self->rate * ((double) TICK_USEC / TG_USEC_PER_SEC);
  while (self->admit_carry >= 1.0 && !self->finished && tg_queue_pop (self->queue, &member, &ticket))
    {
      self->admit_carry -= 1.0;
      admit (self, member, now);
    }
  /* No credit piles up while the queue is empty. */
  if (tg_queue_get_length (self->queue) == 0)
    self->admit_carry = MIN (self->admit_carry, 1.0);

  arm_bots (self);
}

/* ---- hold expiry ---- */

static void
on_hold_expired (guint32           hold,
                 const TgHoldInfo *info,
                 gpointer          user_data)
{
  TgMatch *self = user_data;

  seat_freed (self, info);
  if (IS_HUMAN (info->owner))
    {
      Human *human = g_ptr_array_index (self->humans, info->owner & ~HUMAN_BIT);

      if (human->hold == hold)
        {
          human->hold = TG_LEDGER_NO_HOLD;
          human_fail (self, info->owner, human, TG_FAIL_HOLD_EXPIRED);
        }
    }
  else
    {
      Bot *bot = &self->bots[info->owner];

      if (bot->hold == hold && bot->state == BOT_HELD)
        {
          bot->hold = TG_LEDGER_NO_HOLD;
          bot_finish (self, bot, BOT_FAILED, TG_FAIL_HOLD_EXPIRED);
        }
    }
}

static void
on_expiry_due (gpointer user_data)
{
  TgMatch *self = user_data;

  self->timer_expiry = 0;
  self->armed_expiry = G_MAXINT64;
  tg_ledger_expire (self->ledger, tg_clock_now (self->clock), on_hold_expired, self);
  arm_expiry (self);
  arm_bots (self);
}

static void
arm_expiry (TgMatch *self)
{
  gint64 next = tg_ledger_next_expiry (self->ledger);

  if (self->finished || next == self->armed_expiry)
    return;
  if (self->timer_expiry != 0)
    tg_clock_cancel_timer (self->clock, self->timer_expiry);
  self->timer_expiry = 0;
  self->armed_expiry = next;
  if (next != G_MAXINT64)
    self->timer_expiry = tg_clock_add_timer (self->clock, next, on_expiry_due, self, NULL);
}

/* ---- tick, open, finish ---- */

static void
flush_changes (TgMatch *self)
{
  g_array_set_size (self->changed, 0);
  tg_ledger_drain_changes (self->ledger, self->changed);
  if (self->changed->len > 0)
    g_signal_emit (self, signals[SEATS_CHANGED], 0, self->changed);
}

static void
on_tick (gpointer user_data)
{
  TgMatch *self = user_data;

  self->timer_tick = tg_clock_add_timer (self->clock, tg_clock_now (self->clock) + TICK_USEC,
                                         on_tick, self, NULL);
  flush_changes (self);
  g_signal_emit (self, signals[TICK], 0);
}

static void
cancel_timer (TgMatch *self,
              guint   *timer)
{
  if (*timer != 0)
    tg_clock_cancel_timer (self->clock, *timer);
  *timer = 0;
}

static void
maybe_finish (TgMatch *self)
{
  if (self->finished || !self->opened)
    return;
  if (!self->sold_out && self->bots_active > 0)
    return;
  for (guint i = 0; i < self->humans->len; i++)
    if (!human_is_terminal (g_ptr_array_index (self->humans, i)))
      return;

  self->finished = TRUE;
  cancel_timer (self, &self->timer_bots);
  cancel_timer (self, &self->timer_admit);
  cancel_timer (self, &self->timer_expiry);
  cancel_timer (self, &self->timer_tick);
  flush_changes (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_open (gpointer user_data)
{
  TgMatch *self = user_data;
  gint64 now = tg_clock_now (self->clock);

  self->timer_open = 0;
  self->opened = TRUE;
  tg_queue_open (self->queue, &self->queue_rng);

  for (guint i = 0; i < self->humans->len; i++)
    {
      Human *human = g_ptr_array_index (self->humans, i);

      if (human->state == TG_MATCH_STATE_WAITING)
        {
          human->state = TG_MATCH_STATE_OPEN;
          emit_changed (self, HUMAN_BIT | i);
        }
    }

  self->timer_admit = tg_clock_add_timer (self->clock, now, on_admit_tick, self, NULL);
  maybe_finish (self);
}

/* ---- construction ---- */

static void
tg_match_finalize (GObject *object)
{
  TgMatch *self = TG_MATCH (object);

  if (self->clock != NULL)
    {
      cancel_timer (self, &self->timer_open);
      cancel_timer (self, &self->timer_bots);
      cancel_timer (self, &self->timer_admit);
      cancel_timer (self, &self->timer_expiry);
      cancel_timer (self, &self->timer_tick);
    }
  for (guint i = 0; i < self->humans->len; i++)
    g_free (((Human *) g_ptr_array_index (self->humans, i))->name);
  g_ptr_array_unref (self->humans);
  g_clear_pointer (&self->changed, g_array_unref);
  g_clear_pointer (&self->prefs, tg_seat_prefs_free);
  g_clear_pointer (&self->queue, tg_queue_free);
  g_clear_pointer (&self->ledger, tg_ledger_free);
  g_clear_pointer (&self->bots, g_free);
  g_clear_pointer (&self->heap, g_free);
  g_clear_object (&self->venue);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (tg_match_parent_class)->finalize (object);
}

static void
tg_match_class_init (TgMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tg_match_finalize;

  /**
   * TgMatch::participant-changed:
   * A human's state changed (step, queue admission, failure).
   */
  signals[PARTICIPANT_CHANGED] =
    g_signal_new ("participant-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * TgMatch::seats-changed:
   * @seats: a GArray of guint32 seat indices whose state changed since the last emission
   *
   * Emitted at most once per 100 ms tick: seat changes travel in batches.
   */
  signals[SEATS_CHANGED] =
    g_signal_new ("seats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals[TICK] =
    g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tg_match_init (TgMatch *self)
{
  self->humans = g_ptr_array_new_with_free_func (g_free);
  self->changed = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->armed_bots = G_MAXINT64;
  self->armed_expiry = G_MAXINT64;
  self->sell_out_at = -1;
}

TgMatch *
tg_match_new (const TgMatchSettings *settings,
              TgClock               *clock,
              GError               **error)
{
  g_autoptr(TgMatch) self = NULL;
  gint64 now;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (TG_IS_CLOCK (clock), NULL);

  if (!tg_match_settings_validate (settings, error))
    return NULL;

  self = g_object_new (TG_TYPE_MATCH, NULL);
  self->settings = *settings;
  self->clock = g_object_ref (clock);
  if (settings->venue != NULL)
    self->venue = g_object_ref (settings->venue);
  else if ((self->venue = tg_venue_new_preset ("large", error)) == NULL)
    return NULL;
  self->settings.venue = self->venue;

  self->rate = settings->admission_rate > 0 ? settings->admission_rate
                                            : CLAMP (settings->n_bots / 60.0, 100.0, 10000.0);
  self->ledger = tg_ledger_new (tg_venue_get_n_seats (self->venue));
  self->queue = tg_queue_new (self->rate);
  self->prefs = tg_seat_prefs_new (self->venue, settings->seed);
  tg_rng_init (&self->bot_rng, settings->seed, 1);
  tg_rng_init (&self->queue_rng, settings->seed, 2);

  now = tg_clock_now (clock);
  self->open_at = now + settings->countdown;

  /* Every bot's skill and arrival are drawn up front; each then lives as heap events. */
  self->n_bots = settings->n_bots;
  self->bots_active = self->n_bots;
  self->bots = g_new0 (Bot, MAX (1u, self->n_bots));
  self->heap_cap = MAX (1024u, self->n_bots);
  self->heap = g_new (Event, self->heap_cap);
  for (guint i = 0; i < self->n_bots; i++)
    {
      Bot *bot = &self->bots[i];
      gint64 arrive;

      bot->skill = tg_bot_draw_skill (&self->bot_rng, settings->difficulty);
      bot->want = 1 + tg_rng_below (&self->bot_rng, settings->seats_per_booking);
      bot->t_arrive = bot->t_date = bot->t_admit = bot->t_captcha = NO_TIME;
      bot->t_seat = bot->t_hold = bot->t_end = NO_TIME;

      if (settings->prequeue && settings->countdown > 0 && tg_rng_percent (&self->bot_rng, 40))
        {
          /* Early birds in the waiting room, up to a minute before open. */
          gint64 window = MIN (settings->countdown, 60 * TG_USEC_PER_SEC);
          arrive = self->open_at - 1 - (gint64) (tg_rng_double (&self->bot_rng) * window);
          arrive = MAX (arrive, now);
        }
      else
        arrive = self->open_at + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_REACTION);
      heap_push (self, arrive, i);
    }

  self->timer_open = tg_clock_add_timer (clock, self->open_at, on_open, self, NULL);
  self->timer_tick = tg_clock_add_timer (clock, now + TICK_USEC, on_tick, self, NULL);
  arm_bots (self);

  return g_steal_pointer (&self);
}

/* ---- accessors ---- */

const TgMatchSettings *
tg_match_get_settings (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  return &self->settings;
}

TgClock *
tg_match_get_clock (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  return self->clock;
}

TgVenue *
tg_match_get_venue (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  return self->venue;
}

TgLedger *
tg_match_get_ledger (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  return self->ledger;
}

gint64
tg_match_get_open_time (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->open_at;
}

gboolean
tg_match_is_open (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  return self->opened;
}

gboolean
tg_match_is_finished (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  return self->finished;
}

gboolean
tg_match_is_sold_out (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  return self->sold_out;
}

gint64
tg_match_get_sell_out_time (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), -1);
  return self->sell_out_at;
}

gboolean
tg_match_is_queue_paused (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  return self->queue_paused;
}

double
tg_match_get_admission_rate (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->rate;
}

/* ---- humans ---- */

guint32
tg_match_add_human (TgMatch    *self,
                    const char *name)
{
  Human *human;
  guint index;

  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  g_return_val_if_fail (!self->opened, 0);

  index = self->humans->len;
  human = g_new0 (Human, 1);
  human->name = g_strdup (name != NULL ? name : "");
  human->state = TG_MATCH_STATE_WAITING;
  human->t_book = human->t_date = human->t_admit = human->t_captcha = -1;
  human->t_seat = human->t_hold = human->t_end = -1;
  human->sold_at_admit = -1;
  /* Each player's challenges come from a stream of their own. */
  tg_rng_init (&human->rng, self->settings.seed, 1000 + index);
  g_ptr_array_add (self->humans, human);

  return HUMAN_BIT | index;
}

guint
tg_match_get_n_humans (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->humans->len;
}

guint32
tg_match_get_human (TgMatch *self,
                    guint    index)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  g_return_val_if_fail (index < self->humans->len, 0);
  return HUMAN_BIT | index;
}

const char *
tg_match_get_human_name (TgMatch *self,
                         guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  human = get_human (self, participant, NULL);
  return human != NULL ? human->name : NULL;
}

TgMatchState
tg_match_get_state (TgMatch *self,
                    guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), TG_MATCH_STATE_FAILED);
  human = get_human (self, participant, NULL);
  return human != NULL ? human->state : TG_MATCH_STATE_FAILED;
}

TgFailReason
tg_match_get_fail_reason (TgMatch *self,
                          guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), TG_FAIL_NONE);
  human = get_human (self, participant, NULL);
  return human != NULL ? human->fail : TG_FAIL_NONE;
}

gboolean
tg_match_click_book (TgMatch  *self,
                     guint32   participant,
                     GError  **error)
{
  Human *human;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->booked || human_is_terminal (human))
    {
      /* A second click on a button that is gone is a misclick, not an error worth a dialog. */
      human->misclicks++;
      wrong_state (error, human);
      return FALSE;
    }

  now = tg_clock_now (self->clock);
  if (!self->opened && !self->settings.prequeue)
    {
      human->early_clicks++;
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN,
                           _("Booking has not opened yet"));
      return FALSE;
    }

  human->booked = TRUE;
  human->t_book = now;
  human->in_queue = TRUE;
  if (!self->opened)
    human->ticket = tg_queue_join_prequeue (self->queue, participant, now);
  else
    {
      TgQueueStatus status;

      human->ticket = tg_queue_join (self->queue, participant, now);
      tg_queue_status (self->queue, human->ticket, &status);
      human->first_position = status.position;
      human->total_at_join = status.total;
      human->state = TG_MATCH_STATE_OPEN;
    }
  emit_changed (self, participant);
  return TRUE;
}

void
tg_match_note_misclick (TgMatch *self,
                        guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = get_human (self, participant, NULL)) != NULL && !human_is_terminal (human))
    human->misclicks++;
}

gboolean
tg_match_choose_date (TgMatch  *self,
                      guint32   participant,
                      guint     date_index,
                      GError  **error)
{
  Human *human;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_OPEN || !human->booked || human->t_date >= 0)
    {
      wrong_state (error, human);
      return FALSE;
    }
  if (date_index != self->settings.open_date)
    {
      human->misclicks++;
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_DATE_UNAVAILABLE,
                           _("That date is not on sale"));
      return FALSE;
    }

  now = tg_clock_now (self->clock);
  human->t_date = now;
  if (human->first_position == 0 && human->in_queue)
    {
      /* Pre-queue members learn their place at open. */
      TgQueueStatus status;
      tg_queue_status (self->queue, human->ticket, &status);
      human->first_position = status.position;
      human->total_at_join = status.total;
    }
  if (human->admitted)
    human_start_captcha (self, human, now);
  else
    human->state = TG_MATCH_STATE_QUEUED;
  emit_changed (self, participant);
  return TRUE;
}

gboolean
tg_match_get_queue_status (TgMatch       *self,
                           guint32        participant,
                           TgQueueStatus *status)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  if ((human = get_human (self, participant, NULL)) == NULL)
    return FALSE;
  if (!human->in_queue)
    {
      status->admitted = tg_queue_get_admitted (self->queue);
      status->total = tg_queue_get_length (self->queue);
      return FALSE;
    }
  tg_queue_status (self->queue, human->ticket, status);
  return status->position > 0;
}

const TgCaptcha *
tg_match_get_captcha (TgMatch *self,
                      guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), NULL);
  human = get_human (self, participant, NULL);
  if (human == NULL || human->state != TG_MATCH_STATE_CAPTCHA)
    return NULL;
  return &human->captcha;
}

void
tg_match_note_backspace (TgMatch *self,
                         guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  human = get_human (self, participant, NULL);
  if (human != NULL && human->state == TG_MATCH_STATE_CAPTCHA)
    human->backspaces++;
}

gboolean
tg_match_refresh_captcha (TgMatch  *self,
                          guint32   participant,
                          GError  **error)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_CAPTCHA)
    {
      wrong_state (error, human);
      return FALSE;
    }
  human->refreshes++;
  tg_captcha_init (&human->captcha, &human->rng, tg_clock_now (self->clock), self->settings.captcha_ttl);
  emit_changed (self, participant);
  return TRUE;
}

gboolean
tg_match_submit_captcha (TgMatch     *self,
                         guint32      participant,
                         const char  *answer,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Human *human;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_CAPTCHA)
    {
      wrong_state (error, human);
      return FALSE;
    }

  now = tg_clock_now (self->clock);
  if (!tg_captcha_check (&human->captcha, answer != NULL ? answer : "", now, &local_error))
    {
      gboolean expired = g_error_matches (local_error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_EXPIRED);

      /* Real sites show a new image after a wrong answer. */
      if (!expired)
        human->captcha_wrong++;
      tg_captcha_init (&human->captcha, &human->rng, now, self->settings.captcha_ttl);
      g_set_error_literal (error, TG_MATCH_ERROR,
                           expired ? TG_MATCH_ERROR_CAPTCHA_EXPIRED : TG_MATCH_ERROR_CAPTCHA_WRONG,
                           expired ? _("The security code expired; here is a new one")
                                   : _("Wrong security code; here is a new one"));
      emit_changed (self, participant);
      return FALSE;
    }

  human->state = TG_MATCH_STATE_SEATS;
  human->t_seat = now;
  emit_changed (self, participant);
  return TRUE;
}

void
tg_match_note_seat_miss (TgMatch *self,
                         guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  human = get_human (self, participant, NULL);
  if (human != NULL && human->state == TG_MATCH_STATE_SEATS)
    human->misses++;
}

gboolean
tg_match_hold_seats (TgMatch       *self,
                     guint32        participant,
                     const guint32 *seats,
                     guint          n_seats,
                     GArray        *taken,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Human *human;
  guint32 hold;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_SEATS)
    {
      wrong_state (error, human);
      return FALSE;
    }
  if (seats == NULL || n_seats == 0 || n_seats > self->settings.seats_per_booking)
    {
      g_set_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SEATS,
                   _("Choose between 1 and %u seats"), self->settings.seats_per_booking);
      return FALSE;
    }

  now = tg_clock_now (self->clock);
  if (!tg_ledger_hold (self->ledger, participant, TRUE, seats, n_seats, now,
                       self->settings.hold_ttl, &hold, taken, &local_error))
    {
      if (g_error_matches (local_error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN))
        {
          human->conflicts++;
          g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN,
                               _("That seat is already taken"));
        }
      else
        g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SEATS,
                             local_error->message);
      return FALSE;
    }

  seats_taken (self, seats, n_seats);
  human->hold = hold;
  human->t_hold = now;
  human->state = TG_MATCH_STATE_PAYMENT;
  arm_expiry (self);
  emit_changed (self, participant);
  return TRUE;
}

guint
tg_match_suggest_seats (TgMatch *self,
                        guint32  participant,
                        guint32 *out_seats)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  g_return_val_if_fail (out_seats != NULL, 0);

  return tg_seat_prefs_best_available (self->prefs, self->settings.seats_per_booking, out_seats);
}

gboolean
tg_match_release_hold (TgMatch  *self,
                       guint32   participant,
                       GError  **error)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      wrong_state (error, human);
      return FALSE;
    }
  release_hold (self, &human->hold);
  human->state = TG_MATCH_STATE_SEATS;
  human->t_hold = -1;
  emit_changed (self, participant);
  return TRUE;
}

gboolean
tg_match_get_hold (TgMatch    *self,
                   guint32     participant,
                   TgHoldInfo *info)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  human = get_human (self, participant, NULL);
  if (human == NULL)
    return FALSE;
  if (human->state == TG_MATCH_STATE_DONE)
    {
      *info = human->final_hold;
      return TRUE;
    }
  if (human->hold == TG_LEDGER_NO_HOLD)
    return FALSE;
  return tg_ledger_get_hold (self->ledger, human->hold, info);
}

gboolean
tg_match_quote (TgMatch          *self,
                guint32           participant,
                const TgDiscount *discounts,
                TgQuote          *quote,
                GError          **error)
{
  TgHoldInfo info;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  memset (quote, 0, sizeof *quote);
  if (!tg_match_get_hold (self, participant, &info))
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE,
                           _("No seats are held"));
      return FALSE;
    }

  quote->n_seats = info.n_seats;
  for (guint i = 0; i < info.n_seats; i++)
    {
      const TgSeat *seat = tg_venue_get_seat (self->venue, info.seats[i]);
      guint price = tg_venue_get_grade (self->venue, seat->grade)->price;
      TgDiscount discount = discounts != NULL ? discounts[i] : TG_DISCOUNT_GENERAL;
      guint off = 0;

      if (discount >= TG_N_DISCOUNTS)
        {
          g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE,
                               _("Unknown discount"));
          return FALSE;
        }
      if (discount != TG_DISCOUNT_GENERAL)
        off = price * TG_MATCH_DISCOUNT_PERCENT / 100;
      quote->discount += off;
      quote->subtotal += price - off;
    }
  quote->fee = TG_MATCH_BOOKING_FEE * info.n_seats;
  quote->total = quote->subtotal + quote->fee;
  return TRUE;
}

gboolean
tg_match_pay (TgMatch          *self,
              guint32           participant,
              const TgDiscount *discounts,
              TgPaymentMethod   method,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  TgHoldInfo held = { 0 };
  TgQuote quote;
  Human *human;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      wrong_state (error, human);
      return FALSE;
    }
  if (method >= TG_N_PAYMENT_METHODS)
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE,
                           _("Unknown payment method"));
      return FALSE;
    }
  if (!tg_match_quote (self, participant, discounts, &quote, error))
    return FALSE;

  now = tg_clock_now (self->clock);
  tg_ledger_get_hold (self->ledger, human->hold, &held);
  if (!tg_ledger_confirm (self->ledger, human->hold, now, &human->final_hold, &local_error))
    {
      /* Too late: the ledger let the seats go. */
      seat_freed (self, &held);
      human->hold = TG_LEDGER_NO_HOLD;
      human_fail (self, participant, human, TG_FAIL_HOLD_EXPIRED);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  human->hold = TG_LEDGER_NO_HOLD;
  human->price_paid = quote.total;
  human->state = TG_MATCH_STATE_DONE;
  human->t_end = now;
  arm_expiry (self);
  emit_changed (self, participant);
  check_sold_out (self);
  maybe_finish (self);
  return TRUE;
}

gboolean
tg_match_cancel_payment (TgMatch  *self,
                         guint32   participant,
                         GError  **error)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = get_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      wrong_state (error, human);
      return FALSE;
    }
  human_fail (self, participant, human, TG_FAIL_PAYMENT);
  return TRUE;
}

void
tg_match_give_up (TgMatch *self,
                  guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = get_human (self, participant, NULL)) != NULL)
    human_fail (self, participant, human, TG_FAIL_GAVE_UP);
}

void
tg_match_leave (TgMatch *self,
                guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = get_human (self, participant, NULL)) != NULL)
    human_fail (self, participant, human, TG_FAIL_LEFT);
}

/* ---- results ---- */

static gint64
bot_stage_ms (const Bot *bot,
              TgStage    stage)
{
  switch (stage)
    {
    case TG_STAGE_REACTION:
      return bot->t_arrive == NO_TIME ? -1 : MAX (0, bot->t_arrive);
    case TG_STAGE_DATE:
      return bot->t_arrive == NO_TIME ? -1 : (gint64) bot->t_date - bot->t_arrive;
    case TG_STAGE_QUEUE:
      return bot->t_admit == NO_TIME ? -1 : (gint64) bot->t_admit - MAX (0, bot->t_arrive);
    case TG_STAGE_CAPTCHA:
      return bot->t_seat == NO_TIME ? -1 : (gint64) bot->t_seat - bot->t_captcha;
    case TG_STAGE_SEAT:
      return bot->t_hold == NO_TIME ? -1 : (gint64) bot->t_hold - bot->t_seat;
    case TG_STAGE_PAYMENT:
      return bot->state != BOT_DONE ? -1 : (gint64) bot->t_end - bot->t_hold;
    case TG_N_STAGES:
    default:
      return -1;
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The bots' times at @stage, ascending, in @times (emptied first). */
static void
collect_bot_times (TgMatch *self,
                   TgStage  stage,
                   GArray  *times)
{
  g_array_set_size (times, 0);
  for (guint i = 0; i < self->n_bots; i++)
    {
      gint64 t = bot_stage_ms (&self->bots[i], stage);
      if (t >= 0)
        g_array_append_val (times, t);
    }
  g_array_sort (times, compare_gint64);
}

/* Share of @sorted (ascending) strictly greater than @ms, in percent; -1 if unknown. */
static double
percentile_vs_bots (GArray *sorted,
                    gint64  ms)
{
  guint lo = 0, hi = sorted->len;

  if (ms < 0 || sorted->len == 0)
    return -1;
  /* First index with a time > ms. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (sorted, gint64, mid) <= ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 100.0 * (sorted->len - lo) / sorted->len;
}

static gint64
span_ms (gint64 from,
         gint64 to)
{
  if (from < 0 || to < 0)
    return -1;
  return (to - from) / TG_USEC_PER_MSEC;
}

TgResult *
tg_match_get_result (TgMatch *self,
                     guint32  participant)
{
  TgResult *result;
  Human *human;
  TgHoldInfo info;

  g_return_val_if_fail (TG_IS_MATCH (self), NULL);

  if ((human = get_human (self, participant, NULL)) == NULL)
    return NULL;

  result = tg_result_new ();
  result->seed = self->settings.seed;
  result->difficulty = self->settings.difficulty;
  result->n_bots = self->n_bots;
  result->n_humans = self->humans->len;
  result->venue_name = g_strdup (tg_venue_get_name (self->venue));
  result->success = human->state == TG_MATCH_STATE_DONE;
  result->fail_reason = human->fail;

  if (human->t_book >= 0)
    result->stage_ms[TG_STAGE_REACTION] = MAX (0, span_ms (self->open_at, human->t_book));
  result->stage_ms[TG_STAGE_DATE] = span_ms (MAX (human->t_book, self->open_at), human->t_date);
  if (human->t_book >= 0 && human->t_admit >= 0)
    result->stage_ms[TG_STAGE_QUEUE] = span_ms (MAX (human->t_book, self->open_at), human->t_admit);
  result->stage_ms[TG_STAGE_CAPTCHA] = span_ms (human->t_captcha, human->t_seat);
  result->stage_ms[TG_STAGE_SEAT] = span_ms (human->t_seat, human->t_hold);
  if (result->success)
    result->stage_ms[TG_STAGE_PAYMENT] = span_ms (human->t_hold, human->t_end);
  {
    g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_bots);

    for (guint s = 0; s < TG_N_STAGES; s++)
      {
        collect_bot_times (self, s, times);
        result->stage_percentile[s] = percentile_vs_bots (times, result->stage_ms[s]);
        tg_bot_stage_summary_fill (&result->bot_stages[s], (const gint64 *) times->data,
                                   times->len);
      }
  }
  if (human->t_end >= 0)
    result->total_ms = span_ms (self->open_at, human->t_end);

  result->early_clicks = human->early_clicks;
  result->date_misclicks = human->misclicks;
  result->captcha_wrong = human->captcha_wrong;
  result->captcha_backspaces = human->backspaces;
  result->captcha_refreshes = human->refreshes;
  result->seat_conflicts = human->conflicts;
  result->seat_misses = human->misses;
  result->first_queue_position = human->first_position;
  result->queue_total_at_join = human->total_at_join;
  result->sold_percent_at_admission = human->sold_at_admit;

  if (tg_match_get_hold (self, participant, &info))
    {
      result->n_seats = info.n_seats;
      for (guint i = 0; i < info.n_seats && i < TG_RESULT_MAX_SEATS; i++)
        {
          const TgSeat *seat = tg_venue_get_seat (self->venue, info.seats[i]);
          result->seat_ids[i] = g_strdup (seat->id);
          result->seat_grades[i] = g_strdup (tg_venue_get_grade (self->venue, seat->grade)->id);
        }
      if (result->success)
        {
          result->rank_all = info.rank_all;
          result->rank_humans = info.rank_humans;
          result->price_paid = human->price_paid;
        }
      else
        result->n_seats = 0;
    }
  result->n_buyers = self->bots_done;
  for (guint i = 0; i < self->humans->len; i++)
    if (((Human *) g_ptr_array_index (self->humans, i))->state == TG_MATCH_STATE_DONE)
      result->n_buyers++;

  return result;
}

void
tg_match_get_bot_stage_stats (TgMatch      *self,
                              TgStage       stage,
                              TgStageStats *stats)
{
  g_autoptr(GArray) times = NULL;
  double sum = 0, sq = 0;

  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (stats != NULL);
  g_return_if_fail (stage < TG_N_STAGES);

  memset (stats, 0, sizeof *stats);
  times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  for (guint i = 0; i < self->n_bots; i++)
    {
      gint64 t = bot_stage_ms (&self->bots[i], stage);
      if (t >= 0)
        {
          g_array_append_val (times, t);
          sum += (double) t;
        }
    }
  if (times->len == 0)
    return;

  g_array_sort (times, compare_gint64);
  stats->n = times->len;
  stats->mean = sum / times->len;
  for (guint i = 0; i < times->len; i++)
    {
      double d = (double) g_array_index (times, gint64, i) - stats->mean;
      sq += d * d;
    }
  stats->stddev = sqrt (sq / times->len);
  stats->min = g_array_index (times, gint64, 0);
  stats->p10 = g_array_index (times, gint64, (times->len - 1) / 10);
  stats->p50 = g_array_index (times, gint64, (times->len - 1) / 2);
  stats->p90 = g_array_index (times, gint64, (times->len - 1) * 9 / 10);
  stats->max = g_array_index (times, gint64, times->len - 1);
}

guint
tg_match_get_n_bots_done (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  return self->bots_done;
}

void
tg_match_count_bots_by_skill (TgMatch *self,
                              guint   *counts)
{
  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * TG_N_BOT_SKILLS);
  for (guint i = 0; i < self->n_bots; i++)
    counts[self->bots[i].skill]++;
}

guint
tg_match_get_n_bot_conflicts (TgMatch *self,
                              guint   *won_after_conflict)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  if (won_after_conflict != NULL)
    *won_after_conflict = self->bots_won_after_conflict;
  return self->bot_conflicts;
}

guint
tg_match_get_n_bots_failed (TgMatch      *self,
                            TgFailReason  reason)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);
  g_return_val_if_fail (reason <= TG_FAIL_PAYMENT, 0);
  return self->bots_failed[reason];
}

void
tg_match_count_sold_by_grade (TgMatch *self,
                              guint   *counts)
{
  guint n_seats;

  g_return_if_fail (TG_IS_MATCH (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * tg_venue_get_n_grades (self->venue));
  n_seats = tg_venue_get_n_seats (self->venue);
  for (guint i = 0; i < n_seats; i++)
    if (tg_ledger_seat_state (self->ledger, i) == TG_SEAT_SOLD)
      counts[tg_venue_get_seat (self->venue, i)->grade]++;
}

gsize
tg_match_get_memory_size (TgMatch *self)
{
  g_return_val_if_fail (TG_IS_MATCH (self), 0);

  return sizeof *self
    + (gsize) MAX (1u, self->n_bots) * sizeof (Bot)
    + (gsize) self->heap_cap * sizeof (Event)
    + tg_queue_get_memory_size (self->queue)
    + tg_ledger_get_memory_size (self->ledger)
    + tg_seat_prefs_get_memory_size (self->prefs);
}
