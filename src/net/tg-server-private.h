/* tg-server-private.h: what the server's files share — players, connections, rooms, matches,
 * metrics. Everything here lives on the server's game thread (its main context), except the
 * I/O side of a TgConn, which belongs to the connection's TgIoWorker (tg-server-io.c). */
#pragma once

#include <libsoup/soup.h>

#include "tg-clock.h"
#include "tg-match.h"
#include "tg-protocol.h"
#include "tg-server.h"
#include "tg-server-store.h"

G_BEGIN_DECLS

typedef struct _TgConn TgConn;
typedef struct _TgPlayer TgPlayer;
typedef struct _TgRoom TgRoom;
typedef struct _TgServerMatch TgServerMatch;
typedef struct _TgIoWorker TgIoWorker;
typedef struct _TgMailbox TgMailbox;

#define TG_TOKEN_BYTES 32            /* 256 random bits, sent as 64 hex digits */
#define TG_SALT_BYTES 16
#define TG_HASH_BYTES 32

struct _TgPlayer
{
  TgServer  *server;
  guint      id;
  char      *token;
  char      *nickname;
  TgConn    *conn;            /* NULL while disconnected, during the grace period */
  TgRoom    *room;
  gboolean   ready;
  gboolean   in_match;
  guint32    pid;             /* participant id in room->match when in_match */
  guint      grace_source;
  gint64     last_queue_push; /* server clock µs */
  gint64     captcha_sent_at; /* issued_at of the last captcha image sent */
  guint      audio_requests;
  gboolean   password_pending;  /* a join's password is being checked */
  guint      password_failures; /* wrong passwords in a row */
  gint64     password_retry_at; /* monotonic µs before which no password is checked */
};

typedef enum
{
  TG_CLOSE_CAUSE_OTHER,
  TG_CLOSE_CAUSE_FLOOD,
  TG_CLOSE_CAUSE_OVERSIZE,
  TG_CLOSE_CAUSE_KEEPALIVE,
} TgCloseCause;

/* One WebSocket connection. Reference counted (atomically): the game thread's table and the
 * worker's table each hold one, and so does every message in flight between them. */
struct _TgConn
{
  gint                     ref_count;
  TgServer                *server;
  TgIoWorker              *worker;
  char                    *peer;        /* "address:port", fixed */

  /* The worker's side: touched only on the worker's context. */
  SoupWebsocketConnection *ws;
  double                   tokens;
  gint64                   bucket_at;   /* monotonic µs */
  gint64                   last_seen;   /* monotonic µs of the last frame or pong */
  TgCloseCause             cause;

  /* The game's side: touched only on the game thread. */
  TgPlayer                *player;
  guint64                  serial;      /* tells a replaced connection from its successor */
  gboolean                 closed;      /* closed or closing: nothing more is sent or handled */
};

struct _TgRoom
{
  TgServer      *server;
  guint          id;
  char          *title;
  GPtrArray     *members;          /* TgPlayer*, borrowed, in joining order */
  TgPlayer      *host;
  GHashTable    *banned;           /* player ids kicked from this room */
  guint          max_players;
  TgDifficulty   difficulty;
  guint          n_bots;
  guint          seats_per_booking;
  double         admission_rate;   /* 0: automatic */
  gboolean       waiting_room;     /* the engine's randomized pre-queue before the open */
  char          *venue_preset;     /* NULL for an uploaded map */
  TgVenue       *venue;
  GBytes        *venue_svg;        /* the uploaded map, served at /rooms/ID/venue.svg */
  gboolean       has_password;
  guint8         salt[TG_SALT_BYTES];
  guint8         hash[TG_HASH_BYTES];
  TgServerMatch *match;
  guint          n_matches;
  guint          push_source;      /* a coalesced "room" push is due */
};

struct _TgServerMatch
{
  TgServer   *server;
  TgRoom     *room;
  TgMatch    *match;
  gint64      store_id;
  GHashTable *by_pid;       /* participant id → TgPlayer*, borrowed; players still in the match */
  GHashTable *reported;     /* participant ids whose final result went out */
  guint       end_source;
  gboolean    finished;
  GArray     *scratch;      /* guint32 seat indices, reused */
  gint64      last_tick;    /* server clock µs of the previous tick */
};

typedef enum
{
  TG_HIST_REQUEST,      /* handling one client message */
  TG_HIST_PUSH_ROUND,   /* one round of queue-position pushes over a match */
  TG_HIST_TICK_LATE,    /* how late a match's 100 ms tick came: the main loop's lag */
  TG_N_HISTS
} TgHistogramId;

#define TG_HIST_BUCKETS 14

typedef struct
{
  guint64 count;
  double  sum;                       /* seconds */
  guint64 buckets[TG_HIST_BUCKETS];  /* cumulative at render time, counts per bucket here */
} TgHistogram;

typedef struct
{
  guint64     connections_total;
  guint64     connections_rejected;
  guint64     messages_in;
  guint64     messages_out;
  guint64     bytes_in;
  guint64     bytes_out;
  guint64     errors[TG_N_PROTOCOL_ERRORS];
  guint64     closes_flood;
  guint64     closes_oversize;
  guint64     closes_keepalive;
  guint64     matches_started;
  guint64     matches_finished;
  guint64     holds_ok;
  guint64     holds_taken;
  guint64     captcha_audio_requests;
  TgHistogram hist[TG_N_HISTS];
} TgServerMetrics;

struct _TgServer
{
  GObject          parent_instance;

  TgServerOptions  options;
  GMainContext    *context;
  SoupServer      *soup;
  TgIoWorker     **workers;          /* options.io_threads of them, or one on context */
  guint            n_workers;
  guint            next_worker;
  TgMailbox       *inbox;            /* what the I/O threads hand to the game; NULL without */
  GSource         *trim_source;      /* with I/O threads: malloc_trim() now and then */
  TgClock         *clock;
  TgServerStore   *store;
  GHashTable      *conns;            /* TgConn* → itself, owned */
  GHashTable      *players;          /* id → TgPlayer*, owned */
  GHashTable      *tokens;           /* token → TgPlayer*, borrowed */
  GHashTable      *rooms;            /* id → TgRoom*, owned */
  guint            next_player_id;
  guint            next_room_id;
  guint64          next_conn_serial;
  gboolean         shut_down;
  gint64           started_at;       /* monotonic µs */
  TgServerMetrics  metrics;
};

/* tg-server-io.c: connections and their I/O workers */
gboolean  tg_server_io_start        (TgServer        *self,
                                     GError         **error);
/* I/O workers running on threads of their own (0: the connections are on the game thread). */
guint     tg_server_io_get_n_threads (TgServer       *self);
/* Closes every connection (1001) and stops the workers' threads. */
void      tg_server_io_stop         (TgServer        *self);
/* The WebSocket endpoint's handler: the handshake, then the connection goes to a worker. */
void      tg_server_io_handle_upgrade (SoupServer        *soup,
                                       SoupServerMessage *msg,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           user_data);
TgConn   *tg_conn_ref               (TgConn          *conn);
void      tg_conn_unref             (TgConn          *conn);
/* Game thread: queue @text (taken) for the peer; dropped once the connection is closing. */
void      tg_conn_send              (TgConn          *conn,
                                     char            *text);
/* Game thread: close with @code; the game hears of it through tg_server_conn_closed(). */
void      tg_conn_close             (TgConn          *conn,
                                     gushort          code,
                                     const char      *reason);

/* tg-server.c: what the workers hand over, on the game thread */
void      tg_server_conn_opened     (TgServer        *self,
                                     TgConn          *conn);
void      tg_server_conn_message    (TgConn          *conn,
                                     TgMessage       *message,
                                     gsize            length,
                                     gint64           received);
void      tg_server_conn_bad_frame  (TgConn          *conn,
                                     gint64           id,
                                     const GError    *error,
                                     gsize            length);
void      tg_server_conn_closed     (TgConn          *conn,
                                     TgCloseCause     cause);

/* tg-server.c */
void      tg_conn_send_error        (TgConn          *conn,
                                     gint64           id,
                                     const GError    *error);
void      tg_player_send            (TgPlayer        *player,
                                     const char      *text);
void      tg_server_send_reply      (TgConn          *conn,
                                     gint64           id,
                                     JsonBuilder     *builder_or_null);
gint64    tg_server_now             (TgServer        *self);
void      tg_server_count_error     (TgServer        *self,
                                     TgProtocolError  code);

/* tg-server-http.c */
void      tg_server_handle_http     (SoupServer        *soup,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query,
                                     gpointer           user_data);

/* tg-server-metrics.c */
void      tg_metrics_observe        (TgServerMetrics *metrics,
                                     TgHistogramId    hist,
                                     double           seconds);
char     *tg_metrics_render         (TgServer        *server);
/* GET /leaderboard's JSON (tg-server-leaderboard.c). */
char     *tg_server_render_leaderboard (TgServer     *server,
                                        GError      **error);

/* tg-net-crypto.c */
gboolean  tg_random_bytes           (guint8          *buffer,
                                     gsize            length);
char     *tg_random_token           (void);
void      tg_password_hash          (const char      *password,
                                     const guint8    *salt,
                                     guint8          *out_hash);
gboolean  tg_password_verify        (const char      *password,
                                     const guint8    *salt,
                                     const guint8    *hash);

/* tg-room.c: requests on rooms, and what happens to a player's room when they go */
typedef gboolean (*TgRequestFunc) (TgServer   *server,
                                   TgConn     *conn,
                                   TgMessage  *message,
                                   GError    **error);
TgRequestFunc tg_room_lookup_handler (const char *type);
void      tg_room_free              (TgRoom          *room);
/* tg-room-settings.c */
gboolean  tg_room_apply_settings    (TgRoom          *room,
                                     TgMessage       *message,
                                     GError         **error);
void      tg_room_remove_player     (TgRoom          *room,
                                     TgPlayer        *player,
                                     gboolean         kicked);
void      tg_room_broadcast         (TgRoom          *room,
                                     const char      *text);
/* Pushes the room to its members on the next iteration (changes coalesce) or at once. */
void      tg_room_push_state        (TgRoom          *room);
void      tg_room_push_state_now    (TgRoom          *room);
void      tg_room_add_summary       (JsonBuilder     *builder,
                                     TgRoom          *room);
void      tg_room_add_state         (JsonBuilder     *builder,
                                     TgRoom          *room);
void      tg_room_player_connection_changed (TgPlayer *player);

/* tg-server-match.c: the online match of a room */
TgRequestFunc tg_server_match_lookup_handler (const char *type);
TgServerMatch *tg_server_match_new  (TgRoom          *room,
                                     gint64           open_delay_us,
                                     GError         **error);
void      tg_server_match_free      (TgServerMatch   *match);
/* The player leaves the match for good (left the room, kicked, grace ran out). */
void      tg_server_match_remove_player (TgServerMatch *match,
                                     TgPlayer        *player);
/* Everything a (re)connected player needs to show the match. */
void      tg_server_match_send_snapshot (TgServerMatch *match,
                                     TgPlayer        *player);
gboolean  tg_server_match_is_finished (TgServerMatch *match);

G_END_DECLS
