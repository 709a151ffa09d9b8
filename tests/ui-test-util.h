/* ui-test-util.h: main-loop iteration, frames and screenshots for the UI tests under Xvfb.
 * Header-only on purpose: each test is one executable. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "tg-resources.h"
#include "tg-ui-util.h"

/* "-ko", "-dark", "-ko-dark" or "": set by ui_test_init() from LC_MESSAGES and
 * TICKGET_TEST_STYLE. */
static char *ui_test_suffix;

/* Runs what is pending, a few rounds, but never longer than 250 ms: a screen that animates (the
 * server clock's milliseconds) always has a frame pending, and on a slow software renderer the
 * next one is due before the last is drawn, so "until nothing is pending" would never end. */
static inline void
ui_test_iterate (void)
{
  gint64 deadline = g_get_monotonic_time () + 250 * 1000;

  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
      ;
}

static inline gboolean
ui_test_count_frame (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static inline void
ui_test_wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, ui_test_count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  ui_test_iterate ();
}

/* Saves the window as build/tests/<prefix>-<name><suffix>.png. */
static inline void
ui_test_screenshot (GtkWidget  *window,
                    const char *prefix,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s%s.png", prefix, name, ui_test_suffix);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  int width, height;

  ui_test_wait_for_frames (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Call before anything else: sets the environment, a temporary XDG_DATA_HOME (returned), GTK,
 * the build's translations, the style and the app's CSS. */
static inline char *
ui_test_init (int    *argc,
              char ***argv,
              const char *schema_dir,
              const char *po_dir)
{
  const char *style = g_getenv ("TICKGET_TEST_STYLE");
  const char *messages;

  if (style != NULL && *style == '\0')
    style = NULL;
  char *data_home;
  g_autoptr(GtkCssProvider) css = NULL;

  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  /* The fake chat endpoint is on loopback: never through a proxy from the environment. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  data_home = g_dir_make_tmp ("tickget-ui-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  /* GLib reads it once: before GTK starts. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init() forces en_US; translations come from the build tree. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  messages = setlocale (LC_MESSAGES, NULL);
  ui_test_suffix = g_strdup_printf ("%s%s%s", g_str_has_prefix (messages, "ko") ? "-ko" : "",
                                    style != NULL ? "-" : "", style != NULL ? style : "");
  adw_init ();
  tg_ui_apply_font_settings ();
  if (g_strcmp0 (style, "dark") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  tg_ui_register_resources ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/kr/tickget/TickGet/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_boolean (settings, "reduced-motion", TRUE);
  }
  return data_home;
}

/* Removes @dir's files and @dir (one level). */
static inline void
ui_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}
