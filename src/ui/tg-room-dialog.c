/* tg-room-dialog.c: the settings of a LAN room, as the protocol's settings object. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-room-dialog.h"

/* The server refuses an uploaded map larger than this (docs/protocol.md, Limits); checking here
 * gives a clearer message than the server's error. */
#define MAX_SVG_KIB 768

struct _TgRoomDialog
{
  AdwWindow        parent_instance;

  gboolean         editing;
  AdwEntryRow     *title_row;
  GtkSpinButton   *players_spin;
  AdwComboRow     *difficulty_row;
  GtkSpinButton   *bots_spin;
  AdwComboRow     *venue_row;
  AdwActionRow    *file_row;
  GFile           *venue_file;
  GtkSpinButton   *seats_spin;
  GtkSwitch       *waiting_room_switch;
  AdwPasswordEntryRow *password_row;
  GtkButton       *apply_button;
};

G_DEFINE_FINAL_TYPE (TgRoomDialog, tg_room_dialog, ADW_TYPE_WINDOW)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const difficulties[] = { "easy", "medium", "hard" };
static const char *const presets[] = { "small", "medium", "large" };

/* A row of @group titled @title with @control at its end. */
static void
add_control_row (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *subtitle,
                 GtkWidget           *control)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  adw_preferences_group_add (group, row);
}

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               min,
              double               max,
              double               step,
              double               value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  add_control_row (group, title, subtitle, spin);
  return GTK_SPIN_BUTTON (spin);
}

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *toggle = gtk_switch_new ();

  add_control_row (group, title, subtitle, toggle);
  return GTK_SWITCH (toggle);
}

static guint
index_of (const char *const *list,
          guint              n,
          const char        *value,
          guint              fallback)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (list[i], value) == 0)
      return i;
  return fallback;
}

static void
set_venue_file (TgRoomDialog *self,
                GFile        *file)
{
  g_set_object (&self->venue_file, file);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      adw_action_row_set_subtitle (self->file_row, name);
    }
  else
    adw_action_row_set_subtitle (self->file_row, _("Use your own SVG seat map instead of a preset"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->venue_row), file == NULL);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                TgRoomDialog    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      set_venue_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_file (TgRoomDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* GtkFileDialog is GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Choose a Seat Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("SVG seat maps"));
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_file (TgRoomDialog *self)
{
  set_venue_file (self, NULL);
}

static void
update_apply (TgRoomDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *stripped = g_strstrip (g_strdup (title));

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), *stripped != '\0');
}

void
tg_room_dialog_apply (TgRoomDialog *self)
{
  g_return_if_fail (TG_IS_ROOM_DIALOG (self));
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    g_signal_emit (self, signals[APPLY], 0);
}

static void
tg_room_dialog_dispose (GObject *object)
{
  TgRoomDialog *self = TG_ROOM_DIALOG (object);

  g_clear_object (&self->venue_file);

  G_OBJECT_CLASS (tg_room_dialog_parent_class)->dispose (object);
}

static void
tg_room_dialog_class_init (TgRoomDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_room_dialog_dispose;

  /**
   * TgRoomDialog::apply:
   *
   * The player pressed Create (or Save): read tg_room_dialog_get_settings().
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tg_room_dialog_init (TgRoomDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *room = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *match = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *difficulty_labels[] = { _("Easy"), _("Medium"), _("Hard"), NULL };
  const char *venue_labels[] = { _("Theatre — 1,231 seats"), _("Hall — 4,256 seats"),
                                 _("Arena — 16,424 seats"), NULL };
  GtkWidget *cancel, *choose, *clear;

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_reate")));
  gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (tg_room_dialog_apply), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->apply_button));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (toolbar), header);

  adw_preferences_group_set_title (room, _("Room"));
  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (update_apply), self);
  adw_preferences_group_add (room, GTK_WIDGET (self->title_row));
  self->players_spin = add_spin_row (room, _("Players"), _("At most, you included"), 1, 60, 1, 8);
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password (optional)"));
  adw_preferences_group_add (room, GTK_WIDGET (self->password_row));

  adw_preferences_group_set_title (match, _("Match"));
  self->difficulty_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->difficulty_row), _("Difficulty"));
  adw_combo_row_set_model (self->difficulty_row, G_LIST_MODEL (gtk_string_list_new (difficulty_labels)));
  adw_combo_row_set_selected (self->difficulty_row, 1);
  adw_preferences_group_add (match, GTK_WIDGET (self->difficulty_row));
  self->bots_spin = add_spin_row (match, _("Bots"), _("Other fans racing for the same seats"), 0, 50000, 100, 1000);
  self->venue_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->venue_row), _("Venue"));
  adw_combo_row_set_model (self->venue_row, G_LIST_MODEL (gtk_string_list_new (venue_labels)));
  adw_preferences_group_add (match, GTK_WIDGET (self->venue_row));
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Seat Map File"));
  clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (clear, _("Use the preset venue"));
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (on_clear_file), self);
  choose = gtk_button_new_with_mnemonic (_("_Open…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_file), self);
  adw_action_row_add_suffix (self->file_row, clear);
  adw_action_row_add_suffix (self->file_row, choose);
  adw_preferences_group_add (match, GTK_WIDGET (self->file_row));
  set_venue_file (self, NULL);
  self->seats_spin = add_spin_row (match, _("Seats per Booking"), NULL, 1, 4, 1, 2);
  self->waiting_room_switch = add_switch_row (match, _("Waiting Room"),
                                              _("Enter before the open; everyone waiting gets a place in line drawn at random when sales open"));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), room);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), match);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  update_apply (self);
}

TgRoomDialog *
tg_room_dialog_new (GtkWindow  *parent,
                    JsonObject *room)
{
  TgRoomDialog *self = g_object_new (TG_TYPE_ROOM_DIALOG, "transient-for", parent, NULL);

  self->editing = room != NULL;
  gtk_window_set_title (GTK_WINDOW (self), self->editing ? _("Room Settings") : _("New Room"));
  if (room == NULL)
    return self;

  gtk_button_set_label (self->apply_button, _("_Save"));
  gtk_button_set_use_underline (self->apply_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         json_object_get_string_member_with_default (room, "title", ""));
  gtk_spin_button_set_value (self->players_spin, json_object_get_int_member_with_default (room, "max_players", 8));
  adw_combo_row_set_selected (self->difficulty_row,
                              index_of (difficulties, G_N_ELEMENTS (difficulties),
                                        json_object_get_string_member_with_default (room, "difficulty", "medium"), 1));
  gtk_spin_button_set_value (self->bots_spin, json_object_get_int_member_with_default (room, "bots", 100));
  gtk_spin_button_set_value (self->seats_spin, json_object_get_int_member_with_default (room, "seats_per_booking", 2));
  gtk_switch_set_active (self->waiting_room_switch,
                         json_object_get_boolean_member_with_default (room, "waiting_room", FALSE));
  if (json_object_has_member (room, "venue") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (room, "venue")))
    {
      JsonObject *venue = json_object_get_object_member (room, "venue");
      adw_combo_row_set_selected (self->venue_row,
                                  index_of (presets, G_N_ELEMENTS (presets),
                                            json_object_get_string_member_with_default (venue, "preset", "small"), 0));
    }
  /* The password is never sent back: leaving the field empty keeps the current one. */
  if (json_object_get_boolean_member_with_default (room, "has_password", FALSE))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                   _("New password (empty: keep the current one)"));
  update_apply (self);
  return self;
}

JsonObject *
tg_room_dialog_get_settings (TgRoomDialog  *self,
                             GError       **error)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonObject) venue = json_object_new ();
  g_autofree char *title = NULL;
  const char *password;

  g_return_val_if_fail (TG_IS_ROOM_DIALOG (self), NULL);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  json_object_set_string_member (settings, "title", title);
  json_object_set_int_member (settings, "max_players", gtk_spin_button_get_value_as_int (self->players_spin));
  json_object_set_string_member (settings, "difficulty",
                                 difficulties[MIN (adw_combo_row_get_selected (self->difficulty_row), 2u)]);
  json_object_set_int_member (settings, "bots", gtk_spin_button_get_value_as_int (self->bots_spin));
  json_object_set_int_member (settings, "seats_per_booking", gtk_spin_button_get_value_as_int (self->seats_spin));
  json_object_set_boolean_member (settings, "waiting_room", gtk_switch_get_active (self->waiting_room_switch));

  if (self->venue_file != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = g_file_get_basename (self->venue_file);
      gsize length;

      if (!g_file_load_contents (self->venue_file, NULL, &contents, &length, NULL, error))
        return NULL;
      if (length > MAX_SVG_KIB * 1024 || !g_utf8_validate (contents, (gssize) length, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The seat map “%s” cannot be sent: rooms take UTF-8 SVG files of at most %u KiB"),
                       name, MAX_SVG_KIB);
          return NULL;
        }
      json_object_set_string_member (venue, "svg", contents);
    }
  else
    json_object_set_string_member (venue, "preset", presets[MIN (adw_combo_row_get_selected (self->venue_row), 2u)]);
  json_object_set_object_member (settings, "venue", g_steal_pointer (&venue));

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*password != '\0' || !self->editing)
    json_object_set_string_member (settings, "password", password);
  return g_steal_pointer (&settings);
}

void
tg_room_dialog_set_title_text (TgRoomDialog *self,
                               const char   *title)
{
  g_return_if_fail (TG_IS_ROOM_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

void
tg_room_dialog_set_password (TgRoomDialog *self,
                             const char   *password)
{
  g_return_if_fail (TG_IS_ROOM_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

void
tg_room_dialog_set_bots (TgRoomDialog *self,
                         guint         bots)
{
  g_return_if_fail (TG_IS_ROOM_DIALOG (self));
  gtk_spin_button_set_value (self->bots_spin, bots);
}

void
tg_room_dialog_set_waiting_room (TgRoomDialog *self,
                                 gboolean      waiting_room)
{
  g_return_if_fail (TG_IS_ROOM_DIALOG (self));
  gtk_switch_set_active (self->waiting_room_switch, waiting_room);
}
