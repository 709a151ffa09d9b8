/* tg-history-private.h: helpers shared by the files of the history store. */
#pragma once

#include <sqlite3.h>

#include "tg-history.h"

G_BEGIN_DECLS

/* TgBotStageSummary.q_ms as stored in play_bot_stages.quantiles_ms: 21 integers separated by
 * single spaces, ascending. */
char     *tg_history_format_quantiles (const TgBotStageSummary *summary);
/* FALSE when @text is not exactly that (a damaged row). */
gboolean  tg_history_parse_quantiles  (const char              *text,
                                       TgBotStageSummary       *summary);

/* Shared by tg-history.c (opening, schema, migrations) and tg-history-plays.c (plays and drills). */
/* Column order of PLAY_COLUMNS, read by play_from_row(). */
enum {
  COL_ID,
  COL_PLAYED_AT,
  COL_MODE,
  COL_SERVER,
  COL_SEED,
  COL_DIFFICULTY,
  COL_N_BOTS,
  COL_N_HUMANS,
  COL_VENUE,
  COL_SUCCESS,
  COL_FAIL_REASON,
  COL_STAGE_MS,
  COL_STAGE_PERCENTILE = COL_STAGE_MS + TG_N_STAGES,
  COL_TOTAL_MS = COL_STAGE_PERCENTILE + TG_N_STAGES,
  COL_EARLY_CLICKS,
  COL_DATE_MISCLICKS,
  COL_CAPTCHA_WRONG,
  COL_CAPTCHA_BACKSPACES,
  COL_CAPTCHA_REFRESHES,
  COL_SEAT_CONFLICTS,
  COL_SEAT_MISSES,
  COL_FIRST_QUEUE_POSITION,
  COL_QUEUE_TOTAL_AT_JOIN,
  COL_SOLD_PERCENT,
  COL_N_SEATS,
  COL_PRICE_PAID,
  COL_RANK_HUMANS,
  COL_RANK_ALL,
  COL_N_BUYERS,
  N_PLAY_COLUMNS
};

typedef enum {
  STMT_INSERT_PLAY,
  STMT_INSERT_SEAT,
  STMT_SELECT_PLAYS,
  STMT_SELECT_PLAY,
  STMT_SELECT_SEATS,
  STMT_COUNT_PLAYS,
  STMT_DELETE_PLAY,
  STMT_INSERT_DRILL,
  STMT_SELECT_DRILLS,
  STMT_INSERT_BOT_STAGE,
  STMT_SELECT_BOT_STAGES,
  STMT_DELETE_DRILL,
  N_STMTS
} StmtId;

struct _TgHistory
{
  GObject       parent_instance;

  char         *dir;
  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
};

/* A cached statement borrowed for one scope: reset on the way out so it never keeps a read
 * transaction (and with it an old WAL snapshot) open. */
typedef sqlite3_stmt CachedStmt;

static inline void
cached_stmt_release (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, cached_stmt_release)

GDateTime *tg_history_datetime_from_unix_us (gint64 us);
gint64 tg_history_datetime_to_unix_us (GDateTime *dt);
gboolean tg_history_exec_sql (sqlite3 *db,
                              const char *path,
                              const char *sql,
                              const char *what,
                              GError **error);
gboolean tg_history_fail_reason_from_string (const char *str,
                                             TgFailReason *out);
sqlite3_stmt *tg_history_get_stmt (TgHistory *self,
                                   StmtId id,
                                   GError **error);
void tg_history_rollback (TgHistory *self);
void tg_history_set_corrupt_error (GError **error,
                                   const char *path);
void tg_history_set_not_found_error (GError **error,
                                     gint64 id);
void tg_history_set_sqlite_error (GError **error,
                                  sqlite3 *db,
                                  const char *path,
                                  const char *what);

G_END_DECLS
