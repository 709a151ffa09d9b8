/* tg-window.c: the main window — setup, the match screens, the stats and the drills. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-drills-view.h"
#include "tg-match-view.h"
#include "tg-offline-session.h"
#include "tg-online-page.h"
#include "tg-setup-page.h"
#include "tg-stats-view.h"
#include "tg-window.h"
#include "tg-resources.h"

struct _TgWindow
{
  AdwApplicationWindow  parent_instance;

  AdwViewStack         *view_stack;
  GtkStack             *play_stack;
  GtkButton            *leave_button;
  TgSetupPage          *setup_page;
  TgMatchView          *match_view;
  TgStatsView          *stats_view;
  TgDrillsView         *drills_view;
  TgOnlinePage         *online_page;

  GSettings            *settings;
  TgClock              *clock;            /* NULL: a real clock per match */
  TgSession            *session;
  gboolean              close_confirmed;
};

G_DEFINE_FINAL_TYPE (TgWindow, tg_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (TgWindow   *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_session (TgWindow *self)
{
  /* Leaving mid-race is a failed play like any other: it ends in the engine (which releases the
   * hold), so the view records it in the history before letting go of the session. */
  if (self->session != NULL && tg_match_view_is_playing (self->match_view))
    tg_session_leave (self->session);
  tg_match_view_set_session (self->match_view, NULL);
  /* Disposing the offline session leaves the match, which releases any hold. */
  g_clear_object (&self->session);
  gtk_widget_set_visible (GTK_WIDGET (self->leave_button), FALSE);
}

static void
start_with_settings (TgWindow        *self,
                     TgMatchSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgClock) clock = NULL;
  TgOfflineSession *session;

  clock = self->clock != NULL ? g_object_ref (self->clock) : tg_real_clock_new (NULL);
  session = tg_offline_session_new (settings, clock, g_get_real_name (), &error);
  if (session == NULL)
    {
      show_error (self, _("Could Not Start the Match"), error->message);
      return;
    }

  end_session (self);
  self->session = TG_SESSION (session);
  tg_match_view_set_session (self->match_view, self->session);
  gtk_stack_set_visible_child_name (self->play_stack, "match");
  adw_view_stack_set_visible_child_name (self->view_stack, "play");
  gtk_widget_set_visible (GTK_WIDGET (self->leave_button), TRUE);
}

void
tg_window_start_match (TgWindow *self)
{
  g_autoptr(GError) error = NULL;
  TgMatchSettings settings;

  g_return_if_fail (TG_IS_WINDOW (self));

  if (!tg_setup_page_get_match_settings (self->setup_page, &settings, &error))
    {
      show_error (self, _("Could Not Start the Match"), error->message);
      return;
    }
  start_with_settings (self, &settings);
  g_clear_object (&settings.venue);
}

static void ask_to_leave (TgWindow *self,
                          gboolean  closing);

static void
on_start_match (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TgWindow *self = TG_WINDOW (widget);

  /* Ctrl+Return in the middle of a race must not throw it away. */
  if (tg_match_view_is_playing (self->match_view))
    return;
  tg_window_start_match (self);
}

static void
on_new_match (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TgWindow *self = TG_WINDOW (widget);

  if (tg_match_view_is_playing (self->match_view))
    {
      ask_to_leave (self, FALSE);
      return;
    }
  if (self->session != NULL && TG_IS_ONLINE_SESSION (self->session))
    {
      /* After an online match the next one starts from the room. */
      end_session (self);
      gtk_stack_set_visible_child_name (self->play_stack, "setup");
      adw_view_stack_set_visible_child_name (self->view_stack, "online");
      return;
    }
  end_session (self);
  tg_setup_page_set_seed (self->setup_page, g_random_int_range (1, G_MAXINT32));
  gtk_stack_set_visible_child_name (self->play_stack, "setup");
}

static void
on_replay_match (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TgWindow *self = TG_WINDOW (widget);
  TgMatchSettings settings;

  if (self->session == NULL)
    return;
  if (TG_IS_ONLINE_SESSION (self->session))
    {
      /* The room's host decides the next match. */
      on_new_match (widget, NULL, NULL);
      return;
    }
  settings = *tg_session_get_settings (self->session);
  g_object_ref (settings.venue);
  start_with_settings (self, &settings);
  g_object_unref (settings.venue);
}

static void
on_show_view (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (TG_WINDOW (widget)->view_stack,
                                         g_variant_get_string (parameter, NULL));
}

static void
on_leave_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TgWindow         *self)
{
  if (g_strcmp0 (response, "leave") != 0)
    return;
  if (self->close_confirmed)
    {
      end_session (self);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  end_session (self);
  gtk_stack_set_visible_child_name (self->play_stack, "setup");
}

static void
ask_to_leave (TgWindow *self,
              gboolean  closing)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Leave the Match?"),
                                                       _("You lose your place in the queue and any seats you hold are released.")));
  adw_message_dialog_add_responses (dialog, "stay", _("_Stay"), "leave", _("_Leave"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "stay");
  adw_message_dialog_set_close_response (dialog, "stay");
  self->close_confirmed = closing;
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_leave_match (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TgWindow *self = TG_WINDOW (widget);

  if (tg_match_view_is_playing (self->match_view))
    ask_to_leave (self, FALSE);
  else
    on_new_match (widget, NULL, NULL);
}

static gboolean
tg_window_close_request (GtkWindow *window)
{
  TgWindow *self = TG_WINDOW (window);

  if (tg_match_view_is_playing (self->match_view))
    {
      ask_to_leave (self, TRUE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (tg_window_parent_class)->close_request (window);
}

/* The host started a match in the room: play it on the same screens as offline. */
static void
on_online_match_started (TgWindow        *self,
                         TgOnlineSession *session)
{
  end_session (self);
  self->session = TG_SESSION (g_object_ref (session));
  tg_match_view_set_session (self->match_view, self->session);
  gtk_stack_set_visible_child_name (self->play_stack, "match");
  adw_view_stack_set_visible_child_name (self->view_stack, "play");
  gtk_widget_set_visible (GTK_WIDGET (self->leave_button), TRUE);
}

static void
on_play_ended (TgWindow *self,
               TgResult *result)
{
  gboolean online = self->session != NULL && TG_IS_ONLINE_SESSION (self->session);

  tg_stats_view_add_play (self->stats_view, result,
                            online ? TG_HISTORY_MODE_ONLINE : TG_HISTORY_MODE_OFFLINE,
                            online ? tg_online_page_get_address (self->online_page) : NULL,
                            self->session != NULL ? tg_session_get_venue (self->session) : NULL);
}

static void
on_drill_saved (TgWindow *self)
{
  /* The report's drill recommendations read the drills. */
  tg_stats_view_reload (self->stats_view);
}

static void
tg_window_dispose (GObject *object)
{
  TgWindow *self = TG_WINDOW (object);

  if (self->match_view != NULL)
    tg_match_view_set_session (self->match_view, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TG_TYPE_WINDOW);

  G_OBJECT_CLASS (tg_window_parent_class)->dispose (object);
}

static void
tg_window_class_init (TgWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  tg_ui_register_resources ();

  G_OBJECT_CLASS (klass)->dispose = tg_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = tg_window_close_request;

  g_type_ensure (TG_TYPE_SETUP_PAGE);
  g_type_ensure (TG_TYPE_MATCH_VIEW);
  g_type_ensure (TG_TYPE_STATS_VIEW);
  g_type_ensure (TG_TYPE_DRILLS_VIEW);
  g_type_ensure (TG_TYPE_ONLINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/kr/tickget/TickGet/tg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, play_stack);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, leave_button);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, match_view);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, stats_view);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, drills_view);
  gtk_widget_class_bind_template_callback (widget_class, on_drill_saved);
  gtk_widget_class_bind_template_child (widget_class, TgWindow, online_page);
  gtk_widget_class_bind_template_callback (widget_class, on_play_ended);
  gtk_widget_class_bind_template_callback (widget_class, on_online_match_started);

  gtk_widget_class_install_action (widget_class, "win.start-match", NULL, on_start_match);
  gtk_widget_class_install_action (widget_class, "win.new-match", NULL, on_new_match);
  gtk_widget_class_install_action (widget_class, "win.replay-match", NULL, on_replay_match);
  gtk_widget_class_install_action (widget_class, "win.leave-match", NULL, on_leave_match);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", on_show_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "play");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "online");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "history");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "drills");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.start-match", NULL);
}

static void
tg_window_init (TgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TgWindow *
tg_window_new (TgApplication *application)
{
  TgWindow *self = g_object_new (TG_TYPE_WINDOW, "application", application, NULL);
  TgCaptchaAudio *audio = tg_match_view_get_captcha_audio (self->match_view);

  /* Without an application (UI tests) the window reads the same settings itself. */
  self->settings = application != NULL ? g_object_ref (tg_application_get_settings (application))
                                       : g_settings_new (APP_ID);
  tg_setup_page_set_settings (self->setup_page, self->settings);
  tg_online_page_set_settings (self->online_page, self->settings);
  g_settings_bind (self->settings, "captcha-voice-language", audio, "language", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sound-volume", audio, "volume", G_SETTINGS_BIND_GET);
  /* Reduced motion turns GTK's animations off: page crossfades, toasts, spinners. */
  g_settings_bind (self->settings, "reduced-motion",
                   gtk_settings_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                   "gtk-enable-animations", G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  tg_stats_view_open (self->stats_view, NULL);
  tg_stats_view_set_settings (self->stats_view, self->settings);
  tg_drills_view_set_history (self->drills_view, tg_stats_view_get_history (self->stats_view));
  return self;
}

void
tg_window_set_clock (TgWindow *self,
                     TgClock  *clock)
{
  g_return_if_fail (TG_IS_WINDOW (self));
  g_set_object (&self->clock, clock);
  /* Drills fast-forward their clock: only a manual one is handed on. */
  tg_drills_view_set_clock (self->drills_view, TG_IS_MANUAL_CLOCK (clock) ? clock : NULL);
}

GtkWidget *
tg_window_get_match_view (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->match_view);
}

GtkWidget *
tg_window_get_setup_page (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->setup_page);
}

GtkWidget *
tg_window_get_online_page (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->online_page);
}

const char *
tg_window_get_view (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
tg_window_get_stats_view (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->stats_view);
}

GtkWidget *
tg_window_get_drills_view (TgWindow *self)
{
  g_return_val_if_fail (TG_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->drills_view);
}
