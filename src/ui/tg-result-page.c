/* tg-result-page.c: how the race went — grade, stage times against the bots, mistakes, seats. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-match-view-private.h"
#include "tg-result-page.h"
#include "tg-ui-util.h"

struct _TgResultPage
{
  AdwBin               parent_instance;

  TgResult            *result;
  GtkLabel            *grade_label;
  GtkLabel            *outcome_label;
  GtkLabel            *rank_label;
  AdwPreferencesGroup *stages_group;
  AdwPreferencesGroup *mistakes_group;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (TgResultPage, tg_result_page, ADW_TYPE_BIN)

static void
add_row (TgResultPage        *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

void
tg_result_page_set_result (TgResultPage   *self,
                           const TgResult *result,
                           TgVenue        *venue)
{
  TgPlayGrade grade;
  g_autofree char *rank = NULL;

  g_return_if_fail (TG_IS_RESULT_PAGE (self));
  g_return_if_fail (result != NULL);

  g_clear_pointer (&self->result, tg_result_free);
  self->result = tg_result_copy (result);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  grade = tg_result_compute_grade (result);
  gtk_label_set_text (self->grade_label, tg_play_grade_to_string (grade));
  gtk_widget_remove_css_class (GTK_WIDGET (self->grade_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->grade_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->grade_label), result->success ? "success" : "error");

  if (result->success)
    {
      GString *seats = g_string_new (NULL);
      for (guint i = 0; i < result->n_seats; i++)
        {
          guint index = venue != NULL ? tg_venue_find_seat (venue, result->seat_ids[i]) : TG_VENUE_NO_SEAT;
          g_autofree char *name = index != TG_VENUE_NO_SEAT ? tg_ui_seat_name (venue, index)
                                                            : g_strdup (result->seat_ids[i]);
          /* The venue's name of the grade ("R석"), else the grade the result recorded ("R"). */
          const char *grade_name = index != TG_VENUE_NO_SEAT
                              ? tg_venue_get_grade (venue, tg_venue_get_seat (venue, index)->grade)->name
                              : result->seat_grades[i];

          /* One seat a line. */
          g_string_append_printf (seats, "%s%s (%s)", i > 0 ? "\n" : "", name, grade_name);
        }
      {
        g_autofree char *text = g_strdup_printf (_("Booked: %s"), seats->str);
        gtk_label_set_text (self->outcome_label, text);
      }
      g_string_free (seats, TRUE);
      rank = g_strdup_printf (_("Rank %u among players · %'u of %'u buyers overall"),
                              result->rank_humans, result->rank_all, result->n_buyers);
    }
  else
    {
      gtk_label_set_text (self->outcome_label, tg_fail_reason_get_label (result->fail_reason));
      rank = g_strdup (_("No seat this time"));
    }
  gtk_label_set_text (self->rank_label, rank);

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      g_autofree char *value = NULL;

      if (result->stage_ms[s] < 0)
        continue;
      g_autofree char *time = tg_ui_format_ms (result->stage_ms[s]);

      if (result->stage_percentile[s] >= 0)
        /* Translators: a stage time and how it compares: "0.812 s · faster than 64% of bots". */
        value = g_strdup_printf (_("%s · faster than %.0f%% of bots"), time, result->stage_percentile[s]);
      else
        value = g_steal_pointer (&time);
      add_row (self, self->stages_group, tg_stage_get_label (s), value);
    }

#define COUNT(title, field) G_STMT_START { \
    g_autofree char *v = g_strdup_printf ("%u", result->field); \
    add_row (self, self->mistakes_group, title, v); } G_STMT_END
  COUNT (_("Early clicks"), early_clicks);
  COUNT (_("Misclicks"), date_misclicks);
  COUNT (_("Wrong security codes"), captcha_wrong);
  COUNT (_("Backspaces"), captcha_backspaces);
  COUNT (_("Seat already taken"), seat_conflicts);
  COUNT (_("Clicks beside a seat"), seat_misses);
  COUNT (_("First queue position"), first_queue_position);
#undef COUNT
}

static void
on_copy (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TgResultPage *self = TG_RESULT_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->result == NULL)
    return;
  text = tg_result_to_text (self->result);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
tg_result_page_dispose (GObject *object)
{
  TgResultPage *self = TG_RESULT_PAGE (object);

  g_clear_pointer (&self->result, tg_result_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tg_result_page_parent_class)->dispose (object);
}

static void
tg_result_page_class_init (TgResultPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_result_page_dispose;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "result.copy", NULL, on_copy);
}

static void
tg_result_page_init (TgResultPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons, *copy, *replay, *again;

  self->rows = g_ptr_array_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->grade_label = GTK_LABEL (gtk_label_new ("–"));
  gtk_widget_add_css_class (GTK_WIDGET (self->grade_label), "tg-grade");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grade_label));
  self->outcome_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->outcome_label, TRUE);
  gtk_label_set_justify (self->outcome_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), "title-3");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->outcome_label));
  self->rank_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->rank_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rank_label));

  self->stages_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->stages_group, _("Stage Times"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stages_group));
  self->mistakes_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mistakes_group, _("Mistakes"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->mistakes_group));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  copy = gtk_button_new_with_mnemonic (_("_Copy Result"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "result.copy");
  replay = gtk_button_new_with_mnemonic (_("_Replay This Seed"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (replay), "win.replay-match");
  again = gtk_button_new_with_mnemonic (_("_New Match"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "win.new-match");
  gtk_widget_add_css_class (again, "suggested-action");
  for (GtkWidget *b = copy; b != NULL; b = b == copy ? replay : b == replay ? again : NULL)
    {
      gtk_widget_add_css_class (b, "pill");
      gtk_box_append (GTK_BOX (buttons), b);
    }
  gtk_box_append (GTK_BOX (box), buttons);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
tg_result_page_new (void)
{
  return g_object_new (TG_TYPE_RESULT_PAGE, NULL);
}

GtkLabel *
tg_result_page_get_title_label (TgResultPage *self)
{
  g_return_val_if_fail (TG_IS_RESULT_PAGE (self), NULL);
  return self->outcome_label;
}
