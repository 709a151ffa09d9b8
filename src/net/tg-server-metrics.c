/* tg-server-metrics.c: GET /metrics in the Prometheus text exposition format (version 0.0.4). */

#include "config.h"

#include <sys/resource.h>

#include "tg-server-private.h"

/* Upper bounds of the histogram buckets, seconds; the last bucket is +Inf. */
static const double bucket_bounds[TG_HIST_BUCKETS - 1] = {
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 2.5,
};

static const struct {
  const char *name;
  const char *help;
} hist_info[TG_N_HISTS] = {
  [TG_HIST_REQUEST] = { "tickget_request_duration_seconds",
                        "Time from a client message's arrival to the end of its handling (parsing, the hand-over from an I/O thread, the reply queued)." },
  [TG_HIST_PUSH_ROUND] = { "tickget_queue_push_round_seconds",
                           "Time to push the queue position to every queued player of one match." },
  [TG_HIST_TICK_LATE] = { "tickget_match_tick_lateness_seconds",
                          "How much later than 100 ms after the previous one a match tick ran." },
};

void
tg_metrics_observe (TgServerMetrics *metrics,
                    TgHistogramId    hist,
                    double           seconds)
{
  TgHistogram *h = &metrics->hist[hist];
  guint i = 0;

  while (i < G_N_ELEMENTS (bucket_bounds) && seconds > bucket_bounds[i])
    i++;
  h->buckets[i]++;
  h->count++;
  h->sum += seconds;
}

static void
counter (GString    *out,
         const char *name,
         const char *help,
         guint64     value)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s counter\n%s %" G_GUINT64_FORMAT "\n",
                          name, help, name, name, value);
}

static void
gauge (GString    *out,
       const char *name,
       const char *help,
       double      value)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s gauge\n%s %.17g\n",
                          name, help, name, name, value);
}

char *
tg_metrics_render (TgServer *server)
{
  TgServerMetrics *m = &server->metrics;
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  TgRoom *room;
  TgPlayer *player;
  guint n_matches = 0, n_in_match = 0, n_disconnected = 0;
  guint64 holds = 0;
  struct rusage usage;

  g_hash_table_iter_init (&iter, server->rooms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &room))
    if (room->match != NULL && !tg_server_match_is_finished (room->match))
      n_matches++;
  g_hash_table_iter_init (&iter, server->players);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &player))
    {
      n_in_match += player->in_match;
      n_disconnected += player->conn == NULL;
    }
  holds = m->holds_ok;

  gauge (out, "tickget_connections", "Open WebSocket connections.", g_hash_table_size (server->conns));
  gauge (out, "tickget_io_threads", "Threads reading and writing the connections (0: the main thread).",
         tg_server_io_get_n_threads (server));
  counter (out, "tickget_connections_total", "WebSocket connections accepted.", m->connections_total);
  counter (out, "tickget_connections_rejected_total", "Connections refused (server full).",
           m->connections_rejected);
  gauge (out, "tickget_players", "Players with a session, connected or in their grace period.",
         g_hash_table_size (server->players));
  gauge (out, "tickget_players_disconnected", "Players in their grace period.", n_disconnected);
  gauge (out, "tickget_players_in_match", "Players taking part in a running match.", n_in_match);
  gauge (out, "tickget_rooms", "Rooms.", g_hash_table_size (server->rooms));
  gauge (out, "tickget_matches", "Matches running.", n_matches);
  counter (out, "tickget_matches_started_total", "Matches started.", m->matches_started);
  counter (out, "tickget_matches_finished_total", "Matches finished.", m->matches_finished);
  counter (out, "tickget_messages_in_total", "Messages received.", m->messages_in);
  counter (out, "tickget_messages_out_total", "Messages sent.", m->messages_out);
  counter (out, "tickget_bytes_in_total", "Payload bytes received.", m->bytes_in);
  counter (out, "tickget_bytes_out_total", "Payload bytes sent.", m->bytes_out);
  counter (out, "tickget_holds_total", "Seat holds won by players.", holds);
  counter (out, "tickget_holds_taken_total", "Player hold requests refused with seat_taken.",
           m->holds_taken);
  counter (out, "tickget_captcha_audio_total", "Audio captcha requests (they reveal the characters).",
           m->captcha_audio_requests);

  g_string_append (out, "# HELP tickget_errors_total Error replies sent, by code.\n"
                        "# TYPE tickget_errors_total counter\n");
  for (guint i = 0; i < TG_N_PROTOCOL_ERRORS; i++)
    if (m->errors[i] > 0)
      g_string_append_printf (out, "tickget_errors_total{code=\"%s\"} %" G_GUINT64_FORMAT "\n",
                              tg_protocol_error_to_code (i), m->errors[i]);
  g_string_append (out, "# HELP tickget_closes_total Connections the server closed, by reason.\n"
                        "# TYPE tickget_closes_total counter\n");
  g_string_append_printf (out, "tickget_closes_total{reason=\"flood\"} %" G_GUINT64_FORMAT "\n"
                               "tickget_closes_total{reason=\"oversize\"} %" G_GUINT64_FORMAT "\n"
                               "tickget_closes_total{reason=\"keepalive\"} %" G_GUINT64_FORMAT "\n",
                          m->closes_flood, m->closes_oversize, m->closes_keepalive);

  for (guint h = 0; h < TG_N_HISTS; h++)
    {
      const TgHistogram *hist = &m->hist[h];
      guint64 cumulative = 0;

      g_string_append_printf (out, "# HELP %s %s\n# TYPE %s histogram\n",
                              hist_info[h].name, hist_info[h].help, hist_info[h].name);
      for (guint i = 0; i < TG_HIST_BUCKETS; i++)
        {
          cumulative += hist->buckets[i];
          if (i < G_N_ELEMENTS (bucket_bounds))
            g_string_append_printf (out, "%s_bucket{le=\"%g\"} %" G_GUINT64_FORMAT "\n",
                                    hist_info[h].name, bucket_bounds[i], cumulative);
          else
            g_string_append_printf (out, "%s_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n",
                                    hist_info[h].name, cumulative);
        }
      g_string_append_printf (out, "%s_sum %.9g\n%s_count %" G_GUINT64_FORMAT "\n",
                              hist_info[h].name, hist->sum, hist_info[h].name, hist->count);
    }

  gauge (out, "tickget_uptime_seconds", "Seconds since the server started.",
         (g_get_monotonic_time () - server->started_at) / (double) G_USEC_PER_SEC);
  if (getrusage (RUSAGE_SELF, &usage) == 0)
    gauge (out, "tickget_max_rss_bytes", "Peak resident memory of the server process.",
           usage.ru_maxrss * 1024.0);
  return g_string_free (out, FALSE);
}
