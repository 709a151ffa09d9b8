/* tg-coarse-clock.c: see tg-coarse-clock.h. */

#include "config.h"

#include "tg-coarse-clock.h"

struct _TgCoarseClock
{
  TgClock  parent_instance;
  gint64   epoch;       /* g_get_monotonic_time() at creation */
  gint64   slack;
  GSource *source;
};

G_DEFINE_FINAL_TYPE (TgCoarseClock, tg_coarse_clock, TG_TYPE_CLOCK)

static gint64
tg_coarse_clock_now (TgClock *clock)
{
  return g_get_monotonic_time () - TG_COARSE_CLOCK (clock)->epoch;
}

static void
tg_coarse_clock_next_changed (TgClock *clock,
                              gint64   deadline)
{
  TgCoarseClock *self = TG_COARSE_CLOCK (clock);
  gint64 wake;

  if (self->source == NULL)
    return;
  if (deadline == G_MAXINT64)
    {
      g_source_set_ready_time (self->source, -1);
      return;
    }
  /* The grid is on the monotonic clock, so every coarse clock of the process shares it. */
  wake = MAX (0, self->epoch + deadline);
  if (self->slack > 0)
    wake = (wake + self->slack - 1) / self->slack * self->slack;
  g_source_set_ready_time (self->source, wake);
}

static gboolean
coarse_clock_source_dispatch (GSource     *source,
                              GSourceFunc  callback,
                              gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs coarse_clock_source_funcs = {
  .dispatch = coarse_clock_source_dispatch,
};

static gboolean
coarse_clock_fire (gpointer user_data)
{
  TgClock *clock = user_data;

  g_source_set_ready_time (TG_COARSE_CLOCK (clock)->source, -1);
  tg_clock_dispatch (clock);
  tg_coarse_clock_next_changed (clock, tg_clock_next_deadline (clock));
  return G_SOURCE_CONTINUE;
}

static void
tg_coarse_clock_dispose (GObject *object)
{
  TgCoarseClock *self = TG_COARSE_CLOCK (object);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  G_OBJECT_CLASS (tg_coarse_clock_parent_class)->dispose (object);
}

static void
tg_coarse_clock_class_init (TgCoarseClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_coarse_clock_dispose;
  TG_CLOCK_CLASS (klass)->now = tg_coarse_clock_now;
  TG_CLOCK_CLASS (klass)->next_changed = tg_coarse_clock_next_changed;
}

static void
tg_coarse_clock_init (TgCoarseClock *self)
{
  self->epoch = g_get_monotonic_time ();
}

TgClock *
tg_coarse_clock_new (GMainContext *context,
                     gint64        slack)
{
  TgCoarseClock *self;

  g_return_val_if_fail (slack >= 0, NULL);

  self = g_object_new (TG_TYPE_COARSE_CLOCK, NULL);
  self->slack = slack;
  self->source = g_source_new (&coarse_clock_source_funcs, sizeof (GSource));
  g_source_set_name (self->source, "TgCoarseClock");
  /* The source does not own the clock: dispose destroys it first. */
  g_source_set_callback (self->source, coarse_clock_fire, self, NULL);
  g_source_set_ready_time (self->source, -1);
  g_source_attach (self->source, context != NULL ? context : g_main_context_get_thread_default ());
  return TG_CLOCK (self);
}
