/* tickget-sim: a headless ticketing match against bots. */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "tg-sim.h"

static gboolean
parse_uint (const char *name,
            const char *value,
            guint64     min,
            guint64     max,
            guint64    *out,
            GError    **error)
{
  g_autofree char *min_text = g_strdup_printf ("%" G_GUINT64_FORMAT, min);
  g_autofree char *max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
  guint64 v;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, min, max, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs a whole number between %s and %s, not “%s”"),
                   name, min_text, max_text, value != NULL ? value : "");
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static int
fail (const char *message)
{
  /* One line of valid UTF-8, whatever the message holds (it may quote a broken file). */
  g_autofree char *line = g_strdelimit (g_utf8_make_valid (message, -1), "\n\r", ' ');
  fprintf (stderr, "tickget-sim: %s\n", line);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bots = NULL, *difficulty = NULL, *venue = NULL, *seed = NULL, *seats = NULL;
  g_autofree char *human = NULL, *rate = NULL, *countdown = NULL, *report = NULL;
  g_autoptr(TgVenue) loaded = NULL;
  gboolean json = FALSE, prequeue = FALSE;
  TgSimOptions options = { 0 };
  guint64 v;
  GOptionEntry entries[] = {
    { "bots", 'b', 0, G_OPTION_ARG_STRING, &bots, N_("Number of bots (0–1000000, default 10000)"), "N" },
    { "difficulty", 'd', 0, G_OPTION_ARG_STRING, &difficulty, N_("easy, medium or hard (default medium)"), "LEVEL" },
    { "venue", 'v', 0, G_OPTION_ARG_FILENAME, &venue, N_("small, medium, large or a seat-map SVG file (default large)"), "VENUE" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 1)"), "N" },
    { "seats", 0, 0, G_OPTION_ARG_STRING, &seats, N_("Seats per booking, 1–4 (default 2)"), "N" },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate, N_("Queue admissions per second (default: automatic)"), "N" },
    { "countdown", 0, 0, G_OPTION_ARG_STRING, &countdown, N_("Seconds before the open time (default 30)"), "S" },
    { "prequeue", 0, 0, G_OPTION_ARG_NONE, &prequeue, N_("Randomize arrivals before the open time"), NULL },
    { "human", 'H', 0, G_OPTION_ARG_STRING, &human, N_("Add a scripted player, e.g. reaction=200,captcha=8000,seat=3000"), "SCRIPT" },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Plays a ticketing match against bots on a simulated clock."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);
      return fail (msg);
    }

  tg_match_settings_init (&options.match);
  options.json = json;
  options.match.prequeue = prequeue;

  if (bots != NULL && !parse_uint ("--bots", bots, 0, TG_MATCH_MAX_BOTS, &v, &error))
    return fail (error->message);
  if (bots != NULL)
    options.match.n_bots = (guint) v;
  if (seed != NULL && !parse_uint ("--seed", seed, 0, G_MAXINT64, &v, &error))
    return fail (error->message);
  if (seed != NULL)
    options.match.seed = v;
  if (seats != NULL && !parse_uint ("--seats", seats, 1, 4, &v, &error))
    return fail (error->message);
  if (seats != NULL)
    options.match.seats_per_booking = (guint) v;
  if (rate != NULL && !parse_uint ("--rate", rate, 0, 1000000, &v, &error))
    return fail (error->message);
  if (rate != NULL)
    options.match.admission_rate = (double) v;
  if (countdown != NULL && !parse_uint ("--countdown", countdown, 0, 3600, &v, &error))
    return fail (error->message);
  if (countdown != NULL)
    options.match.countdown = (gint64) v * G_USEC_PER_SEC;
  if (difficulty != NULL && !tg_difficulty_from_string (difficulty, &options.match.difficulty))
    {
      g_autofree char *msg = g_strdup_printf (_("Unknown difficulty “%s” (use easy, medium or hard)"), difficulty);
      return fail (msg);
    }

  if (venue == NULL || g_strv_contains (tg_venue_list_presets (), venue))
    loaded = tg_venue_new_preset (venue != NULL ? venue : "large", &error);
  else
    loaded = tg_venue_load_file (venue, &error);
  if (loaded == NULL)
    return fail (error->message);
  options.match.venue = loaded;

  if (human != NULL)
    {
      options.with_human = TRUE;
      if (!tg_autoplay_script_parse (human, &options.human, &error))
        return fail (error->message);
    }

  report = tg_sim_run (&options, &error);
  if (report == NULL)
    return fail (error->message);
  fputs (report, stdout);
  fputc ('\n', stdout);
  return 0;
}
