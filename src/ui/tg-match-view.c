/* tg-match-view.c: one match on screen — open-time click, queue, 보안문자, seats, payment, result.
 *
 * The view only reads and acts through TgSession; it switches pages when the session's state
 * changes and refreshes live figures on the session's tick.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-captcha-page.h"
#include "tg-match-view.h"
#include "tg-ui-util.h"
#include "tg-match-view-private.h"
#include "tg-payment-page.h"
#include "tg-result-page.h"
#include "tg-seat-page.h"

/* The server clock shows the sale opening at 20:00:00.000, as Korean sales usually do. */
#define OPEN_HOUR 20

struct _TgMatchView
{
  AdwBin          parent_instance;

  TgSession      *session;
  GtkStack       *stack;

  /* open-time click */
  GtkLabel       *clock_label;
  GtkLabel       *countdown_label;
  GtkButton      *book_button;
  GtkLabel       *click_hint;
  GtkWidget      *date_box;
  GtkFlowBox     *date_flow;
  guint           tick_id;

  /* queue */
  GtkLabel       *queue_position;
  GtkLabel       *queue_ahead;
  GtkLabel       *queue_behind;
  GtkLabel       *queue_total;
  GtkLabel       *queue_admitted;
  GtkLabel       *queue_wait;
  GtkProgressBar *queue_progress;
  GtkWidget      *queue_card;
  GtkWidget      *queue_paused;
  guint           queue_start;

  TgCaptchaPage  *captcha_page;
  TgSeatPage     *seat_page;
  TgPaymentPage  *payment_page;
  TgResultPage   *result_page;
  AdwToastOverlay *toasts;
  AdwToast       *toast;        /* the one showing, weak */

  gboolean        ended;
};

G_DEFINE_FINAL_TYPE (TgMatchView, tg_match_view, ADW_TYPE_BIN)

enum {
  PLAY_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TgMatchView *self,
       const char  *text)
{
  tg_ui_replace_toast (self->toasts, &self->toast, text);
}

/* ---- open-time click ---- */

static char *
format_server_clock (TgMatchView *self)
{
  gint64 now = tg_session_now (self->session);
  gint64 open = tg_session_get_open_time (self->session);
  gint64 ms_of_day = (gint64) OPEN_HOUR * 3600 * 1000 + (now - open) / 1000;
  gint64 h, m, s, ms;

  ms_of_day = ((ms_of_day % 86400000) + 86400000) % 86400000;
  h = ms_of_day / 3600000;
  m = ms_of_day / 60000 % 60;
  s = ms_of_day / 1000 % 60;
  ms = ms_of_day % 1000;
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                          ".%03" G_GINT64_FORMAT, h, m, s, ms);
}

static gboolean
on_frame_tick (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  TgMatchView *self = TG_MATCH_VIEW (widget);
  g_autofree char *clock_text = NULL;
  gint64 left;

  if (self->session == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "click") != 0)
    return G_SOURCE_CONTINUE;

  clock_text = format_server_clock (self);
  gtk_label_set_text (self->clock_label, clock_text);

  left = tg_session_get_open_time (self->session) - tg_session_now (self->session);
  if (left > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Sales open in %.1f s"), left / 1e6);
      gtk_label_set_text (self->countdown_label, text);
    }
  else
    gtk_label_set_text (self->countdown_label, _("Sales are open"));

  if (left <= 0 && !gtk_widget_has_css_class (GTK_WIDGET (self->book_button), "suggested-action"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->book_button), "dim-label");
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
has_waiting_room (TgMatchView *self)
{
  return tg_session_get_settings (self->session)->prequeue;
}

static void
show_book_button (TgMatchView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->book_button), TRUE);
  gtk_widget_set_visible (self->date_box, FALSE);
  if (has_waiting_room (self))
    gtk_label_set_text (self->click_hint, _("The waiting room is open: click Book Now to enter. Your place in line is drawn at random when sales open."));
  else
    gtk_label_set_text (self->click_hint, _("Click Book Now the moment sales open. Early clicks count against you."));
}

/* After 예매하기: the dates, or (in a waiting room before the open) the wait for them. */
static void
show_dates (TgMatchView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->book_button), FALSE);
  if (tg_session_get_state (self->session) == TG_MATCH_STATE_WAITING)
    {
      gtk_widget_set_visible (self->date_box, FALSE);
      gtk_label_set_text (self->click_hint, _("You are in the waiting room. When sales open, your place in line is drawn and the dates appear."));
      return;
    }
  gtk_widget_set_visible (self->date_box, TRUE);
  gtk_label_set_text (self->click_hint, _("Choose the date and time on sale"));
}

static void
on_book_clicked (TgMatchView *self)
{
  g_autoptr(GError) error = NULL;

  if (!tg_session_click_book (self->session, &error))
    {
      if (g_error_matches (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN))
        toast (self, _("Not open yet — that click was too early"));
      return;
    }
  show_dates (self);
}

static void
on_date_clicked (GtkButton   *button,
                 TgMatchView *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "date-index"));

  if (!tg_session_choose_date (self->session, index, &error))
    toast (self, error->message);
}

static void
fill_dates (TgMatchView *self)
{
  const TgMatchSettings *settings = tg_session_get_settings (self->session);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (today, 30);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->date_flow))) != NULL)
    gtk_flow_box_remove (self->date_flow, child);

  for (guint i = 0; i < settings->n_dates; i++)
    {
      /* Two shows a day over consecutive days: 14:00 and 19:00. */
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i / 2);
      g_autoptr(GDateTime) show = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                         g_date_time_get_day_of_month (day), i % 2 ? 19 : 14, 0, 0);
      /* Translators: a date and show time on a booking button, strftime format. */
      g_autofree char *when = g_date_time_format (show, _("%b %-d (%a) %H:%M"));
      g_autofree char *label = g_strdup_printf ("%s\n%s", when,
                                                i == settings->open_date ? _("On sale") : _("Sold out"));
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
      g_object_set_data (G_OBJECT (button), "date-index", GUINT_TO_POINTER (i));
      if (i == settings->open_date)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_add_css_class (button, "dim-label");
      g_signal_connect (button, "clicked", G_CALLBACK (on_date_clicked), self);
      gtk_flow_box_append (self->date_flow, button);
    }
}

/* Buttons claim their own clicks, so a press that reaches the page missed every button. */
static void
on_click_page_pressed (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       TgMatchView     *self)
{
  if (self->session != NULL && n_press == 1)
    tg_session_note_misclick (self->session);
}

static GtkWidget *
build_click_page (TgMatchView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *page = adw_bin_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();
  GtkWidget *caption;

  adw_bin_set_child (ADW_BIN (page), box);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_page_pressed), self);
  gtk_widget_add_controller (page, GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  caption = gtk_label_new (_("Server time"));
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  self->clock_label = GTK_LABEL (gtk_label_new ("--:--:--.---"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "tg-server-clock");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->clock_label));

  self->countdown_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->countdown_label));

  self->book_button = GTK_BUTTON (gtk_button_new_with_label (_("Book Now")));
  gtk_widget_set_halign (GTK_WIDGET (self->book_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "tg-book-button");
  g_signal_connect_swapped (self->book_button, "clicked", G_CALLBACK (on_book_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->book_button));

  self->click_hint = GTK_LABEL (gtk_label_new (_("Click Book Now the moment sales open. Early clicks count against you.")));
  gtk_label_set_wrap (self->click_hint, TRUE);
  gtk_label_set_justify (self->click_hint, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->click_hint), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->click_hint));

  self->date_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->date_flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->date_flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->date_flow, 4);
  gtk_flow_box_set_homogeneous (self->date_flow, TRUE);
  gtk_flow_box_set_column_spacing (self->date_flow, 6);
  gtk_flow_box_set_row_spacing (self->date_flow, 6);
  gtk_box_append (GTK_BOX (self->date_box), GTK_WIDGET (self->date_flow));
  gtk_widget_set_visible (self->date_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->date_box);

  return page;
}

/* ---- queue ---- */

static GtkWidget *
stat_row (GtkWidget  *grid,
          int         row,
          const char *title)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("–");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_hexpand (value, TRUE);
  gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), value, 1, row, 1, 1);
  return value;
}

static GtkWidget *
build_queue_page (TgMatchView *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title, *caption, *grid, *warning;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->queue_card = box;

  title = gtk_label_new (_("You are in the queue"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (box), title);

  caption = gtk_label_new (_("My position"));
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  self->queue_position = GTK_LABEL (gtk_label_new ("–"));
  gtk_widget_add_css_class (GTK_WIDGET (self->queue_position), "tg-queue-position");
  gtk_widget_add_css_class (GTK_WIDGET (self->queue_position), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->queue_position));

  self->queue_progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->queue_progress));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->queue_ahead = GTK_LABEL (stat_row (grid, 0, _("Ahead of me")));
  self->queue_behind = GTK_LABEL (stat_row (grid, 1, _("Behind me")));
  self->queue_total = GTK_LABEL (stat_row (grid, 2, _("Waiting in total")));
  self->queue_admitted = GTK_LABEL (stat_row (grid, 3, _("Admitted so far")));
  self->queue_wait = GTK_LABEL (stat_row (grid, 4, _("Estimated wait")));
  gtk_box_append (GTK_BOX (box), grid);

  /* Real waiting rooms say so when they stop admitting. */
  self->queue_paused = gtk_label_new (_("Paused: every seat is held or sold right now. The queue moves again when cancelled seats come back."));
  gtk_label_set_wrap (GTK_LABEL (self->queue_paused), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->queue_paused), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->queue_paused, "heading");
  gtk_widget_set_visible (self->queue_paused, FALSE);
  gtk_box_append (GTK_BOX (box), self->queue_paused);

  warning = gtk_label_new (_("Don't close or refresh this window: you would lose your place."));
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_label_set_justify (GTK_LABEL (warning), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (warning, "warning");
  gtk_box_append (GTK_BOX (box), warning);

  return clamp;
}

static void
set_number (GtkLabel *label,
            guint     value)
{
  g_autofree char *text = g_strdup_printf ("%'u", value);
  gtk_label_set_text (label, text);
}

static void
update_queue (TgMatchView *self)
{
  TgQueueStatus status;
  g_autofree char *wait = NULL;

  if (!tg_session_get_queue_status (self->session, &status))
    return;

  if (self->queue_start == 0)
    self->queue_start = status.position;
  set_number (self->queue_position, status.position);
  set_number (self->queue_ahead, status.ahead);
  set_number (self->queue_behind, status.behind);
  set_number (self->queue_total, status.total);
  set_number (self->queue_admitted, status.admitted);
  if (tg_session_is_queue_paused (self->session))
    wait = g_strdup (_("unknown while paused"));
  else if (status.estimated_wait >= 60 * G_USEC_PER_SEC)
    wait = g_strdup_printf (_("about %u min %u s"), (guint) (status.estimated_wait / 60000000),
                            (guint) (status.estimated_wait / 1000000 % 60));
  else if (status.estimated_wait >= G_USEC_PER_SEC)
    wait = g_strdup_printf (_("about %u s"), (guint) (status.estimated_wait / 1000000));
  else
    wait = g_strdup (_("any moment now"));
  gtk_label_set_text (self->queue_wait, wait);
  gtk_progress_bar_set_fraction (self->queue_progress,
                                 self->queue_start > 1 ? 1.0 - (double) status.ahead / (self->queue_start - 1) : 1.0);

  gtk_widget_set_visible (self->queue_paused, tg_session_is_queue_paused (self->session));

  /* Near the front (≤ 20 % of where you started) the screen turns urgent. */
  if (status.ahead * 5 <= self->queue_start)
    gtk_widget_add_css_class (self->queue_card, "tg-urgent");
  else
    gtk_widget_remove_css_class (self->queue_card, "tg-urgent");
}

GtkWidget *
tg_match_view_get_queue_paused_label (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->queue_paused;
}

/* ---- state ---- */

static void
on_state_changed (TgMatchView *self)
{
  TgMatchState state = tg_session_get_state (self->session);
  const char *page = "click";

  switch (state)
    {
    case TG_MATCH_STATE_WAITING:
      page = "click";
      /* Already in the waiting room (a session joined again after a restart): no 예매하기. */
      if (tg_session_is_booked (self->session) && gtk_widget_get_visible (GTK_WIDGET (self->book_button)))
        show_dates (self);
      break;
    case TG_MATCH_STATE_OPEN:
      page = "click";
      /* In from the waiting room: the dates are clickable now. */
      if (!gtk_widget_get_visible (GTK_WIDGET (self->book_button)))
        show_dates (self);
      break;
    case TG_MATCH_STATE_QUEUED:
      page = "queue";
      update_queue (self);
      break;
    case TG_MATCH_STATE_CAPTCHA:
      page = "captcha";
      tg_captcha_page_refresh (self->captcha_page);
      break;
    case TG_MATCH_STATE_SEATS:
      page = "seats";
      tg_seat_page_refresh (self->seat_page);
      break;
    case TG_MATCH_STATE_PAYMENT:
      page = "payment";
      tg_payment_page_refresh (self->payment_page);
      break;
    case TG_MATCH_STATE_DONE:
    case TG_MATCH_STATE_FAILED:
    default:
      page = "result";
      if (!self->ended)
        {
          g_autoptr(TgResult) result = tg_session_get_result (self->session);

          /* Online the result follows the final step in its own message: wait for it. */
          if (result == NULL)
            return;
          self->ended = TRUE;
          tg_result_page_set_result (self->result_page, result, tg_session_get_venue (self->session));
          g_signal_emit (self, signals[PLAY_ENDED], 0, result);
        }
      break;
    }
  /* A message about the last screen (이선좌, a wrong code) would only cover the next one. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0 && self->toast != NULL)
    adw_toast_dismiss (self->toast);
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
on_tick (TgMatchView *self)
{
  TgMatchState state = tg_session_get_state (self->session);

  if (state == TG_MATCH_STATE_QUEUED || state == TG_MATCH_STATE_OPEN)
    update_queue (self);
  else if (state == TG_MATCH_STATE_PAYMENT)
    tg_payment_page_tick (self->payment_page);
  else if (state == TG_MATCH_STATE_CAPTCHA)
    tg_captcha_page_tick (self->captcha_page);
}

static void
on_seats_changed (TgMatchView *self,
                  GArray      *seats)
{
  tg_seat_page_seats_changed (self->seat_page, seats);
}

static void
on_page_message (TgMatchView *self,
                 const char  *message)
{
  toast (self, message);
}

/* Online, an action is only sent; the server's refusal arrives later (TgOnlineSession). */
static void
on_action_failed (TgSession   *session,
                  const char  *action,
                  GError      *error,
                  TgMatchView *self)
{
  if (g_error_matches (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN))
    {
      toast (self, _("That seat is already taken"));
      tg_seat_page_refresh (self->seat_page);
    }
  else if (g_error_matches (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN))
    {
      /* The server's clock had not reached the open yet: 예매하기 again, as on a real site. */
      toast (self, _("Not open yet — that click was too early"));
      show_book_button (self);
    }
  else
    toast (self, error->message);
}

static void
tg_match_view_dispose (GObject *object)
{
  TgMatchView *self = TG_MATCH_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->toast);

  G_OBJECT_CLASS (tg_match_view_parent_class)->dispose (object);
}

static void
tg_match_view_class_init (TgMatchViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_match_view_dispose;

  /**
   * TgMatchView::play-ended:
   * @result: the player's result (DONE or FAILED)
   */
  signals[PLAY_ENDED] =
    g_signal_new ("play-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TG_TYPE_RESULT);
}

static void
tg_match_view_init (TgMatchView *self)
{
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_transition_duration (self->stack, 150);

  gtk_stack_add_named (self->stack, build_click_page (self), "click");
  gtk_stack_add_named (self->stack, build_queue_page (self), "queue");
  self->captcha_page = TG_CAPTCHA_PAGE (tg_captcha_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->captcha_page), "captcha");
  self->seat_page = TG_SEAT_PAGE (tg_seat_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->seat_page), "seats");
  self->payment_page = TG_PAYMENT_PAGE (tg_payment_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->payment_page), "payment");
  self->result_page = TG_RESULT_PAGE (tg_result_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->result_page), "result");

  g_signal_connect_swapped (self->captcha_page, "message", G_CALLBACK (on_page_message), self);
  g_signal_connect_swapped (self->seat_page, "message", G_CALLBACK (on_page_message), self);
  g_signal_connect_swapped (self->payment_page, "message", G_CALLBACK (on_page_message), self);

  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toasts));
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_frame_tick, NULL, NULL);
}

GtkWidget *
tg_match_view_new (void)
{
  return g_object_new (TG_TYPE_MATCH_VIEW, NULL);
}

void
tg_match_view_set_session (TgMatchView *self,
                           TgSession   *session)
{
  g_return_if_fail (TG_IS_MATCH_VIEW (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->ended = FALSE;
  self->queue_start = 0;

  tg_captcha_page_set_session (self->captcha_page, session);
  tg_seat_page_set_session (self->seat_page, session);
  tg_payment_page_set_session (self->payment_page, session);
  if (session == NULL)
    return;

  /* A waiting room takes arrivals before the open: its button is live from the start. */
  if (has_waiting_room (self))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->book_button), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->book_button), "suggested-action");
    }
  show_book_button (self);
  fill_dates (self);

  g_signal_connect_swapped (session, "state-changed", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (session, "tick", G_CALLBACK (on_tick), self);
  g_signal_connect_swapped (session, "seats-changed", G_CALLBACK (on_seats_changed), self);
  if (g_signal_lookup ("action-failed", G_OBJECT_TYPE (session)) != 0)
    g_signal_connect (session, "action-failed", G_CALLBACK (on_action_failed), self);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  on_state_changed (self);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

TgSession *
tg_match_view_get_session (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->session;
}

gboolean
tg_match_view_is_playing (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), FALSE);
  return self->session != NULL && !self->ended;
}

const char *
tg_match_view_get_page_name (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

TgCaptchaAudio *
tg_match_view_get_captcha_audio (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return tg_captcha_page_get_audio (self->captcha_page);
}

AdwToast *
tg_match_view_get_toast (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->toast;
}

GtkWidget *
tg_match_view_get_book_button (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return GTK_WIDGET (self->book_button);
}

GtkWidget *
tg_match_view_get_date_button (TgMatchView *self,
                               guint        index)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  child = gtk_flow_box_get_child_at_index (self->date_flow, (int) index);
  return child != NULL ? gtk_flow_box_child_get_child (child) : NULL;
}

GtkWidget *
tg_match_view_get_click_page (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, "click");
}

GtkLabel *
tg_match_view_get_click_hint (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->click_hint;
}

TgCaptchaPage *
tg_match_view_get_captcha_page (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->captcha_page;
}

TgSeatPage *
tg_match_view_get_seat_page (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->seat_page;
}

TgPaymentPage *
tg_match_view_get_payment_page (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->payment_page;
}

TgResultPage *
tg_match_view_get_result_page (TgMatchView *self)
{
  g_return_val_if_fail (TG_IS_MATCH_VIEW (self), NULL);
  return self->result_page;
}
