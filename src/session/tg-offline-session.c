/* tg-offline-session.c: TgSession over an in-process TgMatch. */

#include "config.h"

#include "tg-offline-session.h"

struct _TgOfflineSession
{
  GObject  parent_instance;
  TgMatch *match;
  TgClock *clock;
  guint32  pid;
};

static void session_iface_init (TgSessionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TgOfflineSession, tg_offline_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TG_TYPE_SESSION, session_iface_init))

#define SELF(s) TG_OFFLINE_SESSION (s)

static gint64
session_now (TgSession *s)
{
  return tg_clock_now (SELF (s)->clock);
}

static gint64
session_get_open_time (TgSession *s)
{
  return tg_match_get_open_time (SELF (s)->match);
}

static const TgMatchSettings *
session_get_settings (TgSession *s)
{
  return tg_match_get_settings (SELF (s)->match);
}

static TgVenue *
session_get_venue (TgSession *s)
{
  return tg_match_get_venue (SELF (s)->match);
}

static TgMatchState
session_get_state (TgSession *s)
{
  return tg_match_get_state (SELF (s)->match, SELF (s)->pid);
}

static TgFailReason
session_get_fail_reason (TgSession *s)
{
  return tg_match_get_fail_reason (SELF (s)->match, SELF (s)->pid);
}

static TgSeatState
session_get_seat_state (TgSession *s,
                        guint32    seat)
{
  return tg_ledger_seat_state (tg_match_get_ledger (SELF (s)->match), seat);
}

static gboolean
session_get_queue_status (TgSession     *s,
                          TgQueueStatus *status)
{
  return tg_match_get_queue_status (SELF (s)->match, SELF (s)->pid, status);
}

static GBytes *
session_get_captcha_png (TgSession *s,
                         double     scale,
                         gint64    *expires_at)
{
  const TgCaptcha *captcha = tg_match_get_captcha (SELF (s)->match, SELF (s)->pid);

  if (captcha == NULL)
    return NULL;
  if (expires_at != NULL)
    *expires_at = captcha->expires_at;
  return tg_captcha_render_png (captcha, scale, NULL);
}

static char *
session_get_captcha_text (TgSession *s)
{
  const TgCaptcha *captcha = tg_match_get_captcha (SELF (s)->match, SELF (s)->pid);

  return captcha != NULL ? g_strdup (captcha->text) : NULL;
}

static gboolean
session_get_hold (TgSession  *s,
                  TgHoldInfo *info)
{
  return tg_match_get_hold (SELF (s)->match, SELF (s)->pid, info);
}

static TgResult *
session_get_result (TgSession *s)
{
  return tg_match_get_result (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_click_book (TgSession  *s,
                    GError    **error)
{
  return tg_match_click_book (SELF (s)->match, SELF (s)->pid, error);
}

static void
session_note_misclick (TgSession *s)
{
  tg_match_note_misclick (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_choose_date (TgSession  *s,
                     guint       date_index,
                     GError    **error)
{
  return tg_match_choose_date (SELF (s)->match, SELF (s)->pid, date_index, error);
}

static void
session_note_backspace (TgSession *s)
{
  tg_match_note_backspace (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_refresh_captcha (TgSession  *s,
                         GError    **error)
{
  return tg_match_refresh_captcha (SELF (s)->match, SELF (s)->pid, error);
}

static gboolean
session_submit_captcha (TgSession   *s,
                        const char  *answer,
                        GError     **error)
{
  return tg_match_submit_captcha (SELF (s)->match, SELF (s)->pid, answer, error);
}

static void
session_note_seat_miss (TgSession *s)
{
  tg_match_note_seat_miss (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_hold_seats (TgSession      *s,
                    const guint32  *seats,
                    guint           n_seats,
                    GArray         *taken,
                    GError        **error)
{
  return tg_match_hold_seats (SELF (s)->match, SELF (s)->pid, seats, n_seats, taken, error);
}

static gboolean
session_release_hold (TgSession  *s,
                      GError    **error)
{
  return tg_match_release_hold (SELF (s)->match, SELF (s)->pid, error);
}

static gboolean
session_quote (TgSession         *s,
               const TgDiscount  *discounts,
               TgQuote           *quote,
               GError           **error)
{
  return tg_match_quote (SELF (s)->match, SELF (s)->pid, discounts, quote, error);
}

static gboolean
session_pay (TgSession         *s,
             const TgDiscount  *discounts,
             TgPaymentMethod    method,
             GError           **error)
{
  return tg_match_pay (SELF (s)->match, SELF (s)->pid, discounts, method, error);
}

static gboolean
session_cancel_payment (TgSession  *s,
                        GError    **error)
{
  return tg_match_cancel_payment (SELF (s)->match, SELF (s)->pid, error);
}

static void
session_give_up (TgSession *s)
{
  tg_match_give_up (SELF (s)->match, SELF (s)->pid);
}

static void
session_leave (TgSession *s)
{
  tg_match_leave (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_is_booked (TgSession *s)
{
  return tg_match_is_booked (SELF (s)->match, SELF (s)->pid);
}

static gboolean
session_is_queue_paused (TgSession *s)
{
  return tg_match_is_queue_paused (SELF (s)->match);
}

static void
session_iface_init (TgSessionInterface *iface)
{
  iface->now = session_now;
  iface->get_open_time = session_get_open_time;
  iface->get_settings = session_get_settings;
  iface->get_venue = session_get_venue;
  iface->get_state = session_get_state;
  iface->get_fail_reason = session_get_fail_reason;
  iface->get_seat_state = session_get_seat_state;
  iface->get_queue_status = session_get_queue_status;
  iface->get_captcha_png = session_get_captcha_png;
  iface->get_captcha_text = session_get_captcha_text;
  iface->get_hold = session_get_hold;
  iface->get_result = session_get_result;
  iface->click_book = session_click_book;
  iface->note_misclick = session_note_misclick;
  iface->choose_date = session_choose_date;
  iface->note_backspace = session_note_backspace;
  iface->refresh_captcha = session_refresh_captcha;
  iface->submit_captcha = session_submit_captcha;
  iface->note_seat_miss = session_note_seat_miss;
  iface->hold_seats = session_hold_seats;
  iface->release_hold = session_release_hold;
  iface->quote = session_quote;
  iface->pay = session_pay;
  iface->cancel_payment = session_cancel_payment;
  iface->give_up = session_give_up;
  iface->leave = session_leave;
  iface->is_queue_paused = session_is_queue_paused;
  iface->is_booked = session_is_booked;
}

static void
on_participant_changed (TgMatch          *match,
                        guint             participant,
                        TgOfflineSession *self)
{
  if (participant == self->pid)
    tg_session_emit_state_changed (TG_SESSION (self));
}

static void
on_seats_changed (TgMatch          *match,
                  GArray           *seats,
                  TgOfflineSession *self)
{
  tg_session_emit_seats_changed (TG_SESSION (self), seats);
}

static void
on_tick (TgMatch          *match,
         TgOfflineSession *self)
{
  tg_session_emit_tick (TG_SESSION (self));
}

static void
on_finished (TgMatch          *match,
             TgOfflineSession *self)
{
  tg_session_emit_finished (TG_SESSION (self));
}

static void
tg_offline_session_dispose (GObject *object)
{
  TgOfflineSession *self = SELF (object);

  if (self->match != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->match, self);
      /* Closing the session mid-match releases whatever the player held. */
      tg_match_leave (self->match, self->pid);
    }
  g_clear_object (&self->match);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (tg_offline_session_parent_class)->dispose (object);
}

static void
tg_offline_session_class_init (TgOfflineSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_offline_session_dispose;
}

static void
tg_offline_session_init (TgOfflineSession *self)
{
}

TgOfflineSession *
tg_offline_session_new (const TgMatchSettings *settings,
                        TgClock               *clock,
                        const char            *player_name,
                        GError               **error)
{
  g_autoptr(TgOfflineSession) self = g_object_new (TG_TYPE_OFFLINE_SESSION, NULL);

  self->clock = g_object_ref (clock);
  self->match = tg_match_new (settings, clock, error);
  if (self->match == NULL)
    return NULL;
  self->pid = tg_match_add_human (self->match, player_name);

  g_signal_connect (self->match, "participant-changed", G_CALLBACK (on_participant_changed), self);
  g_signal_connect (self->match, "seats-changed", G_CALLBACK (on_seats_changed), self);
  g_signal_connect (self->match, "tick", G_CALLBACK (on_tick), self);
  g_signal_connect (self->match, "finished", G_CALLBACK (on_finished), self);

  return g_steal_pointer (&self);
}

TgMatch *
tg_offline_session_get_match (TgOfflineSession *self)
{
  g_return_val_if_fail (TG_IS_OFFLINE_SESSION (self), NULL);
  return self->match;
}

guint32
tg_offline_session_get_participant (TgOfflineSession *self)
{
  g_return_val_if_fail (TG_IS_OFFLINE_SESSION (self), 0);
  return self->pid;
}
