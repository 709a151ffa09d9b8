/* tg-rng.h: a small seeded PRNG (PCG32) so every random draw in a match comes from its seed.
 *
 * GRand would do, but PCG32 is 16 bytes of state, fast, and gives the same sequence on every
 * platform, which keeps tickget-sim's output byte-identical across machines.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 state;
  guint64 inc;
} TgRng;

static inline guint32
tg_rng_next (TgRng *rng)
{
  guint64 old = rng->state;
  guint32 xorshifted;
  guint32 rot;

  rng->state = old * G_GUINT64_CONSTANT (6364136223846793005) + rng->inc;
  xorshifted = (guint32) (((old >> 18) ^ old) >> 27);
  rot = (guint32) (old >> 59);
  return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

/* Seeds @rng; @stream selects one of 2^63 independent sequences for the same seed. */
static inline void
tg_rng_init (TgRng *rng,
             guint64 seed,
             guint64 stream)
{
  rng->state = 0;
  rng->inc = (stream << 1) | 1u;
  tg_rng_next (rng);
  rng->state += seed;
  tg_rng_next (rng);
}

/* Uniform in [0, bound) without modulo bias; @bound must be > 0. */
static inline guint32
tg_rng_below (TgRng *rng,
              guint32 bound)
{
  guint32 threshold = (-bound) % bound;

  for (;;)
    {
      guint32 r = tg_rng_next (rng);
      if (r >= threshold)
        return r % bound;
    }
}

/* Uniform double in [0, 1). */
static inline double
tg_rng_double (TgRng *rng)
{
  return (tg_rng_next (rng) >> 5) * (1.0 / 134217728.0);
}

/* Uniform integer in [base - spread, base + spread]. */
static inline gint64
tg_rng_spread (TgRng *rng,
               gint64 base,
               gint64 spread)
{
  if (spread <= 0)
    return base;
  return base - spread + (gint64) tg_rng_below (rng, (guint32) (2 * spread + 1));
}

/* TRUE with probability @percent / 100. */
static inline gboolean
tg_rng_percent (TgRng *rng,
                guint percent)
{
  return tg_rng_below (rng, 100) < percent;
}

G_END_DECLS
