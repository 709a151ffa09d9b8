/* tg-session.h: what the UI plays through — one human's seat in a match.
 *
 * Offline the session is the engine in-process (TgOfflineSession); online it is a WebSocket client
 * talking to the same engine hosted by tickget-server. The UI never touches TgMatch directly, so no
 * game rule is written twice. Times are µs on the session's clock (tg_session_now()).
 */
#pragma once

#include <gio/gio.h>

#include "tg-match.h"

G_BEGIN_DECLS

#define TG_TYPE_SESSION (tg_session_get_type ())
G_DECLARE_INTERFACE (TgSession, tg_session, TG, SESSION, GObject)

struct _TgSessionInterface
{
  GTypeInterface parent_iface;

  gint64         (*now)                 (TgSession        *self);
  gint64         (*get_open_time)       (TgSession        *self);
  const TgMatchSettings *(*get_settings) (TgSession       *self);
  TgVenue       *(*get_venue)           (TgSession        *self);
  TgMatchState   (*get_state)           (TgSession        *self);
  TgFailReason   (*get_fail_reason)     (TgSession        *self);
  TgSeatState    (*get_seat_state)      (TgSession        *self,
                                         guint32           seat);
  gboolean       (*get_queue_status)    (TgSession        *self,
                                         TgQueueStatus    *status);
  GBytes        *(*get_captcha_png)     (TgSession        *self,
                                         double            scale,
                                         gint64           *expires_at);
  /* The spoken form of the captcha is the same text; offline sessions know it. */
  char          *(*get_captcha_text)    (TgSession        *self);
  gboolean       (*get_hold)            (TgSession        *self,
                                         TgHoldInfo       *info);
  TgResult      *(*get_result)          (TgSession        *self);

  gboolean       (*click_book)          (TgSession        *self,
                                         GError          **error);
  void           (*note_misclick)       (TgSession        *self);
  gboolean       (*choose_date)         (TgSession        *self,
                                         guint             date_index,
                                         GError          **error);
  void           (*note_backspace)      (TgSession        *self);
  gboolean       (*refresh_captcha)     (TgSession        *self,
                                         GError          **error);
  gboolean       (*submit_captcha)      (TgSession        *self,
                                         const char       *answer,
                                         GError          **error);
  void           (*note_seat_miss)      (TgSession        *self);
  gboolean       (*hold_seats)          (TgSession        *self,
                                         const guint32    *seats,
                                         guint             n_seats,
                                         GArray           *taken,
                                         GError          **error);
  gboolean       (*release_hold)        (TgSession        *self,
                                         GError          **error);
  gboolean       (*quote)               (TgSession        *self,
                                         const TgDiscount *discounts,
                                         TgQuote          *quote,
                                         GError          **error);
  gboolean       (*pay)                 (TgSession        *self,
                                         const TgDiscount *discounts,
                                         TgPaymentMethod   method,
                                         GError          **error);
  gboolean       (*cancel_payment)      (TgSession        *self,
                                         GError          **error);
  void           (*give_up)             (TgSession        *self);
  void           (*leave)               (TgSession        *self);
  /* Optional: admissions stop while every seat is held or sold (NULL: never paused). */
  gboolean       (*is_queue_paused)     (TgSession        *self);
  gboolean       (*is_booked)           (TgSession        *self);
};

gint64          tg_session_now              (TgSession        *self);
gint64          tg_session_get_open_time    (TgSession        *self);
const TgMatchSettings *tg_session_get_settings (TgSession     *self);
TgVenue        *tg_session_get_venue        (TgSession        *self);
TgMatchState    tg_session_get_state        (TgSession        *self);
TgFailReason    tg_session_get_fail_reason  (TgSession        *self);
TgSeatState     tg_session_get_seat_state   (TgSession        *self,
                                             guint32           seat);
gboolean        tg_session_get_queue_status (TgSession        *self,
                                             TgQueueStatus    *status);
GBytes         *tg_session_get_captcha_png  (TgSession        *self,
                                             double            scale,
                                             gint64           *expires_at);
char           *tg_session_get_captcha_text (TgSession        *self);
gboolean        tg_session_get_hold         (TgSession        *self,
                                             TgHoldInfo       *info);
TgResult       *tg_session_get_result       (TgSession        *self);
gboolean        tg_session_click_book       (TgSession        *self,
                                             GError          **error);
void            tg_session_note_misclick    (TgSession        *self);
gboolean        tg_session_choose_date      (TgSession        *self,
                                             guint             date_index,
                                             GError          **error);
void            tg_session_note_backspace   (TgSession        *self);
gboolean        tg_session_refresh_captcha  (TgSession        *self,
                                             GError          **error);
gboolean        tg_session_submit_captcha   (TgSession        *self,
                                             const char       *answer,
                                             GError          **error);
void            tg_session_note_seat_miss   (TgSession        *self);
gboolean        tg_session_hold_seats       (TgSession        *self,
                                             const guint32    *seats,
                                             guint             n_seats,
                                             GArray           *taken,
                                             GError          **error);
gboolean        tg_session_release_hold     (TgSession        *self,
                                             GError          **error);
gboolean        tg_session_quote            (TgSession        *self,
                                             const TgDiscount *discounts,
                                             TgQuote          *quote,
                                             GError          **error);
gboolean        tg_session_pay              (TgSession        *self,
                                             const TgDiscount *discounts,
                                             TgPaymentMethod   method,
                                             GError          **error);
gboolean        tg_session_cancel_payment   (TgSession        *self,
                                             GError          **error);
void            tg_session_give_up          (TgSession        *self);
void            tg_session_leave            (TgSession        *self);
gboolean        tg_session_is_queue_paused  (TgSession        *self);
/* 예매하기 was taken: in a waiting room the player is in line before the open. */
gboolean        tg_session_is_booked        (TgSession        *self);

/* For implementations: emit the interface's signals. */
void            tg_session_emit_state_changed (TgSession      *self);
void            tg_session_emit_seats_changed (TgSession      *self,
                                               GArray         *seats);
void            tg_session_emit_tick          (TgSession      *self);
void            tg_session_emit_finished      (TgSession      *self);

G_END_DECLS
