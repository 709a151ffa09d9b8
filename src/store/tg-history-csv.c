/* tg-history-csv.c: the play history as CSV, for spreadsheets.
 *
 * One row per play, newest first, with stable keys (not translated labels) so a file exported in
 * Korean and one exported in English read the same.
 */

#include "config.h"

#include <string.h>

#include "tg-history.h"

/* RFC 4180: quote a field holding a separator, a quote or a line break (and one with edge
 * spaces, which spreadsheets would trim), doubling the quotes inside. Every field ends with a
 * comma; csv_end_row() turns the last one into the line break. */
static void
csv_append_field (GString    *line,
                  const char *value)
{
  gboolean quote;

  if (value == NULL || *value == '\0')
    {
      g_string_append_c (line, ',');
      return;
    }

  quote = strpbrk (value, ",\"\r\n") != NULL ||
          g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]);
  if (!quote)
    g_string_append (line, value);
  else
    {
      g_string_append_c (line, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  g_string_append_c (line, ',');
}

static void
csv_end_row (GString *line)
{
  g_assert (line->len > 0 && line->str[line->len - 1] == ',');
  g_string_truncate (line, line->len - 1);
  g_string_append (line, "\r\n");
}

static void
csv_append_int (GString *line,
                gint64   value)
{
  char buf[32];

  if (value < 0)
    {
      csv_append_field (line, NULL);
      return;
    }
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  csv_append_field (line, buf);
}

static void
csv_append_double (GString *line,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    {
      csv_append_field (line, NULL);
      return;
    }
  csv_append_field (line, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static void
csv_append_header (GString *line)
{
  static const char * const before_stages[] = {
    "id", "played_at", "mode", "server", "seed", "difficulty", "bots", "humans", "venue",
    "success", "fail_reason", "grade",
  };
  static const char * const after_stages[] = {
    "total_ms", "early_clicks", "date_misclicks", "captcha_wrong", "captcha_backspaces",
    "captcha_refreshes", "seat_conflicts", "seat_misses", "first_queue_position",
    "queue_total_at_join", "sold_percent_at_admission", "seats", "seat_grades", "seat_prices",
    "price_paid", "rank_humans", "rank_all", "buyers",
  };

  for (guint i = 0; i < G_N_ELEMENTS (before_stages); i++)
    csv_append_field (line, before_stages[i]);
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_ms", tg_stage_to_string (i));
      csv_append_field (line, name);
    }
  for (guint i = 0; i < TG_N_STAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_percentile", tg_stage_to_string (i));
      csv_append_field (line, name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (after_stages); i++)
    csv_append_field (line, after_stages[i]);
}

static void
csv_append_play (GString             *line,
                 const TgHistoryPlay *play)
{
  const TgResult *r = play->result;
  g_autofree char *played_at = g_date_time_format_iso8601 (play->meta.played_at);
  g_autoptr(GString) seats = g_string_new (NULL);
  g_autoptr(GString) grades = g_string_new (NULL);
  g_autoptr(GString) prices = g_string_new (NULL);
  gboolean any_price = FALSE;
  char seed[32];

  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, r->seed);
  csv_append_int (line, play->id);
  csv_append_field (line, played_at);
  csv_append_field (line, tg_history_mode_to_string (play->meta.mode));
  csv_append_field (line, play->meta.server);
  csv_append_field (line, seed);
  csv_append_field (line, tg_difficulty_to_string (r->difficulty));
  csv_append_int (line, r->n_bots);
  csv_append_int (line, r->n_humans);
  csv_append_field (line, r->venue_name);
  csv_append_int (line, r->success ? 1 : 0);
  csv_append_field (line, tg_fail_reason_to_string (r->fail_reason));
  csv_append_field (line, tg_play_grade_to_string (tg_result_compute_grade (r)));
  for (guint i = 0; i < TG_N_STAGES; i++)
    csv_append_int (line, r->stage_ms[i]);
  for (guint i = 0; i < TG_N_STAGES; i++)
    csv_append_double (line, r->stage_percentile[i]);
  csv_append_int (line, r->total_ms);
  csv_append_int (line, r->early_clicks);
  csv_append_int (line, r->date_misclicks);
  csv_append_int (line, r->captcha_wrong);
  csv_append_int (line, r->captcha_backspaces);
  csv_append_int (line, r->captcha_refreshes);
  csv_append_int (line, r->seat_conflicts);
  csv_append_int (line, r->seat_misses);
  csv_append_int (line, r->first_queue_position);
  csv_append_int (line, r->queue_total_at_join);
  csv_append_double (line, r->sold_percent_at_admission);

  /* Up to four seats, one cell per column, separated by spaces; an unknown price is "?". */
  for (guint i = 0; i < r->n_seats; i++)
    {
      const char *sep = i > 0 ? " " : "";

      g_string_append_printf (seats, "%s%s", sep, r->seat_ids[i]);
      g_string_append_printf (grades, "%s%s", sep, r->seat_grades[i] != NULL ? r->seat_grades[i] : "?");
      if (play->meta.seat_prices[i] > 0)
        {
          g_string_append_printf (prices, "%s%u", sep, play->meta.seat_prices[i]);
          any_price = TRUE;
        }
      else
        g_string_append_printf (prices, "%s?", sep);
    }
  csv_append_field (line, seats->str);
  csv_append_field (line, grades->str);
  csv_append_field (line, any_price ? prices->str : NULL);
  csv_append_int (line, r->price_paid);
  csv_append_int (line, r->rank_humans);
  csv_append_int (line, r->rank_all);
  csv_append_int (line, r->n_buyers);
}

gboolean
tg_history_export_csv (TgHistory              *self,
                       const TgHistoryFilter  *filter,
                       GOutputStream          *stream,
                       GError                **error)
{
  g_autoptr(GPtrArray) plays = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (TG_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plays = tg_history_list_plays (self, filter, error);
  if (plays == NULL)
    return FALSE;

  csv_append_header (line);
  csv_end_row (line);
  if (!g_output_stream_write_all (stream, line->str, line->len, NULL, NULL, error))
    return FALSE;

  for (guint i = 0; i < plays->len; i++)
    {
      g_string_truncate (line, 0);
      csv_append_play (line, g_ptr_array_index (plays, i));
      csv_end_row (line);
      if (!g_output_stream_write_all (stream, line->str, line->len, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}
