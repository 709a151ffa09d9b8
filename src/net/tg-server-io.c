/* tg-server-io.c: the server's WebSocket connections and the workers that read and write them.
 *
 * GLib's main loop polls every descriptor of its context and visits every source on each
 * wake-up, so with 10,000 connections on the game thread's context every timer tick and every
 * message cost a walk over 10,000 sources (docs/performance.md). Here the game thread only
 * accepts and answers HTTP: after the WebSocket handshake the connection's stream goes to a
 * worker, which owns its SoupWebsocketConnection on its own context and thread. The worker
 * applies the per-connection limits (rate, size, keepalive) and parses the JSON; parsed
 * requests, bad frames and closes go to the game thread through one queue, and what the game
 * sends goes back through the worker's queue. Each queue wakes its loop once per batch, not once
 * per message.
 *
 * With io_threads 0 there is one worker on the game thread's own context and every hand-over is
 * a direct call: the same code, without threads (the app's in-process host, most tests).
 */

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "tg-server-private.h"

#define SHUTDOWN_FLUSH_US (300 * 1000)
/* Pacing of a worker's loop. Each iteration of a GLib main loop walks every source and
 * descriptor of its context (and libsoup re-adds a connection's input source after every read,
 * an O(n) insertion), so with 5,000 connections a wake-up per pong or per match tick saturates
 * a core. After an iteration the worker waits a moment in proportion to its connections — 0.4 µs
 * each, at most 4 ms at 10,000 — so that what arrives meanwhile (reads, pongs, the game's sends)
 * is handled together in the next walk. A few dozen connections wait a few µs: a request's round
 * trip stays fast when the walk is cheap. */
#define PACE_NS_PER_CONNECTION 400
#define ITERATION_PERIOD_US 4000
/* …and sends at most this many messages per iteration, so that a match tick's pushes to
 * thousands of players leave in slices (a few ms apart) rather than as one burst that the
 * network and the clients receive all at once. 250,000 messages a second per worker. */
#define SENDS_PER_ITERATION 1000

typedef enum
{
  ITEM_SEND,      /* to a worker: text for the peer */
  ITEM_CLOSE,     /* to a worker: close with code and reason */
  ITEM_ADOPT,     /* to a worker: a stream after the handshake */
  ITEM_QUIT,      /* to a worker: close everything and stop */
  ITEM_MESSAGE,   /* to the game: a parsed request */
  ITEM_BAD_FRAME, /* to the game: a frame that is not a request (error reply) */
  ITEM_CLOSED,    /* to the game: the connection is gone */
} ItemKind;

typedef struct
{
  ItemKind      kind;
  TgConn       *conn;       /* a reference */
  char         *text;       /* SEND; CLOSE: the reason */
  gushort       code;       /* CLOSE */
  TgMessage    *message;    /* MESSAGE */
  GError       *error;      /* BAD_FRAME */
  gint64        id;         /* BAD_FRAME: the request's id, if it had one */
  gsize         length;     /* MESSAGE, BAD_FRAME: bytes of the frame */
  gint64        received;   /* MESSAGE: monotonic µs the frame arrived */
  TgCloseCause  cause;      /* CLOSED */
  GIOStream    *stream;     /* ADOPT */
  GUri         *uri;        /* ADOPT */
  char         *origin;     /* ADOPT */
  char         *protocol;   /* ADOPT */
} Item;

struct _TgIoWorker
{
  TgServer     *server;
  guint         index;
  GMainContext *context;     /* its own, or the server's when there is no thread */
  GThread      *thread;      /* NULL: runs on the server's context */
  gboolean      running;     /* its thread's loop goes on */
  TgMailbox    *outbox;      /* Item*, from the game thread; NULL without a thread */
  GHashTable   *conns;       /* TgConn* → itself, a reference each; worker side */
  GSource      *sweep_source;
  gboolean      quitting;
};

static void worker_handle (TgIoWorker *worker, Item *item);
static void game_handle (TgServer *server, Item *item);

/* ---- items ---- */

static Item *
item_new (ItemKind  kind,
          TgConn   *conn)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->conn = conn != NULL ? tg_conn_ref (conn) : NULL;
  return item;
}

static void
item_free (Item *item)
{
  g_clear_pointer (&item->conn, tg_conn_unref);
  g_free (item->text);
  g_clear_pointer (&item->message, tg_message_free);
  g_clear_error (&item->error);
  g_clear_object (&item->stream);
  g_clear_pointer (&item->uri, g_uri_unref);
  g_free (item->origin);
  g_free (item->protocol);
  g_free (item);
}

/* A source that is dispatched once after g_source_set_ready_time (source, 0), from any thread:
 * GLib wakes the owning context. */
static gboolean
wake_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs wake_funcs = { NULL, NULL, wake_dispatch, NULL, NULL, NULL };

static GSource *
wake_source_new (const char  *name,
                 GSourceFunc  func,
                 gpointer     data,
                 GMainContext *context)
{
  GSource *source = g_source_new (&wake_funcs, sizeof (GSource));

  g_source_set_callback (source, func, data, NULL);
  g_source_set_name (source, name);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, context);
  return source;
}

/* A queue between two threads: the consumer's context is woken once per batch, by a source made
 * ready with g_source_set_ready_time() (thread-safe). */
struct _TgMailbox
{
  GMutex    lock;
  GQueue    items;
  gboolean  pending;     /* the source is ready, or will be */
  GSource  *source;
};

static TgMailbox *
mailbox_new (const char   *name,
             GSourceFunc   func,
             gpointer      data,
             GMainContext *context)
{
  TgMailbox *box = g_new0 (TgMailbox, 1);

  g_mutex_init (&box->lock);
  g_queue_init (&box->items);
  box->source = wake_source_new (name, func, data, context);
  return box;
}

static void
mailbox_free (TgMailbox *box)
{
  g_source_destroy (box->source);
  g_source_unref (box->source);
  g_queue_clear_full (&box->items, (GDestroyNotify) item_free);
  g_mutex_clear (&box->lock);
  g_free (box);
}

static void
mailbox_post (TgMailbox *box,
              Item      *item)
{
  gboolean wake;

  g_mutex_lock (&box->lock);
  g_queue_push_tail (&box->items, item);
  wake = !box->pending;
  box->pending = TRUE;
  g_mutex_unlock (&box->lock);
  if (wake)
    g_source_set_ready_time (box->source, 0);
}

/* Moves up to @max items (0: all) into @batch; what is left wakes the consumer again. */
static void
mailbox_take (TgMailbox *box,
              GQueue    *batch,
              guint      max)
{
  gboolean more = FALSE;

  g_mutex_lock (&box->lock);
  if (max > 0 && box->items.length > max)
    {
      for (guint i = 0; i < max; i++)
        g_queue_push_tail (batch, g_queue_pop_head (&box->items));
      more = TRUE;
    }
  else
    {
      *batch = box->items;
      g_queue_init (&box->items);
    }
  box->pending = more;
  g_mutex_unlock (&box->lock);
  if (more)
    g_source_set_ready_time (box->source, 0);
}

/* The worker's queue, or a direct call when it has no thread of its own. */
static void
post_to_worker (TgIoWorker *worker,
                Item       *item)
{
  if (worker->thread == NULL)
    {
      worker_handle (worker, item);
      item_free (item);
    }
  else
    mailbox_post (worker->outbox, item);
}

static void
post_to_game (TgIoWorker *worker,
              Item       *item)
{
  if (worker->thread == NULL)
    {
      game_handle (worker->server, item);
      item_free (item);
    }
  else
    mailbox_post (worker->server->inbox, item);
}

static gboolean
on_outbox (gpointer user_data)
{
  TgIoWorker *worker = user_data;
  GQueue batch = G_QUEUE_INIT;
  Item *item;

  /* A slice at a time while running; everything when stopping. */
  mailbox_take (worker->outbox, &batch, worker->running ? SENDS_PER_ITERATION : 0);
  while ((item = g_queue_pop_head (&batch)) != NULL)
    {
      worker_handle (worker, item);
      item_free (item);
    }
  return G_SOURCE_CONTINUE;
}

#ifdef __GLIBC__
/* Bursts (a match opening for thousands of players) queue tens of thousands of messages between
 * the threads; glibc keeps the freed memory in each thread's arena for good unless asked. */
static gboolean
on_trim (gpointer user_data)
{
  malloc_trim (0);
  return G_SOURCE_CONTINUE;
}
#endif

static gboolean
on_inbox (gpointer user_data)
{
  TgServer *server = user_data;
  GQueue batch = G_QUEUE_INIT;
  Item *item;

  mailbox_take (server->inbox, &batch, 0);
  while ((item = g_queue_pop_head (&batch)) != NULL)
    {
      game_handle (server, item);
      item_free (item);
    }
  return G_SOURCE_CONTINUE;
}

/* ---- connections ---- */

TgConn *
tg_conn_ref (TgConn *conn)
{
  g_atomic_int_inc (&conn->ref_count);
  return conn;
}

void
tg_conn_unref (TgConn *conn)
{
  if (!g_atomic_int_dec_and_test (&conn->ref_count))
    return;
  /* The worker let go of its SoupWebsocketConnection before its own reference. */
  g_assert (conn->ws == NULL);
  g_free (conn->peer);
  g_free (conn);
}

void
tg_conn_send (TgConn *conn,
              char   *text)
{
  Item *item;

  if (conn == NULL || conn->closed)
    {
      g_free (text);
      return;
    }
  /* libsoup refuses text frames that are not UTF-8; nothing we send should be, but a message
   * that quotes client input must still go out. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_debug ("repaired a message that was not UTF-8");
      g_free (text);
      text = valid;
    }
  conn->server->metrics.messages_out++;
  conn->server->metrics.bytes_out += strlen (text);
  item = item_new (ITEM_SEND, conn);
  item->text = text;
  post_to_worker (conn->worker, item);
}

void
tg_conn_close (TgConn     *conn,
               gushort     code,
               const char *reason)
{
  Item *item;

  if (conn->closed)
    return;
  conn->closed = TRUE;
  item = item_new (ITEM_CLOSE, conn);
  item->code = code;
  item->text = g_strdup (reason);
  post_to_worker (conn->worker, item);
}

/* ---- the worker's side ---- */

/* The connections, in an array that stays valid while they close (GLib 2.74 has no
 * g_hash_table_get_keys_as_ptr_array()). */
static GPtrArray *
conns_snapshot (GHashTable *conns)
{
  GPtrArray *array = g_ptr_array_sized_new (g_hash_table_size (conns));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (array, key);
  return array;
}

static gboolean
take_token (TgConn   *conn,
            gboolean *close_now)
{
  const TgServerOptions *options = &conn->server->options;
  gint64 now = g_get_monotonic_time ();
  double burst = options->message_burst;

  conn->tokens = MIN (burst, conn->tokens + (now - conn->bucket_at) * options->message_rate / G_USEC_PER_SEC);
  conn->bucket_at = now;
  conn->tokens -= 1;
  /* A short excess is answered with rate_limited; a client that keeps sending regardless (twice
   * the burst over) is flooding and loses the connection. */
  *close_now = conn->tokens < -burst;
  return conn->tokens >= 0;
}

static void
post_bad_frame (TgConn *conn,
                gint64  id,
                GError *error,
                gsize   length)
{
  Item *item = item_new (ITEM_BAD_FRAME, conn);

  item->id = id;
  item->error = error;
  item->length = length;
  post_to_game (conn->worker, item);
}

static void
on_ws_message (SoupWebsocketConnection *ws,
               int                      type,
               GBytes                  *bytes,
               TgConn                  *conn)
{
  const TgServerOptions *options = &conn->server->options;
  GError *error = NULL;
  gboolean close_now = FALSE;
  gint64 id = -1;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  TgMessage *message;

  /* Frames already read keep arriving after we decided to close. */
  if (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  conn->last_seen = g_get_monotonic_time ();

  if (!take_token (conn, &close_now))
    {
      if (close_now)
        {
          g_message ("%s: flooding (over %.0f messages/s); closing", conn->peer, options->message_rate);
          conn->cause = TG_CLOSE_CAUSE_FLOOD;
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too many messages");
          return;
        }
      g_set_error (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_RATE_LIMITED,
                   _("Too many messages: at most %.0f per second; this one was dropped"),
                   options->message_rate);
      post_bad_frame (conn, -1, error, length);
      return;
    }

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_set_error_literal (&error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("Messages must be text frames holding JSON"));
      post_bad_frame (conn, -1, error, length);
      return;
    }

  /* Parsed here, on the worker: the game thread gets a checked envelope. */
  message = tg_message_parse (data, length, &id, &error);
  if (message == NULL)
    post_bad_frame (conn, id, error, length);
  else
    {
      Item *item = item_new (ITEM_MESSAGE, conn);

      item->message = message;
      item->length = length;
      item->received = conn->last_seen;
      post_to_game (conn->worker, item);
    }
}

static void
on_ws_pong (SoupWebsocketConnection *ws,
            GBytes                  *message,
            TgConn                  *conn)
{
  conn->last_seen = g_get_monotonic_time ();
}

static void
on_ws_error (SoupWebsocketConnection *ws,
             GError                  *error,
             TgConn                  *conn)
{
  /* libsoup closes with 1009 itself when a frame is over the maximum payload size. */
  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    conn->cause = TG_CLOSE_CAUSE_OVERSIZE;
  g_message ("%s: %s", conn->peer, error->message);
}

/* Worker side: the connection can still send and be closed. */
static gboolean
conn_is_open (TgConn *conn)
{
  return conn->ws != NULL && soup_websocket_connection_get_state (conn->ws) == SOUP_WEBSOCKET_STATE_OPEN;
}

/* Lets go of the SoupWebsocketConnection (closing it if it is still open) and of the worker's
 * reference. */
static void
worker_drop (TgIoWorker *worker,
             TgConn     *conn)
{
  if (conn->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (conn->ws, conn);
      if (conn_is_open (conn))
        soup_websocket_connection_close (conn->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server shutting down");
      g_clear_object (&conn->ws);
    }
  g_hash_table_remove (worker->conns, conn);
}

static void
worker_drop_all (TgIoWorker *worker)
{
  g_autoptr(GPtrArray) conns = conns_snapshot (worker->conns);

  for (guint i = 0; i < conns->len; i++)
    worker_drop (worker, g_ptr_array_index (conns, i));
}

static void
on_ws_closed (SoupWebsocketConnection *ws,
              TgConn                  *conn)
{
  TgIoWorker *worker = conn->worker;
  Item *item;

  g_debug ("%s: closed (code %u)", conn->peer, soup_websocket_connection_get_close_code (ws));
  item = item_new (ITEM_CLOSED, conn);
  item->cause = conn->cause;
  worker_drop (worker, conn);
  post_to_game (worker, item);
  if (worker->quitting && g_hash_table_size (worker->conns) == 0)
    worker->running = FALSE;
}

static void
worker_adopt (TgIoWorker *worker,
              Item       *item)
{
  TgConn *conn = item->conn;
  const TgServerOptions *options = &worker->server->options;
  SoupWebsocketConnection *ws;

  ws = soup_websocket_connection_new (item->stream, item->uri, SOUP_WEBSOCKET_CONNECTION_SERVER,
                                      item->origin, item->protocol, NULL);
  conn->ws = ws;
  conn->tokens = options->message_burst;
  conn->bucket_at = conn->last_seen = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (ws, TG_PROTOCOL_MAX_MESSAGE);
  /* Each connection pings on its own period, up to half as long again: connections opened
   * together (a room after a network hiccup, a benchmark) would otherwise ping, and read their
   * pongs, in one burst that stalls the worker for seconds (libsoup re-adds a connection's
   * source after every read, which costs a walk over all of them). */
  if (options->keepalive_interval > 0)
    soup_websocket_connection_set_keepalive_interval (
      ws, (guint) g_random_int_range ((gint32) options->keepalive_interval,
                                      (gint32) (options->keepalive_interval + options->keepalive_interval / 2 + 1)));
  g_signal_connect (ws, "message", G_CALLBACK (on_ws_message), conn);
  g_signal_connect (ws, "pong", G_CALLBACK (on_ws_pong), conn);
  g_signal_connect (ws, "error", G_CALLBACK (on_ws_error), conn);
  g_signal_connect (ws, "closed", G_CALLBACK (on_ws_closed), conn);
  g_hash_table_add (worker->conns, tg_conn_ref (conn));
  g_debug ("%s: connected (I/O worker %u)", conn->peer, worker->index);
}

static gboolean
on_quit_deadline (gpointer user_data)
{
  TgIoWorker *worker = user_data;

  worker->running = FALSE;
  return G_SOURCE_REMOVE;
}

/* Says goodbye (1001) to everyone and gives the close frames a moment to leave: the loop stops
 * when the last one has closed, or after SHUTDOWN_FLUSH_US. */
static void
worker_quit (TgIoWorker *worker)
{
  g_autoptr(GPtrArray) open = conns_snapshot (worker->conns);
  GSource *source;

  worker->quitting = TRUE;
  for (guint i = 0; i < open->len; i++)
    {
      TgConn *conn = g_ptr_array_index (open, i);

      if (conn_is_open (conn))
        soup_websocket_connection_close (conn->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server shutting down");
    }
  if (g_hash_table_size (worker->conns) == 0)
    {
      worker->running = FALSE;
      return;
    }
  source = g_timeout_source_new (SHUTDOWN_FLUSH_US / 1000);
  g_source_set_callback (source, on_quit_deadline, worker, NULL);
  g_source_attach (source, worker->context);
  g_source_unref (source);
}

static void
worker_handle (TgIoWorker *worker,
               Item       *item)
{
  TgConn *conn = item->conn;

  switch (item->kind)
    {
    case ITEM_SEND:
      if (conn_is_open (conn))
        soup_websocket_connection_send_text (conn->ws, item->text);
      break;
    case ITEM_CLOSE:
      if (conn_is_open (conn))
        soup_websocket_connection_close (conn->ws, item->code, item->text);
      break;
    case ITEM_ADOPT:
      worker_adopt (worker, item);
      break;
    case ITEM_QUIT:
      worker_quit (worker);
      break;
    case ITEM_MESSAGE:
    case ITEM_BAD_FRAME:
    case ITEM_CLOSED:
    default:
      g_assert_not_reached ();
    }
}

/* Pings are libsoup's (keepalive interval); the pong timeout is ours, libsoup 3.2 has none. */
static gboolean
on_sweep (gpointer user_data)
{
  TgIoWorker *worker = user_data;
  const TgServerOptions *options = &worker->server->options;
  /* The longest ping period a connection may have (see worker_adopt), then the timeout. */
  guint silence = options->keepalive_interval + options->keepalive_interval / 2 + options->pong_timeout;
  gint64 limit = g_get_monotonic_time () - (gint64) silence * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) conns = conns_snapshot (worker->conns);

  for (guint i = 0; i < conns->len; i++)
    {
      TgConn *conn = g_ptr_array_index (conns, i);

      if (conn_is_open (conn) && conn->last_seen < limit)
        {
          g_message ("%s: no answer to pings for %u s; closing", conn->peer, silence);
          conn->cause = TG_CLOSE_CAUSE_KEEPALIVE;
          soup_websocket_connection_close (conn->ws, TG_CLOSE_KEEPALIVE, "keepalive timeout");
        }
    }
  return G_SOURCE_CONTINUE;
}

static gpointer
worker_main (gpointer user_data)
{
  TgIoWorker *worker = user_data;

  g_main_context_push_thread_default (worker->context);
  {
    gint64 last = 0;

    while (worker->running)
      {
        gint64 pace = MIN (ITERATION_PERIOD_US,
                           (gint64) g_hash_table_size (worker->conns) * PACE_NS_PER_CONNECTION / 1000);
        gint64 rest = last + pace - g_get_monotonic_time ();

        /* The last walk over every connection was a moment ago: let more gather first. */
        if (rest > 0)
          g_usleep (rest);
        g_main_context_iteration (worker->context, TRUE);
        last = g_get_monotonic_time ();
      }
  }
  /* Whatever was still queued, and whatever did not close in time. */
  on_outbox (worker);
  worker_drop_all (worker);
  /* Let libsoup finish what the closes started before the context goes. */
  while (g_main_context_iteration (worker->context, FALSE))
    ;
  g_main_context_pop_thread_default (worker->context);
  return NULL;
}

static TgIoWorker *
worker_new (TgServer *server,
            guint     index,
            gboolean  threaded)
{
  TgIoWorker *worker = g_new0 (TgIoWorker, 1);

  worker->server = server;
  worker->index = index;
  worker->context = threaded ? g_main_context_new () : g_main_context_ref (server->context);
  worker->conns = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) tg_conn_unref, NULL);
  if (server->options.keepalive_interval > 0)
    {
      worker->sweep_source = g_timeout_source_new_seconds (server->options.keepalive_interval);
      /* Low priority: under load, frames already waiting (pongs among them) are read first,
       * so a busy server does not mistake a live client for a dead one. */
      g_source_set_priority (worker->sweep_source, G_PRIORITY_LOW);
      g_source_set_callback (worker->sweep_source, on_sweep, worker, NULL);
      g_source_set_name (worker->sweep_source, "[tickget] keepalive sweep");
      g_source_attach (worker->sweep_source, worker->context);
    }
  if (threaded)
    {
      g_autofree char *name = g_strdup_printf ("tickget-io%u", index);

      worker->running = TRUE;
      worker->outbox = mailbox_new ("[tickget] I/O worker outbox", on_outbox, worker, worker->context);
      worker->thread = g_thread_new (name, worker_main, worker);
    }
  return worker;
}

static void
worker_free (TgIoWorker *worker)
{
  if (worker->thread != NULL)
    {
      post_to_worker (worker, item_new (ITEM_QUIT, NULL));
      g_thread_join (worker->thread);
    }
  else
    worker_drop_all (worker);
  if (worker->sweep_source != NULL)
    {
      g_source_destroy (worker->sweep_source);
      g_source_unref (worker->sweep_source);
    }
  g_clear_pointer (&worker->outbox, mailbox_free);
  g_hash_table_unref (worker->conns);
  g_main_context_unref (worker->context);
  g_free (worker);
}

/* ---- the game's side ---- */

static void
game_handle (TgServer *server,
             Item     *item)
{
  switch (item->kind)
    {
    case ITEM_MESSAGE:
      tg_server_conn_message (item->conn, item->message, item->length, item->received);
      break;
    case ITEM_BAD_FRAME:
      tg_server_conn_bad_frame (item->conn, item->id, item->error, item->length);
      break;
    case ITEM_CLOSED:
      tg_server_conn_closed (item->conn, item->cause);
      break;
    case ITEM_SEND:
    case ITEM_CLOSE:
    case ITEM_ADOPT:
    case ITEM_QUIT:
    default:
      g_assert_not_reached ();
    }
}

gboolean
tg_server_io_start (TgServer  *self,
                    GError   **error)
{
  guint n = self->options.io_threads;

  g_return_val_if_fail (self->workers == NULL, FALSE);
  if (n > TG_SERVER_MAX_IO_THREADS)
    {
      g_set_error (error, TG_SERVER_ERROR, TG_SERVER_ERROR_INVALID_OPTION,
                   _("At most %u I/O threads"), TG_SERVER_MAX_IO_THREADS);
      return FALSE;
    }
  if (n > 0)
    {
      self->inbox = mailbox_new ("[tickget] game inbox", on_inbox, self, self->context);
#ifdef __GLIBC__
      self->trim_source = g_timeout_source_new_seconds (5);
      g_source_set_priority (self->trim_source, G_PRIORITY_LOW);
      g_source_set_callback (self->trim_source, on_trim, NULL, NULL);
      g_source_set_name (self->trim_source, "[tickget] malloc trim");
      g_source_attach (self->trim_source, self->context);
#endif
    }
  self->n_workers = MAX (1u, n);
  self->workers = g_new0 (TgIoWorker *, self->n_workers);
  for (guint i = 0; i < self->n_workers; i++)
    self->workers[i] = worker_new (self, i, n > 0);
  return TRUE;
}

guint
tg_server_io_get_n_threads (TgServer *self)
{
  guint n = 0;

  for (guint i = 0; i < self->n_workers; i++)
    n += self->workers[i]->thread != NULL;
  return n;
}

void
tg_server_io_stop (TgServer *self)
{
  for (guint i = 0; i < self->n_workers; i++)
    worker_free (self->workers[i]);
  g_clear_pointer (&self->workers, g_free);
  self->n_workers = 0;
  if (self->trim_source != NULL)
    {
      g_source_destroy (self->trim_source);
      g_clear_pointer (&self->trim_source, g_source_unref);
    }
  if (self->inbox != NULL)
    {
      /* What the workers said while stopping: the closes. */
      on_inbox (self);
      g_clear_pointer (&self->inbox, mailbox_free);
    }
}

static void
on_upgrade_written (SoupServerMessage *msg,
                    gpointer           user_data)
{
  TgServer *self = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  TgConn *conn;
  TgIoWorker *worker;
  Item *item;

  g_signal_handlers_disconnect_by_func (msg, on_upgrade_written, user_data);
  if (self->workers == NULL)
    return;

  conn = g_new0 (TgConn, 1);
  conn->ref_count = 1;
  conn->server = self;
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_autofree char *host = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
      conn->peer = g_strdup_printf ("%s:%u", host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
    }
  else
    conn->peer = g_strdup ("?");

  item = item_new (ITEM_ADOPT, conn);
  item->stream = soup_server_message_steal_connection (msg);
  item->uri = g_uri_ref (soup_server_message_get_uri (msg));
  item->origin = g_strdup (soup_message_headers_get_one (request, "Origin"));
  item->protocol = g_strdup (soup_message_headers_get_one (response, "Sec-WebSocket-Protocol"));

  if (self->shut_down || g_hash_table_size (self->conns) >= self->options.max_connections)
    {
      /* Said with a close code, on this thread, and forgotten. */
      g_autoptr(SoupWebsocketConnection) ws =
        soup_websocket_connection_new (item->stream, item->uri, SOUP_WEBSOCKET_CONNECTION_SERVER,
                                       item->origin, item->protocol, NULL);

      self->metrics.connections_rejected++;
      soup_websocket_connection_close (ws, TG_CLOSE_SERVER_FULL, "server full");
      item_free (item);
      tg_conn_unref (conn);
      return;
    }

  worker = self->workers[self->next_worker++ % self->n_workers];
  conn->worker = worker;
  tg_server_conn_opened (self, conn);   /* the game's table takes our reference */
  post_to_worker (worker, item);
}

void
tg_server_io_handle_upgrade (SoupServer        *soup,
                             SoupServerMessage *msg,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data)
{
  /* No extensions: messages are small JSON, and permessage-deflate would cost CPU per frame. */
  if (soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    g_signal_connect_object (msg, "wrote-informational", G_CALLBACK (on_upgrade_written), user_data, 0);
}
