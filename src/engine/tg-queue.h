/* tg-queue.h: the fair first-come waiting queue (대기열).
 *
 * Members are appended in arrival order (the engine's clock timestamp when a book action is
 * accepted, ties broken by a sequence number), so a waiting member's position can only go down.
 * A Fenwick tree over arrival slots answers position/ahead/behind in O(log n); admission pops from
 * the front. An optional pre-queue collects arrivals before the open time and shuffles them (with
 * the match's seeded RNG) when the sale opens, as Queue-it style waiting rooms do.
 *
 * Not thread-safe: the match that owns it serialises access.
 */
#pragma once

#include <glib.h>

#include "tg-rng.h"

G_BEGIN_DECLS

#define TG_QUEUE_NO_TICKET G_MAXUINT32

typedef struct _TgQueue TgQueue;

typedef struct
{
  guint   position;      /* 1 = next to be admitted; 0 = not waiting */
  guint   ahead;
  guint   behind;
  guint   total;         /* members waiting now */
  guint   admitted;      /* admitted so far since open */
  gint64  estimated_wait;/* µs, at the queue's admission rate */
} TgQueueStatus;

TgQueue *tg_queue_new              (double    admission_rate_per_s);
void     tg_queue_free             (TgQueue  *self);

/* Appends @member (an opaque participant id) at the back; returns its ticket. @timestamp must not
 * be earlier than the previous join's. */
guint32  tg_queue_join             (TgQueue  *self,
                                    guint32   member,
                                    gint64    timestamp);
/* Before the open time: the member goes to the pre-queue; returns its ticket, valid after open. */
guint32  tg_queue_join_prequeue    (TgQueue  *self,
                                    guint32   member,
                                    gint64    timestamp);
/* Moves the pre-queue, in an order drawn from @rng, to the front of the queue. */
void     tg_queue_open             (TgQueue  *self,
                                    TgRng    *rng);
/* Removes a waiting member (left, gave up). FALSE if the ticket is not waiting. */
gboolean tg_queue_leave            (TgQueue  *self,
                                    guint32   ticket);
/* Admits the member at the front; returns its member id and sets *ticket, or FALSE if empty. */
gboolean tg_queue_pop              (TgQueue  *self,
                                    guint32  *member,
                                    guint32  *ticket);
void     tg_queue_status           (TgQueue  *self,
                                    guint32   ticket,
                                    TgQueueStatus *status);
guint    tg_queue_get_position     (TgQueue  *self,
                                    guint32   ticket);
guint    tg_queue_get_length       (TgQueue  *self);
guint    tg_queue_get_admitted     (TgQueue  *self);
double   tg_queue_get_rate         (TgQueue  *self);
gboolean tg_queue_is_waiting       (TgQueue  *self,
                                    guint32   ticket);
gsize    tg_queue_get_memory_size  (TgQueue  *self);

/* tg_queue_open(): members who joined with tg_queue_join() before the open keep their places (a
 * position never goes up), so the drawn pre-queue follows them and precedes every later arrival;
 * when all early arrivals use the pre-queue, as in a match, it is the front of the line.
 * Before the open, a pre-queue member is waiting (tg_queue_is_waiting()) but has no place in line
 * yet: its status and position are 0 until tg_queue_open() draws the order. The length and the
 * status' total count only members with a place in line; the pre-queue is counted apart. */
gboolean tg_queue_is_open          (TgQueue  *self);
gboolean tg_queue_is_prequeued     (TgQueue  *self,
                                    guint32   ticket);
guint    tg_queue_get_prequeue_length (TgQueue *self);
/* Changes the admission rate the estimated waits use; 0 means paused (a waiting member with
 * anyone ahead then gets an estimated wait of G_MAXINT64). tg_queue_new() accepts 0 too. */
void     tg_queue_set_rate         (TgQueue  *self,
                                    double    admission_rate_per_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgQueue, tg_queue_free)

G_END_DECLS
