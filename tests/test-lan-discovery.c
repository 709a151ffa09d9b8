/* test-lan-discovery.c: the UDP beacon — datagram format, bad datagrams, and a real responder and
 * browser talking over loopback. */

#include "config.h"

#include <string.h>

#include "tg-lan-discovery.h"

static void
test_round_trip (void)
{
  TgLanServer server = { .name = (char *) "Minji의 TickGet", .port = 8765, .rooms = 3, .players = 17,
                         .tls = TRUE, .version = (char *) "1.2.3" };
  g_autoptr(GBytes) answer = tg_lan_discovery_build_answer (&server);
  g_autoptr(GBytes) query = tg_lan_discovery_build_query ();
  g_autoptr(TgLanServer) parsed = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (answer, &size);

  g_assert_cmpuint (size, <=, TG_LAN_DISCOVERY_MAX_SIZE);
  parsed = tg_lan_discovery_parse_answer (data, size);
  g_assert_nonnull (parsed);
  g_assert_cmpstr (parsed->name, ==, "Minji의 TickGet");
  g_assert_cmpuint (parsed->port, ==, 8765);
  g_assert_cmpuint (parsed->rooms, ==, 3);
  g_assert_cmpuint (parsed->players, ==, 17);
  g_assert_true (parsed->tls);
  g_assert_cmpstr (parsed->version, ==, "1.2.3");

  data = g_bytes_get_data (query, &size);
  g_assert_true (tg_lan_discovery_is_query (data, size));
  /* A query is not an answer and the other way round. */
  g_assert_null (tg_lan_discovery_parse_answer (data, size));
  data = g_bytes_get_data (answer, &size);
  g_assert_false (tg_lan_discovery_is_query (data, size));
}

static void
test_bad_datagrams (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[1,2,3]",
    "{\"kind\":\"tickget-server\"}",
    "{\"kind\":\"tickget-server\",\"v\":2,\"name\":\"x\",\"port\":1,\"rooms\":0,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"x\",\"port\":0,\"rooms\":0,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"x\",\"port\":70000,\"rooms\":0,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"x\",\"port\":\"80\",\"rooms\":0,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"x\",\"port\":80,\"rooms\":-1,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":7,\"port\":80,\"rooms\":0,\"players\":0}",
    "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"x\",\"port\":80,\"rooms\":0,\"players\":0,\"tls\":\"yes\"}",
    "{\"kind\":\"other\",\"v\":1,\"name\":\"x\",\"port\":80,\"rooms\":0,\"players\":0}",
  };
  g_autofree char *huge = NULL;
  GString *big = g_string_new ("{\"kind\":\"tickget-server\",\"v\":1,\"port\":80,\"rooms\":0,\"players\":0,\"name\":\"");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_null (tg_lan_discovery_parse_answer ((const guint8 *) bad[i], strlen (bad[i])));
      g_assert_false (tg_lan_discovery_is_query ((const guint8 *) bad[i], strlen (bad[i])));
    }

  /* Over the size limit, however well formed. */
  while (big->len < TG_LAN_DISCOVERY_MAX_SIZE)
    g_string_append_c (big, 'a');
  g_string_append (big, "\"}");
  huge = g_string_free (big, FALSE);
  g_assert_null (tg_lan_discovery_parse_answer ((const guint8 *) huge, strlen (huge)));

  /* Invalid UTF-8. */
  g_assert_null (tg_lan_discovery_parse_answer ((const guint8 *) "{\"\xff\":1}", 7));

  /* Control characters in a name are blanked, and the name is bounded. */
  {
    const char *text = "{\"kind\":\"tickget-server\",\"v\":1,\"name\":\"evil\\u0007\\nname\",\"port\":80,"
                       "\"rooms\":0,\"players\":0}";
    g_autoptr(TgLanServer) server = tg_lan_discovery_parse_answer ((const guint8 *) text, strlen (text));

    g_assert_nonnull (server);
    g_assert_cmpstr (server->name, ==, "evil  name");
    g_assert_false (server->tls);
  }
}

static void
describe (TgLanServer *server,
          gpointer     user_data)
{
  guint *rooms = user_data;

  server->name = g_strdup ("Test host");
  server->port = 9999;
  server->rooms = *rooms;
  server->players = 2 * *rooms;
}

static TgLanResponder *
new_responder (guint16 *port,
               guint   *rooms)
{
  /* Any free port: the default one may be in use on the machine running the tests. */
  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GError) error = NULL;
      TgLanResponder *responder;

      *port = (guint16) g_random_int_range (40000, 60000);
      responder = tg_lan_responder_new (*port, describe, rooms, NULL, &error);
      if (responder != NULL)
        return responder;
    }
  g_assert_not_reached ();
}

static void
on_changed (TgLanBrowser *browser,
            guint        *count)
{
  (*count)++;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
has_one_server (gpointer data)
{
  return tg_lan_browser_get_servers (data)->len == 1;
}

static gboolean
has_no_server (gpointer data)
{
  return tg_lan_browser_get_servers (data)->len == 0;
}

static gboolean
reports_four_rooms (gpointer data)
{
  GPtrArray *servers = tg_lan_browser_get_servers (data);
  return servers->len == 1 && ((TgLanServer *) g_ptr_array_index (servers, 0))->rooms == 4;
}

static void
test_loopback (void)
{
  const char *loopback[] = { "127.0.0.1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TgLanResponder) responder = NULL;
  g_autoptr(TgLanBrowser) browser = NULL;
  TgLanServer *found;
  guint16 port;
  guint rooms = 2, changes = 0;

  responder = new_responder (&port, &rooms);
  browser = tg_lan_browser_new (port, &error);
  g_assert_no_error (error);
  tg_lan_browser_set_targets (browser, loopback);
  g_signal_connect (browser, "servers-changed", G_CALLBACK (on_changed), &changes);

  /* Garbage first: ignored, and the responder still answers afterwards. */
  {
    g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                              G_SOCKET_PROTOCOL_UDP, &error);
    g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) to = g_inet_socket_address_new (lo, port);

    g_assert_no_error (error);
    g_assert_cmpint (g_socket_send_to (socket, to, "\x00\x01garbage", 9, NULL, &error), ==, 9);
    g_assert_cmpint (g_socket_send_to (socket, to, "{\"kind\":\"tickget-discover\",\"v\":9}", 33, NULL, &error), ==, 33);
    for (int i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (tg_lan_responder_get_n_answered (responder), ==, 0);
  }

  tg_lan_browser_start (browser, 100);
  wait_until (has_one_server, browser);
  found = g_ptr_array_index (tg_lan_browser_get_servers (browser), 0);
  g_assert_cmpstr (found->name, ==, "Test host");
  g_assert_cmpstr (found->address, ==, "127.0.0.1");
  g_assert_cmpuint (found->port, ==, 9999);
  g_assert_cmpuint (found->rooms, ==, 2);
  g_assert_cmpuint (found->players, ==, 4);
  g_assert_cmpuint (changes, >=, 1);
  g_assert_cmpuint (tg_lan_responder_get_n_answered (responder), >=, 1);

  /* Counts are current at every answer. */
  rooms = 4;
  wait_until (reports_four_rooms, browser);

  /* A server that goes away drops out after three silent intervals. */
  g_clear_object (&responder);
  wait_until (has_no_server, browser);
  tg_lan_browser_stop (browser);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/lan-discovery/round-trip", test_round_trip);
  g_test_add_func ("/net/lan-discovery/bad-datagrams", test_bad_datagrams);
  g_test_add_func ("/net/lan-discovery/loopback", test_loopback);
  return g_test_run ();
}
