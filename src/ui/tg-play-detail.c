/* tg-play-detail.c: one stored play, stage by stage against the bots of the same match. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-play-detail.h"
#include "tg-season.h"
#include "tg-ui-util.h"

struct _TgPlayDetail
{
  AdwBin          parent_instance;

  TgHistoryPlay  *play;
  GtkLabel       *title;
  GtkLabel       *subtitle;
  GtkLabel       *grade;
  TgStageChart   *chart;
  GtkBox         *groups;    /* rebuilt for every play */
};

G_DEFINE_FINAL_TYPE (TgPlayDetail, tg_play_detail, ADW_TYPE_BIN)

static AdwPreferencesGroup *
add_group (TgPlayDetail *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
add_count_row (AdwPreferencesGroup *group,
               const char          *title,
               guint                count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  tg_ui_add_value_row (group, title, NULL, value);
}

static void
fill_stages (TgPlayDetail   *self,
             const TgResult *result)
{
  AdwPreferencesGroup *group = add_group (self, _("Stages"), NULL);

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      g_autofree char *value = tg_ui_format_ms (result->stage_ms[s]);
      g_autofree char *subtitle = NULL;

      if (result->stage_ms[s] >= 0 && result->stage_percentile[s] >= 0)
        /* Translators: how one stage time compares with the bots of the same match. */
        subtitle = g_strdup_printf (_("Faster than %.0f %% of the bots"), result->stage_percentile[s]);
      else if (result->stage_ms[s] < 0)
        subtitle = g_strdup (_("Not reached"));
      tg_ui_add_value_row (group, tg_stage_get_label (s), subtitle, value);
    }
}

static void
fill_queue (TgPlayDetail   *self,
            const TgResult *result)
{
  AdwPreferencesGroup *group;
  g_autofree char *position = NULL;
  g_autofree char *sold = NULL;

  if (result->first_queue_position == 0)
    return;
  group = add_group (self, _("Queue"), NULL);
  /* Translators: the first queue position out of everyone queued at that moment. */
  position = g_strdup_printf (_("#%'u of %'u"), result->first_queue_position, result->queue_total_at_join);
  tg_ui_add_value_row (group, _("First queue position"), NULL, position);
  sold = g_strdup_printf ("%.0f %%", result->sold_percent_at_admission);
  tg_ui_add_value_row (group, _("Sold when admitted"), NULL, sold);
}

static void
fill_mistakes (TgPlayDetail   *self,
               const TgResult *result)
{
  AdwPreferencesGroup *group = add_group (self, _("Mistakes"), NULL);

  add_count_row (group, _("Early clicks on 예매하기"), result->early_clicks);
  add_count_row (group, _("Clicks beside the open date"), result->date_misclicks);
  add_count_row (group, _("Wrong security codes"), result->captcha_wrong);
  add_count_row (group, _("Backspaces in the security code"), result->captcha_backspaces);
  add_count_row (group, _("New security code pictures"), result->captcha_refreshes);
  add_count_row (group, _("Seats already taken (이선좌)"), result->seat_conflicts);
  add_count_row (group, _("Clicks beside any seat"), result->seat_misses);
}

static void
fill_seats (TgPlayDetail        *self,
            const TgHistoryPlay *play)
{
  const TgResult *result = play->result;
  AdwPreferencesGroup *group;

  if (!result->success || result->n_seats == 0)
    return;
  group = add_group (self, _("Seats"), NULL);
  for (guint i = 0; i < result->n_seats && i < TG_RESULT_MAX_SEATS; i++)
    {
      g_autofree char *price = NULL;

      if (play->meta.seat_prices[i] > 0)
        /* Translators: a ticket price in won. */
        price = g_strdup_printf (_("%'u won"), play->meta.seat_prices[i]);
      tg_ui_add_value_row (group, result->seat_ids[i] != NULL ? result->seat_ids[i] : "?",
                           result->seat_grades[i], price != NULL ? price : "");
    }
  {
    g_autofree char *paid = g_strdup_printf (_("%'u won"), result->price_paid);
    g_autofree char *humans = g_strdup_printf ("%'u", result->rank_humans);
    g_autofree char *all = g_strdup_printf (_("%'u of %'u buyers"), result->rank_all, result->n_buyers);

    tg_ui_add_value_row (group, _("Paid"), _("After discounts and booking fees"), paid);
    tg_ui_add_value_row (group, _("Rank among players"), NULL, humans);
    tg_ui_add_value_row (group, _("Rank among everyone"), NULL, all);
  }
}

static void
fill_season (TgPlayDetail   *self,
             const TgResult *result)
{
  AdwPreferencesGroup *group;
  TgSeasonScore score;
  const char *z_names[TG_SEASON_N_Z] = { N_("Queue speed"), N_("Security code speed"), N_("Seat speed") };
  g_autofree char *total = NULL;

  tg_season_score_play (result, &score);
  group = add_group (self, _("Season Score"),
                     _("1000 × (1 − rank ⁄ participants) × crowd × difficulty, plus a speed bonus against "
                       "the bots of the match, all divided by 10. A failed run scores 0."));
  total = g_strdup_printf ("%.1f", score.score);
  tg_ui_add_value_row (group, _("Score"), NULL, total);
  if (!result->success)
    return;
  {
    g_autofree char *placement = g_strdup_printf ("%.1f", score.placement);
    g_autofree char *crowd = g_strdup_printf ("× %.2f", score.crowd_factor);
    g_autofree char *difficulty = g_strdup_printf ("× %.1f", score.difficulty_factor);
    g_autofree char *bonus = g_strdup_printf ("%.1f", score.speed_bonus);

    tg_ui_add_value_row (group, _("Placement"), NULL, placement);
    tg_ui_add_value_row (group, _("Crowd factor"), NULL, crowd);
    tg_ui_add_value_row (group, _("Difficulty factor"), NULL, difficulty);
    for (guint z = 0; z < TG_SEASON_N_Z; z++)
      {
        g_autofree char *value = score.z_known[z] ? g_strdup_printf ("%+.2f σ", score.z[z])
                                                  : g_strdup (_("unknown"));

        tg_ui_add_value_row (group, _(z_names[z]), _("Standard deviations faster than the bots’ mean"),
                             value);
      }
    tg_ui_add_value_row (group, _("Speed bonus"), _("0 – 300"), bonus);
  }
}

void
tg_play_detail_set_play (TgPlayDetail        *self,
                         const TgHistoryPlay *play)
{
  const TgResult *result;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *seed = NULL;
  TgPlayGrade grade;

  g_return_if_fail (TG_IS_PLAY_DETAIL (self));

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL;)
    gtk_box_remove (self->groups, child);
  g_clear_pointer (&self->play, tg_history_play_free);
  tg_stage_chart_set_result (self->chart, play != NULL ? play->result : NULL);
  if (play == NULL)
    {
      gtk_label_set_text (self->title, "");
      gtk_label_set_text (self->subtitle, "");
      gtk_label_set_text (self->grade, "");
      return;
    }

  self->play = tg_history_play_copy (play);
  result = self->play->result;
  when = tg_ui_format_when (play->meta.played_at);
  if (result->success)
    title = g_strdup_printf (ngettext ("%s — Booked %u seat", "%s — Booked %u seats", result->n_seats),
                             when, result->n_seats);
  else
    title = g_strdup_printf ("%s — %s", when, tg_fail_reason_get_label (result->fail_reason));
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, result->seed);
  /* Translators: venue · difficulty · offline/online · bots · seed. */
  subtitle = g_strdup_printf (_("%s · %s · %s · %'u bots · seed %s"),
                              result->venue_name != NULL ? result->venue_name : "",
                              tg_ui_difficulty_label (result->difficulty),
                              tg_ui_mode_label (play->meta.mode), result->n_bots, seed);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->subtitle, subtitle);
  grade = tg_result_compute_grade (result);
  gtk_label_set_text (self->grade, tg_play_grade_to_string (grade));
  gtk_widget_remove_css_class (GTK_WIDGET (self->grade), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->grade), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->grade), result->success ? "success" : "error");

  fill_stages (self, result);
  fill_queue (self, result);
  fill_mistakes (self, result);
  fill_seats (self, self->play);
  fill_season (self, result);
}

static void
save_chart (GtkWidget *widget,
            GFile     *file,
            gpointer   user_data)
{
  TgPlayDetail *self = TG_PLAY_DETAIL (widget);
  g_autoptr(GError) error = NULL;

  if (!tg_chart_export_png (TG_CHART (self->chart), file, 1280, 720, &error))
    tg_ui_toast (widget, error->message);
  else
    tg_ui_toast (widget, _("Chart saved"));
}

static void
on_export_clicked (TgPlayDetail *self)
{
  tg_ui_ask_save_file (GTK_WIDGET (self), _("Export Chart"), _("stages.png"), _("PNG images"),
                       "image/png", save_chart, NULL);
}

static void
tg_play_detail_dispose (GObject *object)
{
  g_clear_pointer (&TG_PLAY_DETAIL (object)->play, tg_history_play_free);
  G_OBJECT_CLASS (tg_play_detail_parent_class)->dispose (object);
}

static void
tg_play_detail_class_init (TgPlayDetailClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_play_detail_dispose;
}

static void
tg_play_detail_init (TgPlayDetail *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *export;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->grade = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->grade), "title-1");
  gtk_widget_set_valign (GTK_WIDGET (self->grade), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->grade));
  self->title = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_selectable (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-2");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title));
  self->subtitle = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);
  export = gtk_button_new_from_icon_name ("document-save-symbolic");
  gtk_widget_set_tooltip_text (export, _("Export the chart as PNG"));
  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (export, "flat");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
  gtk_box_append (GTK_BOX (header), export);
  gtk_box_append (GTK_BOX (box), header);

  self->chart = tg_stage_chart_new ();
  tg_chart_set_title (TG_CHART (self->chart), _("Your stages against the bots of this match"));
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 320);
  gtk_widget_add_css_class (GTK_WIDGET (self->chart), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart));

  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
tg_play_detail_new (void)
{
  return g_object_new (TG_TYPE_PLAY_DETAIL, NULL);
}

gint64
tg_play_detail_get_play_id (TgPlayDetail *self)
{
  g_return_val_if_fail (TG_IS_PLAY_DETAIL (self), -1);
  return self->play != NULL ? self->play->id : -1;
}

TgStageChart *
tg_play_detail_get_chart (TgPlayDetail *self)
{
  g_return_val_if_fail (TG_IS_PLAY_DETAIL (self), NULL);
  return self->chart;
}

const char *
tg_play_detail_get_title (TgPlayDetail *self)
{
  g_return_val_if_fail (TG_IS_PLAY_DETAIL (self), NULL);
  return gtk_label_get_text (self->title);
}
