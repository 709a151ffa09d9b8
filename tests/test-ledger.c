#include "config.h"

#include <string.h>

#include "tg-ledger.h"
#include "tg-rng.h"

#define MINUTE (60 * G_TIME_SPAN_SECOND)

static guint32
hold_ok (TgLedger      *ledger,
         guint32        owner,
         gboolean       human,
         const guint32 *seats,
         guint          n_seats,
         gint64         now,
         gint64         ttl)
{
  g_autoptr(GError) error = NULL;
  guint32 hold = TG_LEDGER_NO_HOLD;

  g_assert_true (tg_ledger_hold (ledger, owner, human, seats, n_seats, now, ttl, &hold, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hold, !=, TG_LEDGER_NO_HOLD);
  return hold;
}

static void
assert_counts (TgLedger *ledger,
               guint     available,
               guint     held,
               guint     sold)
{
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_AVAILABLE), ==, available);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, held);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_SOLD), ==, sold);
}

static void
test_hold_basic (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (100);
  const guint32 seats[] = { 10, 11 };
  TgHoldInfo info;
  guint32 hold;

  g_assert_cmpuint (tg_ledger_get_n_seats (ledger), ==, 100);
  assert_counts (ledger, 100, 0, 0);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, G_MAXINT64);

  hold = hold_ok (ledger, 5, TRUE, seats, 2, 1000, 10 * MINUTE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 10), ==, TG_SEAT_HELD);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 11), ==, TG_SEAT_HELD);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 12), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpuint (tg_ledger_seat_hold (ledger, 10), ==, hold);
  g_assert_cmpuint (tg_ledger_seat_hold (ledger, 12), ==, TG_LEDGER_NO_HOLD);
  assert_counts (ledger, 98, 2, 0);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, 1000 + 10 * MINUTE);

  g_assert_true (tg_ledger_get_hold (ledger, hold, &info));
  g_assert_cmpuint (info.owner, ==, 5);
  g_assert_true (info.human);
  g_assert_cmpint (info.state, ==, TG_HOLD_ACTIVE);
  g_assert_cmpuint (info.n_seats, ==, 2);
  g_assert_cmpuint (info.seats[0], ==, 10);
  g_assert_cmpuint (info.seats[1], ==, 11);
  g_assert_cmpint (info.held_at, ==, 1000);
  g_assert_cmpint (info.expires_at, ==, 1000 + 10 * MINUTE);
  g_assert_cmpuint (info.rank_all, ==, 0);
  g_assert_cmpuint (tg_ledger_get_memory_size (ledger), >, 100 * 5);
}

static void
test_all_or_nothing (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (100);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;
  const guint32 first[] = { 20 };
  const guint32 second[] = { 19, 20, 21, 22 };
  guint32 hold = 77;

  hold_ok (ledger, 1, FALSE, first, 1, 0, MINUTE);
  tg_ledger_drain_changes (ledger, changed);

  g_assert_false (tg_ledger_hold (ledger, 2, TRUE, second, 4, 0, MINUTE, &hold, taken, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN);
  g_assert_nonnull (strstr (error->message, "20"));
  g_assert_cmpuint (hold, ==, TG_LEDGER_NO_HOLD);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpuint (g_array_index (taken, guint32, 0), ==, 20);

  /* No trace: the free seats of the failed request stay free and nothing is logged. */
  g_assert_cmpint (tg_ledger_seat_state (ledger, 19), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 21), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 22), ==, TG_SEAT_AVAILABLE);
  assert_counts (ledger, 99, 1, 0);
  g_array_set_size (changed, 0);
  tg_ledger_drain_changes (ledger, changed);
  g_assert_cmpuint (changed->len, ==, 0);

  /* Several taken seats are all reported. */
  {
    const guint32 more[] = { 21, 22 };
    const guint32 again[] = { 22, 23, 20 };

    hold_ok (ledger, 3, FALSE, more, 2, 0, MINUTE);
    g_clear_error (&error);
    g_array_set_size (taken, 0);
    g_assert_false (tg_ledger_hold (ledger, 2, TRUE, again, 3, 0, MINUTE, NULL, taken, &error));
    g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN);
    g_assert_cmpuint (taken->len, ==, 2);
    g_assert_cmpuint (g_array_index (taken, guint32, 0), ==, 22);
    g_assert_cmpuint (g_array_index (taken, guint32, 1), ==, 20);
    g_assert_cmpint (tg_ledger_seat_state (ledger, 23), ==, TG_SEAT_AVAILABLE);
  }
}

static void
test_invalid (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (50);
  g_autoptr(GError) error = NULL;
  const guint32 dup[] = { 3, 4, 3 };
  const guint32 five[] = { 1, 2, 3, 4, 5 };
  const guint32 out[] = { 2, 50 };
  guint32 hold = 1;

  g_assert_false (tg_ledger_hold (ledger, 1, TRUE, dup, 3, 0, MINUTE, &hold, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID);
  g_assert_cmpuint (hold, ==, TG_LEDGER_NO_HOLD);
  g_clear_error (&error);

  g_assert_false (tg_ledger_hold (ledger, 1, TRUE, five, 5, 0, MINUTE, &hold, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (tg_ledger_hold (ledger, 1, TRUE, five, 0, 0, MINUTE, &hold, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (tg_ledger_hold (ledger, 1, TRUE, out, 2, 0, MINUTE, &hold, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "50"));
  g_clear_error (&error);

  /* NULL error is fine too. */
  g_assert_false (tg_ledger_hold (ledger, 1, TRUE, dup, 3, 0, MINUTE, NULL, NULL, NULL));

  assert_counts (ledger, 50, 0, 0);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 3), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 2), ==, TG_SEAT_AVAILABLE);

  /* Unknown holds. */
  g_assert_false (tg_ledger_release (ledger, TG_LEDGER_NO_HOLD, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_clear_error (&error);
  g_assert_false (tg_ledger_confirm (ledger, 4242, 0, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_assert_false (tg_ledger_get_hold (ledger, 4242, NULL));
}

static void
test_release (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (10);
  g_autoptr(GError) error = NULL;
  const guint32 a[] = { 1, 2 };
  const guint32 b[] = { 5 };
  guint32 ha, hb, ha2;

  ha = hold_ok (ledger, 1, TRUE, a, 2, 0, MINUTE);
  hb = hold_ok (ledger, 2, TRUE, b, 1, 0, 2 * MINUTE);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, MINUTE);

  g_assert_true (tg_ledger_release (ledger, ha, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 1), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 2), ==, TG_SEAT_AVAILABLE);
  g_assert_false (tg_ledger_get_hold (ledger, ha, NULL));
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, 2 * MINUTE);
  assert_counts (ledger, 9, 1, 0);

  /* Twice is an error. */
  g_assert_false (tg_ledger_release (ledger, ha, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_clear_error (&error);

  /* The seats can be held again, under a new id. */
  ha2 = hold_ok (ledger, 3, FALSE, a, 2, 0, MINUTE);
  g_assert_cmpuint (ha2, >, hb);

  /* A sale cannot be released. */
  g_assert_true (tg_ledger_confirm (ledger, hb, 10, NULL, NULL));
  g_assert_false (tg_ledger_release (ledger, hb, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 5), ==, TG_SEAT_SOLD);
  assert_counts (ledger, 7, 2, 1);
}

typedef struct
{
  TgLedger *ledger;
  GArray   *expired;     /* guint32 hold ids */
  guint     available_seen;
} ExpireLog;

static void
on_expired (guint32           hold,
            const TgHoldInfo *info,
            gpointer          user_data)
{
  ExpireLog *log = user_data;

  g_assert_cmpint (info->state, ==, TG_HOLD_EXPIRED);
  g_array_append_val (log->expired, hold);
  /* The ledger is unlocked: calling back into it must not deadlock. */
  log->available_seen = tg_ledger_count (log->ledger, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (log->ledger, info->seats[0]), ==, TG_SEAT_AVAILABLE);
}

static void
test_expiry (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (10);
  g_autoptr(GArray) expired = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GError) error = NULL;
  ExpireLog log = { ledger, expired, 0 };
  const guint32 s0[] = { 0 }, s1[] = { 1, 2 }, s2[] = { 3 }, s3[] = { 4 };
  guint32 h0, h1, h2, h3;
  TgHoldInfo info;

  h2 = hold_ok (ledger, 2, TRUE, s2, 1, 0, 30 * MINUTE);
  h1 = hold_ok (ledger, 1, TRUE, s1, 2, 0, 20 * MINUTE);
  h0 = hold_ok (ledger, 0, FALSE, s0, 1, 0, 10 * MINUTE);
  h3 = hold_ok (ledger, 3, TRUE, s3, 1, 0, 10 * MINUTE);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, 10 * MINUTE);

  g_assert_cmpuint (tg_ledger_expire (ledger, 10 * MINUTE - 1, on_expired, &log), ==, 0);
  g_assert_cmpuint (expired->len, ==, 0);

  /* Expires at expires_at exactly, ties in hold order. */
  g_assert_cmpuint (tg_ledger_expire (ledger, 10 * MINUTE, on_expired, &log), ==, 2);
  g_assert_cmpuint (expired->len, ==, 2);
  g_assert_cmpuint (g_array_index (expired, guint32, 0), ==, h0);
  g_assert_cmpuint (g_array_index (expired, guint32, 1), ==, h3);
  g_assert_cmpuint (log.available_seen, ==, 7);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 0), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, 20 * MINUTE);

  /* A confirm after the expiry ran fails. */
  g_assert_false (tg_ledger_confirm (ledger, h0, 10 * MINUTE, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_clear_error (&error);

  /* A confirm at expires_at, before tg_ledger_expire() ran, fails and expires the hold. */
  g_assert_false (tg_ledger_confirm (ledger, h1, 20 * MINUTE, &info, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpint (info.state, ==, TG_HOLD_EXPIRED);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 1), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 2), ==, TG_SEAT_AVAILABLE);
  g_assert_false (tg_ledger_get_hold (ledger, h1, NULL));
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, 30 * MINUTE);

  /* One microsecond before is in time. */
  g_assert_true (tg_ledger_confirm (ledger, h2, 30 * MINUTE - 1, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, G_MAXINT64);
  g_assert_cmpuint (tg_ledger_expire (ledger, G_MAXINT64, on_expired, &log), ==, 0);
  g_assert_cmpint (tg_ledger_seat_state (ledger, 3), ==, TG_SEAT_SOLD);
  assert_counts (ledger, 9, 0, 1);

  /* A NULL callback still expires. */
  hold_ok (ledger, 9, FALSE, s1, 2, 0, MINUTE);
  g_assert_cmpuint (tg_ledger_expire (ledger, MINUTE, NULL, NULL), ==, 1);
  assert_counts (ledger, 9, 0, 1);
}

/* Many holds with random TTLs, released at random: the heap must always report the earliest. */
static void
test_expiry_heap (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (400);
  g_autoptr(GHashTable) live = g_hash_table_new (NULL, NULL);   /* hold -> expires_at (as ptr) */
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  TgRng rng;
  gint64 now = 0;

  tg_rng_init (&rng, 9, 9);
  for (guint step = 0; step < 5000; step++)
    {
      guint32 op = tg_rng_below (&rng, 10);
      gint64 earliest = G_MAXINT64;
      GHashTableIter iter;
      gpointer key, value;

      if (op < 5)
        {
          guint32 seat = tg_rng_below (&rng, 400);
          guint32 hold;
          gint64 ttl = 1 + tg_rng_below (&rng, 1000);

          if (tg_ledger_hold (ledger, 1, FALSE, &seat, 1, now, ttl, &hold, NULL, NULL))
            {
              g_hash_table_insert (live, GUINT_TO_POINTER (hold), GSIZE_TO_POINTER ((gsize) (now + ttl)));
              g_array_append_val (ids, hold);
            }
        }
      else if (op < 7 && ids->len > 0)
        {
          guint i = tg_rng_below (&rng, ids->len);
          guint32 hold = g_array_index (ids, guint32, i);
          gboolean was_live = g_hash_table_remove (live, GUINT_TO_POINTER (hold));

          g_assert_cmpint (tg_ledger_release (ledger, hold, NULL), ==, was_live);
          g_array_remove_index_fast (ids, i);
        }
      else if (op < 8 && ids->len > 0)
        {
          guint i = tg_rng_below (&rng, ids->len);
          guint32 hold = g_array_index (ids, guint32, i);
          gpointer exp = g_hash_table_lookup (live, GUINT_TO_POINTER (hold));
          gboolean in_time = exp != NULL && (gint64) GPOINTER_TO_SIZE (exp) > now;

          /* Late confirms fail and expire the hold all the same. */
          g_hash_table_remove (live, GUINT_TO_POINTER (hold));
          g_assert_cmpint (tg_ledger_confirm (ledger, hold, now, NULL, NULL), ==, in_time);
          g_array_remove_index_fast (ids, i);
        }
      else
        {
          guint expected = 0;

          now += tg_rng_below (&rng, 100);
          g_hash_table_iter_init (&iter, live);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if ((gint64) GPOINTER_TO_SIZE (value) <= now)
              {
                expected++;
                g_hash_table_iter_remove (&iter);
              }
          g_assert_cmpuint (tg_ledger_expire (ledger, now, NULL, NULL), ==, expected);
        }

      g_hash_table_iter_init (&iter, live);
      while (g_hash_table_iter_next (&iter, &key, &value))
        earliest = MIN (earliest, (gint64) GPOINTER_TO_SIZE (value));
      g_assert_cmpint (tg_ledger_next_expiry (ledger), ==, earliest);
      g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, g_hash_table_size (live));
    }
}

static void
test_confirm_ranks (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (20);
  const gboolean human[] = { FALSE, TRUE, FALSE, FALSE, TRUE };
  const guint expected_humans[] = { 1, 0, 0, 2, 0 };   /* by confirmation step */
  guint32 holds[5];
  g_autoptr(GError) error = NULL;
  TgHoldInfo info;

  for (guint i = 0; i < 5; i++)
    {
      guint32 seat = i;

      holds[i] = hold_ok (ledger, 100 + i, human[i], &seat, 1, 0, MINUTE);
    }

  /* Confirm in reverse: ranks follow the confirmation order, not the hold order. */
  for (guint i = 0; i < 5; i++)
    {
      guint k = 4 - i;

      g_assert_true (tg_ledger_confirm (ledger, holds[k], 1000 + i, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.state, ==, TG_HOLD_CONFIRMED);
      g_assert_cmpuint (info.owner, ==, 100 + k);
      g_assert_cmpuint (info.rank_all, ==, i + 1);
      g_assert_cmpuint (info.rank_humans, ==, expected_humans[i]);
    }

  /* Confirmed holds stay known; a second confirm fails. */
  g_assert_true (tg_ledger_get_hold (ledger, holds[4], &info));
  g_assert_cmpint (info.state, ==, TG_HOLD_CONFIRMED);
  g_assert_cmpuint (info.rank_all, ==, 1);
  g_assert_cmpuint (info.rank_humans, ==, 1);
  g_assert_false (tg_ledger_confirm (ledger, holds[4], 2000, NULL, &error));
  g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD);
  g_clear_error (&error);

  /* Sold seats cannot be held. */
  {
    guint32 seat = 2;

    g_assert_false (tg_ledger_hold (ledger, 1, TRUE, &seat, 1, 0, MINUTE, NULL, NULL, &error));
    g_assert_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN);
  }
  assert_counts (ledger, 15, 0, 5);
}

static int
cmp_u32 (gconstpointer a,
         gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
test_drain_changes (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (100);
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 a[] = { 7, 3 };
  const guint32 b[] = { 9 };
  guint32 ha, hb;

  tg_ledger_drain_changes (ledger, changed);
  g_assert_cmpuint (changed->len, ==, 0);

  /* Held then released then held again: still one entry per seat. */
  ha = hold_ok (ledger, 1, TRUE, a, 2, 0, MINUTE);
  g_assert_true (tg_ledger_release (ledger, ha, NULL));
  ha = hold_ok (ledger, 1, TRUE, a, 2, 0, MINUTE);
  hb = hold_ok (ledger, 2, TRUE, b, 1, 0, MINUTE);
  tg_ledger_drain_changes (ledger, changed);
  g_array_sort (changed, cmp_u32);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpuint (g_array_index (changed, guint32, 0), ==, 3);
  g_assert_cmpuint (g_array_index (changed, guint32, 1), ==, 7);
  g_assert_cmpuint (g_array_index (changed, guint32, 2), ==, 9);

  g_array_set_size (changed, 0);
  tg_ledger_drain_changes (ledger, changed);
  g_assert_cmpuint (changed->len, ==, 0);

  /* Confirm and expire are changes too. */
  g_assert_true (tg_ledger_confirm (ledger, hb, 1, NULL, NULL));
  g_assert_cmpuint (tg_ledger_expire (ledger, MINUTE, NULL, NULL), ==, 1);
  tg_ledger_drain_changes (ledger, changed);
  g_array_sort (changed, cmp_u32);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpuint (g_array_index (changed, guint32, 0), ==, 3);
  g_assert_cmpuint (g_array_index (changed, guint32, 2), ==, 9);
  g_assert_false (tg_ledger_get_hold (ledger, ha, NULL));
}

/* ---- contention --------------------------------------------------------------------------- */

#define N_THREADS     8
#define N_ATTEMPTS    40
#define RANGE         24
#define N_ROUNDS      150

typedef struct
{
  guint32 hold;
  guint   n_seats;
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
} Attempt;

typedef struct
{
  TgLedger *ledger;
  gint     *go;
  guint     base;
  guint64   seed;
  Attempt   wins[N_ATTEMPTS];
  guint     n_wins;
  guint     n_losses;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  TgRng rng;

  tg_rng_init (&rng, w->seed, 3);
  while (!g_atomic_int_get (w->go))
    g_thread_yield ();

  for (guint i = 0; i < N_ATTEMPTS; i++)
    {
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint32));
      Attempt a = { 0, 1 + tg_rng_below (&rng, TG_LEDGER_MAX_SEATS_PER_HOLD), { 0 } };
      guint32 start = tg_rng_below (&rng, RANGE - a.n_seats + 1);

      /* Adjacent seats, as people pick them, overlapping with the other threads' picks. */
      for (guint k = 0; k < a.n_seats; k++)
        a.seats[k] = w->base + start + k;

      if (tg_ledger_hold (w->ledger, w->seed, TRUE, a.seats, a.n_seats, 0, MINUTE, &a.hold, taken, NULL))
        {
          g_assert_cmpuint (taken->len, ==, 0);
          w->wins[w->n_wins++] = a;
        }
      else
        {
          g_assert_cmpuint (taken->len, >=, 1);
          w->n_losses++;
        }
    }
  return NULL;
}

static void
test_hold_contended (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (N_ROUNDS * RANGE);
  guint total_wins = 0;
  guint held_before = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      Worker workers[N_THREADS];
      GThread *threads[N_THREADS];
      guint32 owner[RANGE] = { 0 };
      guint held = 0;
      gint go = 0;

      for (guint t = 0; t < N_THREADS; t++)
        {
          workers[t] = (Worker) { ledger, &go, round * RANGE, round * N_THREADS + t + 1, { { 0 } }, 0, 0 };
          threads[t] = g_thread_new ("holder", worker_run, &workers[t]);
        }
      g_atomic_int_set (&go, 1);
      for (guint t = 0; t < N_THREADS; t++)
        g_thread_join (threads[t]);

      /* Exactly one winner per seat, and the ledger agrees with every winner. */
      for (guint t = 0; t < N_THREADS; t++)
        for (guint i = 0; i < workers[t].n_wins; i++)
          {
            const Attempt *a = &workers[t].wins[i];

            for (guint k = 0; k < a->n_seats; k++)
              {
                guint32 seat = a->seats[k];

                g_assert_cmpuint (owner[seat - round * RANGE], ==, 0);
                owner[seat - round * RANGE] = a->hold;
                g_assert_cmpuint (tg_ledger_seat_hold (ledger, seat), ==, a->hold);
                g_assert_cmpint (tg_ledger_seat_state (ledger, seat), ==, TG_SEAT_HELD);
                held++;
              }
            total_wins++;
          }
      for (guint s = 0; s < RANGE; s++)
        if (owner[s] == 0)
          g_assert_cmpint (tg_ledger_seat_state (ledger, round * RANGE + s), ==, TG_SEAT_AVAILABLE);
      g_assert_cmpuint (held, >, 0);
      g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, held_before + held);

      /* Every other round gives its seats back, so releases are checked too. */
      if (round % 2 == 1)
        {
          for (guint t = 0; t < N_THREADS; t++)
            for (guint i = 0; i < workers[t].n_wins; i++)
              g_assert_true (tg_ledger_release (ledger, workers[t].wins[i].hold, NULL));
          for (guint s = 0; s < RANGE; s++)
            g_assert_cmpint (tg_ledger_seat_state (ledger, round * RANGE + s), ==, TG_SEAT_AVAILABLE);
        }
      else
        held_before += held;
    }

  g_assert_cmpuint (total_wins, >=, N_ROUNDS);
}

/* Threads hold, confirm and release on one small range at once: ranks stay a permutation and the
 * counts stay consistent. */
typedef struct
{
  TgLedger *ledger;
  gint     *go;
  guint64   seed;
  guint     n_confirmed;
  guint     ranks[2000];
} Churner;

static gpointer
churner_run (gpointer data)
{
  Churner *c = data;
  TgRng rng;

  tg_rng_init (&rng, c->seed, 5);
  while (!g_atomic_int_get (c->go))
    g_thread_yield ();

  for (guint i = 0; i < 2000; i++)
    {
      guint32 seats[2];
      guint32 hold;
      TgHoldInfo info;

      seats[0] = tg_rng_below (&rng, 4000);
      seats[1] = (seats[0] + 1) % 4000;
      if (!tg_ledger_hold (c->ledger, (guint32) c->seed, FALSE, seats, 2, 0, MINUTE, &hold, NULL, NULL))
        continue;
      if (tg_rng_percent (&rng, 30))
        {
          g_assert_true (tg_ledger_confirm (c->ledger, hold, 1, &info, NULL));
          c->ranks[c->n_confirmed++] = info.rank_all;
        }
      else
        g_assert_true (tg_ledger_release (c->ledger, hold, NULL));
    }
  return NULL;
}

static void
test_churn_contended (void)
{
  g_autoptr(TgLedger) ledger = tg_ledger_new (4000);
  g_autofree gboolean *seen = NULL;
  Churner churners[N_THREADS];
  GThread *threads[N_THREADS];
  guint total = 0;
  gint go = 0;

  for (guint t = 0; t < N_THREADS; t++)
    {
      churners[t].ledger = ledger;
      churners[t].go = &go;
      churners[t].seed = t + 1;
      churners[t].n_confirmed = 0;
      threads[t] = g_thread_new ("churner", churner_run, &churners[t]);
    }
  g_atomic_int_set (&go, 1);
  for (guint t = 0; t < N_THREADS; t++)
    {
      g_thread_join (threads[t]);
      total += churners[t].n_confirmed;
    }

  seen = g_new0 (gboolean, total + 1);
  for (guint t = 0; t < N_THREADS; t++)
    for (guint i = 0; i < churners[t].n_confirmed; i++)
      {
        guint rank = churners[t].ranks[i];

        g_assert_cmpuint (rank, >=, 1);
        g_assert_cmpuint (rank, <=, total);
        g_assert_false (seen[rank]);
        seen[rank] = TRUE;
      }
  assert_counts (ledger, 4000 - 2 * total, 0, 2 * total);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/ledger/hold", test_hold_basic);
  g_test_add_func ("/engine/ledger/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/engine/ledger/invalid", test_invalid);
  g_test_add_func ("/engine/ledger/release", test_release);
  g_test_add_func ("/engine/ledger/expiry", test_expiry);
  g_test_add_func ("/engine/ledger/expiry-heap", test_expiry_heap);
  g_test_add_func ("/engine/ledger/confirm-ranks", test_confirm_ranks);
  g_test_add_func ("/engine/ledger/drain-changes", test_drain_changes);
  g_test_add_func ("/engine/ledger/hold-contended", test_hold_contended);
  g_test_add_func ("/engine/ledger/churn-contended", test_churn_contended);

  return g_test_run ();
}
