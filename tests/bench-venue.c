/* bench-venue: how long loading a seat map takes — the presets written as SVG and read back, from
 * memory and from a file. Prints figures; never fails on speed. */

#include "config.h"

#include <glib/gstdio.h>

#include "tg-venue.h"

#define N_ROUNDS 15

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median and fastest of N_ROUNDS loads, in milliseconds. */
static void
bench_load (const char *preset,
            const char *path)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset (preset, NULL);
  g_autofree char *svg = NULL;
  double memory[N_ROUNDS], file[N_ROUNDS];
  gsize length;

  svg = tg_venue_to_svg (venue, &length);
  if (!g_file_set_contents (path, svg, (gssize) length, NULL))
    g_error ("could not write %s", path);

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) a = NULL, b = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      a = tg_venue_load_data (svg, length, &error);
      memory[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      b = tg_venue_load_file (path, &error);
      file[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }
  qsort (memory, N_ROUNDS, sizeof (double), compare_doubles);
  qsort (file, N_ROUNDS, sizeof (double), compare_doubles);

  g_print ("%-6s %8zu bytes %6u seats: from memory median %6.2f ms (best %6.2f), "
           "from a file median %6.2f ms (best %6.2f)\n",
           preset, length, tg_venue_get_n_seats (venue),
           memory[N_ROUNDS / 2], memory[0], file[N_ROUNDS / 2], file[0]);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tickget-bench-venue-XXXXXX", &error);

  g_assert_no_error (error);
  for (const char * const *name = tg_venue_list_presets (); *name != NULL; name++)
    {
      g_autofree char *path = g_build_filename (dir, "map.svg", NULL);

      bench_load (*name, path);
    }
  g_rmdir (dir);
  return 0;
}
