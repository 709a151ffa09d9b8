/* tg-coarse-clock.h: a real-time TgClock whose wake-ups are rounded up to a grid.
 *
 * The server runs every room's match on one clock. With TgRealClock each timer deadline is its
 * own main-loop wake-up — 167 matches ticking every 100 ms are 3,000+ wake-ups a second — and
 * with thousands of WebSocket connections every wake-up costs a poll over all of them. Rounding
 * the wake-up time up to a multiple of @slack makes the matches' timers fire together: at most
 * one wake-up per @slack, each timer late by less than @slack. now() is exact.
 */
#pragma once

#include "tg-clock.h"

G_BEGIN_DECLS

#define TG_TYPE_COARSE_CLOCK (tg_coarse_clock_get_type ())
G_DECLARE_FINAL_TYPE (TgCoarseClock, tg_coarse_clock, TG, COARSE_CLOCK, TgClock)

/* @slack: µs of the grid (0: like TgRealClock). @context NULL: the thread-default context. */
TgClock *tg_coarse_clock_new (GMainContext *context,
                              gint64        slack);

G_END_DECLS
