/* tg-application.c: the TickGet application — app actions, settings, style. */

#include "config.h"

#include <glib/gi18n.h>

#include "tg-application.h"
#include "tg-ui-util.h"
#include "tg-resources.h"
#include "tg-preferences-window.h"
#include "tg-window.h"

struct _TgApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TgApplication, tg_application, ADW_TYPE_APPLICATION)

/* TICKGET_REPORT_FIRST_FRAME=1: print when the first frame is on screen and quit — what
 * bench-app-start measures (docs/performance.md). */
static void
on_first_paint (GdkFrameClock *frame_clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_first_paint, app);
  g_print ("first-frame\n");
  g_application_quit (app);
}

static void
tg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tg_window_new (TG_APPLICATION (app)));
  gtk_window_present (window);

  if (g_strcmp0 (g_getenv ("TICKGET_REPORT_FIRST_FRAME"), "1") == 0)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (on_first_paint), app);
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  static const char *developers[] = { "The TickGet developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("TickGet"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The TickGet developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_MIT_X11);
  adw_about_window_set_comments (about, _("Practise the ticket race: open-time click, queue, security code, seats and payment."));
  /* Translators: put your name here. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_website (about, "https://tickget.kr");
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = GTK_WINDOW (tg_preferences_window_new (self->settings));

  gtk_window_set_transient_for (prefs, window);
  gtk_window_present (prefs);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* The window asks before leaving a match. */
  if (window != NULL)
    gtk_window_close (window);
  else
    g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", on_about },
  { "preferences", on_preferences },
  { "quit", on_quit },
};

static void
tg_application_startup (GApplication *app)
{
  TgApplication *self = TG_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (tg_application_parent_class)->startup (app);
  tg_ui_apply_font_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}

static void
tg_application_finalize (GObject *object)
{
  TgApplication *self = TG_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tg_application_parent_class)->finalize (object);
}

static void
tg_application_class_init (TgApplicationClass *klass)
{
  tg_ui_register_resources ();

  G_OBJECT_CLASS (klass)->finalize = tg_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = tg_application_activate;
  G_APPLICATION_CLASS (klass)->startup = tg_application_startup;
}

static void
tg_application_init (TgApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

TgApplication *
tg_application_new (void)
{
  return g_object_new (TG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/kr/tickget/TickGet",
                       NULL);
}

GSettings *
tg_application_get_settings (TgApplication *self)
{
  g_return_val_if_fail (TG_IS_APPLICATION (self), NULL);
  return self->settings;
}
