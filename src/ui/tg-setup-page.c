/* tg-setup-page.c: the match settings form. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-settings-mapping.h"
#include "tg-setup-page.h"
#include "tg-resources.h"


struct _TgSetupPage
{
  AdwBin          parent_instance;

  AdwComboRow    *difficulty_row;
  GtkSpinButton  *bots_spin;
  AdwComboRow    *venue_row;
  AdwActionRow   *file_row;
  GtkButton      *clear_file_button;
  GtkSpinButton  *seats_spin;
  GtkSwitch      *waiting_room_switch;
  GtkEntry       *seed_entry;

  GSettings      *settings;
  GFile          *venue_file;
};

G_DEFINE_FINAL_TYPE (TgSetupPage, tg_setup_page, ADW_TYPE_BIN)

void
tg_setup_page_set_seed (TgSetupPage *self,
                        guint64      seed)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);

  gtk_editable_set_text (GTK_EDITABLE (self->seed_entry), text);
}

static void
on_shuffle_clicked (TgSetupPage *self)
{
  tg_setup_page_set_seed (self, g_random_int_range (1, G_MAXINT32));
}

static void
set_venue_file (TgSetupPage *self,
                GFile       *file)
{
  g_set_object (&self->venue_file, file);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_file_button), file != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->venue_row), file == NULL);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      adw_action_row_set_subtitle (self->file_row, name);
    }
  else
    adw_action_row_set_subtitle (self->file_row, _("Use your own SVG seat map instead of a preset"));
}

static void
on_clear_file_clicked (TgSetupPage *self)
{
  set_venue_file (self, NULL);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                TgSetupPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      set_venue_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_open_file_clicked (TgSetupPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Seat Map"), GTK_WINDOW (root),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("SVG seat maps"));
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
tg_setup_page_dispose (GObject *object)
{
  TgSetupPage *self = TG_SETUP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TG_TYPE_SETUP_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->venue_file);

  G_OBJECT_CLASS (tg_setup_page_parent_class)->dispose (object);
}

static void
tg_setup_page_class_init (TgSetupPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  tg_ui_register_resources ();

  G_OBJECT_CLASS (klass)->dispose = tg_setup_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/kr/tickget/TickGet/tg-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, difficulty_row);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, bots_spin);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, clear_file_button);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, seats_spin);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, waiting_room_switch);
  gtk_widget_class_bind_template_child (widget_class, TgSetupPage, seed_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_shuffle_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_file_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_file_clicked);
}

static void
tg_setup_page_init (TgSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_selected (self->difficulty_row, TG_DIFFICULTY_MEDIUM);
  adw_combo_row_set_selected (self->venue_row, 2);
  on_shuffle_clicked (self);
}

GtkWidget *
tg_setup_page_new (void)
{
  return g_object_new (TG_TYPE_SETUP_PAGE, NULL);
}

void
tg_setup_page_set_settings (TgSetupPage *self,
                            GSettings   *settings)
{
  g_return_if_fail (TG_IS_SETUP_PAGE (self));

  if (!g_set_object (&self->settings, settings) || settings == NULL)
    return;

  g_settings_bind_with_mapping (settings, "difficulty", self->difficulty_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, tg_settings_get_difficulty_index, tg_settings_set_difficulty_index, NULL, NULL);
  g_settings_bind_with_mapping (settings, "venue", self->venue_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, tg_settings_get_venue_index, tg_settings_set_venue_index, NULL, NULL);
  g_settings_bind (settings, "bot-count", gtk_spin_button_get_adjustment (self->bots_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "seats-per-booking", gtk_spin_button_get_adjustment (self->seats_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "waiting-room", self->waiting_room_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

gboolean
tg_setup_page_get_match_settings (TgSetupPage      *self,
                                  TgMatchSettings  *out,
                                  GError          **error)
{
  const char *seed_text;
  guint64 seed;

  g_return_val_if_fail (TG_IS_SETUP_PAGE (self), FALSE);

  tg_match_settings_init (out);
  out->difficulty = MIN (adw_combo_row_get_selected (self->difficulty_row), 2u);
  out->n_bots = (guint) gtk_spin_button_get_value_as_int (self->bots_spin);
  out->seats_per_booking = (guint) gtk_spin_button_get_value_as_int (self->seats_spin);
  out->prequeue = gtk_switch_get_active (self->waiting_room_switch);

  seed_text = gtk_editable_get_text (GTK_EDITABLE (self->seed_entry));
  if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXINT64, &seed, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The seed must be a whole number, not “%s”"), seed_text);
      return FALSE;
    }
  out->seed = seed;

  if (self->venue_file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->venue_file);
      out->venue = path != NULL ? tg_venue_load_file (path, error) : NULL;
      if (path == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("The seat map must be a local file"));
    }
  else
    out->venue = tg_venue_new_preset (tg_venue_list_presets ()[MIN (adw_combo_row_get_selected (self->venue_row), 2u)],
                                      error);
  return out->venue != NULL;
}

void
tg_setup_page_set_venue_file (TgSetupPage *self,
                              GFile       *file)
{
  g_return_if_fail (TG_IS_SETUP_PAGE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  set_venue_file (self, file);
}

GFile *
tg_setup_page_get_venue_file (TgSetupPage *self)
{
  g_return_val_if_fail (TG_IS_SETUP_PAGE (self), NULL);
  return self->venue_file;
}
