/* bench-venue: how long loading a seat map takes — the presets written as SVG and read back, from
 * memory and from a file. Prints figures; never fails on speed. */

#include "config.h"

#include <string.h>

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

/* The small preset with @n decorations that hide themselves or copy one another, each tag ending
 * a line: positions of such elements must not cost a scan of the file each (they did, and a
 * 1.4 MB map took 11 s). */
static void
bench_decorations (guint n)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GString) text = NULL;
  double times[N_ROUNDS];
  gsize length;

  svg = tg_venue_to_svg (venue, &length);
  text = g_string_new (svg);
  {
    g_autoptr(GString) decorations = g_string_new ("<defs><g id=\"bench-deco\">\n<rect width=\"1\" height=\"1\"/></g></defs>\n");
    const char *title = strstr (text->str, "</title>");

    g_assert_nonnull (title);
    for (guint i = 0; i < n; i++)
      g_string_append (decorations, "<g visibility=\"hidden\">\n<use href=\"#bench-deco\">\n</use></g>\n");
    g_string_insert (text, title - text->str + strlen ("</title>\n"), decorations->str);
  }

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) loaded = NULL;
      gint64 start = g_get_monotonic_time ();

      loaded = tg_venue_load_data (text->str, text->len, &error);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }
  qsort (times, N_ROUNDS, sizeof (double), compare_doubles);
  g_print ("small + %u hidden decorations with <use>, %zu bytes: median %6.2f ms (best %6.2f)\n",
           n, text->len, times[N_ROUNDS / 2], times[0]);
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
  bench_decorations (20000);
  return 0;
}
