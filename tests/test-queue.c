#include "config.h"

#include <string.h>

#include "tg-queue.h"

static void
test_fifo (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  guint32 tickets[5];
  guint32 member, ticket;

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    tickets[i] = tg_queue_join (queue, 100 + i, 1000 * i);

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    g_assert_cmpuint (tg_queue_get_position (queue, tickets[i]), ==, i + 1);
  g_assert_cmpuint (tg_queue_get_length (queue), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    {
      g_assert_true (tg_queue_pop (queue, &member, &ticket));
      g_assert_cmpuint (member, ==, 100 + i);
      g_assert_cmpuint (ticket, ==, tickets[i]);
      g_assert_false (tg_queue_is_waiting (queue, ticket));
      g_assert_cmpuint (tg_queue_get_position (queue, ticket), ==, 0);
      if (i + 1 < G_N_ELEMENTS (tickets))
        g_assert_cmpuint (tg_queue_get_position (queue, tickets[i + 1]), ==, 1);
    }
  g_assert_false (tg_queue_pop (queue, &member, &ticket));
  g_assert_cmpuint (tg_queue_get_admitted (queue), ==, 5);
  g_assert_cmpuint (tg_queue_get_length (queue), ==, 0);
}

static void
test_ties (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  guint32 member;

  /* Same millisecond: the join sequence decides. */
  tg_queue_join (queue, 7, 5000);
  tg_queue_join (queue, 3, 5000);
  tg_queue_join (queue, 9, 5000);
  tg_queue_join (queue, 1, 5001);

  for (guint i = 0; i < 4; i++)
    {
      static const guint32 expected[] = { 7, 3, 9, 1 };

      g_assert_true (tg_queue_pop (queue, &member, NULL));
      g_assert_cmpuint (member, ==, expected[i]);
    }
}

static void
test_status (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  TgQueueStatus status;
  guint32 tickets[10];

  g_assert_cmpfloat (tg_queue_get_rate (queue), ==, 100);
  for (guint i = 0; i < 10; i++)
    tickets[i] = tg_queue_join (queue, i, i);
  g_assert_true (tg_queue_pop (queue, NULL, NULL));
  g_assert_true (tg_queue_pop (queue, NULL, NULL));

  tg_queue_status (queue, tickets[5], &status);
  g_assert_cmpuint (status.position, ==, 4);
  g_assert_cmpuint (status.ahead, ==, 3);
  g_assert_cmpuint (status.position, ==, status.ahead + 1);
  g_assert_cmpuint (status.behind, ==, 4);
  g_assert_cmpuint (status.total, ==, 8);
  g_assert_cmpuint (status.admitted, ==, 2);
  /* 3 ahead at 100 per second: 30 ms. */
  g_assert_cmpint (status.estimated_wait, ==, 30 * G_TIME_SPAN_MILLISECOND);

  tg_queue_status (queue, tickets[2], &status);
  g_assert_cmpuint (status.position, ==, 1);
  g_assert_cmpuint (status.ahead, ==, 0);
  g_assert_cmpuint (status.behind, ==, 7);
  g_assert_cmpint (status.estimated_wait, ==, 0);
}

static void
test_rate (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (0);
  TgQueueStatus status;
  guint32 first, second;

  first = tg_queue_join (queue, 1, 0);
  second = tg_queue_join (queue, 2, 0);

  /* Paused: nobody ahead still means no wait, anyone ahead means no estimate. */
  tg_queue_status (queue, first, &status);
  g_assert_cmpint (status.estimated_wait, ==, 0);
  tg_queue_status (queue, second, &status);
  g_assert_cmpint (status.estimated_wait, ==, G_MAXINT64);

  tg_queue_set_rate (queue, 0.5);
  g_assert_cmpfloat (tg_queue_get_rate (queue), ==, 0.5);
  tg_queue_status (queue, second, &status);
  g_assert_cmpint (status.estimated_wait, ==, 2 * G_TIME_SPAN_SECOND);
}

static void
test_leave_middle (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (10);
  guint32 tickets[5];
  guint32 member;

  for (guint i = 0; i < 5; i++)
    tickets[i] = tg_queue_join (queue, i, 0);

  g_assert_true (tg_queue_leave (queue, tickets[2]));
  g_assert_false (tg_queue_leave (queue, tickets[2]));
  g_assert_false (tg_queue_is_waiting (queue, tickets[2]));
  g_assert_cmpuint (tg_queue_get_position (queue, tickets[1]), ==, 2);
  g_assert_cmpuint (tg_queue_get_position (queue, tickets[3]), ==, 3);
  g_assert_cmpuint (tg_queue_get_position (queue, tickets[4]), ==, 4);
  g_assert_cmpuint (tg_queue_get_length (queue), ==, 4);

  /* The front leaves too: pop skips both gaps. */
  g_assert_true (tg_queue_leave (queue, tickets[0]));
  g_assert_true (tg_queue_pop (queue, &member, NULL));
  g_assert_cmpuint (member, ==, 1);
  g_assert_true (tg_queue_pop (queue, &member, NULL));
  g_assert_cmpuint (member, ==, 3);
  g_assert_cmpuint (tg_queue_get_position (queue, tickets[4]), ==, 1);
  g_assert_cmpuint (tg_queue_get_admitted (queue), ==, 2);
}

static void
test_invalid (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (10);
  TgQueueStatus status;
  guint32 ticket;

  g_assert_false (tg_queue_pop (queue, NULL, NULL));
  g_assert_false (tg_queue_leave (queue, 0));
  g_assert_false (tg_queue_leave (queue, TG_QUEUE_NO_TICKET));
  g_assert_false (tg_queue_is_waiting (queue, 12345));
  g_assert_cmpuint (tg_queue_get_position (queue, 12345), ==, 0);

  ticket = tg_queue_join (queue, 1, 0);
  tg_queue_status (queue, ticket + 1, &status);
  g_assert_cmpuint (status.position, ==, 0);
  g_assert_cmpuint (status.ahead, ==, 0);
  g_assert_cmpuint (status.behind, ==, 0);
  g_assert_cmpint (status.estimated_wait, ==, 0);
  g_assert_cmpuint (status.total, ==, 1);
}

static int
cmp_by_position (gconstpointer a,
                 gconstpointer b,
                 gpointer      queue)
{
  guint pa = tg_queue_get_position (queue, *(const guint32 *) a);
  guint pb = tg_queue_get_position (queue, *(const guint32 *) b);

  return pa < pb ? -1 : pa > pb;
}

/* Before the open: pre-queue joins, a few direct joins, leaves from both and pops. Then the open,
 * after which the pre-queue must hold exactly the places right behind the members already in line;
 * the model takes the drawn order from there. */
static void
prequeue_phase (TgQueue    *queue,
                GArray     *model,
                GHashTable *member_of,
                TgRng      *rng,
                guint32    *next_member)
{
  g_autoptr(GArray) pre = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint in_line;

  for (guint step = 0; step < 3000; step++)
    {
      guint32 op = tg_rng_below (rng, 100);
      guint32 ticket;

      if (op < 50)
        {
          ticket = tg_queue_join_prequeue (queue, *next_member, -1000);
          g_array_append_val (pre, ticket);
        }
      else if (op < 60)
        {
          ticket = tg_queue_join (queue, *next_member, -1000);
          g_array_append_val (model, ticket);
        }
      else if (op < 85 && pre->len > 0)
        {
          guint32 i = tg_rng_below (rng, pre->len);

          g_assert_true (tg_queue_leave (queue, g_array_index (pre, guint32, i)));
          g_array_remove_index (pre, i);
          continue;
        }
      else if (model->len > 0)
        {
          g_assert_true (tg_queue_pop (queue, NULL, &ticket));
          g_assert_cmpuint (ticket, ==, g_array_index (model, guint32, 0));
          g_array_remove_index (model, 0);
          continue;
        }
      else
        continue;

      g_hash_table_insert (member_of, GUINT_TO_POINTER (ticket), GUINT_TO_POINTER (*next_member));
      (*next_member)++;
      g_assert_cmpuint (tg_queue_get_prequeue_length (queue), ==, pre->len);
      g_assert_cmpuint (tg_queue_get_length (queue), ==, model->len);
    }

  for (guint i = 0; i < pre->len; i++)
    g_assert_cmpuint (tg_queue_get_position (queue, g_array_index (pre, guint32, i)), ==, 0);

  tg_queue_open (queue, rng);

  in_line = model->len;
  g_array_sort_with_data (pre, cmp_by_position, queue);
  for (guint i = 0; i < pre->len; i++)
    g_assert_cmpuint (tg_queue_get_position (queue, g_array_index (pre, guint32, i)), ==, in_line + i + 1);
  g_array_append_vals (model, pre->data, pre->len);
}

/* Random joins, leaves and pops against a plain array: every position must match the model and
 * no waiting member's position may ever go up. */
static void
test_property (gconstpointer data)
{
  gboolean with_prequeue = GPOINTER_TO_INT (data);

  g_autoptr(TgQueue) queue = tg_queue_new (50);
  g_autoptr(GArray) model = g_array_new (FALSE, FALSE, sizeof (guint32));   /* tickets in line */
  g_autoptr(GHashTable) last_pos = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) member_of = g_hash_table_new (NULL, NULL);
  TgRng rng;
  gint64 now = 0;
  guint32 next_member = 1;

  tg_rng_init (&rng, 2024, 1);
  if (with_prequeue)
    prequeue_phase (queue, model, member_of, &rng, &next_member);

  for (guint step = 0; step < 40000; step++)
    {
      guint32 op = tg_rng_below (&rng, 100);

      if (op < 45 || model->len == 0)
        {
          guint32 ticket;

          now += tg_rng_below (&rng, 3);
          ticket = tg_queue_join (queue, next_member, now);
          g_assert_cmpuint (ticket, !=, TG_QUEUE_NO_TICKET);
          g_hash_table_insert (member_of, GUINT_TO_POINTER (ticket), GUINT_TO_POINTER (next_member));
          next_member++;
          g_array_append_val (model, ticket);
        }
      else if (op < 75)
        {
          guint32 i = tg_rng_below (&rng, model->len);
          guint32 ticket = g_array_index (model, guint32, i);

          g_assert_true (tg_queue_leave (queue, ticket));
          g_assert_false (tg_queue_leave (queue, ticket));
          g_array_remove_index (model, i);
          g_hash_table_remove (last_pos, GUINT_TO_POINTER (ticket));
        }
      else
        {
          guint32 member, ticket;

          g_assert_true (tg_queue_pop (queue, &member, &ticket));
          g_assert_cmpuint (ticket, ==, g_array_index (model, guint32, 0));
          g_assert_cmpuint (member, ==,
                            GPOINTER_TO_UINT (g_hash_table_lookup (member_of, GUINT_TO_POINTER (ticket))));
          g_array_remove_index (model, 0);
          g_hash_table_remove (last_pos, GUINT_TO_POINTER (ticket));
        }

      g_assert_cmpuint (tg_queue_get_length (queue), ==, model->len);

      /* A full check now and then, a random member every step. */
      if (step % 97 == 0)
        {
          for (guint i = 0; i < model->len; i++)
            {
              guint32 ticket = g_array_index (model, guint32, i);
              guint pos = tg_queue_get_position (queue, ticket);
              guint prev = GPOINTER_TO_UINT (g_hash_table_lookup (last_pos, GUINT_TO_POINTER (ticket)));

              g_assert_cmpuint (pos, ==, i + 1);
              g_assert_true (prev == 0 || pos <= prev);
              g_hash_table_insert (last_pos, GUINT_TO_POINTER (ticket), GUINT_TO_POINTER (pos));
            }
        }
      else if (model->len > 0)
        {
          guint32 i = tg_rng_below (&rng, model->len);
          guint32 ticket = g_array_index (model, guint32, i);
          guint prev = GPOINTER_TO_UINT (g_hash_table_lookup (last_pos, GUINT_TO_POINTER (ticket)));
          TgQueueStatus status;

          tg_queue_status (queue, ticket, &status);
          g_assert_cmpuint (status.position, ==, i + 1);
          g_assert_cmpuint (status.behind, ==, model->len - i - 1);
          g_assert_true (prev == 0 || status.position <= prev);
          g_hash_table_insert (last_pos, GUINT_TO_POINTER (ticket), GUINT_TO_POINTER (status.position));
        }
    }
}

/* Fills a pre-queue of @n members, opens it with @seed and returns the members in admission order. */
static GArray *
draw_prequeue (guint   n,
               guint64 seed)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint32));
  TgRng rng;
  guint32 member;

  for (guint i = 0; i < n; i++)
    tg_queue_join_prequeue (queue, i, -1000 + i);
  tg_rng_init (&rng, seed, 7);
  tg_queue_open (queue, &rng);
  while (tg_queue_pop (queue, &member, NULL))
    g_array_append_val (order, member);
  g_assert_cmpuint (order->len, ==, n);
  return order;
}

static void
test_prequeue (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) c = NULL;
  g_autofree gboolean *seen = NULL;
  guint32 pre[50];
  guint32 late[5];
  guint32 gone;
  TgQueueStatus status;
  TgRng rng;
  guint sum = 0;

  for (guint i = 0; i < 50; i++)
    pre[i] = tg_queue_join_prequeue (queue, i, -5000 + i);
  gone = tg_queue_join_prequeue (queue, 999, -1);

  /* Waiting, but no place drawn yet. */
  g_assert_false (tg_queue_is_open (queue));
  g_assert_true (tg_queue_is_waiting (queue, pre[3]));
  g_assert_true (tg_queue_is_prequeued (queue, pre[3]));
  g_assert_cmpuint (tg_queue_get_position (queue, pre[3]), ==, 0);
  g_assert_cmpuint (tg_queue_get_prequeue_length (queue), ==, 51);
  g_assert_true (tg_queue_leave (queue, gone));
  g_assert_false (tg_queue_leave (queue, gone));
  g_assert_cmpuint (tg_queue_get_prequeue_length (queue), ==, 50);
  tg_queue_status (queue, pre[3], &status);
  g_assert_cmpuint (status.position, ==, 0);

  tg_rng_init (&rng, 42, 7);
  tg_queue_open (queue, &rng);
  g_assert_true (tg_queue_is_open (queue));
  g_assert_cmpuint (tg_queue_get_prequeue_length (queue), ==, 0);
  g_assert_false (tg_queue_is_waiting (queue, gone));

  for (guint i = 0; i < 5; i++)
    late[i] = tg_queue_join (queue, 100 + i, i);
  /* A pre-queue join after the open is an ordinary arrival. */
  g_assert_false (tg_queue_is_prequeued (queue, tg_queue_join_prequeue (queue, 200, 10)));

  /* Every pre-queue ticket stays valid and holds one of the first 50 places, each place once. */
  seen = g_new0 (gboolean, 51);
  for (guint i = 0; i < 50; i++)
    {
      guint pos = tg_queue_get_position (queue, pre[i]);

      g_assert_cmpuint (pos, >=, 1);
      g_assert_cmpuint (pos, <=, 50);
      g_assert_false (seen[pos]);
      seen[pos] = TRUE;
      sum += pos;
    }
  g_assert_cmpuint (sum, ==, 50 * 51 / 2);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (tg_queue_get_position (queue, late[i]), ==, 51 + i);
  g_assert_cmpuint (tg_queue_get_length (queue), ==, 56);

  /* Deterministic under a seed, different across seeds, and really shuffled. */
  a = draw_prequeue (50, 42);
  b = draw_prequeue (50, 42);
  c = draw_prequeue (50, 43);
  g_assert_cmpmem (a->data, a->len * sizeof (guint32), b->data, b->len * sizeof (guint32));
  g_assert_true (memcmp (a->data, c->data, a->len * sizeof (guint32)) != 0);
  {
    guint in_place = 0;

    for (guint i = 0; i < a->len; i++)
      in_place += g_array_index (a, guint32, i) == i;
    g_assert_cmpuint (in_place, <, 10);
  }
}

/* Members who joined before the open without the pre-queue keep their places: positions never go
 * up, even at the open. */
static void
test_open_keeps_line (void)
{
  g_autoptr(TgQueue) queue = tg_queue_new (100);
  guint32 early, left, pre;
  TgRng rng;

  early = tg_queue_join (queue, 1, 0);
  left = tg_queue_join (queue, 2, 1);
  pre = tg_queue_join_prequeue (queue, 3, 2);
  g_assert_true (tg_queue_leave (queue, left));

  g_assert_cmpuint (tg_queue_get_position (queue, early), ==, 1);
  tg_rng_init (&rng, 1, 1);
  tg_queue_open (queue, &rng);
  g_assert_cmpuint (tg_queue_get_position (queue, early), ==, 1);
  g_assert_cmpuint (tg_queue_get_position (queue, pre), ==, 2);
  g_assert_false (tg_queue_is_waiting (queue, left));
  g_assert_cmpuint (tg_queue_get_position (queue, tg_queue_join (queue, 4, 3)), ==, 3);
  /* Opening twice changes nothing. */
  tg_queue_open (queue, &rng);
  g_assert_cmpuint (tg_queue_get_position (queue, pre), ==, 2);
}

static void
test_million (void)
{
  const guint n = 1000000;
  g_autoptr(TgQueue) queue = tg_queue_new (7000);
  TgQueueStatus status;
  guint32 member, ticket;
  gsize bytes;

  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (tg_queue_join (queue, i, i / 10), ==, i);
  g_assert_cmpuint (tg_queue_get_length (queue), ==, n);

  for (guint i = 0; i < n; i += 9973)
    g_assert_cmpuint (tg_queue_get_position (queue, i), ==, i + 1);

  /* Every tenth member leaves, then 1000 are admitted. */
  for (guint i = 0; i < n; i += 10)
    g_assert_true (tg_queue_leave (queue, i));
  for (guint i = 0; i < 1000; i++)
    g_assert_true (tg_queue_pop (queue, &member, &ticket));
  /* Nine of every ten stayed: the 1000th admitted is member 1111 (1110 left). */
  g_assert_cmpuint (member, ==, 1111);
  g_assert_true (tg_queue_pop (queue, &member, &ticket));
  g_assert_cmpuint (member, ==, 1112);
  g_assert_cmpuint (ticket, ==, 1112);

  tg_queue_status (queue, n - 1, &status);
  g_assert_cmpuint (status.total, ==, n - n / 10 - 1001);
  g_assert_cmpuint (status.position, ==, status.total);
  g_assert_cmpuint (status.behind, ==, 0);
  g_assert_cmpint (status.estimated_wait, ==,
                   (gint64) ((double) status.ahead / 7000 * G_USEC_PER_SEC));

  bytes = tg_queue_get_memory_size (queue);
  g_test_message ("%u members: %" G_GSIZE_FORMAT " bytes, %.1f bytes/member",
                  n, bytes, (double) bytes / n);
  /* 16 bytes per member plus growth slack. */
  g_assert_cmpuint (bytes, <=, (gsize) n * 36);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/queue/fifo", test_fifo);
  g_test_add_func ("/engine/queue/ties", test_ties);
  g_test_add_func ("/engine/queue/status", test_status);
  g_test_add_func ("/engine/queue/rate", test_rate);
  g_test_add_func ("/engine/queue/leave-middle", test_leave_middle);
  g_test_add_func ("/engine/queue/invalid", test_invalid);
  g_test_add_data_func ("/engine/queue/position-never-increases", GINT_TO_POINTER (FALSE), test_property);
  g_test_add_data_func ("/engine/queue/position-never-increases-prequeue", GINT_TO_POINTER (TRUE),
                        test_property);
  g_test_add_func ("/engine/queue/prequeue", test_prequeue);
  g_test_add_func ("/engine/queue/open-keeps-line", test_open_keeps_line);
  g_test_add_func ("/engine/queue/million", test_million);

  return g_test_run ();
}
