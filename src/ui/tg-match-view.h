/* tg-match-view.h: the screens of one match, driven by a TgSession. */
#pragma once

#include <adwaita.h>

#include "tg-captcha-audio.h"
#include "tg-session.h"

G_BEGIN_DECLS

#define TG_TYPE_MATCH_VIEW (tg_match_view_get_type ())
G_DECLARE_FINAL_TYPE (TgMatchView, tg_match_view, TG, MATCH_VIEW, AdwBin)

GtkWidget *tg_match_view_new         (void);
void       tg_match_view_set_session (TgMatchView *self,
                                      TgSession   *session);
TgSession *tg_match_view_get_session (TgMatchView *self);
/* TRUE while the player is still in the race (leaving needs a confirmation). */
gboolean   tg_match_view_is_playing  (TgMatchView *self);
const char *tg_match_view_get_page_name (TgMatchView *self);
TgCaptchaAudio *tg_match_view_get_captcha_audio (TgMatchView *self);

G_END_DECLS
