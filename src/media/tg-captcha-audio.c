/* tg-captcha-audio.c: the audio captcha as one GStreamer pipeline.
 *
 *   filesrc ! oggdemux ! vorbisdec ! audioconvert ! audioresample ! caps ─┐
 *   audiotestsrc wave=silence (pause)                           ! caps ─┤ concat ─┐
 *   … one clip per character, a pause between two …                     ─┘         ├ audiomixer ! volume ! output
 *   audiotestsrc wave=pink-noise (light)                        ! caps ───────────┘
 *
 * The output is audioconvert ! audioresample ! autoaudiosink for playback, or an encoder and a
 * filesink for a file. The noise source never ends by itself: probes note where the spoken part ends
 * and drop the noise from there, so the mix ends with the last character plus a short tail — the
 * same length however the threads are scheduled.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>

#include "tg-captcha-audio.h"

#define MIX_RATE        24000
#define LEAD_IN_MS      500    /* noise alone first, so the first character is not missed */
#define PAUSE_MS        650    /* between characters: time to type one before the next */
#define TAIL_MS         400
/* Pink noise amplitude against clips normalised to -1 dBFS: about 25 dB under the speech, enough
 * to defeat a naive recogniser's silence detection, quiet enough to stay easy on the ear. */
#define NOISE_AMPLITUDE 0.04
#define RENDER_TIMEOUT  (60 * GST_SECOND)

#define MIX_CAPS "audio/x-raw, format=(string)F32LE, layout=(string)interleaved, " \
                 "rate=(int)24000, channels=(int)1"

struct _TgCaptchaAudio
{
  GObject     parent_instance;

  char       *voice_dir;
  char       *language;
  double      volume;

  /* The playback under way, if any. */
  GstElement *pipeline;
  GTask      *task;
  GSource    *bus_source;
  GSource    *cancel_source;
};

G_DEFINE_FINAL_TYPE (TgCaptchaAudio, tg_captcha_audio, G_TYPE_OBJECT)

G_DEFINE_QUARK (tg-captcha-audio-error-quark, tg_captcha_audio_error)

enum {
  PROP_0,
  PROP_VOICE_DIR,
  PROP_LANGUAGE,
  PROP_VOLUME,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  OUTPUT_PLAYBACK,
  OUTPUT_WAV,
  OUTPUT_OGG,
} Output;

const char *
tg_captcha_audio_get_default_voice_dir (void)
{
  return PKGDATADIR G_DIR_SEPARATOR_S "voice";
}

/* Which upstream package ships each element we use, for the error a user gets when it is missing. */
static const char *
plugin_package (const char *factory)
{
  static const char *const good[] = { "wavenc", "autoaudiosink", NULL };
  static const char *const core[] = { "filesrc", "filesink", "concat", "capsfilter", NULL };

  if (g_strv_contains (good, factory))
    return "gst-plugins-good";
  if (g_strv_contains (core, factory))
    return "GStreamer";
  return "gst-plugins-base";
}

static gboolean
ensure_gstreamer (GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gst_init_check (NULL, NULL, &local_error))
    return TRUE;

  g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_ELEMENT,
               _("GStreamer could not be started: %s"), local_error->message);
  return FALSE;
}

/* Creates an element of @factory inside @bin; returns a borrowed pointer. */
static GstElement *
add_named_element (GstElement  *bin,
                   const char  *factory,
                   const char  *name,
                   GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, name);

  if (element == NULL)
    {
      g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_ELEMENT,
                   _("The GStreamer element “%s” is not installed; install %s to hear the security code"),
                   factory, plugin_package (factory));
      return NULL;
    }

  gst_bin_add (GST_BIN (bin), element);
  return element;
}

static GstElement *
add_element (GstElement  *bin,
             const char  *factory,
             GError     **error)
{
  return add_named_element (bin, factory, NULL, error);
}

static gboolean
link_failed (GstElement  *src,
             GstElement  *sink,
             GError     **error)
{
  g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_STREAM,
               _("Could not connect GStreamer elements “%s” and “%s”"),
               GST_OBJECT_NAME (src), GST_OBJECT_NAME (sink));
  return FALSE;
}

static gboolean
link_to_request_pad (GstElement  *src,
                     GstElement  *sink,
                     GstCaps     *caps,
                     GError     **error)
{
  g_autoptr(GstPad) pad = gst_element_request_pad_simple (sink, "sink_%u");

  /* Request pads are taken in order, so concat plays its inputs in the order they are linked. */
  if (pad == NULL || !gst_element_link_pads_filtered (src, "src", sink, GST_PAD_NAME (pad), caps))
    return link_failed (src, sink, error);
  return TRUE;
}

/* The clip of each character of @text, after checking that it can be spoken. */
static GPtrArray *
find_clips (TgCaptchaAudio  *self,
            const char      *text,
            GError         **error)
{
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (g_free);

  if (*text == '\0')
    {
      g_set_error_literal (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_INVALID,
                           _("There is no security code to read aloud"));
      return NULL;
    }

  /* Only letters and digits: anything else could make a clip name walk out of its folder. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_INVALID,
                     _("The security code contains a character that cannot be read aloud (byte 0x%02x)"),
                     (guchar) *p);
        return NULL;
      }

  for (const char *p = text; *p != '\0'; p++)
    {
      char name[] = { g_ascii_toupper (*p), '.', 'o', 'g', 'g', '\0' };
      g_autofree char *path = g_build_filename (self->voice_dir, self->language, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_MISSING_CLIP,
                       _("No voice clip for “%c” in language “%s”: %s is missing; reinstall TickGet’s voice data"),
                       name[0], self->language, path);
          return NULL;
        }

      g_ptr_array_add (clips, g_steal_pointer (&path));
    }

  return g_steal_pointer (&clips);
}

static void
on_demux_pad_added (GstElement *demux,
                    GstPad     *pad,
                    gpointer    user_data)
{
  GstElement *decoder = user_data;
  g_autoptr(GstPad) sink = gst_element_get_static_pad (decoder, "sink");

  /* A clip that is not Vorbis stays unlinked and oggdemux posts a readable error on the bus. */
  if (!gst_pad_is_linked (sink))
    gst_pad_link (pad, sink);
}

static gboolean
add_clip (GstElement  *pipeline,
          GstElement  *concat,
          GstCaps     *caps,
          const char  *path,
          GError     **error)
{
  GstElement *src, *demux, *decoder, *convert, *resample;

  if (!(src = add_element (pipeline, "filesrc", error)) ||
      !(demux = add_element (pipeline, "oggdemux", error)) ||
      !(decoder = add_element (pipeline, "vorbisdec", error)) ||
      !(convert = add_element (pipeline, "audioconvert", error)) ||
      !(resample = add_element (pipeline, "audioresample", error)))
    return FALSE;

  g_object_set (src, "location", path, NULL);
  g_signal_connect_object (demux, "pad-added", G_CALLBACK (on_demux_pad_added), decoder, 0);

  if (!gst_element_link (src, demux))
    return link_failed (src, demux, error);
  if (!gst_element_link_many (decoder, convert, resample, NULL))
    return link_failed (decoder, resample, error);
  return link_to_request_pad (resample, concat, caps, error);
}

static gboolean
add_silence (GstElement  *pipeline,
             GstElement  *concat,
             GstCaps     *caps,
             guint        ms,
             GError     **error)
{
  GstElement *src = add_element (pipeline, "audiotestsrc", error);

  if (src == NULL)
    return FALSE;

  /* Exactly @ms, in 10 ms buffers: the pause is sample-accurate, and the spoken part's EOS (which
   * ends the noise) follows its last sample closely instead of trailing a long buffer the mixer
   * has only started to consume. */
  g_assert (ms % 10 == 0);
  gst_util_set_object_arg (G_OBJECT (src), "wave", "silence");
  g_object_set (src,
                "num-buffers", (int) (ms / 10),
                "samplesperbuffer", MIX_RATE / 100,
                NULL);
  return link_to_request_pad (src, concat, caps, error);
}

/* Where the spoken part ends, shared by the probes on the speech and the noise pads. Times are
 * positions in the mixer's input segments, which both start at zero. */
typedef struct
{
  gint64      speech_pos;   /* end of the last spoken buffer seen */
  gint64      speech_end;   /* G_MAXINT64 until the spoken part has ended */
  gint        noise_ended;
} MixEnd;

static void
release_mix_end (gpointer data)
{
  g_rc_box_release (data);
}

static void
end_noise (GstElement *noise,
           gpointer    user_data)
{
  gst_element_send_event (noise, gst_event_new_eos ());
}

static GstPadProbeReturn
on_speech_data (GstPad          *pad,
                GstPadProbeInfo *info,
                gpointer         user_data)
{
  MixEnd *end = user_data;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    {
      GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

      if (GST_BUFFER_PTS_IS_VALID (buffer))
        {
          gint64 stop = (gint64) GST_BUFFER_PTS (buffer);

          if (GST_BUFFER_DURATION_IS_VALID (buffer))
            stop += (gint64) GST_BUFFER_DURATION (buffer);
          __atomic_store_n (&end->speech_pos, stop, __ATOMIC_RELEASE);
        }
    }
  else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    {
      __atomic_store_n (&end->speech_end, __atomic_load_n (&end->speech_pos, __ATOMIC_ACQUIRE),
                        __ATOMIC_RELEASE);
    }
  return GST_PAD_PROBE_OK;
}

/* The noise never ends by itself. Its buffers from the end of the speech on are dropped, so the mix
 * ends with the speech whatever the thread timing, and the source is told to stop — not from this
 * streaming thread: ending a source waits for its push to return. */
static GstPadProbeReturn
on_noise_buffer (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  MixEnd *end = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  gint64 speech_end = __atomic_load_n (&end->speech_end, __ATOMIC_ACQUIRE);

  if (!GST_BUFFER_PTS_IS_VALID (buffer) || (gint64) GST_BUFFER_PTS (buffer) < speech_end)
    return GST_PAD_PROBE_OK;

  /* The source is the pad's parent: MixEnd must not hold it, since the source's own pad holds
   * MixEnd and the two would keep each other alive. */
  if (g_atomic_int_compare_and_exchange (&end->noise_ended, FALSE, TRUE))
    {
      g_autoptr(GstElement) noise = gst_pad_get_parent_element (pad);

      if (noise != NULL)
        gst_element_call_async (noise, end_noise, NULL, NULL);
    }
  return GST_PAD_PROBE_DROP;
}

/* The output part: @last is what the mix flows into. */
static gboolean
add_output (GstElement  *pipeline,
            GstElement  *last,
            Output       output,
            const char  *path,
            GError     **error)
{
  GstElement *convert, *sink;

  if (!(convert = add_element (pipeline, "audioconvert", error)))
    return FALSE;
  if (!gst_element_link (last, convert))
    return link_failed (last, convert, error);

  switch (output)
    {
    case OUTPUT_PLAYBACK:
      {
        GstElement *resample;

        if (!(resample = add_element (pipeline, "audioresample", error)) ||
            !(sink = add_element (pipeline, "autoaudiosink", error)))
          return FALSE;
        if (!gst_element_link_many (convert, resample, sink, NULL))
          return link_failed (convert, sink, error);
        return TRUE;
      }

    case OUTPUT_WAV:
      {
        g_autoptr(GstCaps) s16 = gst_caps_from_string ("audio/x-raw, format=(string)S16LE");
        GstElement *encoder;

        if (!(encoder = add_element (pipeline, "wavenc", error)) ||
            !(sink = add_element (pipeline, "filesink", error)))
          return FALSE;
        g_object_set (sink, "location", path, NULL);
        if (!gst_element_link_filtered (convert, encoder, s16) || !gst_element_link (encoder, sink))
          return link_failed (convert, sink, error);
        return TRUE;
      }

    case OUTPUT_OGG:
      {
        GstElement *encoder, *mux;

        if (!(encoder = add_element (pipeline, "vorbisenc", error)) ||
            !(mux = add_element (pipeline, "oggmux", error)) ||
            !(sink = add_element (pipeline, "filesink", error)))
          return FALSE;
        g_object_set (sink, "location", path, NULL);
        if (!gst_element_link_many (convert, encoder, mux, sink, NULL))
          return link_failed (convert, sink, error);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static GstElement *
build_pipeline (TgCaptchaAudio  *self,
                const char      *text,
                Output           output,
                const char      *path,
                GError         **error)
{
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) speech_pad = NULL;
  g_autoptr(GstPad) noise_pad = NULL;
  MixEnd *end;
  GstElement *concat, *noise, *mixer, *volume;

  if (!(clips = find_clips (self, text, error)) || !ensure_gstreamer (error))
    return NULL;

  pipeline = gst_object_ref_sink (gst_pipeline_new ("captcha-audio"));
  caps = gst_caps_from_string (MIX_CAPS);

  if (!(concat = add_element (pipeline, "concat", error)) ||
      !(noise = add_element (pipeline, "audiotestsrc", error)) ||
      !(mixer = add_element (pipeline, "audiomixer", error)) ||
      !(volume = add_named_element (pipeline, "volume", "volume", error)))
    return NULL;

  if (!add_silence (pipeline, concat, caps, LEAD_IN_MS, error))
    return NULL;
  for (guint i = 0; i < clips->len; i++)
    {
      if (i > 0 && !add_silence (pipeline, concat, caps, PAUSE_MS, error))
        return NULL;
      if (!add_clip (pipeline, concat, caps, g_ptr_array_index (clips, i), error))
        return NULL;
    }
  if (!add_silence (pipeline, concat, caps, TAIL_MS, error))
    return NULL;

  gst_util_set_object_arg (G_OBJECT (noise), "wave", "pink-noise");
  g_object_set (noise,
                "volume", NOISE_AMPLITUDE,
                "samplesperbuffer", MIX_RATE / 50,
                NULL);

  end = g_rc_box_new0 (MixEnd);
  end->speech_pos = 0;
  end->speech_end = G_MAXINT64;
  speech_pad = gst_element_get_static_pad (concat, "src");
  gst_pad_add_probe (speech_pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     on_speech_data, g_rc_box_acquire (end), release_mix_end);
  noise_pad = gst_element_get_static_pad (noise, "src");
  gst_pad_add_probe (noise_pad, GST_PAD_PROBE_TYPE_BUFFER,
                     on_noise_buffer, g_rc_box_acquire (end), release_mix_end);
  g_rc_box_release (end);

  if (!gst_element_link (concat, mixer))
    {
      link_failed (concat, mixer, error);
      return NULL;
    }
  if (!link_to_request_pad (noise, mixer, caps, error))
    return NULL;

  g_object_set (volume, "volume", self->volume, NULL);
  if (!gst_element_link (mixer, volume))
    {
      link_failed (mixer, volume, error);
      return NULL;
    }

  if (!add_output (pipeline, volume, output, path, error))
    return NULL;

  return g_steal_pointer (&pipeline);
}

static GError *
error_from_message (GstMessage *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer error from %s: %s (%s)",
           GST_OBJECT_NAME (GST_MESSAGE_SRC (message)), gst_error->message, debug ? debug : "");
  return g_error_new (TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_STREAM,
                      _("Could not play the audio security code: %s"), gst_error->message);
}

/* Ends the playback under way; takes @error (NULL: it played to the end). */
static void
finish_playback (TgCaptchaAudio *self,
                 GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (self->bus_source != NULL)
    g_source_destroy (self->bus_source);
  g_clear_pointer (&self->bus_source, g_source_unref);
  if (self->cancel_source != NULL)
    g_source_destroy (self->cancel_source);
  g_clear_pointer (&self->cancel_source, g_source_unref);

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->pipeline);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  TgCaptchaAudio *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      finish_playback (self, NULL);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_ERROR:
      finish_playback (self, error_from_message (message));
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr(GError) warning = NULL;

        gst_message_parse_warning (message, &warning, NULL);
        g_debug ("GStreamer warning: %s", warning->message);
      }
      return G_SOURCE_CONTINUE;

    default:
      return G_SOURCE_CONTINUE;
    }
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  TgCaptchaAudio *self = user_data;

  finish_playback (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("Reading the security code aloud was stopped")));
  return G_SOURCE_REMOVE;
}

void
tg_captcha_audio_play_async (TgCaptchaAudio      *self,
                             const char          *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;

  g_return_if_fail (TG_IS_CAPTCHA_AUDIO (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tg_captcha_audio_play_async);

  tg_captcha_audio_stop (self);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(pipeline = build_pipeline (self, text, OUTPUT_PLAYBACK, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->pipeline = g_steal_pointer (&pipeline);
  self->task = g_steal_pointer (&task);

  /* Bus messages and cancellation arrive in the caller's main context, like the callback. */
  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (on_bus_message), self, NULL);
  g_source_attach (self->bus_source, g_task_get_context (self->task));

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      finish_playback (self, message != NULL
                             ? error_from_message (message)
                             : g_error_new_literal (TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_STREAM,
                                                    _("Could not start the audio output")));
    }
}

gboolean
tg_captcha_audio_play_finish (TgCaptchaAudio  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tg_captcha_audio_stop (TgCaptchaAudio *self)
{
  g_return_if_fail (TG_IS_CAPTCHA_AUDIO (self));

  if (self->task == NULL)
    return;

  finish_playback (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("Reading the security code aloud was stopped")));
}

gboolean
tg_captcha_audio_get_playing (TgCaptchaAudio *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), FALSE);

  return self->task != NULL;
}

gboolean
tg_captcha_audio_render_to_file (TgCaptchaAudio  *self,
                                 const char      *text,
                                 const char      *path,
                                 GError         **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autofree char *lower = NULL;
  GError *local_error = NULL;
  Output output;

  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".wav"))
    output = OUTPUT_WAV;
  else if (g_str_has_suffix (lower, ".ogg") || g_str_has_suffix (lower, ".oga"))
    output = OUTPUT_OGG;
  else
    {
      g_set_error (error, TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_INVALID,
                   _("Cannot save the audio security code as “%s”: use a .wav or .ogg file name"), path);
      return FALSE;
    }

  if (!(pipeline = build_pipeline (self, text, output, path, error)))
    return FALSE;

  /* Nothing here is live, so the pipeline runs as fast as the machine allows. */
  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  else
    message = gst_bus_timed_pop_filtered (bus, RENDER_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

  if (message == NULL)
    local_error = g_error_new (TG_CAPTCHA_AUDIO_ERROR, TG_CAPTCHA_AUDIO_ERROR_STREAM,
                               _("Writing the audio security code to %s did not finish in time"), path);
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    local_error = error_from_message (message);

  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (local_error != NULL)
    {
      g_unlink (path);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

TgCaptchaAudio *
tg_captcha_audio_new (const char *voice_dir)
{
  return g_object_new (TG_TYPE_CAPTCHA_AUDIO,
                       "voice-dir", voice_dir,
                       NULL);
}

const char *
tg_captcha_audio_get_voice_dir (TgCaptchaAudio *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), NULL);

  return self->voice_dir;
}

const char *
tg_captcha_audio_get_language (TgCaptchaAudio *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), NULL);

  return self->language;
}

void
tg_captcha_audio_set_language (TgCaptchaAudio *self,
                               const char     *language)
{
  g_return_if_fail (TG_IS_CAPTCHA_AUDIO (self));
  g_return_if_fail (language != NULL && *language != '\0');
  g_return_if_fail (strchr (language, G_DIR_SEPARATOR) == NULL);

  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

double
tg_captcha_audio_get_volume (TgCaptchaAudio *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_AUDIO (self), 0.0);

  return self->volume;
}

void
tg_captcha_audio_set_volume (TgCaptchaAudio *self,
                             double          volume)
{
  g_return_if_fail (TG_IS_CAPTCHA_AUDIO (self));

  volume = CLAMP (volume, 0.0, 1.0);
  if (volume == self->volume)
    return;

  self->volume = volume;
  if (self->pipeline != NULL)
    {
      g_autoptr(GstElement) element = gst_bin_get_by_name (GST_BIN (self->pipeline), "volume");

      g_object_set (element, "volume", volume, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

static void
tg_captcha_audio_dispose (GObject *object)
{
  TgCaptchaAudio *self = TG_CAPTCHA_AUDIO (object);

  tg_captcha_audio_stop (self);

  G_OBJECT_CLASS (tg_captcha_audio_parent_class)->dispose (object);
}

static void
tg_captcha_audio_finalize (GObject *object)
{
  TgCaptchaAudio *self = TG_CAPTCHA_AUDIO (object);

  g_free (self->voice_dir);
  g_free (self->language);

  G_OBJECT_CLASS (tg_captcha_audio_parent_class)->finalize (object);
}

static void
tg_captcha_audio_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TgCaptchaAudio *self = TG_CAPTCHA_AUDIO (object);

  switch (prop_id)
    {
    case PROP_VOICE_DIR:
      g_value_set_string (value, self->voice_dir);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, tg_captcha_audio_get_playing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_captcha_audio_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TgCaptchaAudio *self = TG_CAPTCHA_AUDIO (object);

  switch (prop_id)
    {
    case PROP_VOICE_DIR:
      {
        const char *dir = g_value_get_string (value);

        self->voice_dir = g_strdup (dir != NULL ? dir : tg_captcha_audio_get_default_voice_dir ());
      }
      break;

    case PROP_LANGUAGE:
      tg_captcha_audio_set_language (self, g_value_get_string (value));
      break;

    case PROP_VOLUME:
      tg_captcha_audio_set_volume (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_captcha_audio_class_init (TgCaptchaAudioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_captcha_audio_dispose;
  object_class->finalize = tg_captcha_audio_finalize;
  object_class->get_property = tg_captcha_audio_get_property;
  object_class->set_property = tg_captcha_audio_set_property;

  properties[PROP_VOICE_DIR] =
    g_param_spec_string ("voice-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "ko",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL,
                         0.0, 1.0, 0.8,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tg_captcha_audio_init (TgCaptchaAudio *self)
{
  self->language = g_strdup ("ko");
  self->volume = 0.8;
}
