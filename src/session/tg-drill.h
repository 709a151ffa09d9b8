/* tg-drill.h: one stage of a match practised alone, on the real engine.
 *
 * A drill is an ordinary offline match whose steps before the practised stage are played for
 * the player by the engine's own API, fast-forwarded on a manual clock:
 *
 *   CLICK    a match with no bots and a 5 s countdown; the drill is the open-time click
 *            (early clicks are refused and counted by the match, as in a full match).
 *   CAPTCHA  a match with no bots; 예매하기, the date and the queue are done at once, the
 *            practice starts when the 보안문자 is shown.
 *   SEAT     a match with bots at the chosen difficulty; the player arrives at the seat map
 *            as an intermediate player would (예매하기 0.4 s after open, the date 1.3 s later,
 *            the queue as it moves, the code in 10 s — the intermediate bots' base delays),
 *            while the bots, simulated the whole time, keep booking.
 *
 * Nothing is invented: every figure comes from the match's TgResult. The clock must be a
 * TgManualClock; the app advances it with real time once the drill is ready.
 */
#pragma once

#include "tg-session.h"

G_BEGIN_DECLS

typedef enum
{
  TG_DRILL_STAGE_CLICK,
  TG_DRILL_STAGE_CAPTCHA,
  TG_DRILL_STAGE_SEAT,
} TgDrillStage;

#define TG_DRILL_CLICK_COUNTDOWN   (5 * TG_USEC_PER_SEC)
#define TG_DRILL_SEAT_BOTS         1500
#define TG_DRILL_ARRIVE_REACTION   400     /* ms: intermediate player, see above */
#define TG_DRILL_ARRIVE_DATE       1300
#define TG_DRILL_ARRIVE_CAPTCHA    10000

#define TG_TYPE_DRILL (tg_drill_get_type ())
G_DECLARE_FINAL_TYPE (TgDrill, tg_drill, TG, DRILL, GObject)

/* Sets up the match and plays the steps before @stage. Fails if the engine refuses the
 * settings or if the match is over before the stage is reached (a sold-out seat drill). */
TgDrill      *tg_drill_new         (TgDrillStage    stage,
                                    TgDifficulty    difficulty,
                                    guint64         seed,
                                    TgManualClock  *clock,
                                    GError        **error);
TgDrillStage  tg_drill_get_stage   (TgDrill        *self);
TgSession    *tg_drill_get_session (TgDrill        *self);
/* TRUE once the practised stage is over (done or failed); "done" is emitted then, once. */
gboolean      tg_drill_is_done     (TgDrill        *self);
/* The stage was completed: clicked, solved, seats held. */
gboolean      tg_drill_succeeded   (TgDrill        *self);
/* The match's result when the stage ended (NULL before). */
const TgResult *tg_drill_get_result (TgDrill       *self);
/* Stops early (the player left the drill): gives up in the match. */
void          tg_drill_stop        (TgDrill        *self);

G_END_DECLS
