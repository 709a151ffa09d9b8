/* tg-llm-client.h: an OpenAI-compatible chat client (a local LLM server, or a hosted one) for
 * the optional second opinion beside the built-in analysis report.
 *
 * POST {base-url}/chat/completions with {"model", "messages"}, the key as a Bearer token when
 * there is one; the answer is choices[0].message.content. Asynchronous, cancellable, with an
 * overall time limit; every failure a TG_LLM_ERROR a player can act on.
 */
#pragma once

#include <gio/gio.h>

#include "tg-analyst.h"

G_BEGIN_DECLS

#define TG_LLM_ERROR (tg_llm_error_quark ())

typedef enum
{
  TG_LLM_ERROR_INVALID_SETTINGS,  /* no URL or model, or a URL that is not http(s) */
  TG_LLM_ERROR_NETWORK,           /* the server could not be reached */
  TG_LLM_ERROR_TIMEOUT,           /* no complete answer within the time limit */
  TG_LLM_ERROR_UNAUTHORIZED,      /* 401 or 403: the key */
  TG_LLM_ERROR_HTTP,              /* any other non-2xx status */
  TG_LLM_ERROR_BAD_RESPONSE,      /* not JSON, or no text in it */
} TgLlmError;

GQuark tg_llm_error_quark (void);

#define TG_LLM_DEFAULT_TIMEOUT 60   /* seconds */

#define TG_TYPE_LLM_CLIENT (tg_llm_client_get_type ())
G_DECLARE_FINAL_TYPE (TgLlmClient, tg_llm_client, TG, LLM_CLIENT, GObject)

/* @base_url: e.g. "http://localhost:8080/v1"; @api_key may be NULL or empty (local servers). */
TgLlmClient *tg_llm_client_new          (const char          *base_url,
                                         const char          *model,
                                         const char          *api_key);
const char  *tg_llm_client_get_base_url (TgLlmClient         *self);
const char  *tg_llm_client_get_model    (TgLlmClient         *self);
/* Seconds for the whole request, connection to last byte. */
guint        tg_llm_client_get_timeout  (TgLlmClient         *self);
void         tg_llm_client_set_timeout  (TgLlmClient         *self,
                                         guint                seconds);

/* One exchange: a system message and a user message. */
void         tg_llm_client_chat_async   (TgLlmClient         *self,
                                         const char          *system_prompt,
                                         const char          *user_message,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char        *tg_llm_client_chat_finish  (TgLlmClient         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Asks for a coach's review of @analysis (sent as the numeric summary in JSON), written in
 * @language (a language name or code, e.g. "Korean", "ko"; NULL: the UI's). */
void         tg_llm_client_review_async (TgLlmClient         *self,
                                         const TgAnalysis    *analysis,
                                         const char          *language,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char        *tg_llm_client_review_finish (TgLlmClient        *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* The numeric summary sent to the model (pretty-printed JSON). */
char        *tg_analysis_to_json        (const TgAnalysis    *analysis);

G_END_DECLS
