/* tg-server-store.c: DIR/server.db. Same approach as the client's history (src/store): constant
 * SQL prepared once, values bound, migrations applied one transaction each, WAL. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "tg-server.h"
#include "tg-server-store.h"

#define BUSY_TIMEOUT_MS 5000

static const char * const migrations[] = {
  /* v1 */
  "CREATE TABLE matches (\n"
  "  id            INTEGER PRIMARY KEY,\n"
  "  room_title    TEXT    NOT NULL,\n"
  "  started_at_us INTEGER NOT NULL,\n"     /* UTC µs since 1970 */
  "  ended_at_us   INTEGER,\n"
  "  seed          TEXT    NOT NULL,\n"     /* guint64 as text: SQLite integers are signed */
  "  difficulty    TEXT    NOT NULL,\n"
  "  n_bots        INTEGER NOT NULL,\n"
  "  n_humans      INTEGER NOT NULL,\n"
  "  venue         TEXT,\n"
  "  sold_out      INTEGER CHECK (sold_out IN (0, 1))\n"
  ") STRICT;\n"
  "CREATE TABLE results (\n"
  "  match_id      INTEGER NOT NULL REFERENCES matches (id) ON DELETE CASCADE,\n"
  "  player_id     INTEGER NOT NULL,\n"
  "  nickname      TEXT    NOT NULL,\n"
  "  success       INTEGER NOT NULL CHECK (success IN (0, 1)),\n"
  "  fail_reason   TEXT    NOT NULL,\n"
  "  rank_humans   INTEGER NOT NULL,\n"
  "  rank_all      INTEGER NOT NULL,\n"
  "  total_ms      INTEGER,\n"
  "  price_paid    INTEGER NOT NULL,\n"
  "  result_json   TEXT    NOT NULL,\n"
  "  PRIMARY KEY (match_id, player_id)\n"
  ") STRICT;\n"
  "PRAGMA user_version = 1;\n",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TG_SERVER_STORE_SCHEMA_VERSION);

typedef enum {
  STMT_INSERT_MATCH,
  STMT_FINISH_MATCH,
  STMT_INSERT_RESULT,
  STMT_COUNT_RESULTS,
  STMT_ALL_RESULTS,
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_MATCH] =
    "INSERT INTO matches (room_title, started_at_us, seed, difficulty, n_bots, n_humans, venue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_FINISH_MATCH] =
    "UPDATE matches SET ended_at_us = ?2, sold_out = ?3 WHERE id = ?1",
  [STMT_INSERT_RESULT] =
    "INSERT OR REPLACE INTO results (match_id, player_id, nickname, success, fail_reason, "
    "rank_humans, rank_all, total_ms, price_paid, result_json) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STMT_COUNT_RESULTS] =
    "SELECT count(*) FROM results WHERE ?1 = 0 OR match_id = ?1",
  [STMT_ALL_RESULTS] =
    "SELECT nickname, result_json FROM results ORDER BY match_id, player_id",
};

struct _TgServerStore
{
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
};

static void
set_error (GError     **error,
           TgServerStore *self,
           const char  *what)
{
  g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_STORE,
               _("The server database “%s” failed: %s (%s)"),
               self->path, what, self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
}

static gboolean
exec_sql (TgServerStore  *self,
          const char     *sql,
          GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error (error, self, sql);
      return FALSE;
    }
  return TRUE;
}

static gint64
user_version (TgServerStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

TgServerStore *
tg_server_store_open (const char  *path,
                      GError     **error)
{
  g_autoptr(TgServerStore) self = g_new0 (TgServerStore, 1);
  gint64 version;

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_error (error, self, "open");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                       "PRAGMA synchronous = NORMAL;", error))
    return NULL;

  version = user_version (self);
  if (version < 0)
    {
      set_error (error, self, "PRAGMA user_version");
      return NULL;
    }
  if (version > TG_SERVER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_STORE,
                   _("The server database “%s” was written by a newer tickget-server (format %d); "
                     "update tickget-server or use another data folder"),
                   path, (int) version);
      return NULL;
    }
  for (gint64 v = version; v < TG_SERVER_STORE_SCHEMA_VERSION; v++)
    {
      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!exec_sql (self, migrations[v], error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
      if (!exec_sql (self, "COMMIT", error))
        return NULL;
    }

  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &self->stmts[i], NULL) != SQLITE_OK)
      {
        set_error (error, self, "prepare");
        return NULL;
      }
  return g_steal_pointer (&self);
}

void
tg_server_store_free (TgServerStore *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}

/* Runs a bound statement to completion and resets it, whatever happens. */
static gboolean
run (TgServerStore  *self,
     sqlite3_stmt   *stmt,
     GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    set_error (error, self, sqlite3_sql (stmt));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static gint64
now_unix_us (void)
{
  return g_get_real_time ();
}

gint64
tg_server_store_add_match (TgServerStore  *self,
                           const char     *room_title,
                           guint64         seed,
                           const char     *difficulty,
                           guint           n_bots,
                           guint           n_humans,
                           const char     *venue,
                           GError        **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_INSERT_MATCH];
  char seed_str[32];

  g_snprintf (seed_str, sizeof seed_str, "%" G_GUINT64_FORMAT, seed);
  sqlite3_bind_text (stmt, 1, room_title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now_unix_us ());
  sqlite3_bind_text (stmt, 3, seed_str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, difficulty, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, n_bots);
  sqlite3_bind_int64 (stmt, 6, n_humans);
  sqlite3_bind_text (stmt, 7, venue, -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
tg_server_store_finish_match (TgServerStore  *self,
                              gint64          match_id,
                              gboolean        sold_out,
                              GError        **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_FINISH_MATCH];

  sqlite3_bind_int64 (stmt, 1, match_id);
  sqlite3_bind_int64 (stmt, 2, now_unix_us ());
  sqlite3_bind_int (stmt, 3, sold_out ? 1 : 0);
  return run (self, stmt, error);
}

gboolean
tg_server_store_add_result (TgServerStore   *self,
                            gint64           match_id,
                            guint            player_id,
                            const char      *nickname,
                            const TgResult  *result,
                            const char      *result_json,
                            GError         **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_INSERT_RESULT];

  sqlite3_bind_int64 (stmt, 1, match_id);
  sqlite3_bind_int64 (stmt, 2, player_id);
  sqlite3_bind_text (stmt, 3, nickname, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, result->success ? 1 : 0);
  sqlite3_bind_text (stmt, 5, tg_fail_reason_to_string (result->fail_reason), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, result->rank_humans);
  sqlite3_bind_int64 (stmt, 7, result->rank_all);
  if (result->total_ms >= 0)
    sqlite3_bind_int64 (stmt, 8, result->total_ms);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int64 (stmt, 9, result->price_paid);
  sqlite3_bind_text (stmt, 10, result_json, -1, SQLITE_TRANSIENT);
  return run (self, stmt, error);
}

gint64
tg_server_store_count_results (TgServerStore *self,
                               gint64         match_id)
{
  sqlite3_stmt *stmt = self->stmts[STMT_COUNT_RESULTS];
  gint64 count = -1;

  sqlite3_bind_int64 (stmt, 1, match_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return count;
}

gboolean
tg_server_store_foreach_result (TgServerStore           *self,
                                TgServerStoreResultFunc  func,
                                gpointer                 user_data,
                                GError                 **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_ALL_RESULTS];
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          user_data);
  if (rc != SQLITE_DONE)
    set_error (error, self, sqlite3_sql (stmt));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}
