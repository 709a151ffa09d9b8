/* tg-sim.h: one headless match on a manual clock, and its report. */
#pragma once

#include <gio/gio.h>

#include "tg-autoplayer.h"
#include "tg-match.h"

G_BEGIN_DECLS

typedef struct
{
  TgMatchSettings  match;
  gboolean         with_human;
  TgAutoplayScript human;
  gboolean         json;
} TgSimOptions;

/* Plays the match as fast as the CPU allows and returns the report (JSON or text). */
char *tg_sim_run (const TgSimOptions *options,
                  GError            **error);

G_END_DECLS
