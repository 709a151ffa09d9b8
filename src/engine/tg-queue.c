/* tg-queue.c: arrival slots in a Fenwick tree.
 *
 * Slot s holds the s-th arrival; tree counts the members still waiting, so a member's position is
 * the prefix sum up to its slot. Joins append, leaving or admission clear a slot: a waiting
 * member's position can only go down. 16 bytes per member, plus doubling slack.
 */

#include "config.h"

#include <string.h>

#include "tg-queue.h"

#define NONE G_MAXUINT32

struct _TgQueue
{
  double   rate;
  gint64   last_timestamp;

  guint32 *member_of_slot;     /* NONE once admitted or gone */
  guint32 *ticket_of_slot;
  gint32  *tree;               /* Fenwick, 1-based, cap + 1 entries */
  guint    n_slots;
  guint    cap;
  guint    front;              /* every slot before it is empty */

  guint32 *slot_of_ticket;     /* NONE while in the pre-queue */
  guint32 *member_of_ticket;   /* for pre-queue tickets */
  guint    n_tickets;
  guint    ticket_cap;

  GArray  *prequeue;           /* tickets, in arrival order */
  guint    length;
  guint    admitted;
};

static void
tree_add (TgQueue *self,
          guint    slot,
          gint32   delta)
{
  for (guint i = slot + 1; i <= self->cap; i += i & (-i))
    self->tree[i] += delta;
}

static guint
tree_prefix (TgQueue *self,
             guint    slot)
{
  gint64 sum = 0;

  for (guint i = slot + 1; i > 0; i -= i & (-i))
    sum += self->tree[i];
  return (guint) sum;
}

/* Rebuilds the tree in O(n) for a new capacity. */
static void
tree_rebuild (TgQueue *self)
{
  memset (self->tree, 0, sizeof (gint32) * (self->cap + 1));
  for (guint s = 0; s < self->n_slots; s++)
    if (self->member_of_slot[s] != NONE)
      self->tree[s + 1] += 1;
  for (guint i = 1; i <= self->cap; i++)
    {
      guint parent = i + (i & (-i));
      if (parent <= self->cap)
        self->tree[parent] += self->tree[i];
    }
}

static void
ensure_slots (TgQueue *self,
              guint    n)
{
  if (n <= self->cap)
    return;

  self->cap = MAX (n, MAX (1024u, self->cap * 2));
  self->member_of_slot = g_renew (guint32, self->member_of_slot, self->cap);
  self->ticket_of_slot = g_renew (guint32, self->ticket_of_slot, self->cap);
  self->tree = g_renew (gint32, self->tree, self->cap + 1);
  tree_rebuild (self);
}

static guint32
new_ticket (TgQueue *self,
            guint32  member)
{
  if (self->n_tickets == self->ticket_cap)
    {
      self->ticket_cap = MAX (1024u, self->ticket_cap * 2);
      self->slot_of_ticket = g_renew (guint32, self->slot_of_ticket, self->ticket_cap);
      self->member_of_ticket = g_renew (guint32, self->member_of_ticket, self->ticket_cap);
    }
  self->slot_of_ticket[self->n_tickets] = NONE;
  self->member_of_ticket[self->n_tickets] = member;
  return self->n_tickets++;
}

static void
append_slot (TgQueue *self,
             guint32  ticket)
{
  guint slot;

  ensure_slots (self, self->n_slots + 1);
  slot = self->n_slots++;
  self->member_of_slot[slot] = self->member_of_ticket[ticket];
  self->ticket_of_slot[slot] = ticket;
  self->slot_of_ticket[ticket] = slot;
  tree_add (self, slot, 1);
  self->length++;
}

TgQueue *
tg_queue_new (double admission_rate_per_s)
{
  TgQueue *self = g_new0 (TgQueue, 1);

  self->rate = admission_rate_per_s > 0 ? admission_rate_per_s : 1.0;
  self->last_timestamp = G_MININT64;
  self->prequeue = g_array_new (FALSE, FALSE, sizeof (guint32));
  ensure_slots (self, 1);
  return self;
}

void
tg_queue_free (TgQueue *self)
{
  if (self == NULL)
    return;

  g_free (self->member_of_slot);
  g_free (self->ticket_of_slot);
  g_free (self->tree);
  g_free (self->slot_of_ticket);
  g_free (self->member_of_ticket);
  g_array_unref (self->prequeue);
  g_free (self);
}

guint32
tg_queue_join (TgQueue *self,
               guint32  member,
               gint64   timestamp)
{
  guint32 ticket;

  g_return_val_if_fail (self != NULL, TG_QUEUE_NO_TICKET);
  g_return_val_if_fail (member != NONE, TG_QUEUE_NO_TICKET);
  /* Arrival order is the order of acceptance: the clock never goes back. */
  g_return_val_if_fail (timestamp >= self->last_timestamp, TG_QUEUE_NO_TICKET);

  self->last_timestamp = timestamp;
  ticket = new_ticket (self, member);
  append_slot (self, ticket);
  return ticket;
}

guint32
tg_queue_join_prequeue (TgQueue *self,
                        guint32  member,
                        gint64   timestamp)
{
  guint32 ticket;

  g_return_val_if_fail (self != NULL, TG_QUEUE_NO_TICKET);
  g_return_val_if_fail (member != NONE, TG_QUEUE_NO_TICKET);

  ticket = new_ticket (self, member);
  g_array_append_val (self->prequeue, ticket);
  return ticket;
}

void
tg_queue_open (TgQueue *self,
               TgRng   *rng)
{
  guint32 *tickets;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rng != NULL);

  n = self->prequeue->len;
  if (n == 0)
    return;
  tickets = (guint32 *) self->prequeue->data;

  /* Fisher–Yates with the match's RNG: the waiting room's order is decided at open. */
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = tg_rng_below (rng, i + 1);
      guint32 t = tickets[i];
      tickets[i] = tickets[j];
      tickets[j] = t;
    }

  if (self->length == 0)
    {
      for (guint i = 0; i < n; i++)
        append_slot (self, tickets[i]);
    }
  else
    {
      /* Someone joined before open: the pre-queue still goes first, so lay the slots out anew. */
      g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (guint32));

      for (guint s = self->front; s < self->n_slots; s++)
        if (self->member_of_slot[s] != NONE)
          {
            g_array_append_val (waiting, self->ticket_of_slot[s]);
            self->slot_of_ticket[self->ticket_of_slot[s]] = NONE;
          }
      self->n_slots = self->front = 0;
      self->length = 0;
      memset (self->tree, 0, sizeof (gint32) * (self->cap + 1));
      for (guint i = 0; i < n; i++)
        append_slot (self, tickets[i]);
      for (guint i = 0; i < waiting->len; i++)
        append_slot (self, g_array_index (waiting, guint32, i));
    }
  g_array_set_size (self->prequeue, 0);
}

static guint
waiting_slot (TgQueue *self,
              guint32  ticket)
{
  guint slot;

  if (ticket >= self->n_tickets)
    return NONE;
  slot = self->slot_of_ticket[ticket];
  if (slot == NONE || self->member_of_slot[slot] == NONE)
    return NONE;
  return slot;
}

gboolean
tg_queue_leave (TgQueue *self,
                guint32  ticket)
{
  guint slot;

  g_return_val_if_fail (self != NULL, FALSE);

  slot = waiting_slot (self, ticket);
  if (slot == NONE)
    {
      /* Still in the pre-queue: just drop the ticket. */
      for (guint i = 0; i < self->prequeue->len; i++)
        if (g_array_index (self->prequeue, guint32, i) == ticket)
          {
            g_array_remove_index (self->prequeue, i);
            return TRUE;
          }
      return FALSE;
    }

  self->member_of_slot[slot] = NONE;
  tree_add (self, slot, -1);
  self->length--;
  return TRUE;
}

gboolean
tg_queue_pop (TgQueue *self,
              guint32 *member,
              guint32 *ticket)
{
  guint slot;

  g_return_val_if_fail (self != NULL, FALSE);

  while (self->front < self->n_slots && self->member_of_slot[self->front] == NONE)
    self->front++;
  if (self->front >= self->n_slots)
    return FALSE;

  slot = self->front++;
  if (member != NULL)
    *member = self->member_of_slot[slot];
  if (ticket != NULL)
    *ticket = self->ticket_of_slot[slot];
  self->member_of_slot[slot] = NONE;
  tree_add (self, slot, -1);
  self->length--;
  self->admitted++;
  return TRUE;
}

guint
tg_queue_get_position (TgQueue *self,
                       guint32  ticket)
{
  guint slot;

  g_return_val_if_fail (self != NULL, 0);

  slot = waiting_slot (self, ticket);
  return slot == NONE ? 0 : tree_prefix (self, slot);
}

void
tg_queue_status (TgQueue       *self,
                 guint32        ticket,
                 TgQueueStatus *status)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (status != NULL);

  memset (status, 0, sizeof *status);
  status->total = self->length;
  status->admitted = self->admitted;
  status->position = tg_queue_get_position (self, ticket);
  if (status->position == 0)
    return;
  status->ahead = status->position - 1;
  status->behind = self->length - status->position;
  status->estimated_wait = (gint64) (status->ahead / self->rate * G_USEC_PER_SEC);
}

guint
tg_queue_get_length (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->length;
}

guint
tg_queue_get_admitted (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->admitted;
}

double
tg_queue_get_rate (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rate;
}

gboolean
tg_queue_is_waiting (TgQueue *self,
                     guint32  ticket)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return waiting_slot (self, ticket) != NONE;
}

gsize
tg_queue_get_memory_size (TgQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + (gsize) self->cap * (2 * sizeof (guint32) + sizeof (gint32)) +
         (gsize) self->ticket_cap * 2 * sizeof (guint32) + self->prequeue->len * sizeof (guint32);
}
