/* bench-match: wall time and memory of whole matches on the large arena, on a manual clock.
 * Usage: bench-match [N_BOTS...]   (default: 10000 1000000) */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tg-match.h"

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static long
peak_kb (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
bench (TgVenue *venue,
       guint    n_bots)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgMatch) match = NULL;
  TgMatchSettings settings;
  long rss_before = rss_kb ();
  long rss_created;
  gint64 start, created, end;
  guint steps = 0;
  gsize accounted;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = n_bots;
  settings.difficulty = TG_DIFFICULTY_HARD;
  settings.seed = 42;

  start = g_get_monotonic_time ();
  match = tg_match_new (&settings, clock, NULL);
  created = g_get_monotonic_time ();
  rss_created = rss_kb ();
  accounted = tg_match_get_memory_size (match);
  while (!tg_match_is_finished (match) && tg_manual_clock_step (TG_MANUAL_CLOCK (clock)))
    steps++;
  end = g_get_monotonic_time ();

  printf ("match large hard %u bots: %.1f ms wall (setup %.1f ms, play %.1f ms, %u clock steps), ",
          n_bots, (end - start) / 1000.0, (created - start) / 1000.0, (end - created) / 1000.0, steps);
  if (tg_match_is_sold_out (match))
    printf ("sold out %.1f s after the open (simulated)\n", tg_match_get_sell_out_time (match) / 1e6);
  else
    printf ("not sold out; ended %.1f s after the open (simulated)\n",
            (tg_clock_now (clock) - tg_match_get_open_time (match)) / 1e6);
  printf ("  memory: engine accounts %zu bytes (%.1f bytes/bot); RSS grew %ld KiB on creation "
          "(%.1f bytes/bot); process peak RSS %ld KiB\n",
          accounted, n_bots ? (double) accounted / n_bots : 0.0,
          rss_created - rss_before, n_bots ? (rss_created - rss_before) * 1024.0 / n_bots : 0.0,
          peak_kb ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("large", &error);

  if (venue == NULL)
    {
      fprintf (stderr, "bench-match: %s\n", error->message);
      return 1;
    }
  if (argc < 2)
    {
      bench (venue, 10000);
      bench (venue, 1000000);
    }
  for (int i = 1; i < argc; i++)
    bench (venue, (guint) atoi (argv[i]));
  return 0;
}
