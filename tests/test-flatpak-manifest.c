/* test-flatpak-manifest.c: the Flatpak manifest agrees with the meson build
 *
 * Copyright 2026 The TickGet developers
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <json-glib/json-glib.h>

static JsonParser *parser;

/* The manifest path comes from TICKGET_FLATPAK_MANIFEST (set by meson); running the
 * binary by hand falls back to the copy next to the test sources. */
static JsonObject *
load_manifest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fallback = NULL;
  const char *path;
  JsonNode *root;

  if (parser != NULL)
    return json_node_get_object (json_parser_get_root (parser));

  path = g_getenv ("TICKGET_FLATPAK_MANIFEST");
  if (path == NULL)
    {
      fallback = g_test_build_filename (G_TEST_DIST, "..", "flatpak", "kr.tickget.TickGet.json", NULL);
      path = fallback;
    }

  parser = json_parser_new ();
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
test_app_id (void)
{
  JsonObject *manifest = load_manifest ();
  const char *id = get_string_member (manifest, "id");

  /* flatpak-builder accepts the older "app-id" spelling too. */
  if (id == NULL)
    id = get_string_member (manifest, "app-id");

  g_assert_nonnull (id);
  g_assert_cmpstr (id, ==, TICKGET_DEFAULT_APP_ID);
}

static void
test_command (void)
{
  JsonObject *manifest = load_manifest ();

  g_assert_cmpstr (get_string_member (manifest, "command"), ==, "tickget");
}

static void
test_runtime (void)
{
  JsonObject *manifest = load_manifest ();
  const char *version;

  g_assert_cmpstr (get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");

  /* A released runtime, not the moving nightly branch. */
  version = get_string_member (manifest, "runtime-version");
  g_assert_nonnull (version);
  g_assert_cmpstr (version, !=, "master");
  g_assert_true (g_ascii_isdigit (version[0]));
}

static void
test_finish_args (void)
{
  static const char * const required[] = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--socket=pulseaudio",
    "--share=network",
  };
  JsonObject *manifest = load_manifest ();
  JsonArray *finish_args;
  guint n_args;

  g_assert_true (json_object_has_member (manifest, "finish-args"));
  finish_args = json_object_get_array_member (manifest, "finish-args");
  g_assert_nonnull (finish_args);
  n_args = json_array_get_length (finish_args);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n_args && !found; j++)
        found = g_strcmp0 (json_array_get_string_element (finish_args, j), required[i]) == 0;

      if (!found)
        g_test_message ("finish-args lacks %s", required[i]);
      g_assert_true (found);
    }
}

static void
test_app_module (void)
{
  JsonObject *manifest = load_manifest ();
  JsonArray *modules;
  JsonObject *app;
  JsonArray *sources;
  JsonObject *source;
  guint n_modules;

  g_assert_true (json_object_has_member (manifest, "modules"));
  modules = json_object_get_array_member (manifest, "modules");
  n_modules = json_array_get_length (modules);
  g_assert_cmpuint (n_modules, >, 0);

  /* The application itself is built last, from this source tree. */
  app = json_array_get_object_element (modules, n_modules - 1);
  g_assert_nonnull (app);
  g_assert_cmpstr (get_string_member (app, "buildsystem"), ==, "meson");

  g_assert_true (json_object_has_member (app, "sources"));
  sources = json_object_get_array_member (app, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (get_string_member (source, "type"), ==, "dir");
  g_assert_cmpstr (get_string_member (source, "path"), ==, "..");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/flatpak/app-id", test_app_id);
  g_test_add_func ("/data/flatpak/command", test_command);
  g_test_add_func ("/data/flatpak/runtime", test_runtime);
  g_test_add_func ("/data/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/data/flatpak/app-module", test_app_module);

  ret = g_test_run ();
  g_clear_object (&parser);

  return ret;
}
