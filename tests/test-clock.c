#include "config.h"

#include "tg-clock.h"

typedef struct
{
  TgClock *clock;
  GArray  *log;      /* gint64 now() at each firing */
  GArray  *order;    /* int tag of each firing */
} Fixture;

typedef struct
{
  Fixture *fx;
  int      tag;
} Shot;

static void
record (gpointer user_data)
{
  Shot *shot = user_data;
  gint64 now = tg_clock_now (shot->fx->clock);

  g_array_append_val (shot->fx->log, now);
  g_array_append_val (shot->fx->order, shot->tag);
}

static guint
add_shot (Fixture *fx,
          gint64   deadline,
          int      tag)
{
  Shot *shot = g_new0 (Shot, 1);

  shot->fx = fx;
  shot->tag = tag;
  return tg_clock_add_timer (fx->clock, deadline, record, shot, g_free);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->clock = tg_manual_clock_new ();
  fx->log = g_array_new (FALSE, FALSE, sizeof (gint64));
  fx->order = g_array_new (FALSE, FALSE, sizeof (int));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->clock);
  g_array_unref (fx->log);
  g_array_unref (fx->order);
}

static void
test_manual_order (Fixture       *fx,
                   gconstpointer  data)
{
  add_shot (fx, 300, 3);
  add_shot (fx, 100, 1);
  add_shot (fx, 200, 2);
  add_shot (fx, 200, 22);   /* same deadline: insertion order */

  g_assert_cmpint (tg_clock_now (fx->clock), ==, 0);
  g_assert_cmpint (tg_clock_next_deadline (fx->clock), ==, 100);

  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), 250);
  g_assert_cmpint (tg_clock_now (fx->clock), ==, 250);
  g_assert_cmpuint (fx->order->len, ==, 3);
  g_assert_cmpint (g_array_index (fx->order, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (fx->order, int, 1), ==, 2);
  g_assert_cmpint (g_array_index (fx->order, int, 2), ==, 22);
  /* Each timer sees the clock at its own deadline. */
  g_assert_cmpint (g_array_index (fx->log, gint64, 0), ==, 100);
  g_assert_cmpint (g_array_index (fx->log, gint64, 1), ==, 200);

  g_assert_true (tg_manual_clock_step (TG_MANUAL_CLOCK (fx->clock)));
  g_assert_cmpint (tg_clock_now (fx->clock), ==, 300);
  g_assert_false (tg_manual_clock_step (TG_MANUAL_CLOCK (fx->clock)));
  g_assert_cmpuint (tg_clock_get_n_timers (fx->clock), ==, 0);
}

static void
test_manual_cancel (Fixture       *fx,
                    gconstpointer  data)
{
  guint a = add_shot (fx, 10, 1);
  guint b = add_shot (fx, 20, 2);

  g_assert_true (tg_clock_cancel_timer (fx->clock, a));
  g_assert_false (tg_clock_cancel_timer (fx->clock, a));
  g_assert_false (tg_clock_cancel_timer (fx->clock, 9999));
  tg_manual_clock_advance_to (TG_MANUAL_CLOCK (fx->clock), 100);
  g_assert_cmpuint (fx->order->len, ==, 1);
  g_assert_cmpint (g_array_index (fx->order, int, 0), ==, 2);
  g_assert_false (tg_clock_cancel_timer (fx->clock, b));
}

static void
test_manual_never_backwards (Fixture       *fx,
                             gconstpointer  data)
{
  tg_manual_clock_advance_to (TG_MANUAL_CLOCK (fx->clock), 500);
  tg_manual_clock_advance_to (TG_MANUAL_CLOCK (fx->clock), 100);
  g_assert_cmpint (tg_clock_now (fx->clock), ==, 500);
  /* A deadline in the past fires at the next dispatch, at the current time. */
  add_shot (fx, 50, 7);
  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), 0);
  g_assert_cmpuint (fx->order->len, ==, 1);
  g_assert_cmpint (g_array_index (fx->log, gint64, 0), ==, 500);
}

typedef struct
{
  TgClock *clock;
  int      count;
} Chain;

static void
chain_fire (gpointer user_data)
{
  Chain *chain = user_data;

  /* Timers added from a timer at the same time run in the same advance. */
  if (++chain->count < 1000)
    tg_clock_add_timer (chain->clock, tg_clock_now (chain->clock) + 600 * TG_USEC_PER_MSEC,
                        chain_fire, chain, NULL);
}

static void
test_manual_ten_minutes (Fixture       *fx,
                         gconstpointer  data)
{
  Chain chain = { fx->clock, 0 };

  /* 1000 timers × 0.6 s = 10 minutes of clock time, run instantly. */
  tg_clock_add_timer (fx->clock, 0, chain_fire, &chain, NULL);
  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), 10 * 60 * TG_USEC_PER_SEC);
  g_assert_cmpint (chain.count, ==, 1000);
  g_assert_cmpint (tg_clock_now (fx->clock), ==, 10 * 60 * TG_USEC_PER_SEC);
}

static void
test_heap_random (Fixture       *fx,
                  gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  guint cancelled = 0;

  for (int i = 0; i < 2000; i++)
    {
      guint id = add_shot (fx, g_rand_int_range (rand, 0, 100000), i);
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i += 3)
    if (tg_clock_cancel_timer (fx->clock, g_array_index (ids, guint, i)))
      cancelled++;

  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), 100000);
  g_assert_cmpuint (fx->log->len, ==, 2000 - cancelled);
  for (guint i = 1; i < fx->log->len; i++)
    g_assert_cmpint (g_array_index (fx->log, gint64, i - 1), <=, g_array_index (fx->log, gint64, i));
  g_rand_free (rand);
}

static void
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
}

static void
test_real_clock (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(TgClock) clock = tg_real_clock_new (NULL);
  gint64 start = tg_clock_now (clock);
  gint64 elapsed;

  g_assert_cmpint (start, >=, 0);
  tg_clock_add_timer (clock, start + 20 * TG_USEC_PER_MSEC, quit_loop, loop, NULL);
  g_main_loop_run (loop);
  elapsed = tg_clock_now (clock) - start;
  /* Only the lower bound is reliable on a loaded machine. */
  g_assert_cmpint (elapsed, >=, 20 * TG_USEC_PER_MSEC);
  g_assert_cmpuint (tg_clock_get_n_timers (clock), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/engine/clock/manual-order", Fixture, NULL, fixture_setup, test_manual_order, fixture_teardown);
  g_test_add ("/engine/clock/manual-cancel", Fixture, NULL, fixture_setup, test_manual_cancel, fixture_teardown);
  g_test_add ("/engine/clock/never-backwards", Fixture, NULL, fixture_setup, test_manual_never_backwards, fixture_teardown);
  g_test_add ("/engine/clock/ten-minutes", Fixture, NULL, fixture_setup, test_manual_ten_minutes, fixture_teardown);
  g_test_add ("/engine/clock/heap-random", Fixture, NULL, fixture_setup, test_heap_random, fixture_teardown);
  g_test_add_func ("/engine/clock/real", test_real_clock);

  return g_test_run ();
}
