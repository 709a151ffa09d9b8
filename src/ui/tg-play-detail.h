/* tg-play-detail.h: one stored play — its stages against the bots of its match, its mistakes,
 * seats and season score. */
#pragma once

#include <adwaita.h>

#include "tg-history.h"
#include "tg-stage-chart.h"

G_BEGIN_DECLS

#define TG_TYPE_PLAY_DETAIL (tg_play_detail_get_type ())
G_DECLARE_FINAL_TYPE (TgPlayDetail, tg_play_detail, TG, PLAY_DETAIL, AdwBin)

GtkWidget     *tg_play_detail_new        (void);
/* Copies @play; NULL clears the page. */
void           tg_play_detail_set_play   (TgPlayDetail        *self,
                                          const TgHistoryPlay *play);
gint64         tg_play_detail_get_play_id (TgPlayDetail       *self);
TgStageChart  *tg_play_detail_get_chart  (TgPlayDetail        *self);
/* The title shown, e.g. "2024-03-14 21:05 — Booked 2 seats". */
const char    *tg_play_detail_get_title  (TgPlayDetail        *self);

G_END_DECLS
