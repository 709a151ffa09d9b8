/* tg-venue-private.h: building a TgVenue piece by piece.
 *
 * The SVG loader and the procedural presets go through the same builder, so a preset can never
 * contain anything a file could not: every rule of the format is checked in one place. Errors from
 * these functions carry no position; the loader prefixes the line and column.
 */
#pragma once

#include "tg-venue.h"

G_BEGIN_DECLS

#define TG_SEATMAP_NS  "https://tickget.kr/ns/seatmap/1"
#define TG_SEATMAP_NS_BASE "https://tickget.kr/ns/seatmap/"
#define TG_SVG_NS      "http://www.w3.org/2000/svg"

/* The instance, shared by the model (tg-venue.c), the reader and the writer. */
struct _TgVenue
{
  GObject       parent_instance;

  char         *name;
  double        width;
  double        height;
  double        stage[4];
  gboolean      has_stage;

  GStringChunk *strings;
  TgGrade       grades[TG_VENUE_MAX_GRADES];
  guint         n_grades;
  GArray       *sections;       /* TgSection */
  GArray       *seats;          /* TgSeat */
  GArray       *labels;         /* double[3] per section: where its name is drawn, and its angle */
  GHashTable   *seat_index;     /* seat id -> index + 1 */

  /* Only while building. */
  GHashTable   *section_ids;    /* section id -> TRUE */
  GHashTable   *rows_seen;      /* interned row labels of the open section */
  TgSection    *open_section;
  const char   *last_row;
  guint         last_number;
};

/* Checks the size against TG_VENUE_MIN_SIZE and TG_VENUE_MAX_SIZE. */
TgVenue  *tg_venue_new_empty      (const char  *name,
                                   double       width,
                                   double       height,
                                   GError     **error);
gboolean  tg_venue_set_stage      (TgVenue     *self,
                                   double       x,
                                   double       y,
                                   double       width,
                                   double       height,
                                   GError     **error);
gboolean  tg_venue_add_grade      (TgVenue     *self,
                                   const char  *id,
                                   const char  *name,
                                   guint        price,
                                   const char  *color,
                                   guint        rank,
                                   GError     **error);
gboolean  tg_venue_begin_section  (TgVenue     *self,
                                   const char  *id,
                                   const char  *name,
                                   gboolean     standing,
                                   double       x,
                                   double       y,
                                   double       width,
                                   double       height,
                                   GError     **error);
/* Where the open section's name is drawn and its rotation in degrees, clockwise (default: just
 * above its bounding box, level). */
gboolean  tg_venue_set_section_label (TgVenue  *self,
                                      double    x,
                                      double    y,
                                      double    angle,
                                      GError  **error);
/* @grade is a grade id; seats of a standing section get TG_SEAT_FLAG_STANDING implicitly. */
gboolean  tg_venue_add_seat       (TgVenue     *self,
                                   const char  *id,
                                   const char  *row,
                                   guint        number,
                                   const char  *grade,
                                   guint        flags,
                                   double       x,
                                   double       y,
                                   GError     **error);
gboolean  tg_venue_end_section    (TgVenue     *self,
                                   GError     **error);
/* Checks what can only be checked at the end (a stage, at least one seat). */
gboolean  tg_venue_finish         (TgVenue     *self,
                                   GError     **error);

gboolean  tg_venue_is_valid_color (const char  *color);
/* NULL, empty or only white space. */
gboolean  tg_venue_text_is_blank  (const char  *text);

/* Text from a file, fit to quote in a one-line error message: control and invisible formatting
 * characters escaped ("\n", "\u200B"), invalid UTF-8 shown as U+FFFD, and cut with "…" after
 * about 40 characters, so a 10 MB attribute gives a short message. NULL gives "". */
char     *tg_venue_excerpt        (const char  *text);
/* The same escaping without the cut, for text the user chose (a file name). */
char     *tg_venue_escape_text    (const char  *text);
/* A message from another parser that quotes the file (GMarkup's): each “quoted” part cut like
 * tg_venue_excerpt(), control characters escaped, and the whole kept to a few hundred bytes. */
char     *tg_venue_clean_message  (const char  *message);

G_END_DECLS
