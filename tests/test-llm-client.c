/* test-llm-client.c: the OpenAI-compatible client against a fake endpoint served by SoupServer
 * in this process. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tg-llm-client.h"
#include "stats-fixtures.h"

typedef struct
{
  SoupServer   *server;
  char         *base;          /* http://127.0.0.1:port */
  GPtrArray    *paused;        /* SoupServerMessage held by the slow endpoint */
  /* What the last request to /v1 carried. */
  char         *authorization;
  char         *model;
  char         *system_prompt;
  char         *user_message;
  guint         n_requests;
} Fixture;

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
completions_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *fx = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *messages;

  fx->n_requests++;
  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    {
      reply (msg, 400, "{\"error\": {\"message\": \"bad request\"}}");
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  messages = json_object_get_array_member (root, "messages");
  g_free (fx->authorization);
  fx->authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                              "Authorization"));
  g_free (fx->model);
  fx->model = g_strdup (json_object_get_string_member (root, "model"));
  g_free (fx->system_prompt);
  g_free (fx->user_message);
  fx->system_prompt = json_array_get_length (messages) == 2 ?
    g_strdup (json_object_get_string_member (json_array_get_object_element (messages, 0), "content")) : NULL;
  fx->user_message = g_strdup (json_object_get_string_member (
    json_array_get_object_element (messages, json_array_get_length (messages) - 1), "content"));

  reply (msg, 200,
         "{\"id\": \"x\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0, "
         "\"message\": {\"role\": \"assistant\", \"content\": \"  Do the seat drill.\\n\"}, "
         "\"finish_reason\": \"stop\"}]}");
}

static void
bad_json_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
             gpointer user_data)
{
  reply (msg, 200, "{\"choices\": [ oops");
}

static void
no_content_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer user_data)
{
  reply (msg, 200, "{\"choices\": []}");
}

static void
unauthorized_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                 gpointer user_data)
{
  reply (msg, 401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"auth\"}}");
}

static void
server_error_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                 gpointer user_data)
{
  reply (msg, 503, "{\"error\": \"model is loading\"}");
}

static void
slow_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
         gpointer user_data)
{
  Fixture *fx = user_data;

  /* Never answers: held until the test ends. */
  soup_server_message_pause (msg);
  g_ptr_array_add (fx->paused, g_object_ref (msg));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fx->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->server, "/v1/chat/completions", completions_cb, fx, NULL);
  soup_server_add_handler (fx->server, "/bad/chat/completions", bad_json_cb, fx, NULL);
  soup_server_add_handler (fx->server, "/empty/chat/completions", no_content_cb, fx, NULL);
  soup_server_add_handler (fx->server, "/auth/chat/completions", unauthorized_cb, fx, NULL);
  soup_server_add_handler (fx->server, "/busy/chat/completions", server_error_cb, fx, NULL);
  soup_server_add_handler (fx->server, "/slow/chat/completions", slow_cb, fx, NULL);
  g_assert_true (soup_server_listen_local (fx->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx->server);
  g_assert_nonnull (uris);
  fx->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  for (guint i = 0; i < fx->paused->len; i++)
    soup_server_message_unpause (fx->paused->pdata[i]);
  g_ptr_array_unref (fx->paused);
  soup_server_disconnect (fx->server);
  g_object_add_weak_pointer (G_OBJECT (fx->server), (gpointer *) &fx->server);
  g_object_unref (fx->server);
  /* Let the server's and the sessions' closing connections finish. (libsoup 3.2.2 itself still
   * loses a few accepted sockets under valgrind: fixed upstream in 3.3, libsoup d20c6601.) */
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline &&
           (fx->server != NULL || g_main_context_pending (NULL)))
      g_main_context_iteration (NULL, FALSE);
  }
  if (fx->server != NULL)
    g_test_message ("the SoupServer is still referenced after the test");
  g_free (fx->base);
  g_free (fx->authorization);
  g_free (fx->model);
  g_free (fx->system_prompt);
  g_free (fx->user_message);
}

typedef struct
{
  gboolean  done;
  char     *text;
  GError   *error;
} Outcome;

static void
chat_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->text = tg_llm_client_chat_finish (TG_LLM_CLIENT (source), result, &outcome->error);
  outcome->done = TRUE;
}

static void
review_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->text = tg_llm_client_review_finish (TG_LLM_CLIENT (source), result, &outcome->error);
  outcome->done = TRUE;
}

static void
wait_for (Outcome *outcome)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!outcome->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (outcome->done);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->text, g_free);
  g_clear_error (&outcome->error);
  outcome->done = FALSE;
}

/* Runs one chat against @path on the fake server. */
static void
chat (Fixture    *fx,
      const char *path,
      const char *key,
      guint       timeout,
      Outcome    *outcome)
{
  g_autofree char *url = g_strconcat (fx->base, path, NULL);
  g_autoptr(TgLlmClient) client = tg_llm_client_new (url, "tiny-model", key);

  tg_llm_client_set_timeout (client, timeout);
  tg_llm_client_chat_async (client, "system", "hello", NULL, chat_cb, outcome);
  wait_for (outcome);
}

static void
test_success (Fixture       *fx,
              gconstpointer  data)
{
  Outcome outcome = { 0 };

  /* A trailing slash on the base URL is fine. */
  chat (fx, "/v1/", "sk-test", 10, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.text, ==, "Do the seat drill.");
  g_assert_cmpstr (fx->authorization, ==, "Bearer sk-test");
  g_assert_cmpstr (fx->model, ==, "tiny-model");
  g_assert_cmpstr (fx->system_prompt, ==, "system");
  g_assert_cmpstr (fx->user_message, ==, "hello");
  outcome_clear (&outcome);

  /* No key: no Authorization header (local servers). */
  chat (fx, "/v1", "", 10, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_null (fx->authorization);
  outcome_clear (&outcome);
}

static void
test_review (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) plays = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_history_play_free);
  g_autofree char *url = g_strconcat (fx->base, "/v1", NULL);
  g_autoptr(TgLlmClient) client = tg_llm_client_new (url, "coach", "k");
  g_autoptr(TgAnalysis) analysis = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  const char *json;
  JsonObject *summary;

  for (guint i = 0; i < 10; i++)
    {
      const gint64 t[TG_N_STAGES] = { 250, 1000, 9000, 9000 - 200 * (gint64) i, 4200, 5000 };
      g_ptr_array_add (plays, fixture_play (i + 1, (int) i, 0, TG_DIFFICULTY_HARD, TRUE, t));
    }
  analysis = tg_analysis_new (plays, NULL, &error);
  g_assert_no_error (error);

  tg_llm_client_review_async (client, analysis, "Korean", NULL, review_cb, &outcome);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.text, ==, "Do the seat drill.");
  g_assert_nonnull (strstr (fx->system_prompt, "Korean"));

  /* The user message carries the numeric summary as JSON. */
  json = strchr (fx->user_message, '{');
  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (summary, "plays"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (summary, "usual_difficulty"), ==, "hard");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (summary, "stages")), ==, 6);
  {
    JsonObject *captcha = json_array_get_object_element (json_object_get_array_member (summary, "stages"), 3);

    g_assert_cmpstr (json_object_get_string_member (captcha, "stage"), ==, "captcha");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (captcha, "slope_ms_per_play"), -200, 1e-6);
    g_assert_cmpstr (json_object_get_string_member (captcha, "level"), ==, "intermediate");
  }
  outcome_clear (&outcome);
}

static void
test_http_errors (Fixture       *fx,
                  gconstpointer  data)
{
  Outcome outcome = { 0 };

  chat (fx, "/auth", "wrong", 10, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_UNAUTHORIZED);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "Incorrect API key provided"));
  g_assert_nonnull (strstr (outcome.error->message, "401"));
  outcome_clear (&outcome);

  chat (fx, "/nowhere/v1", "k", 10, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_HTTP);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "404"));
  g_assert_nonnull (strstr (outcome.error->message, "/nowhere/v1/chat/completions"));
  outcome_clear (&outcome);

  chat (fx, "/busy", "k", 10, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_HTTP);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "503"));
  g_assert_nonnull (strstr (outcome.error->message, "model is loading"));
  outcome_clear (&outcome);
}

static void
test_bad_responses (Fixture       *fx,
                    gconstpointer  data)
{
  Outcome outcome = { 0 };

  chat (fx, "/bad", "k", 10, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_BAD_RESPONSE);
  g_test_message ("%s", outcome.error->message);
  outcome_clear (&outcome);

  chat (fx, "/empty", "k", 10, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_BAD_RESPONSE);
  g_test_message ("%s", outcome.error->message);
  outcome_clear (&outcome);
}

static void
test_timeout (Fixture       *fx,
              gconstpointer  data)
{
  Outcome outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  chat (fx, "/slow", "k", 1, &outcome);
  g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_TIMEOUT);
  g_test_message ("%s", outcome.error->message);
  g_assert_nonnull (strstr (outcome.error->message, "1 second"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  outcome_clear (&outcome);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fx->base, "/slow", NULL);
  g_autoptr(TgLlmClient) client = tg_llm_client_new (url, "m", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  tg_llm_client_chat_async (client, NULL, "hello", cancellable, chat_cb, &outcome);
  g_timeout_add (100, cancel_cb, cancellable);
  wait_for (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&outcome);
}

static void
test_unreachable_and_invalid (Fixture       *fx,
                              gconstpointer  data)
{
  static const char * const invalid[] = { "", "localhost:8080/v1", "ftp://example.org/v1", "http:///v1" };
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  Outcome outcome = { 0 };
  guint16 port;

  /* A port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);
  closed = g_strdup_printf ("http://127.0.0.1:%u/v1", port);
  {
    g_autoptr(TgLlmClient) client = tg_llm_client_new (closed, "m", NULL);

    tg_llm_client_chat_async (client, NULL, "hello", NULL, chat_cb, &outcome);
    wait_for (&outcome);
    g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_NETWORK);
    g_test_message ("%s", outcome.error->message);
    outcome_clear (&outcome);
  }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(TgLlmClient) client = tg_llm_client_new (invalid[i], "m", NULL);

      tg_llm_client_chat_async (client, NULL, "hello", NULL, chat_cb, &outcome);
      wait_for (&outcome);
      g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS);
      g_test_message ("%s", outcome.error->message);
      outcome_clear (&outcome);
    }

  {
    g_autofree char *url = g_strconcat (fx->base, "/v1", NULL);
    g_autoptr(TgLlmClient) client = tg_llm_client_new (url, "", NULL);

    tg_llm_client_chat_async (client, NULL, "hello", NULL, chat_cb, &outcome);
    wait_for (&outcome);
    g_assert_error (outcome.error, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS);
    outcome_clear (&outcome);
  }
  g_assert_cmpuint (fx->n_requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The fake server is on loopback: never go through a proxy from the environment. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/stats/llm-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("success", test_success);
  ADD ("review", test_review);
  ADD ("http-errors", test_http_errors);
  ADD ("bad-responses", test_bad_responses);
  ADD ("timeout", test_timeout);
  ADD ("cancel", test_cancel);
  ADD ("unreachable-and-invalid", test_unreachable_and_invalid);

#undef ADD

  return g_test_run ();
}
