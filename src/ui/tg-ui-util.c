/* tg-ui-util.c: small helpers shared by the stats, report and drills screens. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-ui-util.h"

const char *
tg_ui_difficulty_label (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY:
      return C_("difficulty", "Easy");
    case TG_DIFFICULTY_HARD:
      return C_("difficulty", "Hard");
    case TG_DIFFICULTY_MEDIUM:
    default:
      return C_("difficulty", "Medium");
    }
}

const char *
tg_ui_mode_label (TgHistoryMode mode)
{
  return mode == TG_HISTORY_MODE_ONLINE ? _("Online") : _("Offline");
}

char *
tg_ui_format_ms (gint64 ms)
{
  if (ms < 0)
    return g_strdup ("—");
  /* Translators: a duration in seconds with three decimals, e.g. "1.234 s". */
  return g_strdup_printf (_("%.3f s"), (double) ms / 1000.0);
}

char *
tg_ui_format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (when);
  /* Translators: when a match was played (strftime format); Korean: "%Y년 %-m월 %-d일 %H:%M". */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

void
tg_ui_replace_toast (AdwToastOverlay  *overlay,
                     AdwToast        **showing,
                     const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  if (*showing != NULL)
    adw_toast_dismiss (*showing);
  g_set_weak_pointer (showing, toast);
  adw_toast_set_timeout (toast, 2);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

char *
tg_ui_seat_name (TgVenue *venue,
                 guint    index)
{
  const TgSeat *seat = tg_venue_get_seat (venue, index);
  const TgSection *section = tg_venue_get_section (venue, seat->section);

  if (seat->flags & TG_SEAT_FLAG_STANDING)
    /* Translators: standing section, standing ticket number */
    return g_strdup_printf (_("%s, standing no. %u"), section->name, (guint) (index - section->first_seat + 1));
  /* Translators: section name, row label, seat number; Korean: "%s %s열 %u번" */
  return g_strdup_printf (_("%s, row %s, seat %u"), section->name, seat->row, seat->number);
}

char *
tg_ui_seat_name_for_id (TgVenue    *venue,
                        const char *id)
{
  guint index = venue != NULL ? tg_venue_find_seat (venue, id) : TG_VENUE_NO_SEAT;

  return index != TG_VENUE_NO_SEAT ? tg_ui_seat_name (venue, index) : g_strdup (id);
}

void
tg_ui_toast (GtkWidget  *widget,
             const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

typedef struct
{
  GtkWidget    *widget;
  TgUiSaveFunc  func;
  gpointer      user_data;
} SaveData;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SaveData        *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        data->func (data->widget, file, data->user_data);
    }
  g_object_unref (data->widget);
  g_free (data);
  g_object_unref (dialog);
}

void
tg_ui_ask_save_file (GtkWidget    *widget,
                     const char   *title,
                     const char   *suggested_name,
                     const char   *filter_name,
                     const char   *mime_type,
                     TgUiSaveFunc  func,
                     gpointer      user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  SaveData *data = g_new0 (SaveData, 1);

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  data->widget = g_object_ref (widget);
  data->func = func;
  data->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

GtkLabel *
tg_ui_add_value_row (AdwPreferencesGroup *group,
                     const char          *title,
                     const char          *subtitle,
                     const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  return GTK_LABEL (label);
}

/* GTK 4.8's GL renderer (Debian 12) caches each glyph in a slot sized from the font's unhinted ink
 * extents but rasterizes it hinted. For Noto Sans CJK's Hangul at text sizes the hinted glyph
 * spills out of its slot, and a syllable is drawn with the bottom of its neighbour in the cache:
 * 간 shows as 갂, 일 as 읷 (seen on screen under Xvfb with Mesa, and in the UI tests'
 * screenshots; the cairo renderer draws them right). Hinted metrics make the slot and the glyph
 * agree. GTK 4.14 rewrote its glyph cache and font rendering, so newer GTK (the Flatpak runtime)
 * is left as it is; 4.10 and 4.12 were not checked and keep the workaround. */
void
tg_ui_apply_font_settings (void)
{
  GtkSettings *settings = gtk_settings_get_default ();

  if (settings != NULL && gtk_get_major_version () == 4 && gtk_get_minor_version () < 14)
    g_object_set (settings, "gtk-hint-font-metrics", TRUE, NULL);
}
