#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* For g_settings_bind_with_mapping() between the "difficulty"/"venue" keys and a combo row's
 * "selected" (easy/medium/hard and small/medium/large in that order). */
gboolean  tg_settings_get_difficulty_index (GValue             *value,
                                            GVariant           *variant,
                                            gpointer            user_data);
GVariant *tg_settings_set_difficulty_index (const GValue       *value,
                                            const GVariantType *type,
                                            gpointer            user_data);
gboolean  tg_settings_get_venue_index      (GValue             *value,
                                            GVariant           *variant,
                                            gpointer            user_data);
GVariant *tg_settings_set_venue_index      (const GValue       *value,
                                            const GVariantType *type,
                                            gpointer            user_data);

G_END_DECLS
