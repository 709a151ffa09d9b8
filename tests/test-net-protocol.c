/* test-net-protocol.c: the envelope, field validation, text rules, error codes and the result
 * object, without any socket. */

#include "config.h"

#include <string.h>

#include "tg-protocol.h"

static TgMessage *
parse (const char *text,
       gint64     *id,
       GError    **error)
{
  return tg_message_parse (text, strlen (text), id, error);
}

static void
test_envelope (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgMessage) ok = NULL, no_id = NULL;
  gint64 id = 0;
  static const struct {
    const char     *text;
    TgProtocolError code;
    gint64          id;
  } bad[] = {
    { "", TG_PROTOCOL_ERROR_BAD_JSON, -1 },
    { "{", TG_PROTOCOL_ERROR_BAD_JSON, -1 },
    { "\xff\xfe", TG_PROTOCOL_ERROR_BAD_JSON, -1 },
    { "null", TG_PROTOCOL_ERROR_BAD_MESSAGE, -1 },
    { "[1]", TG_PROTOCOL_ERROR_BAD_MESSAGE, -1 },
    { "{\"type\":\"time\",\"id\":3}", TG_PROTOCOL_ERROR_BAD_MESSAGE, 3 },
    { "{\"v\":\"1\",\"type\":\"time\",\"id\":3}", TG_PROTOCOL_ERROR_BAD_MESSAGE, 3 },
    { "{\"v\":2,\"type\":\"time\",\"id\":4}", TG_PROTOCOL_ERROR_UNSUPPORTED_VERSION, 4 },
    { "{\"v\":1,\"id\":5}", TG_PROTOCOL_ERROR_BAD_MESSAGE, 5 },
    { "{\"v\":1,\"type\":\"\",\"id\":5}", TG_PROTOCOL_ERROR_BAD_MESSAGE, 5 },
    { "{\"v\":1,\"type\":7,\"id\":5}", TG_PROTOCOL_ERROR_BAD_MESSAGE, 5 },
    { "{\"v\":1,\"type\":\"time\",\"id\":-1}", TG_PROTOCOL_ERROR_BAD_MESSAGE, -1 },
    { "{\"v\":1,\"type\":\"time\",\"id\":1.5}", TG_PROTOCOL_ERROR_BAD_MESSAGE, -1 },
    { "{\"v\":1,\"type\":\"time\",\"id\":9007199254740992}", TG_PROTOCOL_ERROR_BAD_MESSAGE, -1 },
  };

  ok = parse ("{\"v\":1,\"type\":\"hello\",\"id\":9007199254740991,\"nickname\":\"a\"}", &id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok->type, ==, "hello");
  g_assert_cmpint (ok->id, ==, G_GINT64_CONSTANT (9007199254740991));
  no_id = parse (" {\"type\":\"time\",\"v\":1} ", &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (no_id->id, ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TgMessage) m = parse (bad[i].text, &id, &error);

      g_assert_null (m);
      g_assert_error (error, TG_PROTOCOL_ERROR, (int) bad[i].code);
      g_assert_cmpint (id, ==, bad[i].id);
      g_clear_error (&error);
    }
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"v\":1,\"type\":\"t\",\"x\":");
  g_autoptr(GString) shallow = g_string_new ("{\"v\":1,\"type\":\"t\",\"s\":\"[[[[[[[[[[[[[[[[[[[[[[[\",\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(TgMessage) m1 = NULL, m2 = NULL;
  gint64 id;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  m1 = tg_message_parse (deep->str, deep->len, &id, &error);
  g_assert_null (m1);
  g_assert_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_JSON);
  g_clear_error (&error);

  /* Brackets inside strings do not count. */
  g_string_append (shallow, "[[1]]}");
  m2 = tg_message_parse (shallow->str, shallow->len, &id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m2);
}

static void
test_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgMessage) m = NULL;
  g_autoptr(GArray) seats = NULL, bad_seats = NULL;
  const char *s = NULL;
  gint64 n = 0, id;
  gboolean b = FALSE;

  m = parse ("{\"v\":1,\"type\":\"t\",\"id\":1,\"n\":7,\"f\":7.5,\"s\":\"abc\",\"b\":true,\"z\":null,"
             "\"seats\":[1,2,3],\"bad\":[1,\"2\"],\"many\":[1,2,3,4,5],\"neg\":[-1]}", &id, &error);
  g_assert_no_error (error);

  g_assert_true (tg_message_get_int (m, "n", TRUE, 0, 10, &n, &error));
  g_assert_cmpint (n, ==, 7);
  g_assert_false (tg_message_get_int (m, "n", TRUE, 8, 10, &n, &error));
  g_assert_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE);
  g_clear_error (&error);
  g_assert_false (tg_message_get_int (m, "f", TRUE, 0, 10, &n, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_int (m, "s", TRUE, 0, 10, &n, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_int (m, "b", TRUE, 0, 10, &n, &error));
  g_clear_error (&error);
  /* Absent or null: fine when optional, an error when required. */
  n = 42;
  g_assert_true (tg_message_get_int (m, "z", FALSE, 0, 10, &n, &error));
  g_assert_true (tg_message_get_int (m, "nope", FALSE, 0, 10, &n, &error));
  g_assert_cmpint (n, ==, 42);
  g_assert_false (tg_message_get_int (m, "nope", TRUE, 0, 10, &n, &error));
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);

  g_assert_true (tg_message_get_bool (m, "b", TRUE, &b, &error));
  g_assert_true (b);
  g_assert_false (tg_message_get_bool (m, "n", TRUE, &b, &error));
  g_clear_error (&error);

  g_assert_true (tg_message_get_string (m, "s", TRUE, 1, 3, &s, &error));
  g_assert_cmpstr (s, ==, "abc");
  g_assert_false (tg_message_get_string (m, "s", TRUE, 1, 2, &s, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_string (m, "n", TRUE, 0, 10, &s, &error));
  g_clear_error (&error);
  /* A lone surrogate escape decodes to bytes that are not UTF-8 (found by the fuzz test). */
  {
    g_autoptr(TgMessage) bad = parse ("{\"v\":1,\"type\":\"t\",\"s\":\"a\\ud800b\"}", &id, &error);
    g_autoptr(TgMessage) bad_type = NULL;

    g_assert_no_error (error);
    g_assert_false (tg_message_get_string (bad, "s", TRUE, 0, 10, &s, &error));
    g_assert_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE);
    g_clear_error (&error);
    bad_type = parse ("{\"v\":1,\"type\":\"\\udfff\"}", &id, &error);
    g_assert_null (bad_type);
    g_clear_error (&error);
  }

  g_assert_true (tg_message_get_uint_array (m, "seats", 4, 10, &seats, &error));
  g_assert_cmpuint (seats->len, ==, 3);
  g_assert_cmpuint (g_array_index (seats, guint32, 2), ==, 3);
  g_assert_false (tg_message_get_uint_array (m, "seats", 4, 2, &bad_seats, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_uint_array (m, "bad", 4, 10, &bad_seats, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_uint_array (m, "many", 4, 10, &bad_seats, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_uint_array (m, "neg", 4, 10, &bad_seats, &error));
  g_clear_error (&error);
  g_assert_false (tg_message_get_uint_array (m, "s", 4, 10, &bad_seats, &error));
  g_clear_error (&error);
  g_assert_null (bad_seats);
}

static void
test_text (void)
{
  static const struct {
    const char *in;
    const char *out;   /* NULL: refused */
  } cases[] = {
    { "alice", "alice" },
    { "  bob \t", "bob" },
    { "김철수", "김철수" },
    { "e\xcc\x81", "\xc3\xa9" },                 /* NFC: e + combining acute → é */
    { "👩\xe2\x80\x8d💻", "👩\xe2\x80\x8d💻" },   /* ZWJ emoji kept */
    { "", NULL },
    { "   ", NULL },
    { "a\nb", NULL },
    { "a\x7f", NULL },
    { "evil\xe2\x80\xaeman", NULL },             /* U+202E right-to-left override */
    { "zero\xe2\x80\x8bwidth", NULL },           /* U+200B */
    { "line\xe2\x80\xa8sep", NULL },             /* U+2028 */
    { "priv\xee\x80\x80", NULL },                /* U+E000 */
    { "abcdefghijklmnopqrstuvwxy", NULL },       /* 25 > 24 */
    { "가나다라마바사아자차카타파하가나다라마바사아자차", "가나다라마바사아자차카타파하가나다라마바사아자차" },
    { "\xc3\x28", NULL },                        /* not UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = tg_protocol_clean_text (cases[i].in, TG_PROTOCOL_MAX_NICKNAME, "nickname", &error);

      g_test_message ("case %u", i);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_error (error, TG_PROTOCOL_ERROR, TG_PROTOCOL_ERROR_BAD_MESSAGE);
    }
}

static void
test_codes (void)
{
  TgMatchError match_code;
  g_autoptr(GError) taken = g_error_new_literal (TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN, "x");

  for (guint i = 0; i < TG_N_PROTOCOL_ERRORS; i++)
    {
      const char *code = tg_protocol_error_to_code (i);

      g_assert_nonnull (code);
      g_assert_cmpint (tg_protocol_error_from_code (code), ==, i);
    }
  g_assert_cmpint (tg_protocol_error_from_code ("nonsense"), ==, TG_PROTOCOL_ERROR_INTERNAL);
  g_assert_cmpint (tg_protocol_error_from_match (taken), ==, TG_PROTOCOL_ERROR_SEAT_TAKEN);
  g_assert_true (tg_protocol_error_to_match (TG_PROTOCOL_ERROR_CAPTCHA_WRONG, &match_code));
  g_assert_cmpint (match_code, ==, TG_MATCH_ERROR_CAPTCHA_WRONG);
  g_assert_false (tg_protocol_error_to_match (TG_PROTOCOL_ERROR_ROOM_FULL, &match_code));

  for (TgMatchState s = TG_MATCH_STATE_WAITING; s <= TG_MATCH_STATE_FAILED; s++)
    {
      TgMatchState back;
      g_assert_true (tg_protocol_state_from_string (tg_protocol_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
}

static void
test_error_message (void)
{
  g_autofree char *text = tg_message_error_new (-1, TG_PROTOCOL_ERROR_BAD_JSON, "nope \"quoted\"");
  g_autofree char *with_id = tg_message_error_new (12, TG_PROTOCOL_ERROR_NOT_HOST, "x");

  g_assert_cmpstr (text, ==, "{\"v\":1,\"type\":\"error\",\"id\":null,\"code\":\"bad_json\","
                             "\"message\":\"nope \\\"quoted\\\"\"}");
  g_assert_nonnull (strstr (with_id, "\"id\":12,\"code\":\"not_host\""));
}

static void
test_result (void)
{
  g_autoptr(TgResult) r = tg_result_new ();
  g_autoptr(TgResult) back = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  r->seed = G_MAXUINT64;
  r->difficulty = TG_DIFFICULTY_HARD;
  r->n_bots = 5000;
  r->n_humans = 3;
  r->venue_name = g_strdup ("샤롯데씨어터");
  r->success = TRUE;
  r->stage_ms[TG_STAGE_REACTION] = 312;
  r->stage_percentile[TG_STAGE_REACTION] = 87.5;
  r->total_ms = 45000;
  r->seat_conflicts = 2;
  r->n_seats = 2;
  r->seat_ids[0] = g_strdup ("A-1-1");
  r->seat_ids[1] = g_strdup ("A-1-2");
  r->seat_grades[0] = g_strdup ("VIP");
  r->seat_grades[1] = g_strdup ("VIP");
  r->price_paid = 290000;
  r->rank_humans = 1;
  r->rank_all = 17;
  r->n_buyers = 400;

  tg_protocol_add_result (builder, r);
  node = json_builder_get_root (builder);
  back = tg_protocol_parse_result (json_node_get_object (node));
  g_assert_cmpuint (back->seed, ==, G_MAXUINT64);
  g_assert_cmpint (back->difficulty, ==, TG_DIFFICULTY_HARD);
  g_assert_cmpstr (back->venue_name, ==, "샤롯데씨어터");
  g_assert_true (back->success);
  g_assert_cmpint (back->stage_ms[TG_STAGE_REACTION], ==, 312);
  g_assert_cmpint (back->stage_ms[TG_STAGE_PAYMENT], ==, -1);
  g_assert_cmpfloat (back->stage_percentile[TG_STAGE_REACTION], ==, 87.5);
  g_assert_cmpuint (back->n_seats, ==, 2);
  g_assert_cmpstr (back->seat_ids[1], ==, "A-1-2");
  g_assert_cmpuint (back->rank_all, ==, 17);
  g_assert_cmpuint (back->price_paid, ==, 290000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/protocol/envelope", test_envelope);
  g_test_add_func ("/net/protocol/depth", test_depth);
  g_test_add_func ("/net/protocol/fields", test_fields);
  g_test_add_func ("/net/protocol/text", test_text);
  g_test_add_func ("/net/protocol/codes", test_codes);
  g_test_add_func ("/net/protocol/error-message", test_error_message);
  g_test_add_func ("/net/protocol/result", test_result);

  return g_test_run ();
}
