/* tg-history-private.h: helpers shared by the files of the history store. */
#pragma once

#include "tg-history.h"

G_BEGIN_DECLS

/* TgBotStageSummary.q_ms as stored in play_bot_stages.quantiles_ms: 21 integers separated by
 * single spaces, ascending. */
char     *tg_history_format_quantiles (const TgBotStageSummary *summary);
/* FALSE when @text is not exactly that (a damaged row). */
gboolean  tg_history_parse_quantiles  (const char              *text,
                                       TgBotStageSummary       *summary);

G_END_DECLS
