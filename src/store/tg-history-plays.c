/* tg-history-plays.c: storing, listing, counting and deleting plays and drills — every statement
 * prepared once (tg-history.c) and bound with values. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-history-private.h"

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_optional_double (sqlite3_stmt *stmt,
                      int           index,
                      double        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static gint64
column_optional_int (sqlite3_stmt *stmt,
                     int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, col);
}

static double
column_optional_double (sqlite3_stmt *stmt,
                        int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, col);
}

static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/* Binds ?1–?5 of FILTER_WHERE. */
static gboolean
bind_filter (TgHistory              *self,
             sqlite3_stmt           *stmt,
             const TgHistoryFilter  *filter,
             GError                **error)
{
  if (filter == NULL)
    return TRUE;

  if (filter->difficulty >= 0)
    {
      if (filter->difficulty > TG_DIFFICULTY_HARD)
        {
          g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                       "Unknown difficulty %d in a history filter", filter->difficulty);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, tg_difficulty_to_string (filter->difficulty), -1, SQLITE_STATIC);
    }
  bind_optional_text (stmt, 2, filter->venue);
  if (filter->mode > TG_HISTORY_MODE_ONLINE)
    {
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                   "Unknown mode %d in a history filter", filter->mode);
      return FALSE;
    }
  if (filter->mode >= 0)
    sqlite3_bind_text (stmt, 3, tg_history_mode_to_string (filter->mode), -1, SQLITE_STATIC);
  if (filter->from != NULL)
    sqlite3_bind_int64 (stmt, 4, tg_history_datetime_to_unix_us (filter->from));
  if (filter->to != NULL)
    sqlite3_bind_int64 (stmt, 5, tg_history_datetime_to_unix_us (filter->to));
  return TRUE;
}

static gboolean
check_text (const char  *value,
            const char  *what,
            GError     **error)
{
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                   "The %s of a play is not valid UTF-8", what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_play (const TgResult           *result,
            const TgHistoryPlayMeta  *meta,
            GError                  **error)
{
  if (meta->played_at == NULL)
    {
      g_set_error_literal (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                           "A play needs the time it was played");
      return FALSE;
    }
  if ((guint) result->difficulty > TG_DIFFICULTY_HARD ||
      (guint) result->fail_reason > TG_FAIL_PAYMENT ||
      (guint) meta->mode > TG_HISTORY_MODE_ONLINE)
    {
      g_set_error_literal (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                           "A play has an unknown difficulty, outcome or mode");
      return FALSE;
    }
  if (result->n_seats > TG_RESULT_MAX_SEATS)
    {
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                   "A play holds %u seats, more than %u", result->n_seats, TG_RESULT_MAX_SEATS);
      return FALSE;
    }
  for (guint i = 0; i < result->n_seats; i++)
    if (result->seat_ids[i] == NULL)
      {
        g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                     "Seat %u of a play has no id", i + 1);
        return FALSE;
      }
    else if (!check_text (result->seat_ids[i], "seat id", error) ||
             !check_text (result->seat_grades[i], "seat grade", error))
      return FALSE;
  return check_text (result->venue_name, "venue name", error) &&
         check_text (meta->server, "server address", error);
}

/* Plays */

gboolean
tg_history_add_play (TgHistory                *self,
                     const TgResult           *result,
                     const TgHistoryPlayMeta  *meta,
                     gint64                   *out_id,
                     GError                  **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(CachedStmt) seat_stmt = NULL;
  g_autoptr(CachedStmt) bots_stmt = NULL;
  gint64 id;
  int col;

  g_return_val_if_fail (TG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_play (result, meta, error))
    return FALSE;
  if ((stmt = tg_history_get_stmt (self, STMT_INSERT_PLAY, error)) == NULL ||
      (seat_stmt = tg_history_get_stmt (self, STMT_INSERT_SEAT, error)) == NULL ||
      (bots_stmt = tg_history_get_stmt (self, STMT_INSERT_BOT_STAGE, error)) == NULL)
    return FALSE;

  /* Parameters follow PLAY_COLUMNS; ?1 (id) stays NULL so SQLite picks it. */
  sqlite3_bind_int64 (stmt, COL_PLAYED_AT + 1, tg_history_datetime_to_unix_us (meta->played_at));
  sqlite3_bind_text (stmt, COL_MODE + 1, tg_history_mode_to_string (meta->mode), -1, SQLITE_STATIC);
  bind_optional_text (stmt, COL_SERVER + 1, meta->server);
  sqlite3_bind_int64 (stmt, COL_SEED + 1, (gint64) result->seed);
  sqlite3_bind_text (stmt, COL_DIFFICULTY + 1, tg_difficulty_to_string (result->difficulty), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, COL_N_BOTS + 1, result->n_bots);
  sqlite3_bind_int64 (stmt, COL_N_HUMANS + 1, result->n_humans);
  bind_optional_text (stmt, COL_VENUE + 1, result->venue_name);
  sqlite3_bind_int (stmt, COL_SUCCESS + 1, result->success ? 1 : 0);
  sqlite3_bind_text (stmt, COL_FAIL_REASON + 1, tg_fail_reason_to_string (result->fail_reason), -1,
                     SQLITE_STATIC);
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      bind_optional_int (stmt, COL_STAGE_MS + i + 1, result->stage_ms[i]);
      bind_optional_double (stmt, COL_STAGE_PERCENTILE + i + 1, result->stage_percentile[i]);
    }
  bind_optional_int (stmt, COL_TOTAL_MS + 1, result->total_ms);
  sqlite3_bind_int64 (stmt, COL_EARLY_CLICKS + 1, result->early_clicks);
  sqlite3_bind_int64 (stmt, COL_DATE_MISCLICKS + 1, result->date_misclicks);
  sqlite3_bind_int64 (stmt, COL_CAPTCHA_WRONG + 1, result->captcha_wrong);
  sqlite3_bind_int64 (stmt, COL_CAPTCHA_BACKSPACES + 1, result->captcha_backspaces);
  sqlite3_bind_int64 (stmt, COL_CAPTCHA_REFRESHES + 1, result->captcha_refreshes);
  sqlite3_bind_int64 (stmt, COL_SEAT_CONFLICTS + 1, result->seat_conflicts);
  sqlite3_bind_int64 (stmt, COL_SEAT_MISSES + 1, result->seat_misses);
  sqlite3_bind_int64 (stmt, COL_FIRST_QUEUE_POSITION + 1, result->first_queue_position);
  sqlite3_bind_int64 (stmt, COL_QUEUE_TOTAL_AT_JOIN + 1, result->queue_total_at_join);
  bind_optional_double (stmt, COL_SOLD_PERCENT + 1, result->sold_percent_at_admission);
  sqlite3_bind_int64 (stmt, COL_N_SEATS + 1, result->n_seats);
  sqlite3_bind_int64 (stmt, COL_PRICE_PAID + 1, result->price_paid);
  sqlite3_bind_int64 (stmt, COL_RANK_HUMANS + 1, result->rank_humans);
  sqlite3_bind_int64 (stmt, COL_RANK_ALL + 1, result->rank_all);
  col = COL_N_BUYERS + 1;
  sqlite3_bind_int64 (stmt, col, result->n_buyers);
  g_assert (col == N_PLAY_COLUMNS && col == sqlite3_bind_parameter_count (stmt));

  if (!tg_history_exec_sql (self->db, self->path, "BEGIN IMMEDIATE", "begin", error))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "insert play");
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < result->n_seats; i++)
    {
      sqlite3_reset (seat_stmt);
      sqlite3_bind_int64 (seat_stmt, 1, id);
      sqlite3_bind_int (seat_stmt, 2, (int) i);
      sqlite3_bind_text (seat_stmt, 3, result->seat_ids[i], -1, SQLITE_TRANSIENT);
      bind_optional_text (seat_stmt, 4, result->seat_grades[i]);
      if (meta->seat_prices[i] > 0)
        sqlite3_bind_int64 (seat_stmt, 5, meta->seat_prices[i]);
      else
        sqlite3_bind_null (seat_stmt, 5);
      if (sqlite3_step (seat_stmt) != SQLITE_DONE)
        {
          tg_history_set_sqlite_error (error, self->db, self->path, "insert seat");
          goto fail;
        }
    }

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgBotStageSummary *bots = &result->bot_stages[s];
      g_autofree char *quantiles = NULL;

      if (bots->n == 0)
        continue;
      quantiles = tg_history_format_quantiles (bots);
      sqlite3_reset (bots_stmt);
      sqlite3_bind_int64 (bots_stmt, 1, id);
      sqlite3_bind_text (bots_stmt, 2, tg_stage_to_string (s), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (bots_stmt, 3, bots->n);
      sqlite3_bind_double (bots_stmt, 4, bots->mean_ms);
      sqlite3_bind_double (bots_stmt, 5, bots->stddev_ms);
      sqlite3_bind_text (bots_stmt, 6, quantiles, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (bots_stmt) != SQLITE_DONE)
        {
          tg_history_set_sqlite_error (error, self->db, self->path, "insert bot distribution");
          goto fail;
        }
    }

  if (!tg_history_exec_sql (self->db, self->path, "COMMIT", "commit", error))
    goto fail;

  g_debug ("%s: play %" G_GINT64_FORMAT " saved", self->path, id);
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  /* Release the statements before rolling back so nothing holds the write transaction. */
  sqlite3_reset (stmt);
  sqlite3_reset (seat_stmt);
  sqlite3_reset (bots_stmt);
  tg_history_rollback (self);
  return FALSE;
}

static gboolean
load_seats (TgHistory      *self,
            TgHistoryPlay  *play,
            GError        **error)
{
  g_autoptr(CachedStmt) stmt = tg_history_get_stmt (self, STMT_SELECT_SEATS, error);
  TgResult *result = play->result;
  guint n_found = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, play->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);

      /* The CHECK keeps position in range; a seat beyond n_seats means a damaged row. */
      if (position < 0 || position >= result->n_seats || result->seat_ids[position] != NULL)
        {
          tg_history_set_corrupt_error (error, self->path);
          return FALSE;
        }
      result->seat_ids[position] = column_dup_text (stmt, 1);
      result->seat_grades[position] = column_dup_text (stmt, 2);
      play->meta.seat_prices[position] = (guint) MAX (0, column_optional_int (stmt, 3));
      n_found++;
    }
  if (rc != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "read seats");
      return FALSE;
    }
  if (n_found != result->n_seats)
    {
      tg_history_set_corrupt_error (error, self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
stage_from_string (const char *str,
                   TgStage    *out)
{
  for (guint s = 0; s < TG_N_STAGES; s++)
    if (g_strcmp0 (str, tg_stage_to_string (s)) == 0)
      {
        *out = (TgStage) s;
        return TRUE;
      }
  return FALSE;
}

static gboolean
load_bot_stages (TgHistory      *self,
                 TgHistoryPlay  *play,
                 GError        **error)
{
  g_autoptr(CachedStmt) stmt = tg_history_get_stmt (self, STMT_SELECT_BOT_STAGES, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, play->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TgBotStageSummary *bots;
      TgStage stage;

      if (!stage_from_string ((const char *) sqlite3_column_text (stmt, 0), &stage))
        {
          tg_history_set_corrupt_error (error, self->path);
          return FALSE;
        }
      bots = &play->result->bot_stages[stage];
      bots->n = (guint) sqlite3_column_int64 (stmt, 1);
      bots->mean_ms = sqlite3_column_double (stmt, 2);
      bots->stddev_ms = sqlite3_column_double (stmt, 3);
      if (!tg_history_parse_quantiles ((const char *) sqlite3_column_text (stmt, 4), bots))
        {
          g_debug ("%s: play %" G_GINT64_FORMAT " has unreadable bot quantiles", self->path,
                   play->id);
          tg_history_set_corrupt_error (error, self->path);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "read bot distribution");
      return FALSE;
    }
  return TRUE;
}

static TgHistoryPlay *
play_from_row (TgHistory     *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(TgHistoryPlay) play = g_new0 (TgHistoryPlay, 1);
  TgResult *result;
  const char *text;

  play->result = result = tg_result_new ();
  play->id = sqlite3_column_int64 (stmt, COL_ID);
  play->meta.played_at = tg_history_datetime_from_unix_us (sqlite3_column_int64 (stmt, COL_PLAYED_AT));
  play->meta.server = column_dup_text (stmt, COL_SERVER);

  result->seed = (guint64) sqlite3_column_int64 (stmt, COL_SEED);
  result->n_bots = (guint) sqlite3_column_int64 (stmt, COL_N_BOTS);
  result->n_humans = (guint) sqlite3_column_int64 (stmt, COL_N_HUMANS);
  result->venue_name = column_dup_text (stmt, COL_VENUE);
  result->success = sqlite3_column_int (stmt, COL_SUCCESS) != 0;
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      result->stage_ms[i] = column_optional_int (stmt, COL_STAGE_MS + i);
      result->stage_percentile[i] = column_optional_double (stmt, COL_STAGE_PERCENTILE + i);
    }
  result->total_ms = column_optional_int (stmt, COL_TOTAL_MS);
  result->early_clicks = (guint) sqlite3_column_int64 (stmt, COL_EARLY_CLICKS);
  result->date_misclicks = (guint) sqlite3_column_int64 (stmt, COL_DATE_MISCLICKS);
  result->captcha_wrong = (guint) sqlite3_column_int64 (stmt, COL_CAPTCHA_WRONG);
  result->captcha_backspaces = (guint) sqlite3_column_int64 (stmt, COL_CAPTCHA_BACKSPACES);
  result->captcha_refreshes = (guint) sqlite3_column_int64 (stmt, COL_CAPTCHA_REFRESHES);
  result->seat_conflicts = (guint) sqlite3_column_int64 (stmt, COL_SEAT_CONFLICTS);
  result->seat_misses = (guint) sqlite3_column_int64 (stmt, COL_SEAT_MISSES);
  result->first_queue_position = (guint) sqlite3_column_int64 (stmt, COL_FIRST_QUEUE_POSITION);
  result->queue_total_at_join = (guint) sqlite3_column_int64 (stmt, COL_QUEUE_TOTAL_AT_JOIN);
  result->sold_percent_at_admission = column_optional_double (stmt, COL_SOLD_PERCENT);
  result->n_seats = (guint) sqlite3_column_int64 (stmt, COL_N_SEATS);
  result->price_paid = (guint) sqlite3_column_int64 (stmt, COL_PRICE_PAID);
  result->rank_humans = (guint) sqlite3_column_int64 (stmt, COL_RANK_HUMANS);
  result->rank_all = (guint) sqlite3_column_int64 (stmt, COL_RANK_ALL);
  result->n_buyers = (guint) sqlite3_column_int64 (stmt, COL_N_BUYERS);

  /* The CHECK constraints guarantee known keys; anything else is a damaged file. */
  text = (const char *) sqlite3_column_text (stmt, COL_MODE);
  if (play->meta.played_at == NULL ||
      !tg_history_mode_from_string (text, &play->meta.mode) ||
      !tg_difficulty_from_string ((const char *) sqlite3_column_text (stmt, COL_DIFFICULTY),
                                  &result->difficulty) ||
      !tg_history_fail_reason_from_string ((const char *) sqlite3_column_text (stmt, COL_FAIL_REASON),
                                &result->fail_reason) ||
      result->n_seats > TG_RESULT_MAX_SEATS)
    {
      g_debug ("%s: play %" G_GINT64_FORMAT " has unreadable values", self->path, play->id);
      tg_history_set_corrupt_error (error, self->path);
      return NULL;
    }

  if (!load_seats (self, play, error) || !load_bot_stages (self, play, error))
    return NULL;

  return g_steal_pointer (&play);
}

GPtrArray *
tg_history_list_plays (TgHistory              *self,
                       const TgHistoryFilter  *filter,
                       GError                **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  int rc;

  g_return_val_if_fail (TG_IS_HISTORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = tg_history_get_stmt (self, STMT_SELECT_PLAYS, error)) == NULL ||
      !bind_filter (self, stmt, filter, error))
    return NULL;
  /* LIMIT -1 is SQLite for "no limit". */
  sqlite3_bind_int64 (stmt, 6, filter != NULL && filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 7, filter != NULL ? filter->offset : 0);

  plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);
  /* The seats are read while this statement is still running, from the same snapshot. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TgHistoryPlay *play = play_from_row (self, stmt, error);

      if (play == NULL)
        return NULL;
      g_ptr_array_add (plays, play);
    }
  if (rc != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "list plays");
      return NULL;
    }
  return g_steal_pointer (&plays);
}

TgHistoryPlay *
tg_history_get_play (TgHistory  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TG_IS_HISTORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = tg_history_get_stmt (self, STMT_SELECT_PLAY, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return play_from_row (self, stmt, error);
  if (rc == SQLITE_DONE)
    tg_history_set_not_found_error (error, id);
  else
    tg_history_set_sqlite_error (error, self->db, self->path, "read play");
  return NULL;
}

gint64
tg_history_count_plays (TgHistory              *self,
                        const TgHistoryFilter  *filter,
                        GError                **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TG_IS_HISTORY (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if ((stmt = tg_history_get_stmt (self, STMT_COUNT_PLAYS, error)) == NULL ||
      !bind_filter (self, stmt, filter, error))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "count plays");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
tg_history_delete_play (TgHistory  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = tg_history_get_stmt (self, STMT_DELETE_PLAY, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  /* The seats go with it: ON DELETE CASCADE. */
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "delete play");
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      tg_history_set_not_found_error (error, id);
      return FALSE;
    }
  return TRUE;
}

/* Drills */

gboolean
tg_history_add_drill (TgHistory             *self,
                      const TgHistoryDrill  *drill,
                      gint64                *out_id,
                      GError               **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (drill != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (drill->played_at == NULL || (guint) drill->kind >= TG_N_DRILL_KINDS ||
      (guint) drill->difficulty > TG_DIFFICULTY_HARD)
    {
      g_set_error_literal (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_INVALID,
                           "A drill needs a known kind, a difficulty and the time it was played");
      return FALSE;
    }
  if ((stmt = tg_history_get_stmt (self, STMT_INSERT_DRILL, error)) == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tg_drill_kind_to_string (drill->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, tg_history_datetime_to_unix_us (drill->played_at));
  sqlite3_bind_text (stmt, 3, tg_difficulty_to_string (drill->difficulty), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, drill->success ? 1 : 0);
  bind_optional_int (stmt, 5, drill->time_ms);
  sqlite3_bind_int64 (stmt, 6, drill->tries);
  sqlite3_bind_int64 (stmt, 7, drill->misses);
  sqlite3_bind_int64 (stmt, 8, drill->backspaces);
  sqlite3_bind_int64 (stmt, 9, drill->conflicts);
  sqlite3_bind_int (stmt, 10, drill->kind == TG_DRILL_CAPTCHA && drill->audio ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "insert drill");
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

GPtrArray *
tg_history_list_drills (TgHistory  *self,
                        int         kind,
                        guint       limit,
                        GError    **error)
{
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  int rc;

  g_return_val_if_fail (TG_IS_HISTORY (self), NULL);
  g_return_val_if_fail (kind < TG_N_DRILL_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = tg_history_get_stmt (self, STMT_SELECT_DRILLS, error)) == NULL)
    return NULL;
  if (kind >= 0)
    sqlite3_bind_text (stmt, 1, tg_drill_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  drills = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_drill_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TgHistoryDrill) drill = tg_history_drill_new (TG_DRILL_CLICK);

      drill->id = sqlite3_column_int64 (stmt, 0);
      drill->played_at = tg_history_datetime_from_unix_us (sqlite3_column_int64 (stmt, 2));
      drill->success = sqlite3_column_int (stmt, 4) != 0;
      drill->time_ms = column_optional_int (stmt, 5);
      drill->tries = (guint) sqlite3_column_int64 (stmt, 6);
      drill->misses = (guint) sqlite3_column_int64 (stmt, 7);
      drill->backspaces = (guint) sqlite3_column_int64 (stmt, 8);
      drill->conflicts = (guint) sqlite3_column_int64 (stmt, 9);
      drill->audio = sqlite3_column_int (stmt, 10) != 0;
      if (drill->played_at == NULL ||
          !tg_drill_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &drill->kind) ||
          !tg_difficulty_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                      &drill->difficulty))
        {
          tg_history_set_corrupt_error (error, self->path);
          return NULL;
        }
      g_ptr_array_add (drills, g_steal_pointer (&drill));
    }
  if (rc != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "list drills");
      return NULL;
    }
  return g_steal_pointer (&drills);
}

gboolean
tg_history_delete_drill (TgHistory  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = tg_history_get_stmt (self, STMT_DELETE_DRILL, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "delete drill");
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      char id_str[32];

      g_snprintf (id_str, sizeof id_str, "%" G_GINT64_FORMAT, id);
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_NOT_FOUND,
                   _("Drill %s is not in the history; it may have been deleted."), id_str);
      return FALSE;
    }
  return TRUE;
}
