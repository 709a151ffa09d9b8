/* tg-settings-mapping.c: GSettings values <-> combo-row positions. */

#include "config.h"

#include "tg-match.h"
#include "tg-settings-mapping.h"

gboolean
tg_settings_get_venue_index (GValue   *value,
                             GVariant *variant,
                             gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 3; i++)
    if (g_str_equal (name, tg_venue_list_presets ()[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 2);
  return TRUE;
}

GVariant *
tg_settings_set_venue_index (const GValue       *value,
                             const GVariantType *type,
                             gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (tg_venue_list_presets ()[MIN (i, 2u)]);
}

gboolean
tg_settings_get_difficulty_index (GValue   *value,
                                  GVariant *variant,
                                  gpointer  user_data)
{
  TgDifficulty d = TG_DIFFICULTY_MEDIUM;

  tg_difficulty_from_string (g_variant_get_string (variant, NULL), &d);
  g_value_set_uint (value, d);
  return TRUE;
}

GVariant *
tg_settings_set_difficulty_index (const GValue       *value,
                                  const GVariantType *type,
                                  gpointer            user_data)
{
  return g_variant_new_string (tg_difficulty_to_string (MIN (g_value_get_uint (value), 2u)));
}

