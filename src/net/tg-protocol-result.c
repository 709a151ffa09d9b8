/* tg-protocol-result.c: TgResult on the wire (docs/protocol.md, "The result object"). */

#include "config.h"

#include "tg-protocol.h"

#define ADD_INT(name, value) G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_int_value (builder, (gint64) (value)); \
  } G_STMT_END
#define ADD_DOUBLE(name, value) G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_double_value (builder, (value)); \
  } G_STMT_END

void
tg_protocol_add_result (JsonBuilder    *builder,
                        const TgResult *r)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  /* A 64-bit seed does not fit a JSON number that every language reads exactly. */
  {
    char seed[32];
    g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, r->seed);
    json_builder_add_string_value (builder, seed);
  }
  json_builder_set_member_name (builder, "difficulty");
  json_builder_add_string_value (builder, tg_difficulty_to_string (r->difficulty));
  ADD_INT ("bots", r->n_bots);
  ADD_INT ("humans", r->n_humans);
  json_builder_set_member_name (builder, "venue");
  json_builder_add_string_value (builder, r->venue_name != NULL ? r->venue_name : "");
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, r->success);
  json_builder_set_member_name (builder, "fail_reason");
  json_builder_add_string_value (builder, tg_fail_reason_to_string (r->fail_reason));

  json_builder_set_member_name (builder, "stage_ms");
  json_builder_begin_object (builder);
  for (TgStage s = 0; s < TG_N_STAGES; s++)
    ADD_INT (tg_stage_to_string (s), r->stage_ms[s]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "stage_percentile");
  json_builder_begin_object (builder);
  for (TgStage s = 0; s < TG_N_STAGES; s++)
    ADD_DOUBLE (tg_stage_to_string (s), r->stage_percentile[s]);
  json_builder_end_object (builder);
  ADD_INT ("total_ms", r->total_ms);

  ADD_INT ("early_clicks", r->early_clicks);
  ADD_INT ("date_misclicks", r->date_misclicks);
  ADD_INT ("captcha_wrong", r->captcha_wrong);
  ADD_INT ("captcha_backspaces", r->captcha_backspaces);
  ADD_INT ("captcha_refreshes", r->captcha_refreshes);
  ADD_INT ("seat_conflicts", r->seat_conflicts);
  ADD_INT ("seat_misses", r->seat_misses);
  ADD_INT ("first_queue_position", r->first_queue_position);
  ADD_INT ("queue_total_at_join", r->queue_total_at_join);
  ADD_DOUBLE ("sold_percent_at_admission", r->sold_percent_at_admission);

  json_builder_set_member_name (builder, "seats");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->n_seats && i < TG_RESULT_MAX_SEATS; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, r->seat_ids[i] != NULL ? r->seat_ids[i] : "");
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, r->seat_grades[i] != NULL ? r->seat_grades[i] : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  ADD_INT ("price_paid", r->price_paid);
  ADD_INT ("rank_humans", r->rank_humans);
  ADD_INT ("rank_all", r->rank_all);
  ADD_INT ("buyers", r->n_buyers);
  json_builder_set_member_name (builder, "grade");
  json_builder_add_string_value (builder, tg_play_grade_to_string (tg_result_compute_grade (r)));
  json_builder_end_object (builder);
}

static double
get_double (JsonObject *object,
            const char *member,
            double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return fallback;
}

static guint
get_uint (JsonObject *object,
          const char *member)
{
  return (guint) CLAMP (tg_json_get_int (object, member, 0), 0, G_MAXUINT);
}

TgResult *
tg_protocol_parse_result (JsonObject *o)
{
  g_autoptr(TgResult) r = tg_result_new ();
  JsonObject *stage_ms = tg_json_get_object (o, "stage_ms");
  JsonObject *stage_pct = tg_json_get_object (o, "stage_percentile");
  JsonArray *seats = tg_json_get_array (o, "seats");
  const char *seed = tg_json_get_string (o, "seed");
  TgDifficulty difficulty = TG_DIFFICULTY_MEDIUM;
  TgFailReason reason = TG_FAIL_NONE;

  if (o == NULL)
    return NULL;
  r->seed = seed != NULL ? g_ascii_strtoull (seed, NULL, 10) : 0;
  if (tg_difficulty_from_string (tg_json_get_string (o, "difficulty"), &difficulty))
    r->difficulty = difficulty;
  r->n_bots = get_uint (o, "bots");
  r->n_humans = get_uint (o, "humans");
  r->venue_name = g_strdup (tg_json_get_string (o, "venue"));
  r->success = tg_json_get_int (o, "success", FALSE) != 0;
  if (tg_protocol_fail_reason_from_string (tg_json_get_string (o, "fail_reason"), &reason))
    r->fail_reason = reason;
  for (TgStage s = 0; s < TG_N_STAGES; s++)
    {
      r->stage_ms[s] = tg_json_get_int (stage_ms, tg_stage_to_string (s), -1);
      r->stage_percentile[s] = get_double (stage_pct, tg_stage_to_string (s), -1);
    }
  r->total_ms = tg_json_get_int (o, "total_ms", -1);
  r->early_clicks = get_uint (o, "early_clicks");
  r->date_misclicks = get_uint (o, "date_misclicks");
  r->captcha_wrong = get_uint (o, "captcha_wrong");
  r->captcha_backspaces = get_uint (o, "captcha_backspaces");
  r->captcha_refreshes = get_uint (o, "captcha_refreshes");
  r->seat_conflicts = get_uint (o, "seat_conflicts");
  r->seat_misses = get_uint (o, "seat_misses");
  r->first_queue_position = get_uint (o, "first_queue_position");
  r->queue_total_at_join = get_uint (o, "queue_total_at_join");
  r->sold_percent_at_admission = get_double (o, "sold_percent_at_admission", 0);
  if (seats != NULL)
    for (guint i = 0; i < json_array_get_length (seats) && r->n_seats < TG_RESULT_MAX_SEATS; i++)
      {
        JsonNode *node = json_array_get_element (seats, i);
        JsonObject *seat = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

        r->seat_ids[r->n_seats] = g_strdup (tg_json_get_string (seat, "id"));
        r->seat_grades[r->n_seats] = g_strdup (tg_json_get_string (seat, "grade"));
        r->n_seats++;
      }
  r->price_paid = get_uint (o, "price_paid");
  r->rank_humans = get_uint (o, "rank_humans");
  r->rank_all = get_uint (o, "rank_all");
  r->n_buyers = get_uint (o, "buyers");
  return g_steal_pointer (&r);
}
