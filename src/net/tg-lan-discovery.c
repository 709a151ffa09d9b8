/* tg-lan-discovery.c: the UDP query/answer that finds TickGet servers on the LAN. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tg-lan-discovery.h"

#define QUERY_KIND  "tickget-discover"
#define ANSWER_KIND "tickget-server"
#define PROTOCOL_V  1
#define MAX_NAME    64

/* ---- the datagrams ---- */

G_DEFINE_BOXED_TYPE (TgLanServer, tg_lan_server, tg_lan_server_copy, tg_lan_server_free)

TgLanServer *
tg_lan_server_copy (const TgLanServer *self)
{
  TgLanServer *copy = g_new0 (TgLanServer, 1);

  *copy = *self;
  copy->name = g_strdup (self->name);
  copy->address = g_strdup (self->address);
  copy->version = g_strdup (self->version);
  return copy;
}

void
tg_lan_server_free (TgLanServer *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->address);
  g_free (self->version);
  g_free (self);
}

static GBytes *
node_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

GBytes *
tg_lan_discovery_build_query (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, QUERY_KIND);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, PROTOCOL_V);
  json_builder_end_object (builder);
  return node_to_bytes (builder);
}

/* The object in @data, or NULL: too big, not UTF-8, not JSON, not an object, another kind. */
static JsonObject *
parse_datagram (JsonParser   *parser,
                const guint8 *data,
                gsize         size,
                const char   *kind)
{
  JsonNode *root;
  JsonObject *object;

  if (size == 0 || size > TG_LAN_DISCOVERY_MAX_SIZE ||
      !g_utf8_validate ((const char *) data, (gssize) size, NULL) ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "kind", ""), kind) != 0 ||
      json_object_get_int_member_with_default (object, "v", 0) != PROTOCOL_V)
    return NULL;
  return object;
}

gboolean
tg_lan_discovery_is_query (const guint8 *data,
                           gsize         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return parse_datagram (parser, data, size, QUERY_KIND) != NULL;
}

GBytes *
tg_lan_discovery_build_answer (const TgLanServer *server)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, ANSWER_KIND);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, PROTOCOL_V);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, server->name != NULL ? server->name : "");
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, server->port);
  json_builder_set_member_name (builder, "rooms");
  json_builder_add_int_value (builder, server->rooms);
  json_builder_set_member_name (builder, "players");
  json_builder_add_int_value (builder, server->players);
  json_builder_set_member_name (builder, "tls");
  json_builder_add_boolean_value (builder, server->tls);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, server->version != NULL ? server->version : PACKAGE_VERSION);
  json_builder_end_object (builder);
  return node_to_bytes (builder);
}

static gboolean
read_uint (JsonObject *object,
           const char *member,
           guint       max,
           guint      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < 0 || value > max)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static char *
clean_text (const char *text,
            guint       max_chars)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  /* A name from the network is shown in a list: no control characters, bounded length. */
  for (const char *p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

TgLanServer *
tg_lan_discovery_parse_answer (const guint8 *data,
                               gsize         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TgLanServer) server = g_new0 (TgLanServer, 1);
  JsonObject *object = parse_datagram (parser, data, size, ANSWER_KIND);
  JsonNode *tls;
  guint port;

  if (object == NULL ||
      !json_object_has_member (object, "name") ||
      json_object_get_string_member_with_default (object, "name", NULL) == NULL ||
      !read_uint (object, "port", G_MAXUINT16, &port) || port == 0 ||
      !read_uint (object, "rooms", 100000, &server->rooms) ||
      !read_uint (object, "players", 1000000, &server->players))
    return NULL;
  tls = json_object_get_member (object, "tls");
  if (tls != NULL && (!JSON_NODE_HOLDS_VALUE (tls) || json_node_get_value_type (tls) != G_TYPE_BOOLEAN))
    return NULL;

  server->port = (guint16) port;
  server->tls = tls != NULL && json_node_get_boolean (tls);
  server->name = clean_text (json_object_get_string_member (object, "name"), MAX_NAME);
  server->version = clean_text (json_object_get_string_member_with_default (object, "version", ""), 32);
  return g_steal_pointer (&server);
}

/* ---- shared socket plumbing ---- */

static GSocket *
open_udp (guint16    port,
          gboolean   broadcast,
          GError   **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, error);
  g_autoptr(GInetAddress) any = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  if (socket == NULL)
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  if (broadcast)
    g_socket_set_broadcast (socket, TRUE);
  any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (any, port);
  /* Several servers on one machine all hear a broadcast query. */
  if (!g_socket_bind (socket, address, TRUE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

/* ---- responder ---- */

struct _TgLanResponder
{
  GObject            parent_instance;

  GSocket           *socket;
  GSource           *source;
  TgLanDescribeFunc  describe;
  gpointer           user_data;
  GDestroyNotify     destroy;
  guint              n_answered;
};

G_DEFINE_FINAL_TYPE (TgLanResponder, tg_lan_responder, G_TYPE_OBJECT)

static gboolean
on_responder_readable (GSocket      *socket,
                       GIOCondition  condition,
                       gpointer      user_data)
{
  TgLanResponder *self = user_data;
  guint8 buffer[TG_LAN_DISCOVERY_MAX_SIZE + 1];

  for (;;)
    {
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) answer = NULL;
      TgLanServer server = { 0 };
      gssize size;

      size = g_socket_receive_from (socket, &from, (char *) buffer, sizeof buffer, NULL, &error);
      if (size < 0)
        break;   /* EWOULDBLOCK: drained */
      if (!tg_lan_discovery_is_query (buffer, (gsize) size))
        continue;

      self->describe (&server, self->user_data);
      answer = tg_lan_discovery_build_answer (&server);
      g_free (server.name);
      g_free (server.version);
      g_free (server.address);
      if (g_socket_send_to (socket, from, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                            NULL, &error) < 0)
        g_debug ("Could not answer a LAN discovery query: %s", error->message);
      else
        self->n_answered++;
    }
  return G_SOURCE_CONTINUE;
}

static void
tg_lan_responder_dispose (GObject *object)
{
  TgLanResponder *self = TG_LAN_RESPONDER (object);

  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);

  G_OBJECT_CLASS (tg_lan_responder_parent_class)->dispose (object);
}

static void
tg_lan_responder_class_init (TgLanResponderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_lan_responder_dispose;
}

static void
tg_lan_responder_init (TgLanResponder *self)
{
}

TgLanResponder *
tg_lan_responder_new (guint16             discovery_port,
                      TgLanDescribeFunc   describe,
                      gpointer            user_data,
                      GDestroyNotify      destroy,
                      GError            **error)
{
  g_autoptr(TgLanResponder) self = NULL;
  GSocket *socket;

  g_return_val_if_fail (describe != NULL, NULL);

  socket = open_udp (discovery_port != 0 ? discovery_port : TG_LAN_DISCOVERY_PORT, FALSE, error);
  if (socket == NULL)
    {
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  self = g_object_new (TG_TYPE_LAN_RESPONDER, NULL);
  self->socket = socket;
  self->describe = describe;
  self->user_data = user_data;
  self->destroy = destroy;
  self->source = g_socket_create_source (socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_responder_readable), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return g_steal_pointer (&self);
}

guint
tg_lan_responder_get_n_answered (TgLanResponder *self)
{
  g_return_val_if_fail (TG_IS_LAN_RESPONDER (self), 0);
  return self->n_answered;
}

/* ---- browser ---- */

typedef struct
{
  TgLanServer *server;
  gint64       last_seen;   /* monotonic µs */
} Entry;

struct _TgLanBrowser
{
  GObject    parent_instance;

  guint16    discovery_port;
  GSocket   *socket;
  GSource   *source;
  GStrv      targets;
  guint      interval_ms;
  guint      timer_id;
  GPtrArray *entries;   /* Entry* */
  GPtrArray *servers;   /* TgLanServer*, borrowed from entries, for the getter */
};

G_DEFINE_FINAL_TYPE (TgLanBrowser, tg_lan_browser, G_TYPE_OBJECT)

enum {
  SERVERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  tg_lan_server_free (entry->server);
  g_free (entry);
}

static void
rebuild_servers (TgLanBrowser *self)
{
  g_ptr_array_set_size (self->servers, 0);
  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (self->servers, ((Entry *) g_ptr_array_index (self->entries, i))->server);
  g_signal_emit (self, signals[SERVERS_CHANGED], 0);
}

static void
note_answer (TgLanBrowser *self,
             TgLanServer  *server)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (entry->server->address, server->address) && entry->server->port == server->port)
        {
          gboolean changed = entry->server->rooms != server->rooms ||
                             entry->server->players != server->players ||
                             g_strcmp0 (entry->server->name, server->name) != 0;

          tg_lan_server_free (entry->server);
          entry->server = server;
          entry->last_seen = g_get_monotonic_time ();
          if (changed)
            rebuild_servers (self);
          return;
        }
    }

  {
    Entry *entry = g_new0 (Entry, 1);

    entry->server = server;
    entry->last_seen = g_get_monotonic_time ();
    g_ptr_array_add (self->entries, entry);
    rebuild_servers (self);
  }
}

static gboolean
on_browser_readable (GSocket      *socket,
                     GIOCondition  condition,
                     gpointer      user_data)
{
  TgLanBrowser *self = user_data;
  guint8 buffer[TG_LAN_DISCOVERY_MAX_SIZE + 1];

  for (;;)
    {
      g_autoptr(GSocketAddress) from = NULL;
      TgLanServer *server;
      gssize size = g_socket_receive_from (socket, &from, (char *) buffer, sizeof buffer, NULL, NULL);

      if (size < 0)
        break;
      if (!G_IS_INET_SOCKET_ADDRESS (from) ||
          (server = tg_lan_discovery_parse_answer (buffer, (gsize) size)) == NULL)
        continue;
      server->address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from)));
      note_answer (self, server);
    }
  return G_SOURCE_CONTINUE;
}

static void
send_query (TgLanBrowser *self)
{
  g_autoptr(GBytes) query = tg_lan_discovery_build_query ();

  for (guint i = 0; self->targets[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->targets[i]);
      g_autoptr(GSocketAddress) to = NULL;
      g_autoptr(GError) error = NULL;

      if (inet == NULL)
        continue;
      to = g_inet_socket_address_new (inet, self->discovery_port);
      /* A network without broadcast (or no network) is not an error worth a dialog. */
      if (g_socket_send_to (self->socket, to, g_bytes_get_data (query, NULL), g_bytes_get_size (query),
                            NULL, &error) < 0)
        g_debug ("LAN discovery query to %s failed: %s", self->targets[i], error->message);
    }
}

static gboolean
on_query_timer (gpointer user_data)
{
  TgLanBrowser *self = user_data;
  gint64 stale = g_get_monotonic_time () - 3 * (gint64) self->interval_ms * 1000;
  gboolean dropped = FALSE;

  for (guint i = 0; i < self->entries->len;)
    if (((Entry *) g_ptr_array_index (self->entries, i))->last_seen < stale)
      {
        g_ptr_array_remove_index (self->entries, i);
        dropped = TRUE;
      }
    else
      i++;
  if (dropped)
    rebuild_servers (self);

  send_query (self);
  return G_SOURCE_CONTINUE;
}

static void
tg_lan_browser_dispose (GObject *object)
{
  TgLanBrowser *self = TG_LAN_BROWSER (object);

  tg_lan_browser_stop (self);
  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);

  G_OBJECT_CLASS (tg_lan_browser_parent_class)->dispose (object);
}

static void
tg_lan_browser_finalize (GObject *object)
{
  TgLanBrowser *self = TG_LAN_BROWSER (object);

  g_clear_pointer (&self->servers, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_strfreev (self->targets);

  G_OBJECT_CLASS (tg_lan_browser_parent_class)->finalize (object);
}

static void
tg_lan_browser_class_init (TgLanBrowserClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tg_lan_browser_dispose;
  G_OBJECT_CLASS (klass)->finalize = tg_lan_browser_finalize;

  /**
   * TgLanBrowser::servers-changed:
   *
   * A server appeared, changed its name or counts, or went silent.
   */
  signals[SERVERS_CHANGED] = g_signal_new ("servers-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tg_lan_browser_init (TgLanBrowser *self)
{
  const char *defaults[] = { "255.255.255.255", "127.0.0.1", NULL };

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->servers = g_ptr_array_new ();
  self->targets = g_strdupv ((GStrv) defaults);
  self->interval_ms = 2000;
}

TgLanBrowser *
tg_lan_browser_new (guint16   discovery_port,
                    GError  **error)
{
  g_autoptr(TgLanBrowser) self = g_object_new (TG_TYPE_LAN_BROWSER, NULL);

  self->discovery_port = discovery_port != 0 ? discovery_port : TG_LAN_DISCOVERY_PORT;
  /* An ephemeral port of its own: answers come back here, whatever else listens on the LAN port. */
  self->socket = open_udp (0, TRUE, error);
  if (self->socket == NULL)
    return NULL;
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_browser_readable), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return g_steal_pointer (&self);
}

void
tg_lan_browser_set_targets (TgLanBrowser       *self,
                            const char *const  *addresses)
{
  g_return_if_fail (TG_IS_LAN_BROWSER (self));
  g_return_if_fail (addresses != NULL);

  g_strfreev (self->targets);
  self->targets = g_strdupv ((GStrv) addresses);
}

void
tg_lan_browser_start (TgLanBrowser *self,
                      guint         interval_ms)
{
  g_return_if_fail (TG_IS_LAN_BROWSER (self));

  tg_lan_browser_stop (self);
  self->interval_ms = MAX (interval_ms, 50u);
  send_query (self);
  self->timer_id = g_timeout_add (self->interval_ms, on_query_timer, self);
}

void
tg_lan_browser_stop (TgLanBrowser *self)
{
  g_return_if_fail (TG_IS_LAN_BROWSER (self));
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

GPtrArray *
tg_lan_browser_get_servers (TgLanBrowser *self)
{
  g_return_val_if_fail (TG_IS_LAN_BROWSER (self), NULL);
  return self->servers;
}
