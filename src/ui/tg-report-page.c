/* tg-report-page.c: the analysis report — built-in, and optionally a chat model's review. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-analyst.h"
#include "tg-llm-client.h"
#include "tg-report-page.h"

struct _TgReportPage
{
  AdwBin         parent_instance;

  GSettings     *settings;
  TgAnalysis    *analysis;
  char          *text;

  GtkStack      *report_stack;    /* "report" or "not-enough" */
  GtkBox        *sections;
  AdwStatusPage *not_enough;

  GtkButton     *ask_button;
  GtkButton     *cancel_button;
  GtkSpinner    *spinner;
  GtkLabel      *status_label;
  GtkLabel      *review_label;
  GtkLabel      *error_label;
  GCancellable  *cancellable;
  char          *review;
  char          *error;
};

G_DEFINE_FINAL_TYPE (TgReportPage, tg_report_page, ADW_TYPE_BIN)

static void
set_asking (TgReportPage *self,
            gboolean      asking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), asking);
  gtk_spinner_set_spinning (self->spinner, asking);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), asking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ask_button), !asking && self->analysis != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), asking);
}

static void
show_error (TgReportPage *self,
            const char   *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_review (TgReportPage *self,
             const char   *review)
{
  g_free (self->review);
  self->review = g_strdup (review);
  gtk_label_set_text (self->review_label, review != NULL ? review : "");
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), review != NULL);
}

void
tg_report_page_cancel (TgReportPage *self)
{
  g_return_if_fail (TG_IS_REPORT_PAGE (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_asking (self, FALSE);
}

static void
on_review_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TgReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tg_llm_client_review_finish (TG_LLM_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_asking (self, FALSE);
  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The model could not review your plays: %s"),
                                                  error->message);
      show_error (self, message);
      return;
    }
  show_review (self, text);
}

void
tg_report_page_ask_model (TgReportPage *self)
{
  g_autoptr(TgLlmClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (TG_IS_REPORT_PAGE (self));

  if (self->analysis == NULL || self->cancellable != NULL)
    return;
  show_error (self, NULL);
  show_review (self, NULL);
  if (self->settings == NULL)
    {
      show_error (self, _("Set a chat endpoint and a model in Preferences → Analysis first."));
      return;
    }
  url = g_settings_get_string (self->settings, "llm-url");
  model = g_settings_get_string (self->settings, "llm-model");
  key = g_settings_get_string (self->settings, "llm-api-key");
  if (*url == '\0' || *model == '\0')
    {
      show_error (self, _("Set a chat endpoint and a model in Preferences → Analysis first."));
      return;
    }
  client = tg_llm_client_new (url, model, key);
  tg_llm_client_set_timeout (client, g_settings_get_uint (self->settings, "llm-timeout"));
  self->cancellable = g_cancellable_new ();
  set_asking (self, TRUE);
  tg_llm_client_review_async (client, self->analysis, NULL, self->cancellable, on_review_done,
                              g_object_ref (self));
}

static void
add_section (TgReportPage            *self,
             const TgAnalysisSection *section)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *label = gtk_label_new (section->body);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), section->title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "body");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  gtk_box_append (self->sections, group);
}

void
tg_report_page_set_plays (TgReportPage *self,
                          GPtrArray    *plays,
                          GPtrArray    *drills)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = NULL;

  g_return_if_fail (TG_IS_REPORT_PAGE (self));
  g_return_if_fail (plays != NULL);

  tg_report_page_cancel (self);
  show_error (self, NULL);
  show_review (self, NULL);
  g_clear_pointer (&self->analysis, tg_analysis_free);
  g_clear_pointer (&self->text, g_free);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL;)
    gtk_box_remove (self->sections, child);

  self->analysis = tg_analysis_new (plays, drills, &error);
  if (self->analysis == NULL)
    {
      /* The analyst's own words: how many more plays it needs. */
      self->text = g_error_matches (error, TG_ANALYST_ERROR, TG_ANALYST_ERROR_NOT_ENOUGH_PLAYS)
                   ? tg_analyst_not_enough_plays_message (plays->len)
                   : g_strdup (error->message);
      adw_status_page_set_description (self->not_enough, self->text);
      gtk_stack_set_visible_child_name (self->report_stack, "not-enough");
      set_asking (self, FALSE);
      return;
    }

  sections = tg_analysis_get_sections (self->analysis);
  for (guint i = 0; i < sections->len; i++)
    add_section (self, g_ptr_array_index (sections, i));
  self->text = tg_analysis_to_text (self->analysis);
  gtk_stack_set_visible_child_name (self->report_stack, "report");
  set_asking (self, FALSE);
}

void
tg_report_page_set_settings (TgReportPage *self,
                             GSettings    *settings)
{
  g_return_if_fail (TG_IS_REPORT_PAGE (self));
  g_set_object (&self->settings, settings);
}

static void
tg_report_page_dispose (GObject *object)
{
  TgReportPage *self = TG_REPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->analysis, tg_analysis_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->review, g_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (tg_report_page_parent_class)->dispose (object);
}

static void
tg_report_page_class_init (TgReportPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_report_page_dispose;
}

static GtkWidget *
column (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 24);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_widget_set_hexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_review (TgReportPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Second Opinion"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Sends the report’s figures — no names, no seats — to the chat model set in Preferences → "
      "Analysis, and shows its review here."));
  gtk_box_append (GTK_BOX (box), group);

  self->ask_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Ask the Model")));
  gtk_widget_add_css_class (GTK_WIDGET (self->ask_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->ask_button), "pill");
  g_signal_connect_swapped (self->ask_button, "clicked", G_CALLBACK (tg_report_page_ask_model), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->ask_button));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_add_css_class (GTK_WIDGET (self->cancel_button), "pill");
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (tg_report_page_cancel), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->spinner));
  self->status_label = GTK_LABEL (gtk_label_new (_("Waiting for the model…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), buttons);

  self->error_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->review_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->review_label, TRUE);
  gtk_label_set_xalign (self->review_label, 0);
  gtk_label_set_selectable (self->review_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "tg-review");
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->review_label));
  return box;
}

static void
tg_report_page_init (TgReportPage *self)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *report_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Built-in Analysis"));

  self->report_stack = GTK_STACK (gtk_stack_new ());
  self->not_enough = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->not_enough, "text-x-generic-symbolic");
  adw_status_page_set_title (self->not_enough, _("No Report Yet"));
  gtk_stack_add_named (self->report_stack, GTK_WIDGET (self->not_enough), "not-enough");

  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (report_box), title);
  self->sections = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (report_box), GTK_WIDGET (self->sections));
  gtk_stack_add_named (self->report_stack, column (report_box), "report");
  gtk_widget_set_hexpand (GTK_WIDGET (self->report_stack), TRUE);

  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (self->report_stack));
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (paned), column (build_review (self)));
  gtk_box_set_homogeneous (GTK_BOX (paned), FALSE);
  adw_bin_set_child (ADW_BIN (self), paned);
  set_asking (self, FALSE);
}

GtkWidget *
tg_report_page_new (void)
{
  return g_object_new (TG_TYPE_REPORT_PAGE, NULL);
}

gboolean
tg_report_page_has_report (TgReportPage *self)
{
  g_return_val_if_fail (TG_IS_REPORT_PAGE (self), FALSE);
  return self->analysis != NULL;
}

const char *
tg_report_page_get_text (TgReportPage *self)
{
  g_return_val_if_fail (TG_IS_REPORT_PAGE (self), NULL);
  return self->text;
}

gboolean
tg_report_page_is_asking (TgReportPage *self)
{
  g_return_val_if_fail (TG_IS_REPORT_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

const char *
tg_report_page_get_review (TgReportPage *self)
{
  g_return_val_if_fail (TG_IS_REPORT_PAGE (self), NULL);
  return self->review;
}

const char *
tg_report_page_get_error (TgReportPage *self)
{
  g_return_val_if_fail (TG_IS_REPORT_PAGE (self), NULL);
  return self->error;
}
