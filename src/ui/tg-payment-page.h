#pragma once

#include <adwaita.h>

#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_PAYMENT_PAGE (tg_payment_page_get_type ())
G_DECLARE_FINAL_TYPE (TgPaymentPage, tg_payment_page, TG, PAYMENT_PAGE, AdwBin)

GtkWidget *tg_payment_page_new         (void);
void       tg_payment_page_set_session (TgPaymentPage *self,
                                        TgSession     *session);
void       tg_payment_page_refresh     (TgPaymentPage *self);
void       tg_payment_page_tick        (TgPaymentPage *self);

G_END_DECLS
