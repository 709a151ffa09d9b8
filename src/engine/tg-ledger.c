/* tg-ledger.c: seat states behind one mutex.
 *
 * A hold checks all its seats and takes them in one critical section, so exactly one of any set of
 * competing holds wins each seat, whichever threads they come from. Uncontended, a GMutex costs
 * two atomic operations, far below the rest of a hold. Expiry times sit in a min-heap with lazy
 * deletion: released or confirmed holds are skipped when they reach the top.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-ledger.h"

G_DEFINE_QUARK (tg-ledger-error-quark, tg_ledger_error)

typedef struct
{
  gint64  expires_at;
  guint32 hold;
} Expiry;

struct _TgLedger
{
  GMutex      lock;
  guint       n_seats;
  guint8     *state;       /* TgSeatState */
  guint32    *holder;      /* hold id of a held or sold seat */
  guint8     *dirty;
  GArray     *changed;     /* guint32 seats since the last drain */
  GArray     *holds;       /* TgHoldInfo, hold id = index + 1 */
  GArray     *expiries;    /* Expiry min-heap */
  guint       counts[3];
  guint       confirmed_all;
  guint       confirmed_humans;
};

TgLedger *
tg_ledger_new (guint n_seats)
{
  TgLedger *self = g_new0 (TgLedger, 1);

  g_mutex_init (&self->lock);
  self->n_seats = n_seats;
  self->state = g_new0 (guint8, MAX (1u, n_seats));
  self->holder = g_new0 (guint32, MAX (1u, n_seats));
  self->dirty = g_new0 (guint8, MAX (1u, n_seats));
  self->changed = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->holds = g_array_new (FALSE, FALSE, sizeof (TgHoldInfo));
  self->expiries = g_array_new (FALSE, FALSE, sizeof (Expiry));
  self->counts[TG_SEAT_AVAILABLE] = n_seats;
  return self;
}

void
tg_ledger_free (TgLedger *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->lock);
  g_free (self->state);
  g_free (self->holder);
  g_free (self->dirty);
  g_array_unref (self->changed);
  g_array_unref (self->holds);
  g_array_unref (self->expiries);
  g_free (self);
}

/* ---- helpers, called with the lock held ---- */

static void
set_seat (TgLedger    *self,
          guint32      seat,
          TgSeatState  state,
          guint32      hold)
{
  self->counts[self->state[seat]]--;
  self->counts[state]++;
  __atomic_store_n (&self->state[seat], (guint8) state, __ATOMIC_RELAXED);
  self->holder[seat] = hold;
  if (!self->dirty[seat])
    {
      self->dirty[seat] = 1;
      g_array_append_val (self->changed, seat);
    }
}

static TgHoldInfo *
lookup (TgLedger *self,
        guint32   hold)
{
  if (hold == TG_LEDGER_NO_HOLD || hold > self->holds->len)
    return NULL;
  return &g_array_index (self->holds, TgHoldInfo, hold - 1);
}

static void
end_hold (TgLedger    *self,
          TgHoldInfo  *info,
          guint32      hold,
          TgHoldState  state)
{
  info->state = state;
  for (guint i = 0; i < info->n_seats; i++)
    set_seat (self, info->seats[i], TG_SEAT_AVAILABLE, TG_LEDGER_NO_HOLD);
}

static gboolean
expiry_before (const Expiry *a,
               const Expiry *b)
{
  return a->expires_at < b->expires_at || (a->expires_at == b->expires_at && a->hold < b->hold);
}

static void
expiry_push (TgLedger *self,
             gint64    expires_at,
             guint32   hold)
{
  Expiry e = { expires_at, hold };
  Expiry *heap;
  guint i;

  g_array_append_val (self->expiries, e);
  heap = (Expiry *) self->expiries->data;
  for (i = self->expiries->len - 1; i > 0; )
    {
      guint parent = (i - 1) / 2;
      if (!expiry_before (&e, &heap[parent]))
        break;
      heap[i] = heap[parent];
      i = parent;
    }
  heap[i] = e;
}

static void
expiry_pop (TgLedger *self)
{
  Expiry *heap = (Expiry *) self->expiries->data;
  guint n = self->expiries->len - 1;
  Expiry last = heap[n];
  guint i = 0;

  g_array_set_size (self->expiries, n);
  if (n == 0)
    return;
  for (;;)
    {
      guint l = 2 * i + 1, m;
      if (l >= n)
        break;
      m = (l + 1 < n && expiry_before (&heap[l + 1], &heap[l])) ? l + 1 : l;
      if (!expiry_before (&heap[m], &last))
        break;
      heap[i] = heap[m];
      i = m;
    }
  heap[i] = last;
}

/* Drops heap entries of holds that are no longer active. */
static void
expiry_prune (TgLedger *self)
{
  while (self->expiries->len > 0)
    {
      Expiry *top = &g_array_index (self->expiries, Expiry, 0);
      TgHoldInfo *info = lookup (self, top->hold);
      if (info != NULL && info->state == TG_HOLD_ACTIVE)
        break;
      expiry_pop (self);
    }
}

/* ---- API ---- */

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
  TgHoldInfo info = { 0 };
  guint32 hold;
  guint n_taken = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (seats == NULL || n_seats == 0 || n_seats > TG_LEDGER_MAX_SEATS_PER_HOLD)
    {
      g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                   _("A hold takes between 1 and %u seats"), TG_LEDGER_MAX_SEATS_PER_HOLD);
      return FALSE;
    }
  for (guint i = 0; i < n_seats; i++)
    {
      if (seats[i] >= self->n_seats)
        {
          g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                       _("There is no seat number %u in this venue"), seats[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (seats[j] == seats[i])
          {
            g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_INVALID,
                         _("Seat number %u was requested twice"), seats[i]);
            return FALSE;
          }
    }

  g_mutex_lock (&self->lock);

  for (guint i = 0; i < n_seats; i++)
    if (self->state[seats[i]] != TG_SEAT_AVAILABLE)
      {
        n_taken++;
        if (taken != NULL)
          g_array_append_val (taken, seats[i]);
      }
  if (n_taken > 0)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_TAKEN,
                   g_dngettext (GETTEXT_PACKAGE, "%u of the seats is already taken",
                                "%u of the seats are already taken", n_taken), n_taken);
      return FALSE;
    }

  hold = self->holds->len + 1;
  info.owner = owner;
  info.human = human;
  info.state = TG_HOLD_ACTIVE;
  info.n_seats = n_seats;
  memcpy (info.seats, seats, n_seats * sizeof (guint32));
  info.held_at = now;
  info.expires_at = ttl > G_MAXINT64 - now ? G_MAXINT64 : now + ttl;
  g_array_append_val (self->holds, info);
  for (guint i = 0; i < n_seats; i++)
    set_seat (self, seats[i], TG_SEAT_HELD, hold);
  expiry_push (self, info.expires_at, hold);

  g_mutex_unlock (&self->lock);

  if (out_hold != NULL)
    *out_hold = hold;
  return TRUE;
}

static gboolean
no_hold (GError  **error,
         guint32   hold)
{
  g_set_error (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_NO_HOLD,
               _("Hold %u is not active: it was released, confirmed or has expired"), hold);
  return FALSE;
}

gboolean
tg_ledger_release (TgLedger  *self,
                   guint32    hold,
                   GError   **error)
{
  TgHoldInfo *info;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  info = lookup (self, hold);
  if (info == NULL || info->state != TG_HOLD_ACTIVE)
    {
      g_mutex_unlock (&self->lock);
      return no_hold (error, hold);
    }
  end_hold (self, info, hold, TG_HOLD_RELEASED);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
tg_ledger_confirm (TgLedger    *self,
                   guint32      hold,
                   gint64       now,
                   TgHoldInfo  *out_info,
                   GError     **error)
{
  TgHoldInfo *info;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  info = lookup (self, hold);
  if (info == NULL || info->state != TG_HOLD_ACTIVE)
    {
      g_mutex_unlock (&self->lock);
      return no_hold (error, hold);
    }
  if (now >= info->expires_at)
    {
      end_hold (self, info, hold, TG_HOLD_EXPIRED);
      g_mutex_unlock (&self->lock);
      g_set_error_literal (error, TG_LEDGER_ERROR, TG_LEDGER_ERROR_EXPIRED,
                           _("The seat hold expired before payment"));
      return FALSE;
    }

  info->state = TG_HOLD_CONFIRMED;
  info->rank_all = ++self->confirmed_all;
  if (info->human)
    info->rank_humans = ++self->confirmed_humans;
  for (guint i = 0; i < info->n_seats; i++)
    set_seat (self, info->seats[i], TG_SEAT_SOLD, hold);
  if (out_info != NULL)
    *out_info = *info;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

guint
tg_ledger_expire (TgLedger           *self,
                  gint64              now,
                  TgLedgerExpireFunc  func,
                  gpointer            user_data)
{
  g_autoptr(GArray) expired = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (self != NULL, 0);

  expired = g_array_new (FALSE, FALSE, sizeof (TgHoldInfo));
  ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_mutex_lock (&self->lock);
  for (;;)
    {
      Expiry top;
      TgHoldInfo *info;

      expiry_prune (self);
      if (self->expiries->len == 0)
        break;
      top = g_array_index (self->expiries, Expiry, 0);
      if (top.expires_at > now)
        break;
      expiry_pop (self);
      info = lookup (self, top.hold);
      end_hold (self, info, top.hold, TG_HOLD_EXPIRED);
      g_array_append_val (expired, *info);
      g_array_append_val (ids, top.hold);
    }
  g_mutex_unlock (&self->lock);

  if (func != NULL)
    for (guint i = 0; i < expired->len; i++)
      func (g_array_index (ids, guint32, i), &g_array_index (expired, TgHoldInfo, i), user_data);

  return expired->len;
}

gint64
tg_ledger_next_expiry (TgLedger *self)
{
  gint64 next = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  g_mutex_lock (&self->lock);
  expiry_prune (self);
  if (self->expiries->len > 0)
    next = g_array_index (self->expiries, Expiry, 0).expires_at;
  g_mutex_unlock (&self->lock);
  return next;
}

gboolean
tg_ledger_get_hold (TgLedger   *self,
                    guint32     hold,
                    TgHoldInfo *out_info)
{
  TgHoldInfo *info;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  info = lookup (self, hold);
  if (info != NULL && out_info != NULL)
    *out_info = *info;
  g_mutex_unlock (&self->lock);
  return info != NULL;
}

TgSeatState
tg_ledger_seat_state (TgLedger *self,
                      guint32   seat)
{
  g_return_val_if_fail (self != NULL, TG_SEAT_SOLD);

  /* A lock-free snapshot for maps and bot choices; holds re-check under the lock. */
  if (seat >= self->n_seats)
    return TG_SEAT_SOLD;
  return (TgSeatState) __atomic_load_n (&self->state[seat], __ATOMIC_RELAXED);
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
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (state <= TG_SEAT_SOLD, 0);

  g_mutex_lock (&self->lock);
  n = self->counts[state];
  g_mutex_unlock (&self->lock);
  return n;
}

void
tg_ledger_drain_changes (TgLedger *self,
                         GArray   *changed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (changed != NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->changed->len; i++)
    self->dirty[g_array_index (self->changed, guint32, i)] = 0;
  g_array_append_vals (changed, self->changed->data, self->changed->len);
  g_array_set_size (self->changed, 0);
  g_mutex_unlock (&self->lock);
}

gsize
tg_ledger_get_memory_size (TgLedger *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + (gsize) self->n_seats * (2 + sizeof (guint32)) +
         self->holds->len * sizeof (TgHoldInfo) + self->expiries->len * sizeof (Expiry);
}
