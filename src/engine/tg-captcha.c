/* tg-captcha.c: 보안문자 challenges, their check and their distorted image. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tg-captcha.h"

G_DEFINE_QUARK (tg-captcha-error-quark, tg_captcha_error)

/* Upper-case glyphs only, and none that a rotated, noisy rendering (or a rushed player) confuses
 * with another: 0/O/Q/D (round shapes), 1/I/L (vertical strokes), 2/Z, 5/S, 8/B, U/V, and 6/G
 * (a tilted G reads as 6). Letters that only differ by case are out of the question because the
 * check ignores case anyway. Twenty symbols still give 20^6 = 64 million challenges. */
static const char alphabet[] = "34679ACEFHJKMNPRTWXY";

/* The image's PRNG stream, apart from every other stream a match draws from its seed. */
#define IMAGE_STREAM G_GUINT64_CONSTANT (0x5ec0de)

#define MAX_ROTATION_DEG 50.0
#define N_NOISE_LINES    15
#define N_NOISE_DOTS     16

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
  g_return_if_fail (ttl > 0);

  memset (captcha, 0, sizeof *captcha);
  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i++)
    captcha->text[i] = alphabet[tg_rng_below (rng, sizeof alphabet - 1)];
  captcha->text[TG_CAPTCHA_LENGTH] = '\0';
  captcha->image_seed = tg_rng_next (rng);
  captcha->issued_at = now;
  captcha->expires_at = now + ttl;
}

gboolean
tg_captcha_check (const TgCaptcha *captcha,
                  const char      *answer,
                  gint64           now,
                  GError         **error)
{
  g_autofree char *typed = NULL;

  g_return_val_if_fail (captcha != NULL, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* An expired challenge is refused even when the answer is right: the image is gone. */
  if (now >= captcha->expires_at)
    {
      g_set_error_literal (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_EXPIRED,
                           _("The security code has expired; enter the new one"));
      return FALSE;
    }

  typed = g_strstrip (g_strdup (answer));
  if (g_ascii_strcasecmp (typed, captcha->text) != 0)
    {
      g_set_error_literal (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_WRONG,
                           _("The characters do not match the security code"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  double r, g, b;
} Rgb;

static Rgb
hsl_to_rgb (double h,
            double s,
            double l)
{
  double c = (1.0 - fabs (2.0 * l - 1.0)) * s;
  double hp = fmod (h, 360.0) / 60.0;
  double x = c * (1.0 - fabs (fmod (hp, 2.0) - 1.0));
  double m = l - c / 2.0;
  Rgb rgb = { 0, 0, 0 };

  if (hp < 1)
    rgb = (Rgb) { c, x, 0 };
  else if (hp < 2)
    rgb = (Rgb) { x, c, 0 };
  else if (hp < 3)
    rgb = (Rgb) { 0, c, x };
  else if (hp < 4)
    rgb = (Rgb) { 0, x, c };
  else if (hp < 5)
    rgb = (Rgb) { x, 0, c };
  else
    rgb = (Rgb) { c, 0, x };

  rgb.r += m;
  rgb.g += m;
  rgb.b += m;
  return rgb;
}

/* Dark, saturated ink: strong contrast with the pale card whatever the theme around it. */
static void
set_ink (cairo_t *cr,
         TgRng   *rng,
         double   alpha)
{
  Rgb ink = hsl_to_rgb (tg_rng_double (rng) * 360.0,
                        0.55 + 0.35 * tg_rng_double (rng),
                        0.18 + 0.14 * tg_rng_double (rng));

  cairo_set_source_rgba (cr, ink.r, ink.g, ink.b, alpha);
}

static double
uniform (TgRng  *rng,
         double  lo,
         double  hi)
{
  return lo + (hi - lo) * tg_rng_double (rng);
}

/* The image is an opaque pale card rather than glyphs on a transparent background, so it reads the
 * same in the light and the dark style; only its tint changes from one challenge to the next. */
static void
draw_background (cairo_t *cr,
                 TgRng   *rng)
{
  double hue = tg_rng_double (rng) * 360.0;
  Rgb from = hsl_to_rgb (hue, 0.45, 0.92);
  Rgb to = hsl_to_rgb (hue + uniform (rng, 30.0, 90.0), 0.45, 0.86);
  cairo_pattern_t *gradient;

  gradient = cairo_pattern_create_linear (0, 0, TG_CAPTCHA_WIDTH, TG_CAPTCHA_HEIGHT);
  cairo_pattern_add_color_stop_rgb (gradient, 0, from.r, from.g, from.b);
  cairo_pattern_add_color_stop_rgb (gradient, 1, to.r, to.g, to.b);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
}

static void
draw_characters (cairo_t         *cr,
                 TgRng           *rng,
                 const TgCaptcha *captcha)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();
  const double margin = 14.0;
  const double step = (TG_CAPTCHA_WIDTH - 2 * margin) / TG_CAPTCHA_LENGTH;

  /* No hinting: glyph outlines then do not depend on the scale the image is drawn at. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  font = pango_font_description_from_string ("DejaVu Sans, Noto Sans CJK KR, Sans Bold");

  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i++)
    {
      char glyph[2] = { captcha->text[i], '\0' };
      double cx = margin + step * (i + 0.5) + uniform (rng, -4.0, 4.0);
      double cy = TG_CAPTCHA_HEIGHT / 2.0 + uniform (rng, -5.0, 5.0);
      double angle = uniform (rng, -MAX_ROTATION_DEG, MAX_ROTATION_DEG) * G_PI / 180.0;
      PangoRectangle ink;

      pango_font_description_set_absolute_size (font, uniform (rng, 30.0, 36.0) * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, glyph, 1);
      pango_layout_get_extents (layout, &ink, NULL);

      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_rotate (cr, angle);
      cairo_translate (cr,
                       -(ink.x + ink.width / 2.0) / PANGO_SCALE,
                       -(ink.y + ink.height / 2.0) / PANGO_SCALE);
      set_ink (cr, rng, 1.0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

/* Thin strokes in the same inks as the glyphs, so they cannot be filtered out by colour, yet thin
 * enough that a human eye still separates them from the letters. */
static void
draw_noise (cairo_t *cr,
            TgRng   *rng)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < N_NOISE_LINES; i++)
    {
      double x0 = uniform (rng, -10.0, TG_CAPTCHA_WIDTH * 0.6);
      double y0 = uniform (rng, 0, TG_CAPTCHA_HEIGHT);
      double x1 = x0 + uniform (rng, 40.0, TG_CAPTCHA_WIDTH * 0.6);
      double y1 = uniform (rng, 0, TG_CAPTCHA_HEIGHT);

      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr,
                      x0 + (x1 - x0) / 3.0, uniform (rng, 0, TG_CAPTCHA_HEIGHT),
                      x0 + 2.0 * (x1 - x0) / 3.0, uniform (rng, 0, TG_CAPTCHA_HEIGHT),
                      x1, y1);
      cairo_set_line_width (cr, uniform (rng, 0.8, 1.8));
      set_ink (cr, rng, uniform (rng, 0.55, 0.9));
      cairo_stroke (cr);
    }

  for (guint i = 0; i < N_NOISE_DOTS; i++)
    {
      cairo_arc (cr,
                 uniform (rng, 0, TG_CAPTCHA_WIDTH),
                 uniform (rng, 0, TG_CAPTCHA_HEIGHT),
                 uniform (rng, 1.0, 2.6),
                 0, 2 * G_PI);
      set_ink (cr, rng, uniform (rng, 0.6, 0.95));
      cairo_fill (cr);
    }
}

cairo_surface_t *
tg_captcha_render (const TgCaptcha *captcha,
                   double           scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  TgRng rng;

  g_return_val_if_fail (captcha != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (TG_CAPTCHA_WIDTH * scale),
                                        (int) ceil (TG_CAPTCHA_HEIGHT * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);

  /* Every stroke comes from image_seed: the same challenge always shows the same picture. */
  tg_rng_init (&rng, captcha->image_seed, IMAGE_STREAM);
  draw_background (cr, &rng);
  draw_characters (cr, &rng, captcha);
  draw_noise (cr, &rng);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
append_bytes (gpointer             closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
tg_captcha_render_png (const TgCaptcha *captcha,
                       double           scale,
                       GError         **error)
{
  cairo_surface_t *surface;
  g_autoptr(GByteArray) png = NULL;
  cairo_status_t status;

  g_return_val_if_fail (captcha != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  surface = tg_captcha_render (captcha, scale);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      png = g_byte_array_new ();
      status = cairo_surface_write_to_png_stream (surface, append_bytes, png);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_RENDER,
                   _("Could not draw the security code image: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
