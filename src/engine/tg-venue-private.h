/* tg-venue-private.h: building a TgVenue piece by piece, and reading SVG as librsvg does.
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

/* SVG as librsvg reads it (tg-venue-svg.c) */

/* A number as librsvg reads it: an optional sign, digits with an optional fraction or a fraction
 * alone, an optional exponent, white space around; no hex, inf, nan, "5." or units, and nothing
 * beyond a double. Never -0. */
gboolean  tg_svg_parse_number     (const char  *text,
                                   double      *out);
/* Exactly @n numbers, separated by white space and/or commas. */
gboolean  tg_svg_parse_numbers    (const char  *text,
                                   double      *out,
                                   guint        n);
/* A positive number, or one in px. */
gboolean  tg_svg_parse_length     (const char  *text,
                                   double      *out);

/* Seats (and the stage) fainter than this are refused: librsvg draws a shape at opacity 0.003 as
 * nothing at all. */
#define TG_SVG_MIN_OPACITY 0.1

/* What an element's presentation attributes and style say about where it is drawn and whether it
 * is seen — or, for a <style> sheet, what its declarations could say about any element. The
 * strings are what messages quote ("display: none"). Where the attributes and the style set the
 * same property, the one that hides more counts: this errs towards refusing. */
typedef struct
{
  gboolean  transform;      /* a transform attribute */
  gboolean  imports;        /* an @import (or an escaped at-rule, which could be one) */
  char     *moves;          /* a CSS property that moves or resizes shapes */
  char     *hides;          /* display: none, a clip-path, mask or filter: hides it and all inside */
  char     *invisible;      /* visibility: hidden or collapse, which what is inside may undo */
  gboolean  visible;        /* visibility: visible, which undoes it */
  char     *faint;          /* an opacity or fill-opacity below TG_SVG_MIN_OPACITY */
  double    opacity;        /* the lowest opacity set; 1 if none */
  double    fill_opacity;   /* the lowest fill-opacity set; -1 if none */
} TgSvgPresentation;

#define TG_SVG_PRESENTATION_INIT { FALSE, FALSE, NULL, NULL, NULL, FALSE, NULL, 1, -1 }

void      tg_svg_presentation_read     (const char         **names,
                                        const char         **values,
                                        TgSvgPresentation   *p);
/* A style attribute's declarations, or a whole <style> sheet. */
void      tg_svg_presentation_read_css (const char          *css,
                                        TgSvgPresentation   *p);
void      tg_svg_presentation_clear    (TgSvgPresentation   *p);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TgSvgPresentation, tg_svg_presentation_clear)

typedef enum
{
  TG_SVG_OUTSIDE_NONE,
  TG_SVG_OUTSIDE_STYLESHEET,   /* an <?xml-stylesheet?> instruction */
  TG_SVG_OUTSIDE_DTD_SUBSET,   /* a DOCTYPE with an internal subset */
} TgSvgOutsideStyle;

/* Styles librsvg applies that GMarkup passes over; where one starts in @offset. */
TgSvgOutsideStyle tg_svg_find_outside_style (const char *data,
                                             gsize       length,
                                             gsize      *offset);

G_END_DECLS
