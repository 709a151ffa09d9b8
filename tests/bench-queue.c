/* bench-queue: join and position-query throughput of the queue at a million members. */

#include "config.h"

#include "tg-queue.h"
#include "tg-rng.h"

#define N_MEMBERS 1000000
#define N_QUERIES 4000000
#define N_ROUNDS  5

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  double best_join = 0, best_pos = 0, best_status = 0, best_pop = 0;
  gsize bytes = 0;
  guint64 sink = 0;

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(TgQueue) queue = tg_queue_new (7000);
      TgRng rng;
      gint64 start;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < N_MEMBERS; i++)
        tg_queue_join (queue, i, i / 16);
      best_join = MAX (best_join, N_MEMBERS / seconds_since (start));

      /* A tenth leave, so the tree holds real gaps. */
      tg_rng_init (&rng, 99, r);
      for (guint i = 0; i < N_MEMBERS / 10; i++)
        tg_queue_leave (queue, tg_rng_below (&rng, N_MEMBERS));

      start = g_get_monotonic_time ();
      for (guint i = 0; i < N_QUERIES; i++)
        sink += tg_queue_get_position (queue, tg_rng_below (&rng, N_MEMBERS));
      best_pos = MAX (best_pos, N_QUERIES / seconds_since (start));

      start = g_get_monotonic_time ();
      for (guint i = 0; i < N_QUERIES; i++)
        {
          TgQueueStatus status;

          tg_queue_status (queue, tg_rng_below (&rng, N_MEMBERS), &status);
          sink += status.behind;
        }
      best_status = MAX (best_status, N_QUERIES / seconds_since (start));

      bytes = tg_queue_get_memory_size (queue);

      start = g_get_monotonic_time ();
      {
        guint n = 0;

        while (tg_queue_pop (queue, NULL, NULL))
          n++;
        best_pop = MAX (best_pop, n / seconds_since (start));
      }
    }

  g_print ("queue, %u members (sink %" G_GUINT64_FORMAT ")\n", N_MEMBERS, sink % 10);
  g_print ("joins/s: %.2f M\n", best_join / 1e6);
  g_print ("position queries/s (random members, 10%% left): %.2f M\n", best_pos / 1e6);
  g_print ("status queries/s: %.2f M\n", best_status / 1e6);
  g_print ("pops/s: %.2f M\n", best_pop / 1e6);
  g_print ("memory: %" G_GSIZE_FORMAT " bytes, %.1f bytes/member\n",
           bytes, (double) bytes / N_MEMBERS);
  return 0;
}
