/* tg-resources.h: the UI's GResource bundle (templates, CSS, shortcuts window). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the bundle once. A static library's resource constructor would be dropped by the
 * linker, so every class with a template calls this from its class_init. */
void tg_ui_register_resources (void);

G_END_DECLS
