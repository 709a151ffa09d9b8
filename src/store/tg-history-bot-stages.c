/* tg-history-bot-stages.c: the text form of a stored bot distribution.
 *
 * A row of play_bot_stages keeps the 21 quantiles as one TEXT value rather than 21 columns:
 * they are always read and written together, and a readable list is easy to inspect with the
 * sqlite3 shell.
 */

#include "config.h"

#include <string.h>

#include "tg-history-private.h"

char *
tg_history_format_quantiles (const TgBotStageSummary *summary)
{
  GString *text = g_string_sized_new (TG_BOT_N_QUANTILES * 6);

  g_return_val_if_fail (summary != NULL, NULL);

  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    g_string_append_printf (text, q == 0 ? "%" G_GINT64_FORMAT : " %" G_GINT64_FORMAT,
                            summary->q_ms[q]);
  return g_string_free (text, FALSE);
}

gboolean
tg_history_parse_quantiles (const char        *text,
                            TgBotStageSummary *summary)
{
  const char *p = text;

  g_return_val_if_fail (summary != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint q = 0; q < TG_BOT_N_QUANTILES; q++)
    {
      char *end = NULL;
      gint64 value;

      if (q > 0)
        {
          if (*p != ' ')
            return FALSE;
          p++;
        }
      if (!g_ascii_isdigit (*p))   /* no sign, no space: times are never negative */
        return FALSE;
      value = g_ascii_strtoll (p, &end, 10);
      if (end == p || value < 0 || (q > 0 && value < summary->q_ms[q - 1]))
        return FALSE;
      summary->q_ms[q] = value;
      p = end;
    }
  return *p == '\0';
}
