/* tg-bots.c: bot skills, delays and seat preferences. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tg-bots.h"

/* Indexed [skill][delay]. Reaction and payment are not in the original; the rest is REFERENCE.md. */
static const TgDelaySpec delay_specs[TG_N_BOT_SKILLS][TG_N_BOT_DELAYS] = {
  [TG_BOT_BEGINNER] = {
    [TG_BOT_DELAY_REACTION] = { 1200, 800 },
    [TG_BOT_DELAY_DATE]     = { 2000, 400 },
    [TG_BOT_DELAY_CAPTCHA]  = { 15000, 3000 },
    [TG_BOT_DELAY_SEAT]     = { 5000, 3000 },
    [TG_BOT_DELAY_RETRY]    = { 300, 0 },
    [TG_BOT_DELAY_PAYMENT]  = { 9000, 3000 },
  },
  [TG_BOT_INTERMEDIATE] = {
    [TG_BOT_DELAY_REACTION] = { 600, 300 },
    [TG_BOT_DELAY_DATE]     = { 1300, 300 },
    [TG_BOT_DELAY_CAPTCHA]  = { 10000, 2000 },
    [TG_BOT_DELAY_SEAT]     = { 4000, 1000 },
    [TG_BOT_DELAY_RETRY]    = { 100, 0 },
    [TG_BOT_DELAY_PAYMENT]  = { 6000, 2000 },
  },
  [TG_BOT_EXPERT] = {
    [TG_BOT_DELAY_REACTION] = { 250, 150 },
    [TG_BOT_DELAY_DATE]     = { 800, 100 },
    [TG_BOT_DELAY_CAPTCHA]  = { 6500, 1500 },
    [TG_BOT_DELAY_SEAT]     = { 2500, 500 },
    [TG_BOT_DELAY_RETRY]    = { 50, 0 },
    [TG_BOT_DELAY_PAYMENT]  = { 4000, 1000 },
  },
};

/* Indexed [difficulty][skill]. */
static const guint skill_mix[3][TG_N_BOT_SKILLS] = {
  [TG_DIFFICULTY_EASY]   = { 70, 20, 10 },
  [TG_DIFFICULTY_MEDIUM] = { 30, 50, 20 },
  [TG_DIFFICULTY_HARD]   = { 10, 30, 60 },
};

static const guint captcha_fail[TG_N_BOT_SKILLS] = { 30, 15, 5 };

/* How deep into its ordering a bot's favourite seat may lie, counted in available seats. */
static const guint pick_window[TG_N_BOT_SKILLS] = { 400, 120, 30 };

const char *
tg_bot_skill_to_string (TgBotSkill skill)
{
  switch (skill)
    {
    case TG_BOT_BEGINNER:     return "beginner";
    case TG_BOT_INTERMEDIATE: return "intermediate";
    case TG_BOT_EXPERT:       return "expert";
    default:                  return "unknown";
    }
}

const TgDelaySpec *
tg_bot_delay_spec (TgBotSkill skill,
                   TgBotDelay delay)
{
  g_return_val_if_fail (skill < TG_N_BOT_SKILLS, NULL);
  g_return_val_if_fail (delay < TG_N_BOT_DELAYS, NULL);

  return &delay_specs[skill][delay];
}

guint
tg_bot_skill_percent (TgDifficulty difficulty,
                      TgBotSkill   skill)
{
  g_return_val_if_fail (difficulty <= TG_DIFFICULTY_HARD, 0);
  g_return_val_if_fail (skill < TG_N_BOT_SKILLS, 0);

  return skill_mix[difficulty][skill];
}

guint
tg_bot_captcha_fail_percent (TgBotSkill skill)
{
  g_return_val_if_fail (skill < TG_N_BOT_SKILLS, 0);

  return captcha_fail[skill];
}

TgBotSkill
tg_bot_draw_skill (TgRng        *rng,
                   TgDifficulty  difficulty)
{
  guint r = tg_rng_below (rng, 100);

  if (r < skill_mix[difficulty][TG_BOT_BEGINNER])
    return TG_BOT_BEGINNER;
  if (r < skill_mix[difficulty][TG_BOT_BEGINNER] + skill_mix[difficulty][TG_BOT_INTERMEDIATE])
    return TG_BOT_INTERMEDIATE;
  return TG_BOT_EXPERT;
}

gint64
tg_bot_draw_delay (TgRng      *rng,
                   TgBotSkill  skill,
                   TgBotDelay  delay)
{
  const TgDelaySpec *spec = &delay_specs[skill][delay];

  /* Microsecond resolution keeps simultaneous bots from colliding on the same instant. */
  return tg_rng_spread (rng, spec->base_ms * 1000, spec->spread_ms * 1000);
}

/* ---- seat preferences ---- */

/* For each skill level: the seats in order of preference, and a Fenwick tree over that order
 * counting the seats still available, so "the k-th available seat I like best" is O(log n) however
 * many seats are held or sold. The match reports every change of availability. */
struct _TgSeatPrefs
{
  TgVenue *venue;
  guint    n_seats;
  guint    log2;                        /* highest power of two <= n_seats */
  guint32 *order[TG_N_BOT_SKILLS];      /* seat indices, best first */
  guint32 *rank_of[TG_N_BOT_SKILLS];    /* inverse of order */
  gint32  *avail[TG_N_BOT_SKILLS];      /* Fenwick, 1-based over ranks */
  guint8  *is_avail;                    /* per seat, to make updates idempotent */
};

typedef struct
{
  float   score;
  guint32 seat;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *sa = a;
  const Scored *sb = b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  return sa->seat < sb->seat ? -1 : (sa->seat > sb->seat);
}

static void
fenwick_add (gint32 *tree,
             guint   n,
             guint   rank,
             gint32  delta)
{
  for (guint i = rank + 1; i <= n; i += i & (-i))
    tree[i] += delta;
}

/* Rank of the (k+1)-th available seat; requires k < number available. */
static guint
fenwick_find (const gint32 *tree,
              guint         n,
              guint         log2,
              guint         k)
{
  guint pos = 0;

  for (guint step = log2; step > 0; step >>= 1)
    if (pos + step <= n && (guint) tree[pos + step] <= k)
      {
        pos += step;
        k -= tree[pos];
      }
  return pos;   /* 0-based rank */
}

static guint
fenwick_total (const gint32 *tree,
               guint         n)
{
  gint64 sum = 0;

  for (guint i = n; i > 0; i -= i & (-i))
    sum += tree[i];
  return (guint) sum;
}

TgSeatPrefs *
tg_seat_prefs_new (TgVenue *venue,
                   guint64  seed)
{
  /* Weight of the grade in the score: experts pay for premium, beginners look for cheaper seats. */
  static const float grade_weight[TG_N_BOT_SKILLS] = { +0.5f, -0.3f, -1.0f };
  TgSeatPrefs *self;
  const TgSeat *seats;
  double width, height, sx, sy, sw, sh, cx, cy, diag;
  guint n_grades;
  Scored *scored;
  TgRng rng;

  g_return_val_if_fail (TG_IS_VENUE (venue), NULL);

  self = g_new0 (TgSeatPrefs, 1);
  self->venue = g_object_ref (venue);
  self->n_seats = tg_venue_get_n_seats (venue);
  for (self->log2 = 1; self->log2 * 2 <= self->n_seats; self->log2 *= 2)
    ;
  seats = tg_venue_get_seats (venue);
  n_grades = tg_venue_get_n_grades (venue);
  self->is_avail = g_malloc (MAX (1u, self->n_seats));
  memset (self->is_avail, 1, MAX (1u, self->n_seats));

  tg_venue_get_size (venue, &width, &height);
  tg_venue_get_stage (venue, &sx, &sy, &sw, &sh);
  cx = sx + sw / 2;
  cy = sy + sh / 2;
  diag = MAX (1.0, sqrt (width * width + height * height));

  scored = g_new (Scored, MAX (1u, self->n_seats));
  tg_rng_init (&rng, seed, 0x5ea7);

  for (guint skill = 0; skill < TG_N_BOT_SKILLS; skill++)
    {
      gint32 *tree;

      for (guint i = 0; i < self->n_seats; i++)
        {
          const TgGrade *grade = tg_venue_get_grade (venue, seats[i].grade);
          double near = 1.0 - hypot (seats[i].x - cx, seats[i].y - cy) / diag;
          double cheap = n_grades > 1 ? (double) grade->rank / (double) (n_grades - 1) : 0.0;

          scored[i].seat = i;
          scored[i].score = (float) (near + grade_weight[skill] * cheap + 0.05 * tg_rng_double (&rng));
          if (seats[i].flags & TG_SEAT_FLAG_RESTRICTED_VIEW)
            scored[i].score -= 0.5f;
        }
      qsort (scored, self->n_seats, sizeof (Scored), compare_scored);

      self->order[skill] = g_new (guint32, MAX (1u, self->n_seats));
      self->rank_of[skill] = g_new (guint32, MAX (1u, self->n_seats));
      for (guint i = 0; i < self->n_seats; i++)
        {
          self->order[skill][i] = scored[i].seat;
          self->rank_of[skill][scored[i].seat] = i;
        }

      /* Every seat available: build the tree in O(n). */
      tree = self->avail[skill] = g_new0 (gint32, self->n_seats + 1);
      for (guint i = 1; i <= self->n_seats; i++)
        {
          guint parent = i + (i & (-i));
          tree[i] += 1;
          if (parent <= self->n_seats)
            tree[parent] += tree[i];
        }
    }

  g_free (scored);
  return self;
}

void
tg_seat_prefs_free (TgSeatPrefs *self)
{
  if (self == NULL)
    return;

  for (guint skill = 0; skill < TG_N_BOT_SKILLS; skill++)
    {
      g_free (self->order[skill]);
      g_free (self->rank_of[skill]);
      g_free (self->avail[skill]);
    }
  g_free (self->is_avail);
  g_clear_object (&self->venue);
  g_free (self);
}

static void
set_available (TgSeatPrefs *self,
               guint32      seat,
               gboolean     available)
{
  if (seat >= self->n_seats || self->is_avail[seat] == available)
    return;
  self->is_avail[seat] = (guint8) available;
  for (guint skill = 0; skill < TG_N_BOT_SKILLS; skill++)
    fenwick_add (self->avail[skill], self->n_seats, self->rank_of[skill][seat], available ? 1 : -1);
}

void
tg_seat_prefs_seat_taken (TgSeatPrefs *self,
                          guint32      seat)
{
  g_return_if_fail (self != NULL);
  set_available (self, seat, FALSE);
}

void
tg_seat_prefs_seat_freed (TgSeatPrefs *self,
                          guint32      seat)
{
  g_return_if_fail (self != NULL);
  set_available (self, seat, TRUE);
}

guint
tg_seat_prefs_get_n_available (TgSeatPrefs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return fenwick_total (self->avail[0], self->n_seats);
}

static guint
extend_block (TgSeatPrefs *self,
              guint32      first,
              guint        want,
              guint32     *out_seats)
{
  guint n = 0;
  guint32 seat;

  out_seats[n++] = first;
  for (seat = tg_venue_seat_neighbor (self->venue, first, +1);
       n < want && seat != TG_VENUE_NO_SEAT && self->is_avail[seat];
       seat = tg_venue_seat_neighbor (self->venue, seat, +1))
    out_seats[n++] = seat;
  for (seat = tg_venue_seat_neighbor (self->venue, first, -1);
       n < want && seat != TG_VENUE_NO_SEAT && self->is_avail[seat];
       seat = tg_venue_seat_neighbor (self->venue, seat, -1))
    out_seats[n++] = seat;

  return n;
}

guint
tg_seat_prefs_pick (TgSeatPrefs *self,
                    TgBotSkill   skill,
                    TgRng       *rng,
                    guint        want,
                    guint32     *out_seats)
{
  guint available, window;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (skill < TG_N_BOT_SKILLS, 0);
  g_return_val_if_fail (want >= 1 && want <= TG_LEDGER_MAX_SEATS_PER_HOLD, 0);

  available = fenwick_total (self->avail[skill], self->n_seats);
  if (available == 0)
    return 0;
  /* Near the end fewer seats are left than the window: spread over those, or every bot would
   * click the last one. */
  window = MIN (pick_window[skill], available);
  return extend_block (self,
                       self->order[skill][fenwick_find (self->avail[skill], self->n_seats, self->log2,
                                                        tg_rng_below (rng, window))],
                       want, out_seats);
}

guint
tg_seat_prefs_best_available (TgSeatPrefs *self,
                              guint        want,
                              guint32     *out_seats)
{
  const gint32 *tree;
  guint available;
  guint32 fallback;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (want >= 1 && want <= TG_LEDGER_MAX_SEATS_PER_HOLD, 0);

  tree = self->avail[TG_BOT_EXPERT];
  available = fenwick_total (tree, self->n_seats);
  if (available == 0)
    return 0;

  /* The best seat that starts a whole block; else the best single seat. */
  fallback = self->order[TG_BOT_EXPERT][fenwick_find (tree, self->n_seats, self->log2, 0)];
  for (guint k = 0; k < available; k++)
    {
      guint32 seat = self->order[TG_BOT_EXPERT][fenwick_find (tree, self->n_seats, self->log2, k)];
      if (extend_block (self, seat, want, out_seats) == want)
        return want;
    }
  return extend_block (self, fallback, want, out_seats);
}

gsize
tg_seat_prefs_get_memory_size (TgSeatPrefs *self)
{
  return sizeof *self + self->n_seats + (gsize) TG_N_BOT_SKILLS * (3 * self->n_seats + 1) * sizeof (guint32);
}
