/* tg-offline-session.h: a session backed by the engine in-process, against bots. */
#pragma once

#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_OFFLINE_SESSION (tg_offline_session_get_type ())
G_DECLARE_FINAL_TYPE (TgOfflineSession, tg_offline_session, TG, OFFLINE_SESSION, GObject)

/* Plays @settings on @clock (a real clock in the app, a manual one in tests). */
TgOfflineSession *tg_offline_session_new       (const TgMatchSettings *settings,
                                                TgClock               *clock,
                                                const char            *player_name,
                                                GError               **error);
TgMatch          *tg_offline_session_get_match (TgOfflineSession      *self);
guint32           tg_offline_session_get_participant (TgOfflineSession *self);

G_END_DECLS
