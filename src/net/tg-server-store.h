/* tg-server-store.h: the server's SQLite file, DIR/server.db — every online match and every
 * human's result in it. Prepared statements only; schema migrations like the client's history. */
#pragma once

#include <glib.h>

#include "tg-result.h"

G_BEGIN_DECLS

#define TG_SERVER_STORE_SCHEMA_VERSION 1

typedef struct _TgServerStore TgServerStore;

TgServerStore *tg_server_store_open          (const char      *path,
                                              GError         **error);
void           tg_server_store_free          (TgServerStore   *self);
/* A new match row; returns its id (0 on failure, @error set). */
gint64         tg_server_store_add_match     (TgServerStore   *self,
                                              const char      *room_title,
                                              guint64          seed,
                                              const char      *difficulty,
                                              guint            n_bots,
                                              guint            n_humans,
                                              const char      *venue,
                                              GError         **error);
gboolean       tg_server_store_finish_match  (TgServerStore   *self,
                                              gint64           match_id,
                                              gboolean         sold_out,
                                              GError         **error);
/* @result_json: the result object as sent to the players (kept whole for later analysis). */
gboolean       tg_server_store_add_result    (TgServerStore   *self,
                                              gint64           match_id,
                                              guint            player_id,
                                              const char      *nickname,
                                              const TgResult  *result,
                                              const char      *result_json,
                                              GError         **error);
/* Calls @func for every stored result (nickname and the result object's JSON), oldest first. */
typedef void (*TgServerStoreResultFunc) (const char *nickname,
                                         const char *result_json,
                                         gpointer    user_data);
gboolean       tg_server_store_foreach_result (TgServerStore          *self,
                                               TgServerStoreResultFunc func,
                                               gpointer                user_data,
                                               GError                **error);
/* For tests and /metrics: rows in the results table of @match_id (all matches if 0). */
gint64         tg_server_store_count_results (TgServerStore   *self,
                                              gint64           match_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgServerStore, tg_server_store_free)

G_END_DECLS
