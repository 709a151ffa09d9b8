/* tg-drills-view.h: practise one stage at a time — the open-time click, the security code
 * (picture or audio) and seat picking on a map filling up — with a mini-result per attempt and
 * the drills' own charts. Attempts are stored as drills, apart from full matches. */
#pragma once

#include <adwaita.h>

#include "tg-clock.h"
#include "tg-history.h"

G_BEGIN_DECLS

#define TG_TYPE_DRILLS_VIEW (tg_drills_view_get_type ())
G_DECLARE_FINAL_TYPE (TgDrillsView, tg_drills_view, TG, DRILLS_VIEW, AdwBin)

GtkWidget *tg_drills_view_new          (void);
/* Where attempts are stored (a reference is taken; NULL: not stored). */
void       tg_drills_view_set_history  (TgDrillsView  *self,
                                        TgHistory     *history);
/* A TgManualClock that tests advance themselves; NULL (default): each drill runs on its own
 * manual clock, fast-forwarded to the stage and then moved with real time. */
void       tg_drills_view_set_clock    (TgDrillsView  *self,
                                        TgClock       *clock);
/* Starts a drill; the seat drill's bots play at @difficulty. */
void       tg_drills_view_start        (TgDrillsView  *self,
                                        TgDrillKind    kind,
                                        TgDifficulty   difficulty,
                                        gboolean       audio);
/* Back to the list of drills (abandons one in progress, which is not stored). */
void       tg_drills_view_show_menu    (TgDrillsView  *self);
gboolean   tg_drills_view_is_running   (TgDrillsView  *self);

G_END_DECLS
