/* tg-analyst-text.c: the analysis report in words, in the UI language. */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-analyst.h"
#include "tg-bots.h"

void
tg_analysis_section_free (TgAnalysisSection *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->body);
  g_free (self);
}

/* "312 ms" under a second, "7.4 s" from there. */
static char *
format_ms (double ms)
{
  if (fabs (ms) < 1000)
    /* Translators: a duration in milliseconds. */
    return g_strdup_printf (_("%.0f ms"), ms);
  /* Translators: a duration in seconds, one decimal. */
  return g_strdup_printf (_("%.1f s"), ms / 1000);
}

/* "−120 ms" / "+1.2 s": the sign always shown, with a real minus sign. */
static char *
format_signed_ms (double ms)
{
  g_autofree char *magnitude = format_ms (fabs (ms));

  return g_strconcat (ms < 0 ? "−" : "+", magnitude, NULL);
}

/* The stages a player's own hands decide (the queue follows from the reaction). */
static gboolean
stage_is_trainable (TgStage stage)
{
  return stage == TG_STAGE_REACTION || stage == TG_STAGE_DATE || stage == TG_STAGE_CAPTCHA ||
         stage == TG_STAGE_SEAT;
}

static const char *
difficulty_label (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY: return C_("difficulty", "easy");
    case TG_DIFFICULTY_HARD: return C_("difficulty", "hard");
    case TG_DIFFICULTY_MEDIUM:
    default:                 return C_("difficulty", "medium");
    }
}

static void
add_section (GPtrArray  *sections,
             const char *title,
             GString    *body)
{
  TgAnalysisSection *section = g_new0 (TgAnalysisSection, 1);

  /* No trailing line break. */
  while (body->len > 0 && body->str[body->len - 1] == '\n')
    g_string_truncate (body, body->len - 1);
  section->title = g_strdup (title);
  section->body = g_string_free (body, FALSE);
  g_ptr_array_add (sections, section);
}

static GString *
summary_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);
  gboolean first = TRUE;

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u full match analysed: %u with a seat (%.0f%%).",
                                       "%u full matches analysed: %u with a seat (%.0f%%).",
                                       self->n_plays),
                          self->n_plays, self->n_success, 100.0 * self->n_success / self->n_plays);
  g_string_append_c (text, '\n');
  for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
    {
      if (self->fails[r] == 0)
        continue;
      g_string_append (text, first ? _("Without a seat:") : ",");
      /* Translators: a reason and how many matches ended so: "Sold out ×3". */
      g_string_append_printf (text, _(" %s ×%u"), tg_fail_reason_get_label (r), self->fails[r]);
      first = FALSE;
    }
  if (!first)
    g_string_append (text, ".\n");
  g_string_append_printf (text, _("Season score: best match %.1f, best week %.1f, total %.1f."),
                          self->season.best_play, self->season.best_week, self->season.total);
  return text;
}

static void
append_level_line (GString               *text,
                   const TgStageAnalysis *sa)
{
  const char *label = tg_stage_get_label (sa->figures.stage);
  g_autofree char *median = format_ms (sa->figures.summary.median);
  g_autofree char *beginner = format_ms ((double) sa->level_ms[TG_BOT_BEGINNER]);
  g_autofree char *intermediate = format_ms ((double) sa->level_ms[TG_BOT_INTERMEDIATE]);
  g_autofree char *expert = format_ms ((double) sa->level_ms[TG_BOT_EXPERT]);

  if (!sa->rated)
    /* Translators: %s: stage name, then a duration. */
    g_string_append_printf (text, _("%s: median %s."), label, median);
  else
    switch (sa->level)
      {
      case TG_LEVEL_EXPERT:
        g_string_append_printf (text, _("%s: median %s — as fast as expert bots (%s)."),
                                label, median, expert);
        break;
      case TG_LEVEL_INTERMEDIATE:
        g_string_append_printf (text, _("%s: median %s — faster than intermediate bots (%s), "
                                        "not yet expert (%s)."),
                                label, median, intermediate, expert);
        break;
      case TG_LEVEL_BEGINNER:
        g_string_append_printf (text, _("%s: median %s — beginner level: slower than "
                                        "intermediate bots (%s), faster than beginners (%s)."),
                                label, median, intermediate, beginner);
        break;
      case TG_LEVEL_BELOW_BEGINNER:
      default:
        g_string_append_printf (text, _("%s: median %s — slower than even beginner bots (%s)."),
                                label, median, beginner);
        break;
      }
  if (sa->figures.mean_share_slower >= 0)
    g_string_append_printf (text, _(" On average %.0f%% of the bots in your matches were slower."),
                            sa->figures.mean_share_slower);
  g_string_append_c (text, '\n');
}

static GString *
levels_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GString) strengths = g_string_new (NULL);

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgStageAnalysis *sa = &self->stages[s];

      if (sa->figures.summary.n == 0)
        continue;
      append_level_line (text, sa);
      if (sa->rated && sa->level == TG_LEVEL_EXPERT)
        {
          if (strengths->len > 0)
            g_string_append (strengths, _(", "));
          g_string_append (strengths, tg_stage_get_label (s));
        }
    }
  if (strengths->len > 0)
    g_string_append_printf (text, _("Strengths: %s."), strengths->str);
  else
    g_string_append (text, _("No stage is at expert level yet."));
  g_string_append_c (text, '\n');
  if (self->weakest_stage >= 0 && self->stages[self->weakest_stage].level != TG_LEVEL_EXPERT)
    g_string_append_printf (text, _("Weakest stage: %s."), tg_stage_get_label (self->weakest_stage));
  return text;
}

static GString *
trend_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgStageAnalysis *sa = &self->stages[s];
      const char *label = tg_stage_get_label (s);
      g_autofree char *per_play = NULL;

      if (sa->trend == TG_TREND_UNKNOWN)
        continue;
      per_play = format_signed_ms (sa->figures.slope_per_play);
      switch (sa->trend)
        {
        case TG_TREND_FASTER:
          g_string_append_printf (text, _("%s is getting faster: %s per match."), label, per_play);
          break;
        case TG_TREND_SLOWER:
          g_string_append_printf (text, _("%s is getting slower: %s per match."), label, per_play);
          break;
        case TG_TREND_STEADY:
        case TG_TREND_UNKNOWN:
        default:
          g_string_append_printf (text, _("%s is about the same (%s per match)."), label, per_play);
          break;
        }
      if (!isnan (sa->figures.slope_per_week))
        {
          g_autofree char *per_week = format_signed_ms (sa->figures.slope_per_week);
          g_string_append_printf (text, _(" Over calendar time: %s per week."), per_week);
        }
      g_string_append_c (text, '\n');
    }
  if (text->len == 0)
    g_string_append_printf (text, _("A trend needs at least %u matches that reached a stage."),
                            TG_ANALYST_MIN_TREND);
  return text;
}

static GString *
consistency_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);
  int most_erratic = -1;

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgStageAnalysis *sa = &self->stages[s];
      g_autofree char *spread = NULL;
      const char *verdict;

      if (sa->consistency == TG_CONSISTENCY_UNKNOWN)
        continue;
      spread = format_ms (sa->figures.summary.stddev);
      verdict = sa->consistency == TG_CONSISTENCY_STEADY ? _("consistent") :
                sa->consistency == TG_CONSISTENCY_FAIR ? _("fairly consistent") : _("erratic");
      /* Translators: stage, ± a duration, its share of the average, then "consistent" or such. */
      g_string_append_printf (text, _("%s: ±%s (%.0f%% of your average) — %s."),
                              tg_stage_get_label (s), spread, 100 * sa->cv, verdict);
      g_string_append_c (text, '\n');
      if (sa->consistency == TG_CONSISTENCY_ERRATIC && stage_is_trainable (s) &&
          (most_erratic < 0 || sa->cv > self->stages[most_erratic].cv))
        most_erratic = s;
    }
  if (most_erratic >= 0)
    g_string_append_printf (text, _("%s varies the most from match to match: a steady routine "
                                    "there is worth more than a rare fast run."),
                            tg_stage_get_label (most_erratic));
  return text;
}

static GString *
mistakes_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);

  for (TgMistake m = 0; m < TG_N_MISTAKES; m++)
    {
      double per_play = self->mistakes_per_play[m];

      if (!self->mistake_flagged[m])
        continue;
      switch (m)
        {
        case TG_MISTAKE_EARLY_CLICKS:
          g_string_append_printf (text, _("Early clicks: %.1f per match. A click on 예매하기 before "
                                          "it opens does nothing: wait until it turns active, "
                                          "then click once."), per_play);
          break;
        case TG_MISTAKE_DATE_MISCLICKS:
          g_string_append_printf (text, _("Date misclicks: %.1f per match. Find the date on sale "
                                          "before moving the pointer."), per_play);
          break;
        case TG_MISTAKE_CAPTCHA_WRONG:
          g_string_append_printf (text, _("Wrong security codes: %.1f per match. Each one costs a "
                                          "whole new code: read all six characters before "
                                          "typing."), per_play);
          break;
        case TG_MISTAKE_CAPTCHA_BACKSPACES:
          g_string_append_printf (text, _("Backspaces in the security code: %.1f per match. Type "
                                          "steadily; corrections cost more than they save."),
                                  per_play);
          break;
        case TG_MISTAKE_SEAT_CONFLICTS:
          g_string_append_printf (text, _("이선좌 (seat already taken): %.1f per match. Everyone "
                                          "aims at the best block: pick seats a few rows back or "
                                          "to the side."), per_play);
          break;
        case TG_MISTAKE_SEAT_MISSES:
          g_string_append_printf (text, _("Clicks beside a seat: %.1f per match. Zoom in on the "
                                          "map before clicking."), per_play);
          break;
        case TG_N_MISTAKES:
        default:
          break;
        }
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "(In %u of %u matches.)", "(In %u of %u matches.)",
                                                 self->n_plays),
                              self->plays_with_mistake[m], self->n_plays);
      g_string_append_c (text, '\n');
    }
  if (text->len == 0)
    g_string_append (text, _("No mistake pattern stands out."));
  return text;
}

static GString *
costs_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);
  guint n_failed = self->n_plays - self->n_success;
  int bottleneck = -1;

  if (n_failed == 0)
    g_string_append (text, _("You got a seat in every match."));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u matches ended without a seat.",
                                               "%u of %u matches ended without a seat.",
                                               self->n_plays),
                            n_failed, self->n_plays);
  g_string_append_c (text, '\n');

  if (self->costliest_stage >= 0)
    {
      const TgStageAnalysis *sa = &self->stages[self->costliest_stage];
      g_autofree char *lost = format_ms (sa->lost_ms);

      g_string_append_printf (text, _("Against the median bot of each match you lost the most "
                                      "time at %s: %s per match."),
                              tg_stage_get_label (self->costliest_stage), lost);
      g_string_append_c (text, '\n');
    }

  for (guint s = 0; s < TG_N_STAGES; s++)
    if (self->stages[s].bottleneck_count > 0 &&
        (bottleneck < 0 || self->stages[s].bottleneck_count > self->stages[bottleneck].bottleneck_count))
      bottleneck = s;
  if (bottleneck >= 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "In the matches without a seat, most bots got ahead "
                                                 "of you at %s (%u time).",
                                                 "In the matches without a seat, most bots got ahead "
                                                 "of you at %s (%u times).",
                                                 self->stages[bottleneck].bottleneck_count),
                              tg_stage_get_label (bottleneck),
                              self->stages[bottleneck].bottleneck_count);
      g_string_append_c (text, '\n');
    }
  if (self->mistake_flagged[TG_MISTAKE_SEAT_CONFLICTS])
    g_string_append (text, _("Each 이선좌 also sends you back to the map while others hold "
                             "seats."));
  return text;
}

/* The next level's base delay: what to aim for. */
static double
target_ms (const TgStageAnalysis *sa)
{
  switch (sa->level)
    {
    case TG_LEVEL_BELOW_BEGINNER: return (double) sa->level_ms[TG_BOT_BEGINNER];
    case TG_LEVEL_BEGINNER:       return (double) sa->level_ms[TG_BOT_INTERMEDIATE];
    case TG_LEVEL_INTERMEDIATE:
    case TG_LEVEL_EXPERT:
    default:                      return (double) sa->level_ms[TG_BOT_EXPERT];
    }
}

static void
append_drill_history (GString              *text,
                      const TgDrillFigures *f)
{
  g_autofree char *median = NULL;

  if (f->n == 0)
    return;
  g_string_append_c (text, ' ');
  if (f->time.n == 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "So far: %u try, none completed.",
                                                 "So far: %u tries, none completed.", f->n), f->n);
      return;
    }
  median = format_ms (f->time.median);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "So far: %u try, %u completed, median %s.",
                                             "So far: %u tries, %u completed, median %s.", f->n),
                          f->n, f->n_success, median);
}

static GString *
drills_text (const TgAnalysis *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->n_drills; i++)
    {
      TgDrillKind kind = self->drills[i];
      g_autofree char *target = NULL;

      switch (kind)
        {
        case TG_DRILL_CLICK:
          target = format_ms (target_ms (&self->stages[TG_STAGE_REACTION]));
          g_string_append_printf (text, _("Open-time click drill, 20 tries: aim for a reaction "
                                          "under %s with no early click."), target);
          break;
        case TG_DRILL_CAPTCHA:
          target = format_ms (target_ms (&self->stages[TG_STAGE_CAPTCHA]));
          g_string_append_printf (text, _("Security code drill, 10 codes: aim for under %s each "
                                          "with no wrong code; try the audio code too."), target);
          break;
        case TG_DRILL_SEAT:
        case TG_N_DRILL_KINDS:
        default:
          target = format_ms (target_ms (&self->stages[TG_STAGE_SEAT]));
          g_string_append_printf (text, _("Seat picking drill at %s difficulty, 10 maps: aim for "
                                          "a seat in under %s without 이선좌."),
                                  difficulty_label (self->usual_difficulty), target);
          break;
        }
      append_drill_history (text, &self->drill_figures[kind]);
      g_string_append_c (text, '\n');
    }
  if (self->n_drills == 0)
    g_string_append (text, _("Every stage you control is at expert level: play full matches at "
                             "hard difficulty with a bigger crowd to keep the edge."));
  return text;
}

GPtrArray *
tg_analysis_get_sections (const TgAnalysis *self)
{
  GPtrArray *sections;

  g_return_val_if_fail (self != NULL, NULL);

  sections = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_analysis_section_free);
  add_section (sections, _("Summary"), summary_text (self));
  add_section (sections, _("Strengths and weaknesses"), levels_text (self));
  add_section (sections, _("Trend"), trend_text (self));
  add_section (sections, _("Consistency"), consistency_text (self));
  add_section (sections, _("Mistake patterns"), mistakes_text (self));
  add_section (sections, _("What cost you seats"), costs_text (self));
  add_section (sections, _("Drills to do next"), drills_text (self));
  return sections;
}

char *
tg_analysis_to_text (const TgAnalysis *self)
{
  g_autoptr(GPtrArray) sections = NULL;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  sections = tg_analysis_get_sections (self);
  text = g_string_new (NULL);
  for (guint i = 0; i < sections->len; i++)
    {
      const TgAnalysisSection *section = g_ptr_array_index (sections, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s\n%s\n", section->title, section->body);
    }
  return g_string_free (text, FALSE);
}
