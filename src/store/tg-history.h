/* tg-history.h: every finished or failed play and every drill, kept in SQLite.
 *
 * One database file, <dir>/tickget.db, in WAL mode so the app and a second instance (or the
 * stats window in another process) can read while one writes. A file that is not a database,
 * fails the integrity check or was written by a newer TickGet is refused and left untouched.
 *
 * A TgHistory is one SQLite connection: use it from one thread at a time (open one per thread).
 */
#pragma once

#include <gio/gio.h>

#include "tg-result.h"

G_BEGIN_DECLS

#define TG_HISTORY_ERROR (tg_history_error_quark ())

typedef enum
{
  TG_HISTORY_ERROR_CORRUPT,    /* not a database, or the integrity check failed */
  TG_HISTORY_ERROR_TOO_NEW,    /* written by a newer TickGet */
  TG_HISTORY_ERROR_IO,         /* the folder or file cannot be created or opened */
  TG_HISTORY_ERROR_NOT_FOUND,  /* no play or drill with that id */
  TG_HISTORY_ERROR_INVALID,    /* a value that cannot be stored */
  TG_HISTORY_ERROR_FAILED,     /* any other SQLite failure (disk full, locked too long…) */
} TgHistoryError;

GQuark tg_history_error_quark (void);

/* The schema version this build writes; a file with a higher PRAGMA user_version is refused. */
#define TG_HISTORY_SCHEMA_VERSION 3

typedef enum
{
  TG_HISTORY_MODE_OFFLINE,
  TG_HISTORY_MODE_ONLINE,
} TgHistoryMode;

const char *tg_history_mode_to_string   (TgHistoryMode  mode);   /* stable key: "offline" … */
gboolean    tg_history_mode_from_string (const char    *str,
                                         TgHistoryMode *out);

/* How a play was played; the match settings themselves are in TgResult. */
typedef struct
{
  TgHistoryMode  mode;
  GDateTime     *played_at;                          /* stored as UTC, microseconds */
  char          *server;                             /* "host:port" when online, else NULL */
  guint          seat_prices[TG_RESULT_MAX_SEATS];   /* won per seat before fees; 0 = unknown */
} TgHistoryPlayMeta;

/* One stored play, owned: meta.played_at and meta.server belong to it. result->bot_stages is
 * filled for plays saved since schema v3 (n = 0 before). */
typedef struct
{
  gint64             id;
  TgHistoryPlayMeta  meta;
  TgResult          *result;
} TgHistoryPlay;

#define TG_TYPE_HISTORY_PLAY (tg_history_play_get_type ())
GType          tg_history_play_get_type (void) G_GNUC_CONST;
TgHistoryPlay *tg_history_play_copy     (const TgHistoryPlay *self);
void           tg_history_play_free     (TgHistoryPlay       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgHistoryPlay, tg_history_play_free)

/* Which plays to list, count or export. Initialise with tg_history_filter_init(): every field
 * then means "any". Pointers are borrowed. */
typedef struct
{
  int         difficulty;   /* a TgDifficulty, or -1 */
  const char *venue;        /* exact venue name, or NULL */
  int         mode;         /* a TgHistoryMode, or -1 */
  GDateTime  *from;         /* played_at >= from, or NULL */
  GDateTime  *to;           /* played_at <  to, or NULL */
  guint       limit;        /* 0: no limit */
  guint       offset;
} TgHistoryFilter;

void tg_history_filter_init (TgHistoryFilter *filter);

typedef enum
{
  TG_DRILL_CLICK,     /* entrance reaction: click 예매하기 the moment it opens */
  TG_DRILL_CAPTCHA,   /* 보안문자 */
  TG_DRILL_SEAT,      /* 포도알: grab a free seat on a busy map */
  TG_N_DRILL_KINDS
} TgDrillKind;

const char *tg_drill_kind_to_string   (TgDrillKind  kind);   /* stable key: "click" … */
gboolean    tg_drill_kind_from_string (const char  *str,
                                       TgDrillKind *out);

/* One drill attempt. */
typedef struct
{
  gint64       id;            /* set by the history; ignored when adding */
  TgDrillKind  kind;
  GDateTime   *played_at;
  TgDifficulty difficulty;
  gboolean     success;
  gint64       time_ms;       /* reaction, solve or pick time; -1 if never done */
  guint        tries;         /* answers submitted, seats attempted */
  guint        misses;        /* early clicks, wrong answers, clicks beside a seat */
  guint        backspaces;    /* captcha only */
  guint        conflicts;     /* seat only: 이선좌 */
  gboolean     audio;         /* captcha only: the audio captcha instead of the image */
} TgHistoryDrill;

#define TG_TYPE_HISTORY_DRILL (tg_history_drill_get_type ())
GType           tg_history_drill_get_type (void) G_GNUC_CONST;
TgHistoryDrill *tg_history_drill_new      (TgDrillKind           kind);
TgHistoryDrill *tg_history_drill_copy     (const TgHistoryDrill *self);
void            tg_history_drill_free     (TgHistoryDrill       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgHistoryDrill, tg_history_drill_free)

#define TG_TYPE_HISTORY (tg_history_get_type ())
G_DECLARE_FINAL_TYPE (TgHistory, tg_history, TG, HISTORY, GObject)

/* Opens or creates <dir>/tickget.db, creating @dir if needed, and migrates it to the current
 * schema. Fails with TG_HISTORY_ERROR_CORRUPT or _TOO_NEW without modifying the file. */
TgHistory  *tg_history_open          (const char              *dir,
                                      GError                 **error);
const char *tg_history_get_path      (TgHistory               *self);

gboolean    tg_history_add_play      (TgHistory               *self,
                                      const TgResult          *result,
                                      const TgHistoryPlayMeta *meta,
                                      gint64                  *out_id,
                                      GError                 **error);
/* Newest first. Element type TgHistoryPlay; the array frees them. */
GPtrArray  *tg_history_list_plays    (TgHistory               *self,
                                      const TgHistoryFilter   *filter,
                                      GError                 **error);
TgHistoryPlay *tg_history_get_play   (TgHistory               *self,
                                      gint64                   id,
                                      GError                 **error);
/* limit and offset of @filter are ignored. Returns -1 on error. */
gint64      tg_history_count_plays   (TgHistory               *self,
                                      const TgHistoryFilter   *filter,
                                      GError                 **error);
gboolean    tg_history_delete_play   (TgHistory               *self,
                                      gint64                   id,
                                      GError                 **error);

gboolean    tg_history_add_drill     (TgHistory               *self,
                                      const TgHistoryDrill    *drill,
                                      gint64                  *out_id,
                                      GError                 **error);
/* Newest first; @kind is a TgDrillKind or -1 for all; @limit 0 for no limit.
 * Element type TgHistoryDrill. */
GPtrArray  *tg_history_list_drills   (TgHistory               *self,
                                      int                      kind,
                                      guint                    limit,
                                      GError                 **error);

gboolean    tg_history_delete_drill  (TgHistory               *self,
                                      gint64                   id,
                                      GError                 **error);

/* Writes the plays matching @filter as UTF-8 CSV (RFC 4180: comma separated, CRLF line ends,
 * fields quoted when needed), a header row first, newest first. */
gboolean    tg_history_export_csv    (TgHistory               *self,
                                      const TgHistoryFilter   *filter,
                                      GOutputStream           *stream,
                                      GError                 **error);

G_END_DECLS
