/* net-test-util.h: a real tickget-server on loopback and raw libsoup WebSocket clients that
 * speak the protocol by hand, all on the test's main context. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tg-server.h"

G_BEGIN_DECLS

typedef struct
{
  TgServer *server;
  char     *data_dir;
  guint     port;
} TestServer;

/* Loopback, port 0; short countdowns and grace period so tests run in seconds. */
/* tg_server_options_init(), then io_threads from TICKGET_TEST_IO_THREADS (meson runs the net
 * tests with and without I/O threads). */
void        test_server_options_init (TgServerOptions *options);
TestServer *test_server_new         (const TgServerOptions *options_or_null);
void        test_server_free        (TestServer  *server);

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *ws;
  GQueue                   inbox;       /* JsonObject*, in arrival order */
  gint64                   next_id;
  gboolean                 closed;
  guint                    close_code;
  guint                    player;
  char                    *token;
} TestClient;

TestClient *test_client_connect     (TestServer  *server);
/* Connects and says hello. */
TestClient *test_client_hello       (TestServer  *server,
                                     const char  *nickname);
void        test_client_free        (TestClient  *client);
void        test_client_send_raw    (TestClient  *client,
                                     const char  *text);
/* Sends {"v":1,"type":TYPE,"id":N,FIELDS} (FIELDS a JSON member list, or NULL) and returns the
 * reply or error with that id (owned). Fails the test after 10 s. */
JsonObject *test_client_request     (TestClient  *client,
                                     const char  *type,
                                     const char  *fields_format,
                                     ...) G_GNUC_PRINTF (3, 4);
/* As test_client_request() and asserts a "reply". */
JsonObject *test_client_ok          (TestClient  *client,
                                     const char  *type,
                                     const char  *fields_format,
                                     ...) G_GNUC_PRINTF (3, 4);
/* Asserts an error with @code. */
void        test_client_expect_error (TestClient *client,
                                     const char  *code,
                                     const char  *type,
                                     const char  *fields_format,
                                     ...) G_GNUC_PRINTF (4, 5);
/* The next message of @type (earlier ones of other types stay queued). */
JsonObject *test_client_wait        (TestClient  *client,
                                     const char  *type);
/* The next "you" push whose state is @state (others are skipped). */
JsonObject *test_client_wait_state  (TestClient  *client,
                                     const char  *state);
/* Drops every queued message. */
void        test_client_drain       (TestClient  *client);
void        test_client_wait_closed (TestClient  *client);

/* Iterates the main context until *@flag or 10 s (then fails). */
void        test_wait_for           (gboolean    *flag);
void        test_wait_ms            (guint        ms);
/* GET over HTTP from the test server; returns the body, sets *status. */
char       *test_http_get           (TestServer  *server,
                                     const char  *path,
                                     guint       *status);

G_END_DECLS
