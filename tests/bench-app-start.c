/* bench-app-start: from launching the real `tickget` executable to its first frame on screen.
 *
 * Runs the app N times (default 10) with TICKGET_REPORT_FIRST_FRAME=1, which makes it print
 * "first-frame" after its first paint and quit, and prints the median and worst times. Run it
 * under Xvfb: `meson test -C build --benchmark --suite ui --verbose` (docs/performance.md). */

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("TICKGET_APP");
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 10;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data_home = g_dir_make_tmp ("tickget-bench-XXXXXX", NULL);

  if (app == NULL)
    {
      g_printerr ("TICKGET_APP must name the tickget executable\n");
      return 2;
    }
  if (runs == 0)
    runs = 10;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      gint64 start;
      double ms;

      g_subprocess_launcher_setenv (launcher, "TICKGET_REPORT_FIRST_FRAME", "1", TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
      start = g_get_monotonic_time ();
      process = g_subprocess_launcher_spawn (launcher, &error, app, NULL);
      if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
        {
          g_printerr ("could not run %s: %s\n", app, error->message);
          return 1;
        }
      /* The app quits right after printing: the time to its exit bounds the first frame. */
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (out == NULL || g_strstr_len (out, -1, "first-frame") == NULL)
        {
          g_printerr ("run %u: the app exited without drawing a frame\n", i);
          return 1;
        }
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  g_print ("app start to first frame (%u runs, process launch to exit after the first paint): "
           "median %.0f ms, best %.0f ms, worst %.0f ms\n",
           runs, g_array_index (times, double, runs / 2), g_array_index (times, double, 0),
           g_array_index (times, double, runs - 1));

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", data_home);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", data_home);
  }
  return 0;
}
