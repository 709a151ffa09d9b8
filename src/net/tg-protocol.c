/* tg-protocol.c: envelope parsing, error codes, field validation and the wire names of the
 * engine's enums. Everything here is pure: no sockets, no server state. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-protocol.h"

G_DEFINE_QUARK (tg-protocol-error-quark, tg_protocol_error)

/* Deeper JSON is refused before json-glib sees it: its parser recurses once per level. */
#define MAX_JSON_DEPTH 16

static const char * const error_codes[TG_N_PROTOCOL_ERRORS] = {
  [TG_PROTOCOL_ERROR_BAD_JSON] = "bad_json",
  [TG_PROTOCOL_ERROR_BAD_MESSAGE] = "bad_message",
  [TG_PROTOCOL_ERROR_UNSUPPORTED_VERSION] = "unsupported_version",
  [TG_PROTOCOL_ERROR_UNKNOWN_TYPE] = "unknown_type",
  [TG_PROTOCOL_ERROR_NOT_AUTHENTICATED] = "not_authenticated",
  [TG_PROTOCOL_ERROR_ALREADY_AUTHENTICATED] = "already_authenticated",
  [TG_PROTOCOL_ERROR_UNKNOWN_TOKEN] = "unknown_token",
  [TG_PROTOCOL_ERROR_RATE_LIMITED] = "rate_limited",
  [TG_PROTOCOL_ERROR_NOT_IN_ROOM] = "not_in_room",
  [TG_PROTOCOL_ERROR_ALREADY_IN_ROOM] = "already_in_room",
  [TG_PROTOCOL_ERROR_NO_SUCH_ROOM] = "no_such_room",
  [TG_PROTOCOL_ERROR_ROOM_FULL] = "room_full",
  [TG_PROTOCOL_ERROR_WRONG_PASSWORD] = "wrong_password",
  [TG_PROTOCOL_ERROR_NOT_HOST] = "not_host",
  [TG_PROTOCOL_ERROR_NO_SUCH_PLAYER] = "no_such_player",
  [TG_PROTOCOL_ERROR_MATCH_RUNNING] = "match_running",
  [TG_PROTOCOL_ERROR_NO_MATCH] = "no_match",
  [TG_PROTOCOL_ERROR_NOT_READY] = "not_ready",
  [TG_PROTOCOL_ERROR_INVALID_VENUE] = "invalid_venue",
  [TG_PROTOCOL_ERROR_SERVER_FULL] = "server_full",
  [TG_PROTOCOL_ERROR_NOT_OPEN] = "not_open",
  [TG_PROTOCOL_ERROR_WRONG_STATE] = "wrong_state",
  [TG_PROTOCOL_ERROR_DATE_UNAVAILABLE] = "date_unavailable",
  [TG_PROTOCOL_ERROR_CAPTCHA_WRONG] = "captcha_wrong",
  [TG_PROTOCOL_ERROR_CAPTCHA_EXPIRED] = "captcha_expired",
  [TG_PROTOCOL_ERROR_SEAT_TAKEN] = "seat_taken",
  [TG_PROTOCOL_ERROR_INVALID_SEATS] = "invalid_seats",
  [TG_PROTOCOL_ERROR_FINISHED] = "finished",
  [TG_PROTOCOL_ERROR_INTERNAL] = "internal",
};

const char *
tg_protocol_error_to_code (TgProtocolError error)
{
  if ((guint) error >= TG_N_PROTOCOL_ERRORS)
    return "internal";
  return error_codes[error];
}

TgProtocolError
tg_protocol_error_from_code (const char *code)
{
  for (guint i = 0; i < TG_N_PROTOCOL_ERRORS; i++)
    if (g_strcmp0 (code, error_codes[i]) == 0)
      return (TgProtocolError) i;
  return TG_PROTOCOL_ERROR_INTERNAL;
}

static const struct {
  TgMatchError    match;
  TgProtocolError protocol;
} match_errors[] = {
  { TG_MATCH_ERROR_NOT_OPEN, TG_PROTOCOL_ERROR_NOT_OPEN },
  { TG_MATCH_ERROR_WRONG_STATE, TG_PROTOCOL_ERROR_WRONG_STATE },
  { TG_MATCH_ERROR_DATE_UNAVAILABLE, TG_PROTOCOL_ERROR_DATE_UNAVAILABLE },
  { TG_MATCH_ERROR_CAPTCHA_WRONG, TG_PROTOCOL_ERROR_CAPTCHA_WRONG },
  { TG_MATCH_ERROR_CAPTCHA_EXPIRED, TG_PROTOCOL_ERROR_CAPTCHA_EXPIRED },
  { TG_MATCH_ERROR_SEAT_TAKEN, TG_PROTOCOL_ERROR_SEAT_TAKEN },
  { TG_MATCH_ERROR_INVALID_SEATS, TG_PROTOCOL_ERROR_INVALID_SEATS },
  { TG_MATCH_ERROR_FINISHED, TG_PROTOCOL_ERROR_FINISHED },
  { TG_MATCH_ERROR_UNKNOWN_PARTICIPANT, TG_PROTOCOL_ERROR_NO_MATCH },
};

TgProtocolError
tg_protocol_error_from_match (const GError *error)
{
  if (error != NULL && error->domain == TG_MATCH_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (match_errors); i++)
      if (error->code == (int) match_errors[i].match)
        return match_errors[i].protocol;
  return TG_PROTOCOL_ERROR_WRONG_STATE;
}

gboolean
tg_protocol_error_to_match (TgProtocolError code,
                            TgMatchError   *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (match_errors); i++)
    if (code == match_errors[i].protocol)
      {
        *out = match_errors[i].match;
        return TRUE;
      }
  return FALSE;
}

/* Messages */

void
tg_message_free (TgMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->type);
  g_clear_pointer (&message->object, json_object_unref);
  g_free (message);
}

/* Nesting depth of the JSON text, counting brackets outside strings; stops early past @limit. */
static guint
json_depth (const char *data,
            gsize       length,
            guint       limit)
{
  guint depth = 0, max = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max)
            max = depth;
          if (max > limit)
            return max;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return max;
}

TgMessage *
tg_message_parse (const char  *data,
                  gsize        length,
                  gint64      *out_id,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(TgMessage) message = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root, *node;
  gint64 id = -1;

  *out_id = -1;
  if (length > TG_PROTOCOL_MAX_MESSAGE)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The message is larger than %d bytes"), TG_PROTOCOL_MAX_MESSAGE);
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_JSON,
                           _("The message is not valid UTF-8 text"));
      return NULL;
    }
  if (json_depth (data, length, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_JSON,
                   _("The message nests objects and arrays deeper than %d levels"), MAX_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_JSON,
                   _("The message is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_JSON,
                           _("The message is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("A message must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  /* The id first, so every later error can be answered to the right request. */
  node = json_object_get_member (object, "id");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0 || json_node_get_int (node) > TG_PROTOCOL_MAX_ID)
        {
          g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                               _("“id” must be an integer from 0 to 2^53−1"));
          return NULL;
        }
      id = json_node_get_int (node);
      *out_id = id;
    }

  node = json_object_get_member (object, "v");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("“v” (the protocol version) must be an integer"));
      return NULL;
    }
  if (json_node_get_int (node) != TG_PROTOCOL_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_UNSUPPORTED_VERSION,
                   _("Protocol version %s is not supported; this server speaks version %d"),
                   version, TG_PROTOCOL_VERSION);
      return NULL;
    }

  node = json_object_get_member (object, "type");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0' || strlen (json_node_get_string (node)) > 32 ||
      !g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("“type” must be a non-empty string of at most 32 bytes"));
      return NULL;
    }

  message = g_new0 (TgMessage, 1);
  message->type = g_strdup (json_node_get_string (node));
  message->id = id;
  message->object = json_object_ref (object);
  return g_steal_pointer (&message);
}

JsonBuilder *
tg_message_builder_new (const char *type,
                        gint64      id)
{
  JsonBuilder *builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, TG_PROTOCOL_VERSION);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  if (id >= 0)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
    }
  return builder;
}

char *
tg_message_builder_finish (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_object_unref (builder);
  return json_to_string (root, FALSE);
}

char *
tg_message_error_new (gint64           id,
                      TgProtocolError  code,
                      const char      *message)
{
  JsonBuilder *builder = tg_message_builder_new ("error", -1);

  /* An error always names its request; null when the request's id could not be read. */
  json_builder_set_member_name (builder, "id");
  if (id >= 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, tg_protocol_error_to_code (code));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  return tg_message_builder_finish (builder);
}

/* Fields */

static gboolean
field_missing (JsonNode    *node,
               const char  *field,
               gboolean     required,
               GError     **error)
{
  if (required)
    g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                 _("The field “%s” is missing"), field);
  return !required;
}

static JsonNode *
get_member (TgMessage  *message,
            const char *field)
{
  JsonNode *node = json_object_get_member (message->object, field);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

gboolean
tg_message_has (TgMessage  *message,
                const char *field)
{
  return get_member (message, field) != NULL;
}

gboolean
tg_message_get_int (TgMessage   *message,
                    const char  *field,
                    gboolean     required,
                    gint64       min,
                    gint64       max,
                    gint64      *out,
                    GError     **error)
{
  JsonNode *node = get_member (message, field);
  gint64 value;

  if (node == NULL)
    return field_missing (node, field, required, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be an integer"), field);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be between %.0f and %.0f"), field, (double) min, (double) max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
tg_message_get_bool (TgMessage   *message,
                     const char  *field,
                     gboolean     required,
                     gboolean    *out,
                     GError     **error)
{
  JsonNode *node = get_member (message, field);

  if (node == NULL)
    return field_missing (node, field, required, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be true or false"), field);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
tg_message_get_string (TgMessage   *message,
                       const char  *field,
                       gboolean     required,
                       gsize        min_len,
                       gsize        max_len,
                       const char **out,
                       GError     **error)
{
  JsonNode *node = get_member (message, field);
  gsize length;

  if (node == NULL)
    return field_missing (node, field, required, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be a string"), field);
      return FALSE;
    }
  /* A JSON escape can spell a lone surrogate ("\ud800"), which is not UTF-8 once decoded. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” is not valid text"), field);
      return FALSE;
    }
  length = strlen (json_node_get_string (node));
  if (length < min_len || length > max_len)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be %zu to %zu bytes long"), field, min_len, max_len);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
char_is_allowed (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return FALSE;
    case G_UNICODE_FORMAT:
      /* Bidi overrides and invisible characters can disguise a name; the zero-width joiner
       * is kept because emoji sequences need it. */
      return c == 0x200D;
    default:
      return TRUE;
    }
}

char *
tg_protocol_clean_text (const char  *text,
                        guint        max_chars,
                        const char  *what,
                        GError     **error)
{
  g_autofree char *normal = NULL;
  char *stripped;
  glong n_chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The %s is not valid text"), what);
      return NULL;
    }
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (normal == NULL)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The %s is not valid text"), what);
      return NULL;
    }
  stripped = g_strstrip (normal);
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (!char_is_allowed (g_utf8_get_char (p)))
      {
        g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                     _("The %s contains a control or invisible character (U+%04X)"),
                     what, g_utf8_get_char (p));
        return NULL;
      }
  n_chars = g_utf8_strlen (stripped, -1);
  if (n_chars < 1 || n_chars > (glong) max_chars)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The %s must be 1 to %u characters long"), what, max_chars);
      return NULL;
    }
  return g_strdup (stripped);
}

gboolean
tg_message_get_text (TgMessage   *message,
                     const char  *field,
                     gboolean     required,
                     guint        max_chars,
                     char       **out,
                     GError     **error)
{
  const char *raw = NULL;

  /* 4 bytes per character at most in UTF-8, plus room for spaces that get trimmed. */
  if (!tg_message_get_string (message, field, required, 0, (gsize) max_chars * 4 + 64, &raw, error))
    return FALSE;
  if (raw == NULL)
    return TRUE;
  *out = tg_protocol_clean_text (raw, max_chars, field, error);
  return *out != NULL;
}

gboolean
tg_message_get_uint_array (TgMessage  *message,
                           const char *field,
                           guint       max_len,
                           guint32     max_value,
                           GArray    **out,
                           GError    **error)
{
  JsonNode *node = get_member (message, field);
  g_autoptr(GArray) values = NULL;
  JsonArray *array;
  guint length;

  if (node == NULL)
    return field_missing (node, field, TRUE, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must be an array of integers"), field);
      return FALSE;
    }
  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length < 1 || length > max_len)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “%s” must have 1 to %u elements"), field, max_len);
      return FALSE;
    }
  values = g_array_sized_new (FALSE, FALSE, sizeof (guint32), length);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 value;
      guint32 v32;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (value = json_node_get_int (element)) < 0 || value > (gint64) max_value)
        {
          g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                       _("The field “%s” must hold integers from 0 to %u"), field, max_value);
          return FALSE;
        }
      v32 = (guint32) value;
      g_array_append_val (values, v32);
    }
  *out = g_steal_pointer (&values);
  return TRUE;
}

/* Enums */

static const char * const state_names[] = {
  "waiting", "open", "queued", "captcha", "seats", "payment", "done", "failed",
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == TG_MATCH_STATE_FAILED + 1);

const char *
tg_protocol_state_to_string (TgMatchState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : "failed";
}

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        int                *out)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (str, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
tg_protocol_state_from_string (const char   *str,
                               TgMatchState *out)
{
  int value;

  if (!lookup (state_names, G_N_ELEMENTS (state_names), str, &value))
    return FALSE;
  *out = (TgMatchState) value;
  return TRUE;
}

gboolean
tg_protocol_fail_reason_from_string (const char   *str,
                                     TgFailReason *out)
{
  for (TgFailReason r = TG_FAIL_NONE; r <= TG_FAIL_PAYMENT; r++)
    if (g_strcmp0 (str, tg_fail_reason_to_string (r)) == 0)
      {
        *out = r;
        return TRUE;
      }
  return FALSE;
}

static const char * const discount_names[TG_N_DISCOUNTS] = { "general", "disabled", "veteran" };
static const char * const payment_names[TG_N_PAYMENT_METHODS] = { "card", "bank_transfer", "mobile" };

const char *
tg_protocol_discount_to_string (TgDiscount discount)
{
  return (guint) discount < TG_N_DISCOUNTS ? discount_names[discount] : "general";
}

const char *
tg_protocol_payment_to_string (TgPaymentMethod method)
{
  return (guint) method < TG_N_PAYMENT_METHODS ? payment_names[method] : "card";
}

gboolean
tg_protocol_discount_from_string (const char *str,
                                  TgDiscount *out)
{
  int value;

  if (!lookup (discount_names, TG_N_DISCOUNTS, str, &value))
    return FALSE;
  *out = (TgDiscount) value;
  return TRUE;
}

gboolean
tg_protocol_payment_from_string (const char      *str,
                                 TgPaymentMethod *out)
{
  int value;

  if (!lookup (payment_names, TG_N_PAYMENT_METHODS, str, &value))
    return FALSE;
  *out = (TgPaymentMethod) value;
  return TRUE;
}

/* Tolerant JSON readers, for pushes the client trusts to be from a server of this protocol. */

gint64
tg_json_get_int (JsonObject *object,
                 const char *member,
                 gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:   return json_node_get_int (node);
    case G_TYPE_DOUBLE:  return (gint64) json_node_get_double (node);
    case G_TYPE_BOOLEAN: return json_node_get_boolean (node);
    default:             return fallback;
    }
}

const char *
tg_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
tg_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
tg_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
