#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tg-captcha.h"
#include "tg-captcha-audio.h"

/* Must match tg-captcha-audio.c. */
#define LEAD_IN_S 0.5
#define PAUSE_S   0.65
#define TAIL_S    0.4

typedef struct
{
  char           *tmpdir;
  TgCaptchaAudio *audio;
  TgCaptcha       captcha;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgRng rng;

  fx->tmpdir = g_dir_make_tmp ("test-captcha-audio-XXXXXX", &error);
  g_assert_no_error (error);
  fx->audio = tg_captcha_audio_new (VOICE_SRCDIR);

  tg_rng_init (&rng, 20261125, 3);
  tg_captcha_init (&fx->captcha, &rng, 0, 10 * G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->tmpdir);
  g_free (fx->tmpdir);
  /* No playback keeps the object alive once it has finished, stopped or failed. */
  g_assert_finalize_object (fx->audio);
}

/* Length of an Ogg Vorbis clip from its last granule position and the identification header. */
static double
clip_seconds (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const char *id = NULL;
  guint32 rate = 0;
  guint64 granule = 0;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  for (gsize i = 0; id == NULL && i + 7 <= len; i++)
    if (memcmp (data + i, "\x01vorbis", 7) == 0)
      id = data + i;
  g_assert_nonnull (id);
  memcpy (&rate, id + 12, 4);
  rate = GUINT32_FROM_LE (rate);
  g_assert_cmpuint (rate, >, 0);

  for (gsize i = len - 4; i > 0; i--)
    if (memcmp (data + i, "OggS", 4) == 0)
      {
        memcpy (&granule, data + i + 6, 8);
        granule = GUINT64_FROM_LE (granule);
        break;
      }
  g_assert_cmpuint (granule, >, 0);

  return (double) granule / rate;
}

typedef struct
{
  guint   rate;
  gsize   n_samples;
  gint16 *samples;
} Wav;

static void
wav_clear (Wav *wav)
{
  g_clear_pointer (&wav->samples, g_free);
}

/* Reads a mono 16-bit PCM RIFF file, walking its chunks. */
static void
wav_load (Wav        *wav,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *data = NULL;
  gsize len, pos = 12;

  g_file_get_contents (path, (char **) &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 4, "WAVE", 4);

  memset (wav, 0, sizeof *wav);
  while (pos + 8 <= len)
    {
      guint32 size = GUINT32_FROM_LE (*(guint32 *) (data + pos + 4));
      const guchar *body = data + pos + 8;

      g_assert_cmpuint (pos + 8 + size, <=, len);
      if (memcmp (data + pos, "fmt ", 4) == 0)
        {
          g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) body), ==, 1);        /* PCM */
          g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (body + 2)), ==, 1);  /* mono */
          wav->rate = GUINT32_FROM_LE (*(guint32 *) (body + 4));
          g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (body + 14)), ==, 16);
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          wav->n_samples = size / 2;
          wav->samples = g_memdup2 (body, wav->n_samples * 2);
          for (gsize i = 0; i < wav->n_samples; i++)
            wav->samples[i] = GINT16_FROM_LE (wav->samples[i]);
        }
      pos += 8 + size + (size & 1);
    }

  g_assert_cmpuint (wav->rate, >, 0);
  g_assert_nonnull (wav->samples);
}

/* RMS of [from, to) seconds, as a fraction of full scale. */
static double
wav_rms (const Wav *wav,
         double     from,
         double     to)
{
  gsize a = MIN ((gsize) (from * wav->rate), wav->n_samples);
  gsize b = MIN ((gsize) (to * wav->rate), wav->n_samples);
  double sum = 0;

  g_assert_cmpuint (b, >, a);
  for (gsize i = a; i < b; i++)
    sum += (double) wav->samples[i] * wav->samples[i];
  return sqrt (sum / (b - a)) / 32768.0;
}

static double
expected_seconds (const char *lang,
                  const char *text)
{
  double total = LEAD_IN_S + TAIL_S + PAUSE_S * (strlen (text) - 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      char name[] = { *p, '.', 'o', 'g', 'g', '\0' };
      g_autofree char *path = g_build_filename (VOICE_SRCDIR, lang, name, NULL);

      total += clip_seconds (path);
    }
  return total;
}

static void
test_clips_cover_alphabet (void)
{
  const char *langs[] = { "ko", "en" };
  const char *alphabet = tg_captcha_alphabet ();

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (const char *p = alphabet; *p != '\0'; p++)
      {
        char name[] = { *p, '.', 'o', 'g', 'g', '\0' };
        g_autofree char *path = g_build_filename (VOICE_SRCDIR, langs[l], name, NULL);
        double seconds;

        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        /* Trimmed: a spoken letter or number, not a sentence or a long silence. */
        seconds = clip_seconds (path);
        g_assert_cmpfloat (seconds, >, 0.15);
        g_assert_cmpfloat (seconds, <, 1.5);
      }
}

static void
check_render (Fixture    *fx,
              const char *lang)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->tmpdir, "captcha.wav", NULL);
  g_autofree char *lower = g_ascii_strdown (fx->captcha.text, -1);
  Wav wav;
  double seconds, expected, total_rms, lead_rms, tail_rms;

  tg_captcha_audio_set_language (fx->audio, lang);
  /* Any case: the module reads the upper-case clip. */
  g_assert_true (tg_captcha_audio_render_to_file (fx->audio, lower, path, &error));
  g_assert_no_error (error);

  wav_load (&wav, path);
  seconds = (double) wav.n_samples / wav.rate;
  expected = expected_seconds (lang, fx->captcha.text);
  total_rms = wav_rms (&wav, 0, seconds);
  lead_rms = wav_rms (&wav, 0.05, LEAD_IN_S - 0.05);
  tail_rms = wav_rms (&wav, seconds - TAIL_S + 0.05, seconds - 0.1);
  g_test_message ("%s “%s”: %.3f s (clips + pauses: %.3f s), %u Hz, RMS %.4f (%.1f dBFS), "
                  "noise alone %.4f (%.1f dBFS)",
                  lang, fx->captcha.text, seconds, expected, wav.rate,
                  total_rms, 20 * log10 (total_rms), lead_rms, 20 * log10 (lead_rms));

  /* Six clips and the pauses, to a few buffers. */
  g_assert_cmpfloat (fabs (seconds - expected), <, 0.1);
  /* Speech is there: clearly above silence and clearly above the noise alone. */
  g_assert_cmpfloat (total_rms, >, 0.03);
  g_assert_cmpfloat (total_rms, >, 4 * lead_rms);
  /* The noise is there too, but light. */
  g_assert_cmpfloat (lead_rms, >, 0.001);
  g_assert_cmpfloat (lead_rms, <, 0.03);
  /* …and lasts until the end: the noise source is ended by the speech, not before it. */
  g_assert_cmpfloat (tail_rms, >, 0.001);
  g_assert_cmpfloat (tail_rms, <, 0.03);

  wav_clear (&wav);
}

static void
test_render_wav_ko (Fixture       *fx,
                    gconstpointer  data)
{
  check_render (fx, "ko");
}

static void
test_render_wav_en (Fixture       *fx,
                    gconstpointer  data)
{
  check_render (fx, "en");
}

static void
test_render_volume (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *loud_path = g_build_filename (fx->tmpdir, "loud.wav", NULL);
  g_autofree char *soft_path = g_build_filename (fx->tmpdir, "soft.wav", NULL);
  g_autofree char *mute_path = g_build_filename (fx->tmpdir, "mute.wav", NULL);
  Wav loud, soft, mute;
  double ratio;

  tg_captcha_audio_set_volume (fx->audio, 1.0);
  g_assert_true (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, loud_path, &error));
  g_assert_no_error (error);
  tg_captcha_audio_set_volume (fx->audio, 0.25);
  g_assert_true (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, soft_path, &error));
  g_assert_no_error (error);
  tg_captcha_audio_set_volume (fx->audio, 0.0);
  g_assert_true (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, mute_path, &error));
  g_assert_no_error (error);

  wav_load (&loud, loud_path);
  wav_load (&soft, soft_path);
  wav_load (&mute, mute_path);

  /* Noise is random, speech is not: a quarter of the volume is about a quarter of the RMS. */
  ratio = wav_rms (&soft, 0, 1e9) / wav_rms (&loud, 0, 1e9);
  g_test_message ("RMS ratio at volume 0.25 / 1.0: %.3f", ratio);
  g_assert_cmpfloat (ratio, >, 0.2);
  g_assert_cmpfloat (ratio, <, 0.3);
  g_assert_cmpfloat (wav_rms (&mute, 0, 1e9), <, 1e-4);

  wav_clear (&loud);
  wav_clear (&soft);
  wav_clear (&mute);
}

static void
test_render_ogg (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->tmpdir, "captcha.ogg", NULL);
  double seconds;

  g_assert_true (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, path, &error));
  g_assert_no_error (error);

  seconds = clip_seconds (path);
  g_test_message ("Ogg render: %.3f s", seconds);
  g_assert_cmpfloat (fabs (seconds - expected_seconds ("ko", fx->captcha.text)), <, 0.35);
}

static void
test_missing_clips (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgCaptchaAudio) nowhere = NULL;
  g_autofree char *missing_dir = g_build_filename (fx->tmpdir, "no-such-voices", NULL);
  g_autofree char *path = g_build_filename (fx->tmpdir, "captcha.wav", NULL);

  nowhere = tg_captcha_audio_new (missing_dir);
  g_assert_false (tg_captcha_audio_render_to_file (nowhere, fx->captcha.text, path, &error));
  g_assert_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_CLIP);
  g_assert_nonnull (strstr (error->message, missing_dir));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A language without clips. */
  tg_captcha_audio_set_language (fx->audio, "xx");
  g_assert_false (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, path, &error));
  g_assert_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_CLIP);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_invalid_input (Fixture       *fx,
                    gconstpointer  data)
{
  const char *texts[] = { "", "AB/CD", "..", "A B" };
  g_autofree char *wav = g_build_filename (fx->tmpdir, "captcha.wav", NULL);
  g_autofree char *mp3 = g_build_filename (fx->tmpdir, "captcha.mp3", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_false (tg_captcha_audio_render_to_file (fx->audio, texts[i], wav, &error));
      g_assert_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (tg_captcha_audio_render_to_file (fx->audio, fx->captcha.text, mp3, &error));
  g_assert_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_INVALID);
  g_assert_false (g_file_test (mp3, G_FILE_TEST_EXISTS));
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} PlayResult;

static void
on_played (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PlayResult *res = user_data;

  tg_captcha_audio_play_finish (TG_CAPTCHA_AUDIO (object), result, &res->error);
  res->done = TRUE;
  g_main_loop_quit (res->loop);
}

static gboolean
stop_soon (gpointer user_data)
{
  tg_captcha_audio_stop (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
too_slow (gpointer user_data)
{
  g_error ("playback did not finish");
  return G_SOURCE_REMOVE;
}

static void
run_until_done (PlayResult *res)
{
  guint timeout = g_timeout_add_seconds (30, too_slow, NULL);

  if (!res->done)
    g_main_loop_run (res->loop);
  g_source_remove (timeout);
}

/* The default output: a sound card, or the fake sink autoaudiosink falls back to in CI. */
static void
test_play_to_end (Fixture       *fx,
                  gconstpointer  data)
{
  PlayResult res = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  tg_captcha_audio_set_volume (fx->audio, 0.0);
  tg_captcha_audio_play_async (fx->audio, "A", NULL, on_played, &res);
  g_assert_true (tg_captcha_audio_get_playing (fx->audio));
  run_until_done (&res);

  g_assert_no_error (res.error);
  g_assert_false (tg_captcha_audio_get_playing (fx->audio));
  g_main_loop_unref (res.loop);
}

static void
test_play_stop (Fixture       *fx,
                gconstpointer  data)
{
  PlayResult res = { g_main_loop_new (NULL, FALSE), NULL, FALSE };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  tg_captcha_audio_set_volume (fx->audio, 0.0);

  tg_captcha_audio_play_async (fx->audio, fx->captcha.text, NULL, on_played, &res);
  g_timeout_add (200, stop_soon, fx->audio);
  run_until_done (&res);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tg_captcha_audio_get_playing (fx->audio));
  g_clear_error (&res.error);

  res.done = FALSE;
  tg_captcha_audio_play_async (fx->audio, fx->captcha.text, cancellable, on_played, &res);
  g_timeout_add (200, cancel_soon, cancellable);
  run_until_done (&res);
  g_assert_error (res.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tg_captcha_audio_get_playing (fx->audio));
  g_clear_error (&res.error);

  g_main_loop_unref (res.loop);
}

static void
test_play_missing_clip (Fixture       *fx,
                        gconstpointer  data)
{
  PlayResult res = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  tg_captcha_audio_set_language (fx->audio, "xx");
  tg_captcha_audio_play_async (fx->audio, fx->captcha.text, NULL, on_played, &res);
  run_until_done (&res);
  g_assert_error (res.error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_CLIP);
  g_assert_false (tg_captcha_audio_get_playing (fx->audio));
  g_clear_error (&res.error);
  g_main_loop_unref (res.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/media/captcha-audio/clips-cover-alphabet", test_clips_cover_alphabet);
#define ADD(path, func) \
  g_test_add ("/media/captcha-audio/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("render-wav-ko", test_render_wav_ko);
  ADD ("render-wav-en", test_render_wav_en);
  ADD ("render-volume", test_render_volume);
  ADD ("render-ogg", test_render_ogg);
  ADD ("missing-clips", test_missing_clips);
  ADD ("invalid-input", test_invalid_input);
  ADD ("play-to-end", test_play_to_end);
  ADD ("play-stop", test_play_stop);
  ADD ("play-missing-clip", test_play_missing_clip);
#undef ADD

  return g_test_run ();
}
