#pragma once

#include <adwaita.h>

#include "tg-captcha-audio.h"
#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_CAPTCHA_PAGE (tg_captcha_page_get_type ())
G_DECLARE_FINAL_TYPE (TgCaptchaPage, tg_captcha_page, TG, CAPTCHA_PAGE, AdwBin)

GtkWidget *tg_captcha_page_new         (void);
void       tg_captcha_page_set_session (TgCaptchaPage *self,
                                        TgSession     *session);
/* A new challenge may be showing: reload the image and clear the entry. */
void       tg_captcha_page_refresh     (TgCaptchaPage *self);
void       tg_captcha_page_tick        (TgCaptchaPage *self);
GtkEditable *tg_captcha_page_get_entry (TgCaptchaPage *self);
/* Hides the picture: the code is only heard (the audio captcha drill). */
void       tg_captcha_page_set_audio_only (TgCaptchaPage *self,
                                           gboolean       audio_only);
/* Reads the code aloud; its language and volume follow the preferences. */
TgCaptchaAudio *tg_captcha_page_get_audio (TgCaptchaPage *self);

G_END_DECLS
