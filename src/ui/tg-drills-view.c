/* tg-drills-view.c: the drills — one stage of a match at a time, on the real engine (TgDrill). */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-chart-builders.h"
#include "tg-drills-view-private.h"
#include "tg-play-stats.h"
#include "tg-ui-util.h"

struct _TgDrillsView
{
  AdwBin          parent_instance;

  TgHistory      *history;
  TgClock        *external_clock;   /* tests: a manual clock they move */
  TgClock        *clock;            /* the running drill's */
  TgDrill        *drill;
  TgDrillKind     kind;
  TgDifficulty    difficulty;
  gboolean        audio;
  guint           tick_id;
  gint64          pace_real;        /* real time and clock time when pacing began */
  gint64          pace_clock;

  AdwToastOverlay *toasts;
  AdwToast       *page_toast;       /* the last message of a drill page, weak */
  GtkStack       *stack;
  AdwComboRow    *difficulty_row;
  GtkSwitch      *audio_switch;
  AdwComboRow    *chart_row;
  TgLineChart    *chart;
  GtkLabel       *figures_label;
  GtkLabel       *clock_label;
  GtkLabel       *early_label;
  GtkButton      *book_button;
  TgCaptchaPage  *captcha_page;
  TgSeatPage     *seat_page;
  GtkLabel       *seat_hint;
  AdwStatusPage  *result_page;
};

G_DEFINE_FINAL_TYPE (TgDrillsView, tg_drills_view, ADW_TYPE_BIN)

enum {
  DRILL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TgSession *
session (TgDrillsView *self)
{
  return self->drill != NULL ? tg_drill_get_session (self->drill) : NULL;
}

static void
update_chart (TgDrillsView *self)
{
  g_autoptr(GPtrArray) drills = NULL;
  TgDrillKind kind = adw_combo_row_get_selected (self->chart_row);
  TgDrillFigures figures;
  g_autofree char *median = NULL;
  g_autofree char *text = NULL;

  if (kind >= TG_N_DRILL_KINDS)
    kind = TG_DRILL_CLICK;
  drills = self->history != NULL ? tg_history_list_drills (self->history, kind, 0, NULL) : NULL;
  if (drills == NULL)
    drills = g_ptr_array_new ();
  tg_chart_show_drill_times (self->chart, drills, kind);
  tg_play_stats_drill_figures (drills, kind, &figures);
  median = tg_ui_format_ms (figures.time.n > 0 ? (gint64) figures.time.median : -1);
  /* Translators: attempts, completed attempts, median time, mistakes per attempt. */
  text = g_strdup_printf (_("%u attempts · %u completed · median %s · %.1f mistakes per attempt"),
                          figures.n, figures.n_success, median,
                          figures.n > 0 ? figures.misses_per_try : 0.0);
  gtk_label_set_text (self->figures_label, text);
}

static void
stop_ticking (TgDrillsView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}

static void
clear_drill (TgDrillsView *self)
{
  stop_ticking (self);
  if (self->drill != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->drill, self);
      g_signal_handlers_disconnect_by_data (tg_drill_get_session (self->drill), self);
      tg_drill_stop (self->drill);
    }
  tg_captcha_page_set_session (self->captcha_page, NULL);
  tg_seat_page_set_session (self->seat_page, NULL);
  g_clear_object (&self->drill);
  g_clear_object (&self->clock);
}

static void
update_click_clock (TgDrillsView *self)
{
  TgSession *s = session (self);
  gint64 left;
  g_autofree char *text = NULL;

  if (s == NULL || tg_drill_get_stage (self->drill) != TG_DRILL_STAGE_CLICK)
    return;
  left = tg_session_get_open_time (s) - tg_session_now (s);
  if (left > 0)
    /* Translators: the countdown to the open time, e.g. "Opens in 3.2 s". */
    text = g_strdup_printf (_("Opens in %.1f s"), (double) left / G_USEC_PER_SEC);
  else
    text = g_strdup (_("Open — click!"));
  gtk_label_set_text (self->clock_label, text);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  TgDrillsView *self = TG_DRILLS_VIEW (widget);

  /* Our own clock moves with real time; a test's clock moves when the test says so. */
  if (self->external_clock == NULL && self->clock != NULL)
    tg_manual_clock_advance_to (TG_MANUAL_CLOCK (self->clock),
                                self->pace_clock + (g_get_monotonic_time () - self->pace_real));
  update_click_clock (self);
  return G_SOURCE_CONTINUE;
}

static void
store (TgDrillsView *self)
{
  const TgResult *result = tg_drill_get_result (self->drill);
  g_autoptr(TgHistoryDrill) drill = tg_history_drill_new (self->kind);
  g_autoptr(GError) error = NULL;
  gboolean success = tg_drill_succeeded (self->drill);

  drill->played_at = g_date_time_new_now_utc ();
  drill->difficulty = self->difficulty;
  drill->success = success;
  switch (self->kind)
    {
    case TG_DRILL_CLICK:
      drill->time_ms = success ? result->stage_ms[TG_STAGE_REACTION] : -1;
      drill->tries = result->early_clicks + 1;
      drill->misses = result->early_clicks;
      break;
    case TG_DRILL_CAPTCHA:
      drill->time_ms = success ? result->stage_ms[TG_STAGE_CAPTCHA] : -1;
      drill->tries = result->captcha_wrong + (success ? 1 : 0);
      drill->misses = result->captcha_wrong;
      drill->backspaces = result->captcha_backspaces;
      drill->audio = self->audio;
      break;
    case TG_DRILL_SEAT:
    default:
      drill->time_ms = success ? result->stage_ms[TG_STAGE_SEAT] : -1;
      drill->tries = result->seat_conflicts + (success ? 1 : 0);
      drill->misses = result->seat_misses;
      drill->conflicts = result->seat_conflicts;
      break;
    }
  if (self->history == NULL)
    return;
  if (!tg_history_add_drill (self->history, drill, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the drill: %s"), error->message);
      tg_ui_toast (GTK_WIDGET (self->stack), message);
      return;
    }
  g_signal_emit (self, signals[DRILL_SAVED], 0);
}

static void
show_result (TgDrillsView *self)
{
  const TgResult *r = tg_drill_get_result (self->drill);
  gboolean success = tg_drill_succeeded (self->drill);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  switch (self->kind)
    {
    case TG_DRILL_CLICK:
      title = tg_ui_format_ms (r->stage_ms[TG_STAGE_REACTION]);
      description = g_strdup_printf (ngettext ("Your reaction after 예매하기 opened. %u early click before the open time.",
                                               "Your reaction after 예매하기 opened. %u early clicks before the open time.",
                                               r->early_clicks),
                                     r->early_clicks);
      break;
    case TG_DRILL_CAPTCHA:
      {
        g_autofree char *time = tg_ui_format_ms (r->stage_ms[TG_STAGE_CAPTCHA]);

        /* Translators: the captcha drill's result, e.g. "Solved in 6.400 s". */
        title = success ? g_strdup_printf (_("Solved in %s"), time) : g_strdup (_("Not Solved"));
        description = g_strdup_printf (_("Wrong answers: %u · Backspaces: %u"), r->captcha_wrong,
                                       r->captcha_backspaces);
      }
      break;
    case TG_DRILL_SEAT:
    default:
      {
        g_autofree char *time = tg_ui_format_ms (r->stage_ms[TG_STAGE_SEAT]);

        title = success ? g_strdup_printf (_("Seats Held in %s"), time) : g_strdup (_("No Seats"));
        description = g_strdup_printf (_("Already taken (이선좌): %u · Clicks beside a seat: %u"),
                                       r->seat_conflicts, r->seat_misses);
      }
      break;
    }
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  adw_status_page_set_icon_name (self->result_page, success ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  /* "Wrong code" or 이선좌 from the drill would only contradict its result. */
  if (self->page_toast != NULL)
    adw_toast_dismiss (self->page_toast);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
on_drill_done (TgDrillsView *self)
{
  stop_ticking (self);
  store (self);
  show_result (self);
  update_chart (self);
}

static void
on_seats_changed (TgDrillsView *self,
                  GArray       *seats)
{
  tg_seat_page_seats_changed (self->seat_page, seats);
}

static void
on_session_tick (TgDrillsView *self)
{
  tg_captcha_page_tick (self->captcha_page);
}

static void
on_page_message (TgDrillsView *self,
                 const char   *message)
{
  tg_ui_replace_toast (self->toasts, &self->page_toast, message);
}

void
tg_drills_view_start (TgDrillsView *self,
                      TgDrillKind   kind,
                      TgDifficulty  difficulty,
                      gboolean      audio)
{
  static const TgDrillStage stages[TG_N_DRILL_KINDS] = {
    TG_DRILL_STAGE_CLICK, TG_DRILL_STAGE_CAPTCHA, TG_DRILL_STAGE_SEAT,
  };
  g_autoptr(GError) error = NULL;
  TgSession *s;

  g_return_if_fail (TG_IS_DRILLS_VIEW (self));
  g_return_if_fail (kind < TG_N_DRILL_KINDS);

  clear_drill (self);
  self->kind = kind;
  self->difficulty = difficulty;
  self->audio = audio;
  self->clock = self->external_clock != NULL ? g_object_ref (self->external_clock) : tg_manual_clock_new ();
  self->drill = tg_drill_new (stages[kind], difficulty, g_random_int (), TG_MANUAL_CLOCK (self->clock), &error);
  if (self->drill == NULL)
    {
      g_clear_object (&self->clock);
      tg_ui_toast (GTK_WIDGET (self->stack), error->message);
      return;
    }
  s = tg_drill_get_session (self->drill);
  g_signal_connect_swapped (self->drill, "done", G_CALLBACK (on_drill_done), self);
  g_signal_connect_swapped (s, "seats-changed", G_CALLBACK (on_seats_changed), self);
  g_signal_connect_swapped (s, "tick", G_CALLBACK (on_session_tick), self);

  switch (kind)
    {
    case TG_DRILL_CLICK:
      gtk_label_set_text (self->early_label, "");
      gtk_stack_set_visible_child_name (self->stack, "click");
      gtk_widget_grab_focus (GTK_WIDGET (self->book_button));
      break;
    case TG_DRILL_CAPTCHA:
      tg_captcha_page_set_session (self->captcha_page, s);
      tg_captcha_page_set_audio_only (self->captcha_page, audio);
      gtk_stack_set_visible_child_name (self->stack, "captcha");
      tg_captcha_page_refresh (self->captcha_page);
      break;
    case TG_DRILL_SEAT:
    default:
      tg_seat_page_set_session (self->seat_page, s);
      gtk_stack_set_visible_child_name (self->stack, "seat");
      tg_seat_page_refresh (self->seat_page);
      break;
    }
  self->pace_real = g_get_monotonic_time ();
  self->pace_clock = tg_clock_now (self->clock);
  update_click_clock (self);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
on_book_clicked (TgDrillsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TgSession *s = session (self);

  if (s == NULL || tg_drill_is_done (self->drill))
    return;
  /* Before the open time the match refuses the click and counts it. */
  if (!tg_session_click_book (s, &error))
    {
      g_autoptr(TgResult) so_far = tg_session_get_result (s);

      text = g_strdup_printf (ngettext ("%u early click", "%u early clicks", so_far->early_clicks),
                              so_far->early_clicks);
      gtk_label_set_text (self->early_label, text);
    }
}

void
tg_drills_view_show_menu (TgDrillsView *self)
{
  g_return_if_fail (TG_IS_DRILLS_VIEW (self));
  clear_drill (self);
  gtk_stack_set_visible_child_name (self->stack, "menu");
}

static void
on_again_clicked (TgDrillsView *self)
{
  tg_drills_view_start (self, self->kind, self->difficulty, self->audio);
}

static void
on_start_clicked (GtkButton    *button,
                  TgDrillsView *self)
{
  TgDrillKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tg-drill-kind"));
  guint difficulty = adw_combo_row_get_selected (self->difficulty_row);

  tg_drills_view_start (self, kind, difficulty <= TG_DIFFICULTY_HARD ? difficulty : TG_DIFFICULTY_MEDIUM,
                        gtk_switch_get_active (self->audio_switch));
}

gboolean
tg_drills_view_is_running (TgDrillsView *self)
{
  g_return_val_if_fail (TG_IS_DRILLS_VIEW (self), FALSE);
  return self->drill != NULL && !tg_drill_is_done (self->drill);
}

void
tg_drills_view_set_history (TgDrillsView *self,
                            TgHistory    *history)
{
  g_return_if_fail (TG_IS_DRILLS_VIEW (self));
  g_set_object (&self->history, history);
  update_chart (self);
}

void
tg_drills_view_set_clock (TgDrillsView *self,
                          TgClock      *clock)
{
  g_return_if_fail (TG_IS_DRILLS_VIEW (self));
  g_return_if_fail (clock == NULL || TG_IS_MANUAL_CLOCK (clock));
  g_set_object (&self->external_clock, clock);
}

static void
tg_drills_view_dispose (GObject *object)
{
  TgDrillsView *self = TG_DRILLS_VIEW (object);

  if (self->stack != NULL)
    clear_drill (self);
  g_clear_object (&self->history);
  g_clear_object (&self->external_clock);
  g_clear_weak_pointer (&self->page_toast);
  G_OBJECT_CLASS (tg_drills_view_parent_class)->dispose (object);
}

static void
tg_drills_view_class_init (TgDrillsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_drills_view_dispose;

  signals[DRILL_SAVED] = g_signal_new ("drill-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
start_row (TgDrillsView *self,
           TgDrillKind   kind,
           const char   *title,
           const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data (G_OBJECT (button), "tg-drill-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (on_start_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
build_menu (TgDrillsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  AdwPreferencesGroup *drills = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *progress = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *difficulties[] = { C_("difficulty", "Easy"), C_("difficulty", "Medium"), C_("difficulty", "Hard"), NULL };
  const char *kinds[] = { _("Open-time click"), _("Security code"), _("Seat picking"), NULL };
  g_autoptr(GtkStringList) difficulty_model = gtk_string_list_new (difficulties);
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  GtkWidget *row;

  adw_preferences_group_set_title (drills, _("Drills"));
  adw_preferences_group_set_description (drills,
    _("Practise one stage of a match at a time, on the real game. Drills are kept apart from full "
      "matches and do not count for the season score."));
  adw_preferences_group_add (drills, start_row (self, TG_DRILL_CLICK, _("Open-time click"),
                                                _("Click 예매하기 the moment it opens: your reaction and early clicks")));
  adw_preferences_group_add (drills, start_row (self, TG_DRILL_CAPTCHA, _("Security code"),
                                                _("Type a 보안문자 as fast as you can")));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Listen instead of reading"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The security code drill uses the audio code"));
  self->audio_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->audio_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->audio_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->audio_switch));
  adw_preferences_group_add (drills, row);
  {
    g_autofree char *subtitle =
      g_strdup_printf (_("Grab two seats on a theatre map while %'u bots keep booking. You arrive at the "
                         "map as an intermediate player would, the bots having played all along."),
                       TG_DRILL_SEAT_BOTS);
    adw_preferences_group_add (drills, start_row (self, TG_DRILL_SEAT, _("Seat picking (포도알)"), subtitle));
  }
  self->difficulty_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->difficulty_row), _("Bots in the seat drill"));
  adw_combo_row_set_model (self->difficulty_row, G_LIST_MODEL (difficulty_model));
  adw_combo_row_set_selected (self->difficulty_row, TG_DIFFICULTY_MEDIUM);
  adw_preferences_group_add (drills, GTK_WIDGET (self->difficulty_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (drills));

  adw_preferences_group_set_title (progress, _("Your Drills"));
  self->chart_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chart_row), _("Drill"));
  adw_combo_row_set_model (self->chart_row, G_LIST_MODEL (kind_model));
  g_signal_connect_swapped (self->chart_row, "notify::selected", G_CALLBACK (update_chart), self);
  adw_preferences_group_add (progress, GTK_WIDGET (self->chart_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (progress));
  self->figures_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->figures_label, 0);
  gtk_label_set_wrap (self->figures_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->figures_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->figures_label));
  self->chart = tg_line_chart_new ();
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 300);
  gtk_widget_add_css_class (GTK_WIDGET (self->chart), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

/* A drill's page: a bar with "back to the drills", then @child. */
static GtkWidget *
drill_page (TgDrillsView *self,
            GtkWidget    *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "go-previous-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_All Drills"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (back), content);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (tg_drills_view_show_menu), self);
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_vexpand (child, TRUE);
  gtk_box_append (GTK_BOX (box), child);
  return box;
}

static GtkWidget *
build_click (TgDrillsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("Click 예매하기 the moment it opens"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (box), title);
  self->clock_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "tg-drill-clock");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->clock_label));
  self->book_button = GTK_BUTTON (gtk_button_new_with_label ("예매하기"));
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "tg-book-button");
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->book_button), "pill");
  gtk_widget_set_halign (GTK_WIDGET (self->book_button), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->book_button, "clicked", G_CALLBACK (on_book_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->book_button));
  self->early_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->early_label), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->early_label));
  return drill_page (self, box);
}

static void
tg_drills_view_init (TgDrillsView *self)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *again = gtk_button_new_with_mnemonic (_("_Again"));
  GtkWidget *menu = gtk_button_new_with_mnemonic (_("All _Drills"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, build_menu (self), "menu");
  gtk_stack_add_named (self->stack, build_click (self), "click");

  self->captcha_page = TG_CAPTCHA_PAGE (tg_captcha_page_new ());
  g_signal_connect_swapped (self->captcha_page, "message", G_CALLBACK (on_page_message), self);
  gtk_stack_add_named (self->stack, drill_page (self, GTK_WIDGET (self->captcha_page)), "captcha");

  self->seat_page = TG_SEAT_PAGE (tg_seat_page_new ());
  g_signal_connect_swapped (self->seat_page, "message", G_CALLBACK (on_page_message), self);
  gtk_stack_add_named (self->stack, drill_page (self, GTK_WIDGET (self->seat_page)), "seat");

  self->result_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (again, "suggested-action");
  gtk_widget_add_css_class (again, "pill");
  gtk_widget_add_css_class (menu, "pill");
  g_signal_connect_swapped (again, "clicked", G_CALLBACK (on_again_clicked), self);
  g_signal_connect_swapped (menu, "clicked", G_CALLBACK (tg_drills_view_show_menu), self);
  gtk_box_append (GTK_BOX (buttons), again);
  gtk_box_append (GTK_BOX (buttons), menu);
  adw_status_page_set_child (self->result_page, buttons);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->result_page), "result");

  self->toasts = ADW_TOAST_OVERLAY (overlay);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), overlay);
  update_chart (self);
}

GtkWidget *
tg_drills_view_new (void)
{
  return g_object_new (TG_TYPE_DRILLS_VIEW, NULL);
}

/* Private */

const char *
tg_drills_view_get_page_name (TgDrillsView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

TgDrill *
tg_drills_view_get_drill (TgDrillsView *self)
{
  return self->drill;
}

GtkWidget *
tg_drills_view_get_book_button (TgDrillsView *self)
{
  return GTK_WIDGET (self->book_button);
}

TgCaptchaPage *
tg_drills_view_get_captcha_page (TgDrillsView *self)
{
  return self->captcha_page;
}

TgSeatPage *
tg_drills_view_get_seat_page (TgDrillsView *self)
{
  return self->seat_page;
}

const char *
tg_drills_view_get_result_title (TgDrillsView *self)
{
  return adw_status_page_get_title (self->result_page);
}

TgChart *
tg_drills_view_get_chart (TgDrillsView *self)
{
  return TG_CHART (self->chart);
}

AdwComboRow *
tg_drills_view_get_chart_row (TgDrillsView *self)
{
  return self->chart_row;
}
