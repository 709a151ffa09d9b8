#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-captcha.h"

#define TTL (10 * G_TIME_SPAN_MINUTE)

static void
make_captcha (TgCaptcha *captcha,
              guint64    seed)
{
  TgRng rng;

  tg_rng_init (&rng, seed, 7);
  tg_captcha_init (captcha, &rng, 1000, TTL);
}

static void
test_alphabet (void)
{
  const char *alphabet = tg_captcha_alphabet ();
  gsize len = strlen (alphabet);

  g_assert_cmpuint (len, >=, 16);
  for (gsize i = 0; i < len; i++)
    {
      char c = alphabet[i];

      g_assert_true (g_ascii_isdigit (c) || g_ascii_isupper (c));
      /* No look-alikes. */
      g_assert_null (strchr ("0OQD1IL2Z5S8BUV", c));
      /* No duplicates: each symbol is equally likely. */
      g_assert_null (strchr (alphabet + i + 1, c));
    }
}

static void
test_init (void)
{
  const char *alphabet = tg_captcha_alphabet ();
  TgCaptcha captcha;

  make_captcha (&captcha, 42);
  g_assert_cmpuint (strlen (captcha.text), ==, TG_CAPTCHA_LENGTH);
  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i++)
    g_assert_nonnull (strchr (alphabet, captcha.text[i]));
  g_assert_cmpint (captcha.issued_at, ==, 1000);
  g_assert_cmpint (captcha.expires_at, ==, 1000 + TTL);
}

static void
test_deterministic (void)
{
  TgCaptcha a, b, c;

  make_captcha (&a, 1234);
  make_captcha (&b, 1234);
  make_captcha (&c, 1235);
  g_assert_cmpstr (a.text, ==, b.text);
  g_assert_cmpuint (a.image_seed, ==, b.image_seed);
  g_assert_true (strcmp (a.text, c.text) != 0 || a.image_seed != c.image_seed);
}

static void
test_uses_whole_alphabet (void)
{
  const char *alphabet = tg_captcha_alphabet ();
  gsize len = strlen (alphabet);
  guint counts[256] = { 0 };
  const guint n = 4000;
  TgRng rng;

  tg_rng_init (&rng, 99, 1);
  for (guint i = 0; i < n; i++)
    {
      TgCaptcha captcha;

      tg_captcha_init (&captcha, &rng, 0, TTL);
      for (guint j = 0; j < TG_CAPTCHA_LENGTH; j++)
        counts[(guchar) captcha.text[j]]++;
    }

  /* Roughly uniform: each symbol within ±20 % of its expected count (1200 draws each). */
  for (gsize i = 0; i < len; i++)
    {
      double expected = (double) n * TG_CAPTCHA_LENGTH / len;

      g_assert_cmpfloat (counts[(guchar) alphabet[i]], >, expected * 0.8);
      g_assert_cmpfloat (counts[(guchar) alphabet[i]], <, expected * 1.2);
    }
}

static void
test_check_case_and_spaces (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *mixed = NULL;
  TgCaptcha captcha;

  make_captcha (&captcha, 5);
  lower = g_ascii_strdown (captcha.text, -1);
  padded = g_strdup_printf ("  \t%s \n", lower);
  mixed = g_strdup (captcha.text);
  for (guint i = 0; i < TG_CAPTCHA_LENGTH; i += 2)
    mixed[i] = g_ascii_tolower (mixed[i]);

  g_assert_true (tg_captcha_check (&captcha, captcha.text, 2000, &error));
  g_assert_no_error (error);
  g_assert_true (tg_captcha_check (&captcha, lower, 2000, &error));
  g_assert_no_error (error);
  g_assert_true (tg_captcha_check (&captcha, padded, 2000, &error));
  g_assert_no_error (error);
  g_assert_true (tg_captcha_check (&captcha, mixed, 2000, &error));
  g_assert_no_error (error);
}

static void
assert_wrong (const TgCaptcha *captcha,
              const char      *answer)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tg_captcha_check (captcha, answer, captcha->issued_at + 1, &error));
  g_assert_error (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_WRONG);
  g_assert_nonnull (error->message);
}

static void
test_check_wrong (void)
{
  const char *alphabet = tg_captcha_alphabet ();
  g_autofree char *one_off = NULL;
  g_autofree char *shorter = NULL;
  g_autofree char *longer = NULL;
  g_autofree char *inner_space = NULL;
  TgCaptcha captcha;

  make_captcha (&captcha, 77);
  one_off = g_strdup (captcha.text);
  one_off[3] = one_off[3] == alphabet[0] ? alphabet[1] : alphabet[0];
  shorter = g_strndup (captcha.text, TG_CAPTCHA_LENGTH - 1);
  longer = g_strconcat (captcha.text, "A", NULL);
  inner_space = g_strdup_printf ("%.3s %s", captcha.text, captcha.text + 3);

  assert_wrong (&captcha, one_off);
  assert_wrong (&captcha, shorter);
  assert_wrong (&captcha, longer);
  assert_wrong (&captcha, inner_space);
  assert_wrong (&captcha, "");
  assert_wrong (&captcha, "   ");
}

static void
test_expiry (void)
{
  g_autoptr(GError) error = NULL;
  TgCaptcha captcha;

  make_captcha (&captcha, 8);
  g_assert_true (tg_captcha_check (&captcha, captcha.text, captcha.expires_at - 1, &error));
  g_assert_no_error (error);

  /* Expired wins over a right answer. */
  g_assert_false (tg_captcha_check (&captcha, captcha.text, captcha.expires_at, &error));
  g_assert_error (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_EXPIRED);
  g_clear_error (&error);

  g_assert_false (tg_captcha_check (&captcha, "nope", captcha.expires_at + TTL, &error));
  g_assert_error (error, TG_CAPTCHA_ERROR, TG_CAPTCHA_ERROR_EXPIRED);
}

typedef struct
{
  const guchar *data;
  gsize         len;
  gsize         pos;
} Reader;

static cairo_status_t
read_bytes (gpointer       closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (reader->pos + length > reader->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->pos, length);
  reader->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *png)
{
  Reader reader = { 0 };
  cairo_surface_t *surface;

  reader.data = g_bytes_get_data (png, &reader.len);
  surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* Variance of the luminance over all pixels (0–255 scale). */
static double
luminance_variance (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  double sum = 0, sum2 = 0;
  double n = (double) width * height;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);
        double l = 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);

        sum += l;
        sum2 += l * l;
      }

  return sum2 / n - (sum / n) * (sum / n);
}

/* Share of pixels that differ between two images of the same size. */
static double
differing_pixels (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *da = cairo_image_surface_get_data (a);
  const guchar *db = cairo_image_surface_get_data (b);
  guint differ = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      differ += memcmp (da + y * stride + x * 4, db + y * stride + x * 4, 4) != 0;

  return (double) differ / ((double) width * height);
}

static void
test_png_size_and_content (void)
{
  const double scales[] = { 1.0, 2.0 };
  TgCaptcha captcha;

  make_captcha (&captcha, 2024);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = tg_captcha_render_png (&captcha, scales[i], &error);
      cairo_surface_t *surface;
      double variance;

      g_assert_no_error (error);
      g_assert_nonnull (png);
      g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);

      surface = decode_png (png);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) (TG_CAPTCHA_WIDTH * scales[i]));
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) (TG_CAPTCHA_HEIGHT * scales[i]));

      /* A blank or single-colour image has a variance near 0; dark glyphs on a pale card give
       * hundreds or more. */
      variance = luminance_variance (surface);
      g_test_message ("scale %.0f: luminance variance %.1f", scales[i], variance);
      g_assert_cmpfloat (variance, >, 500.0);
      cairo_surface_destroy (surface);
    }
}

static void
test_png_deterministic (void)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  TgCaptcha captcha;

  make_captcha (&captcha, 31337);
  first = tg_captcha_render_png (&captcha, 1.0, NULL);
  second = tg_captcha_render_png (&captcha, 1.0, NULL);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_png_seeds_differ (void)
{
  TgCaptcha a, b;
  g_autoptr(GBytes) png_a = NULL;
  g_autoptr(GBytes) png_b = NULL;
  cairo_surface_t *sa, *sb;
  double share;

  make_captcha (&a, 1);
  /* Same text, other distortion: the picture must change although the answer does not. */
  b = a;
  b.image_seed = a.image_seed + 1;

  png_a = tg_captcha_render_png (&a, 1.0, NULL);
  png_b = tg_captcha_render_png (&b, 1.0, NULL);
  sa = decode_png (png_a);
  sb = decode_png (png_b);
  share = differing_pixels (sa, sb);
  g_test_message ("%.1f %% of the pixels differ", share * 100);
  g_assert_cmpfloat (share, >, 0.5);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
}

/* Leaves a few samples in the build directory for a human to look at. */
static void
test_png_samples (void)
{
  for (guint64 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      TgCaptcha captcha;

      make_captcha (&captcha, seed);
      png = tg_captcha_render_png (&captcha, 2.0, &error);
      g_assert_no_error (error);
      name = g_strdup_printf ("captcha-%" G_GUINT64_FORMAT "-%s.png", seed, captcha.text);
      path = g_test_build_filename (G_TEST_BUILT, name, NULL);
      g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/captcha/alphabet", test_alphabet);
  g_test_add_func ("/engine/captcha/init", test_init);
  g_test_add_func ("/engine/captcha/deterministic", test_deterministic);
  g_test_add_func ("/engine/captcha/uses-whole-alphabet", test_uses_whole_alphabet);
  g_test_add_func ("/engine/captcha/check-case-and-spaces", test_check_case_and_spaces);
  g_test_add_func ("/engine/captcha/check-wrong", test_check_wrong);
  g_test_add_func ("/engine/captcha/expiry", test_expiry);
  g_test_add_func ("/engine/captcha/png-size-and-content", test_png_size_and_content);
  g_test_add_func ("/engine/captcha/png-deterministic", test_png_deterministic);
  g_test_add_func ("/engine/captcha/png-seeds-differ", test_png_seeds_differ);
  g_test_add_func ("/engine/captcha/png-samples", test_png_samples);

  return g_test_run ();
}
