/* tg-autoplayer.h: a scripted human player, for tickget-sim, tests and benchmarks.
 *
 * It plays a participant of a match with fixed think times, reacting to the match's
 * participant-changed signal and acting through the same public API as the UI.
 */
#pragma once

#include "tg-match.h"

G_BEGIN_DECLS

typedef struct
{
  guint  early_clicks;      /* clicks on 예매하기 in the last second before open */
  gint64 reaction_ms;       /* open → 예매하기 */
  guint  date_misclicks;
  gint64 date_ms;           /* → date/회차 chosen */
  guint  captcha_wrong;     /* wrong answers before the right one */
  gint64 captcha_ms;        /* per answer */
  gint64 seat_ms;           /* seat map shown → hold attempt (and after each 이선좌) */
  gint64 payment_ms;        /* hold → paid; < 0: never pays (the hold expires) */
} TgAutoplayScript;

typedef struct _TgAutoplayer TgAutoplayer;

void          tg_autoplay_script_init  (TgAutoplayScript       *script);
/* Parses "reaction=250,date=900,captcha=8000,seat=3000,payment=20000,captcha-wrong=1,early=2,misclicks=1". */
gboolean      tg_autoplay_script_parse (const char             *spec,
                                        TgAutoplayScript       *script,
                                        GError                **error);
TgAutoplayer *tg_autoplayer_new        (TgMatch                *match,
                                        guint32                 participant,
                                        const TgAutoplayScript *script);
void          tg_autoplayer_free       (TgAutoplayer           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgAutoplayer, tg_autoplayer_free)

G_END_DECLS
