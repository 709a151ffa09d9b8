/* tg-resources.c: registers the UI's GResource bundle once. */

#include "config.h"

#include "tg-resources.h"
#include "tickget-resources.h"

void
tg_ui_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      tickget_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
