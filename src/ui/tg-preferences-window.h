#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TG_TYPE_PREFERENCES_WINDOW (tg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TgPreferencesWindow, tg_preferences_window, TG, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *tg_preferences_window_new (GSettings *settings);

G_END_DECLS
