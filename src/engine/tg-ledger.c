/* tg-ledger.c: the seat ledger.
 *
 * One GMutex guards everything. A hold touches at most four seats and a handful of words, so the
 * critical section is a few dozen nanoseconds; an uncontended GMutex is one atomic each way, and
 * under contention the loser sleeps instead of spinning on a 2-core machine. A lock-free
 * compare-and-swap per seat would also need an undo path for all-or-nothing holds, and the heap and
 * change log would still need a lock.
 *
 * Live holds (active or confirmed) are records in a slab, found by id through a small
 * open-addressing table; released and expired holds are forgotten, so memory follows the live
 * holds, not the history, while ids keep counting up and are never reused.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-ledger.h"

G_DEFINE_QUARK (tg-ledger-error-quark, tg_ledger_error)

#define NO_INDEX    G_MAXUINT32
#define SEAT_DIRTY  0x80
#define SEAT_STATE  0x03

typedef struct
{
  guint32 id;                 /* 0 while the record is free */
  guint32 owner;
  guint32 seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint8  n_seats;
  guint8  human;
  guint8  state;              /* TgHoldState */
  guint32 heap_index;         /* NO_INDEX unless active; next free record while free */
  guint32 rank_all;
  guint32 rank_humans;
  gint64  held_at;
  gint64  expires_at;
} Hold;

typedef struct
{
  gint64  expires_at;
  guint32 id;                 /* ties broken by id: deterministic expiry order */
  guint32 rec;
} HeapEntry;

typedef struct
{
  guint32 id;                 /* 0 = empty */
  guint32 rec;
} MapEntry;

typedef struct
{
  guint32    id;
  TgHoldInfo info;
} Expired;

struct _TgLedger
{
  GMutex     mutex;

  guint32    n_seats;
  guint32   *seat_hold;       /* hold id per seat, 0 when available */
  guint8    *seat_flags;      /* TgSeatState | SEAT_DIRTY */
  GArray    *changes;         /* guint32 seats with SEAT_DIRTY set */
  guint32    n_held;
  guint32    n_sold;

  Hold      *recs;
  guint32    n_recs;
  guint32    recs_alloc;
  guint32    free_rec;        /* head of the free list, NO_INDEX if empty */

  MapEntry  *map;             /* power-of-two size, at most half full */
  guint32    map_mask;
  guint32    map_used;

  HeapEntry *heap;            /* min-heap of the active holds */
  guint32    heap_len;
  guint32    heap_alloc;

  guint32    next_id;
  guint32    n_confirmed;
  guint32    n_confirmed_humans;
};

/* ---- id -> record table ------------------------------------------------------------------- */

static inline guint32
map_slot (const TgLedger *self,
          guint32         id)
{
  return (id * 2654435769u) & self->map_mask;
}

static void map_insert (TgLedger *self, guint32 id, guint32 rec);

static void
map_grow (TgLedger *self)
{
  MapEntry *old = self->map;
  guint32 old_size = self->map_mask + 1;

  self->map = g_new0 (MapEntry, (gsize) old_size * 2);
  self->map_mask = old_size * 2 - 1;
  self->map_used = 0;
  for (guint32 i = 0; i < old_size; i++)
    if (old[i].id != 0)
      map_insert (self, old[i].id, old[i].rec);
  g_free (old);
}

static void
map_insert (TgLedger *self,
            guint32   id,
            guint32   rec)
{
  guint32 i;

  if ((self->map_used + 1) * 2 > self->map_mask + 1)
    map_grow (self);

  for (i = map_slot (self, id); self->map[i].id != 0; i = (i + 1) & self->map_mask)
    ;
  self->map[i].id = id;
  self->map[i].rec = rec;
  self->map_used++;
}

static inline guint32
map_find_slot (const TgLedger *self,
               guint32         id)
{
  for (guint32 i = map_slot (self, id); self->map[i].id != 0; i = (i + 1) & self->map_mask)
    if (self->map[i].id == id)
      return i;
  return NO_INDEX;
}

/* Linear probing with backward-shift deletion: no tombstones, so lookups stay short forever. */
static void
map_remove_slot (TgLedger *self,
                 guint32   i)
{
  guint32 j = i;

  for (;;)
    {
      guint32 home;

      j = (j + 1) & self->map_mask;
      if (self->map[j].id == 0)
        break;
      home = map_slot (self, self->map[j].id);
      /* Move j back to i unless its home lies cyclically in (i, j]. */
      if ((i <= j) ? (i < home && home <= j) : (i < home || home <= j))
        continue;
      self->map[i] = self->map[j];
      i = j;
    }
  self->map[i].id = 0;
  self->map_used--;
}

static inline Hold *
find_hold (TgLedger *self,
           guint32   id)
{
  guint32 i;

  if (id == TG_LEDGER_NO_HOLD)
    return NULL;
  i = map_find_slot (self, id);
  return i == NO_INDEX ? NULL : &self->recs[self->map[i].rec];
}

/* ---- expiry heap -------------------------------------------------------------------------- */

static inline gboolean
heap_before (const HeapEntry *a,
             const HeapEntry *b)
{
  return a->expires_at < b->expires_at || (a->expires_at == b->expires_at && a->id < b->id);
}

static inline void
heap_set (TgLedger        *self,
          guint32          i,
          const HeapEntry *e)
{
  self->heap[i] = *e;
  self->recs[e->rec].heap_index = i;
}

static void
heap_sift_up (TgLedger *self,
              guint32   i)
{
  HeapEntry e = self->heap[i];

  while (i > 0)
    {
      guint32 parent = (i - 1) / 2;

      if (!heap_before (&e, &self->heap[parent]))
        break;
      heap_set (self, i, &self->heap[parent]);
      i = parent;
    }
  heap_set (self, i, &e);
}

static void
heap_sift_down (TgLedger *self,
                guint32   i)
{
  HeapEntry e = self->heap[i];

  for (;;)
    {
      guint32 child = 2 * i + 1;

      if (child >= self->heap_len)
        break;
      if (child + 1 < self->heap_len && heap_before (&self->heap[child + 1], &self->heap[child]))
        child++;
      if (!heap_before (&self->heap[child], &e))
        break;
      heap_set (self, i, &self->heap[child]);
      i = child;
    }
  heap_set (self, i, &e);
}

static void
heap_push (TgLedger *self,
           guint32   rec)
{
  HeapEntry e = { self->recs[rec].expires_at, self->recs[rec].id, rec };

  if (self->heap_len == self->heap_alloc)
    {
      self->heap_alloc = MAX (self->heap_alloc * 2, 64);
      self->heap = g_renew (HeapEntry, self->heap, self->heap_alloc);
    }
  self->heap[self->heap_len++] = e;
  heap_sift_up (self, self->heap_len - 1);
}

static void
heap_remove (TgLedger *self,
             guint32   i)
{
  guint32 last = --self->heap_len;

  self->recs[self->heap[i].rec].heap_index = NO_INDEX;
  if (i == last)
    return;

  heap_set (self, i, &self->heap[last]);
  if (i > 0 && heap_before (&self->heap[i], &self->heap[(i - 1) / 2]))
    heap_sift_up (self, i);
  else
    heap_sift_down (self, i);
}

/* ---- records and seats -------------------------------------------------------------------- */

static guint32
rec_alloc (TgLedger *self)
{
  guint32 rec;

  if (self->free_rec != NO_INDEX)
    {
      rec = self->free_rec;
      self->free_rec = self->recs[rec].heap_index;
      return rec;
    }

  if (self->n_recs == self->recs_alloc)
    {
      self->recs_alloc = MAX (self->recs_alloc * 2, 64);
      self->recs = g_renew (Hold, self->recs, self->recs_alloc);
    }
  return self->n_recs++;
}

static void
rec_free (TgLedger *self,
          guint32   rec)
{
  self->recs[rec].id = 0;
  self->recs[rec].heap_index = self->free_rec;
  self->free_rec = rec;
}

static inline void
seat_set (TgLedger    *self,
          guint32      seat,
          TgSeatState  state,
          guint32      hold)
{
  guint8 flags = self->seat_flags[seat];

  if (!(flags & SEAT_DIRTY))
    g_array_append_val (self->changes, seat);
  /* Atomic byte stores pair with the lock-free reads in tg_ledger_seat_state(). */
  __atomic_store_n (&self->seat_flags[seat], (guint8) (SEAT_DIRTY | state), __ATOMIC_RELEASE);
  self->seat_hold[seat] = hold;
}

static void
fill_info (const Hold *h,
           TgHoldInfo *info)
{
  info->owner = h->owner;
  info->human = h->human;
  info->state = h->state;
  info->n_seats = h->n_seats;
  memcpy (info->seats, h->seats, sizeof info->seats);
  info->held_at = h->held_at;
  info->expires_at = h->expires_at;
  info->rank_all = h->rank_all;
  info->rank_humans = h->rank_humans;
}

/* Ends an active hold: frees its seats and forgets it. */
static void
end_hold (TgLedger    *self,
          Hold        *h,
          TgHoldState  state,
          TgHoldInfo  *out_info)
{
  guint32 rec = (guint32) (h - self->recs);

  for (guint i = 0; i < h->n_seats; i++)
    seat_set (self, h->seats[i], TG_SEAT_AVAILABLE, 0);
  self->n_held -= h->n_seats;
  heap_remove (self, h->heap_index);
  h->state = state;
  if (out_info != NULL)
    fill_info (h, out_info);
  map_remove_slot (self, map_find_slot (self, h->id));
  rec_free (self, rec);
}

/* ---- public API --------------------------------------------------------------------------- */

TgLedger *
tg_ledger_new (guint n_seats)
{
  TgLedger *self;

  g_return_val_if_fail (n_seats > 0, NULL);

  self = g_new0 (TgLedger, 1);
  g_mutex_init (&self->mutex);
  self->n_seats = n_seats;
  self->seat_hold = g_new (guint32, n_seats);
  self->seat_flags = g_new (guint8, n_seats);
  self->changes = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_seats);
  self->free_rec = NO_INDEX;
  self->next_id = 1;

  /* Room for one hold per two seats up front, written once so that the pages are faulted in now,
   * before the sale opens, and not during the first second of the rush. */
  self->recs_alloc = MAX (n_seats / 2, 64);
  self->recs = g_new (Hold, self->recs_alloc);
  memset (self->recs, 0, self->recs_alloc * sizeof (Hold));
  self->heap_alloc = self->recs_alloc;
  self->heap = g_new (HeapEntry, self->heap_alloc);
  memset (self->heap, 0, self->heap_alloc * sizeof (HeapEntry));
  self->map_mask = 63;
  while (self->map_mask + 1 < 2 * self->recs_alloc)
    self->map_mask = self->map_mask * 2 + 1;
  self->map = g_new (MapEntry, self->map_mask + 1);
  memset (self->map, 0, (self->map_mask + 1) * sizeof (MapEntry));
  memset (self->seat_hold, 0, n_seats * sizeof (guint32));
  memset (self->seat_flags, 0, n_seats);
  return self;
}

void
tg_ledger_free (TgLedger *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->mutex);
  g_free (self->seat_hold);
  g_free (self->seat_flags);
  g_array_unref (self->changes);
  g_free (self->recs);
  g_free (self->map);
  g_free (self->heap);
  g_free (self);
}

static gboolean
validate_request (TgLedger       *self,
                  const guint32  *seats,
                  guint           n_seats,
                  GError        **error)
{
  if (n_seats < 1 || n_seats > TG_LEDGER_MAX_SEATS_PER_HOLD)
    {
      g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                   _("Choose between 1 and %d seats (%u were requested)"),
                   TG_LEDGER_MAX_SEATS_PER_HOLD, n_seats);
      return FALSE;
    }

  for (guint i = 0; i < n_seats; i++)
    {
      if (seats[i] >= self->n_seats)
        {
          g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                       _("Seat %u does not exist: this venue has %u seats"),
                       seats[i], self->n_seats);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (seats[j] == seats[i])
          {
            g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                         _("Seat %u was requested twice"), seats[i]);
            return FALSE;
          }
    }
  return TRUE;
}

static void
set_taken_error (GError        **error,
                 const guint32  *taken,
                 guint           n_taken)
{
  g_autoptr(GString) list = NULL;

  if (error == NULL)
    return;

  if (n_taken == 1)
    {
      g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN,
                   _("Seat %u is already taken"), taken[0]);
      return;
    }

  list = g_string_new (NULL);
  for (guint i = 0; i < n_taken; i++)
    g_string_append_printf (list, i == 0 ? "%u" : ", %u", taken[i]);
  g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN,
               _("Seats %s are already taken"), list->str);
}

gboolean
tg_ledger_hold (TgLedger      *self,
                guint32        owner,
                gboolean       human,
                const guint32 *seats,
                guint          n_seats,
                gint64         now,
                gint64         ttl,
                guint32       *out_hold,
                GArray        *taken,
                GError       **error)
{
  guint32 taken_seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  guint n_taken = 0;
  guint32 rec;
  Hold *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (seats != NULL || n_seats == 0, FALSE);
  g_return_val_if_fail (ttl >= 0, FALSE);
  g_return_val_if_fail (taken == NULL || g_array_get_element_size (taken) == sizeof (guint32), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_hold != NULL)
    *out_hold = TG_LEDGER_NO_HOLD;

  if (!validate_request (self, seats, n_seats, error))
    return FALSE;

  g_mutex_lock (&self->mutex);

  /* Check every seat before touching any, so a failed hold leaves no trace. */
  for (guint i = 0; i < n_seats; i++)
    if (self->seat_hold[seats[i]] != 0)
      taken_seats[n_taken++] = seats[i];

  if (n_taken > 0 || self->next_id == G_MAXUINT32)
    {
      g_mutex_unlock (&self->mutex);
      if (n_taken == 0)
        {
          g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                       _("This match has run out of hold numbers"));
          return FALSE;
        }
      if (taken != NULL)
        g_array_append_vals (taken, taken_seats, n_taken);
      set_taken_error (error, taken_seats, n_taken);
      return FALSE;
    }

  rec = rec_alloc (self);
  h = &self->recs[rec];
  h->id = self->next_id++;
  h->owner = owner;
  h->human = human != FALSE;
  h->state = TG_HOLD_ACTIVE;
  h->n_seats = (guint8) n_seats;
  memset (h->seats, 0, sizeof h->seats);
  memcpy (h->seats, seats, n_seats * sizeof (guint32));
  h->rank_all = 0;
  h->rank_humans = 0;
  h->held_at = now;
  h->expires_at = (ttl > G_MAXINT64 - now) ? G_MAXINT64 : now + ttl;

  for (guint i = 0; i < n_seats; i++)
    seat_set (self, seats[i], TG_SEAT_HELD, h->id);
  self->n_held += n_seats;

  map_insert (self, h->id, rec);
  heap_push (self, rec);

  if (out_hold != NULL)
    *out_hold = h->id;

  g_mutex_unlock (&self->mutex);
  return TRUE;
}

static void
set_no_hold_error (GError  **error,
                   guint32   hold)
{
  g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD,
               _("Hold %u is no longer active: it was released, expired or already confirmed"),
               hold);
}

gboolean
tg_ledger_release (TgLedger  *self,
                   guint32    hold,
                   GError   **error)
{
  Hold *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  h = find_hold (self, hold);
  if (h == NULL || h->state != TG_HOLD_ACTIVE)
    {
      g_mutex_unlock (&self->mutex);
      set_no_hold_error (error, hold);
      return FALSE;
    }
  end_hold (self, h, TG_HOLD_RELEASED, NULL);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

gboolean
tg_ledger_confirm (TgLedger    *self,
                   guint32      hold,
                   gint64       now,
                   TgHoldInfo  *out_info,
                   GError     **error)
{
  Hold *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  h = find_hold (self, hold);
  if (h == NULL || h->state != TG_HOLD_ACTIVE)
    {
      g_mutex_unlock (&self->mutex);
      set_no_hold_error (error, hold);
      return FALSE;
    }

  if (now >= h->expires_at)
    {
      /* Too late: the hold expires now, as tg_ledger_expire() would have done. */
      end_hold (self, h, TG_HOLD_EXPIRED, out_info);
      g_mutex_unlock (&self->mutex);
      g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_EXPIRED,
                   _("Hold %u expired before payment was completed"), hold);
      return FALSE;
    }

  heap_remove (self, h->heap_index);
  for (guint i = 0; i < h->n_seats; i++)
    seat_set (self, h->seats[i], TG_SEAT_SOLD, h->id);
  self->n_held -= h->n_seats;
  self->n_sold += h->n_seats;
  h->state = TG_HOLD_CONFIRMED;
  h->rank_all = ++self->n_confirmed;
  if (h->human)
    h->rank_humans = ++self->n_confirmed_humans;
  if (out_info != NULL)
    fill_info (h, out_info);

  g_mutex_unlock (&self->mutex);
  return TRUE;
}

guint
tg_ledger_expire (TgLedger           *self,
                  gint64              now,
                  TgLedgerExpireFunc  func,
                  gpointer            user_data)
{
  g_autoptr(GArray) expired = NULL;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  while (self->heap_len > 0 && self->heap[0].expires_at <= now)
    {
      Hold *h = &self->recs[self->heap[0].rec];

      if (func != NULL)
        {
          Expired e;

          if (expired == NULL)
            expired = g_array_new (FALSE, FALSE, sizeof (Expired));
          e.id = h->id;
          end_hold (self, h, TG_HOLD_EXPIRED, &e.info);
          g_array_append_val (expired, e);
        }
      else
        end_hold (self, h, TG_HOLD_EXPIRED, NULL);
      n++;
    }
  g_mutex_unlock (&self->mutex);

  /* Callbacks run unlocked so they may call back into the ledger. */
  if (expired != NULL)
    for (guint i = 0; i < expired->len; i++)
      {
        const Expired *e = &g_array_index (expired, Expired, i);

        func (e->id, &e->info, user_data);
      }

  return n;
}

gint64
tg_ledger_next_expiry (TgLedger *self)
{
  gint64 next;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  g_mutex_lock (&self->mutex);
  next = self->heap_len > 0 ? self->heap[0].expires_at : G_MAXINT64;
  g_mutex_unlock (&self->mutex);
  return next;
}

gboolean
tg_ledger_get_hold (TgLedger   *self,
                    guint32     hold,
                    TgHoldInfo *out_info)
{
  Hold *h;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  h = find_hold (self, hold);
  if (h != NULL && out_info != NULL)
    fill_info (h, out_info);
  g_mutex_unlock (&self->mutex);
  return h != NULL;
}

TgSeatState
tg_ledger_seat_state (TgLedger *self,
                      guint32   seat)
{
  g_return_val_if_fail (self != NULL, TG_SEAT_AVAILABLE);
  g_return_val_if_fail (seat < self->n_seats, TG_SEAT_AVAILABLE);

  /* A lock-free snapshot: seat maps and bots scan thousands of seats per decision. A hold
   * re-checks every seat under the lock, so a stale read can only cost an 이선좌. */
  return __atomic_load_n (&self->seat_flags[seat], __ATOMIC_ACQUIRE) & SEAT_STATE;
}

guint32
tg_ledger_seat_hold (TgLedger *self,
                     guint32   seat)
{
  guint32 hold;

  g_return_val_if_fail (self != NULL, TG_LEDGER_NO_HOLD);
  g_return_val_if_fail (seat < self->n_seats, TG_LEDGER_NO_HOLD);

  g_mutex_lock (&self->mutex);
  hold = self->seat_hold[seat];
  g_mutex_unlock (&self->mutex);
  return hold;
}

guint
tg_ledger_get_n_seats (TgLedger *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_seats;
}

guint
tg_ledger_count (TgLedger    *self,
                 TgSeatState  state)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  switch (state)
    {
    case TG_SEAT_AVAILABLE:
      n = self->n_seats - self->n_held - self->n_sold;
      break;
    case TG_SEAT_HELD:
      n = self->n_held;
      break;
    case TG_SEAT_SOLD:
      n = self->n_sold;
      break;
    default:
      break;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}

void
tg_ledger_drain_changes (TgLedger *self,
                         GArray   *changed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (changed != NULL);
  g_return_if_fail (g_array_get_element_size (changed) == sizeof (guint32));

  g_mutex_lock (&self->mutex);
  g_array_append_vals (changed, self->changes->data, self->changes->len);
  for (guint i = 0; i < self->changes->len; i++)
    {
      guint8 *flags = &self->seat_flags[g_array_index (self->changes, guint32, i)];
      __atomic_store_n (flags, (guint8) (*flags & ~SEAT_DIRTY), __ATOMIC_RELEASE);
    }
  g_array_set_size (self->changes, 0);
  g_mutex_unlock (&self->mutex);
}

gsize
tg_ledger_get_memory_size (TgLedger *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  size = sizeof *self;
  size += (gsize) self->n_seats * (sizeof (guint32) + sizeof (guint8));
  size += (gsize) MAX (self->changes->len, self->n_seats) * sizeof (guint32);   /* reserved */
  size += (gsize) self->recs_alloc * sizeof (Hold);
  size += (gsize) (self->map_mask + 1) * sizeof (MapEntry);
  size += (gsize) self->heap_alloc * sizeof (HeapEntry);
  g_mutex_unlock (&self->mutex);
  return size;
}
