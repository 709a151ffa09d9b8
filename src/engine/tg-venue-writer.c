/* tg-venue-writer.c: writing a venue as a seat-map SVG (docs/seatmap-format.md), and the backdrop
 * the seat map widget renders once: the same drawing without the seats.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

/* Colours of the drawing itself; grades bring their own. */
#define COLOR_BACKGROUND "#f6f5f4"
#define COLOR_STAGE      "#3d3846"
#define COLOR_OUTLINE    "#c0bfbc"
#define COLOR_LABEL      "#5e5c64"
#define COLOR_ACCESSIBLE "#1c71d8"
#define COLOR_STANDING_FLOOR "#fbe3ec"
#define SEAT_RADIUS      4.5
#define SPOT_SIZE        6.0

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        default: g_string_append_c (out, *p);
        }
    }
}

static void
trim_zeros (char *buf)
{
  char *dot = strchr (buf, '.');
  char *end;

  if (dot == NULL || strchr (buf, 'e') != NULL)
    return;
  end = buf + strlen (buf) - 1;
  while (end > dot && *end == '0')
    *end-- = '\0';
  if (end == dot)
    *end = '\0';
}

/* Shortest of "%.2f" and full precision that reads back as exactly @value; @as_float compares
 * after rounding to float, as seat coordinates are stored. */
static void
append_number (GString  *out,
               double    value,
               gboolean  as_float)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double back;

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  back = g_ascii_strtod (buf, NULL);
  if (as_float ? (float) back != (float) value : back != value)
    g_ascii_dtostr (buf, sizeof buf, value);
  else
    trim_zeros (buf);
  if (g_str_equal (buf, "-0"))
    strcpy (buf, "0");
  g_string_append (out, buf);
}

static void
append_attr_number (GString    *out,
                    const char *name,
                    double      value,
                    gboolean    as_float)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_number (out, value, as_float);
  g_string_append_c (out, '"');
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

static void
append_text (GString    *out,
             double      x,
             double      y,
             double      size,
             double      angle,
             double      pivot_x,
             double      pivot_y,
             const char *fill,
             const char *weight,
             gboolean    halo,
             const char *text)
{
  g_string_append (out, "<text");
  append_attr_number (out, "x", x, FALSE);
  append_attr_number (out, "y", y, FALSE);
  append_attr_number (out, "font-size", size, FALSE);
  if (angle != 0)
    {
      g_string_append (out, " transform=\"rotate(");
      append_number (out, angle, FALSE);
      g_string_append_c (out, ' ');
      append_number (out, pivot_x, FALSE);
      g_string_append_c (out, ' ');
      append_number (out, pivot_y, FALSE);
      g_string_append (out, ")\"");
    }
  append_attr (out, "fill", fill);
  append_attr (out, "font-weight", weight);
  g_string_append (out, " font-family=\"sans-serif\" text-anchor=\"middle\"");
  if (halo)
    g_string_append (out, " stroke=\"" COLOR_BACKGROUND "\" stroke-width=\"3\" paint-order=\"stroke\"");
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append (out, "</text>\n");
}

/* A standing spot is a <rect> and the reader takes x + width / 2 as its centre: formats the
 * corner short when that still gives back the very same float, exactly otherwise. FALSE if even
 * the exact corner does not: a centre a hair off 0 (1e-20) is lost in the sum. */
static gboolean
format_spot_corner (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
                    float  centre)
{
  double corner = (double) centre - SPOT_SIZE / 2;

  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", corner);
  if ((float) (g_ascii_strtod (buf, NULL) + SPOT_SIZE / 2) == centre)
    {
      trim_zeros (buf);
      return TRUE;
    }
  g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, corner);
  return (float) (corner + SPOT_SIZE / 2) == centre;
}

static void
append_seat (GString       *out,
             TgVenue       *self,
             const TgSeat  *seat)
{
  const TgGrade *grade = &self->grades[seat->grade];
  char corner_x[G_ASCII_DTOSTR_BUF_SIZE], corner_y[G_ASCII_DTOSTR_BUF_SIZE];

  /* A spot whose corner cannot give its centre back is written as a circle, which the reader
   * takes for a spot all the same. */
  if ((seat->flags & TG_SEAT_FLAG_STANDING) &&
      format_spot_corner (corner_x, seat->x) && format_spot_corner (corner_y, seat->y))
    {
      g_string_append (out, "    <rect");
      append_attr (out, "id", seat->id);
      g_string_append_printf (out, " x=\"%s\" y=\"%s\"", corner_x, corner_y);
      append_attr_number (out, "width", SPOT_SIZE, FALSE);
      append_attr_number (out, "height", SPOT_SIZE, FALSE);
      g_string_append (out, " rx=\"1\"");
    }
  else
    {
      g_string_append (out, "    <circle");
      append_attr (out, "id", seat->id);
      append_attr_number (out, "cx", seat->x, TRUE);
      append_attr_number (out, "cy", seat->y, TRUE);
      append_attr_number (out, "r", SEAT_RADIUS, FALSE);
    }

  append_attr (out, "fill", grade->color);
  if (seat->flags & TG_SEAT_FLAG_RESTRICTED_VIEW)
    g_string_append (out, " fill-opacity=\"0.45\"");
  if (seat->flags & TG_SEAT_FLAG_ACCESSIBLE)
    g_string_append (out, " stroke=\"" COLOR_ACCESSIBLE "\" stroke-width=\"1.6\"");

  append_attr (out, "tg:row", seat->row);
  g_string_append_printf (out, " tg:number=\"%u\"", (guint) seat->number);
  append_attr (out, "tg:grade", grade->id);
  if (seat->flags != 0)
    {
      g_string_append (out, " tg:flags=\"");
      if (seat->flags & TG_SEAT_FLAG_ACCESSIBLE)
        g_string_append (out, "accessible ");
      if (seat->flags & TG_SEAT_FLAG_RESTRICTED_VIEW)
        g_string_append (out, "restricted-view ");
      if (seat->flags & TG_SEAT_FLAG_STANDING)
        g_string_append (out, "standing ");
      g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '"');
    }
  g_string_append (out, "/>\n");
}

/* The outline follows the first row forwards and the last row backwards; a wide round-joined
 * stroke pads it, so it hugs curved and fanned sections instead of boxing them. */
static void
append_outline_path (GString         *out,
                     TgVenue         *self,
                     const TgSection *section)
{
  const TgSeat *seats = (const TgSeat *) (gpointer) self->seats->data + section->first_seat;
  const char *first_row = seats[0].row;
  const char *last_row = seats[section->n_seats - 1].row;
  guint first_end = 0;
  guint last_start = section->n_seats - 1;

  while (first_end + 1 < section->n_seats && seats[first_end + 1].row == first_row)
    first_end++;
  while (last_start > 0 && seats[last_start - 1].row == last_row)
    last_start--;

  g_string_append (out, " d=\"M");
  for (guint i = 0; i <= first_end; i++)
    {
      g_string_append_c (out, ' ');
      append_number (out, seats[i].x, TRUE);
      g_string_append_c (out, ',');
      append_number (out, seats[i].y, TRUE);
    }
  for (guint i = section->n_seats; i-- > last_start;)
    {
      if (i <= first_end)
        break;
      g_string_append (out, " ");
      append_number (out, seats[i].x, TRUE);
      g_string_append_c (out, ',');
      append_number (out, seats[i].y, TRUE);
    }
  g_string_append (out, " Z\"");
}

static void
append_section (GString         *out,
                TgVenue         *self,
                guint            index,
                gboolean         with_seats)
{
  const TgSection *section = &g_array_index (self->sections, TgSection, index);
  const TgSeat *seats = (const TgSeat *) (gpointer) self->seats->data;
  const double *label = &g_array_index (self->labels, double, 3 * index);
  const double pad = section->standing ? SPOT_SIZE : SEAT_RADIUS + 4;
  const double label_size = 13;

  g_string_append (out, "  <g id=\"section-");
  append_escaped (out, section->id);
  g_string_append_c (out, '"');
  append_attr (out, "tg:section", section->id);
  append_attr (out, "tg:name", section->name);
  if (section->standing)
    g_string_append (out, " tg:standing=\"true\"");
  g_string_append (out, " tg:bbox=\"");
  append_number (out, section->x, FALSE);
  g_string_append_c (out, ' ');
  append_number (out, section->y, FALSE);
  g_string_append_c (out, ' ');
  append_number (out, section->width, FALSE);
  g_string_append_c (out, ' ');
  append_number (out, section->height, FALSE);
  g_string_append (out, "\" tg:label=\"");
  append_number (out, label[0], FALSE);
  g_string_append_c (out, ' ');
  append_number (out, label[1], FALSE);
  if (label[2] != 0)
    {
      g_string_append_c (out, ' ');
      append_number (out, label[2], FALSE);
    }
  g_string_append (out, "\">\n");

  g_string_append (out, "    <path");
  append_outline_path (out, self, section);
  g_string_append_printf (out, " fill=\"" COLOR_OUTLINE "\" stroke=\"" COLOR_OUTLINE "\""
                          " stroke-width=\"%d\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
                          (int) (2 * pad + 3));
  g_string_append (out, "    <path");
  append_outline_path (out, self, section);
  g_string_append_printf (out, " fill=\"%s\" stroke=\"%s\""
                          " stroke-width=\"%d\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n",
                          section->standing ? COLOR_STANDING_FLOOR : "#ffffff",
                          section->standing ? COLOR_STANDING_FLOOR : "#ffffff",
                          (int) (2 * pad));
  g_string_append (out, "    ");
  append_text (out, label[0], label[1] + label_size * 0.35, label_size, label[2], label[0], label[1],
               COLOR_LABEL, "bold", TRUE, section->name);

  for (guint i = 0; with_seats && i < section->n_seats; i++)
    append_seat (out, self, &seats[section->first_seat + i]);

  g_string_append (out, "  </g>\n");
}

static char *
write_svg (TgVenue  *self,
           gboolean  with_seats,
           gsize    *length)
{
  GString *out;

  out = g_string_sized_new (128 + self->seats->len * 180);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<svg xmlns=\"" TG_SVG_NS "\" xmlns:tg=\"" TG_SEATMAP_NS "\""
                        " tg:version=\"1.0\"");
  append_attr (out, "tg:name", self->name);
  append_attr_number (out, "width", self->width, FALSE);
  append_attr_number (out, "height", self->height, FALSE);
  g_string_append (out, " viewBox=\"0 0 ");
  append_number (out, self->width, FALSE);
  g_string_append_c (out, ' ');
  append_number (out, self->height, FALSE);
  g_string_append (out, "\">\n  <title>");
  append_escaped (out, self->name);
  g_string_append (out, "</title>\n  <metadata>\n");
  for (guint i = 0; i < self->n_grades; i++)
    {
      const TgGrade *grade = &self->grades[i];

      g_string_append (out, "    <tg:grade");
      append_attr (out, "id", grade->id);
      append_attr (out, "name", grade->name);
      g_string_append_printf (out, " price=\"%u\"", grade->price);
      append_attr (out, "color", grade->color);
      g_string_append_printf (out, " rank=\"%u\"/>\n", grade->rank);
    }
  g_string_append (out, "  </metadata>\n");

  g_string_append (out, "  <rect width=\"100%\" height=\"100%\" fill=\"" COLOR_BACKGROUND "\"/>\n");
  g_string_append (out, "  <rect tg:role=\"stage\"");
  append_attr_number (out, "x", self->stage[0], FALSE);
  append_attr_number (out, "y", self->stage[1], FALSE);
  append_attr_number (out, "width", self->stage[2], FALSE);
  append_attr_number (out, "height", self->stage[3], FALSE);
  g_string_append (out, " rx=\"8\" fill=\"" COLOR_STAGE "\"/>\n  ");
  append_text (out, self->stage[0] + self->stage[2] / 2,
               self->stage[1] + self->stage[3] / 2 + MIN (self->stage[3] / 3, 24) * 0.35,
               MIN (self->stage[3] / 3, 24), 0, 0, 0, "#ffffff", "bold", FALSE, "STAGE");

  for (guint i = 0; i < self->sections->len; i++)
    append_section (out, self, i, with_seats);

  g_string_append (out, "</svg>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

char *
tg_venue_to_svg (TgVenue *self,
                 gsize   *length)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);

  return write_svg (self, TRUE, length);
}

char *
tg_venue_to_backdrop_svg (TgVenue *self,
                          gsize   *length)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);

  return write_svg (self, FALSE, length);
}

gboolean
tg_venue_save_file (TgVenue     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *svg = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (TG_IS_VENUE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  svg = tg_venue_to_svg (self, &length);
  if (!g_file_set_contents (path, svg, (gssize) length, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                   _("Could not save the seat map “%s”: %s"), display, local->message);
      return FALSE;
    }
  return TRUE;
}
