/* tg-match.c: the match — the bot population, queue admission and hold expiry on one clock (what a
 * human does is tg-match-humans.c, results tg-match-results.c).
 *
 * Bots are compact structs driven by one binary heap of events; the match arms a single clock timer
 * for the earliest bot event, plus timers for the open time, queue admission, hold expiry and the
 * 100 ms tick that batches seat changes for the UI and the network.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-match-private.h"

G_DEFINE_QUARK (tg-match-error-quark, tg_match_error)

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
  if (s->bot_cancel_percent > 100 || s->bot_abandon_percent > 100 ||
      s->bot_cancel_percent + s->bot_abandon_percent > 100)
    INVALID (_("Bots that cancel and bots that abandon payment cannot exceed 100%%"));
  if (s->venue != NULL && !TG_IS_VENUE (s->venue))
    INVALID (_("The venue is not valid"));
  if (s->venue != NULL && tg_venue_get_n_seats (s->venue) == 0)
    INVALID (_("The venue has no seats"));

  return TRUE;
#undef INVALID
}

/* ---- helpers ---- */

Human *
tg_match_find_human (TgMatch  *self,
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

gboolean
tg_match_human_is_terminal (const Human *human)
{
  return human->state == TG_MATCH_STATE_DONE || human->state == TG_MATCH_STATE_FAILED;
}

void
tg_match_emit_changed (TgMatch *self,
                       guint32  participant)
{
  g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, participant);
}

void
tg_match_wrong_state (GError      **error,
                      const Human  *human)
{
  if (tg_match_human_is_terminal (human))
    g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_FINISHED,
                         _("Your booking has already ended"));
  else
    g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE,
                         _("That is not possible at this step"));
}

void
tg_match_seat_freed (TgMatch          *self,
                     const TgHoldInfo *info)
{
  for (guint i = 0; i < info->n_seats; i++)
    tg_seat_prefs_seat_freed (self->prefs, info->seats[i]);
}

void
tg_match_seats_taken (TgMatch       *self,
                      const guint32 *seats,
                      guint          n_seats)
{
  for (guint i = 0; i < n_seats; i++)
    tg_seat_prefs_seat_taken (self->prefs, seats[i]);
}

void
tg_match_drop_hold (TgMatch *self,
                    guint32 *hold)
{
  TgHoldInfo info;

  if (*hold == TG_LEDGER_NO_HOLD)
    return;
  if (tg_ledger_get_hold (self->ledger, *hold, &info) && info.state == TG_HOLD_ACTIVE)
    {
      tg_ledger_release (self->ledger, *hold, NULL);
      tg_match_seat_freed (self, &info);
    }
  *hold = TG_LEDGER_NO_HOLD;
  tg_match_arm_expiry (self);
}

/* ---- humans' terminal transitions ---- */

void
tg_match_human_fail (TgMatch      *self,
                     guint32       participant,
                     Human        *human,
                     TgFailReason  reason)
{
  if (tg_match_human_is_terminal (human))
    return;

  if (human->in_queue)
    {
      tg_queue_leave (self->queue, human->ticket);
      human->in_queue = FALSE;
    }
  tg_match_drop_hold (self, &human->hold);
  human->state = TG_MATCH_STATE_FAILED;
  human->fail = reason;
  human->t_end = tg_clock_now (self->clock);
  tg_match_emit_changed (self, participant);
  tg_match_maybe_finish (self);
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
  else if (state == BOT_CANCELLED)
    self->bots_cancelled++;
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
      /* Nothing to click: wait for 취소표 a while, then give up. (Sold out is only when every
       * seat is sold: here some are still held by others and may come back.) */
      if (++bot->tries > BOT_MAX_TRIES)
        {
          bot_finish (self, bot, BOT_FAILED, TG_FAIL_GAVE_UP);
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
  guint32 hold, fate;

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

  tg_match_seats_taken (self, seats, bot->n_block);
  /* A bot's hold runs out like anyone's, if the TTL is shorter than its way to payment. */
  tg_match_arm_expiry (self);
  bot->hold = hold;
  bot->t_hold = ms_since_open (self, now);
  if (bot->tries > 0)
    self->bots_won_after_conflict++;
  bot->state = BOT_HELD;

  /* One draw for the fate, so the shares are exactly the settings' (cancel + abandon ≤ 100). */
  fate = tg_rng_below (&self->bot_rng, 100);
  if (fate < self->settings.bot_cancel_percent)
    {
      bot->fate = FATE_CANCEL;
      heap_push (self, now + 5 * TG_USEC_PER_SEC + (gint64) tg_rng_below (&self->bot_rng, 5001) * TG_USEC_PER_MSEC,
                 index);
    }
  else
    {
      bot->fate = fate < self->settings.bot_cancel_percent + self->settings.bot_abandon_percent ?
                  FATE_ABANDON : FATE_PAY;
      heap_push (self, now + tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_PAYMENT), index);
    }
}

void
tg_match_check_sold_out (TgMatch *self)
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
    tg_match_human_fail (self, HUMAN_BIT | i, g_ptr_array_index (self->humans, i), TG_FAIL_SOLD_OUT);
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
      tg_match_seat_freed (self, &info);
      bot_finish (self, bot, BOT_FAILED, TG_FAIL_HOLD_EXPIRED);
    }
  tg_match_check_sold_out (self);
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
      /* The dates can only be clicked once the sale is open, by an early bird too. */
      bot->t_date = ms_since_open (self, MAX (now, self->open_at) +
                                         tg_bot_draw_delay (&self->bot_rng, bot->skill, TG_BOT_DELAY_DATE));
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
          tg_match_drop_hold (self, &bot->hold);
          if (bot->fate == FATE_CANCEL)
            bot_finish (self, bot, BOT_CANCELLED, TG_FAIL_GAVE_UP);
          else
            bot_finish (self, bot, BOT_FAILED, TG_FAIL_PAYMENT);
        }
      break;

    case BOT_QUEUED:
    case BOT_DONE:
    case BOT_FAILED:
    case BOT_CANCELLED:
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
  tg_match_maybe_finish (self);
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

void
tg_match_human_start_captcha (TgMatch *self,
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
        tg_match_human_start_captcha (self, human, now);
      tg_match_emit_changed (self, member);
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
  /* The epsilon: ten ticks of 0.1 make 0.9999…, and the first admission would wait a tick more. */
  while (self->admit_carry >= 1.0 - 1e-9 && !self->finished && tg_queue_pop (self->queue, &member, &ticket))
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

  tg_match_seat_freed (self, info);
  if (IS_HUMAN (info->owner))
    {
      Human *human = g_ptr_array_index (self->humans, info->owner & ~HUMAN_BIT);

      if (human->hold == hold)
        {
          human->hold = TG_LEDGER_NO_HOLD;
          tg_match_human_fail (self, info->owner, human, TG_FAIL_HOLD_EXPIRED);
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
  tg_match_arm_expiry (self);
  arm_bots (self);
}

void
tg_match_arm_expiry (TgMatch *self)
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

void
tg_match_maybe_finish (TgMatch *self)
{
  if (self->finished || !self->opened)
    return;
  if (!self->sold_out && self->bots_active > 0)
    return;
  for (guint i = 0; i < self->humans->len; i++)
    if (!tg_match_human_is_terminal (g_ptr_array_index (self->humans, i)))
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

      /* The pre-queue was shuffled: its members learn their place now, before any admission. */
      if (human->in_queue && human->first_position == 0)
        {
          TgQueueStatus status;

          tg_queue_status (self->queue, human->ticket, &status);
          human->first_position = status.position;
          human->total_at_join = status.total;
        }
      if (human->state == TG_MATCH_STATE_WAITING)
        {
          human->state = TG_MATCH_STATE_OPEN;
          tg_match_emit_changed (self, HUMAN_BIT | i);
        }
    }

  self->timer_admit = tg_clock_add_timer (self->clock, now, on_admit_tick, self, NULL);
  tg_match_maybe_finish (self);
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
