/* tg-autoplayer.c: a scripted human player driven by the match's own clock. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-autoplayer.h"

struct _TgAutoplayer
{
  TgMatch          *match;
  TgClock          *clock;
  guint32           participant;
  TgAutoplayScript  script;
  guint             timer;
  guint             early_timer;
  guint             early_left;
  gboolean          booked;
  gulong            changed_id;
  guint             wrong_left;
  guint32           planned[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint             n_planned;
};

void
tg_autoplay_script_init (TgAutoplayScript *script)
{
  memset (script, 0, sizeof *script);
  script->reaction_ms = 250;
  script->date_ms = 900;
  script->captcha_ms = 8000;
  script->seat_ms = 3000;
  script->payment_ms = 20000;
}

gboolean
tg_autoplay_script_parse (const char        *spec,
                          TgAutoplayScript  *script,
                          GError           **error)
{
  g_auto(GStrv) pairs = NULL;

  tg_autoplay_script_init (script);
  if (spec == NULL || *spec == '\0')
    return TRUE;

  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      gint64 value;
      char *end = NULL;

      if (kv[0] == NULL || kv[1] == NULL || *kv[1] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not of the form name=milliseconds"), pairs[i]);
          return FALSE;
        }
      value = g_ascii_strtoll (kv[1], &end, 10);
      /* payment=-1: the player never pays and the hold runs out. */
      if (*end != '\0' || value > 3600 * 1000 || (value < 0 && !(value == -1 && g_str_equal (kv[0], "payment"))))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” needs a whole number between 0 and 3600000 (payment=-1: never pay)"), pairs[i]);
          return FALSE;
        }

      if (g_str_equal (kv[0], "reaction"))
        script->reaction_ms = MAX (0, value);
      else if (g_str_equal (kv[0], "date"))
        script->date_ms = MAX (0, value);
      else if (g_str_equal (kv[0], "captcha"))
        script->captcha_ms = MAX (0, value);
      else if (g_str_equal (kv[0], "seat"))
        script->seat_ms = MAX (0, value);
      else if (g_str_equal (kv[0], "payment"))
        script->payment_ms = value;
      else if (g_str_equal (kv[0], "captcha-wrong") && value <= 100)
        script->captcha_wrong = MAX (0, value);
      else if (g_str_equal (kv[0], "early") && value <= 100)
        script->early_clicks = MAX (0, value);
      else if (g_str_equal (kv[0], "misclicks") && value <= 100)
        script->date_misclicks = MAX (0, value);
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown or out-of-range player setting “%s” (known: reaction, date, captcha, seat, payment, captcha-wrong, early, misclicks)"),
                       pairs[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void act (gpointer user_data);

static void
schedule (TgAutoplayer *self,
          gint64        delay_ms)
{
  if (self->timer != 0)
    tg_clock_cancel_timer (self->clock, self->timer);
  self->timer = tg_clock_add_timer (self->clock, tg_clock_now (self->clock) + delay_ms * TG_USEC_PER_MSEC,
                                    act, self, NULL);
}

static void
plan_seats (TgAutoplayer *self)
{
  self->n_planned = tg_match_suggest_seats (self->match, self->participant, self->planned);
}

static void
act (gpointer user_data)
{
  TgAutoplayer *self = user_data;
  TgMatch *match = self->match;
  guint32 pid = self->participant;

  self->timer = 0;

  switch (tg_match_get_state (match, pid))
    {
    case TG_MATCH_STATE_OPEN:
      if (!self->booked)
        break;
      if (self->script.date_misclicks > 0)
        {
          const TgMatchSettings *settings = tg_match_get_settings (match);
          self->script.date_misclicks--;
          tg_match_choose_date (match, pid, (settings->open_date + 1) % MAX (2u, settings->n_dates), NULL);
          schedule (self, 150);
          return;
        }
      tg_match_choose_date (match, pid, tg_match_get_settings (match)->open_date, NULL);
      break;

    case TG_MATCH_STATE_CAPTCHA:
      if (self->wrong_left > 0)
        {
          self->wrong_left--;
          tg_match_submit_captcha (match, pid, "WRONG!", NULL);
        }
      else
        {
          const TgCaptcha *captcha = tg_match_get_captcha (match, pid);
          tg_match_submit_captcha (match, pid, captcha->text, NULL);
        }
      break;

    case TG_MATCH_STATE_SEATS:
      if (self->n_planned == 0)
        plan_seats (self);
      if (self->n_planned == 0)
        {
          /* Nothing left to click: watch for 취소표. */
          schedule (self, 1000);
          return;
        }
      if (!tg_match_hold_seats (match, pid, self->planned, self->n_planned, NULL, NULL))
        {
          /* 이선좌: look at the map again and click the next choice. */
          plan_seats (self);
          schedule (self, MAX (300, self->script.seat_ms / 4));
        }
      break;

    case TG_MATCH_STATE_PAYMENT:
      tg_match_pay (match, pid, NULL, TG_PAYMENT_CARD, NULL);
      break;

    case TG_MATCH_STATE_WAITING:
    case TG_MATCH_STATE_QUEUED:
    case TG_MATCH_STATE_DONE:
    case TG_MATCH_STATE_FAILED:
    default:
      break;
    }
}

static void
on_participant_changed (TgMatch *match,
                        guint    participant,
                        gpointer user_data)
{
  TgAutoplayer *self = user_data;

  if (participant != self->participant)
    return;

  switch (tg_match_get_state (match, participant))
    {
    case TG_MATCH_STATE_OPEN:
      if (self->booked && self->timer == 0)
        schedule (self, self->script.date_ms);
      break;
    case TG_MATCH_STATE_CAPTCHA:
      schedule (self, self->script.captcha_ms);
      break;
    case TG_MATCH_STATE_SEATS:
      plan_seats (self);
      schedule (self, self->script.seat_ms);
      break;
    case TG_MATCH_STATE_PAYMENT:
      if (self->script.payment_ms >= 0)
        schedule (self, self->script.payment_ms);
      else if (self->timer != 0)
        {
          tg_clock_cancel_timer (self->clock, self->timer);
          self->timer = 0;
        }
      break;
    case TG_MATCH_STATE_WAITING:
    case TG_MATCH_STATE_QUEUED:
    case TG_MATCH_STATE_DONE:
    case TG_MATCH_STATE_FAILED:
    default:
      break;
    }
}

static void
click_at_open (gpointer user_data)
{
  TgAutoplayer *self = user_data;

  self->timer = 0;
  if (tg_match_get_state (self->match, self->participant) != TG_MATCH_STATE_OPEN)
    return;
  if (self->booked)
    {
      /* Already in line from the pre-queue: on to the date. */
      schedule (self, self->script.date_ms);
      return;
    }
  self->booked = TRUE;
  if (!tg_match_click_book (self->match, self->participant, NULL))
    self->booked = FALSE;
  else if (self->timer == 0)
    schedule (self, self->script.date_ms);
}

static void
early_click (gpointer user_data)
{
  TgAutoplayer *self = user_data;

  self->early_timer = 0;
  if (tg_match_click_book (self->match, self->participant, NULL))
    {
      /* A pre-queue takes the early click: the player is in line and stops clicking. */
      self->booked = TRUE;
      self->early_left = 0;
      return;
    }
  if (--self->early_left > 0)
    self->early_timer = tg_clock_add_timer (self->clock, tg_clock_now (self->clock) + 100 * TG_USEC_PER_MSEC,
                                            early_click, self, NULL);
}

TgAutoplayer *
tg_autoplayer_new (TgMatch                *match,
                   guint32                 participant,
                   const TgAutoplayScript *script)
{
  TgAutoplayer *self;
  gint64 open_at;

  g_return_val_if_fail (TG_IS_MATCH (match), NULL);
  g_return_val_if_fail (script != NULL, NULL);

  self = g_new0 (TgAutoplayer, 1);
  self->match = g_object_ref (match);
  self->clock = g_object_ref (tg_match_get_clock (match));
  self->participant = participant;
  self->script = *script;
  self->wrong_left = script->captcha_wrong;
  self->changed_id = g_signal_connect (match, "participant-changed",
                                       G_CALLBACK (on_participant_changed), self);

  open_at = tg_match_get_open_time (match);
  self->early_left = MIN (script->early_clicks, 9u);
  if (self->early_left > 0)
    self->early_timer = tg_clock_add_timer (self->clock, open_at - TG_USEC_PER_SEC, early_click, self, NULL);
  self->timer = tg_clock_add_timer (self->clock, open_at + script->reaction_ms * TG_USEC_PER_MSEC,
                                    click_at_open, self, NULL);
  return self;
}

void
tg_autoplayer_free (TgAutoplayer *self)
{
  if (self == NULL)
    return;

  if (self->timer != 0)
    tg_clock_cancel_timer (self->clock, self->timer);
  if (self->early_timer != 0)
    tg_clock_cancel_timer (self->clock, self->early_timer);
  g_signal_handler_disconnect (self->match, self->changed_id);
  g_clear_object (&self->match);
  g_clear_object (&self->clock);
  g_free (self);
}
