/* tg-seat-page.c: the seat map (포도알), the legend and the hold button. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-seat-legend.h"
#include "tg-seat-map.h"
#include "tg-seat-page.h"
#include "tg-ui-util.h"

struct _TgSeatPage
{
  AdwBin      parent_instance;

  TgSession  *session;
  TgVenue    *venue;
  TgSeatMap  *map;
  TgSeatLegend *legend;
  GtkLabel   *selection_label;
  GtkLabel   *left_label;
  GtkButton  *hold_button;
  GArray     *selected;      /* guint32 */
  guint8     *states;
};

G_DEFINE_FINAL_TYPE (TgSeatPage, tg_seat_page, ADW_TYPE_BIN)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_selection (TgSeatPage *self)
{
  GString *text = g_string_new (NULL);
  guint max = self->session != NULL ? tg_session_get_settings (self->session)->seats_per_booking : 0;

  for (guint i = 0; i < self->selected->len; i++)
    {
      g_autofree char *name = tg_ui_seat_name (self->venue, g_array_index (self->selected, guint32, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " · " : "", name);
    }
  if (self->selected->len == 0)
    {
      g_autofree char *hint = g_strdup_printf (ngettext ("Pick up to %u seat", "Pick up to %u seats", max), max);
      gtk_label_set_text (self->selection_label, hint);
    }
  else
    gtk_label_set_text (self->selection_label, text->str);
  g_string_free (text, TRUE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->hold_button), self->selected->len > 0);
  tg_seat_map_set_selected (self->map, (const guint32 *) self->selected->data, self->selected->len);
}

static void
update_left (TgSeatPage *self)
{
  guint n = tg_venue_get_n_seats (self->venue), left = 0;
  g_autofree guint *per_grade = g_new0 (guint, MAX (1u, tg_venue_get_n_grades (self->venue)));
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    if (self->states[i] == TG_SEAT_AVAILABLE)
      {
        left++;
        per_grade[tg_venue_get_seat (self->venue, i)->grade]++;
      }
  /* The legend shows what is left of each grade, as the real sites do. */
  tg_seat_legend_set_available (self->legend, per_grade);
  text = g_strdup_printf (_("%'u of %'u seats left"), left, n);
  gtk_label_set_text (self->left_label, text);
}

void
tg_seat_page_refresh (TgSeatPage *self)
{
  TgVenue *venue;
  guint n;

  g_return_if_fail (TG_IS_SEAT_PAGE (self));
  if (self->session == NULL)
    return;

  venue = tg_session_get_venue (self->session);
  if (venue != self->venue)
    {
      g_set_object (&self->venue, venue);
      tg_seat_map_set_venue (self->map, venue);
      tg_seat_legend_set_venue (self->legend, venue);
    }
  n = tg_venue_get_n_seats (venue);
  g_free (self->states);
  self->states = g_new (guint8, MAX (1u, n));
  for (guint i = 0; i < n; i++)
    self->states[i] = tg_session_get_seat_state (self->session, i);
  tg_seat_map_set_states (self->map, self->states);
  g_array_set_size (self->selected, 0);
  update_selection (self);
  update_left (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

void
tg_seat_page_seats_changed (TgSeatPage *self,
                            GArray     *seats)
{
  g_autofree guint8 *states = NULL;
  gboolean lost = FALSE;

  g_return_if_fail (TG_IS_SEAT_PAGE (self));
  if (self->session == NULL || self->states == NULL || self->venue == NULL)
    return;

  states = g_new (guint8, MAX (1u, seats->len));
  for (guint i = 0; i < seats->len; i++)
    {
      guint32 seat = g_array_index (seats, guint32, i);
      if (seat >= tg_venue_get_n_seats (self->venue))
        continue;
      states[i] = self->states[seat] = tg_session_get_seat_state (self->session, seat);
    }
  tg_seat_map_update_seats (self->map, (const guint32 *) seats->data, seats->len, states);

  /* A seat picked but not held yet can vanish under the player's cursor. */
  for (guint i = 0; i < self->selected->len;)
    if (self->states[g_array_index (self->selected, guint32, i)] != TG_SEAT_AVAILABLE)
      {
        g_array_remove_index (self->selected, i);
        lost = TRUE;
      }
    else
      i++;
  if (lost)
    update_selection (self);
  update_left (self);
}

void
tg_seat_page_toggle_seat (TgSeatPage *self,
                          guint32     seat)
{
  guint max;

  g_return_if_fail (TG_IS_SEAT_PAGE (self));
  if (self->session == NULL || self->venue == NULL || seat >= tg_venue_get_n_seats (self->venue))
    return;

  for (guint i = 0; i < self->selected->len; i++)
    if (g_array_index (self->selected, guint32, i) == seat)
      {
        g_array_remove_index (self->selected, i);
        update_selection (self);
        return;
      }

  if (self->states[seat] != TG_SEAT_AVAILABLE)
    {
      /* Clicking a seat that is gone: the site says 이선좌 and the player lost time. */
      GArray *taken = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (taken, seat);
      tg_session_hold_seats (self->session, &seat, 1, taken, NULL);
      g_array_unref (taken);
      g_signal_emit (self, signals[MESSAGE], 0, _("That seat is already taken"));
      return;
    }

  max = tg_session_get_settings (self->session)->seats_per_booking;
  if (self->selected->len >= max)
    {
      g_autofree char *text = g_strdup_printf (_("You can book up to %u seats"), max);
      g_signal_emit (self, signals[MESSAGE], 0, text);
      return;
    }
  g_array_append_val (self->selected, seat);
  update_selection (self);
}

void
tg_seat_page_confirm (TgSeatPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_return_if_fail (TG_IS_SEAT_PAGE (self));
  if (self->session == NULL || self->selected->len == 0)
    return;

  if (tg_session_hold_seats (self->session, (const guint32 *) self->selected->data, self->selected->len,
                             taken, &error))
    return;

  if (g_error_matches (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN))
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("That seat is already taken"));
      g_autofree guint8 *states = g_new (guint8, MAX (1u, taken->len));

      for (guint i = 0; i < taken->len; i++)
        {
          guint32 seat = g_array_index (taken, guint32, i);
          states[i] = self->states[seat] = tg_session_get_seat_state (self->session, seat);
          for (guint j = 0; j < self->selected->len; j++)
            if (g_array_index (self->selected, guint32, j) == seat)
              g_array_remove_index (self->selected, j--);
        }
      tg_seat_map_update_seats (self->map, (const guint32 *) taken->data, taken->len, states);
      update_selection (self);
    }
  else
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
on_seat_activated (TgSeatPage *self,
                   guint       seat)
{
  tg_seat_page_toggle_seat (self, seat);
}

static void
on_miss_clicked (TgSeatPage *self)
{
  if (self->session != NULL)
    tg_session_note_seat_miss (self->session);
}

static void
on_zoom_clicked (GtkButton  *button,
                 TgSeatPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->map), g_object_get_data (G_OBJECT (button), "action"), NULL);
}

static GtkWidget *
zoom_button (TgSeatPage *self,
             const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
  g_signal_connect (button, "clicked", G_CALLBACK (on_zoom_clicked), self);
  return button;
}

static void
tg_seat_page_dispose (GObject *object)
{
  TgSeatPage *self = TG_SEAT_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->venue);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->states, g_free);
  G_OBJECT_CLASS (tg_seat_page_parent_class)->dispose (object);
}

static void
tg_seat_page_class_init (TgSeatPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_seat_page_dispose;

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tg_seat_page_init (TgSeatPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title;

  self->selected = g_array_new (FALSE, FALSE, sizeof (guint32));

  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 6);
  gtk_widget_set_margin_bottom (top, 6);
  title = gtk_label_new (_("Choose Your Seats"));
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (top), title);
  self->legend = TG_SEAT_LEGEND (tg_seat_legend_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->legend), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->legend), GTK_ALIGN_END);
  gtk_widget_set_margin_start (GTK_WIDGET (self->legend), 12);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->legend));
  gtk_box_append (GTK_BOX (box), top);

  self->map = TG_SEAT_MAP (tg_seat_map_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), TRUE);
  g_signal_connect_swapped (self->map, "seat-activated", G_CALLBACK (on_seat_activated), self);
  g_signal_connect_swapped (self->map, "miss-clicked", G_CALLBACK (on_miss_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->map));

  gtk_widget_add_css_class (bottom, "toolbar");
  {
    GtkWidget *zoom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_add_css_class (zoom, "linked");
    gtk_box_append (GTK_BOX (zoom), zoom_button (self, "zoom-out-symbolic", _("Zoom out (−)"), "seat-map.zoom-out"));
    gtk_box_append (GTK_BOX (zoom), zoom_button (self, "zoom-fit-best-symbolic", _("Whole venue (0)"), "seat-map.zoom-fit"));
    gtk_box_append (GTK_BOX (zoom), zoom_button (self, "zoom-in-symbolic", _("Zoom in (+)"), "seat-map.zoom-in"));
    gtk_box_append (GTK_BOX (bottom), zoom);
  }
  self->left_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->left_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->left_label), "numeric");
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->left_label));
  self->selection_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_set_hexpand (GTK_WIDGET (self->selection_label), TRUE);
  gtk_label_set_ellipsize (self->selection_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->selection_label));
  self->hold_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Select Seats")));
  gtk_widget_add_css_class (GTK_WIDGET (self->hold_button), "suggested-action");
  g_signal_connect_swapped (self->hold_button, "clicked", G_CALLBACK (tg_seat_page_confirm), self);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->hold_button));
  gtk_box_append (GTK_BOX (box), bottom);

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
tg_seat_page_new (void)
{
  return g_object_new (TG_TYPE_SEAT_PAGE, NULL);
}

void
tg_seat_page_set_session (TgSeatPage *self,
                          TgSession  *session)
{
  g_return_if_fail (TG_IS_SEAT_PAGE (self));
  g_set_object (&self->session, session);
  if (self->selected != NULL)
    g_array_set_size (self->selected, 0);
}

GtkWidget *
tg_seat_page_get_map (TgSeatPage *self)
{
  g_return_val_if_fail (TG_IS_SEAT_PAGE (self), NULL);
  return GTK_WIDGET (self->map);
}
