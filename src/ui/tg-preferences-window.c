/* tg-preferences-window.c: match defaults, sound and accessibility, bound to GSettings. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-preferences-window.h"
#include "tg-settings-mapping.h"

struct _TgPreferencesWindow
{
  AdwPreferencesWindow parent_instance;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (TgPreferencesWindow, tg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
tg_preferences_window_dispose (GObject *object)
{
  g_clear_object (&TG_PREFERENCES_WINDOW (object)->settings);
  G_OBJECT_CLASS (tg_preferences_window_parent_class)->dispose (object);
}

static void
tg_preferences_window_class_init (TgPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_preferences_window_dispose;
}

static void
tg_preferences_window_init (TgPreferencesWindow *self)
{
}

static gboolean
language_to_index (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "en") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
index_to_language (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "en" : "ko");
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          double      lower,
          double      upper,
          double      step,
          guint       digits,
          GtkAdjustment **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, upper, step, step * 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  *out = adjustment;
  return row;
}

static GtkWidget *
entry_row (GSettings  *settings,
           const char *key,
           const char *title,
           gboolean    password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/* The optional chat model beside the built-in report. libsecret is not available, so the key
 * goes to GSettings and the group says so. */
static AdwPreferencesGroup *
analysis_group (GSettings *settings)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkAdjustment *timeout;

  adw_preferences_group_set_title (group, _("Analysis"));
  adw_preferences_group_set_description (group,
    _("An OpenAI-compatible chat model can review your report, such as a local model server. "
      "The API key is stored unencrypted in the app’s settings, where other programs running as "
      "you can read it; leave it empty if your server needs none."));
  adw_preferences_group_add (group, entry_row (settings, "llm-url", _("Endpoint URL"), FALSE));
  adw_preferences_group_add (group, entry_row (settings, "llm-model", _("Model"), FALSE));
  adw_preferences_group_add (group, entry_row (settings, "llm-api-key", _("API key (stored unencrypted)"), TRUE));
  adw_preferences_group_add (group, spin_row (_("Time limit"), _("Seconds to wait for the whole answer"),
                                              5, 600, 5, 0, &timeout));
  g_settings_bind (settings, "llm-timeout", timeout, "value", G_SETTINGS_BIND_DEFAULT);
  return group;
}

GtkWidget *
tg_preferences_window_new (GSettings *settings)
{
  TgPreferencesWindow *self = g_object_new (TG_TYPE_PREFERENCES_WINDOW, NULL);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *match = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *sound = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *access = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *difficulties[] = { _("Easy"), _("Medium"), _("Hard"), NULL };
  const char *venues[] = { _("Theatre"), _("Concert hall"), _("Arena"), NULL };
  const char *languages[] = { _("Korean"), _("English"), NULL };
  GtkAdjustment *bots, *seats, *volume;
  GtkWidget *row, *motion;

  self->settings = g_object_ref (settings);
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  adw_preferences_group_set_title (match, _("New Matches"));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Difficulty"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (difficulties)));
  g_settings_bind_with_mapping (settings, "difficulty", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                tg_settings_get_difficulty_index, tg_settings_set_difficulty_index, NULL, NULL);
  adw_preferences_group_add (match, row);
  adw_preferences_group_add (match, spin_row (_("Bots"), NULL, 0, 1000000, 1000, 0, &bots));
  g_settings_bind (settings, "bot-count", bots, "value", G_SETTINGS_BIND_DEFAULT);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Venue"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (venues)));
  g_settings_bind_with_mapping (settings, "venue", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                tg_settings_get_venue_index, tg_settings_set_venue_index, NULL, NULL);
  adw_preferences_group_add (match, row);
  adw_preferences_group_add (match, spin_row (_("Seats per booking"), NULL, 1, 4, 1, 0, &seats));
  g_settings_bind (settings, "seats-per-booking", seats, "value", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_page_add (page, match);

  adw_preferences_group_set_title (sound, _("Sound"));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Spoken security code"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Language of the audio version of the code"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (languages)));
  g_settings_bind_with_mapping (settings, "captcha-voice-language", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                language_to_index, index_to_language, NULL, NULL);
  adw_preferences_group_add (sound, row);
  adw_preferences_group_add (sound, spin_row (_("Volume"), NULL, 0, 1, 0.05, 2, &volume));
  g_settings_bind (settings, "sound-volume", volume, "value", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_page_add (page, sound);

  adw_preferences_group_set_title (access, _("Accessibility"));
  motion = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (motion), _("Reduce motion"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (motion), _("No page transitions or animated seat changes"));
  {
    GtkWidget *toggle = gtk_switch_new ();
    gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
    g_settings_bind (settings, "reduced-motion", toggle, "active", G_SETTINGS_BIND_DEFAULT);
    adw_action_row_add_suffix (ADW_ACTION_ROW (motion), toggle);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (motion), toggle);
  }
  adw_preferences_group_add (access, motion);
  adw_preferences_page_add (page, access);

  adw_preferences_page_add (page, analysis_group (settings));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  return GTK_WIDGET (self);
}
