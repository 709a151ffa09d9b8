/* tg-ledger.h: the seat ledger — who holds and who bought each seat.
 *
 * Holds are all-or-nothing: either every requested seat becomes held by the new hold, or none does
 * and the caller learns which seats were taken (the UI shows 이선좌). All operations are atomic and
 * thread-safe (the LAN server may call from several threads): exactly one hold wins a seat under
 * any interleaving. Time is passed in (clock microseconds) so the ledger needs no clock of its own;
 * the match calls tg_ledger_expire() when tg_ledger_next_expiry() comes due.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TG_LEDGER_ERROR (tg_ledger_error_quark ())

typedef enum
{
  TG_LEDGER_ERROR_TAKEN,        /* at least one requested seat is held or sold */
  TG_LEDGER_ERROR_INVALID,      /* bad seat index, duplicate seat, empty or oversized request */
  TG_LEDGER_ERROR_NO_HOLD,      /* unknown, released, expired or already confirmed hold */
  TG_LEDGER_ERROR_EXPIRED,      /* the hold's TTL ran out before confirm */
} TgLedgerError;

GQuark tg_ledger_error_quark (void);

#define TG_LEDGER_MAX_SEATS_PER_HOLD 4
#define TG_LEDGER_NO_HOLD 0

typedef enum
{
  TG_SEAT_AVAILABLE,
  TG_SEAT_HELD,
  TG_SEAT_SOLD,
} TgSeatState;

typedef enum
{
  TG_HOLD_ACTIVE,
  TG_HOLD_CONFIRMED,
  TG_HOLD_RELEASED,
  TG_HOLD_EXPIRED,
} TgHoldState;

typedef struct
{
  guint32     owner;
  gboolean    human;
  TgHoldState state;
  guint       n_seats;
  guint32     seats[TG_LEDGER_MAX_SEATS_PER_HOLD];
  gint64      held_at;
  gint64      expires_at;
  guint       rank_all;      /* 1-based order of confirmation among all buyers; 0 until confirmed */
  guint       rank_humans;   /* among human buyers; 0 for bots or until confirmed */
} TgHoldInfo;

typedef struct _TgLedger TgLedger;

/* Called once per expired hold, with the ledger unlocked. */
typedef void (*TgLedgerExpireFunc) (guint32           hold,
                                    const TgHoldInfo *info,
                                    gpointer          user_data);

TgLedger   *tg_ledger_new             (guint              n_seats);
void        tg_ledger_free            (TgLedger          *self);

/* Holds @seats (1..TG_LEDGER_MAX_SEATS_PER_HOLD distinct indices) for @owner until @now + @ttl.
 * On TG_LEDGER_ERROR_TAKEN, @taken (if not NULL, a GArray of guint32) receives the taken seats. */
gboolean    tg_ledger_hold            (TgLedger          *self,
                                       guint32            owner,
                                       gboolean           human,
                                       const guint32     *seats,
                                       guint              n_seats,
                                       gint64             now,
                                       gint64             ttl,
                                       guint32           *out_hold,
                                       GArray            *taken,
                                       GError           **error);
/* Gives the seats of an active hold back (give-up, leave, failed payment). */
gboolean    tg_ledger_release         (TgLedger          *self,
                                       guint32            hold,
                                       GError           **error);
/* Makes an active, unexpired hold a sale and assigns its ranks. */
gboolean    tg_ledger_confirm         (TgLedger          *self,
                                       guint32            hold,
                                       gint64             now,
                                       TgHoldInfo        *out_info,
                                       GError           **error);
/* Expires every active hold with expires_at <= @now; returns how many. */
guint       tg_ledger_expire          (TgLedger          *self,
                                       gint64             now,
                                       TgLedgerExpireFunc func,
                                       gpointer           user_data);
/* Earliest expires_at of an active hold, or G_MAXINT64. */
gint64      tg_ledger_next_expiry     (TgLedger          *self);
gboolean    tg_ledger_get_hold        (TgLedger          *self,
                                       guint32            hold,
                                       TgHoldInfo        *out_info);

TgSeatState tg_ledger_seat_state      (TgLedger          *self,
                                       guint32            seat);
guint       tg_ledger_get_n_seats     (TgLedger          *self);
guint       tg_ledger_count           (TgLedger          *self,
                                       TgSeatState        state);
/* Appends to @changed (GArray of guint32) every seat whose state changed since the last drain,
 * each once, and forgets them: the match broadcasts these in batches. */
void        tg_ledger_drain_changes   (TgLedger          *self,
                                       GArray            *changed);
gsize       tg_ledger_get_memory_size (TgLedger          *self);

/* The hold that holds or bought @seat, or TG_LEDGER_NO_HOLD if it is available. */
guint32     tg_ledger_seat_hold       (TgLedger          *self,
                                       guint32            seat);

/* Notes on the implementation's choices:
 * - tg_ledger_get_hold() knows active and confirmed holds; a released or expired hold is forgotten
 *   (FALSE), and its id is never handed out again. The expire callback and the out_info of a
 *   confirm that came too late carry the final TG_HOLD_EXPIRED info.
 * - A confirm at or after expires_at fails with TG_LEDGER_ERROR_EXPIRED and expires the hold on
 *   the spot (its seats become available); the expire callback is not called for it. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TgLedger, tg_ledger_free)

G_END_DECLS
