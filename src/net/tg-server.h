/* tg-server.h: the LAN host — HTTP endpoints, the WebSocket protocol, rooms and online matches.
 *
 * One SoupServer on the thread-default GMainContext of the thread that creates it (the game
 * thread): HTTP, WebSocket handshakes, rooms and every match (on one clock of that context) live
 * there, so the game needs no locks. Open WebSocket connections are read and written either on
 * that same context (io_threads 0) or spread over io_threads threads, each with its own
 * GMainContext, so that no main loop polls every connection (tg-server-io.c).
 * docs/protocol.md describes what the server speaks.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TG_SERVER_ERROR (tg_server_error_quark ())

typedef enum
{
  TG_SERVER_ERROR_INVALID_OPTION,
  TG_SERVER_ERROR_LISTEN,
  TG_SERVER_ERROR_TLS,
  TG_SERVER_ERROR_STORE,
} TgServerError;

GQuark tg_server_error_quark (void);

typedef struct
{
  guint   max_connections;       /* WebSocket connections at once */
  guint   max_rooms;
  double  message_rate;          /* messages per second per connection (token bucket) */
  guint   message_burst;         /* bucket size */
  guint   keepalive_interval;    /* s between WebSocket pings; 0: none */
  guint   pong_timeout;          /* s without any frame from the peer after a ping */
  guint   grace_period;          /* s a disconnected player keeps their place */
  guint   min_open_delay_ms;     /* the earliest a host may open a match; 10 s, tests lower it */
  guint   timer_slack_ms;        /* match timers fire together on this grid (tg-coarse-clock.h) */
  guint   io_threads;            /* threads for the connections' I/O; 0: the game thread's loop */
} TgServerOptions;

#define TG_SERVER_MAX_IO_THREADS 64

void tg_server_options_init (TgServerOptions *options);

#define TG_TYPE_SERVER (tg_server_get_type ())
G_DECLARE_FINAL_TYPE (TgServer, tg_server, TG, SERVER, GObject)

/* Opens (or creates) @data_dir/server.db. */
TgServer *tg_server_new          (const TgServerOptions *options,
                                  const char            *data_dir,
                                  GError               **error);
/* @address NULL: every interface. @port 0: any free port (see tg_server_get_port()).
 * @tls_cert and @tls_key (PEM files) both set: HTTPS and wss://. */
gboolean  tg_server_listen       (TgServer              *self,
                                  const char            *address,
                                  guint                  port,
                                  const char            *tls_cert,
                                  const char            *tls_key,
                                  GError               **error);
guint     tg_server_get_port     (TgServer              *self);
/* Closes every connection (1001 going away) and stops listening. Idempotent. */
void      tg_server_shutdown     (TgServer              *self);

guint     tg_server_get_n_connections (TgServer         *self);
guint     tg_server_get_n_rooms       (TgServer         *self);

G_END_DECLS
