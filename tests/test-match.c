#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-autoplayer.h"
#include "tg-match.h"

typedef struct
{
  TgClock *clock;
  TgVenue *venue;
  TgMatch *match;
} Fixture;

static void
advance_ms (Fixture *fx,
            gint64   ms)
{
  tg_manual_clock_advance (TG_MANUAL_CLOCK (fx->clock), ms * TG_USEC_PER_MSEC);
}

static void
start_match (Fixture         *fx,
             TgMatchSettings *settings)
{
  g_autoptr(GError) error = NULL;

  settings->venue = fx->venue;
  fx->match = tg_match_new (settings, fx->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->match);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->clock = tg_manual_clock_new ();
  fx->venue = tg_venue_new_preset ("small", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->match);
  g_clear_object (&fx->venue);
  g_clear_object (&fx->clock);
}

static void
quiet_settings (TgMatchSettings *settings)
{
  tg_match_settings_init (settings);
  settings->n_bots = 0;
  settings->countdown = 5 * TG_USEC_PER_SEC;
  settings->seed = 7;
}

/* Clicks 예매하기 and picks the date, then lets the queue admit the player. */
static void
reach_captcha (Fixture *fx,
               guint32  pid)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tg_match_click_book (fx->match, pid, &error));
  g_assert_no_error (error);
  g_assert_true (tg_match_choose_date (fx->match, pid, tg_match_get_settings (fx->match)->open_date, &error));
  g_assert_no_error (error);
  advance_ms (fx, 200);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_CAPTCHA);
}

static void
reach_seats (Fixture *fx,
             guint32  pid)
{
  g_autoptr(GError) error = NULL;
  const TgCaptcha *captcha;
  g_autofree char *lower = NULL;

  reach_captcha (fx, pid);
  captcha = tg_match_get_captcha (fx->match, pid);
  lower = g_ascii_strdown (captcha->text, -1);
  g_assert_true (tg_match_submit_captcha (fx->match, pid, lower, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_SEATS);
}

static void
test_settings_invalid (void)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  TgMatchSettings s;
  struct { guint field; gint64 value; } bad[] = {
    { 0, TG_MATCH_MAX_BOTS + 1 }, /* n_bots */
    { 1, 0 }, { 1, 5 },           /* seats_per_booking */
    { 2, -1 },                    /* countdown */
    { 3, 0 },                     /* hold_ttl */
    { 4, 0 }, { 4, 9 },           /* n_dates */
    { 5, 4 },                     /* open_date beyond n_dates */
    { 6, 60 },                    /* cancel + abandon > 100 */
    { 9, G_MAXUINT },             /* cancel + abandon wrapping round to a small sum */
    { 7, -5 },                    /* admission rate */
    { 8, 1 },                     /* captcha ttl */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgMatch) match = NULL;

      tg_match_settings_init (&s);
      switch (bad[i].field)
        {
        case 0: s.n_bots = (guint) bad[i].value; break;
        case 1: s.seats_per_booking = (guint) bad[i].value; break;
        case 2: s.countdown = bad[i].value; break;
        case 3: s.hold_ttl = bad[i].value; break;
        case 4: s.n_dates = (guint) bad[i].value; break;
        case 5: s.open_date = (guint) bad[i].value; break;
        case 6: s.bot_cancel_percent = (guint) bad[i].value; s.bot_abandon_percent = 50; break;
        case 7: s.admission_rate = (double) bad[i].value; break;
        case 8: s.captcha_ttl = bad[i].value; break;
        case 9: s.bot_cancel_percent = (guint) bad[i].value; s.bot_abandon_percent = 1; break;
        default: g_assert_not_reached ();
        }
      match = tg_match_new (&s, clock, &error);
      g_assert_null (match);
      g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SETTINGS);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }

  tg_match_settings_init (&s);
  g_assert_true (tg_match_settings_validate (&s, NULL));
}

static void
test_early_click (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgResult) result = NULL;
  TgMatchSettings settings;
  guint32 pid;

  quiet_settings (&settings);
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "me");

  advance_ms (fx, 4000);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_WAITING);
  g_assert_false (tg_match_click_book (fx->match, pid, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (tg_match_click_book (fx->match, pid, NULL));

  advance_ms (fx, 1000);
  g_assert_true (tg_match_is_open (fx->match));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_OPEN);
  advance_ms (fx, 321);
  g_assert_true (tg_match_click_book (fx->match, pid, &error));
  g_assert_no_error (error);

  result = tg_match_get_result (fx->match, pid);
  g_assert_cmpuint (result->early_clicks, ==, 2);
  g_assert_cmpint (result->stage_ms[TG_STAGE_REACTION], ==, 321);
}

static void
test_full_flow (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgResult) result = NULL;
  g_autoptr(GArray) changed_log = g_array_new (FALSE, FALSE, sizeof (guint32));
  TgMatchSettings settings;
  TgDiscount discounts[2] = { TG_DISCOUNT_GENERAL, TG_DISCOUNT_DISABLED };
  TgQueueStatus status;
  guint32 seats[4];
  char old_text[TG_CAPTCHA_LENGTH + 1];
  TgQuote quote;
  TgHoldInfo hold;
  guint price0, price1, n;
  guint32 pid;

  quiet_settings (&settings);
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "me");
  g_assert_cmpstr (tg_match_get_human_name (fx->match, pid), ==, "me");

  advance_ms (fx, 5000 + 250);
  g_assert_true (tg_match_click_book (fx->match, pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_OPEN);
  g_assert_true (tg_match_get_queue_status (fx->match, pid, &status));
  g_assert_cmpuint (status.position, ==, 1);
  g_assert_cmpuint (status.ahead, ==, 0);

  /* A date that is not on sale is a misclick. */
  advance_ms (fx, 50);
  g_assert_false (tg_match_choose_date (fx->match, pid, 1, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_DATE_UNAVAILABLE);
  g_clear_error (&error);
  tg_match_note_misclick (fx->match, pid);
  advance_ms (fx, 650);
  /* Admitted meanwhile: choosing the date goes straight to the captcha. */
  g_assert_true (tg_match_choose_date (fx->match, pid, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_CAPTCHA);

  /* A wrong answer is counted and replaced by a new challenge. */
  memcpy (old_text, tg_match_get_captcha (fx->match, pid)->text, sizeof old_text);
  tg_match_note_backspace (fx->match, pid);
  tg_match_note_backspace (fx->match, pid);
  advance_ms (fx, 3000);
  g_assert_false (tg_match_submit_captcha (fx->match, pid, "nope", &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_CAPTCHA_WRONG);
  g_clear_error (&error);
  g_assert_cmpstr (tg_match_get_captcha (fx->match, pid)->text, !=, old_text);
  advance_ms (fx, 4000);
  g_assert_true (tg_match_submit_captcha (fx->match, pid, tg_match_get_captcha (fx->match, pid)->text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_SEATS);

  /* Too many seats is refused without a conflict. */
  n = tg_match_suggest_seats (fx->match, pid, seats);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (tg_venue_seat_neighbor (fx->venue, MIN (seats[0], seats[1]), +1), ==, MAX (seats[0], seats[1]));
  seats[2] = seats[0] + 100;
  g_assert_false (tg_match_hold_seats (fx->match, pid, seats, 3, NULL, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_INVALID_SEATS);
  g_clear_error (&error);
  tg_match_note_seat_miss (fx->match, pid);
  advance_ms (fx, 2500);
  g_assert_true (tg_match_hold_seats (fx->match, pid, seats, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_PAYMENT);
  g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (fx->match), seats[0]), ==, TG_SEAT_HELD);
  g_assert_true (tg_match_get_hold (fx->match, pid, &hold));
  g_assert_cmpint (hold.expires_at - hold.held_at, ==, 600 * TG_USEC_PER_SEC);

  price0 = tg_venue_get_grade (fx->venue, tg_venue_get_seat (fx->venue, seats[0])->grade)->price;
  price1 = tg_venue_get_grade (fx->venue, tg_venue_get_seat (fx->venue, seats[1])->grade)->price;
  g_assert_true (tg_match_quote (fx->match, pid, discounts, &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quote.discount, ==, price1 / 5);
  g_assert_cmpuint (quote.fee, ==, 2 * TG_MATCH_BOOKING_FEE);
  g_assert_cmpuint (quote.total, ==, price0 + price1 - price1 / 5 + 2 * TG_MATCH_BOOKING_FEE);

  advance_ms (fx, 20000);
  g_assert_true (tg_match_pay (fx->match, pid, discounts, TG_PAYMENT_CARD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_DONE);
  g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (fx->match), seats[0]), ==, TG_SEAT_SOLD);
  /* No bots and every player done: the match is over. */
  g_assert_true (tg_match_is_finished (fx->match));

  result = tg_match_get_result (fx->match, pid);
  g_assert_true (result->success);
  g_assert_cmpint (result->fail_reason, ==, TG_FAIL_NONE);
  g_assert_cmpint (result->stage_ms[TG_STAGE_REACTION], ==, 250);
  g_assert_cmpint (result->stage_ms[TG_STAGE_DATE], ==, 700);
  g_assert_cmpint (result->stage_ms[TG_STAGE_CAPTCHA], ==, 7000);
  g_assert_cmpint (result->stage_ms[TG_STAGE_SEAT], ==, 2500);
  g_assert_cmpint (result->stage_ms[TG_STAGE_PAYMENT], ==, 20000);
  g_assert_cmpuint (result->date_misclicks, ==, 2);
  g_assert_cmpuint (result->captcha_wrong, ==, 1);
  g_assert_cmpuint (result->captcha_backspaces, ==, 2);
  g_assert_cmpuint (result->seat_misses, ==, 1);
  g_assert_cmpuint (result->seat_conflicts, ==, 0);
  g_assert_cmpuint (result->n_seats, ==, 2);
  g_assert_cmpstr (result->seat_ids[0], ==, tg_venue_get_seat (fx->venue, seats[0])->id);
  g_assert_cmpuint (result->rank_all, ==, 1);
  g_assert_cmpuint (result->rank_humans, ==, 1);
  g_assert_cmpuint (result->price_paid, ==, quote.total);
  g_assert_cmpuint (result->first_queue_position, ==, 1);
  g_assert_cmpint (tg_result_compute_grade (result), ==, TG_GRADE_S);
}

/* Every step of one player, with what each step refuses. */
static void
test_transitions (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgMatchSettings settings;
  guint32 first, pid, seats[4];
  guint n;

  quiet_settings (&settings);
  settings.admission_rate = 1;   /* one a second: the second player waits in the queue */
  start_match (fx, &settings);
  first = tg_match_add_human (fx->match, "first");
  pid = tg_match_add_human (fx->match, "me");

  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_WAITING);
  g_assert_false (tg_match_choose_date (fx->match, pid, 0, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);

  advance_ms (fx, 5000);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_OPEN);
  /* The dates only answer once 예매하기 was clicked. */
  g_assert_false (tg_match_choose_date (fx->match, pid, 0, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (tg_match_click_book (fx->match, first, NULL));
  g_assert_true (tg_match_choose_date (fx->match, first, 0, NULL));
  g_assert_true (tg_match_click_book (fx->match, pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_OPEN);
  /* A second 예매하기 is a misclick. */
  g_assert_false (tg_match_click_book (fx->match, pid, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_true (tg_match_choose_date (fx->match, pid, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_QUEUED);
  g_assert_false (tg_match_submit_captcha (fx->match, pid, "ABCDEF", &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);

  /* One a second, on 100 ms ticks from the open: ten ticks of credit (the open's own, then nine
   * more) let "first" in at +900 ms, "me" a second later. (Summing 0.1 ten times in floating
   * point fell short of 1 and made every admission a tick late.) */
  advance_ms (fx, 899);
  g_assert_cmpint (tg_match_get_state (fx->match, first), ==, TG_MATCH_STATE_QUEUED);
  advance_ms (fx, 1);
  g_assert_cmpint (tg_match_get_state (fx->match, first), ==, TG_MATCH_STATE_CAPTCHA);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_QUEUED);
  advance_ms (fx, 999);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_QUEUED);
  advance_ms (fx, 1);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_CAPTCHA);
  n = tg_match_suggest_seats (fx->match, pid, seats);
  g_assert_false (tg_match_hold_seats (fx->match, pid, seats, n, NULL, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (tg_match_submit_captcha (fx->match, pid, tg_match_get_captcha (fx->match, pid)->text, NULL));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_SEATS);
  g_assert_false (tg_match_pay (fx->match, pid, NULL, TG_PAYMENT_CARD, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_WRONG_STATE);
  g_clear_error (&error);

  n = tg_match_suggest_seats (fx->match, pid, seats);
  g_assert_true (tg_match_hold_seats (fx->match, pid, seats, n, NULL, NULL));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_PAYMENT);
  g_assert_true (tg_match_pay (fx->match, pid, NULL, TG_PAYMENT_CARD, NULL));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_DONE);

  /* After the end, everything is refused as finished. */
  g_assert_false (tg_match_release_hold (fx->match, pid, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_FINISHED);
  g_clear_error (&error);
  tg_match_give_up (fx->match, pid);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_DONE);
  g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (fx->match), seats[0]), ==, TG_SEAT_SOLD);
}

/* Giving up or leaving from any step ends the player there, with nothing left behind. */
static void
test_fail_from_every_state (Fixture       *fx,
                            gconstpointer  data)
{
  for (TgMatchState target = TG_MATCH_STATE_WAITING; target <= TG_MATCH_STATE_PAYMENT; target++)
    for (guint leave = 0; leave < 2; leave++)
      {
        g_autoptr(TgMatch) match = NULL;
        g_autoptr(TgResult) result = NULL;
        TgMatchSettings settings;
        TgQueueStatus status;
        guint32 blocker, pid, seats[4];
        guint n;

        g_clear_object (&fx->match);
        quiet_settings (&settings);
        settings.admission_rate = 1;
        start_match (fx, &settings);
        match = g_object_ref (fx->match);
        blocker = tg_match_add_human (match, "ahead");
        pid = tg_match_add_human (match, "me");
        if (target >= TG_MATCH_STATE_OPEN)
          advance_ms (fx, 5000);
        if (target == TG_MATCH_STATE_QUEUED)
          {
            /* Someone ahead keeps the line busy for a second. */
            g_assert_true (tg_match_click_book (match, blocker, NULL));
            g_assert_true (tg_match_choose_date (match, blocker, 0, NULL));
          }
        if (target >= TG_MATCH_STATE_QUEUED)
          {
            g_assert_true (tg_match_click_book (match, pid, NULL));
            g_assert_true (tg_match_choose_date (match, pid, 0, NULL));
          }
        if (target >= TG_MATCH_STATE_CAPTCHA)
          advance_ms (fx, 1100);
        if (target >= TG_MATCH_STATE_SEATS)
          g_assert_true (tg_match_submit_captcha (match, pid, tg_match_get_captcha (match, pid)->text, NULL));
        if (target >= TG_MATCH_STATE_PAYMENT)
          {
            n = tg_match_suggest_seats (match, pid, seats);
            g_assert_true (tg_match_hold_seats (match, pid, seats, n, NULL, NULL));
          }
        g_assert_cmpint (tg_match_get_state (match, pid), ==, target);

        if (leave)
          tg_match_leave (match, pid);
        else
          tg_match_give_up (match, pid);
        g_assert_cmpint (tg_match_get_state (match, pid), ==, TG_MATCH_STATE_FAILED);
        g_assert_cmpint (tg_match_get_fail_reason (match, pid), ==, leave ? TG_FAIL_LEFT : TG_FAIL_GAVE_UP);
        g_assert_cmpuint (tg_ledger_count (tg_match_get_ledger (match), TG_SEAT_HELD), ==, 0);
        /* Out of the queue too: only the blocker (if any) is still in line. */
        g_assert_false (tg_match_get_queue_status (match, pid, &status));
        if (tg_match_get_queue_status (match, blocker, &status))
          g_assert_cmpuint (status.total, ==, 1);
        result = tg_match_get_result (match, pid);
        g_assert_false (result->success);
        g_assert_cmpuint (result->n_seats, ==, 0);
      }
}

static void
test_captcha_expiry_and_refresh (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgResult) result = NULL;
  char old_text[TG_CAPTCHA_LENGTH + 1];
  TgMatchSettings settings;
  guint32 pid;

  quiet_settings (&settings);
  settings.captcha_ttl = 60 * TG_USEC_PER_SEC;
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "me");
  advance_ms (fx, 5000);
  reach_captcha (fx, pid);

  /* The right answer, too late: a new code, not a wrong answer. */
  memcpy (old_text, tg_match_get_captcha (fx->match, pid)->text, sizeof old_text);
  advance_ms (fx, 60 * 1000);
  g_assert_false (tg_match_submit_captcha (fx->match, pid, old_text, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_CAPTCHA_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpstr (tg_match_get_captcha (fx->match, pid)->text, !=, old_text);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_CAPTCHA);

  /* 새로고침 draws another one, counted apart. */
  memcpy (old_text, tg_match_get_captcha (fx->match, pid)->text, sizeof old_text);
  g_assert_true (tg_match_refresh_captcha (fx->match, pid, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tg_match_get_captcha (fx->match, pid)->text, !=, old_text);
  g_assert_false (tg_match_submit_captcha (fx->match, pid, old_text, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_CAPTCHA_WRONG);
  g_clear_error (&error);
  g_assert_true (tg_match_submit_captcha (fx->match, pid, tg_match_get_captcha (fx->match, pid)->text, NULL));

  result = tg_match_get_result (fx->match, pid);
  g_assert_cmpuint (result->captcha_wrong, ==, 1);
  g_assert_cmpuint (result->captcha_refreshes, ==, 1);
  /* The stage runs from admission (one tick before reach_captcha() returned) to the right code. */
  g_assert_cmpint (result->stage_ms[TG_STAGE_CAPTCHA], ==, 60 * 1000 + 100);
}

static void
test_seat_taken (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(TgResult) result = NULL;
  TgMatchSettings settings;
  guint32 a, b, seats[2];

  quiet_settings (&settings);
  start_match (fx, &settings);
  a = tg_match_add_human (fx->match, "a");
  b = tg_match_add_human (fx->match, "b");
  advance_ms (fx, 5000);
  reach_seats (fx, a);
  reach_seats (fx, b);

  g_assert_cmpuint (tg_match_suggest_seats (fx->match, a, seats), ==, 2);
  g_assert_true (tg_match_hold_seats (fx->match, a, seats, 2, NULL, &error));
  g_assert_no_error (error);

  /* b wants one of a's seats and a free one: 이선좌, nothing held. */
  seats[0] = seats[1];
  seats[1] = tg_venue_find_seat (fx->venue, tg_venue_get_seat (fx->venue, tg_venue_get_n_seats (fx->venue) - 1)->id);
  g_assert_false (tg_match_hold_seats (fx->match, b, seats, 2, taken, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_SEAT_TAKEN);
  /* The message names the seat as the venue does, not by the ledger's number. */
  g_assert_nonnull (strstr (error->message, tg_venue_get_seat (fx->venue, seats[0])->id));
  g_assert_null (strstr (error->message, tg_venue_get_seat (fx->venue, seats[1])->id));
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpuint (g_array_index (taken, guint32, 0), ==, seats[0]);
  g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (fx->match), seats[1]), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpint (tg_match_get_state (fx->match, b), ==, TG_MATCH_STATE_SEATS);

  result = tg_match_get_result (fx->match, b);
  g_assert_cmpuint (result->seat_conflicts, ==, 1);
}

static void
test_hold_expiry (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgMatchSettings settings;
  TgLedger *ledger;
  guint32 pid, seats[4];
  guint n;

  quiet_settings (&settings);
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "slow payer");
  advance_ms (fx, 5000);
  reach_seats (fx, pid);
  ledger = tg_match_get_ledger (fx->match);

  n = tg_match_suggest_seats (fx->match, pid, seats);
  g_assert_true (tg_match_hold_seats (fx->match, pid, seats, n, NULL, &error));
  g_assert_no_error (error);

  /* Ten minutes of clock time in a few microseconds. */
  advance_ms (fx, 600 * 1000 - 1);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_PAYMENT);
  advance_ms (fx, 1);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_FAILED);
  g_assert_cmpint (tg_match_get_fail_reason (fx->match, pid), ==, TG_FAIL_HOLD_EXPIRED);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (tg_ledger_seat_state (ledger, seats[i]), ==, TG_SEAT_AVAILABLE);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, 0);

  g_assert_false (tg_match_pay (fx->match, pid, NULL, TG_PAYMENT_CARD, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_FINISHED);
  g_assert_true (tg_match_is_finished (fx->match));
}

static void
test_release_paths (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgMatchSettings settings;
  TgLedger *ledger;
  guint32 quitter, payer, leaver, queued, seats[4];
  TgQueueStatus status;
  guint n;

  quiet_settings (&settings);
  settings.admission_rate = 1;   /* one per second: someone stays in the queue */
  start_match (fx, &settings);
  quitter = tg_match_add_human (fx->match, "quitter");
  payer = tg_match_add_human (fx->match, "payer");
  leaver = tg_match_add_human (fx->match, "leaver");
  queued = tg_match_add_human (fx->match, "queued");
  ledger = tg_match_get_ledger (fx->match);
  advance_ms (fx, 5000);

  g_assert_true (tg_match_click_book (fx->match, quitter, NULL));
  g_assert_true (tg_match_click_book (fx->match, payer, NULL));
  g_assert_true (tg_match_click_book (fx->match, leaver, NULL));
  g_assert_true (tg_match_click_book (fx->match, queued, NULL));
  g_assert_true (tg_match_get_queue_status (fx->match, queued, &status));
  g_assert_cmpuint (status.total, ==, 4);
  g_assert_cmpuint (status.ahead, ==, 3);
  for (guint32 p = quitter; p <= leaver; p++)
    tg_match_choose_date (fx->match, p, 0, NULL);
  advance_ms (fx, 3500);

  /* give up with a hold */
  g_assert_true (tg_match_submit_captcha (fx->match, quitter, tg_match_get_captcha (fx->match, quitter)->text, NULL));
  n = tg_match_suggest_seats (fx->match, quitter, seats);
  g_assert_true (tg_match_hold_seats (fx->match, quitter, seats, n, NULL, NULL));
  tg_match_give_up (fx->match, quitter);
  g_assert_cmpint (tg_match_get_fail_reason (fx->match, quitter), ==, TG_FAIL_GAVE_UP);
  g_assert_cmpint (tg_ledger_seat_state (ledger, seats[0]), ==, TG_SEAT_AVAILABLE);

  /* payment cancelled */
  g_assert_true (tg_match_submit_captcha (fx->match, payer, tg_match_get_captcha (fx->match, payer)->text, NULL));
  n = tg_match_suggest_seats (fx->match, payer, seats);
  g_assert_true (tg_match_hold_seats (fx->match, payer, seats, n, NULL, NULL));
  g_assert_true (tg_match_cancel_payment (fx->match, payer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_fail_reason (fx->match, payer), ==, TG_FAIL_PAYMENT);
  g_assert_cmpint (tg_ledger_seat_state (ledger, seats[0]), ==, TG_SEAT_AVAILABLE);

  /* leave with a hold */
  g_assert_true (tg_match_submit_captcha (fx->match, leaver, tg_match_get_captcha (fx->match, leaver)->text, NULL));
  n = tg_match_suggest_seats (fx->match, leaver, seats);
  g_assert_true (tg_match_hold_seats (fx->match, leaver, seats, n, NULL, NULL));
  tg_match_leave (fx->match, leaver);
  g_assert_cmpint (tg_match_get_fail_reason (fx->match, leaver), ==, TG_FAIL_LEFT);
  g_assert_cmpuint (tg_ledger_count (ledger, TG_SEAT_HELD), ==, 0);

  /* leaving the queue: no ghost in the line */
  g_assert_true (tg_match_get_queue_status (fx->match, queued, &status));
  g_assert_cmpuint (status.total, ==, 1);
  tg_match_leave (fx->match, queued);
  g_assert_false (tg_match_get_queue_status (fx->match, queued, &status));
  g_assert_cmpuint (status.total, ==, 0);
  g_assert_true (tg_match_is_finished (fx->match));
}

static void
test_release_and_reselect (Fixture       *fx,
                           gconstpointer  data)
{
  TgMatchSettings settings;
  guint32 pid, seats[4];
  guint n;

  quiet_settings (&settings);
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "picky");
  advance_ms (fx, 5000);
  reach_seats (fx, pid);
  n = tg_match_suggest_seats (fx->match, pid, seats);
  g_assert_true (tg_match_hold_seats (fx->match, pid, seats, n, NULL, NULL));
  g_assert_true (tg_match_release_hold (fx->match, pid, NULL));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_SEATS);
  g_assert_cmpint (tg_ledger_seat_state (tg_match_get_ledger (fx->match), seats[0]), ==, TG_SEAT_AVAILABLE);
  g_assert_true (tg_match_hold_seats (fx->match, pid, seats, n, NULL, NULL));
}

static void
test_sold_out (Fixture       *fx,
               gconstpointer  data)
{
  TgMatchSettings settings;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.n_bots = 3000;
  settings.seed = 11;
  settings.difficulty = TG_DIFFICULTY_HARD;
  settings.countdown = TG_USEC_PER_SEC;
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "late");

  /* The player waits in the queue behind everyone and never gets a seat. */
  advance_ms (fx, 1000 + 5000);
  g_assert_true (tg_match_click_book (fx->match, pid, NULL));
  g_assert_true (tg_match_choose_date (fx->match, pid, 0, NULL));

  while (!tg_match_is_finished (fx->match))
    g_assert_true (tg_manual_clock_step (TG_MANUAL_CLOCK (fx->clock)));

  g_assert_true (tg_match_is_sold_out (fx->match));
  g_assert_cmpint (tg_match_get_sell_out_time (fx->match), >, 0);
  g_assert_cmpuint (tg_ledger_count (tg_match_get_ledger (fx->match), TG_SEAT_SOLD), ==,
                    tg_venue_get_n_seats (fx->venue));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_FAILED);
  g_assert_cmpint (tg_match_get_fail_reason (fx->match, pid), ==, TG_FAIL_SOLD_OUT);
  /* Every bot ended one way or another. */
  {
    guint ended = tg_match_get_n_bots_done (fx->match) + tg_match_get_n_bots_cancelled (fx->match);
    for (TgFailReason r = TG_FAIL_SOLD_OUT; r <= TG_FAIL_PAYMENT; r++)
      ended += tg_match_get_n_bots_failed (fx->match, r);
    g_assert_cmpuint (ended, ==, 3000);
  }
  /* No timer left behind. */
  g_assert_cmpuint (tg_clock_get_n_timers (fx->clock), ==, 0);
}

static void
on_tick_check_position (TgMatch  *match,
                        gpointer  user_data)
{
  guint *last = user_data;
  TgQueueStatus status;

  if (tg_match_get_queue_status (match, tg_match_get_human (match, 0), &status))
    {
      g_assert_cmpuint (status.position, <=, *last);
      g_assert_cmpuint (status.position, ==, status.ahead + 1);
      g_assert_cmpuint (status.total, ==, status.ahead + status.behind + 1);
      *last = status.position;
    }
}

static void
test_queue_position_never_increases (Fixture       *fx,
                                     gconstpointer  data)
{
  TgMatchSettings settings;
  TgAutoplayScript script;
  g_autoptr(TgAutoplayer) player = NULL;
  g_autoptr(TgResult) result = NULL;
  guint last = G_MAXUINT;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.n_bots = 5000;
  settings.seed = 3;
  settings.admission_rate = 200;
  settings.countdown = TG_USEC_PER_SEC;
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "watcher");
  tg_autoplay_script_init (&script);
  script.reaction_ms = 900;
  player = tg_autoplayer_new (fx->match, pid, &script);
  g_signal_connect (fx->match, "tick", G_CALLBACK (on_tick_check_position), &last);

  while (!tg_match_is_finished (fx->match))
    g_assert_true (tg_manual_clock_step (TG_MANUAL_CLOCK (fx->clock)));

  result = tg_match_get_result (fx->match, pid);
  g_assert_cmpuint (result->first_queue_position, >, 100);
  g_assert_cmpuint (last, <, result->first_queue_position);
  g_assert_cmpint (result->stage_ms[TG_STAGE_QUEUE], >, 0);
}

/* First queue position of a player who enters a 30 s waiting room 29 s before open. */
static guint
prequeue_position (guint64 seed)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("small", NULL);
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(TgResult) result = NULL;
  TgMatchSettings settings;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 2000;
  settings.seed = seed;
  settings.prequeue = TRUE;
  settings.countdown = 30 * TG_USEC_PER_SEC;
  match = tg_match_new (&settings, clock, NULL);
  pid = tg_match_add_human (match, "early bird");
  tg_manual_clock_advance (TG_MANUAL_CLOCK (clock), TG_USEC_PER_SEC);
  g_assert_true (tg_match_click_book (match, pid, NULL));
  tg_manual_clock_advance (TG_MANUAL_CLOCK (clock), 29 * TG_USEC_PER_SEC);
  result = tg_match_get_result (match, pid);
  return result->first_queue_position;
}

static void
test_prequeue (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgResult) result = NULL;
  TgMatchSettings settings;
  TgStageStats reaction;
  guint32 pid;
  double mean = 0;

  tg_match_settings_init (&settings);
  settings.n_bots = 2000;
  settings.prequeue = TRUE;
  settings.countdown = 30 * TG_USEC_PER_SEC;
  settings.admission_rate = 1000;
  start_match (fx, &settings);
  pid = tg_match_add_human (fx->match, "early bird");

  /* In a waiting room, arriving before open is allowed and not an early click. */
  advance_ms (fx, 1000);
  g_assert_false (tg_match_is_booked (fx->match, pid));
  g_assert_true (tg_match_click_book (fx->match, pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_WAITING);
  g_assert_true (tg_match_is_booked (fx->match, pid));
  advance_ms (fx, 29000);
  g_assert_true (tg_match_is_open (fx->match));
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_OPEN);
  /* The player dawdles over the date; the fast queue lets them in meanwhile. */
  advance_ms (fx, 5000);
  g_assert_true (tg_match_choose_date (fx->match, pid, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tg_match_get_state (fx->match, pid), ==, TG_MATCH_STATE_CAPTCHA);

  result = tg_match_get_result (fx->match, pid);
  g_assert_cmpuint (result->early_clicks, ==, 0);
  g_assert_cmpint (result->stage_ms[TG_STAGE_REACTION], ==, 0);
  /* The place learnt at open, though admitted before choosing the date. */
  g_assert_cmpuint (result->first_queue_position, >=, 1);
  g_assert_cmpuint (result->queue_total_at_join, >=, result->first_queue_position);
  g_assert_cmpuint (result->queue_total_at_join, >, 100);

  /* Bots that waited in the room did not react to the open: they are not in the reaction times. */
  tg_match_get_bot_stage_stats (fx->match, TG_STAGE_REACTION, &reaction);
  g_assert_cmpuint (reaction.n, >, 0);
  g_assert_cmpuint (reaction.n, <, settings.n_bots);
  g_assert_cmpint (reaction.min, >, 0);

  /* Randomized at open: in arrival order this player, 29 s early among ~800 early birds spread
   * over 30 s, would be about 27th every time. */
  for (guint64 seed = 1; seed <= 20; seed++)
    mean += prequeue_position (seed) / 20.0;
  g_assert_cmpfloat (mean, >, 200);
}

static void
test_two_humans_ranks (Fixture       *fx,
                       gconstpointer  data)
{
  TgMatchSettings settings;
  guint32 a, b, seats[4];
  g_autoptr(TgResult) ra = NULL;
  g_autoptr(TgResult) rb = NULL;
  guint n;

  quiet_settings (&settings);
  start_match (fx, &settings);
  a = tg_match_add_human (fx->match, "a");
  b = tg_match_add_human (fx->match, "b");
  advance_ms (fx, 5000);
  reach_seats (fx, a);
  reach_seats (fx, b);
  n = tg_match_suggest_seats (fx->match, b, seats);
  g_assert_true (tg_match_hold_seats (fx->match, b, seats, n, NULL, NULL));
  n = tg_match_suggest_seats (fx->match, a, seats);
  g_assert_true (tg_match_hold_seats (fx->match, a, seats, n, NULL, NULL));
  g_assert_true (tg_match_pay (fx->match, b, NULL, TG_PAYMENT_MOBILE, NULL));
  g_assert_true (tg_match_pay (fx->match, a, NULL, TG_PAYMENT_CARD, NULL));
  ra = tg_match_get_result (fx->match, a);
  rb = tg_match_get_result (fx->match, b);
  g_assert_cmpuint (rb->rank_humans, ==, 1);
  g_assert_cmpuint (ra->rank_humans, ==, 2);
  g_assert_cmpuint (ra->rank_all, ==, 2);
  g_assert_cmpuint (ra->n_buyers, ==, 2);
}

static TgResult *
play_seeded (guint64 seed,
             guint   n_bots)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("medium", NULL);
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(TgAutoplayer) player = NULL;
  TgMatchSettings settings;
  TgAutoplayScript script;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = n_bots;
  settings.seed = seed;
  settings.countdown = TG_USEC_PER_SEC;
  match = tg_match_new (&settings, clock, NULL);
  pid = tg_match_add_human (match, "p");
  tg_autoplay_script_init (&script);
  script.reaction_ms = 400;
  script.payment_ms = 5000;
  player = tg_autoplayer_new (match, pid, &script);
  while (!tg_match_is_finished (match) && tg_manual_clock_step (TG_MANUAL_CLOCK (clock)))
    ;
  return tg_match_get_result (match, pid);
}

static void
test_determinism (void)
{
  g_autoptr(TgResult) a = play_seeded (99, 6000);
  g_autoptr(TgResult) b = play_seeded (99, 6000);
  g_autoptr(TgResult) c = play_seeded (100, 6000);
  g_autofree char *ta = tg_result_to_text (a);
  g_autofree char *tb = tg_result_to_text (b);
  g_autofree char *tc = tg_result_to_text (c);

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpuint (a->rank_all, ==, b->rank_all);
  g_assert_cmpuint (a->first_queue_position, ==, b->first_queue_position);
  g_assert_cmpstr (ta, !=, tc);
}

/* The bots' distribution stored with a result agrees with the match's own figures. */
static void
test_bot_summary (void)
{
  g_autoptr(TgClock) clock = tg_manual_clock_new ();
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("medium", NULL);
  g_autoptr(TgMatch) match = NULL;
  g_autoptr(TgAutoplayer) player = NULL;
  g_autoptr(TgResult) result = NULL;
  TgMatchSettings settings;
  TgAutoplayScript script;
  guint32 pid;

  tg_match_settings_init (&settings);
  settings.venue = venue;
  settings.n_bots = 3000;
  settings.seed = 7;
  settings.countdown = TG_USEC_PER_SEC;
  match = tg_match_new (&settings, clock, NULL);
  pid = tg_match_add_human (match, "p");
  tg_autoplay_script_init (&script);
  script.reaction_ms = 400;
  player = tg_autoplayer_new (match, pid, &script);
  while (!tg_match_is_finished (match) && tg_manual_clock_step (TG_MANUAL_CLOCK (clock)))
    ;
  result = tg_match_get_result (match, pid);

  for (guint s = 0; s < TG_N_STAGES; s++)
    {
      const TgBotStageSummary *summary = &result->bot_stages[s];
      TgStageStats stats;

      tg_match_get_bot_stage_stats (match, s, &stats);
      g_assert_cmpuint (summary->n, ==, stats.n);
      if (stats.n == 0)
        continue;
      g_assert_cmpfloat_with_epsilon (summary->mean_ms, stats.mean, 1e-6);
      g_assert_cmpfloat_with_epsilon (summary->stddev_ms, stats.stddev, 1e-6);
      g_assert_cmpint (summary->q_ms[0], ==, stats.min);
      g_assert_cmpint (summary->q_ms[TG_BOT_N_QUANTILES - 1], ==, stats.max);
      /* Interpolated, so within one order statistic of the match's nearest-rank median. */
      g_assert_cmpint (ABS (summary->q_ms[10] - stats.p50), <=, 1 + (stats.max - stats.min) / 100);
      for (guint q = 1; q < TG_BOT_N_QUANTILES; q++)
        g_assert_cmpint (summary->q_ms[q - 1], <=, summary->q_ms[q]);
    }
  g_assert_cmpuint (result->bot_stages[TG_STAGE_REACTION].n, >, 0);
  /* The player's percentile falls between the quantiles around the player's time. */
  if (result->stage_ms[TG_STAGE_REACTION] >= 0)
    {
      const TgBotStageSummary *r = &result->bot_stages[TG_STAGE_REACTION];
      double pct = result->stage_percentile[TG_STAGE_REACTION];
      guint below = 0;

      for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
        if (r->q_ms[q] <= result->stage_ms[TG_STAGE_REACTION])
          below = q;
      g_assert_cmpfloat (100.0 - pct, >=, 5.0 * below - 5.0 - 1e-9);
      g_assert_cmpfloat (100.0 - pct, <=, 5.0 * (below + 1) + 1e-9);
    }
}

static void
test_bot_summary_fill (void)
{
  gint64 hundred[101];
  const gint64 four[] = { 1, 2, 3, 4 };
  TgBotStageSummary summary;

  for (guint i = 0; i < G_N_ELEMENTS (hundred); i++)
    hundred[i] = i * 10;
  tg_bot_stage_summary_fill (&summary, hundred, G_N_ELEMENTS (hundred));
  g_assert_cmpuint (summary.n, ==, 101);
  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    g_assert_cmpint (summary.q_ms[q], ==, 50 * q);
  g_assert_cmpfloat_with_epsilon (summary.mean_ms, 500, 1e-9);

  tg_bot_stage_summary_fill (&summary, four, G_N_ELEMENTS (four));
  g_assert_cmpint (summary.q_ms[0], ==, 1);
  g_assert_cmpint (summary.q_ms[5], ==, 2);    /* h = 0.75 → 1.75, rounded */
  g_assert_cmpint (summary.q_ms[10], ==, 3);   /* 2.5 rounds away from zero */
  g_assert_cmpint (summary.q_ms[20], ==, 4);
  g_assert_cmpfloat_with_epsilon (summary.stddev_ms, sqrt (1.25), 1e-9);

  tg_bot_stage_summary_fill (&summary, NULL, 0);
  g_assert_cmpuint (summary.n, ==, 0);
}

static void
test_unknown_participant (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TgMatchSettings settings;

  quiet_settings (&settings);
  start_match (fx, &settings);
  g_assert_false (tg_match_click_book (fx->match, 12345, &error));
  g_assert_error (error, TG_MATCH_ERROR, TG_MATCH_ERROR_UNKNOWN_PARTICIPANT);
  g_assert_null (tg_match_get_result (fx->match, 0x80000009));
  g_assert_null (tg_match_get_captcha (fx->match, 0x80000009));
  tg_match_leave (fx->match, 77);
  tg_match_give_up (fx->match, 0x80000001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/engine/match/settings-invalid", test_settings_invalid);
  ADD ("/engine/match/early-click", test_early_click);
  ADD ("/engine/match/full-flow", test_full_flow);
  ADD ("/engine/match/transitions", test_transitions);
  ADD ("/engine/match/fail-from-every-state", test_fail_from_every_state);
  ADD ("/engine/match/captcha-expiry-and-refresh", test_captcha_expiry_and_refresh);
  ADD ("/engine/match/seat-taken", test_seat_taken);
  ADD ("/engine/match/hold-expiry", test_hold_expiry);
  ADD ("/engine/match/release-paths", test_release_paths);
  ADD ("/engine/match/release-and-reselect", test_release_and_reselect);
  ADD ("/engine/match/sold-out", test_sold_out);
  ADD ("/engine/match/queue-position-never-increases", test_queue_position_never_increases);
  ADD ("/engine/match/prequeue", test_prequeue);
  ADD ("/engine/match/two-humans-ranks", test_two_humans_ranks);
  ADD ("/engine/match/unknown-participant", test_unknown_participant);
  g_test_add_func ("/engine/match/determinism", test_determinism);
  g_test_add_func ("/engine/match/bot-summary", test_bot_summary);
  g_test_add_func ("/engine/match/bot-summary-fill", test_bot_summary_fill);
#undef ADD

  return g_test_run ();
}
