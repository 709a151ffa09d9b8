/* tg-session.c: the match-session interface and its signals. */

#include "config.h"

#include "tg-session.h"

G_DEFINE_INTERFACE (TgSession, tg_session, G_TYPE_OBJECT)

enum {
  STATE_CHANGED,
  SEATS_CHANGED,
  TICK,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tg_session_default_init (TgSessionInterface *iface)
{
  /**
   * TgSession::state-changed:
   * The player's step, queue admission, captcha or hold changed.
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TgSession::seats-changed:
   * @seats: GArray of guint32 seat indices whose state changed (a batch)
   */
  signals[SEATS_CHANGED] =
    g_signal_new ("seats-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  /**
   * TgSession::tick:
   * About ten times a second while the match runs: queue figures may have moved.
   */
  signals[TICK] =
    g_signal_new ("tick", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

#define IFACE(self) TG_SESSION_GET_IFACE (self)

gint64
tg_session_now (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), 0);
  return IFACE (self)->now (self);
}

gint64
tg_session_get_open_time (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), 0);
  return IFACE (self)->get_open_time (self);
}

const TgMatchSettings *
tg_session_get_settings (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), NULL);
  return IFACE (self)->get_settings (self);
}

TgVenue *
tg_session_get_venue (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), NULL);
  return IFACE (self)->get_venue (self);
}

TgMatchState
tg_session_get_state (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), TG_MATCH_STATE_FAILED);
  return IFACE (self)->get_state (self);
}

TgFailReason
tg_session_get_fail_reason (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), TG_FAIL_NONE);
  return IFACE (self)->get_fail_reason (self);
}

TgSeatState
tg_session_get_seat_state (TgSession *self,
                           guint32    seat)
{
  g_return_val_if_fail (TG_IS_SESSION (self), TG_SEAT_SOLD);
  return IFACE (self)->get_seat_state (self, seat);
}

gboolean
tg_session_get_queue_status (TgSession     *self,
                             TgQueueStatus *status)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->get_queue_status (self, status);
}

GBytes *
tg_session_get_captcha_png (TgSession *self,
                            double     scale,
                            gint64    *expires_at)
{
  g_return_val_if_fail (TG_IS_SESSION (self), NULL);
  return IFACE (self)->get_captcha_png (self, scale, expires_at);
}

char *
tg_session_get_captcha_text (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), NULL);
  return IFACE (self)->get_captcha_text (self);
}

gboolean
tg_session_get_hold (TgSession  *self,
                     TgHoldInfo *info)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->get_hold (self, info);
}

TgResult *
tg_session_get_result (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), NULL);
  return IFACE (self)->get_result (self);
}

gboolean
tg_session_click_book (TgSession  *self,
                       GError    **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->click_book (self, error);
}

void
tg_session_note_misclick (TgSession *self)
{
  g_return_if_fail (TG_IS_SESSION (self));
  IFACE (self)->note_misclick (self);
}

gboolean
tg_session_choose_date (TgSession  *self,
                        guint       date_index,
                        GError    **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->choose_date (self, date_index, error);
}

void
tg_session_note_backspace (TgSession *self)
{
  g_return_if_fail (TG_IS_SESSION (self));
  IFACE (self)->note_backspace (self);
}

gboolean
tg_session_refresh_captcha (TgSession  *self,
                            GError    **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->refresh_captcha (self, error);
}

gboolean
tg_session_submit_captcha (TgSession   *self,
                           const char  *answer,
                           GError     **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->submit_captcha (self, answer, error);
}

void
tg_session_note_seat_miss (TgSession *self)
{
  g_return_if_fail (TG_IS_SESSION (self));
  IFACE (self)->note_seat_miss (self);
}

gboolean
tg_session_hold_seats (TgSession      *self,
                       const guint32  *seats,
                       guint           n_seats,
                       GArray         *taken,
                       GError        **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->hold_seats (self, seats, n_seats, taken, error);
}

gboolean
tg_session_release_hold (TgSession  *self,
                         GError    **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->release_hold (self, error);
}

gboolean
tg_session_quote (TgSession         *self,
                  const TgDiscount  *discounts,
                  TgQuote           *quote,
                  GError           **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->quote (self, discounts, quote, error);
}

gboolean
tg_session_pay (TgSession         *self,
                const TgDiscount  *discounts,
                TgPaymentMethod    method,
                GError           **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->pay (self, discounts, method, error);
}

gboolean
tg_session_cancel_payment (TgSession  *self,
                           GError    **error)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->cancel_payment (self, error);
}

void
tg_session_give_up (TgSession *self)
{
  g_return_if_fail (TG_IS_SESSION (self));
  IFACE (self)->give_up (self);
}

void
tg_session_leave (TgSession *self)
{
  g_return_if_fail (TG_IS_SESSION (self));
  IFACE (self)->leave (self);
}

void
tg_session_emit_state_changed (TgSession *self)
{
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

void
tg_session_emit_seats_changed (TgSession *self,
                               GArray    *seats)
{
  g_signal_emit (self, signals[SEATS_CHANGED], 0, seats);
}

void
tg_session_emit_tick (TgSession *self)
{
  g_signal_emit (self, signals[TICK], 0);
}

void
tg_session_emit_finished (TgSession *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
}

gboolean
tg_session_is_queue_paused (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->is_queue_paused != NULL && IFACE (self)->is_queue_paused (self);
}

gboolean
tg_session_is_booked (TgSession *self)
{
  g_return_val_if_fail (TG_IS_SESSION (self), FALSE);
  return IFACE (self)->is_booked != NULL && IFACE (self)->is_booked (self);
}
