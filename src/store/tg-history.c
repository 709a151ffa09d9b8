/* tg-history.c: the play history in SQLite — schema, migrations and queries (CSV export is in
 * tg-history-csv.c).
 *
 * Every statement is a constant string prepared once and bound with values; filters are optional
 * clauses of one statement ("?1 IS NULL OR …") so nothing is ever built from user text.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tg-history-private.h"

#define DB_FILENAME    "tickget.db"
#define BUSY_TIMEOUT_MS 5000
/* "TkGt": marks the file as ours, so a stranger's SQLite file is never migrated. */
#define APPLICATION_ID 0x546B4774

G_DEFINE_QUARK (tg-history-error-quark, tg_history_error)

/* Schema history. Each entry is applied in its own transaction and ends by setting
 * user_version to its position + 1. Never edit a released entry: append a new one. */
static const char * const migrations[] = {
  /* v1: plays and their seats. */
  "PRAGMA application_id = 1416316788;\n"   /* APPLICATION_ID in decimal */
  "CREATE TABLE plays (\n"
  "  id                        INTEGER PRIMARY KEY,\n"
  "  played_at_us              INTEGER NOT NULL,\n"   /* UTC, microseconds since 1970 */
  "  seed                      INTEGER NOT NULL,\n"   /* guint64 bits */
  "  difficulty                TEXT    NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),\n"
  "  n_bots                    INTEGER NOT NULL CHECK (n_bots >= 0),\n"
  "  n_humans                  INTEGER NOT NULL CHECK (n_humans >= 0),\n"
  "  venue                     TEXT,\n"
  "  success                   INTEGER NOT NULL CHECK (success IN (0, 1)),\n"
  "  fail_reason               TEXT    NOT NULL,\n"
  /* NULL: stage not reached (-1 in TgResult), so AVG() and friends skip it. */
  "  reaction_ms               INTEGER,\n"
  "  date_ms                   INTEGER,\n"
  "  queue_ms                  INTEGER,\n"
  "  captcha_ms                INTEGER,\n"
  "  seat_ms                   INTEGER,\n"
  "  payment_ms                INTEGER,\n"
  "  reaction_percentile       REAL,\n"
  "  date_percentile           REAL,\n"
  "  queue_percentile          REAL,\n"
  "  captcha_percentile        REAL,\n"
  "  seat_percentile           REAL,\n"
  "  payment_percentile        REAL,\n"
  "  total_ms                  INTEGER,\n"
  "  early_clicks              INTEGER NOT NULL,\n"
  "  date_misclicks            INTEGER NOT NULL,\n"
  "  captcha_wrong             INTEGER NOT NULL,\n"
  "  captcha_backspaces        INTEGER NOT NULL,\n"
  "  captcha_refreshes         INTEGER NOT NULL,\n"
  "  seat_conflicts            INTEGER NOT NULL,\n"
  "  seat_misses               INTEGER NOT NULL,\n"
  "  first_queue_position      INTEGER NOT NULL,\n"
  "  queue_total_at_join       INTEGER NOT NULL,\n"
  "  sold_percent_at_admission REAL,\n"
  "  n_seats                   INTEGER NOT NULL CHECK (n_seats BETWEEN 0 AND 4),\n"
  "  price_paid                INTEGER NOT NULL,\n"
  "  rank_humans               INTEGER NOT NULL,\n"
  "  rank_all                  INTEGER NOT NULL,\n"
  "  n_buyers                  INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX plays_by_time ON plays (played_at_us DESC, id DESC);\n"
  "CREATE TABLE play_seats (\n"
  "  play_id  INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),\n"
  "  seat_id  TEXT    NOT NULL,\n"
  "  grade    TEXT,\n"
  "  price    INTEGER,\n"   /* won, before fees; NULL if unknown */
  "  PRIMARY KEY (play_id, position)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "PRAGMA user_version = 1;\n",

  /* v2: online plays (mode, server) and the drills. */
  "ALTER TABLE plays ADD COLUMN mode TEXT NOT NULL DEFAULT 'offline'\n"
  "  CHECK (mode IN ('offline', 'online'));\n"
  "ALTER TABLE plays ADD COLUMN server TEXT;\n"
  "CREATE TABLE drill_plays (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  kind         TEXT    NOT NULL CHECK (kind IN ('click', 'captcha', 'seat')),\n"
  "  played_at_us INTEGER NOT NULL,\n"
  "  difficulty   TEXT    NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),\n"
  "  success      INTEGER NOT NULL CHECK (success IN (0, 1)),\n"
  "  time_ms      INTEGER,\n"
  "  tries        INTEGER NOT NULL,\n"
  "  misses       INTEGER NOT NULL,\n"
  "  backspaces   INTEGER NOT NULL,\n"
  "  conflicts    INTEGER NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX drill_plays_by_kind_time ON drill_plays (kind, played_at_us DESC, id DESC);\n"
  "PRAGMA user_version = 2;\n",

  /* v3: the bots' distribution per stage of each play (TgBotStageSummary), and whether a
   * captcha drill used the audio captcha. Plays from before keep no rows: "unknown". */
  "CREATE TABLE play_bot_stages (\n"
  "  play_id      INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,\n"
  "  stage        TEXT    NOT NULL\n"
  "    CHECK (stage IN ('reaction', 'date', 'queue', 'captcha', 'seat', 'payment')),\n"
  "  n_bots       INTEGER NOT NULL CHECK (n_bots > 0),\n"
  "  mean_ms      REAL    NOT NULL,\n"
  "  stddev_ms    REAL    NOT NULL,\n"
  /* 21 integers separated by spaces: the 0 %, 5 %, … 100 % quantiles in ms. */
  "  quantiles_ms TEXT    NOT NULL,\n"
  "  PRIMARY KEY (play_id, stage)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "ALTER TABLE drill_plays ADD COLUMN audio INTEGER NOT NULL DEFAULT 0 CHECK (audio IN (0, 1));\n"
  "PRAGMA user_version = 3;\n",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TG_HISTORY_SCHEMA_VERSION);
G_STATIC_ASSERT (TG_N_STAGES == 6);
G_STATIC_ASSERT (TG_RESULT_MAX_SEATS == 4);


#define PLAY_COLUMNS \
  "id, played_at_us, mode, server, seed, difficulty, n_bots, n_humans, venue, success, " \
  "fail_reason, reaction_ms, date_ms, queue_ms, captcha_ms, seat_ms, payment_ms, " \
  "reaction_percentile, date_percentile, queue_percentile, captcha_percentile, " \
  "seat_percentile, payment_percentile, total_ms, early_clicks, date_misclicks, " \
  "captcha_wrong, captcha_backspaces, captcha_refreshes, seat_conflicts, seat_misses, " \
  "first_queue_position, queue_total_at_join, sold_percent_at_admission, n_seats, " \
  "price_paid, rank_humans, rank_all, n_buyers"

/* Parameters ?1–?5 of every filtered statement: difficulty, venue, mode, from, to. */
#define FILTER_WHERE \
  " WHERE (?1 IS NULL OR difficulty = ?1)" \
  " AND (?2 IS NULL OR venue = ?2)" \
  " AND (?3 IS NULL OR mode = ?3)" \
  " AND (?4 IS NULL OR played_at_us >= ?4)" \
  " AND (?5 IS NULL OR played_at_us < ?5)"


static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_PLAY] =
    "INSERT INTO plays (" PLAY_COLUMNS ") VALUES ("
    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
    "?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, "
    "?39)",
  [STMT_INSERT_SEAT] =
    "INSERT INTO play_seats (play_id, position, seat_id, grade, price) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_SELECT_PLAYS] =
    "SELECT " PLAY_COLUMNS " FROM plays" FILTER_WHERE
    " ORDER BY played_at_us DESC, id DESC LIMIT ?6 OFFSET ?7",
  [STMT_SELECT_PLAY] =
    "SELECT " PLAY_COLUMNS " FROM plays WHERE id = ?1",
  [STMT_SELECT_SEATS] =
    "SELECT position, seat_id, grade, price FROM play_seats WHERE play_id = ?1 ORDER BY position",
  [STMT_COUNT_PLAYS] =
    "SELECT count(*) FROM plays" FILTER_WHERE,
  [STMT_DELETE_PLAY] =
    "DELETE FROM plays WHERE id = ?1",
  [STMT_INSERT_DRILL] =
    "INSERT INTO drill_plays (kind, played_at_us, difficulty, success, time_ms, tries, misses, "
    "backspaces, conflicts, audio) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STMT_SELECT_DRILLS] =
    "SELECT id, kind, played_at_us, difficulty, success, time_ms, tries, misses, backspaces, "
    "conflicts, audio FROM drill_plays WHERE (?1 IS NULL OR kind = ?1) "
    "ORDER BY played_at_us DESC, id DESC LIMIT ?2",
  [STMT_INSERT_BOT_STAGE] =
    "INSERT INTO play_bot_stages (play_id, stage, n_bots, mean_ms, stddev_ms, quantiles_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_SELECT_BOT_STAGES] =
    "SELECT stage, n_bots, mean_ms, stddev_ms, quantiles_ms FROM play_bot_stages "
    "WHERE play_id = ?1",
  [STMT_DELETE_DRILL] =
    "DELETE FROM drill_plays WHERE id = ?1",
};


static void tg_history_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TgHistory, tg_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      tg_history_initable_iface_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Names, keys and conversions */

const char *
tg_history_mode_to_string (TgHistoryMode mode)
{
  switch (mode)
    {
    case TG_HISTORY_MODE_ONLINE:  return "online";
    case TG_HISTORY_MODE_OFFLINE:
    default:                      return "offline";
    }
}

gboolean
tg_history_mode_from_string (const char    *str,
                             TgHistoryMode *out)
{
  TgHistoryMode mode;

  if (g_strcmp0 (str, "offline") == 0)
    mode = TG_HISTORY_MODE_OFFLINE;
  else if (g_strcmp0 (str, "online") == 0)
    mode = TG_HISTORY_MODE_ONLINE;
  else
    return FALSE;
  if (out != NULL)
    *out = mode;
  return TRUE;
}

static const char * const drill_kind_keys[TG_N_DRILL_KINDS] = { "click", "captcha", "seat" };

const char *
tg_drill_kind_to_string (TgDrillKind kind)
{
  g_return_val_if_fail (kind < TG_N_DRILL_KINDS, NULL);
  return drill_kind_keys[kind];
}

gboolean
tg_drill_kind_from_string (const char  *str,
                           TgDrillKind *out)
{
  for (guint i = 0; i < TG_N_DRILL_KINDS; i++)
    if (g_strcmp0 (str, drill_kind_keys[i]) == 0)
      {
        if (out != NULL)
          *out = (TgDrillKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
tg_history_fail_reason_from_string (const char   *str,
                                    TgFailReason *out)
{
  for (TgFailReason r = TG_FAIL_NONE; r <= TG_FAIL_PAYMENT; r++)
    if (g_strcmp0 (str, tg_fail_reason_to_string (r)) == 0)
      {
        *out = r;
        return TRUE;
      }
  return FALSE;
}

gint64
tg_history_datetime_to_unix_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

GDateTime *
tg_history_datetime_from_unix_us (gint64 us)
{
  g_autoptr(GDateTime) whole = NULL;
  gint64 secs = us / G_USEC_PER_SEC;
  gint64 rest = us % G_USEC_PER_SEC;

  if (rest < 0)
    {
      rest += G_USEC_PER_SEC;
      secs--;
    }
  whole = g_date_time_new_from_unix_utc (secs);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, rest);
}

/* Boxed types */

TgHistoryPlay *
tg_history_play_copy (const TgHistoryPlay *self)
{
  TgHistoryPlay *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TgHistoryPlay, 1);
  copy->id = self->id;
  copy->meta = self->meta;
  copy->meta.played_at = self->meta.played_at != NULL ? g_date_time_ref (self->meta.played_at) : NULL;
  copy->meta.server = g_strdup (self->meta.server);
  copy->result = self->result != NULL ? tg_result_copy (self->result) : NULL;
  return copy;
}

void
tg_history_play_free (TgHistoryPlay *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->meta.played_at, g_date_time_unref);
  g_free (self->meta.server);
  g_clear_pointer (&self->result, tg_result_free);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (TgHistoryPlay, tg_history_play, tg_history_play_copy, tg_history_play_free)

TgHistoryDrill *
tg_history_drill_new (TgDrillKind kind)
{
  TgHistoryDrill *self = g_new0 (TgHistoryDrill, 1);

  self->kind = kind;
  self->difficulty = TG_DIFFICULTY_MEDIUM;
  self->time_ms = -1;
  return self;
}

TgHistoryDrill *
tg_history_drill_copy (const TgHistoryDrill *self)
{
  TgHistoryDrill *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  if (copy->played_at != NULL)
    g_date_time_ref (copy->played_at);
  return copy;
}

void
tg_history_drill_free (TgHistoryDrill *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->played_at, g_date_time_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (TgHistoryDrill, tg_history_drill, tg_history_drill_copy, tg_history_drill_free)

void
tg_history_filter_init (TgHistoryFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->difficulty = -1;
  filter->mode = -1;
}

/* Errors */

void
tg_history_set_corrupt_error (GError     **error,
                              const char  *path)
{
  g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_CORRUPT,
               _("The play history “%s” is damaged or is not a TickGet history. It was left "
                 "unchanged: move or rename it (for example to tickget.db.broken) and TickGet will "
                 "start a new, empty history."),
               path);
}

static void
set_too_new_error (GError     **error,
                   const char  *path,
                   int          version)
{
  g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_TOO_NEW,
               _("The play history “%s” was saved by a newer version of TickGet (format %d; this "
                 "version reads up to format %d). It was left unchanged: update TickGet to open it."),
               path, version, TG_HISTORY_SCHEMA_VERSION);
}

void
tg_history_set_not_found_error (GError **error,
                                gint64   id)
{
  char id_str[32];

  g_snprintf (id_str, sizeof id_str, "%" G_GINT64_FORMAT, id);
  g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_NOT_FOUND,
               _("Play %s is not in the history; it may have been deleted."), id_str);
}

/* Turns the connection's last SQLite error into a GError. @what says what was being done. */
void
tg_history_set_sqlite_error (GError     **error,
                             sqlite3     *db,
                             const char  *path,
                             const char  *what)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_NOMEM;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (SQLITE_NOMEM);

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      tg_history_set_corrupt_error (error, path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_FAILED,
                   _("The play history “%s” is busy in another program: %s (%s). Close other "
                     "TickGet windows and try again."),
                   path, what, message);
      break;

    case SQLITE_FULL:
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO,
                   _("The disk holding the play history “%s” is full: %s. Free some space and try "
                     "again."),
                   path, what);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO,
                   _("Could not read or write the play history “%s”: %s (%s). Check that the "
                     "folder exists and is writable."),
                   path, what, message);
      break;

    default:
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_FAILED,
                   _("The play history “%s” failed: %s (%s)."),
                   path, what, message);
      break;
    }
}

/* Statements */

sqlite3_stmt *
tg_history_get_stmt (TgHistory  *self,
                     StmtId      id,
                     GError    **error)
{
  if (self->stmts[id] == NULL &&
      sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                          &self->stmts[id], NULL) != SQLITE_OK)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "prepare");
      return NULL;
    }
  return self->stmts[id];
}

gboolean
tg_history_exec_sql (sqlite3     *db,
                     const char  *path,
                     const char  *sql,
                     const char  *what,
                     GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      tg_history_set_sqlite_error (error, db, path, what);
      return FALSE;
    }
  return TRUE;
}

void
tg_history_rollback (TgHistory *self)
{
  /* Fails harmlessly when SQLite already rolled back on its own (SQLITE_FULL and the like). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  else
    tg_history_set_sqlite_error (error, db, path, sql);
  sqlite3_finalize (stmt);
  return ok;
}

/* Opening */

/* Looks at an existing file without ever writing to it: the SQLite header, then a read-only
 * connection for the version, the owner and PRAGMA quick_check. Only a file that passes is
 * opened for writing (which switches it to WAL and migrates it). */
static gboolean
check_existing_file (const char  *path,
                     GError     **error)
{
  static const char magic[16] = "SQLite format 3";   /* with its NUL, 16 bytes */
  char header[16];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_objects = 0;
  g_autofree char *wal = NULL;
  g_autofree char *journal = NULL;
  gboolean ok = FALSE;
  GStatBuf st;
  FILE *file;
  size_t n_read;
  int rc;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO,
                   _("Could not read the play history “%s”: %s. Check the file’s permissions."),
                   path, g_strerror (errno));
      return FALSE;
    }
  /* SQLite treats an empty file as an empty database: nothing to protect. */
  if (st.st_size == 0)
    return TRUE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO,
                   _("Could not read the play history “%s”: %s. Check the file’s permissions."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n_read != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_debug ("%s: no SQLite header", path);
      tg_history_set_corrupt_error (error, path);
      return FALSE;
    }

  /* With no -wal or -journal beside it nobody has the file open for writing, so read it as
   * immutable: no locks and, above all, no -wal/-shm files created next to a file we may refuse.
   * (Another instance starting to checkpoint during these milliseconds could make a sound file
   * look damaged; it would still be left untouched.) Otherwise open it read-only with locking;
   * its side files exist already. */
  wal = g_strconcat (path, "-wal", NULL);
  journal = g_strconcat (path, "-journal", NULL);
  if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      tg_history_set_sqlite_error (error, db, path, "open read-only");
      goto out;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!query_int (db, path, "PRAGMA user_version", &version, error) ||
      !query_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, path, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    goto out;

  if (version > TG_HISTORY_SCHEMA_VERSION)
    {
      set_too_new_error (error, path, (int) version);
      goto out;
    }
  /* Someone else's database: ours always carries the id from v1 on. */
  if ((app_id != 0 && app_id != APPLICATION_ID) || (version == 0 && n_objects > 0))
    {
      g_debug ("%s: application_id %" G_GINT64_FORMAT ", version %" G_GINT64_FORMAT
               ", %" G_GINT64_FORMAT " objects", path, app_id, version, n_objects);
      tg_history_set_corrupt_error (error, path);
      goto out;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      tg_history_set_sqlite_error (error, db, path, "quick_check");
      goto out;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tg_history_set_sqlite_error (error, db, path, "quick_check");
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_debug ("%s: quick_check: %s", path, sqlite3_column_text (stmt, 0));
      tg_history_set_corrupt_error (error, path);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

static gboolean
migrate (TgHistory  *self,
         GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      gint64 version;

      /* IMMEDIATE: a second instance opening at the same moment waits here instead of
       * applying the same migration twice. */
      if (!tg_history_exec_sql (self->db, self->path, "BEGIN IMMEDIATE", "begin", error))
        return FALSE;
      if (!query_int (self->db, self->path, "PRAGMA user_version", &version, error))
        goto fail;
      if (version > TG_HISTORY_SCHEMA_VERSION)
        {
          set_too_new_error (error, self->path, (int) version);
          goto fail;
        }
      if (version > i)
        {
          if (!tg_history_exec_sql (self->db, self->path, "COMMIT", "commit", error))
            goto fail;
          continue;
        }

      g_debug ("%s: migrating to version %u", self->path, i + 1);
      if (!tg_history_exec_sql (self->db, self->path, migrations[i], "migrate", error))
        goto fail;
      if (!query_int (self->db, self->path, "PRAGMA user_version", &version, error))
        goto fail;
      g_assert (version == i + 1);
      if (!tg_history_exec_sql (self->db, self->path, "COMMIT", "commit", error))
        goto fail;
      continue;

    fail:
      tg_history_rollback (self);
      return FALSE;
    }

  /* A migration may drop or rebuild tables: check what foreign keys cannot check mid-change. */
  {
    sqlite3_stmt *stmt = NULL;
    gboolean clean;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
      {
        tg_history_set_sqlite_error (error, self->db, self->path, "foreign_key_check");
        return FALSE;
      }
    clean = sqlite3_step (stmt) == SQLITE_DONE;
    sqlite3_finalize (stmt);
    if (!clean)
      {
        tg_history_set_corrupt_error (error, self->path);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
tg_history_initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TgHistory *self = TG_HISTORY (initable);
  char *journal_mode = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean wal;

  g_return_val_if_fail (self->dir != NULL, FALSE);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO,
                   _("Could not create the folder “%s” for the play history: %s."),
                   self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!check_existing_file (self->path, error))
    return FALSE;

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "open");
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!tg_history_exec_sql (self->db, self->path, "PRAGMA foreign_keys = ON", "foreign_keys", error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      tg_history_set_sqlite_error (error, self->db, self->path, "journal_mode");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  journal_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  wal = g_strcmp0 (journal_mode, "wal") == 0;
  if (!wal)
    g_debug ("%s: journal mode stays %s", self->path, journal_mode);
  g_free (journal_mode);

  /* In WAL mode NORMAL keeps the file consistent after a crash; only the last commit may go. */
  if (!tg_history_exec_sql (self->db, self->path, "PRAGMA synchronous = NORMAL", "synchronous",
                 error))
    return FALSE;

  return migrate (self, error);
}

static void
tg_history_initable_iface_init (GInitableIface *iface)
{
  iface->init = tg_history_initable_init;
}

/* GObject */

static void
tg_history_finalize (GObject *object)
{
  TgHistory *self = TG_HISTORY (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->dir);
  g_free (self->path);

  G_OBJECT_CLASS (tg_history_parent_class)->finalize (object);
}

static void
tg_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TgHistory *self = TG_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TgHistory *self = TG_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->dir);
      self->dir = g_value_dup_string (value);
      g_free (self->path);
      if (self->dir != NULL)
        {
          /* Absolute, so it can be turned into a file: URI for the read-only check. */
          g_autofree char *relative = g_build_filename (self->dir, DB_FILENAME, NULL);
          self->path = g_canonicalize_filename (relative, NULL);
        }
      else
        self->path = NULL;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_history_class_init (TgHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tg_history_finalize;
  object_class->get_property = tg_history_get_property;
  object_class->set_property = tg_history_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tg_history_init (TgHistory *self)
{
}

TgHistory *
tg_history_open (const char  *dir,
                 GError     **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (TG_TYPE_HISTORY, NULL, error, "directory", dir, NULL);
}

const char *
tg_history_get_path (TgHistory *self)
{
  g_return_val_if_fail (TG_IS_HISTORY (self), NULL);
  return self->path;
}

/* Binding and reading values */
