/* test-settings-schema.c: the GSettings schema has the keys, defaults and ranges the app relies on
 *
 * Copyright 2026 The TickGet developers
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <gio/gio.h>

/* Runs against the schema compiled into <builddir>/data (GSETTINGS_SCHEMA_DIR) with the
 * memory backend, under the profile's APP_ID from config.h. */
static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);

  return schema;
}

static gboolean
key_accepts (GSettingsSchema *schema,
             const char      *key_name,
             GVariant        *value)
{
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, key_name);
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);

  return g_settings_schema_key_range_check (key, owned);
}

static void
test_path (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, APP_PATH "/");
}

static void
test_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *venue = g_settings_get_string (settings, "venue");
  g_autofree char *voice = g_settings_get_string (settings, "captcha-voice-language");
  g_autofree char *difficulty = g_settings_get_string (settings, "difficulty");
  g_autofree char *address = g_settings_get_string (settings, "last-server-address");

  g_assert_cmpstr (difficulty, ==, "medium");
  g_assert_cmpint (g_settings_get_enum (settings, "difficulty"), ==, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "bot-count"), ==, 10000);
  g_assert_cmpstr (venue, ==, "large");
  g_assert_cmpuint (g_settings_get_uint (settings, "seats-per-booking"), ==, 2);
  g_assert_cmpstr (voice, ==, "ko");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "sound-volume"), 0.8, 1e-9);
  g_assert_false (g_settings_get_boolean (settings, "reduced-motion"));
  g_assert_cmpstr (address, ==, "");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 0);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), >, 0);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  g_assert_true (key_accepts (schema, "difficulty", g_variant_new_string ("easy")));
  g_assert_true (key_accepts (schema, "difficulty", g_variant_new_string ("hard")));
  g_assert_false (key_accepts (schema, "difficulty", g_variant_new_string ("insane")));

  g_assert_true (key_accepts (schema, "bot-count", g_variant_new_uint32 (0)));
  g_assert_true (key_accepts (schema, "bot-count", g_variant_new_uint32 (1000000)));
  g_assert_false (key_accepts (schema, "bot-count", g_variant_new_uint32 (1000001)));

  g_assert_false (key_accepts (schema, "seats-per-booking", g_variant_new_uint32 (0)));
  g_assert_true (key_accepts (schema, "seats-per-booking", g_variant_new_uint32 (4)));
  g_assert_false (key_accepts (schema, "seats-per-booking", g_variant_new_uint32 (5)));

  g_assert_true (key_accepts (schema, "captcha-voice-language", g_variant_new_string ("en")));
  g_assert_false (key_accepts (schema, "captcha-voice-language", g_variant_new_string ("ja")));

  g_assert_true (key_accepts (schema, "sound-volume", g_variant_new_double (0.0)));
  g_assert_false (key_accepts (schema, "sound-volume", g_variant_new_double (1.5)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/settings/path", test_path);
  g_test_add_func ("/data/settings/defaults", test_defaults);
  g_test_add_func ("/data/settings/ranges", test_ranges);

  return g_test_run ();
}
