/* tg-lan-discovery.h: finding TickGet servers on the local network with a UDP beacon.
 *
 * A client sends a small JSON query datagram to UDP port TG_LAN_DISCOVERY_PORT (broadcast, and
 * loopback for a server on the same machine); every server's responder answers the sender
 * directly with its name, WebSocket port and room counts. Nothing is multicast, no daemon is
 * needed (no Avahi), and a lost datagram only delays a server's appearance to the next query.
 * The datagrams are specified in docs/lan-discovery.md.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TG_LAN_DISCOVERY_PORT     47807
#define TG_LAN_DISCOVERY_MAX_SIZE 1024   /* bytes; larger datagrams are ignored */

/* What a server says about itself. */
typedef struct
{
  char    *name;       /* the host's label for its server, e.g. "Minji's TickGet" */
  char    *address;    /* where the answer came from (filled in by the browser) */
  guint16  port;       /* its WebSocket/HTTP port */
  guint    rooms;
  guint    players;
  gboolean tls;
  char    *version;    /* TickGet version of the server */
} TgLanServer;

#define TG_TYPE_LAN_SERVER (tg_lan_server_get_type ())
GType        tg_lan_server_get_type (void) G_GNUC_CONST;
TgLanServer *tg_lan_server_copy     (const TgLanServer *self);
void         tg_lan_server_free     (TgLanServer       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgLanServer, tg_lan_server_free)

/* The datagrams, for the responder, the browser and the tests. */
GBytes      *tg_lan_discovery_build_query  (void);
gboolean     tg_lan_discovery_is_query     (const guint8      *data,
                                            gsize              size);
GBytes      *tg_lan_discovery_build_answer (const TgLanServer *server);
/* NULL (and nothing else) for anything that is not a well-formed answer. */
TgLanServer *tg_lan_discovery_parse_answer (const guint8      *data,
                                            gsize              size);

/* Server side: answers queries on @discovery_port (0: TG_LAN_DISCOVERY_PORT). @describe is called
 * for every query so the answer has the current room counts. */
typedef void (*TgLanDescribeFunc) (TgLanServer *server,
                                   gpointer     user_data);

#define TG_TYPE_LAN_RESPONDER (tg_lan_responder_get_type ())
G_DECLARE_FINAL_TYPE (TgLanResponder, tg_lan_responder, TG, LAN_RESPONDER, GObject)

TgLanResponder *tg_lan_responder_new      (guint16            discovery_port,
                                           TgLanDescribeFunc  describe,
                                           gpointer           user_data,
                                           GDestroyNotify     destroy,
                                           GError           **error);
guint           tg_lan_responder_get_n_answered (TgLanResponder *self);

/* Client side: a live list of the servers that answered recently. */
#define TG_TYPE_LAN_BROWSER (tg_lan_browser_get_type ())
G_DECLARE_FINAL_TYPE (TgLanBrowser, tg_lan_browser, TG, LAN_BROWSER, GObject)

TgLanBrowser *tg_lan_browser_new         (guint16        discovery_port,
                                          GError       **error);
/* Where queries go besides the broadcast address (tests use loopback only). */
void          tg_lan_browser_set_targets (TgLanBrowser  *self,
                                          const char   *const *addresses);
/* Sends a query now, then every @interval_ms until stopped; servers silent for three intervals
 * are dropped. */
void          tg_lan_browser_start       (TgLanBrowser  *self,
                                          guint          interval_ms);
void          tg_lan_browser_stop        (TgLanBrowser  *self);
/* TgLanServer items, boxed in GPtrArray order of discovery (transfer none). */
GPtrArray    *tg_lan_browser_get_servers (TgLanBrowser  *self);

G_END_DECLS
