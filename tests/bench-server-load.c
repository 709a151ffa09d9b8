/* bench-server-load.c: N WebSocket clients against a real tickget-server on loopback, in rooms of
 * up to 60 during a match. Two modes:
 *
 * --mode queue (default): every player waits in the queue and so receives its queue position
 * every second. Prints the delay of those pushes (p50/p99) and the server's RSS per client.
 *
 * --mode holds: every player goes through the match (book, date, queue, captcha read from
 * "captcha_audio") to the seat map, then holds one seat, waits for the reply, releases it, waits,
 * and so on, one request in flight per client. Prints hold round trips per second and their
 * latency (p50/p99). Each client cycles through its own range of seats, or with --seat-set N all
 * clients pick from the same N seats (contested: many holds end in seat_taken).
 *
 * The clients are raw non-blocking sockets on one epoll in this one process (a libsoup client
 * per connection would cost the client process more than the server it measures); the server is
 * the real tickget-server executable, started here with a raised descriptor limit.
 *
 *   bench-server-load --server build/src/server/tickget-server [--clients 10000] [--seconds 10]
 *   bench-server-load --server build/src/server/tickget-server --mode holds --clients 50 --seconds 20
 *
 * Delay = arrival time here − the "server_time" the server stamped on the push, both on the same
 * machine's monotonic clock; the offset between the server's clock and ours is measured first
 * with "time" requests on an idle server (the smallest round trip wins, error < 0.1 ms).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#define ROOM_SIZE_DEFAULT 60
#define MAX_CONNECTING    256

typedef enum
{
  C_CONNECTING,
  C_UPGRADING,
  C_OPEN,
  C_CLOSED,
} ClientState;

/* --mode holds: where a client is on its way to the seat map, then in the hold loop. */
typedef enum
{
  H_WAITING,
  H_CAPTCHA,       /* asked for the audio characters, then answered */
  H_SEATS,         /* on the seat map, idle until the loop starts */
  H_HOLDING,       /* a hold is in flight */
  H_RELEASING,     /* a release is in flight */
} HoldPhase;

typedef struct
{
  int          fd;
  ClientState  state;
  guint        index;
  GByteArray  *in;
  GByteArray  *out;
  gint64       next_id;
  guint        replies;     /* replies received */
  guint        errors;
  gint64       room;        /* room id, for hosts */
  gboolean     open;        /* the match opened for this client */
  gboolean     queued;
  gint64       last_push;   /* local µs of the last queue push */
  gint64       time_sent;
  guint        long_gaps;
  HoldPhase    phase;       /* --mode holds */
  gint64       pending;     /* id of the request awaited */
  gint64       sent_at;     /* local µs when it went out */
  guint32      cursor;      /* next seat in the client's own range */
  guint64      holds;       /* hold round trips in the measuring window */
} Client;

static Client  *clients;
static guint    n_clients = 10000;
static guint    room_size = ROOM_SIZE_DEFAULT;
static int      epfd;
static guint16  port;
static gint64   clock_offset;        /* server clock − local monotonic */
static gint64   best_rtt = G_MAXINT64;
static gboolean measuring;
static GArray  *delays;              /* double, ms */
static GArray  *intervals;           /* double, ms */
static guint64  pushes;
static guint64  long_gaps;            /* intervals over 1.1 s */
static gint64   measure_start;
static guint    per_second[600];     /* pushes received in each second of the window */
static GPid     server_pid;
static char    *keepalive = NULL;
static char    *io_threads = NULL;
static gboolean holds_mode;
static guint    n_seats;             /* the venue's, from create_room */
static guint    seat_set;            /* --seat-set: 0, own ranges; N, all clients share seats 0…N−1 */
static gboolean looping;             /* the hold loop sends its next request */
static gboolean time_loop;           /* --loop time: "time" requests instead of hold + release */
static GRand   *rng;
static guint64  hold_trips;          /* in the measuring window: replies to hold, held or taken */
static guint64  holds_ok;
static guint64  holds_taken;
static guint64  releases;
static guint64  other_errors;
static GArray  *latencies;           /* double, ms: hold sent → its answer */

/* Fails without leaving the server running. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  g_printerr ("\n");
  if (server_pid > 0)
    kill (server_pid, SIGTERM);
  exit (1);
}

/* ---- sockets and frames ---- */

static void
watch (Client   *c,
       guint32   events)
{
  struct epoll_event ev = { .events = events, .data.ptr = c };

  if (epoll_ctl (epfd, EPOLL_CTL_MOD, c->fd, &ev) != 0)
    g_error ("epoll_ctl: %s", g_strerror (errno));
}

static void
flush_out (Client *c)
{
  while (c->out->len > 0)
    {
      ssize_t n = send (c->fd, c->out->data, c->out->len, MSG_NOSIGNAL);

      if (n < 0)
        {
          if (errno == EAGAIN)
            {
              watch (c, EPOLLIN | EPOLLOUT);
              return;
            }
          c->state = C_CLOSED;
          return;
        }
      g_byte_array_remove_range (c->out, 0, (guint) n);
    }
  watch (c, EPOLLIN);
}

/* A masked client frame (mask key 0: the payload is unchanged, which RFC 6455 allows). */
static void
send_frame (Client     *c,
            guint8      opcode,
            const char *data,
            gsize       len)
{
  guint8 header[8];
  guint n = 0;
  static const guint8 zero_mask[4] = { 0 };

  header[n++] = 0x80 | opcode;
  if (len < 126)
    header[n++] = 0x80 | (guint8) len;
  else
    {
      header[n++] = 0x80 | 126;
      header[n++] = (guint8) (len >> 8);
      header[n++] = (guint8) len;
    }
  g_byte_array_append (c->out, header, n);
  g_byte_array_append (c->out, zero_mask, 4);
  g_byte_array_append (c->out, (const guint8 *) data, (guint) len);
  flush_out (c);
}

static void
request (Client     *c,
         const char *type,
         const char *fields)
{
  g_autofree char *text = g_strdup_printf ("{\"v\":1,\"type\":\"%s\",\"id\":%" G_GINT64_FORMAT "%s%s}",
                                           type, c->next_id++, fields != NULL ? "," : "",
                                           fields != NULL ? fields : "");

  send_frame (c, 0x1, text, strlen (text));
}

static gint64
find_int (const char *text,
          const char *key)
{
  const char *p = strstr (text, key);

  return p != NULL ? g_ascii_strtoll (p + strlen (key), NULL, 10) : -1;
}

static void
send_hold (Client *c)
{
  guint32 seat;
  char fields[32];

  /* The floor: the same connections and path through the server, with no game work and no push. */
  if (time_loop)
    {
      c->phase = H_HOLDING;
      c->pending = c->next_id;
      c->sent_at = g_get_monotonic_time ();
      request (c, "time", NULL);
      return;
    }
  if (seat_set > 0)
    seat = (guint32) g_rand_int_range (rng, 0, (gint32) seat_set);
  else
    {
      /* Client i owns seats [i·span, (i+1)·span): nobody else holds them, so holds succeed. */
      guint span = n_seats / n_clients;

      seat = c->index * span + c->cursor;
      c->cursor = (c->cursor + 1) % span;
    }
  g_snprintf (fields, sizeof fields, "\"seats\":[%u]", seat);
  c->phase = H_HOLDING;
  c->pending = c->next_id;
  c->sent_at = g_get_monotonic_time ();
  request (c, "hold", fields);
}

/* --mode holds: the way to the seat map, then the loop. TRUE when @text was handled. */
static gboolean
on_text_holds (Client *c,
               char   *text,
               gint64  now)
{
  gboolean is_reply = g_str_has_prefix (text, "{\"v\":1,\"type\":\"reply\"");
  gboolean is_error = g_str_has_prefix (text, "{\"v\":1,\"type\":\"error\"");

  if (g_str_has_prefix (text, "{\"v\":1,\"type\":\"you\""))
    {
      if (strstr (text, "\"state\":\"open\"") != NULL)
        c->open = TRUE;
      else if (c->phase == H_WAITING && strstr (text, "\"state\":\"captcha\"") != NULL)
        {
          c->phase = H_CAPTCHA;
          c->pending = c->next_id;
          request (c, "captcha_audio", NULL);
        }
      else if (c->phase == H_CAPTCHA && strstr (text, "\"state\":\"seats\"") != NULL)
        c->phase = H_SEATS;
      return TRUE;
    }
  if ((!is_reply && !is_error) || c->pending == 0 || find_int (text, "\"id\":") != c->pending)
    return FALSE;

  c->pending = 0;
  if (c->phase == H_CAPTCHA)
    {
      const char *chars = strstr (text, "\"characters\":\"");
      g_autofree char *fields = NULL;

      if (is_error || chars == NULL)
        fail ("client %u: no captcha characters: %s", c->index, text);
      chars += strlen ("\"characters\":\"");
      fields = g_strdup_printf ("\"answer\":\"%.*s\"", (int) strcspn (chars, "\""), chars);
      request (c, "captcha", fields);
      return TRUE;
    }

  if (c->phase == H_HOLDING)
    {
      gboolean taken = is_error && strstr (text, "\"code\":\"seat_taken\"") != NULL;

      if (is_error && !taken)
        {
          other_errors++;
          g_printerr ("client %u: %s\n", c->index, text);
        }
      if (measuring)
        {
          double ms = (now - c->sent_at) / 1000.0;

          g_array_append_val (latencies, ms);
          hold_trips++;
          c->holds++;
          holds_ok += is_reply;
          holds_taken += taken;
          per_second[MIN ((now - measure_start) / G_USEC_PER_SEC, (gint64) G_N_ELEMENTS (per_second) - 1)]++;
        }
      if (!looping)
        c->phase = is_reply ? H_RELEASING : H_SEATS;   /* a held seat stays held: harmless */
      else if (time_loop)
        send_hold (c);
      else if (is_reply)
        {
          c->phase = H_RELEASING;
          c->pending = c->next_id;
          request (c, "release", NULL);
        }
      else
        send_hold (c);
      return TRUE;
    }

  if (c->phase == H_RELEASING)
    {
      if (is_error)
        {
          other_errors++;
          g_printerr ("client %u: %s\n", c->index, text);
        }
      releases += measuring;
      c->phase = H_SEATS;
      if (looping)
        send_hold (c);
      return TRUE;
    }
  return FALSE;
}

static void
on_text (Client *c,
         char   *text)
{
  gint64 now = g_get_monotonic_time ();

  if (holds_mode && on_text_holds (c, text, now))
    return;

  if (g_str_has_prefix (text, "{\"v\":1,\"type\":\"queue\""))
    {
      gint64 stamped = find_int (text, "\"server_time\":");

      c->queued = TRUE;
      if (measuring && !holds_mode)
        {
          double delay = (now - (stamped - clock_offset)) / 1000.0;

          g_array_append_val (delays, delay);
          if (c->last_push > 0)
            {
              double interval = (now - c->last_push) / 1000.0;
              g_array_append_val (intervals, interval);
              if (interval > 1100)
                {
                  long_gaps++;
                  c->long_gaps++;
                }
            }
          pushes++;
          per_second[MIN ((now - measure_start) / G_USEC_PER_SEC, (gint64) G_N_ELEMENTS (per_second) - 1)]++;
        }
      c->last_push = now;
      return;
    }
  if (g_str_has_prefix (text, "{\"v\":1,\"type\":\"reply\""))
    {
      gint64 server_time = find_int (text, "\"server_time\":");

      c->replies++;
      if (c->time_sent > 0 && server_time >= 0 && strstr (text, "\"token\"") == NULL)
        {
          gint64 rtt = now - c->time_sent;

          if (rtt < best_rtt)
            {
              best_rtt = rtt;
              clock_offset = server_time - (c->time_sent + now) / 2;
            }
          c->time_sent = 0;
        }
      if (c->room == 0 && strstr (text, "\"room\":{\"id\":") != NULL)
        {
          c->room = find_int (text, "\"room\":{\"id\":");
          /* The first "seats": is the venue's ("seats_per_booking" does not match). */
          n_seats = (guint) MAX (0, find_int (text, "\"seats\":"));
        }
      return;
    }
  if (g_str_has_prefix (text, "{\"v\":1,\"type\":\"error\""))
    {
      c->errors++;
      c->replies++;
      g_printerr ("client %u: %s\n", c->index, text);
      return;
    }
  if (g_str_has_prefix (text, "{\"v\":1,\"type\":\"you\"") && strstr (text, "\"state\":\"open\"") != NULL)
    c->open = TRUE;
}

static void
read_frames (Client *c)
{
  for (;;)
    {
      guint8 *d = c->in->data;
      gsize have = c->in->len, need = 2, len;
      guint8 opcode;

      if (have < 2)
        return;
      len = d[1] & 0x7f;
      if (len == 126)
        {
          need = 4;
          if (have < need)
            return;
          len = ((gsize) d[2] << 8) | d[3];
        }
      else if (len == 127)
        {
          need = 10;
          if (have < need)
            return;
          len = 0;
          for (guint i = 0; i < 8; i++)
            len = (len << 8) | d[2 + i];
        }
      if (have < need + len)
        return;
      opcode = d[0] & 0x0f;
      if (opcode == 0x1)
        {
          char *text = g_strndup ((const char *) d + need, len);
          on_text (c, text);
          g_free (text);
        }
      else if (opcode == 0x9)
        {
          g_autofree char *payload = g_strndup ((const char *) d + need, len);
          send_frame (c, 0xA, payload, len);
        }
      else if (opcode == 0x8)
        c->state = C_CLOSED;
      g_byte_array_remove_range (c->in, 0, (guint) (need + len));
    }
}

static void
on_readable (Client *c)
{
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = recv (c->fd, buffer, sizeof buffer, 0);

      if (n == 0 || (n < 0 && errno != EAGAIN))
        {
          c->state = C_CLOSED;
          return;
        }
      if (n < 0)
        break;
      g_byte_array_append (c->in, buffer, (guint) n);
    }
  if (c->state == C_UPGRADING)
    {
      char *end = g_strstr_len ((const char *) c->in->data, c->in->len, "\r\n\r\n");

      if (end == NULL)
        return;
      if (c->in->len < 12 || memcmp (c->in->data + 9, "101", 3) != 0)
        g_error ("client %u: upgrade refused: %.*s", c->index, (int) MIN (c->in->len, 200u),
                 (const char *) c->in->data);
      g_byte_array_remove_range (c->in, 0, (guint) (end + 4 - (char *) c->in->data));
      c->state = C_OPEN;
    }
  if (c->state == C_OPEN)
    read_frames (c);
}

static void
start_connect (Client *c)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port),
                              .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
  int one = 1;

  c->fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0)
    g_error ("socket: %s (raise the descriptor limit)", g_strerror (errno));
  setsockopt (c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (c->fd, (struct sockaddr *) &addr, sizeof addr) != 0 && errno != EINPROGRESS)
    g_error ("connect: %s", g_strerror (errno));
  c->state = C_CONNECTING;
  epoll_ctl (epfd, EPOLL_CTL_ADD, c->fd, &ev);
}

static void
on_event (Client   *c,
          guint32   events)
{
  if (c->state == C_CONNECTING && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
    {
      int err = 0;
      socklen_t len = sizeof err;
      g_autofree char *upgrade = NULL;

      getsockopt (c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0)
        g_error ("client %u: connect: %s", c->index, g_strerror (err));
      upgrade = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                 "Sec-WebSocket-Version: 13\r\n\r\n", port);
      c->state = C_UPGRADING;
      g_byte_array_append (c->out, (const guint8 *) upgrade, (guint) strlen (upgrade));
      flush_out (c);
      return;
    }
  if (events & EPOLLOUT)
    flush_out (c);
  if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
    on_readable (c);
}

static void
poll_once (int timeout_ms)
{
  struct epoll_event events[512];
  int n = epoll_wait (epfd, events, G_N_ELEMENTS (events), timeout_ms);

  for (int i = 0; i < n; i++)
    on_event (events[i].data.ptr, events[i].events);
}

/* Polls until @done returns TRUE for every client in [from, to), or fails after @timeout_s. */
static void
run_until (gboolean  (*done) (Client *c),
           guint       from,
           guint       to,
           double      timeout_s,
           const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  for (;;)
    {
      guint missing = 0;

      for (guint i = from; i < to; i++)
        {
          if (clients[i].state == C_CLOSED)
            fail ("client %u lost its connection during %s", i, what);
          if (!done (&clients[i]))
            missing++;
        }
      if (missing == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        fail ("%s: %u clients not done after %.0f s", what, missing, timeout_s);
      poll_once (50);
    }
}

static guint want_replies;
static gboolean has_replies (Client *c) { return c->replies >= want_replies; }
static gboolean is_open_ws (Client *c) { return c->state == C_OPEN; }
static gboolean is_match_open (Client *c) { return c->open; }
static gboolean is_queued (Client *c) { return c->queued; }
static gboolean is_on_seat_map (Client *c) { return c->phase == H_SEATS; }

/* ---- the server process ---- */

static GPid
start_server (const char *path,
              const char *data_dir)
{
  g_autofree char *port_str = g_strdup_printf ("%u", port);
  g_autofree char *max_conn = g_strdup_printf ("%u", n_clients + 100);
  g_autofree char *max_rooms = g_strdup_printf ("%u", n_clients / room_size + 10);
  /* The hold loop sends thousands of messages a second per connection: the default rate limit
   * (20/s, burst 40) would answer nearly all of them with rate_limited. */
  const char *fixed[] = { path, "--port", port_str, "--bind", "127.0.0.1", "--data-dir", data_dir,
                          "--max-connections", max_conn, "--max-rooms", max_rooms,
                          "--min-open-delay-ms", "1000", "--keepalive", keepalive != NULL ? keepalive : "15" };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char **argv;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  /* Without --io-threads the server's own default (one per core, at most 4). */
  if (io_threads != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--io-threads");
      g_ptr_array_add (args, io_threads);
    }
  if (holds_mode)
    {
      g_ptr_array_add (args, (gpointer) "--message-rate");
      g_ptr_array_add (args, (gpointer) "1000000");
      g_ptr_array_add (args, (gpointer) "--message-burst");
      g_ptr_array_add (args, (gpointer) "1000000");
    }
  g_ptr_array_add (args, NULL);
  argv = (const char **) args->pdata;
  GPid pid;
  int null_fd = open ("/dev/null", O_WRONLY);

  /* Its log (one line per player) goes nowhere: writing it would be measured too. */
  if (!g_spawn_async_with_fds (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                               -1, null_fd, null_fd, &error))
    g_error ("cannot start %s: %s", path, error->message);
  close (null_fd);
  return pid;
}

static guint16
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  bind (fd, (struct sockaddr *) &addr, sizeof addr);
  getsockname (fd, (struct sockaddr *) &addr, &len);
  close (fd);
  return ntohs (addr.sin_port);
}

static gint64
rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  return find_int (text, "VmRSS:");
}

/* The server's own view: its histograms from /metrics. */
static void
print_metrics (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port),
                              .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  g_autoptr(GString) response = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  char buffer[8192];
  ssize_t n;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      send (fd, request, strlen (request), 0) < 0)
    {
      close (fd);
      return;
    }
  while ((n = recv (fd, buffer, sizeof buffer, 0)) > 0)
    g_string_append_len (response, buffer, n);
  close (fd);
  lines = g_strsplit (response->str, "\n", -1);
  g_print ("server metrics:\n");
  for (guint i = 0; lines[i] != NULL; i++)
    if (holds_mode && strstr (lines[i], "_bucket{") != NULL)
      continue;
    else if (g_str_has_prefix (lines[i], "tickget_match_tick_lateness") ||
        g_str_has_prefix (lines[i], "tickget_queue_push_round") ||
        g_str_has_prefix (lines[i], "tickget_messages_out_total") ||
        g_str_has_prefix (lines[i], "tickget_messages_in_total") ||
        g_str_has_prefix (lines[i], "tickget_holds") ||
        g_str_has_prefix (lines[i], "tickget_request_duration_seconds_sum") ||
        g_str_has_prefix (lines[i], "tickget_request_duration_seconds_count") ||
        g_str_has_prefix (lines[i], "tickget_closes_total"))
      g_print ("  %s\n", lines[i]);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p / 100.0 * values->len)));
}

/* The server's CPU time so far (user + system), in seconds. */
static double
cpu_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (after + 2, " ", 16);
  if (g_strv_length (fields) < 14)
    return 0;
  return (g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10)) /
         (double) sysconf (_SC_CLK_TCK);
}

static double
own_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* --mode queue: every player waits in the queue; the pushes' delays and intervals, and RSS. */
static void
measure_queue (GPid   pid,
               int    seconds,
               guint  n_rooms,
               gint64 rss_base)
{
  gint64 rss_loaded, rss_end, t0;

  for (guint i = 0; i < n_clients; i++)
    {
      request (&clients[i], "book", NULL);
      request (&clients[i], "date", "\"index\":0");
    }
  run_until (is_queued, 0, n_clients, 120, "queued");
  g_print ("%u players in %u rooms, all queued (admission 0.001/s: nobody leaves the queue)\n",
           n_clients, n_rooms);

  /* Three seconds of warm-up: the burst of the open (every player's booking, date and first
   * queue position at once) is over before the window, which measures the steady once-a-second
   * pushes. */
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC)
    poll_once (50);

  rss_loaded = rss_kib (pid);
  measuring = TRUE;
  t0 = measure_start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < (gint64) seconds * G_USEC_PER_SEC)
    poll_once (50);
  measuring = FALSE;
  rss_end = rss_kib (pid);

  g_print ("pushes in each second:");
  for (int k = 0; k < seconds && k < (int) G_N_ELEMENTS (per_second); k++)
    g_print (" %u", per_second[k]);
  g_print ("\n");
  g_array_sort (delays, compare_double);
  g_array_sort (intervals, compare_double);
  g_print ("\nqueue pushes received: %" G_GUINT64_FORMAT " in %d s (%.0f/s; expected >= %u/s)\n",
           pushes, seconds, pushes / (double) seconds, n_clients);
  g_print ("push delay (arrival - server stamp): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
           percentile (delays, 50), percentile (delays, 99),
           delays->len > 0 ? g_array_index (delays, double, delays->len - 1) : 0);
  g_print ("interval between a client's pushes: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
           percentile (intervals, 50), percentile (intervals, 99),
           intervals->len > 0 ? g_array_index (intervals, double, intervals->len - 1) : 0);
  {
    guint clients_hit = 0, rooms_hit = 0;

    for (guint r = 0; r < n_rooms; r++)
      {
        guint hit = 0;
        for (guint i = r * room_size; i < MIN (n_clients, (r + 1) * room_size); i++)
          hit += clients[i].long_gaps > 0;
        clients_hit += hit;
        rooms_hit += hit > 0;
      }
    g_print ("intervals over 1.1 s: %" G_GUINT64_FORMAT " (%.2f %%), at %u clients in %u of %u rooms\n",
             long_gaps, 100.0 * long_gaps / MAX (1u, intervals->len), clients_hit, rooms_hit, n_rooms);
  }
  g_print ("server RSS: %" G_GINT64_FORMAT " KiB idle, %" G_GINT64_FORMAT " KiB with %u clients "
           "(%" G_GINT64_FORMAT " KiB at the end): %.1f KiB per client\n",
           rss_base, rss_loaded, n_clients, rss_end, (rss_end - rss_base) / (double) n_clients);
}

/* --mode holds: every player to the seat map, then hold/release round trips as fast as they go. */
static void
measure_holds (GPid pid,
               int  seconds)
{
  const char *what = time_loop ? "\"time\" round trips" : "hold round trips";
  double server_cpu, own_cpu, elapsed;
  guint64 min_client = G_MAXUINT64, max_client = 0;
  gint64 t0;

  for (guint i = 0; i < n_clients; i++)
    {
      request (&clients[i], "book", NULL);
      request (&clients[i], "date", "\"index\":0");
    }
  run_until (is_on_seat_map, 0, n_clients, 120, "queue and captcha");
  g_print ("%u players on the seat map (%u seats, %s)\n", n_clients, n_seats,
           time_loop ? "looping on \"time\" requests instead of holds"
           : seat_set > 0 ? "all picking from the same seats" : "each cycling through its own seats");

  /* Two seconds of warm-up, then the window. */
  looping = TRUE;
  for (guint i = 0; i < n_clients; i++)
    send_hold (&clients[i]);
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < 2 * G_USEC_PER_SEC)
    poll_once (50);

  server_cpu = cpu_seconds (pid);
  own_cpu = own_cpu_seconds ();
  measuring = TRUE;
  t0 = measure_start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < (gint64) seconds * G_USEC_PER_SEC)
    poll_once (50);
  measuring = FALSE;
  looping = FALSE;
  elapsed = (g_get_monotonic_time () - t0) / 1e6;
  server_cpu = cpu_seconds (pid) - server_cpu;
  own_cpu = own_cpu_seconds () - own_cpu;
  /* Let the requests in flight come back, so the metrics below are quiet. */
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < G_USEC_PER_SEC / 2)
    poll_once (50);

  g_print ("%s in each second:", what);
  for (int k = 0; k < seconds && k < (int) G_N_ELEMENTS (per_second); k++)
    g_print (" %u", per_second[k]);
  g_print ("\n");
  for (guint i = 0; i < n_clients; i++)
    {
      min_client = MIN (min_client, clients[i].holds);
      max_client = MAX (max_client, clients[i].holds);
    }
  g_array_sort (latencies, compare_double);
  g_print ("\n%s: %" G_GUINT64_FORMAT " in %.1f s = %.0f/s (%" G_GUINT64_FORMAT " replies, %"
           G_GUINT64_FORMAT " seat_taken, %" G_GUINT64_FORMAT " other errors; %" G_GUINT64_FORMAT
           " releases)\n", what, hold_trips, elapsed, hold_trips / elapsed, holds_ok, holds_taken,
           other_errors, releases);
  if (!time_loop)
    g_print ("successful holds: %.0f/s\n", holds_ok / elapsed);
  g_print ("per client: %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " round trips\n", min_client, max_client);
  g_print ("round trip (request sent -> its answer): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
           percentile (latencies, 50), percentile (latencies, 99),
           latencies->len > 0 ? g_array_index (latencies, double, latencies->len - 1) : 0);
  g_print ("CPU during the window: server %.0f %% of one core, this client %.0f %%\n",
           100 * server_cpu / elapsed, 100 * own_cpu / elapsed);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *server_path = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *loop = NULL;
  int seconds = 10;
  int clients_opt = -1, room_opt = ROOM_SIZE_DEFAULT, seat_set_opt = 0;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &server_path, "tickget-server executable", "PATH" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode, "queue (default) or holds", "MODE" },
    { "clients", 'n', 0, G_OPTION_ARG_INT, &clients_opt, "WebSocket clients (default 10000; holds: 50)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "Measuring time (default 10)", "S" },
    { "room-size", 0, 0, G_OPTION_ARG_INT, &room_opt, "Players per room (default 60)", "N" },
    { "keepalive", 0, 0, G_OPTION_ARG_STRING, &keepalive, "The server's --keepalive (default 15)", "S" },
    { "io-threads", 0, 0, G_OPTION_ARG_STRING, &io_threads, "The server's --io-threads (default: the server's own)", "N" },
    { "loop", 0, 0, G_OPTION_ARG_STRING, &loop,
      "holds: what each client repeats, hold (hold + release, default) or time (a no-op request)", "WHAT" },
    { "seat-set", 0, 0, G_OPTION_ARG_INT, &seat_set_opt,
      "holds: every client picks from seats 0…N−1 (default 0: each its own range)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  struct rlimit limit;
  guint n_rooms, connected = 0;
  gint64 rss_base, t0;
  GPid pid;
  int status;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || server_path == NULL)
    {
      g_printerr ("bench-server-load: %s\n", error != NULL ? error->message : "--server PATH is required");
      return 2;
    }
  holds_mode = g_strcmp0 (mode, "holds") == 0;
  time_loop = g_strcmp0 (loop, "time") == 0;
  if (clients_opt < 0)
    clients_opt = holds_mode ? 50 : 10000;
  if ((mode != NULL && !holds_mode && !g_str_equal (mode, "queue")) ||
      (loop != NULL && (!holds_mode || (!time_loop && !g_str_equal (loop, "hold")))) ||
      clients_opt < 1 || room_opt < 1 || room_opt > 60 || seconds < 1 || seat_set_opt < 0 ||
      seconds > (int) G_N_ELEMENTS (per_second))
    {
      g_printerr ("bench-server-load: bad option (--mode queue|holds, --loop hold|time with holds, "
                  "--room-size 1–60, --seconds 1–%u)\n", (guint) G_N_ELEMENTS (per_second));
      return 2;
    }
  n_clients = (guint) clients_opt;
  room_size = (guint) room_opt;
  seat_set = (guint) seat_set_opt;
  n_rooms = (n_clients + room_size - 1) / room_size;
  if (holds_mode && n_rooms > 1)
    {
      g_printerr ("bench-server-load: --mode holds plays one room: at most %u clients\n", room_size);
      return 2;
    }

  /* Both processes need a descriptor per client (the server inherits the limit). */
  getrlimit (RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit (RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < n_clients + 200)
    g_error ("the descriptor limit (%lu) is too low for %u clients", (unsigned long) limit.rlim_cur, n_clients);

  data_dir = g_dir_make_tmp ("tickget-bench-XXXXXX", &error);
  g_assert_no_error (error);
  port = free_port ();
  pid = server_pid = start_server (server_path, data_dir);
  g_usleep (500 * 1000);
  rss_base = rss_kib (pid);

  epfd = epoll_create1 (0);
  clients = g_new0 (Client, n_clients);
  delays = g_array_new (FALSE, FALSE, sizeof (double));
  intervals = g_array_new (FALSE, FALSE, sizeof (double));
  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  rng = g_rand_new_with_seed (4);
  for (guint i = 0; i < n_clients; i++)
    {
      clients[i].index = i;
      clients[i].in = g_byte_array_new ();
      clients[i].out = g_byte_array_new ();
      clients[i].next_id = 1;
    }

  /* 1. The clock offset, while the server is idle: one connection first. */
  start_connect (&clients[0]);
  connected = 1;
  run_until (is_open_ws, 0, 1, 10, "connecting");
  for (guint k = 0; k < 20; k++)
    {
      clients[0].time_sent = g_get_monotonic_time ();
      request (&clients[0], "time", NULL);
      want_replies = k + 1;
      run_until (has_replies, 0, 1, 10, "time");
    }
  g_print ("clock offset measured with a %.3f ms round trip\n", best_rtt / 1000.0);

  /* 2. Connect the others (a bounded number of handshakes at a time). */
  t0 = g_get_monotonic_time ();
  while (connected < n_clients)
    {
      guint in_flight = 0;

      for (guint i = 0; i < connected; i++)
        in_flight += clients[i].state == C_CONNECTING || clients[i].state == C_UPGRADING;
      while (in_flight < MAX_CONNECTING && connected < n_clients)
        {
          start_connect (&clients[connected++]);
          in_flight++;
        }
      poll_once (10);
    }
  run_until (is_open_ws, 0, n_clients, 300, "connecting");
  g_print ("%u WebSocket connections open in %.1f s\n", n_clients, (g_get_monotonic_time () - t0) / 1e6);

  /* 3. Hello, rooms, ready, start. */
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *fields = g_strdup_printf ("\"nickname\":\"p%u\"", i);
      clients[i].replies = 0;
      request (&clients[i], "hello", fields);
    }
  want_replies = 1;
  run_until (has_replies, 0, n_clients, 120, "hello");
  for (guint r = 0; r < n_rooms; r++)
    {
      g_autofree char *fields = NULL;

      /* holds: the arena, one seat per booking, and a queue that lets everyone in at once. */
      if (holds_mode)
        fields = g_strdup_printf ("\"title\":\"bench holds\",\"max_players\":%u,\"bots\":0,"
                                  "\"venue\":{\"preset\":\"large\"},\"seats_per_booking\":1,"
                                  "\"admission_rate\":1000", room_size);
      else
        fields = g_strdup_printf ("\"title\":\"bench %u\",\"max_players\":%u,\"bots\":0,"
                                  "\"admission_rate\":0.001", r, room_size);
      request (&clients[r * room_size], "create_room", fields);
    }
  want_replies = 2;
  for (guint r = 0; r < n_rooms; r++)
    run_until (has_replies, r * room_size, r * room_size + 1, 120, "create_room");
  for (guint i = 0; i < n_clients; i++)
    if (i % room_size != 0)
      {
        g_autofree char *fields = g_strdup_printf ("\"room\":%" G_GINT64_FORMAT, clients[i - i % room_size].room);
        request (&clients[i], "join_room", fields);
        request (&clients[i], "ready", "\"ready\":true");
      }
  for (guint i = 0; i < n_clients; i++)
    if (i % room_size != 0)
      {
        want_replies = 3;
        run_until (has_replies, i, i + 1, 120, "join_room");
      }
  for (guint r = 0; r < n_rooms; r++)
    request (&clients[r * room_size], "start", "\"open_in_ms\":1000");
  run_until (is_match_open, 0, n_clients, 120, "match open");

  /* 4. Measure. */
  if (holds_mode)
    {
      if (n_seats < n_clients || (seat_set > n_seats))
        fail ("the venue has %u seats: too few for %u clients or --seat-set %u", n_seats, n_clients, seat_set);
      measure_holds (pid, seconds);
    }
  else
    measure_queue (pid, seconds, n_rooms, rss_base);

  print_metrics ();
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  for (guint i = 0; i < n_clients; i++)
    {
      close (clients[i].fd);
      g_byte_array_unref (clients[i].in);
      g_byte_array_unref (clients[i].out);
    }
  g_free (clients);
  g_rand_free (rng);
  {
    g_autofree char *db = g_build_filename (data_dir, "server.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (data_dir);
  }
  return 0;
}
