/* tg-online-page.c: connect / host, the room list, and a room. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-lan-discovery.h"
#include "tg-leaderboard-window.h"
#include "tg-online-page.h"
#include "tg-protocol.h"
#include "tg-room-dialog.h"
#include "tg-server.h"
#include "tg-ui-util.h"

#define DEFAULT_PORT     7788
#define START_COUNTDOWN  10000   /* ms: the protocol's shortest countdown */

struct _TgOnlinePage
{
  AdwBin           parent_instance;

  GSettings       *settings;
  TgNetClient     *client;
  char            *address;
  GCancellable    *cancellable;
  TgServer        *server;        /* hosted in this process */
  TgLanResponder  *responder;
  TgLanBrowser    *browser;
  GPtrArray       *results;       /* TgResult*, last match */
  GPtrArray       *result_names;
  TgVenue         *venue;         /* of the last match: names its seats in the results */
  gboolean         in_match;      /* a session was handed to the window for the running match */

  AdwToastOverlay *toasts;
  GtkRevealer     *reconnecting;
  GtkStack        *stack;

  /* connect */
  AdwEntryRow     *nickname_row;
  AdwEntryRow     *address_row;
  GtkButton       *connect_button;
  GtkListBox      *lan_list;
  GtkSpinButton   *port_spin;

  /* lobby */
  AdwWindowTitle  *lobby_title;
  GtkListBox      *rooms_list;
  GtkStack        *rooms_stack;

  /* room */
  GtkLabel        *room_title;
  GtkLabel        *room_summary;
  GtkListBox      *members_list;
  GtkToggleButton *ready_button;
  GtkButton       *settings_button;
  GtkButton       *start_button;
  GtkListBox      *chat_list;
  GtkEntry        *chat_entry;
  AdwPreferencesGroup *results_group;
  GPtrArray       *result_rows;
};

G_DEFINE_FINAL_TYPE (TgOnlinePage, tg_online_page, ADW_TYPE_BIN)

enum {
  MATCH_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TgOnlinePage *self,
       const char   *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static GtkWidget *
clamped (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_top (child, 24);
  gtk_widget_set_margin_bottom (child, 24);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkListBox *
boxed_list (void)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  return list;
}

static void
clear_list (GtkListBox *list)
{
  /* gtk_list_box_remove_all() is GTK 4.12. */
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL;)
    gtk_list_box_remove (list, row);
}

static const char *
difficulty_label (const char *key)
{
  if (g_strcmp0 (key, "easy") == 0)
    return _("Easy");
  if (g_strcmp0 (key, "hard") == 0)
    return _("Hard");
  return _("Medium");
}

static char *
room_summary_text (JsonObject *room,
                   guint       players)
{
  JsonObject *venue = tg_json_get_object (room, "venue");
  const char *venue_name = venue != NULL ? tg_json_get_string (venue, "name") : NULL;

  g_autofree char *text = NULL;

  /* Translators: a LAN room: players/max · difficulty · bots · venue. */
  text = g_strdup_printf (_("%u/%u players · %s · %'u bots · %s"),
                          players, (guint) tg_json_get_int (room, "max_players", 0),
                          difficulty_label (tg_json_get_string (room, "difficulty")),
                          (guint) tg_json_get_int (room, "bots", 0),
                          venue_name != NULL ? venue_name : "");
  if (tg_json_get_int (room, "waiting_room", FALSE))
    return g_strconcat (text, " · ", _("Waiting Room"), NULL);
  return g_steal_pointer (&text);
}

static void
show_view (TgOnlinePage *self,
           const char   *view)
{
  gtk_stack_set_visible_child_name (self->stack, view);
  if (self->browser != NULL)
    {
      if (g_str_equal (view, "connect") && gtk_widget_get_mapped (GTK_WIDGET (self)))
        tg_lan_browser_start (self->browser, 2000);
      else
        tg_lan_browser_stop (self->browser);
    }
}

/* ---- lobby ---- */

static void join_room_with_password (TgOnlinePage *self,
                                     guint         room,
                                     const char   *title);

static void
on_join_clicked (GtkButton    *button,
                 TgOnlinePage *self)
{
  guint room = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "room"));

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "password")))
    join_room_with_password (self, room, g_object_get_data (G_OBJECT (button), "title"));
  else
    tg_online_page_join_room (self, room, NULL);
}

static void
on_rooms_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TgOnlinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, &error);
  JsonArray *rooms;

  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  clear_list (self->rooms_list);
  rooms = tg_json_get_array (reply, "rooms");
  for (guint i = 0; rooms != NULL && i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *join = gtk_button_new_with_mnemonic (_("_Join"));
      g_autofree char *summary = NULL;
      gboolean locked = json_object_get_boolean_member_with_default (room, "has_password", FALSE);
      gboolean playing = json_object_get_boolean_member_with_default (room, "in_match", FALSE);

      if (room == NULL)
        continue;
      summary = room_summary_text (room, (guint) tg_json_get_int (room, "players", 0));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tg_json_get_string (room, "title"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      if (locked)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("system-lock-screen-symbolic"));
      if (playing)
        {
          GtkWidget *label = gtk_label_new (_("Match under way"));
          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      gtk_widget_set_valign (join, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (join, !playing);
      g_object_set_data (G_OBJECT (join), "room", GUINT_TO_POINTER ((guint) tg_json_get_int (room, "id", 0)));
      g_object_set_data (G_OBJECT (join), "password", GINT_TO_POINTER (locked));
      g_object_set_data_full (G_OBJECT (join), "title", g_strdup (tg_json_get_string (room, "title")), g_free);
      g_signal_connect (join, "clicked", G_CALLBACK (on_join_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), join);
      gtk_list_box_append (self->rooms_list, row);
    }
  gtk_stack_set_visible_child_name (self->rooms_stack,
                                    rooms != NULL && json_array_get_length (rooms) > 0 ? "list" : "empty");
}

static void
refresh_rooms (TgOnlinePage *self)
{
  if (self->client != NULL)
    tg_net_client_list_rooms (self->client, self->cancellable, on_rooms_listed, g_object_ref (self));
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TgOnlinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, &error);

  /* Successes show up as room pushes; only refusals need words here. */
  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
on_password_response (AdwMessageDialog *dialog,
                      const char       *response,
                      TgOnlinePage     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "join") == 0)
    tg_online_page_join_room (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "room")),
                              gtk_editable_get_text (entry));
}

static void
join_room_with_password (TgOnlinePage *self,
                         guint         room,
                         const char   *title)
{
  GtkWidget *entry = gtk_password_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Room Password"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” asks for a password."), title != NULL ? title : "");
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (gtk_widget_get_first_child (entry)), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "join", _("_Join"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "join", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "join");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "room", GUINT_TO_POINTER (room));
  g_signal_connect (dialog, "response", G_CALLBACK (on_password_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_room_dialog_apply (TgRoomDialog *dialog,
                      TgOnlinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) settings = tg_room_dialog_get_settings (dialog, &error);

  if (settings == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "editing")))
    tg_net_client_change_settings (self->client, settings, self->cancellable, on_request_done, g_object_ref (self));
  else
    tg_online_page_create_room (self, settings);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_room_dialog (TgOnlinePage *self,
                  JsonObject   *room)
{
  TgRoomDialog *dialog = tg_room_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), room);

  if (room == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s's room"),
                                                gtk_editable_get_text (GTK_EDITABLE (self->nickname_row)));
      tg_room_dialog_set_title_text (dialog, title);
    }
  g_object_set_data (G_OBJECT (dialog), "editing", GINT_TO_POINTER (room != NULL));
  g_signal_connect (dialog, "apply", G_CALLBACK (on_room_dialog_apply), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_create_clicked (TgOnlinePage *self)
{
  open_room_dialog (self, NULL);
}

/* ---- leaderboard ---- */

GtkWindow *
tg_online_page_show_leaderboard (TgOnlinePage *self)
{
  GtkWindow *window;

  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), NULL);

  window = tg_leaderboard_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->client,
                                      self->address);
  gtk_window_present (window);
  return window;
}

/* ---- room ---- */

static gboolean
is_host (TgOnlinePage *self,
         JsonObject   *room)
{
  return self->client != NULL && (guint) tg_json_get_int (room, "host", 0) == tg_net_client_get_player (self->client);
}

static void
on_member_action (GtkButton    *button,
                  TgOnlinePage *self)
{
  guint player = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "player"));

  if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "action"), "kick") == 0)
    tg_net_client_kick (self->client, player, self->cancellable, on_request_done, g_object_ref (self));
  else
    tg_net_client_transfer_host (self->client, player, self->cancellable, on_request_done, g_object_ref (self));
}

static GtkWidget *
member_button (TgOnlinePage *self,
               const char   *icon,
               const char   *tooltip,
               const char   *action,
               guint         player)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  g_object_set_data (G_OBJECT (button), "player", GUINT_TO_POINTER (player));
  g_signal_connect (button, "clicked", G_CALLBACK (on_member_action), self);
  return button;
}

static void
update_room (TgOnlinePage *self,
             JsonObject   *room)
{
  JsonArray *members = tg_json_get_array (room, "members");
  guint n = members != NULL ? json_array_get_length (members) : 0;
  guint me = tg_net_client_get_player (self->client);
  gboolean host = is_host (self, room);
  gboolean all_ready = TRUE, my_ready = FALSE;
  gboolean in_match = json_object_get_boolean_member_with_default (room, "in_match", FALSE);
  g_autofree char *summary = room_summary_text (room, n);

  gtk_label_set_text (self->room_title, tg_json_get_string (room, "title"));
  gtk_label_set_text (self->room_summary, summary);

  clear_list (self->members_list);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      guint player = (guint) tg_json_get_int (member, "player", 0);
      gboolean ready = json_object_get_boolean_member_with_default (member, "ready", FALSE);
      gboolean connected = json_object_get_boolean_member_with_default (member, "connected", TRUE);
      gboolean member_host = player == (guint) tg_json_get_int (room, "host", 0);
      GtkWidget *row = adw_action_row_new ();
      GString *state = g_string_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tg_json_get_string (member, "nickname"));
      if (member_host)
        g_string_append (state, _("Host"));
      else
        g_string_append (state, ready ? _("Ready") : _("Not ready"));
      if (!connected)
        g_string_append_printf (state, " · %s", _("reconnecting…"));
      if (player == me)
        g_string_append_printf (state, " · %s", _("you"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state->str);
      g_string_free (state, TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (member_host ? "starred-symbolic"
                                                               : ready ? "emblem-ok-symbolic"
                                                               : "avatar-default-symbolic"));
      if (host && player != me && !in_match)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     member_button (self, "starred-symbolic", _("Make Host"), "host", player));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     member_button (self, "list-remove-symbolic", _("Remove from Room"), "kick", player));
        }
      gtk_list_box_append (self->members_list, row);

      if (player == me)
        my_ready = ready;
      else if (!member_host && !ready)
        all_ready = FALSE;
    }

  g_signal_handlers_block_by_func (self->ready_button, tg_online_page_set_ready, self);
  gtk_toggle_button_set_active (self->ready_button, my_ready);
  g_signal_handlers_unblock_by_func (self->ready_button, tg_online_page_set_ready, self);
  gtk_widget_set_visible (GTK_WIDGET (self->ready_button), !host);
  gtk_widget_set_visible (GTK_WIDGET (self->settings_button), host);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), host);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), all_ready && !in_match);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button),
                               all_ready ? NULL : _("Everyone else must be ready first"));
}

static void
on_ready_toggled (GtkToggleButton *button,
                  TgOnlinePage    *self)
{
  tg_online_page_set_ready (self, gtk_toggle_button_get_active (button));
}

static void
on_settings_clicked (TgOnlinePage *self)
{
  JsonObject *room = self->client != NULL ? tg_net_client_get_room (self->client) : NULL;

  if (room != NULL)
    open_room_dialog (self, room);
}

static void
on_start_clicked (TgOnlinePage *self)
{
  tg_online_page_start_match (self, START_COUNTDOWN);
}

static void
on_chat_activate (TgOnlinePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->chat_entry))));

  if (*text == '\0')
    return;
  tg_online_page_send_chat (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->chat_entry), "");
}

static void
show_results (TgOnlinePage *self)
{
  for (guint i = 0; i < self->result_rows->len; i++)
    adw_preferences_group_remove (self->results_group, g_ptr_array_index (self->result_rows, i));
  g_ptr_array_set_size (self->result_rows, 0);

  for (guint i = 0; i < self->results->len; i++)
    {
      const TgResult *result = g_ptr_array_index (self->results, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *grade = gtk_label_new (tg_play_grade_to_string (tg_result_compute_grade (result)));
      g_autofree char *subtitle = NULL;

      if (result->success)
        {
          GString *seats = g_string_new (NULL);
          for (guint s = 0; s < result->n_seats; s++)
            {
              g_autofree char *name = tg_ui_seat_name_for_id (self->venue, result->seat_ids[s]);

              /* " / ": a seat's name has commas of its own in English ("2층 C구역, row 7, seat 19"). */
              g_string_append_printf (seats, "%s%s", s > 0 ? " / " : "", name);
            }
          /* Translators: one player's online result: rank among players, among everyone, seats. */
          subtitle = g_strdup_printf (_("Rank %u among players · %'u overall · %s"),
                                      result->rank_humans, result->rank_all, seats->str);
          g_string_free (seats, TRUE);
        }
      else
        subtitle = g_strdup (tg_fail_reason_get_label (result->fail_reason));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (self->result_names, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (grade, "title-3");
      gtk_widget_add_css_class (grade, result->success ? "success" : "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), grade);
      adw_preferences_group_add (self->results_group, row);
      g_ptr_array_add (self->result_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), self->results->len > 0);
}

/* ---- client signals ---- */

static void
on_room_changed (TgNetClient  *client,
                 JsonObject   *room,
                 TgOnlinePage *self)
{
  if (room != NULL)
    {
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "room"))
        {
          clear_list (self->chat_list);
          show_view (self, "room");
        }
      update_room (self, room);
    }
  else
    {
      show_view (self, "lobby");
      refresh_rooms (self);
    }
}

static void
on_chat (TgNetClient  *client,
         guint         player,
         const char   *nickname,
         const char   *text,
         TgOnlinePage *self)
{
  g_autofree char *line = g_strdup_printf ("%s: %s", nickname, text);
  GtkWidget *label = gtk_label_new (line);
  GtkAdjustment *adjustment;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_box_append (self->chat_list, label);
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->chat_list), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
on_kicked (TgNetClient  *client,
           guint         room,
           TgOnlinePage *self)
{
  toast (self, _("The host removed you from the room"));
}

static void
on_request_failed (TgNetClient  *client,
                   const char   *type,
                   GError       *error,
                   TgOnlinePage *self)
{
  toast (self, error->message);
}

static void
on_state_notify (TgNetClient  *client,
                 GParamSpec   *pspec,
                 TgOnlinePage *self)
{
  TgNetClientState state = tg_net_client_get_state (client);

  gtk_revealer_set_reveal_child (self->reconnecting, state == TG_NET_CLIENT_RECONNECTING);
  if (state == TG_NET_CLIENT_DISCONNECTED && !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "connect"))
    show_view (self, "connect");
}

static void
on_connection_lost (TgNetClient  *client,
                    GError       *error,
                    TgOnlinePage *self)
{
  g_autofree char *text = g_strdup_printf (_("Lost the connection to the server: %s"), error->message);

  toast (self, text);
}

typedef struct
{
  TgOnlinePage *self;
  JsonObject   *match;
} VenueLoad;

static void
venue_load_free (VenueLoad *load)
{
  g_object_unref (load->self);
  json_object_unref (load->match);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VenueLoad, venue_load_free)

static void
on_venue_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VenueLoad) load = user_data;
  TgOnlinePage *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_net_client_load_venue_finish (TG_NET_CLIENT (source), result, &error);
  g_autoptr(TgOnlineSession) session = NULL;

  if (TG_NET_CLIENT (source) != self->client)
    return;
  if (venue == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the room's seat map: %s"), error->message);
      toast (self, text);
      return;
    }
  session = tg_online_session_new (self->client, load->match, venue, &error);
  if (session == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->result_names, 0);
  g_set_object (&self->venue, venue);
  show_results (self);
  self->in_match = TRUE;
  g_signal_emit (self, signals[MATCH_STARTED], 0, session);
}

static void
on_match_push (TgNetClient  *client,
               const char   *type,
               JsonObject   *match,
               TgOnlinePage *self)
{
  JsonObject *venue = tg_json_get_object (tg_json_get_object (match, "room_state"), "venue");
  VenueLoad *load;

  /* A snapshot after a resume, while the window already plays this match, is the session's. */
  if (self->in_match)
    return;
  load = g_new0 (VenueLoad, 1);
  load->self = g_object_ref (self);
  load->match = json_object_ref (match);
  tg_net_client_load_venue_async (client, venue, self->cancellable, on_venue_loaded, load);
}

static void
on_match_end (TgNetClient  *client,
              const char   *type,
              JsonObject   *end,
              TgOnlinePage *self)
{
  JsonArray *results = tg_json_get_array (end, "results");

  self->in_match = FALSE;
  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->result_names, 0);
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *entry = json_array_get_object_element (results, i);
      TgResult *result = entry != NULL ? tg_protocol_parse_result (tg_json_get_object (entry, "result")) : NULL;

      if (result == NULL)
        continue;
      g_ptr_array_add (self->results, result);
      g_ptr_array_add (self->result_names, g_strdup (tg_json_get_string (entry, "nickname")));
    }
  show_results (self);
}

/* ---- connect ---- */

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TgOnlinePage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), TRUE);
  if (TG_NET_CLIENT (source) != self->client)
    return;
  if (!tg_net_client_connect_finish (TG_NET_CLIENT (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not connect to %s: %s"), self->address, error->message);
      g_clear_object (&self->client);
      toast (self, text);
      return;
    }
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "last-server-address", self->address);
      g_settings_set_string (self->settings, "nickname", tg_net_client_get_nickname (self->client));
    }
  adw_window_title_set_subtitle (self->lobby_title, self->address);
  if (tg_net_client_get_room (self->client) != NULL)
    on_room_changed (self->client, tg_net_client_get_room (self->client), self);
  else
    {
      show_view (self, "lobby");
      refresh_rooms (self);
    }
}

static void
drop_client (TgOnlinePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      tg_net_client_disconnect (self->client);
      g_clear_object (&self->client);
    }
  gtk_revealer_set_reveal_child (self->reconnecting, FALSE);
  self->in_match = FALSE;
}

void
tg_online_page_connect (TgOnlinePage *self,
                        const char   *address,
                        const char   *nickname)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (address));

  g_return_if_fail (TG_IS_ONLINE_PAGE (self));

  drop_client (self);
  if (*clean == '\0')
    {
      toast (self, _("Type the server's address, for example 192.168.0.10:7788"));
      return;
    }
  self->client = tg_net_client_new (clean, &error);
  if (self->client == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_free (self->address);
  self->address = g_steal_pointer (&clean);

  g_signal_connect (self->client, "room-changed", G_CALLBACK (on_room_changed), self);
  g_signal_connect (self->client, "chat", G_CALLBACK (on_chat), self);
  g_signal_connect (self->client, "kicked", G_CALLBACK (on_kicked), self);
  g_signal_connect (self->client, "request-failed", G_CALLBACK (on_request_failed), self);
  g_signal_connect (self->client, "connection-lost", G_CALLBACK (on_connection_lost), self);
  g_signal_connect (self->client, "notify::state", G_CALLBACK (on_state_notify), self);
  g_signal_connect (self->client, "push::match", G_CALLBACK (on_match_push), self);
  g_signal_connect (self->client, "push::match_end", G_CALLBACK (on_match_end), self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), FALSE);
  tg_net_client_connect_async (self->client, nickname, self->cancellable, on_connected, g_object_ref (self));
}

static void
on_connect_clicked (TgOnlinePage *self)
{
  tg_online_page_connect (self, gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->nickname_row)));
}

static void
describe_hosted (TgLanServer *server,
                 gpointer     user_data)
{
  TgOnlinePage *self = user_data;

  server->name = g_strdup_printf (_("%s's TickGet"), gtk_editable_get_text (GTK_EDITABLE (self->nickname_row)));
  server->port = (guint16) tg_server_get_port (self->server);
  server->rooms = tg_server_get_n_rooms (self->server);
  server->players = tg_server_get_n_connections (self->server);
  server->version = g_strdup (PACKAGE_VERSION);
}

gboolean
tg_online_page_host (TgOnlinePage  *self,
                     guint          port,
                     const char    *nickname,
                     GError       **error)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "tickget", "server", NULL);
  g_autofree char *address = NULL;
  g_autoptr(GError) beacon_error = NULL;
  TgServerOptions options;

  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), FALSE);

  if (self->server == NULL)
    {
      tg_server_options_init (&options);
      self->server = tg_server_new (&options, data_dir, error);
      if (self->server == NULL || !tg_server_listen (self->server, NULL, port, NULL, NULL, error))
        {
          g_clear_object (&self->server);
          return FALSE;
        }
      /* Friends find the room in their server list; a second server on this machine may hold the
       * discovery port, which costs only that. */
      self->responder = tg_lan_responder_new (0, describe_hosted, self, NULL, &beacon_error);
      if (self->responder == NULL)
        g_debug ("LAN discovery is off for the hosted server: %s", beacon_error->message);
    }
  address = g_strdup_printf ("127.0.0.1:%u", tg_server_get_port (self->server));
  tg_online_page_connect (self, address, nickname);
  return TRUE;
}

static void
on_host_clicked (TgOnlinePage *self)
{
  g_autoptr(GError) error = NULL;

  if (!tg_online_page_host (self, (guint) gtk_spin_button_get_value_as_int (self->port_spin),
                            gtk_editable_get_text (GTK_EDITABLE (self->nickname_row)), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not host a room: %s"), error->message);
      toast (self, text);
    }
}

static void
on_lan_row_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      TgOnlinePage  *self)
{
  const char *address = g_object_get_data (G_OBJECT (row), "address");

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  on_connect_clicked (self);
}

static void
on_lan_servers_changed (TgLanBrowser *browser,
                        TgOnlinePage *self)
{
  GPtrArray *servers = tg_lan_browser_get_servers (browser);

  clear_list (self->lan_list);
  for (guint i = 0; i < servers->len; i++)
    {
      TgLanServer *server = g_ptr_array_index (servers, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a server found on the LAN: address:port · rooms · players. */
      g_autofree char *subtitle = g_strdup_printf (_("%s:%u · %u rooms · %u players"),
                                                   server->address, server->port, server->rooms,
                                                   server->players);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), server->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "address",
                              g_strdup_printf ("%s:%u", server->address, server->port), g_free);
      gtk_list_box_append (self->lan_list, row);
    }
  if (servers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Looking for servers on this network…"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->lan_list, row);
    }
}

/* ---- building ---- */

static GtkWidget *
build_connect_view (TgOnlinePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  AdwPreferencesGroup *me = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *join = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *lan = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *host = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *host_row = adw_action_row_new ();
  GtkWidget *host_button;

  adw_preferences_group_set_title (me, _("Play Online"));
  adw_preferences_group_set_description (me, _("Race friends on your network — and the bots — for the same seats."));
  self->nickname_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->nickname_row), _("Nickname"));
  adw_preferences_group_add (me, GTK_WIDGET (self->nickname_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (me));

  adw_preferences_group_set_title (join, _("Join a Server"));
  self->address_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), _("Address and port"));
  adw_entry_row_set_show_apply_button (self->address_row, FALSE);
  g_signal_connect_swapped (self->address_row, "entry-activated", G_CALLBACK (on_connect_clicked), self);
  self->connect_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Connect")));
  gtk_widget_set_valign (GTK_WIDGET (self->connect_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->connect_button), "suggested-action");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (on_connect_clicked), self);
  adw_entry_row_add_suffix (self->address_row, GTK_WIDGET (self->connect_button));
  adw_preferences_group_add (join, GTK_WIDGET (self->address_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (join));

  adw_preferences_group_set_title (lan, _("Servers on This Network"));
  self->lan_list = boxed_list ();
  g_signal_connect (self->lan_list, "row-activated", G_CALLBACK (on_lan_row_activated), self);
  adw_preferences_group_add (lan, GTK_WIDGET (self->lan_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (lan));

  adw_preferences_group_set_title (host, _("Host a Room"));
  adw_preferences_group_set_description (host, _("Runs the TickGet server on this computer while the app is open; "
                                                 "friends join with this computer's address and the port."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (host_row), _("Port"));
  self->port_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1024, 65535, 1));
  gtk_spin_button_set_value (self->port_spin, DEFAULT_PORT);
  gtk_widget_set_valign (GTK_WIDGET (self->port_spin), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (host_row), GTK_WIDGET (self->port_spin));
  host_button = gtk_button_new_with_mnemonic (_("_Host"));
  gtk_widget_set_valign (host_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (host_button, "clicked", G_CALLBACK (on_host_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (host_row), host_button);
  adw_preferences_group_add (host, host_row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (host));

  return clamped (box);
}

static GtkWidget *
build_lobby_view (TgOnlinePage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_center_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *create, *refresh, *leave, *empty;

  gtk_widget_add_css_class (bar, "toolbar");
  leave = gtk_button_new_with_mnemonic (_("_Disconnect"));
  g_signal_connect_swapped (leave, "clicked", G_CALLBACK (tg_online_page_disconnect), self);
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (bar), leave);
  self->lobby_title = ADW_WINDOW_TITLE (adw_window_title_new (_("Rooms"), ""));
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (bar), GTK_WIDGET (self->lobby_title));
  refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_tooltip_text (refresh, _("Refresh"));
  g_signal_connect_swapped (refresh, "clicked", G_CALLBACK (refresh_rooms), self);
  create = gtk_button_new_with_mnemonic (_("_New Room"));
  gtk_widget_add_css_class (create, "suggested-action");
  g_signal_connect_swapped (create, "clicked", G_CALLBACK (on_create_clicked), self);
  {
    GtkWidget *board = gtk_button_new_from_icon_name ("starred-symbolic");

    gtk_widget_set_tooltip_text (board, _("Leaderboard"));
    g_signal_connect_swapped (board, "clicked", G_CALLBACK (tg_online_page_show_leaderboard), self);
    gtk_box_append (GTK_BOX (buttons), board);
  }
  gtk_box_append (GTK_BOX (buttons), refresh);
  gtk_box_append (GTK_BOX (buttons), create);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (bar), buttons);
  gtk_box_append (GTK_BOX (outer), bar);

  self->rooms_stack = GTK_STACK (gtk_stack_new ());
  self->rooms_list = boxed_list ();
  gtk_stack_add_named (self->rooms_stack, GTK_WIDGET (self->rooms_list), "list");
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Rooms Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Create one and invite your friends."));
  gtk_stack_add_named (self->rooms_stack, empty, "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rooms_stack));
  gtk_box_append (GTK_BOX (outer), clamped (box));
  return outer;
}

static GtkWidget *
build_room_view (TgOnlinePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  AdwPreferencesGroup *members = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *chat = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *leave, *chat_scroll;

  self->room_title = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->room_title), "title-1");
  gtk_label_set_wrap (self->room_title, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->room_title));
  self->room_summary = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->room_summary), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->room_summary));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  leave = gtk_button_new_with_mnemonic (_("_Leave Room"));
  gtk_widget_add_css_class (leave, "pill");
  g_signal_connect_swapped (leave, "clicked", G_CALLBACK (tg_online_page_leave_room), self);
  self->settings_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Room Se_ttings")));
  gtk_widget_add_css_class (GTK_WIDGET (self->settings_button), "pill");
  g_signal_connect_swapped (self->settings_button, "clicked", G_CALLBACK (on_settings_clicked), self);
  self->ready_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Ready")));
  gtk_widget_add_css_class (GTK_WIDGET (self->ready_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->ready_button), "suggested-action");
  g_signal_connect (self->ready_button, "toggled", G_CALLBACK (on_ready_toggled), self);
  self->start_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Start Match")));
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  gtk_box_append (GTK_BOX (buttons), leave);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->settings_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->ready_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->start_button));
  gtk_box_append (GTK_BOX (box), buttons);

  self->results_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->results_group, _("Last Match"));
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results_group));

  adw_preferences_group_set_title (members, _("Players"));
  self->members_list = boxed_list ();
  adw_preferences_group_add (members, GTK_WIDGET (self->members_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (members));

  adw_preferences_group_set_title (chat, _("Chat"));
  self->chat_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->chat_list, GTK_SELECTION_NONE);
  chat_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (chat_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (chat_scroll), 140);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (chat_scroll), GTK_WIDGET (self->chat_list));
  gtk_widget_add_css_class (chat_scroll, "card");
  adw_preferences_group_add (chat, chat_scroll);
  self->chat_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->chat_entry, 500);
  gtk_entry_set_placeholder_text (self->chat_entry, _("Say something to the room"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->chat_entry), 6);
  g_signal_connect_swapped (self->chat_entry, "activate", G_CALLBACK (on_chat_activate), self);
  adw_preferences_group_add (chat, GTK_WIDGET (self->chat_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (chat));

  return clamped (box);
}

static void
on_map (TgOnlinePage *self)
{
  if (self->browser != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "connect"))
    tg_lan_browser_start (self->browser, 2000);
}

static void
on_unmap (TgOnlinePage *self)
{
  if (self->browser != NULL)
    tg_lan_browser_stop (self->browser);
}

static void
tg_online_page_dispose (GObject *object)
{
  TgOnlinePage *self = TG_ONLINE_PAGE (object);

  drop_client (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->browser);
  g_clear_object (&self->responder);
  if (self->server != NULL)
    tg_server_shutdown (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->result_names, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_clear_object (&self->venue);
  g_clear_pointer (&self->address, g_free);

  G_OBJECT_CLASS (tg_online_page_parent_class)->dispose (object);
}

static void
tg_online_page_class_init (TgOnlinePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_online_page_dispose;

  /**
   * TgOnlinePage::match-started:
   * @session: the player's TgOnlineSession for the match the host started
   */
  signals[MATCH_STARTED] = g_signal_new ("match-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, TG_TYPE_ONLINE_SESSION);
}

static void
tg_online_page_init (TgOnlinePage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  g_autoptr(GError) error = NULL;

  self->cancellable = g_cancellable_new ();
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_result_free);
  self->result_names = g_ptr_array_new_with_free_func (g_free);
  self->result_rows = g_ptr_array_new ();

  /* AdwBanner is libadwaita 1.3: a revealer does the same. */
  self->reconnecting = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_add_css_class (banner, "toolbar");
  gtk_widget_add_css_class (banner, "warning");
  gtk_widget_set_halign (banner, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (banner), spinner);
  gtk_box_append (GTK_BOX (banner), gtk_label_new (_("Connection lost — reconnecting…")));
  gtk_revealer_set_child (self->reconnecting, banner);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->reconnecting));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, build_connect_view (self), "connect");
  gtk_stack_add_named (self->stack, build_lobby_view (self), "lobby");
  gtk_stack_add_named (self->stack, build_room_view (self), "room");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, outer);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toasts));

  gtk_editable_set_text (GTK_EDITABLE (self->nickname_row), g_get_user_name ());
  self->browser = tg_lan_browser_new (0, &error);
  if (self->browser == NULL)
    g_debug ("No LAN discovery: %s", error->message);
  else
    g_signal_connect (self->browser, "servers-changed", G_CALLBACK (on_lan_servers_changed), self);
  on_lan_servers_changed (self->browser, self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
}

GtkWidget *
tg_online_page_new (void)
{
  return g_object_new (TG_TYPE_ONLINE_PAGE, NULL);
}

void
tg_online_page_set_settings (TgOnlinePage *self,
                             GSettings    *settings)
{
  g_autofree char *address = NULL;
  g_autofree char *nickname = NULL;

  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;
  address = g_settings_get_string (settings, "last-server-address");
  nickname = g_settings_get_string (settings, "nickname");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  if (*nickname != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->nickname_row), nickname);
}

const char *
tg_online_page_get_view (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

TgNetClient *
tg_online_page_get_client (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), NULL);
  return self->client;
}

const char *
tg_online_page_get_address (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), NULL);
  return self->client != NULL ? self->address : NULL;
}

guint
tg_online_page_get_hosted_port (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), 0);
  return self->server != NULL ? tg_server_get_port (self->server) : 0;
}

void
tg_online_page_create_room (TgOnlinePage *self,
                            JsonObject   *settings)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_create_room (self->client, settings, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_join_room (TgOnlinePage *self,
                          guint         room,
                          const char   *password)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_join_room (self->client, room, password, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_set_ready (TgOnlinePage *self,
                          gboolean      ready)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_set_ready (self->client, ready, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_send_chat (TgOnlinePage *self,
                          const char   *text)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_chat (self->client, text, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_start_match (TgOnlinePage *self,
                            guint         open_in_ms)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_start (self->client, open_in_ms, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_leave_room (TgOnlinePage *self)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  if (self->client != NULL)
    tg_net_client_leave_room (self->client, self->cancellable, on_request_done, g_object_ref (self));
}

void
tg_online_page_disconnect (TgOnlinePage *self)
{
  g_return_if_fail (TG_IS_ONLINE_PAGE (self));
  drop_client (self);
  show_view (self, "connect");
}

guint
tg_online_page_get_n_results (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), 0);
  return self->results->len;
}

const char *
tg_online_page_get_room_summary (TgOnlinePage *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_PAGE (self), NULL);
  return gtk_label_get_text (self->room_summary);
}
