/* tg-llm-summary.c: the analysis as JSON — numbers and stable keys only, no prose, so a model
 * can read it whatever the UI language. */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "tg-llm-client.h"

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value) || isinf (value) || value < -1e15)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round (value * 100) / 100);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_stage (JsonBuilder           *builder,
           const TgStageAnalysis *sa)
{
  const TgStageFigures *f = &sa->figures;

  json_builder_begin_object (builder);
  add_string (builder, "stage", tg_stage_to_string (f->stage));
  add_int (builder, "plays_reached", (gint64) f->summary.n);
  add_number (builder, "median_ms", f->summary.median);
  add_number (builder, "mean_ms", f->summary.mean);
  add_number (builder, "stddev_ms", f->summary.stddev);
  add_number (builder, "best_ms", f->summary.min);
  add_number (builder, "coefficient_of_variation", sa->cv);
  add_number (builder, "slope_ms_per_play", f->slope_per_play);
  add_number (builder, "slope_ms_per_week", f->slope_per_week);
  add_string (builder, "trend", tg_trend_to_string (sa->trend));
  add_string (builder, "consistency", tg_consistency_to_string (sa->consistency));
  add_number (builder, "percent_of_bots_slower", f->mean_share_slower >= 0 ? f->mean_share_slower : NAN);
  add_number (builder, "bots_median_ms", f->mean_bot_median);
  add_number (builder, "ms_lost_per_play_vs_median_bot", sa->lost_ms);
  add_int (builder, "failed_plays_where_most_bots_passed_here", sa->bottleneck_count);
  if (sa->rated)
    {
      add_string (builder, "level", tg_skill_level_to_string (sa->level));
      json_builder_set_member_name (builder, "bot_base_ms");
      json_builder_begin_object (builder);
      add_int (builder, "beginner", sa->level_ms[0]);
      add_int (builder, "intermediate", sa->level_ms[1]);
      add_int (builder, "expert", sa->level_ms[2]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

char *
tg_analysis_to_json (const TgAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "plays", analysis->n_plays);
  add_int (builder, "plays_with_seat", analysis->n_success);
  add_string (builder, "usual_difficulty", tg_difficulty_to_string (analysis->usual_difficulty));

  json_builder_set_member_name (builder, "failures");
  json_builder_begin_object (builder);
  for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
    if (analysis->fails[r] > 0)
      add_int (builder, tg_fail_reason_to_string (r), analysis->fails[r]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint s = 0; s < TG_N_STAGES; s++)
    if (analysis->stages[s].figures.summary.n > 0)
      add_stage (builder, &analysis->stages[s]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mistakes_per_play");
  json_builder_begin_object (builder);
  for (TgMistake m = 0; m < TG_N_MISTAKES; m++)
    add_number (builder, tg_mistake_to_string (m), analysis->mistakes_per_play[m]);
  json_builder_end_object (builder);

  add_string (builder, "costliest_stage", analysis->costliest_stage >= 0 ?
              tg_stage_to_string (analysis->costliest_stage) : NULL);
  add_string (builder, "weakest_stage", analysis->weakest_stage >= 0 ?
              tg_stage_to_string (analysis->weakest_stage) : NULL);

  json_builder_set_member_name (builder, "recommended_drills");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->n_drills; i++)
    json_builder_add_string_value (builder, tg_drill_kind_to_string (analysis->drills[i]));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "season_score");
  json_builder_begin_object (builder);
  add_number (builder, "best_play", analysis->season.best_play);
  add_number (builder, "best_week", analysis->season.best_week);
  add_number (builder, "total", analysis->season.total);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
