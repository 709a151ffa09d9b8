/* tg-report-page.h: the built-in analyst's report over the filtered plays and, beside it, the
 * optional review by an OpenAI-compatible chat model (Preferences → Analysis). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TG_TYPE_REPORT_PAGE (tg_report_page_get_type ())
G_DECLARE_FINAL_TYPE (TgReportPage, tg_report_page, TG, REPORT_PAGE, AdwBin)

GtkWidget  *tg_report_page_new          (void);
/* The endpoint, model, key and time limit are read from @settings when the model is asked. */
void        tg_report_page_set_settings (TgReportPage *self,
                                         GSettings    *settings);
/* @plays: TgHistoryPlay; @drills: TgHistoryDrill or NULL (both borrowed for the call). Cancels
 * a review in progress: it was about other plays. */
void        tg_report_page_set_plays    (TgReportPage *self,
                                         GPtrArray    *plays,
                                         GPtrArray    *drills);
/* TRUE when a report is shown (≥ 10 plays), FALSE for the "not enough plays" message. */
gboolean    tg_report_page_has_report   (TgReportPage *self);
/* The report, or the message, as plain text. */
const char *tg_report_page_get_text     (TgReportPage *self);

/* The model's review */
void        tg_report_page_ask_model    (TgReportPage *self);
void        tg_report_page_cancel       (TgReportPage *self);
gboolean    tg_report_page_is_asking    (TgReportPage *self);
/* The model's text, or NULL. */
const char *tg_report_page_get_review   (TgReportPage *self);
/* The last error shown, or NULL. */
const char *tg_report_page_get_error    (TgReportPage *self);

G_END_DECLS
