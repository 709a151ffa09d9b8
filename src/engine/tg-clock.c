/* tg-clock.c: timers on a binary heap, shared by the manual and the real clock. */

#include "config.h"

#include "tg-clock.h"

typedef struct
{
  guint          id;
  guint          heap_index;
  gint64         deadline;
  guint64        seq;
  TgClockFunc    func;
  gpointer       user_data;
  GDestroyNotify destroy;
} Timer;

typedef struct
{
  GPtrArray  *heap;       /* Timer*, min-heap on (deadline, seq) */
  GHashTable *by_id;      /* id -> Timer* */
  guint       next_id;
  guint64     next_seq;
  gint64      notified_deadline;
} TgClockPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TgClock, tg_clock, G_TYPE_OBJECT)

static void
timer_free (Timer *timer)
{
  if (timer->destroy != NULL)
    timer->destroy (timer->user_data);
  g_free (timer);
}

static gboolean
timer_before (const Timer *a,
              const Timer *b)
{
  if (a->deadline != b->deadline)
    return a->deadline < b->deadline;
  return a->seq < b->seq;
}

static void
heap_swap (GPtrArray *heap,
           guint      i,
           guint      j)
{
  Timer *a = heap->pdata[i];
  Timer *b = heap->pdata[j];

  heap->pdata[i] = b;
  heap->pdata[j] = a;
  b->heap_index = i;
  a->heap_index = j;
}

static void
heap_up (GPtrArray *heap,
         guint      i)
{
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      if (!timer_before (heap->pdata[i], heap->pdata[parent]))
        break;
      heap_swap (heap, i, parent);
      i = parent;
    }
}

static void
heap_down (GPtrArray *heap,
           guint      i)
{
  for (;;)
    {
      guint l = 2 * i + 1;
      guint r = l + 1;
      guint m = i;

      if (l < heap->len && timer_before (heap->pdata[l], heap->pdata[m]))
        m = l;
      if (r < heap->len && timer_before (heap->pdata[r], heap->pdata[m]))
        m = r;
      if (m == i)
        break;
      heap_swap (heap, i, m);
      i = m;
    }
}

static void
heap_remove (GPtrArray *heap,
             guint      i)
{
  guint last = heap->len - 1;

  if (i != last)
    {
      heap_swap (heap, i, last);
      g_ptr_array_set_size (heap, last);
      heap_down (heap, i);
      heap_up (heap, i);
    }
  else
    g_ptr_array_set_size (heap, last);
}

static void
tg_clock_notify_next (TgClock *self)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);
  gint64 next = tg_clock_next_deadline (self);

  if (next != priv->notified_deadline)
    {
      priv->notified_deadline = next;
      if (TG_CLOCK_GET_CLASS (self)->next_changed != NULL)
        TG_CLOCK_GET_CLASS (self)->next_changed (self, next);
    }
}

static void
tg_clock_finalize (GObject *object)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (TG_CLOCK (object));

  g_clear_pointer (&priv->by_id, g_hash_table_unref);
  g_ptr_array_foreach (priv->heap, (GFunc) timer_free, NULL);
  g_clear_pointer (&priv->heap, g_ptr_array_unref);

  G_OBJECT_CLASS (tg_clock_parent_class)->finalize (object);
}

static void
tg_clock_class_init (TgClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tg_clock_finalize;
}

static void
tg_clock_init (TgClock *self)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);

  priv->heap = g_ptr_array_new ();
  priv->by_id = g_hash_table_new (NULL, NULL);
  priv->next_id = 1;
  priv->notified_deadline = G_MAXINT64;
}

gint64
tg_clock_now (TgClock *self)
{
  g_return_val_if_fail (TG_IS_CLOCK (self), 0);

  return TG_CLOCK_GET_CLASS (self)->now (self);
}

/**
 * tg_clock_add_timer:
 * @deadline: clock time at which @func runs; a time in the past runs at the next dispatch
 *
 * Returns: a timer id (never 0) for tg_clock_cancel_timer()
 */
guint
tg_clock_add_timer (TgClock        *self,
                    gint64          deadline,
                    TgClockFunc     func,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);
  Timer *timer;

  g_return_val_if_fail (TG_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  timer = g_new0 (Timer, 1);
  timer->id = priv->next_id++;
  if (priv->next_id == 0)
    priv->next_id = 1;
  timer->deadline = deadline;
  timer->seq = priv->next_seq++;
  timer->func = func;
  timer->user_data = user_data;
  timer->destroy = destroy;
  timer->heap_index = priv->heap->len;

  g_ptr_array_add (priv->heap, timer);
  heap_up (priv->heap, timer->heap_index);
  g_hash_table_insert (priv->by_id, GUINT_TO_POINTER (timer->id), timer);

  tg_clock_notify_next (self);

  return timer->id;
}

gboolean
tg_clock_cancel_timer (TgClock *self,
                       guint    timer_id)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);
  Timer *timer;

  g_return_val_if_fail (TG_IS_CLOCK (self), FALSE);

  timer = g_hash_table_lookup (priv->by_id, GUINT_TO_POINTER (timer_id));
  if (timer == NULL)
    return FALSE;

  g_hash_table_remove (priv->by_id, GUINT_TO_POINTER (timer_id));
  heap_remove (priv->heap, timer->heap_index);
  timer_free (timer);

  tg_clock_notify_next (self);

  return TRUE;
}

gint64
tg_clock_next_deadline (TgClock *self)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);
  Timer *top;

  g_return_val_if_fail (TG_IS_CLOCK (self), G_MAXINT64);

  if (priv->heap->len == 0)
    return G_MAXINT64;
  top = priv->heap->pdata[0];
  return top->deadline;
}

guint
tg_clock_get_n_timers (TgClock *self)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);

  g_return_val_if_fail (TG_IS_CLOCK (self), 0);

  return priv->heap->len;
}

guint
tg_clock_dispatch (TgClock *self)
{
  TgClockPrivate *priv = tg_clock_get_instance_private (self);
  g_autoptr(TgClock) hold = g_object_ref (self);
  guint n_run = 0;

  g_return_val_if_fail (TG_IS_CLOCK (self), 0);

  while (priv->heap->len > 0)
    {
      Timer *top = priv->heap->pdata[0];

      if (top->deadline > tg_clock_now (self))
        break;

      g_hash_table_remove (priv->by_id, GUINT_TO_POINTER (top->id));
      heap_remove (priv->heap, 0);
      top->func (top->user_data);
      timer_free (top);
      n_run++;
    }

  tg_clock_notify_next (self);

  return n_run;
}

/* ---- manual clock ---- */

struct _TgManualClock
{
  TgClock parent_instance;
  gint64  now;
};

G_DEFINE_FINAL_TYPE (TgManualClock, tg_manual_clock, TG_TYPE_CLOCK)

static gint64
tg_manual_clock_now (TgClock *clock)
{
  return TG_MANUAL_CLOCK (clock)->now;
}

static void
tg_manual_clock_class_init (TgManualClockClass *klass)
{
  TG_CLOCK_CLASS (klass)->now = tg_manual_clock_now;
}

static void
tg_manual_clock_init (TgManualClock *self)
{
}

TgClock *
tg_manual_clock_new (void)
{
  return g_object_new (TG_TYPE_MANUAL_CLOCK, NULL);
}

void
tg_manual_clock_advance_to (TgManualClock *self,
                            gint64         time)
{
  TgClock *clock = TG_CLOCK (self);

  g_return_if_fail (TG_IS_MANUAL_CLOCK (self));

  for (;;)
    {
      gint64 next = tg_clock_next_deadline (clock);

      if (next > time)
        break;
      if (next > self->now)
        self->now = next;
      tg_clock_dispatch (clock);
    }

  if (time > self->now)
    self->now = time;
}

void
tg_manual_clock_advance (TgManualClock *self,
                         gint64         delta)
{
  g_return_if_fail (TG_IS_MANUAL_CLOCK (self));
  g_return_if_fail (delta >= 0);

  tg_manual_clock_advance_to (self, self->now + delta);
}

gboolean
tg_manual_clock_step (TgManualClock *self)
{
  gint64 next;

  g_return_val_if_fail (TG_IS_MANUAL_CLOCK (self), FALSE);

  next = tg_clock_next_deadline (TG_CLOCK (self));
  if (next == G_MAXINT64)
    return FALSE;
  tg_manual_clock_advance_to (self, MAX (next, self->now));
  return TRUE;
}

/* ---- real clock ---- */

struct _TgRealClock
{
  TgClock  parent_instance;
  gint64   epoch;       /* g_get_monotonic_time() at creation */
  GSource *source;
};

G_DEFINE_FINAL_TYPE (TgRealClock, tg_real_clock, TG_TYPE_CLOCK)

static gint64
tg_real_clock_now (TgClock *clock)
{
  return g_get_monotonic_time () - TG_REAL_CLOCK (clock)->epoch;
}

static void
tg_real_clock_next_changed (TgClock *clock,
                            gint64   deadline)
{
  TgRealClock *self = TG_REAL_CLOCK (clock);

  if (self->source == NULL)
    return;
  if (deadline == G_MAXINT64)
    g_source_set_ready_time (self->source, -1);
  else
    g_source_set_ready_time (self->source, MAX (0, self->epoch + deadline));
}

static gboolean
real_clock_source_dispatch (GSource     *source,
                            GSourceFunc  callback,
                            gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs real_clock_source_funcs = {
  .dispatch = real_clock_source_dispatch,
};

static gboolean
real_clock_fire (gpointer user_data)
{
  TgClock *clock = user_data;

  /* The ready time is set again by next_changed() if timers remain. */
  g_source_set_ready_time (TG_REAL_CLOCK (clock)->source, -1);
  tg_clock_dispatch (clock);
  tg_real_clock_next_changed (clock, tg_clock_next_deadline (clock));
  return G_SOURCE_CONTINUE;
}

static void
tg_real_clock_dispose (GObject *object)
{
  TgRealClock *self = TG_REAL_CLOCK (object);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }

  G_OBJECT_CLASS (tg_real_clock_parent_class)->dispose (object);
}

static void
tg_real_clock_class_init (TgRealClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_real_clock_dispose;
  TG_CLOCK_CLASS (klass)->now = tg_real_clock_now;
  TG_CLOCK_CLASS (klass)->next_changed = tg_real_clock_next_changed;
}

static void
tg_real_clock_init (TgRealClock *self)
{
  self->epoch = g_get_monotonic_time ();
}

TgClock *
tg_real_clock_new (GMainContext *context)
{
  TgRealClock *self = g_object_new (TG_TYPE_REAL_CLOCK, NULL);

  self->source = g_source_new (&real_clock_source_funcs, sizeof (GSource));
  g_source_set_name (self->source, "TgRealClock");
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT);
  /* The source does not own the clock: dispose destroys it first. */
  g_source_set_callback (self->source, real_clock_fire, self, NULL);
  g_source_set_ready_time (self->source, -1);
  g_source_attach (self->source,
                   context != NULL ? context : g_main_context_get_thread_default ());

  return TG_CLOCK (self);
}
