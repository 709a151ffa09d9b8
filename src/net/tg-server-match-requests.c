/* tg-server-match-requests.c: a player's match requests, each mapped onto one engine call for
 * that player's own participant — the connection's player, never one named in the message. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tg-server-private.h"

static TgPlayer *
require_match (TgConn         *conn,
               TgServerMatch **out,
               GError        **error)
{
  TgPlayer *player = conn->player;

  if (player->room == NULL || player->room->match == NULL || !player->in_match ||
      player->room->match->finished)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_NO_MATCH,
                           _("You are not playing a match"));
      return NULL;
    }
  *out = player->room->match;
  return player;
}

/* An empty reply, or the engine's refusal under its protocol code. */
/* @engine_error is read only after @ok was computed: C leaves argument order unspecified. */
static gboolean
engine_reply (TgConn     *conn,
              gint64      id,
              gboolean    ok,
              GError    **engine_error,
              GError    **error)
{
  if (!ok)
    {
      GError *e = engine_error != NULL ? *engine_error : NULL;

      g_set_error_literal (error, TG_PROTOCOL_ERROR, tg_protocol_error_from_match (e),
                           e != NULL ? e->message : _("Refused"));
      return FALSE;
    }
  tg_server_send_reply (conn, id, NULL);
  return TRUE;
}

#define BEGIN_MATCH_REQUEST \
  TgServerMatch *sm = NULL; \
  g_autoptr(GError) engine_error = NULL; \
  TgPlayer *player = require_match (conn, &sm, error); \
  if (player == NULL) \
    return FALSE; \
  (void) engine_error

static gboolean
handle_book (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  gboolean ok = tg_match_click_book (sm->match, player->pid, &engine_error);
  return engine_reply (conn, message->id, ok, &engine_error, error);
}

static gboolean
handle_misclick (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  tg_match_note_misclick (sm->match, player->pid);
  return engine_reply (conn, message->id, TRUE, NULL, error);
}

static gboolean
handle_date (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  gint64 index = 0;
  BEGIN_MATCH_REQUEST;
  if (!tg_message_get_int (message, "index", TRUE, 0, TG_MATCH_MAX_DATES - 1, &index, error))
    return FALSE;
  return engine_reply (conn, message->id,
                       tg_match_choose_date (sm->match, player->pid, (guint) index, &engine_error),
                       &engine_error, error);
}

static gboolean
handle_backspace (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  tg_match_note_backspace (sm->match, player->pid);
  return engine_reply (conn, message->id, TRUE, NULL, error);
}

static gboolean
handle_captcha_refresh (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  return engine_reply (conn, message->id,
                       tg_match_refresh_captcha (sm->match, player->pid, &engine_error),
                       &engine_error, error);
}

/* The audio captcha is the same characters spoken, and the client plays them from its own voice
 * clips; so asking for audio reveals the text. It is sent only on request and counted (the
 * trade-off is in docs/protocol.md, "Captcha"). */
static gboolean
handle_captcha_audio (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  const TgCaptcha *captcha;
  JsonBuilder *builder;
  BEGIN_MATCH_REQUEST;

  captcha = tg_match_get_captcha (sm->match, player->pid);
  if (captcha == NULL)
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_WRONG_STATE,
                           _("There is no security code to read out now"));
      return FALSE;
    }
  player->audio_requests++;
  server->metrics.captcha_audio_requests++;
  builder = tg_message_builder_new ("reply", message->id);
  json_builder_set_member_name (builder, "characters");
  json_builder_add_string_value (builder, captcha->text);
  json_builder_set_member_name (builder, "issued_at");
  json_builder_add_int_value (builder, captcha->issued_at);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, player->audio_requests);
  tg_server_send_reply (conn, message->id, builder);
  return TRUE;
}

static gboolean
handle_captcha (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  const char *answer = NULL;
  BEGIN_MATCH_REQUEST;
  if (!tg_message_get_string (message, "answer", TRUE, 0, 64, &answer, error))
    return FALSE;
  return engine_reply (conn, message->id,
                       tg_match_submit_captcha (sm->match, player->pid, answer, &engine_error),
                       &engine_error, error);
}

static gboolean
handle_seat_miss (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  tg_match_note_seat_miss (sm->match, player->pid);
  return engine_reply (conn, message->id, TRUE, NULL, error);
}

static gboolean
handle_hold (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  g_autoptr(GArray) seats = NULL;
  g_autoptr(GArray) taken = NULL;
  guint n_seats;
  JsonBuilder *builder;
  BEGIN_MATCH_REQUEST;

  n_seats = tg_venue_get_n_seats (tg_match_get_venue (sm->match));
  if (!tg_message_get_uint_array (message, "seats", TG_LEDGER_MAX_SEATS_PER_HOLD, n_seats - 1, &seats, error))
    return FALSE;
  taken = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (tg_match_hold_seats (sm->match, player->pid, (const guint32 *) seats->data, seats->len,
                           taken, &engine_error))
    {
      server->metrics.holds_ok++;
      return engine_reply (conn, message->id, TRUE, NULL, error);
    }
  if (!g_error_matches (engine_error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN))
    return engine_reply (conn, message->id, FALSE, &engine_error, error);

  /* 이선좌: the error carries the taken seats so the map can grey them at once. */
  server->metrics.holds_taken++;
  tg_server_count_error (server, TG_PROTOCOL_ERROR_SEAT_TAKEN);
  builder = tg_message_builder_new ("error", message->id);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, tg_protocol_error_to_code (TG_PROTOCOL_ERROR_SEAT_TAKEN));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, engine_error->message);
  json_builder_set_member_name (builder, "taken");
  json_builder_begin_array (builder);
  for (guint i = 0; i < taken->len; i++)
    json_builder_add_int_value (builder, g_array_index (taken, guint32, i));
  json_builder_end_array (builder);
  tg_conn_send (conn, tg_message_builder_finish (builder));
  return TRUE;
}

static gboolean
handle_release (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  return engine_reply (conn, message->id,
                       tg_match_release_hold (sm->match, player->pid, &engine_error),
                       &engine_error, error);
}

/* "discounts": one name per held seat. */
static gboolean
get_discounts (TgMessage   *message,
               TgDiscount  *discounts,
               GError     **error)
{
  JsonNode *node = json_object_get_member (message->object, "discounts");
  JsonArray *array;
  guint length;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (length = json_array_get_length ((array = json_node_get_array (node)))) < 1 ||
      length > TG_LEDGER_MAX_SEATS_PER_HOLD)
    {
      g_set_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                   _("The field “discounts” must be an array of 1 to %d discount names"),
                   TG_LEDGER_MAX_SEATS_PER_HOLD);
      return FALSE;
    }
  for (guint i = 0; i < TG_LEDGER_MAX_SEATS_PER_HOLD; i++)
    discounts[i] = TG_DISCOUNT_GENERAL;
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !tg_protocol_discount_from_string (json_node_get_string (element), &discounts[i]))
        {
          g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                               _("A discount must be “general”, “disabled” or “veteran”"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
handle_quote (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgDiscount discounts[TG_LEDGER_MAX_SEATS_PER_HOLD];
  TgQuote quote;
  JsonBuilder *builder;
  BEGIN_MATCH_REQUEST;

  if (!get_discounts (message, discounts, error))
    return FALSE;
  if (!tg_match_quote (sm->match, player->pid, discounts, &quote, &engine_error))
    return engine_reply (conn, message->id, FALSE, &engine_error, error);
  builder = tg_message_builder_new ("reply", message->id);
#define MEMBER(name, value) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, value)
  MEMBER ("seats", quote.n_seats);
  MEMBER ("subtotal", quote.subtotal);
  MEMBER ("discount", quote.discount);
  MEMBER ("fee", quote.fee);
  MEMBER ("total", quote.total);
#undef MEMBER
  tg_server_send_reply (conn, message->id, builder);
  return TRUE;
}

static gboolean
handle_pay (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  TgDiscount discounts[TG_LEDGER_MAX_SEATS_PER_HOLD];
  TgPaymentMethod method = TG_PAYMENT_CARD;
  const char *method_str = NULL;
  BEGIN_MATCH_REQUEST;

  if (!get_discounts (message, discounts, error) ||
      !tg_message_get_string (message, "method", TRUE, 1, 32, &method_str, error))
    return FALSE;
  if (!tg_protocol_payment_from_string (method_str, &method))
    {
      g_set_error_literal (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE,
                           _("The payment method must be “card”, “bank_transfer” or “mobile”"));
      return FALSE;
    }
  return engine_reply (conn, message->id,
                       tg_match_pay (sm->match, player->pid, discounts, method, &engine_error),
                       &engine_error, error);
}

static gboolean
handle_cancel_payment (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  return engine_reply (conn, message->id,
                       tg_match_cancel_payment (sm->match, player->pid, &engine_error),
                       &engine_error, error);
}

static gboolean
handle_give_up (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  tg_match_give_up (sm->match, player->pid);
  return engine_reply (conn, message->id, TRUE, NULL, error);
}

static gboolean
handle_match_state (TgServer *server, TgConn *conn, TgMessage *message, GError **error)
{
  BEGIN_MATCH_REQUEST;
  engine_reply (conn, message->id, TRUE, NULL, error);
  tg_server_match_send_snapshot (sm, player);
  return TRUE;
}

static const struct {
  const char   *type;
  TgRequestFunc func;
} handlers[] = {
  { "book", handle_book },
  { "misclick", handle_misclick },
  { "date", handle_date },
  { "backspace", handle_backspace },
  { "captcha_refresh", handle_captcha_refresh },
  { "captcha_audio", handle_captcha_audio },
  { "captcha", handle_captcha },
  { "seat_miss", handle_seat_miss },
  { "hold", handle_hold },
  { "release", handle_release },
  { "quote", handle_quote },
  { "pay", handle_pay },
  { "cancel_payment", handle_cancel_payment },
  { "give_up", handle_give_up },
  { "match_state", handle_match_state },
};

TgRequestFunc
tg_server_match_lookup_handler (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    if (g_str_equal (type, handlers[i].type))
      return handlers[i].func;
  return NULL;
}
