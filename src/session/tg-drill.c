/* tg-drill.c: a stage practised alone — a real match, fast-forwarded to that stage. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tg-drill.h"
#include "tg-offline-session.h"

/* Simulated time allowed to reach the practised stage (the queue of a seat drill). */
#define MAX_FAST_FORWARD (600 * TG_USEC_PER_SEC)
#define STEP             (100 * TG_USEC_PER_MSEC)

struct _TgDrill
{
  GObject           parent_instance;

  TgDrillStage      stage;
  TgManualClock    *clock;
  TgOfflineSession *session;
  TgResult         *result;
  gboolean          done;
  gboolean          success;
};

G_DEFINE_FINAL_TYPE (TgDrill, tg_drill, G_TYPE_OBJECT)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish (TgDrill  *self,
        gboolean  success)
{
  if (self->done)
    return;
  self->done = TRUE;
  self->success = success;
  self->result = tg_session_get_result (TG_SESSION (self->session));
  /* The stage is all that counts: leave the match (releasing a hold) so nothing runs on. */
  tg_session_give_up (TG_SESSION (self->session));
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_state_changed (TgDrill *self)
{
  TgMatchState state = tg_session_get_state (TG_SESSION (self->session));

  if (self->done)
    return;
  switch (self->stage)
    {
    case TG_DRILL_STAGE_CLICK:
      /* The state changes at the open time too: the click is what ends this drill. */
      {
        g_autoptr(TgResult) so_far = tg_session_get_result (TG_SESSION (self->session));

        if (so_far->stage_ms[TG_STAGE_REACTION] >= 0 || state == TG_MATCH_STATE_FAILED)
          finish (self, state != TG_MATCH_STATE_FAILED);
      }
      break;
    case TG_DRILL_STAGE_CAPTCHA:
      if (state != TG_MATCH_STATE_CAPTCHA)
        finish (self, state == TG_MATCH_STATE_SEATS);
      break;
    case TG_DRILL_STAGE_SEAT:
    default:
      if (state != TG_MATCH_STATE_SEATS)
        finish (self, state == TG_MATCH_STATE_PAYMENT);
      break;
    }
}

static void
advance_until (TgDrill      *self,
               TgMatchState  state)
{
  gint64 limit = tg_clock_now (TG_CLOCK (self->clock)) + MAX_FAST_FORWARD;
  TgSession *session = TG_SESSION (self->session);

  while (tg_session_get_state (session) != state &&
         tg_session_get_state (session) != TG_MATCH_STATE_FAILED &&
         tg_clock_now (TG_CLOCK (self->clock)) < limit)
    tg_manual_clock_advance (self->clock, STEP);
}

/* Plays the steps before the practised stage through the session, as a player would. */
static gboolean
fast_forward (TgDrill  *self,
              GError  **error)
{
  TgSession *session = TG_SESSION (self->session);
  gint64 open = tg_session_get_open_time (session);
  gint64 reaction = self->stage == TG_DRILL_STAGE_SEAT ? TG_DRILL_ARRIVE_REACTION : 0;
  gint64 date = self->stage == TG_DRILL_STAGE_SEAT ? TG_DRILL_ARRIVE_DATE : 0;

  tg_manual_clock_advance_to (self->clock, open + reaction * TG_USEC_PER_MSEC);
  if (!tg_session_click_book (session, error))
    return FALSE;
  tg_manual_clock_advance (self->clock, date * TG_USEC_PER_MSEC);
  if (!tg_session_choose_date (session, tg_session_get_settings (session)->open_date, error))
    return FALSE;
  advance_until (self, TG_MATCH_STATE_CAPTCHA);

  if (self->stage == TG_DRILL_STAGE_SEAT && tg_session_get_state (session) == TG_MATCH_STATE_CAPTCHA)
    {
      g_autofree char *text = NULL;

      tg_manual_clock_advance (self->clock, TG_DRILL_ARRIVE_CAPTCHA * TG_USEC_PER_MSEC);
      text = tg_session_get_captcha_text (session);
      if (text == NULL || !tg_session_submit_captcha (session, text, error))
        return FALSE;
    }

  if (tg_session_get_state (session) !=
      (self->stage == TG_DRILL_STAGE_SEAT ? TG_MATCH_STATE_SEATS : TG_MATCH_STATE_CAPTCHA))
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_FINISHED,
                           _("The seats sold out before the seat map opened. Try again, or pick an easier difficulty."));
      return FALSE;
    }
  return TRUE;
}

TgDrill *
tg_drill_new (TgDrillStage    stage,
              TgDifficulty    difficulty,
              guint64         seed,
              TgManualClock  *clock,
              GError        **error)
{
  g_autoptr(TgDrill) self = NULL;
  g_autoptr(TgVenue) venue = NULL;
  TgMatchSettings settings;

  g_return_val_if_fail (TG_IS_MANUAL_CLOCK (clock), NULL);

  venue = tg_venue_new_preset ("small", error);
  if (venue == NULL)
    return NULL;
  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.difficulty = difficulty;
  settings.seed = seed;
  settings.n_dates = 1;
  settings.open_date = 0;
  settings.prequeue = FALSE;
  settings.seats_per_booking = 2;
  settings.n_bots = stage == TG_DRILL_STAGE_SEAT ? TG_DRILL_SEAT_BOTS : 0;
  settings.countdown = stage == TG_DRILL_STAGE_CLICK ? TG_DRILL_CLICK_COUNTDOWN : 0;

  self = g_object_new (TG_TYPE_DRILL, NULL);
  self->stage = stage;
  self->clock = g_object_ref (clock);
  self->session = tg_offline_session_new (&settings, TG_CLOCK (clock), g_get_real_name (), error);
  if (self->session == NULL)
    return NULL;
  /* Let the match open its timers at the current time. */
  tg_manual_clock_advance (clock, 0);
  if (stage != TG_DRILL_STAGE_CLICK && !fast_forward (self, error))
    return NULL;
  g_signal_connect_swapped (self->session, "state-changed", G_CALLBACK (on_state_changed), self);
  return g_steal_pointer (&self);
}

TgDrillStage
tg_drill_get_stage (TgDrill *self)
{
  g_return_val_if_fail (TG_IS_DRILL (self), TG_DRILL_STAGE_CLICK);
  return self->stage;
}

TgSession *
tg_drill_get_session (TgDrill *self)
{
  g_return_val_if_fail (TG_IS_DRILL (self), NULL);
  return TG_SESSION (self->session);
}

gboolean
tg_drill_is_done (TgDrill *self)
{
  g_return_val_if_fail (TG_IS_DRILL (self), FALSE);
  return self->done;
}

gboolean
tg_drill_succeeded (TgDrill *self)
{
  g_return_val_if_fail (TG_IS_DRILL (self), FALSE);
  return self->success;
}

const TgResult *
tg_drill_get_result (TgDrill *self)
{
  g_return_val_if_fail (TG_IS_DRILL (self), NULL);
  return self->result;
}

void
tg_drill_stop (TgDrill *self)
{
  g_return_if_fail (TG_IS_DRILL (self));
  if (!self->done)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      tg_session_give_up (TG_SESSION (self->session));
      self->done = TRUE;
    }
}

static void
tg_drill_dispose (GObject *object)
{
  TgDrill *self = TG_DRILL (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->result, tg_result_free);
  G_OBJECT_CLASS (tg_drill_parent_class)->dispose (object);
}

static void
tg_drill_class_init (TgDrillClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_drill_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tg_drill_init (TgDrill *self)
{
}
