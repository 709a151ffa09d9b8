/* tg-server-leaderboard.c: GET /leaderboard — every player's standing across the matches stored
 * in server.db, by nickname (a LAN server has no accounts).
 *
 * Ordered by season points (the sum of the season score of each play, docs/stats.md), then by
 * bookings and best rank. The whole table is read per request: a LAN server holds thousands of
 * results, not millions, and the answer is always current.
 */

#include "config.h"

#include <string.h>

#include "tg-season.h"
#include "tg-server-private.h"

#define MAX_ROWS 100

typedef struct
{
  char   *nickname;
  guint   matches;
  guint   bookings;
  guint   best_rank;       /* among all buyers; 0: never booked */
  gint64  best_total_ms;   /* fastest booking; -1: never booked */
  double  season_points;
} Standing;

static void
standing_free (Standing *standing)
{
  g_free (standing->nickname);
  g_free (standing);
}

static void
add_result (const char *nickname,
            const char *result_json,
            gpointer    user_data)
{
  GHashTable *standings = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TgResult) result = NULL;
  Standing *standing;
  JsonNode *root;

  if (nickname == NULL || result_json == NULL ||
      !json_parser_load_from_data (parser, result_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (result = tg_protocol_parse_result (json_node_get_object (root))) == NULL)
    return;   /* written by this server; a damaged row is skipped, not fatal */

  standing = g_hash_table_lookup (standings, nickname);
  if (standing == NULL)
    {
      standing = g_new0 (Standing, 1);
      standing->nickname = g_strdup (nickname);
      standing->best_total_ms = -1;
      g_hash_table_insert (standings, standing->nickname, standing);
    }
  standing->matches++;
  standing->season_points += tg_season_score (result);
  if (result->success)
    {
      standing->bookings++;
      if (standing->best_rank == 0 || (result->rank_all > 0 && result->rank_all < standing->best_rank))
        standing->best_rank = result->rank_all;
      if (result->total_ms >= 0 && (standing->best_total_ms < 0 || result->total_ms < standing->best_total_ms))
        standing->best_total_ms = result->total_ms;
    }
}

static int
compare_standings (gconstpointer a,
                   gconstpointer b)
{
  const Standing *x = *(Standing * const *) a, *y = *(Standing * const *) b;

  if (x->season_points != y->season_points)
    return x->season_points > y->season_points ? -1 : 1;
  if (x->bookings != y->bookings)
    return x->bookings > y->bookings ? -1 : 1;
  if (x->best_rank != y->best_rank)
    return x->best_rank == 0 ? 1 : y->best_rank == 0 ? -1 : (x->best_rank < y->best_rank ? -1 : 1);
  return strcmp (x->nickname, y->nickname);
}

char *
tg_server_render_leaderboard (TgServer  *self,
                              GError   **error)
{
  g_autoptr(GHashTable) standings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) standing_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  Standing *standing;
  guint total = 0;

  if (!tg_server_store_foreach_result (self->store, add_result, standings, error))
    return NULL;

  g_hash_table_iter_init (&iter, standings);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &standing))
    {
      g_ptr_array_add (sorted, standing);
      total += standing->matches;
    }
  g_ptr_array_sort (sorted, compare_standings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, TG_PROTOCOL_VERSION);
  json_builder_set_member_name (builder, "results");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "players");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len && i < MAX_ROWS; i++)
    {
      standing = g_ptr_array_index (sorted, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, i + 1);
      json_builder_set_member_name (builder, "nickname");
      json_builder_add_string_value (builder, standing->nickname);
      json_builder_set_member_name (builder, "matches");
      json_builder_add_int_value (builder, standing->matches);
      json_builder_set_member_name (builder, "bookings");
      json_builder_add_int_value (builder, standing->bookings);
      json_builder_set_member_name (builder, "best_rank");
      json_builder_add_int_value (builder, standing->best_rank);
      json_builder_set_member_name (builder, "best_total_ms");
      json_builder_add_int_value (builder, standing->best_total_ms);
      json_builder_set_member_name (builder, "season_points");
      json_builder_add_double_value (builder, standing->season_points);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
