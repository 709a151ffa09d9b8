/* tg-leaderboard-window.c: a server's leaderboard (GET /leaderboard, docs/protocol.md). */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-leaderboard-window.h"
#include "tg-protocol.h"

static void
on_leaderboard (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) board = tg_net_client_fetch_json_finish (TG_NET_CLIENT (source), result, &error);
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (window), "group");
  GtkStack *stack = g_object_get_data (G_OBJECT (window), "stack");
  AdwStatusPage *status = g_object_get_data (G_OBJECT (window), "status");
  JsonArray *players;
  guint n;

  if (board == NULL)
    {
      adw_status_page_set_title (status, _("Could Not Load the Leaderboard"));
      adw_status_page_set_description (status, error->message);
      gtk_stack_set_visible_child_name (stack, "status");
      return;
    }
  players = tg_json_get_array (board, "players");
  n = players != NULL ? json_array_get_length (players) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *p = json_array_get_object_element (players, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *rank, *points;
      g_autofree char *rank_text = NULL, *points_text = NULL, *subtitle = NULL;
      gint64 best_ms;

      if (p == NULL)
        continue;
      best_ms = tg_json_get_int (p, "best_total_ms", -1);
      rank_text = g_strdup_printf ("%u", (guint) tg_json_get_int (p, "rank", i + 1));
      /* Translators: season points on the leaderboard. */
      points_text = g_strdup_printf (_("%.1f pts"), json_object_get_double_member_with_default (p, "season_points", 0));
      if (best_ms >= 0)
        /* Translators: bookings out of matches · best rank among all buyers · fastest booking. */
        {
          guint matches = (guint) tg_json_get_int (p, "matches", 0);

          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u match booked · best rank %u · fastest %.1f s",
                                                   "%u of %u matches booked · best rank %u · fastest %.1f s", matches),
                                      (guint) tg_json_get_int (p, "bookings", 0), matches,
                                      (guint) tg_json_get_int (p, "best_rank", 0), best_ms / 1000.0);
        }
      else
        {
          guint matches = (guint) tg_json_get_int (p, "matches", 0);

          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match, no booking yet",
                                                   "%u matches, no booking yet", matches), matches);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tg_json_get_string (p, "nickname"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      rank = gtk_label_new (rank_text);
      gtk_widget_add_css_class (rank, "title-3");
      gtk_widget_add_css_class (rank, "numeric");
      gtk_widget_set_size_request (rank, 32, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), rank);
      points = gtk_label_new (points_text);
      gtk_widget_add_css_class (points, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), points);
      adw_preferences_group_add (group, row);
    }
  if (n == 0)
    {
      adw_status_page_set_title (status, _("No Results Yet"));
      adw_status_page_set_description (status, _("Finished online matches on this server appear here."));
    }
  gtk_stack_set_visible_child_name (stack, n > 0 ? "list" : "status");
  g_object_set_data (G_OBJECT (window), "rows", GUINT_TO_POINTER (n + 1));
}

GtkWindow *
tg_leaderboard_window_new (GtkWindow   *parent,
                           TgNetClient *client,
                           const char  *address)
{
  AdwWindow *window;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkStack *stack = GTK_STACK (gtk_stack_new ());

  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 560);
  gtk_window_set_title (GTK_WINDOW (window), _("Leaderboard"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Leaderboard"), address != NULL ? address : ""));
  gtk_box_append (GTK_BOX (box), header);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every online match on this server, by season points."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (stack, spinner, "loading");
  gtk_stack_add_named (stack, page, "list");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "starred-symbolic");
  gtk_stack_add_named (stack, status, "status");
  gtk_widget_set_vexpand (GTK_WIDGET (stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));
  adw_window_set_content (window, box);
  g_object_set_data (G_OBJECT (window), "group", group);
  g_object_set_data (G_OBJECT (window), "stack", stack);
  g_object_set_data (G_OBJECT (window), "status", status);

  if (client != NULL)
    tg_net_client_fetch_json_async (client, "/leaderboard", NULL, on_leaderboard, g_object_ref (window));
  return GTK_WINDOW (window);
}
