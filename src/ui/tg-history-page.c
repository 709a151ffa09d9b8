/* tg-history-page.c: every play, newest first, from the SQLite history. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-history-page.h"

struct _TgHistoryPage
{
  AdwBin          parent_instance;

  TgHistory      *history;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *error_page;
  guint           n_plays;
};

G_DEFINE_FINAL_TYPE (TgHistoryPage, tg_history_page, ADW_TYPE_BIN)

static const char *
difficulty_label (TgDifficulty difficulty)
{
  switch (difficulty)
    {
    case TG_DIFFICULTY_EASY:
      return _("Easy");
    case TG_DIFFICULTY_HARD:
      return _("Hard");
    case TG_DIFFICULTY_MEDIUM:
    default:
      return _("Medium");
    }
}

static GtkWidget *
play_row (const TgHistoryPlay *play)
{
  const TgResult *result = play->result;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *grade = gtk_label_new (tg_play_grade_to_string (tg_result_compute_grade (result)));
  g_autoptr(GDateTime) local = g_date_time_to_local (play->meta.played_at);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (result->success)
    title = g_strdup_printf (_("%s — booked %u seats, rank %'u"), when, result->n_seats, result->rank_all);
  else
    title = g_strdup_printf ("%s — %s", when, tg_fail_reason_get_label (result->fail_reason));
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, result->seed);

  subtitle = g_strdup_printf (_("%s · %s · %'u bots · seed %s"),
                              result->venue_name != NULL ? result->venue_name : "",
                              difficulty_label (result->difficulty), result->n_bots, seed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (grade, "title-2");
  gtk_widget_add_css_class (grade, result->success ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), grade);
  return row;
}

static void
reload (TgHistoryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plays = NULL;
  TgHistoryFilter filter;

  if (self->history == NULL)
    return;

  tg_history_filter_init (&filter);
  filter.limit = 500;
  plays = tg_history_list_plays (self->history, &filter, &error);
  if (plays == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* gtk_list_box_remove_all() is GTK 4.12. */
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL;)
    gtk_list_box_remove (self->list, row);
  for (guint i = 0; i < plays->len; i++)
    gtk_list_box_append (self->list, play_row (g_ptr_array_index (plays, i)));
  self->n_plays = plays->len;
  gtk_stack_set_visible_child_name (self->stack, plays->len > 0 ? "list" : "empty");
}

void
tg_history_page_open (TgHistoryPage *self,
                      const char    *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_dir = NULL;

  g_return_if_fail (TG_IS_HISTORY_PAGE (self));

  if (dir == NULL)
    dir = default_dir = g_build_filename (g_get_user_data_dir (), "tickget", NULL);
  g_clear_object (&self->history);
  self->history = tg_history_open (dir, &error);
  if (self->history == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  reload (self);
}

void
tg_history_page_add_play (TgHistoryPage  *self,
                          const TgResult *result,
                          TgHistoryMode   mode,
                          const char     *server,
                          TgVenue        *venue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TgHistoryPlayMeta meta = { 0 };

  g_return_if_fail (TG_IS_HISTORY_PAGE (self));

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
    g_warning ("Could not save the play in the history: %s", error->message);
  reload (self);
}

guint
tg_history_page_get_n_plays (TgHistoryPage *self)
{
  g_return_val_if_fail (TG_IS_HISTORY_PAGE (self), 0);
  return self->n_plays;
}

static void
tg_history_page_dispose (GObject *object)
{
  g_clear_object (&TG_HISTORY_PAGE (object)->history);
  G_OBJECT_CLASS (tg_history_page_parent_class)->dispose (object);
}

static void
tg_history_page_class_init (TgHistoryPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_history_page_dispose;
}

static void
tg_history_page_init (TgHistoryPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->stack = GTK_STACK (gtk_stack_new ());

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Plays Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Finished and failed matches show up here."));
  gtk_stack_add_named (self->stack, empty, "empty");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "list");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("History Unavailable"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
tg_history_page_new (void)
{
  return g_object_new (TG_TYPE_HISTORY_PAGE, NULL);
}
