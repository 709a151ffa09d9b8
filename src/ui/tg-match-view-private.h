/* tg-match-view-private.h: the match view's parts, for the window and the UI tests that drive a
 * whole match through the real widgets. */
#pragma once

#include "tg-captcha-page.h"
#include "tg-match-view.h"
#include "tg-payment-page.h"
#include "tg-result-page.h"
#include "tg-seat-page.h"

G_BEGIN_DECLS

GtkWidget     *tg_match_view_get_book_button  (TgMatchView *self);
/* The message showing (이선좌, a wrong code…), or NULL once it is gone. */
AdwToast      *tg_match_view_get_toast        (TgMatchView *self);
/* The button of date/회차 @index, or NULL. */
GtkWidget     *tg_match_view_get_date_button  (TgMatchView *self,
                                               guint        index);
GtkWidget     *tg_match_view_get_click_page   (TgMatchView *self);
/* What to do now on the click page (예매하기, the waiting room, the dates). */
GtkLabel      *tg_match_view_get_click_hint   (TgMatchView *self);
GtkWidget     *tg_match_view_get_queue_paused_label (TgMatchView *self);
TgCaptchaPage *tg_match_view_get_captcha_page (TgMatchView *self);
TgSeatPage    *tg_match_view_get_seat_page    (TgMatchView *self);
TgPaymentPage *tg_match_view_get_payment_page (TgMatchView *self);
TgResultPage  *tg_match_view_get_result_page  (TgMatchView *self);

/* Payment page parts. */
GtkWidget     *tg_payment_page_get_agree_check (TgPaymentPage *self);
GtkWidget     *tg_payment_page_get_pay_button  (TgPaymentPage *self);
GtkWidget     *tg_payment_page_get_back_button (TgPaymentPage *self);
GtkLabel      *tg_payment_page_get_timer_label (TgPaymentPage *self);

/* Result page parts. */
GtkLabel      *tg_result_page_get_title_label  (TgResultPage  *self);

G_END_DECLS
