/* tg-match-humans.c: what a human participant does — 예매하기, the date, the captcha, seats,
 * payment, giving up and leaving — each checked against the participant's step. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-match-private.h"

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
  human = tg_match_find_human (self, participant, NULL);
  return human != NULL ? human->name : NULL;
}

TgMatchState
tg_match_get_state (TgMatch *self,
                    guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), TG_MATCH_STATE_FAILED);
  human = tg_match_find_human (self, participant, NULL);
  return human != NULL ? human->state : TG_MATCH_STATE_FAILED;
}

TgFailReason
tg_match_get_fail_reason (TgMatch *self,
                          guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), TG_FAIL_NONE);
  human = tg_match_find_human (self, participant, NULL);
  return human != NULL ? human->fail : TG_FAIL_NONE;
}

gboolean
tg_match_is_booked (TgMatch *self,
                    guint32  participant)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);
  human = tg_match_find_human (self, participant, NULL);
  return human != NULL && human->booked;
}

gboolean
tg_match_click_book (TgMatch  *self,
                     guint32   participant,
                     GError  **error)
{
  Human *human;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->booked || tg_match_human_is_terminal (human))
    {
      /* A second click on a button that is gone is a misclick, not an error worth a dialog. */
      human->misclicks++;
      tg_match_wrong_state (error, human);
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
  tg_match_emit_changed (self, participant);
  return TRUE;
}

void
tg_match_note_misclick (TgMatch *self,
                        guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = tg_match_find_human (self, participant, NULL)) != NULL && !tg_match_human_is_terminal (human))
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

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_OPEN || !human->booked || human->t_date >= 0)
    {
      tg_match_wrong_state (error, human);
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
  if (human->admitted)
    tg_match_human_start_captcha (self, human, now);
  else
    human->state = TG_MATCH_STATE_QUEUED;
  tg_match_emit_changed (self, participant);
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
  if ((human = tg_match_find_human (self, participant, NULL)) == NULL)
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
  human = tg_match_find_human (self, participant, NULL);
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
  human = tg_match_find_human (self, participant, NULL);
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

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_CAPTCHA)
    {
      tg_match_wrong_state (error, human);
      return FALSE;
    }
  human->refreshes++;
  tg_captcha_init (&human->captcha, &human->rng, tg_clock_now (self->clock), self->settings.captcha_ttl);
  tg_match_emit_changed (self, participant);
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

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_CAPTCHA)
    {
      tg_match_wrong_state (error, human);
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
      tg_match_emit_changed (self, participant);
      return FALSE;
    }

  human->state = TG_MATCH_STATE_SEATS;
  human->t_seat = now;
  tg_match_emit_changed (self, participant);
  return TRUE;
}

void
tg_match_note_seat_miss (TgMatch *self,
                         guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  human = tg_match_find_human (self, participant, NULL);
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
  g_autoptr(GArray) own_taken = NULL;
  Human *human;
  guint32 hold;
  guint before;
  gint64 now;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_SEATS)
    {
      tg_match_wrong_state (error, human);
      return FALSE;
    }
  if (seats == NULL || n_seats == 0 || n_seats > self->settings.seats_per_booking)
    {
      g_set_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SEATS,
                   _("Choose between 1 and %u seats"), self->settings.seats_per_booking);
      return FALSE;
    }

  now = tg_clock_now (self->clock);
  if (taken == NULL)
    taken = own_taken = g_array_new (FALSE, FALSE, sizeof (guint32));
  before = taken->len;
  if (!tg_ledger_hold (self->ledger, participant, TRUE, seats, n_seats, now,
                       self->settings.hold_ttl, &hold, taken, &local_error))
    {
      if (g_error_matches (local_error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN))
        {
          g_autoptr(GString) ids = g_string_new (NULL);

          human->conflicts++;
          /* The ledger knows seat numbers; the player knows the venue's ids. */
          for (guint i = before; i < taken->len; i++)
            g_string_append_printf (ids, "%s%s", i > before ? ", " : "",
                                    tg_venue_get_seat (self->venue, g_array_index (taken, guint32, i))->id);
          g_set_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN,
                       ngettext ("Seat %s is already taken", "Seats %s are already taken", taken->len - before),
                       ids->str);
        }
      else
        g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SEATS,
                             local_error->message);
      return FALSE;
    }

  tg_match_seats_taken (self, seats, n_seats);
  human->hold = hold;
  human->t_hold = now;
  human->state = TG_MATCH_STATE_PAYMENT;
  tg_match_arm_expiry (self);
  tg_match_emit_changed (self, participant);
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

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      tg_match_wrong_state (error, human);
      return FALSE;
    }
  tg_match_drop_hold (self, &human->hold);
  human->state = TG_MATCH_STATE_SEATS;
  human->t_hold = -1;
  tg_match_emit_changed (self, participant);
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

  human = tg_match_find_human (self, participant, NULL);
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

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      tg_match_wrong_state (error, human);
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
      tg_match_seat_freed (self, &held);
      human->hold = TG_LEDGER_NO_HOLD;
      tg_match_human_fail (self, participant, human, TG_FAIL_HOLD_EXPIRED);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  human->hold = TG_LEDGER_NO_HOLD;
  human->price_paid = quote.total;
  human->state = TG_MATCH_STATE_DONE;
  human->t_end = now;
  tg_match_arm_expiry (self);
  tg_match_emit_changed (self, participant);
  tg_match_check_sold_out (self);
  tg_match_maybe_finish (self);
  return TRUE;
}

gboolean
tg_match_cancel_payment (TgMatch  *self,
                         guint32   participant,
                         GError  **error)
{
  Human *human;

  g_return_val_if_fail (TG_IS_MATCH (self), FALSE);

  if ((human = tg_match_find_human (self, participant, error)) == NULL)
    return FALSE;
  if (human->state != TG_MATCH_STATE_PAYMENT)
    {
      tg_match_wrong_state (error, human);
      return FALSE;
    }
  tg_match_human_fail (self, participant, human, TG_FAIL_PAYMENT);
  return TRUE;
}

void
tg_match_give_up (TgMatch *self,
                  guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = tg_match_find_human (self, participant, NULL)) != NULL)
    tg_match_human_fail (self, participant, human, TG_FAIL_GAVE_UP);
}

void
tg_match_leave (TgMatch *self,
                guint32  participant)
{
  Human *human;

  g_return_if_fail (TG_IS_MATCH (self));
  if ((human = tg_match_find_human (self, participant, NULL)) != NULL)
    tg_match_human_fail (self, participant, human, TG_FAIL_LEFT);
}
