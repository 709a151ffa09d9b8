/* tg-sim.c: runs a match on a manual clock and reports it.
 *
 * The report is a pure function of the options: no wall-clock time, no addresses, and numbers
 * formatted by json-glib, so the same seed gives byte-identical output.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tg-bots.h"
#include "tg-sim.h"

/* Simulated time after the open at which a match that has not ended is called a bug (the longest
 * rules: a 1-hour countdown, a 1-hour hold, bots that give up after 20 tries). */
#define SIM_LIMIT_USEC (6 * 3600 * TG_USEC_PER_SEC)

static void
add_stage_stats (JsonBuilder        *builder,
                 const TgStageStats *stats)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, stats->n);
  json_builder_set_member_name (builder, "mean_ms");
  json_builder_add_int_value (builder, (gint64) (stats->mean + 0.5));
  json_builder_set_member_name (builder, "stddev_ms");
  json_builder_add_int_value (builder, (gint64) (stats->stddev + 0.5));
  json_builder_set_member_name (builder, "min_ms");
  json_builder_add_int_value (builder, stats->min);
  json_builder_set_member_name (builder, "p10_ms");
  json_builder_add_int_value (builder, stats->p10);
  json_builder_set_member_name (builder, "p50_ms");
  json_builder_add_int_value (builder, stats->p50);
  json_builder_set_member_name (builder, "p90_ms");
  json_builder_add_int_value (builder, stats->p90);
  json_builder_set_member_name (builder, "max_ms");
  json_builder_add_int_value (builder, stats->max);
  json_builder_end_object (builder);
}

static void
add_result (JsonBuilder    *builder,
            const TgResult *result)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, result->success);
  json_builder_set_member_name (builder, "fail_reason");
  json_builder_add_string_value (builder, tg_fail_reason_to_string (result->fail_reason));
  json_builder_set_member_name (builder, "grade");
  json_builder_add_string_value (builder, tg_play_grade_to_string (tg_result_compute_grade (result)));

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_object (builder);
  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      json_builder_set_member_name (builder, tg_stage_to_string (s));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ms");
      if (result->stage_ms[s] >= 0)
        json_builder_add_int_value (builder, result->stage_ms[s]);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "faster_than_bots_percent");
      if (result->stage_percentile[s] >= 0)
        json_builder_add_int_value (builder, (gint64) (result->stage_percentile[s] + 0.5));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mistakes");
  json_builder_begin_object (builder);
#define COUNT(name, field) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, result->field);
  COUNT ("early_clicks", early_clicks);
  COUNT ("misclicks", date_misclicks);
  COUNT ("captcha_wrong", captcha_wrong);
  COUNT ("captcha_backspaces", captcha_backspaces);
  COUNT ("seat_conflicts", seat_conflicts);
  COUNT ("seat_misses", seat_misses);
  json_builder_end_object (builder);
  COUNT ("first_queue_position", first_queue_position);
  COUNT ("queue_total_at_join", queue_total_at_join);
  COUNT ("rank_humans", rank_humans);
  COUNT ("rank_all", rank_all);
  COUNT ("price_paid", price_paid);
#undef COUNT

  json_builder_set_member_name (builder, "seats");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->n_seats; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, result->seat_ids[i]);
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, result->seat_grades[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static JsonNode *
build_report (TgMatch        *match,
              const TgResult *human)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const TgMatchSettings *settings = tg_match_get_settings (match);
  TgVenue *venue = tg_match_get_venue (match);
  guint n_grades = tg_venue_get_n_grades (venue);
  g_autofree guint *total = g_new0 (guint, n_grades);
  g_autofree guint *sold = g_new0 (guint, n_grades);
  guint skills[TG_N_BOT_SKILLS];
  gint64 sell_out = tg_match_get_sell_out_time (match);
  guint n_sold = 0;

  tg_venue_count_by_grade (venue, total);
  tg_match_count_sold_by_grade (match, sold);
  tg_match_count_bots_by_skill (match, skills);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) settings->seed);
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_string_value (builder, tg_difficulty_to_string (settings->difficulty));
  json_builder_set_member_name (builder, "bots");
  json_builder_add_int_value (builder, settings->n_bots);
  json_builder_set_member_name (builder, "admission_rate_per_s");
  json_builder_add_int_value (builder, (gint64) tg_match_get_admission_rate (match));

  json_builder_set_member_name (builder, "venue");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, tg_venue_get_name (venue));
  json_builder_set_member_name (builder, "seats");
  json_builder_add_int_value (builder, tg_venue_get_n_seats (venue));
  json_builder_set_member_name (builder, "sections");
  json_builder_add_int_value (builder, tg_venue_get_n_sections (venue));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sold_out");
  json_builder_add_boolean_value (builder, tg_match_is_sold_out (match));
  json_builder_set_member_name (builder, "sell_out_ms");
  if (sell_out >= 0)
    json_builder_add_int_value (builder, sell_out / TG_USEC_PER_MSEC);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "ended_ms");
  json_builder_add_int_value (builder,
                              (tg_clock_now (tg_match_get_clock (match)) - tg_match_get_open_time (match))
                              / TG_USEC_PER_MSEC);

  json_builder_set_member_name (builder, "seats_sold_by_grade");
  json_builder_begin_array (builder);
  for (guint g = 0; g < n_grades; g++)
    {
      const TgGrade *grade = tg_venue_get_grade (venue, g);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, grade->id);
      json_builder_set_member_name (builder, "price");
      json_builder_add_int_value (builder, grade->price);
      json_builder_set_member_name (builder, "seats");
      json_builder_add_int_value (builder, total[g]);
      json_builder_set_member_name (builder, "sold");
      json_builder_add_int_value (builder, sold[g]);
      json_builder_end_object (builder);
      n_sold += sold[g];
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "seats_sold");
  json_builder_add_int_value (builder, n_sold);

  json_builder_set_member_name (builder, "bot_results");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "skills");
  json_builder_begin_object (builder);
  for (guint k = 0; k < TG_N_BOT_SKILLS; k++)
    {
      json_builder_set_member_name (builder, tg_bot_skill_to_string (k));
      json_builder_add_int_value (builder, skills[k]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "booked");
  json_builder_add_int_value (builder, tg_match_get_n_bots_done (match));
  json_builder_set_member_name (builder, "cancelled");
  json_builder_add_int_value (builder, tg_match_get_n_bots_cancelled (match));
  json_builder_set_member_name (builder, "failed");
  json_builder_begin_object (builder);
  for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
    {
      json_builder_set_member_name (builder, tg_fail_reason_to_string (r));
      json_builder_add_int_value (builder, tg_match_get_n_bots_failed (match, r));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_object (builder);
  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      TgStageStats stats;

      tg_match_get_bot_stage_stats (match, s, &stats);
      json_builder_set_member_name (builder, tg_stage_to_string (s));
      add_stage_stats (builder, &stats);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "human");
  if (human != NULL)
    add_result (builder, human);
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
format_text (TgMatch        *match,
             const TgResult *human)
{
  GString *out = g_string_new (NULL);
  const TgMatchSettings *settings = tg_match_get_settings (match);
  gint64 sell_out = tg_match_get_sell_out_time (match);
  guint n_failed = 0;
  TgVenue *venue = tg_match_get_venue (match);

  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, settings->seed);

  g_string_append_printf (out, _("Match: %s, %u bots, %s (%u seats), seed %s"),
                          tg_difficulty_to_string (settings->difficulty), settings->n_bots,
                          tg_venue_get_name (venue), tg_venue_get_n_seats (venue), seed);
  g_string_append_c (out, '\n');
  if (sell_out >= 0)
    g_string_append_printf (out, _("Sold out %.1f s after open"), sell_out / 1e6);
  else
    g_string_append (out, _("Not sold out"));
  g_string_append_c (out, '\n');
  for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
    n_failed += tg_match_get_n_bots_failed (match, r);
  /* Translators: bots that bought seats, that held seats and cancelled them (취소표), that failed. */
  g_string_append_printf (out, _("Bots: %u booked, %u cancelled, %u failed"), tg_match_get_n_bots_done (match),
                          tg_match_get_n_bots_cancelled (match), n_failed);
  g_string_append_c (out, '\n');

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      TgStageStats stats;

      tg_match_get_bot_stage_stats (match, s, &stats);
      if (stats.n > 0)
        {
          /* Translators: a bot stage summary: stage, median ms, 90th percentile ms, bots. */
          g_string_append_printf (out, _("  %-16s median %6d ms, p90 %6d ms (%u bots)"),
                                  tg_stage_get_label (s), (int) stats.p50, (int) stats.p90, stats.n);
          g_string_append_c (out, '\n');
        }
    }

  if (human != NULL)
    {
      g_autofree char *text = tg_result_to_text (human);
      g_string_append_c (out, '\n');
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
tg_sim_run (const TgSimOptions *options,
            GError            **error)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(TgAutoplayer) player = NULL;
  g_autoptr(TgResult) result = NULL;
  guint32 human = 0;

  /* A player who always answers after the code expired would get new codes for ever. */
  if (options->with_human && options->human.captcha_ms * TG_USEC_PER_MSEC >= options->match.captcha_ttl)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The player’s captcha time (%d ms) must be shorter than the security code’s time limit (%d s)"),
                   (int) options->human.captcha_ms, (int) (options->match.captcha_ttl / TG_USEC_PER_SEC));
      return NULL;
    }

  match = tg_match_new (&options->match, clock, error);
  if (match == NULL)
    return NULL;

  if (options->with_human)
    {
      human = tg_match_add_human (match, "player");
      player = tg_autoplayer_new (match, human, &options->human);
    }

  while (!tg_match_is_finished (match))
    {
      if (!tg_manual_clock_step (TG_MANUAL_CLOCK (clock)))
        break;
      /* Every rule ends a match long before this; a match that does not is a bug, not a hang. */
      if (tg_clock_now (clock) - tg_match_get_open_time (match) > SIM_LIMIT_USEC)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("The match had not ended %d hours after the open; stopped"),
                       (int) (SIM_LIMIT_USEC / (3600 * TG_USEC_PER_SEC)));
          return NULL;
        }
    }

  if (options->with_human)
    result = tg_match_get_result (match, human);

  if (options->json)
    {
      g_autoptr(JsonNode) root = build_report (match, result);
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      return json_generator_to_data (generator, NULL);
    }
  return format_text (match, result);
}
