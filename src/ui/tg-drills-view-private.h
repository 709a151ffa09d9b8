/* tg-drills-view-private.h: the drills' parts, for the UI tests. */
#pragma once

#include "tg-captcha-page.h"
#include "tg-chart.h"
#include "tg-drill.h"
#include "tg-drills-view.h"
#include "tg-seat-page.h"

G_BEGIN_DECLS

/* "menu", "click", "captcha", "seat" or "result". */
const char    *tg_drills_view_get_page_name    (TgDrillsView *self);
TgDrill       *tg_drills_view_get_drill        (TgDrillsView *self);
GtkWidget     *tg_drills_view_get_book_button  (TgDrillsView *self);
TgCaptchaPage *tg_drills_view_get_captcha_page (TgDrillsView *self);
TgSeatPage    *tg_drills_view_get_seat_page    (TgDrillsView *self);
/* The mini-result's title, e.g. "0.250 s". */
const char    *tg_drills_view_get_result_title (TgDrillsView *self);
TgChart       *tg_drills_view_get_chart        (TgDrillsView *self);
AdwComboRow   *tg_drills_view_get_chart_row    (TgDrillsView *self);

G_END_DECLS
