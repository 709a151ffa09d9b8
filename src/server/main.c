/* main.c: tickget-server, the headless LAN host. Options, then TgServer takes over. */

#include "config.h"

#include <locale.h>
#include <signal.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "tg-lan-discovery.h"
#include "tg-server.h"

static gboolean
on_signal (gpointer user_data)
{
  g_message (_("Stopping (signal received)…"));
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_uint (const char  *name,
            const char  *value,
            guint64      min,
            guint64      max,
            guint       *out,
            GError     **error)
{
  guint64 number;

  if (value == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s must be a whole number from %u to %u, not “%s”"),
                   name, (guint) min, (guint) max, value);
      return FALSE;
    }
  *out = (guint) number;
  return TRUE;
}

typedef struct
{
  TgServer *server;
  char     *name;
  gboolean  tls;
} Beacon;

static void
describe_server (TgLanServer *info,
                 gpointer     user_data)
{
  Beacon *beacon = user_data;

  info->name = g_strdup (beacon->name);
  info->port = (guint16) tg_server_get_port (beacon->server);
  info->rooms = tg_server_get_n_rooms (beacon->server);
  info->players = tg_server_get_n_connections (beacon->server);
  info->tls = beacon->tls;
  info->version = g_strdup (PACKAGE_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *port_str = NULL, *data_dir = NULL, *bind = NULL, *tls_cert = NULL, *tls_key = NULL;
  g_autofree char *max_conn_str = NULL, *max_rooms_str = NULL, *grace_str = NULL, *min_open_str = NULL;
  g_autofree char *io_threads_str = NULL;
  g_autofree char *keepalive_str = NULL, *rate_str = NULL, *burst_str = NULL;
  gboolean verbose = FALSE, no_discovery = FALSE;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_STRING, &port_str, N_("TCP port to listen on (0: any free port)"), N_("PORT") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Folder for server.db (created if missing)"), N_("DIR") },
    { "bind", 'b', 0, G_OPTION_ARG_STRING, &bind, N_("Listen on this address only (default: every interface)"), N_("ADDR") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("PEM certificate: serve HTTPS and wss://"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("PEM private key of the certificate"), N_("FILE") },
    { "max-connections", 0, 0, G_OPTION_ARG_STRING, &max_conn_str, N_("WebSocket connections at most (default 1024)"), N_("N") },
    { "max-rooms", 0, 0, G_OPTION_ARG_STRING, &max_rooms_str, N_("Rooms at most (default 256)"), N_("N") },
    { "grace-period", 0, 0, G_OPTION_ARG_STRING, &grace_str, N_("Seconds a disconnected player keeps their place (default 60)"), N_("S") },
    { "keepalive", 0, 0, G_OPTION_ARG_STRING, &keepalive_str, N_("Seconds between pings; a client silent for twice that is dropped (default 15, 0: never)"), N_("S") },
    { "message-rate", 0, 0, G_OPTION_ARG_STRING, &rate_str, N_("Messages per second a connection may send (default 20)"), N_("N") },
    { "message-burst", 0, 0, G_OPTION_ARG_STRING, &burst_str, N_("Messages a connection may send at once above that rate (default 40)"), N_("N") },
    { "min-open-delay-ms", 0, 0, G_OPTION_ARG_STRING, &min_open_str, N_("Shortest countdown a host may start (default 10000; lower only for tests)"), N_("MS") },
    { "io-threads", 0, 0, G_OPTION_ARG_STRING, &io_threads_str, N_("Threads reading and writing the connections (default: one per CPU core, at most 4; 0: all on the main thread)"), N_("N") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("Name shown to players who look for servers on the LAN (default: the host name)"), N_("NAME") },
    { "no-discovery", 0, 0, G_OPTION_ARG_NONE, &no_discovery, N_("Do not answer LAN discovery queries (UDP port 47807)"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Log every connection and error reply"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TgServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(TgLanResponder) responder = NULL;
  Beacon beacon = { 0 };
  TgServerOptions options;
  guint port = 0;
  guint message_rate;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tg_server_options_init (&options);
  options.io_threads = MIN (4u, g_get_num_processors ());
  message_rate = (guint) options.message_rate;
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Hosts TickGet rooms and online matches for players on the "
                                           "local network."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_uint ("port", port_str, 0, 65535, &port, &error) ||
      !parse_uint ("max-connections", max_conn_str, 1, 1000000, &options.max_connections, &error) ||
      !parse_uint ("max-rooms", max_rooms_str, 1, 100000, &options.max_rooms, &error) ||
      !parse_uint ("grace-period", grace_str, 1, 86400, &options.grace_period, &error) ||
      !parse_uint ("keepalive", keepalive_str, 0, 3600, &options.keepalive_interval, &error) ||
      !parse_uint ("message-rate", rate_str, 1, 1000000, &message_rate, &error) ||
      !parse_uint ("message-burst", burst_str, 1, 1000000, &options.message_burst, &error) ||
      !parse_uint ("min-open-delay-ms", min_open_str, 0, 3600000, &options.min_open_delay_ms, &error) ||
      !parse_uint ("io-threads", io_threads_str, 0, TG_SERVER_MAX_IO_THREADS, &options.io_threads, &error))
    {
      g_printerr ("tickget-server: %s\n", error->message);
      return 2;
    }
  if (port_str == NULL || data_dir == NULL)
    {
      g_printerr ("tickget-server: %s\n", _("--port and --data-dir are required (see --help)"));
      return 2;
    }
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("tickget-server: %s\n", _("--tls-cert and --tls-key go together"));
      return 2;
    }
  options.message_rate = message_rate;
  options.pong_timeout = options.keepalive_interval;
  if (verbose)
    g_log_set_debug_enabled (TRUE);

  server = tg_server_new (&options, data_dir, &error);
  if (server == NULL || !tg_server_listen (server, bind, port, tls_cert, tls_key, &error))
    {
      g_printerr ("tickget-server: %s\n", error->message);
      return 1;
    }
  g_message (_("Listening on %s:%u (%s), data in %s"), bind != NULL ? bind : "*",
             tg_server_get_port (server), tls_cert != NULL ? "https, wss" : "http, ws", data_dir);
  if (options.io_threads == 0)
    g_message (_("Connections on the main thread"));
  else
    g_message (ngettext ("Connections on %u I/O thread", "Connections on %u I/O threads", options.io_threads),
               options.io_threads);

  /* Players' "Servers on this network" list finds this server (docs/lan-discovery.md). */
  if (!no_discovery && (bind == NULL || !g_str_has_prefix (bind, "127.")))
    {
      g_autoptr(GError) beacon_error = NULL;

      beacon.server = server;
      beacon.name = name != NULL ? g_strdup (name) : g_strdup (g_get_host_name ());
      beacon.tls = tls_cert != NULL;
      responder = tg_lan_responder_new (0, describe_server, &beacon, NULL, &beacon_error);
      if (responder == NULL)
        g_message (_("LAN discovery is off: %s"), beacon_error->message);
      else
        g_message (_("Answering LAN discovery on UDP port %u as “%s”"), TG_LAN_DISCOVERY_PORT, beacon.name);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  signal (SIGPIPE, SIG_IGN);
  g_main_loop_run (loop);

  g_clear_object (&responder);
  g_free (beacon.name);
  tg_server_shutdown (server);
  /* Let the close frames go out. */
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_message (_("Stopped"));
  return 0;
}
