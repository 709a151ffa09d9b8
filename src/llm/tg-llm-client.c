/* tg-llm-client.c: the OpenAI-compatible chat request, its time limit and its errors. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tg-llm-client.h"

G_DEFINE_QUARK (tg-llm-error-quark, tg_llm_error)

struct _TgLlmClient
{
  GObject      parent_instance;

  char        *base_url;
  char        *model;
  char        *api_key;
  guint        timeout;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (TgLlmClient, tg_llm_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_MODEL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One request in flight. */
typedef struct
{
  SoupMessage  *message;
  char         *url;
  GCancellable *cancellable;        /* ours: cancelled by the caller's or the time limit */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *timeout_source;
  gboolean      timed_out;
  guint         timeout;
} Request;

static void
request_free (Request *request)
{
  if (request->timeout_source != NULL)
    {
      g_source_destroy (request->timeout_source);
      g_source_unref (request->timeout_source);
    }
  if (request->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (request->caller_cancellable, request->caller_handler);
      g_object_unref (request->caller_cancellable);
    }
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_free (request->url);
  g_free (request);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* {"error": {"message": …}} or {"error": "…"} or {"message": "…"}, as servers send them. */
static char *
error_message_from_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *error;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  error = json_object_get_member (object, "error");
  if (error != NULL && JSON_NODE_HOLDS_OBJECT (error) &&
      json_object_has_member (json_node_get_object (error), "message"))
    return g_strdup (json_object_get_string_member_with_default (json_node_get_object (error),
                                                                 "message", NULL));
  if (error != NULL && JSON_NODE_HOLDS_VALUE (error) &&
      json_node_get_value_type (error) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (error));
  return g_strdup (json_object_get_string_member_with_default (object, "message", NULL));
}

static char *
content_from_body (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root, *choices, *message, *content;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (data == NULL || size == 0 ||
      !json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      g_set_error (error, TG_LLM_ERROR, TG_LLM_ERROR_BAD_RESPONSE,
                   _("The language model server sent an answer that is not JSON (%s). Check that "
                     "the URL points at an OpenAI-compatible API."),
                   parse_error != NULL ? parse_error->message : _("empty answer"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  choices = JSON_NODE_HOLDS_OBJECT (root) ?
            json_object_get_member (json_node_get_object (root), "choices") : NULL;
  if (choices != NULL && JSON_NODE_HOLDS_ARRAY (choices) &&
      json_array_get_length (json_node_get_array (choices)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (choices), 0);

      message = JSON_NODE_HOLDS_OBJECT (first) ?
                json_object_get_member (json_node_get_object (first), "message") : NULL;
      content = message != NULL && JSON_NODE_HOLDS_OBJECT (message) ?
                json_object_get_member (json_node_get_object (message), "content") : NULL;
      if (content != NULL && JSON_NODE_HOLDS_VALUE (content) &&
          json_node_get_value_type (content) == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (content)));

          if (*text != '\0')
            return g_steal_pointer (&text);
        }
    }
  g_set_error (error, TG_LLM_ERROR, TG_LLM_ERROR_BAD_RESPONSE,
               _("The language model server answered without any text (no "
                 "choices[0].message.content). Check the model name."));
  return NULL;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupStatus status;
  char *text;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      /* Ours, or the session's limit on silence (the same number of seconds). */
      if (request->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_TIMEOUT,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "The language model server did not answer within %u "
                                              "second. Try again, choose a smaller model or raise "
                                              "the time limit.",
                                              "The language model server did not answer within %u "
                                              "seconds. Try again, choose a smaller model or raise "
                                              "the time limit.", request->timeout),
                                 request->timeout);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_NETWORK,
                                 _("Could not reach the language model server at %s: %s. Check "
                                   "the URL and that the server is running."),
                                 request->url, error->message);
      return;
    }

  status = soup_message_get_status (request->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *detail = error_message_from_body (body);
      const char *reason = soup_message_get_reason_phrase (request->message);

      if (detail == NULL)
        detail = g_strdup (reason != NULL && *reason ? reason : soup_status_get_phrase (status));
      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_UNAUTHORIZED,
                                 _("The language model server refused the key (HTTP %u: %s). "
                                   "Check the API key in Preferences."),
                                 status, detail);
      else if (status == SOUP_STATUS_NOT_FOUND)
        g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_HTTP,
                                 _("The language model server has nothing at %s (HTTP 404: %s). "
                                   "Check the URL; most servers expect it to end in /v1."),
                                 request->url, detail);
      else
        g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_HTTP,
                                 _("The language model server answered with an error (HTTP %u: "
                                   "%s)."),
                                 status, detail);
      return;
    }

  text = content_from_body (body, &error);
  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, g_free);
}

static char *
build_body (const char *model,
            const char *system_prompt,
            const char *user_message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  if (system_prompt != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "system");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, system_prompt);
      json_builder_end_object (builder);
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, user_message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* {base}/chat/completions, or NULL (and @error) for a URL that cannot work. */
static char *
endpoint_url (const char  *base_url,
              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;

  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS,
                           _("No language model server is set. Enter its URL in Preferences, for "
                             "example http://localhost:8080/v1."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (base_url));
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS,
                   _("“%s” is not a web address TickGet can use for the language model server. "
                     "It should look like http://localhost:8080/v1."),
                   base_url);
      return NULL;
    }
  return g_strconcat (trimmed, "/chat/completions", NULL);
}

void
tg_llm_client_chat_async (TgLlmClient         *self,
                          const char          *system_prompt,
                          const char          *user_message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  Request *request;
  SoupMessageHeaders *headers;
  char *json;

  g_return_if_fail (TG_IS_LLM_CLIENT (self));
  g_return_if_fail (user_message != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tg_llm_client_chat_async);
  /* The caller's cancellation is reported by us, with the right error. */
  g_task_set_check_cancellable (task, FALSE);

  if ((url = endpoint_url (self->base_url, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->model == NULL || *self->model == '\0')
    {
      g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS,
                               _("No language model is set. Enter the model’s name in "
                                 "Preferences."));
      return;
    }

  request = g_new0 (Request, 1);
  request->url = g_steal_pointer (&url);
  request->timeout = self->timeout;
  request->message = soup_message_new (SOUP_METHOD_POST, request->url);
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, TG_LLM_ERROR, TG_LLM_ERROR_INVALID_SETTINGS,
                               _("“%s” is not a web address TickGet can use for the language "
                                 "model server. It should look like http://localhost:8080/v1."),
                               self->base_url);
      return;
    }
  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (caller_cancelled_cb),
                                                       request->cancellable, NULL);
    }

  json = build_body (self->model, system_prompt, user_message);
  body = g_bytes_new_take (json, strlen (json));
  soup_message_set_request_body_from_bytes (request->message, "application/json", body);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL && *self->api_key != '\0')
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->api_key, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
    }

  if (self->timeout > 0)
    {
      request->timeout_source = g_timeout_source_new_seconds (self->timeout);
      g_source_set_callback (request->timeout_source, timeout_cb, request, NULL);
      g_source_set_static_name (request->timeout_source, "[tickget] llm timeout");
      g_source_attach (request->timeout_source, g_task_get_context (task));
    }

  g_debug ("POST %s (model %s)", request->url, self->model);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    request->cancellable, send_cb, g_steal_pointer (&task));
}

char *
tg_llm_client_chat_finish (TgLlmClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TG_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
review_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *text = tg_llm_client_chat_finish (TG_LLM_CLIENT (source), result, &error);

  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, g_free);
}

void
tg_llm_client_review_async (TgLlmClient         *self,
                            const TgAnalysis    *analysis,
                            const char          *language,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *system_prompt = NULL;
  g_autofree char *user_message = NULL;

  g_return_if_fail (TG_IS_LLM_CLIENT (self));
  g_return_if_fail (analysis != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tg_llm_client_review_async);
  g_task_set_check_cancellable (task, FALSE);

  if (language == NULL)
    language = g_get_language_names ()[0];
  summary = tg_analysis_to_json (analysis);
  /* Not translated: instructions for the model, which reads English best. The answer's
   * language is asked for explicitly. */
  system_prompt = g_strdup_printf (
    "You are a coach for ticketing practice (Korean concert ticket sales: waiting room, "
    "security code, seat map). The player practises against bots of three skill levels. "
    "You receive the player's statistics as JSON: times in milliseconds, stages in the order "
    "reaction, date, queue, captcha, seat, payment. Write a short, concrete review: what is "
    "going well, what costs seats, and which drills to do next (drills: click, captcha, seat). "
    "Use only the numbers given; do not invent figures. Answer in the language '%s'.",
    language);
  user_message = g_strconcat ("My TickGet statistics:\n", summary, NULL);
  tg_llm_client_chat_async (self, system_prompt, user_message, cancellable, review_cb,
                            g_steal_pointer (&task));
}

char *
tg_llm_client_review_finish (TgLlmClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TG_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

const char *
tg_llm_client_get_base_url (TgLlmClient *self)
{
  g_return_val_if_fail (TG_IS_LLM_CLIENT (self), NULL);
  return self->base_url;
}

const char *
tg_llm_client_get_model (TgLlmClient *self)
{
  g_return_val_if_fail (TG_IS_LLM_CLIENT (self), NULL);
  return self->model;
}

guint
tg_llm_client_get_timeout (TgLlmClient *self)
{
  g_return_val_if_fail (TG_IS_LLM_CLIENT (self), 0);
  return self->timeout;
}

void
tg_llm_client_set_timeout (TgLlmClient *self,
                           guint        seconds)
{
  g_return_if_fail (TG_IS_LLM_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  /* The session's own limit is on silence; ours covers the whole request. */
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static void
tg_llm_client_finalize (GObject *object)
{
  TgLlmClient *self = TG_LLM_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->model);
  g_free (self->api_key);

  G_OBJECT_CLASS (tg_llm_client_parent_class)->finalize (object);
}

static void
tg_llm_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TgLlmClient *self = TG_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_llm_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TgLlmClient *self = TG_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_MODEL:
      g_free (self->model);
      self->model = g_value_dup_string (value);
      break;
    case PROP_API_KEY:
      g_free (self->api_key);
      self->api_key = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      tg_llm_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_llm_client_class_init (TgLlmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tg_llm_client_finalize;
  object_class->get_property = tg_llm_client_get_property;
  object_class->set_property = tg_llm_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, TG_LLM_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tg_llm_client_init (TgLlmClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "TickGet/" PACKAGE_VERSION,
                                                 NULL);
}

TgLlmClient *
tg_llm_client_new (const char *base_url,
                   const char *model,
                   const char *api_key)
{
  return g_object_new (TG_TYPE_LLM_CLIENT,
                       "base-url", base_url,
                       "model", model,
                       "api-key", api_key,
                       NULL);
}
