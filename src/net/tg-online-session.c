/* tg-online-session.c: TgOnlineSession — see tg-online-session.h. No rule is decided here: the
 * mirror only lets the UI answer at once what the server already told it. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-online-session.h"
#include "tg-protocol.h"

#define TICK_MS 100

struct _TgOnlineSession
{
  GObject          parent_instance;

  TgNetClient     *client;
  TgVenue         *venue;
  TgMatchSettings  settings;
  gint64           open_at;
  guint            player;
  TgMatchState     state;
  TgFailReason     fail_reason;
  guint8          *seats;            /* TgSeatState per seat */
  guint            n_seats;
  gboolean         has_queue;
  gboolean         booked;          /* the server took our 예매하기 */
  TgQueueStatus    queue;
  gboolean         queue_paused;
  GBytes          *captcha_png;
  gint64           captcha_issued_at;
  gint64           captcha_expires_at;
  char            *captcha_text;
  gint64           captcha_text_for; /* issued_at the text belongs to */
  gboolean         audio_requested;
  gboolean         has_hold;
  TgHoldInfo       hold;
  TgResult        *result;
  GPtrArray       *results;
  GPtrArray       *result_names;
  TgDiscount       quote_discounts[TG_LEDGER_MAX_SEATS_PER_HOLD];
  TgQuote          quote;
  gboolean         quote_valid;
  gboolean         quote_pending;
  guint            tick_source;
  gboolean         finished;
};

static void session_iface_init (TgSessionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TgOnlineSession, tg_online_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TG_TYPE_SESSION, session_iface_init))

enum {
  ACTION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SELF(s) TG_ONLINE_SESSION (s)

/* ---- sending ---- */

typedef struct
{
  TgOnlineSession *self;   /* weak: the session may go before the reply */
  char            *type;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_weak_pointer (&pending->self);
  g_free (pending->type);
  g_free (pending);
}

static void apply_seats (TgOnlineSession *self, JsonArray *seats, TgSeatState state, GArray *changed);

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  TgOnlineSession *self = pending->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, &error);

  if (self != NULL && reply == NULL)
    {
      JsonObject *details = g_object_get_data (G_OBJECT (result), "error-object");
      TgMatchError code;

      /* 이선좌: grey the taken seats at once instead of waiting for the next batch. */
      if (g_error_matches (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_SEAT_TAKEN) && details != NULL)
        {
          g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint32));

          apply_seats (self, tg_json_get_array (details, "taken"), TG_SEAT_HELD, changed);
          if (changed->len > 0)
            tg_session_emit_seats_changed (TG_SESSION (self), changed);
        }
      /* The UI knows the engine's errors; give it those where they match. */
      if (error->domain == TG_PROTOCOL_ERROR && tg_protocol_error_to_match (error->code, &code))
        {
          error->domain = TG_MATCH_ERROR;
          error->code = code;
        }
      g_signal_emit (self, signals[ACTION_FAILED], 0, pending->type, error);
    }
  pending_free (pending);
}

static void
send_action (TgOnlineSession *self,
             const char      *type,
             JsonObject      *fields)
{
  Pending *pending = g_new0 (Pending, 1);

  g_set_weak_pointer (&pending->self, self);
  pending->type = g_strdup (type);
  tg_net_client_request_async (self->client, type, fields, NULL, on_action_done, pending);
  if (fields != NULL)
    json_object_unref (fields);
}

static JsonObject *
discount_fields (const TgDiscount *discounts,
                 guint             n)
{
  JsonObject *fields = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    json_array_add_string_element (array, tg_protocol_discount_to_string (discounts[i]));
  json_object_set_array_member (fields, "discounts", array);
  return fields;
}

/* ---- mirror ---- */

static void
apply_seats (TgOnlineSession *self,
             JsonArray       *seats,
             TgSeatState      state,
             GArray          *changed)
{
  if (seats == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (seats); i++)
    {
      gint64 seat = json_node_get_int (json_array_get_element (seats, i));

      if (seat < 0 || seat >= self->n_seats || self->seats[seat] == state)
        continue;
      self->seats[seat] = state;
      if (changed != NULL)
        {
          guint32 s32 = (guint32) seat;
          g_array_append_val (changed, s32);
        }
    }
}

static void
apply_you (TgOnlineSession *self,
           JsonObject      *o)
{
  JsonObject *hold = tg_json_get_object (o, "hold");
  TgMatchState state = self->state;
  TgFailReason reason;

  if (tg_protocol_state_from_string (tg_json_get_string (o, "state"), &state))
    self->state = state;
  if (tg_protocol_fail_reason_from_string (tg_json_get_string (o, "fail_reason"), &reason))
    self->fail_reason = reason;
  /* Missing from older servers: not known, so not booked. */
  self->booked = tg_json_get_int (o, "booked", FALSE) != 0;
  if (state != TG_MATCH_STATE_QUEUED)
    self->has_queue = FALSE;
  self->has_hold = hold != NULL;
  memset (&self->hold, 0, sizeof self->hold);
  if (hold != NULL)
    {
      JsonArray *seats = tg_json_get_array (hold, "seats");

      self->hold.owner = self->player;
      self->hold.human = TRUE;
      self->hold.state = TG_HOLD_ACTIVE;
      self->hold.expires_at = tg_json_get_int (hold, "expires_at", 0);
      for (guint i = 0; seats != NULL && i < json_array_get_length (seats) && i < TG_LEDGER_MAX_SEATS_PER_HOLD; i++)
        self->hold.seats[self->hold.n_seats++] = (guint32) json_array_get_int_element (seats, i);
    }
  else
    self->quote_valid = FALSE;
  tg_session_emit_state_changed (TG_SESSION (self));
}

static void
apply_captcha (TgOnlineSession *self,
               JsonObject      *o)
{
  const char *base64 = tg_json_get_string (o, "png");
  gsize size = 0;
  guchar *png;

  if (base64 == NULL)
    return;
  png = g_base64_decode (base64, &size);
  g_clear_pointer (&self->captcha_png, g_bytes_unref);
  self->captcha_png = g_bytes_new_take (png, size);
  self->captcha_issued_at = tg_json_get_int (o, "issued_at", 0);
  self->captcha_expires_at = tg_json_get_int (o, "expires_at", 0);
  self->audio_requested = FALSE;
  tg_session_emit_state_changed (TG_SESSION (self));
}

static void
apply_queue (TgOnlineSession *self,
             JsonObject      *o)
{
  gint64 wait = tg_json_get_int (o, "estimated_wait_ms", -1);

  self->has_queue = TRUE;
  self->queue.position = (guint) tg_json_get_int (o, "position", 0);
  self->queue.ahead = (guint) tg_json_get_int (o, "ahead", 0);
  self->queue.behind = (guint) tg_json_get_int (o, "behind", 0);
  self->queue.total = (guint) tg_json_get_int (o, "total", 0);
  self->queue.admitted = (guint) tg_json_get_int (o, "admitted", 0);
  self->queue.estimated_wait = wait < 0 ? G_MAXINT64 : wait * 1000;
  self->queue_paused = json_object_get_boolean_member_with_default (o, "paused", FALSE);
}

static gboolean
session_is_booked (TgSession *s)
{
  return SELF (s)->booked;
}

static gboolean
session_is_queue_paused (TgSession *s)
{
  TgOnlineSession *self = TG_ONLINE_SESSION (s);

  return self->has_queue && self->queue_paused;
}

static void
add_result (TgOnlineSession *self,
            JsonObject      *entry)
{
  TgResult *result = tg_protocol_parse_result (tg_json_get_object (entry, "result"));

  if (result == NULL)
    return;
  g_ptr_array_add (self->results, result);
  g_ptr_array_add (self->result_names, g_strdup (tg_json_get_string (entry, "nickname")));
  if ((guint) tg_json_get_int (entry, "player", 0) == self->player)
    {
      g_clear_pointer (&self->result, tg_result_free);
      self->result = tg_result_copy (result);
      /* The step ("you") arrives before the result: announce that the result is here now. */
      tg_session_emit_state_changed (TG_SESSION (self));
    }
}

static void
on_push (TgNetClient     *client,
         const char      *type,
         JsonObject      *o,
         TgOnlineSession *self)
{
  if (g_str_equal (type, "you"))
    apply_you (self, o);
  else if (g_str_equal (type, "captcha"))
    apply_captcha (self, o);
  else if (g_str_equal (type, "queue"))
    apply_queue (self, o);
  else if (g_str_equal (type, "seats") || g_str_equal (type, "match"))
    {
      g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint32));

      if (g_str_equal (type, "match"))
        {
          /* A snapshot (after a resume): everything not listed is available. */
          for (guint32 s = 0; s < self->n_seats; s++)
            if (self->seats[s] != TG_SEAT_AVAILABLE)
              {
                self->seats[s] = TG_SEAT_AVAILABLE;
                g_array_append_val (changed, s);
              }
        }
      apply_seats (self, tg_json_get_array (o, "available"), TG_SEAT_AVAILABLE, changed);
      apply_seats (self, tg_json_get_array (o, "held"), TG_SEAT_HELD, changed);
      apply_seats (self, tg_json_get_array (o, "sold"), TG_SEAT_SOLD, changed);
      if (changed->len > 0)
        tg_session_emit_seats_changed (TG_SESSION (self), changed);
    }
  else if (g_str_equal (type, "result"))
    add_result (self, tg_json_get_object (o, "result"));
  else if (g_str_equal (type, "match_end") && !self->finished)
    {
      self->finished = TRUE;
      g_clear_handle_id (&self->tick_source, g_source_remove);
      tg_session_emit_finished (TG_SESSION (self));
    }
}

static gboolean
on_tick (gpointer user_data)
{
  tg_session_emit_tick (TG_SESSION (user_data));
  return G_SOURCE_CONTINUE;
}

/* ---- TgSession ---- */

static gint64
session_now (TgSession *s)
{
  return tg_net_client_get_server_time (SELF (s)->client);
}

static gint64
session_get_open_time (TgSession *s)
{
  return SELF (s)->open_at;
}

static const TgMatchSettings *
session_get_settings (TgSession *s)
{
  return &SELF (s)->settings;
}

static TgVenue *
session_get_venue (TgSession *s)
{
  return SELF (s)->venue;
}

static TgMatchState
session_get_state (TgSession *s)
{
  return SELF (s)->state;
}

static TgFailReason
session_get_fail_reason (TgSession *s)
{
  return SELF (s)->fail_reason;
}

static TgSeatState
session_get_seat_state (TgSession *s,
                        guint32    seat)
{
  return seat < SELF (s)->n_seats ? (TgSeatState) SELF (s)->seats[seat] : TG_SEAT_SOLD;
}

static gboolean
session_get_queue_status (TgSession     *s,
                          TgQueueStatus *status)
{
  if (!SELF (s)->has_queue)
    return FALSE;
  *status = SELF (s)->queue;
  return TRUE;
}

static GBytes *
session_get_captcha_png (TgSession *s,
                         double     scale,
                         gint64    *expires_at)
{
  TgOnlineSession *self = SELF (s);

  /* The server draws at 2×; the UI scales the one image. */
  if (self->state != TG_MATCH_STATE_CAPTCHA || self->captcha_png == NULL)
    return NULL;
  if (expires_at != NULL)
    *expires_at = self->captcha_expires_at;
  return g_bytes_ref (self->captcha_png);
}

static void
on_audio_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TgOnlineSession *self = user_data;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, NULL);

  if (reply != NULL && tg_json_get_int (reply, "issued_at", -1) == self->captcha_issued_at)
    {
      g_free (self->captcha_text);
      self->captcha_text = g_strdup (tg_json_get_string (reply, "characters"));
      self->captcha_text_for = self->captcha_issued_at;
      tg_session_emit_state_changed (TG_SESSION (self));
    }
  g_object_unref (self);
}

static char *
session_get_captcha_text (TgSession *s)
{
  TgOnlineSession *self = SELF (s);

  if (self->state != TG_MATCH_STATE_CAPTCHA)
    return NULL;
  if (self->captcha_text != NULL && self->captcha_text_for == self->captcha_issued_at)
    return g_strdup (self->captcha_text);
  if (!self->audio_requested)
    {
      self->audio_requested = TRUE;
      tg_net_client_request_async (self->client, "captcha_audio", NULL, NULL, on_audio_done,
                                   g_object_ref (self));
    }
  return NULL;
}

static gboolean
session_get_hold (TgSession  *s,
                  TgHoldInfo *info)
{
  if (!SELF (s)->has_hold)
    return FALSE;
  *info = SELF (s)->hold;
  return TRUE;
}

static TgResult *
session_get_result (TgSession *s)
{
  return SELF (s)->result != NULL ? tg_result_copy (SELF (s)->result) : NULL;
}

static gboolean
session_click_book (TgSession  *s,
                    GError    **error)
{
  TgOnlineSession *self = SELF (s);

  send_action (self, "book", NULL);
  /* With a waiting room the server takes the click before the open: it is no early click. */
  if (!self->settings.prequeue && session_now (s) < self->open_at && self->state == TG_MATCH_STATE_WAITING)
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN,
                           _("Booking has not opened yet"));
      return FALSE;
    }
  return TRUE;
}

static void
session_note_misclick (TgSession *s)
{
  send_action (SELF (s), "misclick", NULL);
}

static gboolean
session_choose_date (TgSession  *s,
                     guint       date_index,
                     GError    **error)
{
  JsonObject *fields = json_object_new ();

  json_object_set_int_member (fields, "index", date_index);
  send_action (SELF (s), "date", fields);
  return TRUE;
}

static void
session_note_backspace (TgSession *s)
{
  send_action (SELF (s), "backspace", NULL);
}

static gboolean
session_refresh_captcha (TgSession  *s,
                         GError    **error)
{
  send_action (SELF (s), "captcha_refresh", NULL);
  return TRUE;
}

static gboolean
session_submit_captcha (TgSession   *s,
                        const char  *answer,
                        GError     **error)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "answer", answer != NULL ? answer : "");
  send_action (SELF (s), "captcha", fields);
  return TRUE;
}

static void
session_note_seat_miss (TgSession *s)
{
  send_action (SELF (s), "seat_miss", NULL);
}

static gboolean
session_hold_seats (TgSession      *s,
                    const guint32  *seats,
                    guint           n_seats,
                    GArray         *taken,
                    GError        **error)
{
  TgOnlineSession *self = SELF (s);
  JsonObject *fields = json_object_new ();
  JsonArray *array = json_array_new ();
  gboolean known_taken = FALSE;

  for (guint i = 0; i < n_seats; i++)
    {
      json_array_add_int_element (array, seats[i]);
      if (seats[i] < self->n_seats && self->seats[seats[i]] != TG_SEAT_AVAILABLE)
        {
          known_taken = TRUE;
          if (taken != NULL)
            g_array_append_val (taken, seats[i]);
        }
    }
  json_object_set_array_member (fields, "seats", array);
  send_action (self, "hold", fields);
  if (known_taken)
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN,
                           _("Seat already taken"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
session_release_hold (TgSession  *s,
                      GError    **error)
{
  send_action (SELF (s), "release", NULL);
  return TRUE;
}

static void
on_quote_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TgOnlineSession *self = user_data;
  g_autoptr(JsonObject) reply = tg_net_client_request_finish (TG_NET_CLIENT (source), result, NULL);

  self->quote_pending = FALSE;
  if (reply != NULL)
    {
      self->quote.n_seats = (guint) tg_json_get_int (reply, "seats", 0);
      self->quote.subtotal = (guint) tg_json_get_int (reply, "subtotal", 0);
      self->quote.discount = (guint) tg_json_get_int (reply, "discount", 0);
      self->quote.fee = (guint) tg_json_get_int (reply, "fee", 0);
      self->quote.total = (guint) tg_json_get_int (reply, "total", 0);
      self->quote_valid = TRUE;
      tg_session_emit_state_changed (TG_SESSION (self));
    }
  g_object_unref (self);
}

static gboolean
session_quote (TgSession         *s,
               const TgDiscount  *discounts,
               TgQuote           *quote,
               GError           **error)
{
  TgOnlineSession *self = SELF (s);
  guint n = self->hold.n_seats;

  if (!self->has_hold)
    {
      g_set_error_literal (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE, _("No seats are held"));
      return FALSE;
    }
  if (self->quote_valid && memcmp (self->quote_discounts, discounts, n * sizeof *discounts) == 0)
    {
      *quote = self->quote;
      return TRUE;
    }
  self->quote_valid = FALSE;
  memcpy (self->quote_discounts, discounts, n * sizeof *discounts);
  if (!self->quote_pending)
    {
      g_autoptr(JsonObject) fields = discount_fields (discounts, n);

      self->quote_pending = TRUE;
      tg_net_client_request_async (self->client, "quote", fields, NULL, on_quote_done, g_object_ref (self));
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("Asking the server for the price…"));
  return FALSE;
}

static gboolean
session_pay (TgSession         *s,
             const TgDiscount  *discounts,
             TgPaymentMethod    method,
             GError           **error)
{
  TgOnlineSession *self = SELF (s);
  JsonObject *fields = discount_fields (discounts, MAX (1u, self->hold.n_seats));

  json_object_set_string_member (fields, "method", tg_protocol_payment_to_string (method));
  send_action (self, "pay", fields);
  return TRUE;
}

static gboolean
session_cancel_payment (TgSession  *s,
                        GError    **error)
{
  send_action (SELF (s), "cancel_payment", NULL);
  return TRUE;
}

static void
session_give_up (TgSession *s)
{
  send_action (SELF (s), "give_up", NULL);
}

static void
session_leave (TgSession *s)
{
  /* On the server, leaving the match is leaving its room. */
  send_action (SELF (s), "leave_room", NULL);
}

static void
session_iface_init (TgSessionInterface *iface)
{
  iface->now = session_now;
  iface->get_open_time = session_get_open_time;
  iface->get_settings = session_get_settings;
  iface->get_venue = session_get_venue;
  iface->get_state = session_get_state;
  iface->get_fail_reason = session_get_fail_reason;
  iface->get_seat_state = session_get_seat_state;
  iface->get_queue_status = session_get_queue_status;
  iface->is_queue_paused = session_is_queue_paused;
  iface->is_booked = session_is_booked;
  iface->get_captcha_png = session_get_captcha_png;
  iface->get_captcha_text = session_get_captcha_text;
  iface->get_hold = session_get_hold;
  iface->get_result = session_get_result;
  iface->click_book = session_click_book;
  iface->note_misclick = session_note_misclick;
  iface->choose_date = session_choose_date;
  iface->note_backspace = session_note_backspace;
  iface->refresh_captcha = session_refresh_captcha;
  iface->submit_captcha = session_submit_captcha;
  iface->note_seat_miss = session_note_seat_miss;
  iface->hold_seats = session_hold_seats;
  iface->release_hold = session_release_hold;
  iface->quote = session_quote;
  iface->pay = session_pay;
  iface->cancel_payment = session_cancel_payment;
  iface->give_up = session_give_up;
  iface->leave = session_leave;
}

/* ---- object ---- */

static void
tg_online_session_dispose (GObject *object)
{
  TgOnlineSession *self = SELF (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->venue);
  G_OBJECT_CLASS (tg_online_session_parent_class)->dispose (object);
}

static void
tg_online_session_finalize (GObject *object)
{
  TgOnlineSession *self = SELF (object);

  g_free (self->seats);
  g_clear_pointer (&self->captcha_png, g_bytes_unref);
  g_free (self->captcha_text);
  g_clear_pointer (&self->result, tg_result_free);
  g_ptr_array_unref (self->results);
  g_ptr_array_unref (self->result_names);
  G_OBJECT_CLASS (tg_online_session_parent_class)->finalize (object);
}

static void
tg_online_session_class_init (TgOnlineSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tg_online_session_dispose;
  object_class->finalize = tg_online_session_finalize;

  /**
   * TgOnlineSession::action-failed:
   * @action: the request type ("hold", "captcha", …)
   * @error: the refusal, in TG_MATCH_ERROR where the engine has that error
   */
  signals[ACTION_FAILED] =
    g_signal_new ("action-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
tg_online_session_init (TgOnlineSession *self)
{
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tg_result_free);
  self->result_names = g_ptr_array_new_with_free_func (g_free);
  self->captcha_text_for = -1;
}

TgOnlineSession *
tg_online_session_new (TgNetClient  *client,
                       JsonObject   *match,
                       TgVenue      *venue,
                       GError      **error)
{
  g_autoptr(TgOnlineSession) self = NULL;
  JsonObject *settings = tg_json_get_object (match, "settings");
  TgDifficulty difficulty = TG_DIFFICULTY_MEDIUM;

  g_return_val_if_fail (TG_IS_NET_CLIENT (client), NULL);
  g_return_val_if_fail (TG_IS_VENUE (venue), NULL);

  if (settings == NULL || !json_object_has_member (match, "open_at"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The server’s match description is incomplete"));
      return NULL;
    }
  self = g_object_new (TG_TYPE_ONLINE_SESSION, NULL);
  self->client = g_object_ref (client);
  self->venue = g_object_ref (venue);
  self->player = tg_net_client_get_player (client);
  self->open_at = tg_json_get_int (match, "open_at", 0);
  self->n_seats = tg_venue_get_n_seats (venue);
  self->seats = g_new0 (guint8, self->n_seats);

  tg_match_settings_init (&self->settings);
  if (tg_difficulty_from_string (tg_json_get_string (settings, "difficulty"), &difficulty))
    self->settings.difficulty = difficulty;
  self->settings.n_bots = (guint) tg_json_get_int (settings, "bots", 0);
  self->settings.venue = venue;
  self->settings.seats_per_booking = (guint) CLAMP (tg_json_get_int (settings, "seats_per_booking", 2), 1,
                                                    TG_LEDGER_MAX_SEATS_PER_HOLD);
  self->settings.n_dates = (guint) CLAMP (tg_json_get_int (settings, "dates", 4), 1, TG_MATCH_MAX_DATES);
  self->settings.open_date = (guint) CLAMP (tg_json_get_int (settings, "open_date", 0), 0,
                                            (gint64) self->settings.n_dates - 1);
  self->settings.hold_ttl = tg_json_get_int (settings, "hold_ttl_ms", 600000) * TG_USEC_PER_MSEC;
  self->settings.captcha_ttl = tg_json_get_int (settings, "captcha_ttl_ms", 600000) * TG_USEC_PER_MSEC;
  /* Missing from older servers: no waiting room. */
  self->settings.prequeue = tg_json_get_int (settings, "prequeue", FALSE) != 0;
  self->settings.countdown = MAX (0, self->open_at - tg_json_get_int (match, "server_time", self->open_at));
  self->state = TG_MATCH_STATE_WAITING;

  g_signal_connect (client, "push", G_CALLBACK (on_push), self);
  on_push (client, "match", match, self);
  self->tick_source = g_timeout_add (TICK_MS, on_tick, self);
  /* Pushes that came while the venue loaded were not seen: ask for the state again. */
  send_action (self, "match_state", NULL);
  return g_steal_pointer (&self);
}

TgNetClient *
tg_online_session_get_client (TgOnlineSession *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_SESSION (self), NULL);
  return self->client;
}

GPtrArray *
tg_online_session_get_results (TgOnlineSession *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_SESSION (self), NULL);
  return self->results;
}

GPtrArray *
tg_online_session_get_result_names (TgOnlineSession *self)
{
  g_return_val_if_fail (TG_IS_ONLINE_SESSION (self), NULL);
  return self->result_names;
}
