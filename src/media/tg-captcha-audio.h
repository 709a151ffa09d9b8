/* tg-captcha-audio.h: the audio captcha, a 보안문자 read aloud for players who cannot see it.
 *
 * The challenge is spoken one character at a time from pre-recorded clips
 * (<voice-dir>/<language>/<CHAR>.ogg), with pauses between characters, over light pink noise that
 * keeps it from being a plain speech-recognition exercise. One GStreamer pipeline plays it to the
 * sound card, or renders the very same audio to a .wav or .ogg file.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TG_CAPTCHA_AUDIO_ERROR (tg_captcha_audio_error_quark ())

typedef enum
{
  TG_CAPTCHA_AUDIO_ERROR_INVALID,          /* empty text, a character that cannot be spoken, a bad file name */
  TG_CAPTCHA_AUDIO_ERROR_MISSING_CLIP,     /* no voice clip for a character in that language */
  TG_CAPTCHA_AUDIO_ERROR_MISSING_ELEMENT,  /* a GStreamer plugin is not installed */
  TG_CAPTCHA_AUDIO_ERROR_STREAM,           /* GStreamer failed while playing or rendering */
} TgCaptchaAudioError;

GQuark tg_captcha_audio_error_quark (void);

#define TG_TYPE_CAPTCHA_AUDIO (tg_captcha_audio_get_type ())
G_DECLARE_FINAL_TYPE (TgCaptchaAudio, tg_captcha_audio, TG, CAPTCHA_AUDIO, GObject)

/* The installed clips ($pkgdatadir/voice). */
const char     *tg_captcha_audio_get_default_voice_dir (void);

/* @voice_dir holds one folder per language; NULL for the installed clips. */
TgCaptchaAudio *tg_captcha_audio_new           (const char          *voice_dir);

const char     *tg_captcha_audio_get_voice_dir (TgCaptchaAudio      *self);
/* "ko" (the default) or "en": the name of a folder in the voice directory. */
const char     *tg_captcha_audio_get_language  (TgCaptchaAudio      *self);
void            tg_captcha_audio_set_language  (TgCaptchaAudio      *self,
                                                const char          *language);
/* Output volume, 0 (mute) to 1 (clips at full scale); 0.8 by default. Applies to a playback that
 * is already running too. */
double          tg_captcha_audio_get_volume    (TgCaptchaAudio      *self);
void            tg_captcha_audio_set_volume    (TgCaptchaAudio      *self,
                                                double               volume);
gboolean        tg_captcha_audio_get_playing   (TgCaptchaAudio      *self);

/* Plays @text (the challenge, any case) to the default audio output. Starting a new playback stops
 * the previous one, whose task then fails with G_IO_ERROR_CANCELLED, as it does after
 * tg_captcha_audio_stop() or when @cancellable is cancelled. */
void            tg_captcha_audio_play_async    (TgCaptchaAudio      *self,
                                                const char          *text,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        tg_captcha_audio_play_finish   (TgCaptchaAudio      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            tg_captcha_audio_stop          (TgCaptchaAudio      *self);

/* Renders the same audio as tg_captcha_audio_play_async() to @path, a .wav (16-bit PCM) or an .ogg
 * (Vorbis) file, as fast as the machine allows. Blocks; on failure no file is left behind. */
gboolean        tg_captcha_audio_render_to_file (TgCaptchaAudio     *self,
                                                 const char         *text,
                                                 const char         *path,
                                                 GError            **error);

G_END_DECLS
