/* tg-stats-view.c: the history with filters, the detail of a play, the charts and the report. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tg-season.h"
#include "tg-stats-view-private.h"
#include "tg-ui-util.h"

/* Rows in the list; the charts and the report still use every matching play. */
#define MAX_ROWS 500

struct _TgStatsView
{
  AdwBin               parent_instance;

  TgHistory           *history;
  GPtrArray           *plays;        /* TgHistoryPlay matching the filters, newest first */
  GtkStringList       *venues;       /* "Any venue", then the venues played */
  gboolean             updating_filters;

  GtkStack            *main_stack;
  AdwStatusPage       *error_page;
  AdwViewStack        *sections;
  AdwExpanderRow      *filters_row;
  AdwComboRow         *difficulty_row;
  AdwComboRow         *venue_row;
  AdwComboRow         *mode_row;
  AdwComboRow         *period_row;
  AdwEntryRow         *from_row;      /* "Custom dates": YYYY-MM-DD, inclusive */
  AdwEntryRow         *to_row;
  AdwPreferencesGroup *season_group;
  GtkStack            *list_stack;
  GtkListBox          *list;
  GtkButton           *export_button;
  TgStatsCharts       *charts;
  TgReportPage        *report;
  TgPlayDetail        *detail;

  GtkLabel            *best_play_label;
  GtkLabel            *best_week_label;
  GtkLabel            *total_label;
  GtkLabel            *success_label;
};

G_DEFINE_FINAL_TYPE (TgStatsView, tg_stats_view, ADW_TYPE_BIN)

#define PERIOD_CUSTOM TG_STATS_PERIOD_CUSTOM

/* A local calendar day typed as YYYY-MM-DD (or YYYY.MM.DD, as Koreans often write it), its
 * midnight; NULL when empty or not a real date. */
static GDateTime *
parse_day (const char *text,
           gboolean   *invalid)
{
  int y, m, d;
  char sep1, sep2, rest;
  GDateTime *day = NULL;

  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  *invalid = FALSE;
  if (*stripped == '\0')
    return NULL;
  if (sscanf (stripped, "%d%c%d%c%d %c", &y, &sep1, &m, &sep2, &d, &rest) == 5 &&
      (sep1 == '-' || sep1 == '.' || sep1 == '/') && sep2 == sep1 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    day = g_date_time_new_local (y, m, d, 0, 0, 0);
  *invalid = day == NULL;
  return day;
}

static void
check_day_row (AdwEntryRow *row,
               GDateTime  **out)
{
  gboolean invalid;

  *out = parse_day (gtk_editable_get_text (GTK_EDITABLE (row)), &invalid);
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Fills @filter from the rows; *@from and *@to are what filter->from and filter->to point to (the
 * caller frees them). */
static void
get_filter (TgStatsView     *self,
            TgHistoryFilter *filter,
            GDateTime      **from,
            GDateTime      **to)
{
  static const int days[] = { 0, 7, 30, 365 };
  guint difficulty = adw_combo_row_get_selected (self->difficulty_row);
  guint venue = adw_combo_row_get_selected (self->venue_row);
  guint mode = adw_combo_row_get_selected (self->mode_row);
  guint period = adw_combo_row_get_selected (self->period_row);

  tg_history_filter_init (filter);
  if (difficulty != GTK_INVALID_LIST_POSITION && difficulty > 0)
    filter->difficulty = (int) difficulty - 1;
  if (venue != GTK_INVALID_LIST_POSITION && venue > 0)
    filter->venue = gtk_string_list_get_string (self->venues, venue);
  if (mode != GTK_INVALID_LIST_POSITION && mode > 0)
    filter->mode = (int) mode - 1;
  *from = NULL;
  *to = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), period == PERIOD_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), period == PERIOD_CUSTOM);
  if (period == PERIOD_CUSTOM)
    {
      g_autoptr(GDateTime) last_day = NULL;

      check_day_row (self->from_row, from);
      check_day_row (self->to_row, &last_day);
      filter->from = *from;
      /* "To" is inclusive: plays before the next midnight. */
      if (last_day != NULL)
        filter->to = *to = g_date_time_add_days (last_day, 1);
    }
  else if (period != GTK_INVALID_LIST_POSITION && period > 0 && period < G_N_ELEMENTS (days))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      *from = g_date_time_add_days (now, -days[period]);
      filter->from = *from;
    }
}

static void
update_filters_subtitle (TgStatsView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  AdwComboRow *rows[] = { self->difficulty_row, self->venue_row, self->mode_row, self->period_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint selected = adw_combo_row_get_selected (rows[i]);
      GListModel *model = adw_combo_row_get_model (rows[i]);

      if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || model == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
    }
  adw_expander_row_set_subtitle (self->filters_row, text->len > 0 ? text->str : _("All plays"));
}

static GtkWidget *
play_row (const TgHistoryPlay *play,
          guint                index)
{
  const TgResult *result = play->result;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *grade = gtk_label_new (tg_play_grade_to_string (tg_result_compute_grade (result)));
  g_autofree char *when = tg_ui_format_when (play->meta.played_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *score = NULL;
  GtkWidget *score_label;

  if (result->success)
    title = g_strdup_printf (ngettext ("%s — booked %u seat, rank %'u", "%s — booked %u seats, rank %'u",
                                       result->n_seats),
                             when, result->n_seats, result->rank_all);
  else
    title = g_strdup_printf ("%s — %s", when, tg_fail_reason_get_label (result->fail_reason));
  /* Translators: venue · difficulty · offline/online · number of bots. */
  subtitle = g_strdup_printf (_("%s · %s · %s · %'u bots"),
                              result->venue_name != NULL ? result->venue_name : "",
                              tg_ui_difficulty_label (result->difficulty),
                              tg_ui_mode_label (play->meta.mode), result->n_bots);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (grade, "title-2");
  gtk_widget_add_css_class (grade, result->success ? "success" : "error");
  gtk_widget_set_size_request (grade, 32, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), grade);

  /* Translators: a play's season score, e.g. "123.4 pts". */
  score = g_strdup_printf (_("%.1f pts"), tg_season_score (result));
  score_label = gtk_label_new (score);
  gtk_widget_add_css_class (score_label, "numeric");
  gtk_widget_add_css_class (score_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), score_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "tg-play-index", GUINT_TO_POINTER (index));
  return row;
}

static void
update_season (TgStatsView *self)
{
  TgSeasonBest best;
  guint n_success = 0;
  g_autofree char *best_play = NULL;
  g_autofree char *best_week = NULL;
  g_autofree char *total = NULL;
  g_autofree char *success = NULL;

  tg_season_personal_best (self->plays, NULL, &best);
  for (guint i = 0; i < self->plays->len; i++)
    n_success += ((TgHistoryPlay *) g_ptr_array_index (self->plays, i))->result->success ? 1 : 0;
  best_play = g_strdup_printf ("%.1f", best.best_play);
  best_week = g_strdup_printf ("%.1f", best.best_week);
  total = g_strdup_printf ("%.1f", best.total);
  success = g_strdup_printf ("%u / %u (%.0f %%)", n_success, self->plays->len,
                             self->plays->len > 0 ? 100.0 * n_success / self->plays->len : 0.0);
  gtk_label_set_text (self->best_play_label, best_play);
  gtk_label_set_text (self->best_week_label, best_week);
  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->success_label, success);
}

/* The overlay is the template's top widget: not bound, so that disposing the template does not
 * leave AdwBin with a dangling child. */
static void
show_toast (TgStatsView *self,
            const char  *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))), adw_toast_new (text));
}

static void
show_error (TgStatsView *self,
            const char  *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

void
tg_stats_view_reload (TgStatsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  TgHistoryFilter filter;
  gint64 n_all;
  const char *page;

  g_return_if_fail (TG_IS_STATS_VIEW (self));

  if (self->history == NULL)
    return;

  tg_history_filter_init (&filter);
  n_all = tg_history_count_plays (self->history, &filter, &error);
  if (n_all >= 0)
    {
      get_filter (self, &filter, &from, &to);
      plays = tg_history_list_plays (self->history, &filter, &error);
    }
  if (plays != NULL)
    drills = tg_history_list_drills (self->history, -1, 0, &error);
  if (drills == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->plays, g_ptr_array_unref);
  self->plays = g_steal_pointer (&plays);

  /* gtk_list_box_remove_all() is GTK 4.12. */
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL;)
    gtk_list_box_remove (self->list, row);
  for (guint i = 0; i < self->plays->len && i < MAX_ROWS; i++)
    gtk_list_box_append (self->list, play_row (g_ptr_array_index (self->plays, i), i));
  gtk_stack_set_visible_child_name (self->list_stack, self->plays->len > 0 ? "list" : "no-match");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->plays->len > 0);
  update_filters_subtitle (self);
  update_season (self);
  tg_stats_charts_set_plays (self->charts, self->plays);
  tg_report_page_set_plays (self->report, self->plays, drills);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else if (g_strcmp0 (page, "detail") != 0)
    gtk_stack_set_visible_child_name (self->main_stack, "overview");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The venue choices: every venue played, keeping the one selected. */
static void
update_venues (TgStatsView *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *selected = NULL;
  guint position = adw_combo_row_get_selected (self->venue_row);
  TgHistoryFilter filter;
  guint new_position = 0;

  tg_history_filter_init (&filter);
  all = tg_history_list_plays (self->history, &filter, NULL);
  if (all == NULL)
    return;
  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    selected = g_strdup (gtk_string_list_get_string (self->venues, position));
  for (guint i = 0; i < all->len; i++)
    {
      const char *name = ((TgHistoryPlay *) g_ptr_array_index (all, i))->result->venue_name;

      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_insert (names, 0, (gpointer) _("Any venue"));
  g_ptr_array_add (names, NULL);

  self->updating_filters = TRUE;
  gtk_string_list_splice (self->venues, 0, g_list_model_get_n_items (G_LIST_MODEL (self->venues)),
                          (const char * const *) names->pdata);
  for (guint i = 1; selected != NULL && i + 1 < names->len; i++)
    if (g_strcmp0 (names->pdata[i], selected) == 0)
      new_position = i;
  adw_combo_row_set_selected (self->venue_row, new_position);
  self->updating_filters = FALSE;
}

static void
on_filter_changed (TgStatsView *self)
{
  if (!self->updating_filters)
    tg_stats_view_reload (self);
}

void
tg_stats_view_clear_filters (TgStatsView *self)
{
  g_return_if_fail (TG_IS_STATS_VIEW (self));
  self->updating_filters = TRUE;
  adw_combo_row_set_selected (self->difficulty_row, 0);
  adw_combo_row_set_selected (self->venue_row, 0);
  adw_combo_row_set_selected (self->mode_row, 0);
  adw_combo_row_set_selected (self->period_row, 0);
  self->updating_filters = FALSE;
  tg_stats_view_reload (self);
}

void
tg_stats_view_open (TgStatsView *self,
                    const char  *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_dir = NULL;

  g_return_if_fail (TG_IS_STATS_VIEW (self));

  if (dir == NULL)
    dir = default_dir = g_build_filename (g_get_user_data_dir (), "tickget", NULL);
  g_clear_object (&self->history);
  self->history = tg_history_open (dir, &error);
  if (self->history == NULL)
    {
      show_error (self, error->message);
      return;
    }
  update_venues (self);
  tg_stats_view_reload (self);
}

TgHistory *
tg_stats_view_get_history (TgStatsView *self)
{
  g_return_val_if_fail (TG_IS_STATS_VIEW (self), NULL);
  return self->history;
}

void
tg_stats_view_set_settings (TgStatsView *self,
                            GSettings   *settings)
{
  g_return_if_fail (TG_IS_STATS_VIEW (self));
  tg_report_page_set_settings (self->report, settings);
}

void
tg_stats_view_add_play (TgStatsView    *self,
                        const TgResult *result,
                        TgHistoryMode   mode,
                        const char     *server,
                        TgVenue        *venue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TgHistoryPlayMeta meta = { 0 };

  g_return_if_fail (TG_IS_STATS_VIEW (self));
  g_return_if_fail (result != NULL);

  if (self->history == NULL)
    return;
  meta.mode = mode;
  meta.server = (char *) server;
  meta.played_at = now;
  for (guint i = 0; venue != NULL && i < result->n_seats && i < TG_RESULT_MAX_SEATS; i++)
    {
      guint seat = tg_venue_find_seat (venue, result->seat_ids[i]);

      if (seat != TG_VENUE_NO_SEAT)
        meta.seat_prices[i] = tg_venue_get_grade (venue, tg_venue_get_seat (venue, seat)->grade)->price;
    }
  if (!tg_history_add_play (self->history, result, &meta, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the play in the history: %s"),
                                                  error->message);
      g_warning ("%s", message);
      show_toast (self, message);
    }
  update_venues (self);
  tg_stats_view_reload (self);
}

guint
tg_stats_view_get_n_plays (TgStatsView *self)
{
  g_return_val_if_fail (TG_IS_STATS_VIEW (self), 0);
  return self->plays != NULL ? self->plays->len : 0;
}

void
tg_stats_view_show_list (TgStatsView *self)
{
  g_return_if_fail (TG_IS_STATS_VIEW (self));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "detail") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "overview");
}

gboolean
tg_stats_view_show_play (TgStatsView *self,
                         gint64       id)
{
  g_return_val_if_fail (TG_IS_STATS_VIEW (self), FALSE);

  for (guint i = 0; self->plays != NULL && i < self->plays->len; i++)
    {
      const TgHistoryPlay *play = g_ptr_array_index (self->plays, i);

      if (play->id == id)
        {
          tg_play_detail_set_play (self->detail, play);
          gtk_stack_set_visible_child_name (self->main_stack, "detail");
          gtk_widget_grab_focus (GTK_WIDGET (tg_stats_view_get_detail (self)));
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_row_activated (TgStatsView   *self,
                  GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tg-play-index"));

  if (self->plays != NULL && index < self->plays->len)
    tg_stats_view_show_play (self, ((TgHistoryPlay *) g_ptr_array_index (self->plays, index))->id);
}

gboolean
tg_stats_view_export_csv (TgStatsView  *self,
                          GFile        *file,
                          GError      **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  TgHistoryFilter filter;

  g_return_val_if_fail (TG_IS_STATS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->history == NULL)
    {
      g_set_error_literal (error, TG_HISTORY_ERROR, TG_HISTORY_ERROR_IO, _("The history is not open"));
      return FALSE;
    }
  get_filter (self, &filter, &from, &to);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!tg_history_export_csv (self->history, &filter, G_OUTPUT_STREAM (stream), error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static void
save_csv (GtkWidget *widget,
          GFile     *file,
          gpointer   user_data)
{
  TgStatsView *self = TG_STATS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!tg_stats_view_export_csv (self, file, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the history: %s"), error->message);
      show_toast (self, message);
      return;
    }
  show_toast (self, _("History exported"));
}

static void
on_export_csv_clicked (TgStatsView *self)
{
  tg_ui_ask_save_file (GTK_WIDGET (self), _("Export History"), _("tickget-history.csv"),
                       _("CSV files"), "text/csv", save_csv, NULL);
}

static gboolean
back_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TgStatsView *self = TG_STATS_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "detail") != 0)
    return FALSE;
  tg_stats_view_show_list (self);
  return TRUE;
}

static void
set_choices (AdwComboRow        *row,
             const char * const *choices)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static void
tg_stats_view_dispose (GObject *object)
{
  TgStatsView *self = TG_STATS_VIEW (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->plays, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TG_TYPE_STATS_VIEW);
  g_clear_object (&self->venues);
  G_OBJECT_CLASS (tg_stats_view_parent_class)->dispose (object);
}

static void
tg_stats_view_class_init (TgStatsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tg_stats_view_dispose;

  g_type_ensure (TG_TYPE_STATS_CHARTS);
  g_type_ensure (TG_TYPE_REPORT_PAGE);
  g_type_ensure (TG_TYPE_PLAY_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/kr/tickget/TickGet/tg-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, sections);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, filters_row);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, difficulty_row);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, period_row);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, season_group);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, list);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, charts);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, report);
  gtk_widget_class_bind_template_child (widget_class, TgStatsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_export_csv_clicked);
  gtk_widget_class_bind_template_callback (widget_class, tg_stats_view_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, tg_stats_view_show_list);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, back_shortcut, NULL);
}

static void
tg_stats_view_init (TgStatsView *self)
{
  const char *difficulties[] = { _("Any difficulty"), C_("difficulty", "Easy"), C_("difficulty", "Medium"),
                                 C_("difficulty", "Hard"), NULL };
  const char *modes[] = { _("Offline and online"), _("Offline"), _("Online"), NULL };
  const char *periods[] = { _("Any time"), _("Last 7 days"), _("Last 30 days"), _("Last 365 days"),
                            _("Custom dates"), NULL };
  const char *any_venue[] = { _("Any venue"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating_filters = TRUE;
  set_choices (self->difficulty_row, difficulties);
  set_choices (self->mode_row, modes);
  set_choices (self->period_row, periods);
  self->venues = gtk_string_list_new (any_venue);
  adw_combo_row_set_model (self->venue_row, G_LIST_MODEL (self->venues));
  self->updating_filters = FALSE;
  g_signal_connect_swapped (self->difficulty_row, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->venue_row, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (on_filter_changed), self);
  self->from_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("From (YYYY-MM-DD)"));
  self->to_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To, inclusive (YYYY-MM-DD)"));
  adw_expander_row_add_row (self->filters_row, GTK_WIDGET (self->from_row));
  adw_expander_row_add_row (self->filters_row, GTK_WIDGET (self->to_row));
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), FALSE);
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (on_filter_changed), self);

  self->best_play_label = tg_ui_add_value_row (self->season_group, _("Best play"), NULL, "");
  self->best_week_label = tg_ui_add_value_row (self->season_group, _("Best week"),
                                               _("The sum of a week’s plays, Monday to Sunday"), "");
  self->total_label = tg_ui_add_value_row (self->season_group, _("Season total"), NULL, "");
  self->success_label = tg_ui_add_value_row (self->season_group, _("Seats booked"),
                                             _("Plays that ended with paid seats"), "");
  self->plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);
  update_filters_subtitle (self);
}

GtkWidget *
tg_stats_view_new (void)
{
  return g_object_new (TG_TYPE_STATS_VIEW, NULL);
}

/* Private */

AdwComboRow *
tg_stats_view_get_difficulty_row (TgStatsView *self)
{
  return self->difficulty_row;
}

AdwComboRow *
tg_stats_view_get_venue_row (TgStatsView *self)
{
  return self->venue_row;
}

AdwComboRow *
tg_stats_view_get_mode_row (TgStatsView *self)
{
  return self->mode_row;
}

AdwComboRow *
tg_stats_view_get_period_row (TgStatsView *self)
{
  return self->period_row;
}

GtkListBox *
tg_stats_view_get_list (TgStatsView *self)
{
  return self->list;
}

const char *
tg_stats_view_get_page_name (TgStatsView *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
tg_stats_view_set_section (TgStatsView *self,
                           const char  *name)
{
  adw_view_stack_set_visible_child_name (self->sections, name);
}

TgPlayDetail *
tg_stats_view_get_detail (TgStatsView *self)
{
  return self->detail;
}

TgStatsCharts *
tg_stats_view_get_charts (TgStatsView *self)
{
  return self->charts;
}

TgReportPage *
tg_stats_view_get_report (TgStatsView *self)
{
  return self->report;
}

void
tg_stats_view_get_date_rows (TgStatsView  *self,
                             AdwEntryRow **from,
                             AdwEntryRow **to)
{
  g_return_if_fail (TG_IS_STATS_VIEW (self));
  *from = self->from_row;
  *to = self->to_row;
}
