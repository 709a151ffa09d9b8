/* tg-venue.h: a venue — grades, sections, rows and seats — and its SVG seat-map format.
 *
 * The on-disk format (docs/seatmap-format.md) is an SVG file that librsvg renders as the map; every
 * seat is an element carrying its identity, grade and position. Loading is a streaming GMarkup parse.
 * Seats are numbered 0..n_seats-1 in file order, grouped by section and then by row, so the seats of
 * one row are contiguous and ordered by number (this is what tg_venue_seat_neighbor() relies on).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TG_VENUE_ERROR (tg_venue_error_quark ())

typedef enum
{
  TG_VENUE_ERROR_PARSE,        /* not well-formed XML */
  TG_VENUE_ERROR_INVALID,      /* well-formed, but not a valid TickGet seat map */
  TG_VENUE_ERROR_UNKNOWN_PRESET,
  TG_VENUE_ERROR_IO,
} TgVenueError;

GQuark tg_venue_error_quark (void);

#define TG_VENUE_NO_SEAT G_MAXUINT32
#define TG_VENUE_MAX_GRADES 16

/* Limits every venue keeps, whoever made it (docs/seatmap-format.md, "Limits"). Map units are
 * about 5 cm; the largest preset is 2,600 × 1,920. */
#define TG_VENUE_MIN_SIZE        1.0          /* each side of the map, in map units … */
#define TG_VENUE_MAX_SIZE        20000.0      /* … up to 1 km */
/* Seats lie on the map; the stage, section boxes and labels within this many units of 0 0. */
#define TG_VENUE_MAX_COORDINATE  1000000.0
/* Bytes of a seat-map file; the large preset is 2 MB. */
#define TG_VENUE_MAX_FILE_SIZE   (64 * 1024 * 1024)
/* Texts, in characters (Unicode code points: "1층 A구역" is 6 characters, 12 bytes). A character
 * takes at most 4 bytes in UTF-8, so these bound the bytes too. */
#define TG_VENUE_MAX_NAME_LENGTH     100      /* names: the venue's, a grade's, a section's */
#define TG_VENUE_MAX_ID_LENGTH       32       /* grade and section ids, row labels */
#define TG_VENUE_MAX_SEAT_ID_LENGTH  80       /* room for SECTION-ROW-NUMBER at the longest */

typedef enum
{
  TG_SEAT_FLAG_NONE            = 0,
  TG_SEAT_FLAG_ACCESSIBLE      = 1 << 0,
  TG_SEAT_FLAG_RESTRICTED_VIEW = 1 << 1,
  TG_SEAT_FLAG_STANDING        = 1 << 2,
} TgSeatFlags;

typedef struct
{
  const char *id;       /* "VIP", "R", "S", "A", "STANDING" … */
  const char *name;     /* label shown in the legend, e.g. "VIP석" */
  guint       price;    /* won */
  const char *color;    /* "#rrggbb", the 포도알 colour */
  guint       rank;     /* 0 = most premium */
} TgGrade;

typedef struct
{
  const char *id;       /* "A", "F1-3", … */
  const char *name;     /* "1층 A구역", shown in tooltips */
  guint       first_seat;
  guint       n_seats;
  gboolean    standing;
  double      x, y, width, height;   /* bounding box in map units */
} TgSection;

typedef struct
{
  const char *id;       /* unique in the venue, e.g. "A-12-7" */
  const char *row;      /* row label, e.g. "12" or "B" */
  guint16     number;   /* seat number within the row */
  guint16     section;  /* index into sections */
  guint8      grade;    /* index into grades */
  guint8      flags;    /* TgSeatFlags */
  float       x, y;     /* centre, in map units */
} TgSeat;

#define TG_TYPE_VENUE (tg_venue_get_type ())
G_DECLARE_FINAL_TYPE (TgVenue, tg_venue, TG, VENUE, GObject)

/* "small" (theatre with balcony, 1,231 seats), "medium" (hall, 4,256), "large" (arena, 16,424 in
 * 57 sections with standing zones). */
TgVenue         *tg_venue_new_preset        (const char   *name,
                                             GError      **error);
const char * const *tg_venue_list_presets   (void);
TgVenue         *tg_venue_load_data         (const char   *data,
                                             gsize         length,
                                             GError      **error);
TgVenue         *tg_venue_load_file         (const char   *path,
                                             GError      **error);
char            *tg_venue_to_svg            (TgVenue      *self,
                                             gsize        *length);
/* The drawing of the map without its seats — stage, section outlines and names — for views that
 * draw the seats themselves. Same size and coordinates as tg_venue_to_svg(); not a loadable map. */
char            *tg_venue_to_backdrop_svg   (TgVenue      *self,
                                             gsize        *length);
gboolean         tg_venue_save_file         (TgVenue      *self,
                                             const char   *path,
                                             GError      **error);

const char      *tg_venue_get_name          (TgVenue      *self);
void             tg_venue_get_size          (TgVenue      *self,
                                             double       *width,
                                             double       *height);
/* Stage rectangle in map units (seat preference: nearer is better). */
void             tg_venue_get_stage         (TgVenue      *self,
                                             double       *x,
                                             double       *y,
                                             double       *width,
                                             double       *height);
guint            tg_venue_get_n_grades      (TgVenue      *self);
const TgGrade   *tg_venue_get_grade         (TgVenue      *self,
                                             guint         index);
guint            tg_venue_get_n_sections    (TgVenue      *self);
const TgSection *tg_venue_get_section      (TgVenue      *self,
                                             guint         index);
/* Where the section's name is drawn on the map: the centre of the text in map units, and its
 * rotation in degrees, clockwise (labels of side blocks run along their rows). */
void             tg_venue_get_section_label (TgVenue    *self,
                                             guint       index,
                                             double     *x,
                                             double     *y,
                                             double     *angle);
guint            tg_venue_get_n_seats       (TgVenue      *self);
const TgSeat    *tg_venue_get_seat          (TgVenue      *self,
                                             guint         index);
const TgSeat    *tg_venue_get_seats         (TgVenue      *self);
/* Index of the seat with @id, or TG_VENUE_NO_SEAT. */
guint            tg_venue_find_seat         (TgVenue      *self,
                                             const char   *id);
/* The seat next to @index in the same row (@direction -1 or +1), or TG_VENUE_NO_SEAT. */
guint            tg_venue_seat_neighbor     (TgVenue      *self,
                                             guint         index,
                                             int           direction);
/* Seat count per grade index; @counts has tg_venue_get_n_grades() elements. */
void             tg_venue_count_by_grade    (TgVenue      *self,
                                             guint        *counts);

G_END_DECLS
