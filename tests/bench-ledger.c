/* bench-ledger: seat-hold throughput of the ledger. Prints figures; never fails on speed. */

#include "config.h"

#include "tg-ledger.h"
#include "tg-rng.h"

#define N_SEATS   16424      /* 인스파이어 아레나 */
#define TTL       (10 * 60 * G_USEC_PER_SEC)
#define N_ROUNDS  5

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Hold + release cycles of 2 adjacent seats sweeping the hall; only the holds are counted. */
static double
bench_single (guint n_cycles,
              guint seats_per_hold)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (N_SEATS);
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint32 base = 0;
  gint64 start;
  double s;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_cycles; i++)
    {
      guint32 hold;

      for (guint k = 0; k < seats_per_hold; k++)
        seats[k] = base + k;
      base += seats_per_hold;
      if (base + seats_per_hold > N_SEATS)
        base = 0;

      if (!tg_ledger_hold (ledger, i, FALSE, seats, seats_per_hold, i, TTL, &hold, NULL, NULL))
        g_error ("hold %u failed", i);
      tg_ledger_release (ledger, hold, NULL);
    }
  s = seconds_since (start);
  return n_cycles / s;
}

/* Fills the hall with 2-seat holds, no release: the pure hold path with a growing heap. The first
 * fill of a new ledger pays for growing its arrays and first-touch page faults (costly in this VM);
 * the second fill, after releasing everything, reuses the memory. */
static void
bench_fill (double *cold,
            double *warm)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (N_SEATS);
  guint32 holds[N_SEATS / 2];
  guint n = N_SEATS / 2;

  for (guint pass = 0; pass < 2; pass++)
    {
      gint64 start = g_get_monotonic_time ();
      double rate;

      for (guint i = 0; i < n; i++)
        {
          guint32 seats[2] = { 2 * i, 2 * i + 1 };

          if (!tg_ledger_hold (ledger, i, FALSE, seats, 2, i, TTL, &holds[i], NULL, NULL))
            g_error ("hold %u failed", i);
        }
      rate = n / seconds_since (start);
      *(pass == 0 ? cold : warm) = rate;

      for (guint i = 0; i < n; i++)
        tg_ledger_release (ledger, holds[i], NULL);
    }
}

typedef struct
{
  TgLedger *ledger;
  gint     *go;
  guint     id;
  guint     n_attempts;
  guint     n_wins;
  gint64    started;
  gint64    ended;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  TgRng rng;

  tg_rng_init (&rng, 1234, w->id);
  while (!g_atomic_int_get (w->go))
    ;

  w->started = g_get_monotonic_time ();
  for (guint i = 0; i < w->n_attempts; i++)
    {
      guint32 first = tg_rng_below (&rng, 255);
      guint32 seats[2] = { first, first + 1 };
      guint32 hold;

      if (tg_ledger_hold (w->ledger, w->id, FALSE, seats, 2, i, TTL, &hold, NULL, NULL))
        {
          w->n_wins++;
          tg_ledger_release (w->ledger, hold, NULL);
        }
    }
  w->ended = g_get_monotonic_time ();
  return NULL;
}

/* Two threads hold and release on the same 256 seats. */
static void
bench_contended (guint   n_attempts,
                 double *attempts_per_s,
                 double *wins_per_s,
                 double *overlap)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (N_SEATS);
  Worker workers[2];
  GThread *threads[2];
  gint go = 0;
  gint64 start;
  double s;
  guint wins = 0;

  for (guint t = 0; t < 2; t++)
    {
      workers[t] = (Worker) { ledger, &go, t + 1, n_attempts, 0, 0, 0 };
      threads[t] = g_thread_new ("bench", worker_run, &workers[t]);
    }
  start = g_get_monotonic_time ();
  g_atomic_int_set (&go, 1);
  for (guint t = 0; t < 2; t++)
    {
      g_thread_join (threads[t]);
      wins += workers[t].n_wins;
    }
  s = seconds_since (start);
  *attempts_per_s = 2.0 * n_attempts / s;
  *wins_per_s = wins / s;
  /* How much of the run both threads were running: near 1 means the lock really was shared. */
  *overlap = (double) (MIN (workers[0].ended, workers[1].ended) - MAX (workers[0].started, workers[1].started))
             / (MAX (workers[0].ended, workers[1].ended) - MIN (workers[0].started, workers[1].started));
}

int
main (int   argc,
      char *argv[])
{
  double best1 = 0, best4 = 0, best_cold = 0, best_warm = 0, best_att = 0, best_wins = 0, best_overlap = 0;

  /* Best of N_ROUNDS: the machine is shared, the best round is the least disturbed. */
  for (guint r = 0; r < N_ROUNDS; r++)
    {
      double att, wins, cold, warm, overlap;

      best1 = MAX (best1, bench_single (5000000, 2));
      best4 = MAX (best4, bench_single (2000000, 4));
      bench_fill (&cold, &warm);
      best_cold = MAX (best_cold, cold);
      best_warm = MAX (best_warm, warm);
      bench_contended (10000000, &att, &wins, &overlap);
      if (att > best_att)
        {
          best_att = att;
          best_wins = wins;
          best_overlap = overlap;
        }
    }

  {
    g_autoptr(TgLedger) ledger = tg_ledger_new (N_SEATS);

    for (guint i = 0; i < N_SEATS / 2; i++)
      {
        guint32 seats[2] = { 2 * i, 2 * i + 1 };

        tg_ledger_hold (ledger, i, FALSE, seats, 2, i, TTL, NULL, NULL, NULL);
      }
    g_print ("ledger memory, %u seats, all held in 2-seat holds: %" G_GSIZE_FORMAT " bytes\n",
             N_SEATS, tg_ledger_get_memory_size (ledger));
  }

  g_print ("single thread, hold+release cycles, 2 seats (holds/s): %.2f M\n", best1 / 1e6);
  g_print ("single thread, hold+release cycles, 4 seats (holds/s): %.2f M\n", best4 / 1e6);
  g_print ("single thread, filling the hall, 2 seats, no release (holds/s): "
           "%.2f M on a new ledger, %.2f M on a used one\n", best_cold / 1e6, best_warm / 1e6);
  g_print ("2 threads, same 256 seats, hold attempts/s: %.2f M (successful holds/s: %.2f M, "
           "threads overlapped %.0f %% of the run)\n",
           best_att / 1e6, best_wins / 1e6, 100 * best_overlap);
  return 0;
}
