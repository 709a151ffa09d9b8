/* tg-clock.h: the time source of the engine and the timers scheduled on it.
 *
 * Every timed rule of a match reads a TgClock. The app and the server use a TgRealClock (monotonic
 * time, timers dispatched from a GMainContext); tests and tickget-sim use a TgManualClock that only
 * moves when told to, so a 10-minute hold expiry is tested in microseconds.
 *
 * Times are microseconds (gint64) since the clock was created. A clock and its timers belong to one
 * thread: the one that created it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TG_USEC_PER_MSEC G_GINT64_CONSTANT (1000)
#define TG_USEC_PER_SEC  G_GINT64_CONSTANT (1000000)

typedef void (*TgClockFunc) (gpointer user_data);

#define TG_TYPE_CLOCK (tg_clock_get_type ())
G_DECLARE_DERIVABLE_TYPE (TgClock, tg_clock, TG, CLOCK, GObject)

struct _TgClockClass
{
  GObjectClass parent_class;

  gint64 (*now)             (TgClock *self);
  /* Called whenever the earliest deadline changes (G_MAXINT64 when no timer is left). */
  void   (*next_changed)    (TgClock *self,
                             gint64   deadline);
};

gint64  tg_clock_now            (TgClock        *self);
guint   tg_clock_add_timer      (TgClock        *self,
                                 gint64          deadline,
                                 TgClockFunc     func,
                                 gpointer        user_data,
                                 GDestroyNotify  destroy);
gboolean tg_clock_cancel_timer  (TgClock        *self,
                                 guint           timer_id);
gint64  tg_clock_next_deadline  (TgClock        *self);
guint   tg_clock_get_n_timers   (TgClock        *self);
/* Runs every timer whose deadline is <= tg_clock_now(), earliest first. Returns how many ran. */
guint   tg_clock_dispatch       (TgClock        *self);

#define TG_TYPE_MANUAL_CLOCK (tg_manual_clock_get_type ())
G_DECLARE_FINAL_TYPE (TgManualClock, tg_manual_clock, TG, MANUAL_CLOCK, TgClock)

TgClock *tg_manual_clock_new         (void);
/* Moves time forward to @time, firing due timers in deadline order with now() equal to each
 * timer's deadline while it runs. Time never goes backwards. */
void     tg_manual_clock_advance_to  (TgManualClock *self,
                                      gint64         time);
void     tg_manual_clock_advance     (TgManualClock *self,
                                      gint64         delta);
/* Jumps to the next deadline and fires it (and every timer due at that time). FALSE if none. */
gboolean tg_manual_clock_step        (TgManualClock *self);

#define TG_TYPE_REAL_CLOCK (tg_real_clock_get_type ())
G_DECLARE_FINAL_TYPE (TgRealClock, tg_real_clock, TG, REAL_CLOCK, TgClock)

/* Timers are dispatched from @context (NULL: the thread-default main context). */
TgClock *tg_real_clock_new (GMainContext *context);

G_END_DECLS
