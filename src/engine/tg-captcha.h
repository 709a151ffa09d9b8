/* tg-captcha.h: 보안문자 challenges and their image.
 *
 * A challenge is 6 characters from an alphabet without look-alike glyphs (no 0/O, 1/I/L, 2/Z, 5/S,
 * 8/B…), checked case-insensitively, with an expiry. The match owns the counters (wrong answers,
 * backspaces); a wrong answer makes the match issue a new challenge.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tg-rng.h"

G_BEGIN_DECLS

#define TG_CAPTCHA_ERROR (tg_captcha_error_quark ())

typedef enum
{
  TG_CAPTCHA_ERROR_WRONG,
  TG_CAPTCHA_ERROR_EXPIRED,
  TG_CAPTCHA_ERROR_RENDER,
} TgCaptchaError;

GQuark tg_captcha_error_quark (void);

#define TG_CAPTCHA_LENGTH 6
#define TG_CAPTCHA_WIDTH  250
#define TG_CAPTCHA_HEIGHT 60

/* The characters a challenge is drawn from (upper case). */
const char *tg_captcha_alphabet (void);

typedef struct
{
  char    text[TG_CAPTCHA_LENGTH + 1];   /* upper case, NUL-terminated */
  guint32 image_seed;                    /* distortion of the image */
  gint64  issued_at;                     /* clock time, µs */
  gint64  expires_at;
} TgCaptcha;

/* Fills @captcha with a new challenge drawn from @rng. */
void             tg_captcha_init     (TgCaptcha   *captcha,
                                      TgRng       *rng,
                                      gint64       now,
                                      gint64       ttl);
/* TRUE if @answer matches (case-insensitive, surrounding spaces ignored) and the challenge has not
 * expired at @now; otherwise FALSE with TG_CAPTCHA_ERROR_WRONG or _EXPIRED. */
gboolean         tg_captcha_check    (const TgCaptcha *captcha,
                                      const char      *answer,
                                      gint64           now,
                                      GError         **error);

/* Draws the distorted image (TG_CAPTCHA_WIDTH × TG_CAPTCHA_HEIGHT at @scale): each character rotated
 * up to ±50°, 15 noise lines and 16 noise dots, all from captcha->image_seed. */
cairo_surface_t *tg_captcha_render   (const TgCaptcha *captcha,
                                      double           scale);
GBytes          *tg_captcha_render_png (const TgCaptcha *captcha,
                                        double           scale,
                                        GError         **error);

G_END_DECLS
