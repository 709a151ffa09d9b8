/* tg-captcha-page.c: 보안문자 — the distorted image, its audio version and the answer. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-captcha-audio.h"
#include "tg-captcha-page.h"

struct _TgCaptchaPage
{
  AdwBin      parent_instance;

  TgSession  *session;
  GtkPicture *picture;
  GtkEntry   *entry;
  GtkLabel   *time_label;
  GtkButton  *audio_button;
  GtkWidget  *frame;
  GtkWidget  *hint;
  TgCaptchaAudio *audio;
  gboolean    audio_pending;     /* asked to listen before the characters arrived (online) */
  GCancellable *audio_cancellable;
  gint64      expires_at;
  guint32     shown_seed;
};

G_DEFINE_FINAL_TYPE (TgCaptchaPage, tg_captcha_page, ADW_TYPE_BIN)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stop_audio (TgCaptchaPage *self)
{
  g_cancellable_cancel (self->audio_cancellable);
  g_clear_object (&self->audio_cancellable);
}

void
tg_captcha_page_tick (TgCaptchaPage *self)
{
  gint64 left;
  g_autofree char *text = NULL;

  if (self->session == NULL || self->expires_at == 0)
    return;
  left = MAX (0, self->expires_at - tg_session_now (self->session)) / G_USEC_PER_SEC;
  text = g_strdup_printf (_("Time left %u:%02u"), (guint) (left / 60), (guint) (left % 60));
  gtk_label_set_text (self->time_label, text);
}

static void play_audio (TgCaptchaPage *self);

void
tg_captcha_page_refresh (TgCaptchaPage *self)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int scale;

  g_return_if_fail (TG_IS_CAPTCHA_PAGE (self));

  if (self->session == NULL || tg_session_get_state (self->session) != TG_MATCH_STATE_CAPTCHA)
    return;

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  {
    gint64 expires_at = 0;

    png = tg_session_get_captcha_png (self->session, 2.0 * scale, &expires_at);
    if (png == NULL)
      return;
    /* The same challenge (the state was only re-announced, e.g. when the spoken characters
     * arrived from the server): keep what the player has typed. */
    if (expires_at == self->expires_at && gtk_picture_get_paintable (self->picture) != NULL)
      {
        if (self->audio_pending)
          play_audio (self);
        return;
      }
    self->expires_at = expires_at;
  }
  texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      g_warning ("Could not show the security code: %s", error->message);
      return;
    }
  stop_audio (self);
  self->audio_pending = FALSE;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  tg_captcha_page_tick (self);
}

static void
on_submit (TgCaptchaPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *answer = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (self->session == NULL)
    return;
  if (!tg_session_submit_captcha (self->session, answer, &error))
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      tg_captcha_page_refresh (self);
    }
}

static void
on_refresh_clicked (TgCaptchaPage *self)
{
  if (self->session != NULL && tg_session_refresh_captcha (self->session, NULL))
    tg_captcha_page_refresh (self);
}

static void
on_audio_played (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TgCaptchaPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tg_captcha_audio_play_finish (TG_CAPTCHA_AUDIO (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
play_audio (TgCaptchaPage *self)
{
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  text = tg_session_get_captcha_text (self->session);
  /* Online, the characters come from the server first; refresh() plays them when they do. */
  self->audio_pending = text == NULL;
  if (text == NULL)
    return;
  stop_audio (self);
  self->audio_cancellable = g_cancellable_new ();
  tg_captcha_audio_play_async (self->audio, text, self->audio_cancellable, on_audio_played,
                               g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_audio_clicked (TgCaptchaPage *self)
{
  play_audio (self);
}

static char *
find_voice_dir (void)
{
  /* Installed, or run from the build tree. */
  if (g_file_test (tg_captcha_audio_get_default_voice_dir (), G_FILE_TEST_IS_DIR))
    return g_strdup (tg_captcha_audio_get_default_voice_dir ());
  return g_build_filename (SOURCE_DATADIR, "voice", NULL);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TgCaptchaPage         *self)
{
  if ((keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete) && self->session != NULL)
    tg_session_note_backspace (self->session);
  return GDK_EVENT_PROPAGATE;
}

static void
tg_captcha_page_dispose (GObject *object)
{
  TgCaptchaPage *self = TG_CAPTCHA_PAGE (object);

  stop_audio (self);
  g_clear_object (&self->audio);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (tg_captcha_page_parent_class)->dispose (object);
}

static void
tg_captcha_page_class_init (TgCaptchaPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_captcha_page_dispose;

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tg_captcha_page_init (TgCaptchaPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title, *hint, *row, *refresh, *submit, *frame;
  GtkEventController *keys;
  g_autofree char *voice_dir = find_voice_dir ();

  self->audio = tg_captcha_audio_new (voice_dir);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 440);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  title = gtk_label_new (_("Security Code"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (box), title);
  hint = gtk_label_new (_("Type the characters in the picture. Upper or lower case both work."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);

  self->hint = hint;
  frame = self->frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "tg-captcha-frame");
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), 250, 60);
  gtk_picture_set_alternative_text (self->picture, _("Security code picture; use the audio button to hear it"));
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->picture));
  gtk_box_append (GTK_BOX (box), frame);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_tooltip_text (refresh, _("New picture"));
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (on_refresh_clicked), self);
  gtk_box_append (GTK_BOX (row), refresh);
  self->audio_button = GTK_BUTTON (gtk_button_new_from_icon_name ("audio-speakers-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->audio_button), _("Listen to the code"));
  g_signal_connect_swapped (self->audio_button, "clicked", G_CALLBACK (on_audio_clicked), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->audio_button));
  self->time_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "numeric");
  gtk_widget_set_margin_start (GTK_WIDGET (self->time_label), 12);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->time_label));
  gtk_box_append (GTK_BOX (box), row);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->entry, 12);
  gtk_entry_set_placeholder_text (self->entry, _("Enter the code"));
  gtk_entry_set_input_hints (self->entry, GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_UPPERCASE_CHARS);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "tg-captcha-entry");
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_submit), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  submit = gtk_button_new_with_mnemonic (_("_Enter"));
  gtk_widget_add_css_class (submit, "suggested-action");
  gtk_widget_add_css_class (submit, "pill");
  gtk_widget_set_halign (submit, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (submit, "clicked", G_CALLBACK (on_submit), self);
  gtk_box_append (GTK_BOX (box), submit);

  adw_bin_set_child (ADW_BIN (self), clamp);
}

GtkWidget *
tg_captcha_page_new (void)
{
  return g_object_new (TG_TYPE_CAPTCHA_PAGE, NULL);
}

void
tg_captcha_page_set_session (TgCaptchaPage *self,
                             TgSession     *session)
{
  g_return_if_fail (TG_IS_CAPTCHA_PAGE (self));
  stop_audio (self);
  g_set_object (&self->session, session);
  self->expires_at = 0;
  self->audio_pending = FALSE;
  gtk_picture_set_paintable (self->picture, NULL);
}

TgCaptchaAudio *
tg_captcha_page_get_audio (TgCaptchaPage *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_PAGE (self), NULL);
  return self->audio;
}

GtkEditable *
tg_captcha_page_get_entry (TgCaptchaPage *self)
{
  g_return_val_if_fail (TG_IS_CAPTCHA_PAGE (self), NULL);
  return GTK_EDITABLE (self->entry);
}

void
tg_captcha_page_set_audio_only (TgCaptchaPage *self,
                                gboolean       audio_only)
{
  g_return_if_fail (TG_IS_CAPTCHA_PAGE (self));
  gtk_widget_set_visible (self->frame, !audio_only);
  gtk_label_set_text (GTK_LABEL (self->hint),
                      audio_only ? _("Press the speaker to hear the code, then type it. Upper or lower case both work.")
                                 : _("Type the characters in the picture. Upper or lower case both work."));
  if (audio_only)
    gtk_widget_add_css_class (GTK_WIDGET (self->audio_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->audio_button), "suggested-action");
}
