/* tg-stage-chart.h: one play, stage by stage, against the bots of the same match — for the
 * play's detail page. Each row has its own time scale: the bots' middle 90 % as a band, their
 * middle half as a box with the median, and the player's time as a marker. */
#pragma once

#include "tg-chart.h"
#include "tg-result.h"

G_BEGIN_DECLS

#define TG_TYPE_STAGE_CHART (tg_stage_chart_get_type ())
G_DECLARE_FINAL_TYPE (TgStageChart, tg_stage_chart, TG, STAGE_CHART, TgChart)

TgStageChart *tg_stage_chart_new        (void);
/* Copies what it needs; NULL clears. */
void          tg_stage_chart_set_result (TgStageChart   *self,
                                         const TgResult *result);

G_END_DECLS
