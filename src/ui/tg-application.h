#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TG_TYPE_APPLICATION (tg_application_get_type ())
G_DECLARE_FINAL_TYPE (TgApplication, tg_application, TG, APPLICATION, AdwApplication)

TgApplication *tg_application_new          (void);
GSettings     *tg_application_get_settings (TgApplication *self);

G_END_DECLS
