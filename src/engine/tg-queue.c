/* tg-queue.c: the fair first-come waiting queue.
 *
 * Every placed member owns a slot; slots are in arrival order and never move except once, when
 * tg_queue_open() puts the shuffled pre-queue in line and compacts the slots. A Fenwick tree over
 * the slots counts the members still waiting, so a position is a prefix sum.
 *
 * Memory per member: member id, ticket -> slot, slot -> ticket and one Fenwick counter, four
 * guint32, 16 bytes (plus up to 2x while an array waits to grow again).
 */

#include "config.h"

#include "tg-queue.h"

/* slot_of_ticket values that are not slots. */
#define SLOT_PREQUEUED (G_MAXUINT32 - 1)
#define SLOT_GONE      G_MAXUINT32
#define MAX_TICKETS    (G_MAXUINT32 - 2)

struct _TgQueue
{
  double   rate;              /* admissions per second; 0 = paused */
  gboolean opened;

  /* Per ticket. */
  guint32 *member_of_ticket;
  guint32 *slot_of_ticket;    /* slot, SLOT_PREQUEUED or SLOT_GONE */
  guint32  n_tickets;
  guint32  tickets_alloc;

  /* Per slot (1-based Fenwick indices are slot + 1). */
  guint32 *ticket_of_slot;
  guint32 *tree;
  guint32  n_slots;
  guint32  slots_alloc;
  guint32  head;              /* no member waits in a slot before this */

  guint32  n_waiting;         /* placed and waiting */
  guint32  n_admitted;

  GArray  *prequeue;          /* guint32 tickets, in join order; NULL once opened */
  guint32  n_prequeued;       /* still waiting in the pre-queue */

  gint64   last_timestamp;
};

static inline guint32
lowbit (guint32 i)
{
  return i & (~i + 1);
}

/* Number of waiting members in slots 0 .. slot. */
static inline guint32
fenwick_prefix (const TgQueue *self,
                guint32        slot)
{
  guint32 sum = 0;

  for (guint32 i = slot + 1; i > 0; i -= lowbit (i))
    sum += self->tree[i - 1];
  return sum;
}

static inline void
fenwick_remove (TgQueue *self,
                guint32  slot)
{
  for (guint32 i = slot + 1; i <= self->n_slots; i += lowbit (i))
    self->tree[i - 1]--;
}

/* Appends a slot holding one waiting member: its node covers (i - lowbit (i), i], so it sums its
 * children plus itself. */
static inline void
fenwick_append (TgQueue *self)
{
  guint32 i = self->n_slots + 1;
  guint32 value = 1;

  for (guint32 j = i - 1; j > i - lowbit (i); j -= lowbit (j))
    value += self->tree[j - 1];
  self->tree[i - 1] = value;
}

/* Capacity for at least @need elements, doubling so appends stay amortised O(1). */
static guint32
grown_capacity (guint32 alloc,
                guint32 need)
{
  guint64 n;

  if (need <= alloc)
    return alloc;
  n = MAX ((guint64) alloc * 2, 1024);
  n = MAX (n, need);
  return (guint32) MIN (n, (guint64) MAX_TICKETS);
}

TgQueue *
tg_queue_new (double admission_rate_per_s)
{
  TgQueue *self;

  g_return_val_if_fail (admission_rate_per_s >= 0, NULL);

  self = g_new0 (TgQueue, 1);
  self->rate = admission_rate_per_s;
  self->prequeue = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->last_timestamp = G_MININT64;
  return self;
}

void
tg_queue_free (TgQueue *self)
{
  if (self == NULL)
    return;

  g_free (self->member_of_ticket);
  g_free (self->slot_of_ticket);
  g_free (self->ticket_of_slot);
  g_free (self->tree);
  g_clear_pointer (&self->prequeue, g_array_unref);
  g_free (self);
}

static guint32
new_ticket (TgQueue *self,
            guint32  member,
            guint32  slot)
{
  guint32 ticket = self->n_tickets;
  guint32 alloc = grown_capacity (self->tickets_alloc, ticket + 1);

  if (alloc != self->tickets_alloc)
    {
      self->member_of_ticket = g_renew (guint32, self->member_of_ticket, alloc);
      self->slot_of_ticket = g_renew (guint32, self->slot_of_ticket, alloc);
      self->tickets_alloc = alloc;
    }

  self->member_of_ticket[ticket] = member;
  self->slot_of_ticket[ticket] = slot;
  self->n_tickets++;
  return ticket;
}

static void
place (TgQueue *self,
       guint32  ticket)
{
  guint32 slot = self->n_slots;
  guint32 alloc = grown_capacity (self->slots_alloc, slot + 1);

  if (alloc != self->slots_alloc)
    {
      self->ticket_of_slot = g_renew (guint32, self->ticket_of_slot, alloc);
      self->tree = g_renew (guint32, self->tree, alloc);
      self->slots_alloc = alloc;
    }

  self->ticket_of_slot[slot] = ticket;
  self->slot_of_ticket[ticket] = slot;
  fenwick_append (self);
  self->n_slots++;
  self->n_waiting++;
}

guint32
tg_queue_join (TgQueue *self,
               guint32  member,
               gint64   timestamp)
{
  guint32 ticket;

  g_return_val_if_fail (self != NULL, TG_QUEUE_NO_TICKET);
  g_return_val_if_fail (timestamp >= self->last_timestamp, TG_QUEUE_NO_TICKET);

  if (self->n_tickets >= MAX_TICKETS)
    return TG_QUEUE_NO_TICKET;

  /* Slots are appended in call order and timestamps never go back, so slot order is exactly
   * (timestamp, sequence) order. */
  self->last_timestamp = timestamp;
  ticket = new_ticket (self, member, SLOT_GONE);
  place (self, ticket);
  return ticket;
}

guint32
tg_queue_join_prequeue (TgQueue *self,
                        guint32  member,
                        gint64   timestamp)
{
  guint32 ticket;

  g_return_val_if_fail (self != NULL, TG_QUEUE_NO_TICKET);

  /* Arriving after the open is simply arriving. */
  if (self->opened)
    return tg_queue_join (self, member, timestamp);

  if (self->n_tickets >= MAX_TICKETS)
    return TG_QUEUE_NO_TICKET;

  /* The arrival time inside the pre-queue does not matter: the draw at open decides. */
  ticket = new_ticket (self, member, SLOT_PREQUEUED);
  g_array_append_val (self->prequeue, ticket);
  self->n_prequeued++;
  return ticket;
}

void
tg_queue_open (TgQueue *self,
               TgRng   *rng)
{
  g_autofree guint32 *line = NULL;
  guint32 n_line = 0;
  guint32 n_pre = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rng != NULL);

  if (self->opened)
    return;
  self->opened = TRUE;

  line = g_new (guint32, (gsize) self->n_prequeued + self->n_waiting + 1);

  /* Members who already have a place (tg_queue_join() before the open) keep it: a position must
   * never go up. In the usual match every arrival before the open uses the pre-queue, so the
   * pre-queue is the front of the line. */
  for (guint32 slot = self->head; slot < self->n_slots; slot++)
    {
      guint32 ticket = self->ticket_of_slot[slot];

      if (self->slot_of_ticket[ticket] == slot)
        line[n_line++] = ticket;
    }
  g_assert (n_line == self->n_waiting);

  for (guint i = 0; i < self->prequeue->len; i++)
    {
      guint32 ticket = g_array_index (self->prequeue, guint32, i);

      if (self->slot_of_ticket[ticket] == SLOT_PREQUEUED)
        line[n_line + n_pre++] = ticket;
    }
  g_assert (n_pre == self->n_prequeued);
  g_clear_pointer (&self->prequeue, g_array_unref);

  /* Fisher–Yates: every order of the pre-queue is equally likely, and fixed by the seed. */
  for (guint32 i = n_pre; i > 1; i--)
    {
      guint32 j = tg_rng_below (rng, i);
      guint32 tmp = line[n_line + i - 1];

      line[n_line + i - 1] = line[n_line + j];
      line[n_line + j] = tmp;
    }
  n_line += n_pre;

  /* Rebuild the slots compactly; the tickets themselves do not change. */
  self->n_slots = 0;
  self->n_waiting = 0;
  self->head = 0;
  self->n_prequeued = 0;
  for (guint32 i = 0; i < n_line; i++)
    place (self, line[i]);
}

static inline gboolean
ticket_slot (TgQueue *self,
             guint32  ticket,
             guint32 *slot)
{
  if (ticket >= self->n_tickets)
    return FALSE;
  *slot = self->slot_of_ticket[ticket];
  return *slot < SLOT_PREQUEUED;
}

gboolean
tg_queue_leave (TgQueue *self,
                guint32  ticket)
{
  guint32 slot;

  g_return_val_if_fail (self != NULL, FALSE);

  if (ticket >= self->n_tickets)
    return FALSE;

  slot = self->slot_of_ticket[ticket];
  if (slot == SLOT_GONE)
    return FALSE;

  self->slot_of_ticket[ticket] = SLOT_GONE;
  if (slot == SLOT_PREQUEUED)
    {
      self->n_prequeued--;
      return TRUE;
    }

  fenwick_remove (self, slot);
  self->n_waiting--;
  return TRUE;
}

gboolean
tg_queue_pop (TgQueue *self,
              guint32 *member,
              guint32 *ticket)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_waiting == 0)
    return FALSE;

  /* Skip the slots of members who left: each is skipped once, so pops are amortised O(1)
   * apart from the O(log n) tree update. */
  for (;;)
    {
      guint32 slot = self->head++;
      guint32 t = self->ticket_of_slot[slot];

      if (self->slot_of_ticket[t] != slot)
        continue;

      self->slot_of_ticket[t] = SLOT_GONE;
      fenwick_remove (self, slot);
      self->n_waiting--;
      self->n_admitted++;
      if (member != NULL)
        *member = self->member_of_ticket[t];
      if (ticket != NULL)
        *ticket = t;
      return TRUE;
    }
}

static gint64
estimated_wait (const TgQueue *self,
                guint          ahead)
{
  double wait;

  if (ahead == 0)
    return 0;
  if (self->rate <= 0)
    return G_MAXINT64;
  wait = (double) ahead / self->rate * G_USEC_PER_SEC;
  return wait >= (double) G_MAXINT64 ? G_MAXINT64 : (gint64) wait;
}

void
tg_queue_status (TgQueue       *self,
                 guint32        ticket,
                 TgQueueStatus *status)
{
  guint32 slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (status != NULL);

  *status = (TgQueueStatus) { 0 };
  status->total = self->n_waiting;
  status->admitted = self->n_admitted;

  if (!ticket_slot (self, ticket, &slot))
    return;

  status->position = fenwick_prefix (self, slot);
  status->ahead = status->position - 1;
  status->behind = self->n_waiting - status->position;
  status->estimated_wait = estimated_wait (self, status->ahead);
}

guint
tg_queue_get_position (TgQueue *self,
                       guint32  ticket)
{
  guint32 slot;

  g_return_val_if_fail (self != NULL, 0);

  if (!ticket_slot (self, ticket, &slot))
    return 0;
  return fenwick_prefix (self, slot);
}

guint
tg_queue_get_length (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_waiting;
}

guint
tg_queue_get_admitted (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_admitted;
}

double
tg_queue_get_rate (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rate;
}

void
tg_queue_set_rate (TgQueue *self,
                   double   admission_rate_per_s)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (admission_rate_per_s >= 0);

  self->rate = admission_rate_per_s;
}

gboolean
tg_queue_is_waiting (TgQueue *self,
                     guint32  ticket)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return ticket < self->n_tickets && self->slot_of_ticket[ticket] != SLOT_GONE;
}

gboolean
tg_queue_is_open (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->opened;
}

gboolean
tg_queue_is_prequeued (TgQueue *self,
                       guint32  ticket)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return ticket < self->n_tickets && self->slot_of_ticket[ticket] == SLOT_PREQUEUED;
}

guint
tg_queue_get_prequeue_length (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_prequeued;
}

gsize
tg_queue_get_memory_size (TgQueue *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  size = sizeof *self;
  size += (gsize) self->tickets_alloc * 2 * sizeof (guint32);
  size += (gsize) self->slots_alloc * 2 * sizeof (guint32);
  if (self->prequeue != NULL)
    size += (gsize) self->prequeue->len * sizeof (guint32);
  return size;
}
