/* tg-payment-page.c: price, discount, booking fee, payment method and confirmation, under the
 * 10-minute hold timer. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-match-view-private.h"
#include "tg-payment-page.h"
#include "tg-ui-util.h"

struct _TgPaymentPage
{
  AdwBin           parent_instance;

  TgSession       *session;
  GtkLabel        *timer_label;
  AdwPreferencesGroup *seats_group;
  GPtrArray       *seat_rows;     /* AdwComboRow* */
  AdwActionRow    *discount_row;
  AdwActionRow    *fee_row;
  AdwActionRow    *total_row;
  AdwComboRow     *method_row;
  GtkCheckButton  *agree_check;
  GtkButton       *pay_button;
  GtkWidget       *back_button;
};

G_DEFINE_FINAL_TYPE (TgPaymentPage, tg_payment_page, ADW_TYPE_BIN)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_won (guint won)
{
  /* Translators: an amount in Korean won, e.g. "143,000 won". */
  return g_strdup_printf (_("%'u won"), won);
}

static void
collect_discounts (TgPaymentPage *self,
                   TgDiscount    *discounts)
{
  for (guint i = 0; i < TG_LEDGER_MAX_SEATS_PER_HOLD; i++)
    discounts[i] = TG_DISCOUNT_GENERAL;
  for (guint i = 0; i < self->seat_rows->len && i < TG_LEDGER_MAX_SEATS_PER_HOLD; i++)
    discounts[i] = MIN (adw_combo_row_get_selected (g_ptr_array_index (self->seat_rows, i)),
                        (guint) TG_N_DISCOUNTS - 1);
}

static void
update_totals (TgPaymentPage *self)
{
  TgDiscount discounts[TG_LEDGER_MAX_SEATS_PER_HOLD];
  TgQuote quote;
  g_autofree char *discount = NULL, *fee = NULL, *total = NULL;

  if (self->session == NULL)
    return;
  collect_discounts (self, discounts);
  if (!tg_session_quote (self->session, discounts, &quote, NULL))
    return;
  {
    g_autofree char *amount = format_won (quote.discount);
    discount = g_strdup_printf ("−%s", amount);
  }
  fee = format_won (quote.fee);
  total = format_won (quote.total);
  adw_action_row_set_subtitle (self->discount_row, discount);
  adw_action_row_set_subtitle (self->fee_row, fee);
  adw_action_row_set_subtitle (self->total_row, total);
}

void
tg_payment_page_tick (TgPaymentPage *self)
{
  TgHoldInfo hold;
  g_autofree char *text = NULL;
  gint64 left;

  if (self->session == NULL || !tg_session_get_hold (self->session, &hold))
    return;
  left = MAX (0, hold.expires_at - tg_session_now (self->session)) / G_USEC_PER_SEC;
  text = g_strdup_printf (_("Seats held for %u:%02u"), (guint) (left / 60), (guint) (left % 60));
  gtk_label_set_text (self->timer_label, text);
  if (left < 60)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "error");
}

void
tg_payment_page_refresh (TgPaymentPage *self)
{
  TgVenue *venue;
  TgHoldInfo hold;

  g_return_if_fail (TG_IS_PAYMENT_PAGE (self));

  for (guint i = 0; i < self->seat_rows->len; i++)
    adw_preferences_group_remove (self->seats_group, g_ptr_array_index (self->seat_rows, i));
  g_ptr_array_set_size (self->seat_rows, 0);

  if (self->session == NULL || !tg_session_get_hold (self->session, &hold))
    return;

  venue = tg_session_get_venue (self->session);
  for (guint i = 0; i < hold.n_seats; i++)
    {
      const TgSeat *seat = tg_venue_get_seat (venue, hold.seats[i]);
      const TgGrade *grade = tg_venue_get_grade (venue, seat->grade);
      g_autofree char *price = format_won (grade->price);
      g_autofree char *title = tg_ui_seat_name (venue, hold.seats[i]);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", grade->name, price);
      const char *discounts[] = {
        _("General"),
        /* xgettext:no-c-format */
        _("Disabled person (20% off)"),
        /* xgettext:no-c-format */
        _("Veteran (20% off)"),
        NULL
      };
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (gtk_string_list_new (discounts)));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_totals), self);
      adw_preferences_group_add (self->seats_group, GTK_WIDGET (row));
      g_ptr_array_add (self->seat_rows, row);
    }
  gtk_check_button_set_active (self->agree_check, FALSE);
  update_totals (self);
  tg_payment_page_tick (self);
}

static void
on_pay_clicked (TgPaymentPage *self)
{
  g_autoptr(GError) error = NULL;
  TgDiscount discounts[TG_LEDGER_MAX_SEATS_PER_HOLD];

  if (!gtk_check_button_get_active (self->agree_check))
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("Please agree to the cancellation fee terms first"));
      return;
    }
  collect_discounts (self, discounts);
  if (!tg_session_pay (self->session, discounts,
                       MIN (adw_combo_row_get_selected (self->method_row), (guint) TG_N_PAYMENT_METHODS - 1),
                       &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
on_back_clicked (TgPaymentPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!tg_session_release_hold (self->session, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
on_cancel_clicked (TgPaymentPage *self)
{
  tg_session_cancel_payment (self->session, NULL);
}

static void
on_agree_toggled (TgPaymentPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->pay_button), gtk_check_button_get_active (self->agree_check));
}

static void
tg_payment_page_dispose (GObject *object)
{
  TgPaymentPage *self = TG_PAYMENT_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->seat_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tg_payment_page_parent_class)->dispose (object);
}

static void
tg_payment_page_class_init (TgPaymentPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_payment_page_dispose;

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
amount_row (AdwActionRow **out,
            const char    *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (row, 1);
  gtk_widget_add_css_class (GTK_WIDGET (row), "property");
  *out = row;
  return GTK_WIDGET (row);
}

static void
tg_payment_page_init (TgPaymentPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *summary, *payment, *buttons, *back, *cancel, *title;
  const char *methods[] = { _("Credit card"), _("Bank transfer"), _("Mobile payment"), NULL };

  self->seat_rows = g_ptr_array_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = gtk_label_new (_("Price and Payment"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (box), title);
  self->timer_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timer_label));

  self->seats_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->seats_group, _("Tickets and Discounts"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->seats_group));

  summary = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (summary), _("Order"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary), amount_row (&self->discount_row, _("Discount")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary), amount_row (&self->fee_row, _("Booking fee")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary), amount_row (&self->total_row, _("Total")));
  gtk_box_append (GTK_BOX (box), summary);

  payment = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (payment), _("Payment"));
  self->method_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->method_row), _("Payment method"));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (gtk_string_list_new (methods)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (payment), GTK_WIDGET (self->method_row));
  gtk_box_append (GTK_BOX (box), payment);

  self->agree_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("I have read the cancellation fee terms and _agree")));
  g_signal_connect_swapped (self->agree_check, "toggled", G_CALLBACK (on_agree_toggled), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->agree_check));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  back = gtk_button_new_with_mnemonic (_("_Back to Seats"));
  gtk_widget_add_css_class (back, "pill");
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_back_clicked), self);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel Booking"));
  gtk_widget_add_css_class (cancel, "pill");
  gtk_widget_add_css_class (cancel, "destructive-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  self->pay_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Pay")));
  gtk_widget_add_css_class (GTK_WIDGET (self->pay_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->pay_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pay_button), FALSE);
  g_signal_connect_swapped (self->pay_button, "clicked", G_CALLBACK (on_pay_clicked), self);
  self->back_button = back;
  gtk_box_append (GTK_BOX (buttons), back);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->pay_button));
  gtk_box_append (GTK_BOX (box), buttons);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
tg_payment_page_new (void)
{
  return g_object_new (TG_TYPE_PAYMENT_PAGE, NULL);
}

void
tg_payment_page_set_session (TgPaymentPage *self,
                             TgSession     *session)
{
  g_return_if_fail (TG_IS_PAYMENT_PAGE (self));
  g_set_object (&self->session, session);
}

GtkWidget *
tg_payment_page_get_agree_check (TgPaymentPage *self)
{
  g_return_val_if_fail (TG_IS_PAYMENT_PAGE (self), NULL);
  return GTK_WIDGET (self->agree_check);
}

GtkWidget *
tg_payment_page_get_pay_button (TgPaymentPage *self)
{
  g_return_val_if_fail (TG_IS_PAYMENT_PAGE (self), NULL);
  return GTK_WIDGET (self->pay_button);
}

GtkWidget *
tg_payment_page_get_back_button (TgPaymentPage *self)
{
  g_return_val_if_fail (TG_IS_PAYMENT_PAGE (self), NULL);
  return self->back_button;
}

GtkLabel *
tg_payment_page_get_timer_label (TgPaymentPage *self)
{
  g_return_val_if_fail (TG_IS_PAYMENT_PAGE (self), NULL);
  return self->timer_label;
}
