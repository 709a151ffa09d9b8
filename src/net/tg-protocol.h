/* tg-protocol.h: the LAN protocol's envelope, limits, error codes and field validation.
 *
 * Every WebSocket text frame is one JSON object {"v":1,"type":"…","id":…, …fields}. Requests
 * from the client carry an "id" and get exactly one answer: {"type":"reply","id":same,…} or
 * {"type":"error","id":same,"code":"…","message":"…"}. Pushes from the server carry no id.
 * docs/protocol.md is the reference; this file is its C side, shared by server and client.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tg-match.h"

G_BEGIN_DECLS

#define TG_PROTOCOL_VERSION          1
#define TG_PROTOCOL_PATH             "/ws"

/* Limits (docs/protocol.md, "Limits"). */
#define TG_PROTOCOL_MAX_MESSAGE      (1024 * 1024)     /* bytes per frame/message */
#define TG_PROTOCOL_MAX_VENUE_SVG    (768 * 1024)      /* bytes of an uploaded seat map */
#define TG_PROTOCOL_MAX_VENUE_SEATS  50000
#define TG_PROTOCOL_MAX_NICKNAME     24                /* characters */
#define TG_PROTOCOL_MAX_TITLE        48
#define TG_PROTOCOL_MAX_CHAT         500
#define TG_PROTOCOL_MAX_PASSWORD     64
#define TG_PROTOCOL_MAX_PLAYERS      60
#define TG_PROTOCOL_MAX_BOTS         50000
#define TG_PROTOCOL_MAX_ID           G_GINT64_CONSTANT (9007199254740991)   /* 2^53 − 1 */
#define TG_PROTOCOL_MIN_OPEN_DELAY_MS 10000
#define TG_PROTOCOL_MAX_OPEN_DELAY_MS 3600000

/* WebSocket close codes the server uses besides the standard ones. */
#define TG_CLOSE_REPLACED            4000   /* the same player resumed on another connection */
#define TG_CLOSE_KEEPALIVE           4001   /* no pong within the timeout */
#define TG_CLOSE_SERVER_FULL         4002   /* too many connections; try again later */

#define TG_PROTOCOL_ERROR (tg_protocol_error_quark ())

/* The "code" of an error message; tg_protocol_error_to_code() gives its wire string. */
typedef enum
{
  TG_PROTOCOL_ERROR_BAD_JSON,           /* "bad_json" */
  TG_PROTOCOL_ERROR_BAD_MESSAGE,        /* "bad_message": missing/mistyped/out-of-range field */
  TG_PROTOCOL_ERROR_UNSUPPORTED_VERSION,/* "unsupported_version" */
  TG_PROTOCOL_ERROR_UNKNOWN_TYPE,       /* "unknown_type" */
  TG_PROTOCOL_ERROR_NOT_AUTHENTICATED,  /* "not_authenticated": hello first */
  TG_PROTOCOL_ERROR_ALREADY_AUTHENTICATED,
  TG_PROTOCOL_ERROR_UNKNOWN_TOKEN,      /* resume with an unknown or expired token */
  TG_PROTOCOL_ERROR_RATE_LIMITED,
  TG_PROTOCOL_ERROR_NOT_IN_ROOM,
  TG_PROTOCOL_ERROR_ALREADY_IN_ROOM,
  TG_PROTOCOL_ERROR_NO_SUCH_ROOM,
  TG_PROTOCOL_ERROR_ROOM_FULL,
  TG_PROTOCOL_ERROR_WRONG_PASSWORD,
  TG_PROTOCOL_ERROR_NOT_HOST,
  TG_PROTOCOL_ERROR_NO_SUCH_PLAYER,
  TG_PROTOCOL_ERROR_MATCH_RUNNING,
  TG_PROTOCOL_ERROR_NO_MATCH,
  TG_PROTOCOL_ERROR_NOT_READY,
  TG_PROTOCOL_ERROR_INVALID_VENUE,
  TG_PROTOCOL_ERROR_SERVER_FULL,        /* too many rooms */
  /* The engine's refusals (TgMatchError). */
  TG_PROTOCOL_ERROR_NOT_OPEN,
  TG_PROTOCOL_ERROR_WRONG_STATE,
  TG_PROTOCOL_ERROR_DATE_UNAVAILABLE,
  TG_PROTOCOL_ERROR_CAPTCHA_WRONG,
  TG_PROTOCOL_ERROR_CAPTCHA_EXPIRED,
  TG_PROTOCOL_ERROR_SEAT_TAKEN,
  TG_PROTOCOL_ERROR_INVALID_SEATS,
  TG_PROTOCOL_ERROR_FINISHED,
  TG_PROTOCOL_ERROR_INTERNAL,
  TG_N_PROTOCOL_ERRORS
} TgProtocolError;

GQuark          tg_protocol_error_quark     (void);
const char     *tg_protocol_error_to_code   (TgProtocolError  error);
/* TG_PROTOCOL_ERROR_INTERNAL for an unknown code. */
TgProtocolError tg_protocol_error_from_code (const char      *code);
/* The engine's errors mapped to protocol codes. */
TgProtocolError tg_protocol_error_from_match (const GError   *error);
/* The reverse, for the client session: a protocol error as a TgMatchError when one fits. */
gboolean        tg_protocol_error_to_match  (TgProtocolError  code,
                                             TgMatchError    *out);

/* A parsed message: the envelope's type and id, and the whole object (owned). */
typedef struct
{
  char       *type;
  gint64      id;          /* -1 when absent */
  JsonObject *object;
} TgMessage;

void            tg_message_free             (TgMessage       *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgMessage, tg_message_free)

/* Parses one frame: JSON object, "v" == 1, "type" a non-empty string, "id" absent or an integer
 * 0 – 2^53−1. On failure @error is in TG_PROTOCOL_ERROR and *@out_id has the id if it could be
 * read (so the error reply can carry it), else -1. */
TgMessage      *tg_message_parse            (const char      *data,
                                             gsize            length,
                                             gint64          *out_id,
                                             GError         **error);

/* Building messages: a builder already inside an object with "v" and "type" (and "id" ≥ 0). */
JsonBuilder    *tg_message_builder_new      (const char      *type,
                                             gint64           id);
/* Closes the object and serialises it. */
char           *tg_message_builder_finish   (JsonBuilder     *builder);
char           *tg_message_error_new        (gint64           id,
                                             TgProtocolError  code,
                                             const char      *message);

/* Field readers: FALSE with TG_PROTOCOL_ERROR_BAD_MESSAGE and a message naming the field. */
gboolean        tg_message_get_int          (TgMessage       *message,
                                             const char      *field,
                                             gboolean         required,
                                             gint64           min,
                                             gint64           max,
                                             gint64          *out,
                                             GError         **error);
gboolean        tg_message_get_bool         (TgMessage       *message,
                                             const char      *field,
                                             gboolean         required,
                                             gboolean        *out,
                                             GError         **error);
/* A string of @min_len–@max_len bytes (NULL stays in *out when absent and not required). */
gboolean        tg_message_get_string       (TgMessage       *message,
                                             const char      *field,
                                             gboolean         required,
                                             gsize            min_len,
                                             gsize            max_len,
                                             const char     **out,
                                             GError         **error);
/* A name, title or chat line: trimmed, NFC, 1–@max_chars characters, no control or invisible
 * formatting characters. Returns the cleaned copy in *out. */
gboolean        tg_message_get_text         (TgMessage       *message,
                                             const char      *field,
                                             gboolean         required,
                                             guint            max_chars,
                                             char           **out,
                                             GError         **error);
/* An array of 1–@max_len integers in [0, @max_value]. */
gboolean        tg_message_get_uint_array   (TgMessage       *message,
                                             const char      *field,
                                             guint            max_len,
                                             guint32          max_value,
                                             GArray         **out,
                                             GError         **error);
gboolean        tg_message_has              (TgMessage       *message,
                                             const char      *field);

/* The same text rule as tg_message_get_text() for strings from elsewhere. */
char           *tg_protocol_clean_text      (const char      *text,
                                             guint            max_chars,
                                             const char      *what,
                                             GError         **error);

/* Wire names of the engine's enums. */
const char     *tg_protocol_state_to_string (TgMatchState     state);
gboolean        tg_protocol_state_from_string (const char    *str,
                                             TgMatchState    *out);
gboolean        tg_protocol_fail_reason_from_string (const char *str,
                                             TgFailReason    *out);
gboolean        tg_protocol_discount_from_string (const char *str,
                                             TgDiscount      *out);
gboolean        tg_protocol_payment_from_string (const char  *str,
                                             TgPaymentMethod *out);
const char     *tg_protocol_discount_to_string (TgDiscount    discount);
const char     *tg_protocol_payment_to_string (TgPaymentMethod method);

/* TgResult as a JSON object (written into an open builder object member) and back. */
void            tg_protocol_add_result      (JsonBuilder     *builder,
                                             const TgResult  *result);
TgResult       *tg_protocol_parse_result    (JsonObject      *object);

/* Small JSON helpers that never fail: a missing or mistyped member gives @fallback. */
gint64          tg_json_get_int             (JsonObject      *object,
                                             const char      *member,
                                             gint64           fallback);
const char     *tg_json_get_string          (JsonObject      *object,
                                             const char      *member);
JsonObject     *tg_json_get_object          (JsonObject      *object,
                                             const char      *member);
JsonArray      *tg_json_get_array           (JsonObject      *object,
                                             const char      *member);

G_END_DECLS
