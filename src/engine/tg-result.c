/* tg-result.c: a participant's outcome, and its names and grade. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-result.h"

G_DEFINE_BOXED_TYPE (TgResult, tg_result, tg_result_copy, tg_result_free)

TgResult *
tg_result_new (void)
{
  TgResult *self = g_new0 (TgResult, 1);

  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      self->stage_ms[i] = -1;
      self->stage_percentile[i] = -1;
    }
  self->total_ms = -1;
  self->sold_percent_at_admission = -1;

  return self;
}

TgResult *
tg_result_copy (const TgResult *self)
{
  TgResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->venue_name = g_strdup (self->venue_name);
  for (guint i = 0; i < TG_RESULT_MAX_SEATS; i++)
    {
      copy->seat_ids[i] = g_strdup (self->seat_ids[i]);
      copy->seat_grades[i] = g_strdup (self->seat_grades[i]);
    }
  return copy;
}

void
tg_result_free (TgResult *self)
{
  if (self == NULL)
    return;

  g_free (self->venue_name);
  for (guint i = 0; i < TG_RESULT_MAX_SEATS; i++)
    {
      g_free (self->seat_ids[i]);
      g_free (self->seat_grades[i]);
    }
  g_free (self);
}

/* S: booked among the first tenth of everyone taking part (or first of all); A: first 30 %;
 * B: any seat; F: none. */
TgPlayGrade
tg_result_compute_grade (const TgResult *self)
{
  double share;
  guint participants;

  g_return_val_if_fail (self != NULL, TG_GRADE_F);

  if (!self->success || self->rank_all == 0)
    return TG_GRADE_F;
  if (self->rank_all == 1)
    return TG_GRADE_S;

  participants = MAX (1u, self->n_bots + self->n_humans);
  share = (double) self->rank_all / (double) participants;
  if (share <= 0.10)
    return TG_GRADE_S;
  if (share <= 0.30)
    return TG_GRADE_A;
  return TG_GRADE_B;
}

void
tg_bot_stage_summary_fill (TgBotStageSummary *summary,
                           const gint64      *sorted_ms,
                           guint              n)
{
  double sum = 0, sq = 0;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (n == 0 || sorted_ms != NULL);

  memset (summary, 0, sizeof *summary);
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    sum += (double) sorted_ms[i];
  summary->n = n;
  summary->mean_ms = sum / n;
  for (guint i = 0; i < n; i++)
    {
      double d = (double) sorted_ms[i] - summary->mean_ms;
      sq += d * d;
    }
  summary->stddev_ms = sqrt (sq / n);

  /* Hyndman–Fan type 7: h = (n − 1)·p, between the order statistics around h. */
  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    {
      double h = (double) (n - 1) * q / (TG_BOT_N_QUANTILES - 1);
      guint lo = (guint) floor (h);
      guint hi = MIN (lo + 1, n - 1);
      double v = sorted_ms[lo] + (h - lo) * (double) (sorted_ms[hi] - sorted_ms[lo]);

      summary->q_ms[q] = (gint64) llround (v);
    }
}

const char *
tg_play_grade_to_string (TgPlayGrade grade)
{
  switch (grade)
    {
    case TG_GRADE_S: return "S";
    case TG_GRADE_A: return "A";
    case TG_GRADE_B: return "B";
    case TG_GRADE_F:
    default:         return "F";
    }
}

static const char * const stage_keys[TG_N_STAGES] = {
  "reaction", "date", "queue", "captcha", "seat", "payment",
};

static const char * const stage_labels[TG_N_STAGES] = {
  N_("Reaction"), N_("Date and time"), N_("Queue"), N_("Security code"), N_("Seat selection"),
  N_("Payment"),
};

const char *
tg_stage_to_string (TgStage stage)
{
  g_return_val_if_fail (stage < TG_N_STAGES, NULL);
  return stage_keys[stage];
}

const char *
tg_stage_get_label (TgStage stage)
{
  g_return_val_if_fail (stage < TG_N_STAGES, NULL);
  return _(stage_labels[stage]);
}

const char *
tg_fail_reason_to_string (TgFailReason reason)
{
  switch (reason)
    {
    case TG_FAIL_NONE:         return "none";
    case TG_FAIL_SOLD_OUT:     return "sold-out";
    case TG_FAIL_HOLD_EXPIRED: return "hold-expired";
    case TG_FAIL_GAVE_UP:      return "gave-up";
    case TG_FAIL_LEFT:         return "left";
    case TG_FAIL_PAYMENT:      return "payment-failed";
    default:                   return "unknown";
    }
}

const char *
tg_fail_reason_get_label (TgFailReason reason)
{
  switch (reason)
    {
    case TG_FAIL_NONE:         return _("Booked");
    case TG_FAIL_SOLD_OUT:     return _("Sold out");
    case TG_FAIL_HOLD_EXPIRED: return _("The seat hold expired");
    case TG_FAIL_GAVE_UP:      return _("Gave up");
    case TG_FAIL_LEFT:         return _("Left the match");
    case TG_FAIL_PAYMENT:      return _("Payment was not completed");
    default:                   return _("Unknown");
    }
}

const char *
tg_difficulty_to_string (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY:   return "easy";
    case TG_DIFFICULTY_MEDIUM: return "medium";
    case TG_DIFFICULTY_HARD:   return "hard";
    default:                   return "medium";
    }
}

gboolean
tg_difficulty_from_string (const char   *str,
                           TgDifficulty *out)
{
  static const char * const names[] = { "easy", "medium", "hard" };

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i]) == 0)
      {
        if (out != NULL)
          *out = (TgDifficulty) i;
        return TRUE;
      }
  return FALSE;
}

char *
tg_result_to_text (const TgResult *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  /* Translators: first line of the result a player copies; %s is S, A, B or F. */
  g_string_append_printf (text, _("TickGet result: grade %s"),
                          tg_play_grade_to_string (tg_result_compute_grade (self)));
  g_string_append_c (text, '\n');

  if (self->success)
    {
      g_string_append (text, _("Seats:"));
      for (guint i = 0; i < self->n_seats; i++)
        g_string_append_printf (text, " %s", self->seat_ids[i] != NULL ? self->seat_ids[i] : "?");
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Rank: %u among players, %u of %u overall"),
                              self->rank_humans, self->rank_all, self->n_buyers);
    }
  else
    g_string_append (text, tg_fail_reason_get_label (self->fail_reason));
  g_string_append_c (text, '\n');

  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      if (self->stage_ms[i] < 0)
        continue;
      g_string_append_printf (text, "%s: %" G_GINT64_FORMAT " ms", tg_stage_get_label (i),
                              self->stage_ms[i]);
      if (self->stage_percentile[i] >= 0)
        /* Translators: how a stage time compares with the bots: "faster than 87% of bots". */
        g_string_append_printf (text, _(" (faster than %.0f%% of bots)"), self->stage_percentile[i]);
      g_string_append_c (text, '\n');
    }

  g_string_append_printf (text,
                          _("Mistakes: %u early clicks, %u misclicks, %u wrong codes, %u taken-seat clicks"),
                          self->early_clicks, self->date_misclicks, self->captcha_wrong,
                          self->seat_conflicts);
  g_string_append_printf (text, "\n%s %s, %s, seed %" G_GUINT64_FORMAT,
                          _("Match:"), tg_difficulty_to_string (self->difficulty),
                          self->venue_name != NULL ? self->venue_name : "", self->seed);
  return g_string_free (text, FALSE);
}
