/* tg-captcha.c: 보안문자 challenges and their distorted image. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "tg-captcha.h"

G_DEFINE_QUARK (tg-captcha-error-quark, tg_captcha_error)

/* No glyphs that distortion makes ambiguous: 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 6/G, 8/B, U/V. */
static const char alphabet[] = "ACEFHKMNPRTWXY3479";

const char *
tg_captcha_alphabet (void)
{
  return alphabet;
}

void
tg_captcha_init (TgCaptcha *captcha,
                 TgRng     *rng,
                 gint64     now,
                 gint64     ttl)
{
  g_return_if_fail (captcha != NULL);
  g_return_if_fail (rng != NULL);

  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i++)
    captcha->text[i] = alphabet[tg_rng_below (rng, sizeof alphabet - 1)];
  captcha->text[TG_CAPTCHA_LENGTH] = '\0';
  captcha->image_seed = tg_rng_next (rng);
  captcha->issued_at = now;
  captcha->expires_at = ttl > G_MAXINT64 - now ? G_MAXINT64 : now + ttl;
}

gboolean
tg_captcha_check (const TgCaptcha  *captcha,
                  const char       *answer,
                  gint64            now,
                  GError          **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (captcha != NULL, FALSE);

  if (now >= captcha->expires_at)
    {
      g_set_error_literal (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_EXPIRED,
                           _("The security code has expired"));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (answer != NULL ? answer : ""));
  if (g_ascii_strcasecmp (trimmed, captcha->text) != 0)
    {
      g_set_error_literal (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_WRONG,
                           _("The security code does not match"));
      return FALSE;
    }
  return TRUE;
}

static void
random_ink (TgRng   *rng,
            cairo_t *cr,
            double   alpha)
{
  /* Mid-dark, saturated colours: readable on the light card in both UI styles. */
  static const double palette[][3] = {
    { 0.11, 0.44, 0.85 }, { 0.75, 0.11, 0.16 }, { 0.15, 0.55, 0.27 },
    { 0.47, 0.23, 0.78 }, { 0.80, 0.38, 0.00 }, { 0.20, 0.20, 0.25 },
  };
  const double *c = palette[tg_rng_below (rng, G_N_ELEMENTS (palette))];

  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

cairo_surface_t *
tg_captcha_render (const TgCaptcha *captcha,
                   double           scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  TgRng rng;
  int width, height;

  g_return_val_if_fail (captcha != NULL, NULL);

  scale = CLAMP (scale, 0.25, 8.0);
  width = (int) ceil (TG_CAPTCHA_WIDTH * scale);
  height = (int) ceil (TG_CAPTCHA_HEIGHT * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  tg_rng_init (&rng, captcha->image_seed, 0xca7c);

  cairo_set_source_rgb (cr, 0.96, 0.95, 0.91);
  cairo_paint (cr);

  /* 15 noise lines behind the characters. */
  for (guint i = 0; i < 15; i++)
    {
      random_ink (&rng, cr, 0.55);
      cairo_set_line_width (cr, 0.8 + tg_rng_double (&rng) * 1.6);
      cairo_move_to (cr, tg_rng_double (&rng) * TG_CAPTCHA_WIDTH, tg_rng_double (&rng) * TG_CAPTCHA_HEIGHT);
      cairo_curve_to (cr,
                      tg_rng_double (&rng) * TG_CAPTCHA_WIDTH, tg_rng_double (&rng) * TG_CAPTCHA_HEIGHT,
                      tg_rng_double (&rng) * TG_CAPTCHA_WIDTH, tg_rng_double (&rng) * TG_CAPTCHA_HEIGHT,
                      tg_rng_double (&rng) * TG_CAPTCHA_WIDTH, tg_rng_double (&rng) * TG_CAPTCHA_HEIGHT);
      cairo_stroke (cr);
    }

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold 26px");
  pango_layout_set_font_description (layout, font);

  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i++)
    {
      char glyph[2] = { captcha->text[i], '\0' };
      double angle = (tg_rng_double (&rng) * 100.0 - 50.0) * G_PI / 180.0;   /* ±50° */
      double x = 20 + i * (TG_CAPTCHA_WIDTH - 40) / (double) TG_CAPTCHA_LENGTH + tg_rng_double (&rng) * 8;
      double y = TG_CAPTCHA_HEIGHT / 2.0 + (tg_rng_double (&rng) - 0.5) * 12;
      PangoRectangle ink;

      pango_layout_set_text (layout, glyph, -1);
      pango_layout_get_pixel_extents (layout, NULL, &ink);
      cairo_save (cr);
      cairo_translate (cr, x + ink.width / 2.0, y);
      cairo_rotate (cr, angle);
      cairo_scale (cr, 0.85 + tg_rng_double (&rng) * 0.35, 0.9 + tg_rng_double (&rng) * 0.3);
      cairo_move_to (cr, -ink.width / 2.0 - ink.x, -ink.height / 2.0 - ink.y);
      random_ink (&rng, cr, 1.0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }

  /* 16 noise dots over them. */
  for (guint i = 0; i < 16; i++)
    {
      random_ink (&rng, cr, 0.8);
      cairo_arc (cr, tg_rng_double (&rng) * TG_CAPTCHA_WIDTH, tg_rng_double (&rng) * TG_CAPTCHA_HEIGHT,
                 1.2 + tg_rng_double (&rng) * 2.0, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
tg_captcha_render_png (const TgCaptcha  *captcha,
                       double            scale,
                       GError          **error)
{
  cairo_surface_t *surface;
  GByteArray *png;
  cairo_status_t status;

  g_return_val_if_fail (captcha != NULL, NULL);

  surface = tg_captcha_render (captcha, scale);
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, write_to_array, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_RENDER,
                   _("Could not draw the security code: %s"), cairo_status_to_string (status));
      g_byte_array_unref (png);
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}
