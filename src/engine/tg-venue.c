/* tg-venue.c: venues and their SVG seat-map format (docs/seatmap-format.md). */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

#define FORMAT_VERSION 1
#define MAX_SEATS      200000
#define MAX_SECTIONS   1000

G_DEFINE_QUARK (tg-venue-error-quark, tg_venue_error)

struct _TgVenue
{
  GObject       parent_instance;

  char         *name;
  double        width, height;
  double        stage[4];
  gboolean      has_stage;
  double        seat_radius;
  GStringChunk *strings;
  GArray       *grades;     /* TgGrade */
  GArray       *sections;   /* TgSection */
  GArray       *seats;      /* TgSeat */
  GHashTable   *by_id;      /* seat id -> index + 1 */
  GHashTable   *section_ids;
  gboolean      in_section;
};

G_DEFINE_FINAL_TYPE (TgVenue, tg_venue, G_TYPE_OBJECT)

static void
tg_venue_finalize (GObject *object)
{
  TgVenue *self = TG_VENUE (object);

  g_free (self->name);
  g_string_chunk_free (self->strings);
  g_array_unref (self->grades);
  g_array_unref (self->sections);
  g_array_unref (self->seats);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->section_ids);

  G_OBJECT_CLASS (tg_venue_parent_class)->finalize (object);
}

static void
tg_venue_class_init (TgVenueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tg_venue_finalize;
}

static void
tg_venue_init (TgVenue *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->grades = g_array_new (FALSE, TRUE, sizeof (TgGrade));
  self->sections = g_array_new (FALSE, TRUE, sizeof (TgSection));
  self->seats = g_array_new (FALSE, TRUE, sizeof (TgSeat));
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->seat_radius = 4;
}

/* ---- builder ---- */

TgVenue *
tg_venue_builder_new (const char *name,
                      double      width,
                      double      height)
{
  TgVenue *self = g_object_new (TG_TYPE_VENUE, NULL);

  self->name = g_strdup (name != NULL ? name : "");
  self->width = width;
  self->height = height;
  return self;
}

void
tg_venue_builder_set_stage (TgVenue *self,
                            double   x,
                            double   y,
                            double   width,
                            double   height)
{
  self->stage[0] = x;
  self->stage[1] = y;
  self->stage[2] = width;
  self->stage[3] = height;
  self->has_stage = TRUE;
}

void
tg_venue_builder_set_seat_radius (TgVenue *self,
                                  double   radius)
{
  self->seat_radius = radius;
}

int
tg_venue_builder_add_grade (TgVenue    *self,
                            const char *id,
                            const char *name,
                            guint       price,
                            const char *color,
                            int         rank)
{
  TgGrade grade = { 0 };

  if (self->grades->len >= TG_VENUE_MAX_GRADES)
    return -1;
  for (guint i = 0; i < self->grades->len; i++)
    if (g_str_equal (g_array_index (self->grades, TgGrade, i).id, id))
      return -1;

  grade.id = g_string_chunk_insert_const (self->strings, id);
  grade.name = g_string_chunk_insert_const (self->strings, name);
  grade.price = price;
  grade.color = g_string_chunk_insert_const (self->strings, color);
  grade.rank = rank >= 0 ? (guint) rank : self->grades->len;
  g_array_append_val (self->grades, grade);
  return (int) self->grades->len - 1;
}

gboolean
tg_venue_builder_begin_section (TgVenue    *self,
                                const char *id,
                                const char *name,
                                gboolean    standing)
{
  TgSection section = { 0 };

  if (g_hash_table_contains (self->section_ids, id))
    return FALSE;
  section.id = g_string_chunk_insert_const (self->strings, id);
  section.name = g_string_chunk_insert_const (self->strings, name);
  section.standing = standing;
  section.first_seat = self->seats->len;
  section.width = -1;
  g_hash_table_add (self->section_ids, (gpointer) section.id);
  g_array_append_val (self->sections, section);
  self->in_section = TRUE;
  return TRUE;
}

void
tg_venue_builder_set_section_box (TgVenue *self,
                                  double   x,
                                  double   y,
                                  double   width,
                                  double   height)
{
  TgSection *section = &g_array_index (self->sections, TgSection, self->sections->len - 1);

  section->x = x;
  section->y = y;
  section->width = width;
  section->height = height;
}

gboolean
tg_venue_builder_add_seat (TgVenue    *self,
                           const char *id,
                           const char *row,
                           guint       number,
                           guint       grade,
                           guint       flags,
                           double      x,
                           double      y)
{
  TgSection *section = &g_array_index (self->sections, TgSection, self->sections->len - 1);
  TgSeat seat = { 0 };

  if (g_hash_table_contains (self->by_id, id))
    return FALSE;

  seat.id = g_string_chunk_insert (self->strings, id);
  seat.row = g_string_chunk_insert_const (self->strings, row);
  seat.number = (guint16) number;
  seat.section = (guint16) (self->sections->len - 1);
  seat.grade = (guint8) grade;
  seat.flags = (guint8) (flags | (section->standing ? TG_SEAT_FLAG_STANDING : 0));
  seat.x = (float) x;
  seat.y = (float) y;
  g_array_append_val (self->seats, seat);
  section->n_seats++;
  g_hash_table_insert (self->by_id, (gpointer) seat.id, GUINT_TO_POINTER (self->seats->len));
  return TRUE;
}

/* Fills in section boxes that the file left out, from their seats. */
void
tg_venue_builder_finish (TgVenue *self)
{
  double pad = self->seat_radius * 2;

  for (guint s = 0; s < self->sections->len; s++)
    {
      TgSection *section = &g_array_index (self->sections, TgSection, s);
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      if (section->width >= 0 || section->n_seats == 0)
        {
          section->width = MAX (section->width, 0);
          continue;
        }
      for (guint i = section->first_seat; i < section->first_seat + section->n_seats; i++)
        {
          const TgSeat *seat = &g_array_index (self->seats, TgSeat, i);
          x0 = MIN (x0, seat->x);
          y0 = MIN (y0, seat->y);
          x1 = MAX (x1, seat->x);
          y1 = MAX (y1, seat->y);
        }
      section->x = x0 - pad;
      section->y = y0 - pad;
      section->width = x1 - x0 + 2 * pad;
      section->height = y1 - y0 + 2 * pad;
    }
  if (!self->has_stage)
    tg_venue_builder_set_stage (self, self->width * 0.35, 0, self->width * 0.3, self->height * 0.06);
  self->in_section = FALSE;
}

/* ---- loading ---- */

typedef struct
{
  TgVenue    *venue;
  gboolean    seen_root;
  int         metadata_depth;     /* > 0 while inside <metadata> */
  int         section_depth;      /* depth of the open section <g>, 0 if none */
  int         depth;
} ParseData;

static const char *
find_attr (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
has_class (const char *classes,
           const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (classes == NULL)
    return FALSE;
  parts = g_strsplit_set (classes, " \t\n", -1);
  return g_strv_contains ((const char * const *) parts, name);
}

static void G_GNUC_PRINTF (3, 4)
set_error (GMarkupParseContext  *context,
           GError              **error,
           const char           *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line = 0, column = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_markup_parse_context_get_position (context, &line, &column);
  /* Translators: where a seat-map file is broken; the last %s says what is wrong. */
  g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID, _("line %d, column %d: %s"), line, column, message);
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  /* Allow a unit-less number with optional trailing "px". */
  if (end == text || errno != 0 || !isfinite (v) || (*end != '\0' && !g_str_equal (end, "px")))
    return FALSE;
  if (fabs (v) > 1e7)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_uint (const char *text,
            guint       max,
            guint      *out)
{
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static gboolean
is_color (const char *text)
{
  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static guint
parse_flags (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint flags = 0;

  if (text == NULL)
    return 0;
  parts = g_strsplit_set (text, " \t\n,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], "accessible"))
        flags |= TG_SEAT_FLAG_ACCESSIBLE;
      else if (g_str_equal (parts[i], "restricted-view"))
        flags |= TG_SEAT_FLAG_RESTRICTED_VIEW;
      else if (g_str_equal (parts[i], "standing"))
        flags |= TG_SEAT_FLAG_STANDING;
      else if (*parts[i] != '\0')
        return G_MAXUINT;
    }
  return flags;
}

static int
find_grade (TgVenue    *self,
            const char *id)
{
  for (guint i = 0; i < self->grades->len; i++)
    if (g_str_equal (g_array_index (self->grades, TgGrade, i).id, id))
      return (int) i;
  return -1;
}

static void
parse_root (GMarkupParseContext  *context,
            ParseData            *data,
            const char          **names,
            const char          **values,
            GError              **error)
{
  const char *version = find_attr (names, values, "tg:version");
  const char *width = find_attr (names, values, "width");
  const char *height = find_attr (names, values, "height");
  const char *name = find_attr (names, values, "tg:name");
  double w, h;
  guint v = FORMAT_VERSION;

  if (version != NULL && (!parse_uint (version, 1000, &v) || v == 0))
    {
      set_error (context, error, _("tg:version “%s” is not a format version"), version);
      return;
    }
  if (v > FORMAT_VERSION)
    {
      set_error (context, error, _("this seat map uses format version %u; this TickGet reads version %u"),
                 v, FORMAT_VERSION);
      return;
    }
  if (!parse_double (width, &w) || !parse_double (height, &h) || w <= 0 || h <= 0)
    {
      set_error (context, error, _("the <svg> element needs a positive width and height"));
      return;
    }
  data->venue = tg_venue_builder_new (name, w, h);
  data->seen_root = TRUE;
}

static void
parse_grade (GMarkupParseContext  *context,
             ParseData            *data,
             const char          **names,
             const char          **values,
             GError              **error)
{
  const char *id = find_attr (names, values, "id");
  const char *name = find_attr (names, values, "name");
  const char *price = find_attr (names, values, "price");
  const char *color = find_attr (names, values, "color");
  const char *rank = find_attr (names, values, "rank");
  guint p, r = 0;

  if (id == NULL || *id == '\0')
    return set_error (context, error, _("a grade needs an id"));
  if (!parse_uint (price, 100000000, &p))
    return set_error (context, error, _("grade “%s” needs a price in won (a whole number)"), id);
  if (!is_color (color))
    return set_error (context, error, _("grade “%s” needs a colour like #7b3fe4"), id);
  if (rank != NULL && !parse_uint (rank, 1000, &r))
    return set_error (context, error, _("grade “%s” has a rank that is not a whole number"), id);
  if (data->venue->grades->len >= TG_VENUE_MAX_GRADES)
    return set_error (context, error, _("a seat map may define at most %d grades"), TG_VENUE_MAX_GRADES);
  if (tg_venue_builder_add_grade (data->venue, id, name != NULL ? name : id, p, color,
                                  rank != NULL ? (int) r : -1) < 0)
    return set_error (context, error, _("grade “%s” is defined twice"), id);
}

static void
parse_section (GMarkupParseContext  *context,
               ParseData            *data,
               const char          **names,
               const char          **values,
               GError              **error)
{
  const char *id = find_attr (names, values, "tg:id");
  const char *name = find_attr (names, values, "tg:name");
  const char *standing = find_attr (names, values, "tg:standing");
  const char *box[4] = {
    find_attr (names, values, "tg:x"), find_attr (names, values, "tg:y"),
    find_attr (names, values, "tg:width"), find_attr (names, values, "tg:height"),
  };
  double b[4];

  if (id == NULL)
    id = find_attr (names, values, "id");
  if (id == NULL || *id == '\0')
    return set_error (context, error, _("a section needs a tg:id"));
  if (data->section_depth > 0)
    return set_error (context, error, _("section “%s” is inside another section"), id);
  if (data->venue->sections->len >= MAX_SECTIONS)
    return set_error (context, error, _("a seat map may have at most %d sections"), MAX_SECTIONS);
  if (standing != NULL && !g_str_equal (standing, "true") && !g_str_equal (standing, "false"))
    return set_error (context, error, _("tg:standing of section “%s” must be true or false"), id);
  if (!tg_venue_builder_begin_section (data->venue, id, name != NULL ? name : id,
                                       g_strcmp0 (standing, "true") == 0))
    return set_error (context, error, _("section “%s” is defined twice"), id);
  if (box[0] != NULL || box[1] != NULL || box[2] != NULL || box[3] != NULL)
    {
      for (guint i = 0; i < 4; i++)
        if (!parse_double (box[i], &b[i]))
          return set_error (context, error, _("section “%s” has an incomplete or bad box (tg:x, tg:y, tg:width, tg:height)"), id);
      tg_venue_builder_set_section_box (data->venue, b[0], b[1], b[2], b[3]);
    }
  data->section_depth = data->depth;
}

static void
parse_seat (GMarkupParseContext  *context,
            ParseData            *data,
            const char           *element,
            const char          **names,
            const char          **values,
            GError              **error)
{
  const char *id = find_attr (names, values, "id");
  const char *row = find_attr (names, values, "tg:row");
  const char *number = find_attr (names, values, "tg:number");
  const char *grade = find_attr (names, values, "tg:grade");
  const char *flags_text = find_attr (names, values, "tg:flags");
  guint n, flags;
  int g;
  double x, y;

  if (id == NULL || *id == '\0')
    return set_error (context, error, _("a seat needs an id"));
  if (data->section_depth == 0)
    return set_error (context, error, _("seat “%s” is not inside a section"), id);
  if (row == NULL || *row == '\0')
    return set_error (context, error, _("seat “%s” needs a tg:row"), id);
  if (!parse_uint (number, 65535, &n) || n == 0)
    return set_error (context, error, _("seat “%s” needs a tg:number between 1 and 65535"), id);
  if (grade == NULL)
    return set_error (context, error, _("seat “%s” needs a tg:grade"), id);
  if ((g = find_grade (data->venue, grade)) < 0)
    return set_error (context, error, _("seat “%s” has unknown grade “%s”"), id, grade);
  if ((flags = parse_flags (flags_text)) == G_MAXUINT)
    return set_error (context, error, _("seat “%s” has unknown flags “%s”"), id, flags_text);

  if (g_str_equal (element, "circle"))
    {
      if (!parse_double (find_attr (names, values, "cx"), &x) || !parse_double (find_attr (names, values, "cy"), &y))
        return set_error (context, error, _("seat “%s” needs numeric cx and cy"), id);
    }
  else
    {
      double w, h;
      if (!parse_double (find_attr (names, values, "x"), &x) || !parse_double (find_attr (names, values, "y"), &y) ||
          !parse_double (find_attr (names, values, "width"), &w) || !parse_double (find_attr (names, values, "height"), &h))
        return set_error (context, error, _("seat “%s” needs numeric x, y, width and height"), id);
      x += w / 2;
      y += h / 2;
    }

  if (data->venue->seats->len >= MAX_SEATS)
    return set_error (context, error, _("a seat map may have at most %d seats"), MAX_SEATS);
  if (!tg_venue_builder_add_seat (data->venue, id, row, n, (guint) g, flags, x, y))
    return set_error (context, error, _("seat id “%s” is used twice"), id);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseData *data = user_data;
  const char *cls;

  data->depth++;

  if (!data->seen_root)
    {
      if (!g_str_equal (element, "svg"))
        return set_error (context, error, _("the file is not an SVG seat map (root element <%s>)"), element);
      return parse_root (context, data, names, values, error);
    }

  if (g_str_equal (element, "metadata"))
    {
      if (data->metadata_depth == 0)
        data->metadata_depth = data->depth;
      return;
    }
  if (data->metadata_depth > 0)
    {
      if (g_str_equal (element, "tg:grade"))
        parse_grade (context, data, names, values, error);
      return;
    }

  cls = find_attr (names, values, "class");
  if (g_str_equal (element, "g") && has_class (cls, "section"))
    parse_section (context, data, names, values, error);
  else if ((g_str_equal (element, "circle") || g_str_equal (element, "rect")) && has_class (cls, "seat"))
    parse_seat (context, data, element, names, values, error);
  else if (g_str_equal (element, "rect") && has_class (cls, "stage"))
    {
      double b[4];
      if (!parse_double (find_attr (names, values, "x"), &b[0]) || !parse_double (find_attr (names, values, "y"), &b[1]) ||
          !parse_double (find_attr (names, values, "width"), &b[2]) || !parse_double (find_attr (names, values, "height"), &b[3]))
        return set_error (context, error, _("the stage needs numeric x, y, width and height"));
      tg_venue_builder_set_stage (data->venue, b[0], b[1], b[2], b[3]);
    }
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ParseData *data = user_data;

  if (data->depth == data->metadata_depth)
    data->metadata_depth = 0;
  if (data->depth == data->section_depth)
    data->section_depth = 0;
  data->depth--;
}

static const GMarkupParser parser = {
  .start_element = on_start_element,
  .end_element = on_end_element,
};

TgVenue *
tg_venue_load_data (const char  *text,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  ParseData data = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &data, NULL);
  if (!g_markup_parse_context_parse (context, text, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain == G_MARKUP_ERROR)
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE,
                     _("The seat map is not well-formed XML: %s"), local_error->message);
      else
        g_set_error (error, TG_VENUE_ERROR, local_error->code, _("The seat map is not valid: %s"),
                     local_error->message);
      g_clear_object (&data.venue);
      return NULL;
    }

  if (data.venue == NULL)
    {
      g_set_error_literal (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE, _("The seat map file is empty"));
      return NULL;
    }
  if (data.venue->grades->len == 0)
    {
      g_set_error_literal (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                           _("The seat map is not valid: it defines no grades (<tg:grade> in <metadata>)"));
      g_clear_object (&data.venue);
      return NULL;
    }
  if (data.venue->seats->len == 0)
    {
      g_set_error_literal (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                           _("The seat map is not valid: it has no seats (elements with class=\"seat\")"));
      g_clear_object (&data.venue);
      return NULL;
    }
  tg_venue_builder_finish (data.venue);
  return data.venue;
}

TgVenue *
tg_venue_load_file (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  TgVenue *venue;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO, _("Could not read the seat map: %s"),
                   local_error->message);
      return NULL;
    }
  venue = tg_venue_load_data (contents, length, &local_error);
  if (venue == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, local_error->code, "%s: %s", display, local_error->message);
      return NULL;
    }
  return venue;
}

/* ---- saving ---- */

static void
append_escaped (GString    *out,
                const char *attr,
                const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", attr, escaped);
}

static void
append_number (GString    *out,
               const char *attr,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  g_string_append_printf (out, " %s=\"%s\"", attr, buf);
}

char *
tg_venue_to_svg (TgVenue *self,
                 gsize   *length)
{
  GString *out;

  g_return_val_if_fail (TG_IS_VENUE (self), NULL);

  out = g_string_sized_new (128 + self->seats->len * 120);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\"");
  g_string_append_printf (out, " tg:version=\"%d\"", FORMAT_VERSION);
  append_escaped (out, "tg:name", self->name);
  append_number (out, "width", self->width);
  append_number (out, "height", self->height);
  g_string_append_printf (out, " viewBox=\"0 0 %d %d\">\n", (int) ceil (self->width), (int) ceil (self->height));

  g_string_append (out, "  <metadata>\n");
  for (guint i = 0; i < self->grades->len; i++)
    {
      const TgGrade *g = &g_array_index (self->grades, TgGrade, i);
      g_string_append (out, "    <tg:grade");
      append_escaped (out, "id", g->id);
      append_escaped (out, "name", g->name);
      g_string_append_printf (out, " price=\"%u\" color=\"%s\" rank=\"%u\"/>\n", g->price, g->color, g->rank);
    }
  g_string_append (out, "  </metadata>\n");

  g_string_append (out, "  <rect class=\"floor\" x=\"0\" y=\"0\"");
  append_number (out, "width", self->width);
  append_number (out, "height", self->height);
  g_string_append (out, " fill=\"#f6f5f4\"/>\n");
  g_string_append (out, "  <rect class=\"stage\"");
  append_number (out, "x", self->stage[0]);
  append_number (out, "y", self->stage[1]);
  append_number (out, "width", self->stage[2]);
  append_number (out, "height", self->stage[3]);
  g_string_append (out, " rx=\"6\" fill=\"#3d3846\"/>\n  <text class=\"stage-label\"");
  append_number (out, "x", self->stage[0] + self->stage[2] / 2);
  append_number (out, "y", self->stage[1] + self->stage[3] / 2 + 8);
  g_string_append (out, " text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"24\" font-weight=\"bold\" fill=\"#ffffff\">STAGE</text>\n");

  for (guint s = 0; s < self->sections->len; s++)
    {
      const TgSection *section = &g_array_index (self->sections, TgSection, s);

      g_string_append (out, "  <g class=\"section\"");
      append_escaped (out, "tg:id", section->id);
      append_escaped (out, "tg:name", section->name);
      if (section->standing)
        g_string_append (out, " tg:standing=\"true\"");
      append_number (out, "tg:x", section->x);
      append_number (out, "tg:y", section->y);
      append_number (out, "tg:width", section->width);
      append_number (out, "tg:height", section->height);
      g_string_append (out, ">\n    <rect class=\"section-outline\"");
      append_number (out, "x", section->x);
      append_number (out, "y", section->y);
      append_number (out, "width", section->width);
      append_number (out, "height", section->height);
      g_string_append (out, " rx=\"4\" fill=\"#ffffff\" stroke=\"#c0bfbc\" stroke-width=\"1\"/>\n");
      g_string_append (out, "    <text class=\"section-label\"");
      append_number (out, "x", section->x + section->width / 2);
      append_number (out, "y", section->y - 3);
      g_string_append (out, " text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#5e5c64\">");
      {
        g_autofree char *label = g_markup_escape_text (section->id, -1);
        g_string_append (out, label);
      }
      g_string_append (out, "</text>\n");

      for (guint i = section->first_seat; i < section->first_seat + section->n_seats; i++)
        {
          const TgSeat *seat = &g_array_index (self->seats, TgSeat, i);
          const TgGrade *grade = &g_array_index (self->grades, TgGrade, seat->grade);
          guint own_flags = seat->flags & ~(section->standing ? TG_SEAT_FLAG_STANDING : 0);

          g_string_append (out, "    <circle class=\"seat\"");
          append_escaped (out, "id", seat->id);
          append_escaped (out, "tg:row", seat->row);
          g_string_append_printf (out, " tg:number=\"%u\"", seat->number);
          append_escaped (out, "tg:grade", grade->id);
          if (own_flags != 0)
            g_string_append_printf (out, " tg:flags=\"%s%s%s\"",
                                    own_flags & TG_SEAT_FLAG_ACCESSIBLE ? "accessible " : "",
                                    own_flags & TG_SEAT_FLAG_RESTRICTED_VIEW ? "restricted-view " : "",
                                    own_flags & TG_SEAT_FLAG_STANDING ? "standing" : "");
          append_number (out, "cx", seat->x);
          append_number (out, "cy", seat->y);
          append_number (out, "r", self->seat_radius);
          g_string_append_printf (out, " fill=\"%s\"/>\n", grade->color);
        }
      g_string_append (out, "  </g>\n");
    }
  g_string_append (out, "</svg>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
tg_venue_save_file (TgVenue     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *svg = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (TG_IS_VENUE (self), FALSE);

  svg = tg_venue_to_svg (self, &length);
  if (!g_file_set_contents (path, svg, length, &local_error))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO, _("Could not save the seat map: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- accessors ---- */

const char *
tg_venue_get_name (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  return self->name;
}

void
tg_venue_get_size (TgVenue *self,
                   double  *width,
                   double  *height)
{
  g_return_if_fail (TG_IS_VENUE (self));
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

void
tg_venue_get_stage (TgVenue *self,
                    double  *x,
                    double  *y,
                    double  *width,
                    double  *height)
{
  g_return_if_fail (TG_IS_VENUE (self));
  if (x != NULL)
    *x = self->stage[0];
  if (y != NULL)
    *y = self->stage[1];
  if (width != NULL)
    *width = self->stage[2];
  if (height != NULL)
    *height = self->stage[3];
}

double
tg_venue_get_seat_radius (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), 0);
  return self->seat_radius;
}

guint
tg_venue_get_n_grades (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), 0);
  return self->grades->len;
}

const TgGrade *
tg_venue_get_grade (TgVenue *self,
                    guint    index)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  g_return_val_if_fail (index < self->grades->len, NULL);
  return &g_array_index (self->grades, TgGrade, index);
}

guint
tg_venue_get_n_sections (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), 0);
  return self->sections->len;
}

const TgSection *
tg_venue_get_section (TgVenue *self,
                      guint    index)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return &g_array_index (self->sections, TgSection, index);
}

guint
tg_venue_get_n_seats (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), 0);
  return self->seats->len;
}

const TgSeat *
tg_venue_get_seat (TgVenue *self,
                   guint    index)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  g_return_val_if_fail (index < self->seats->len, NULL);
  return &g_array_index (self->seats, TgSeat, index);
}

const TgSeat *
tg_venue_get_seats (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  return (const TgSeat *) self->seats->data;
}

guint
tg_venue_find_seat (TgVenue    *self,
                    const char *id)
{
  gpointer value;

  g_return_val_if_fail (TG_IS_VENUE (self), TG_VENUE_NO_SEAT);
  if (id == NULL || (value = g_hash_table_lookup (self->by_id, id)) == NULL)
    return TG_VENUE_NO_SEAT;
  return GPOINTER_TO_UINT (value) - 1;
}

guint
tg_venue_seat_neighbor (TgVenue *self,
                        guint    index,
                        int      direction)
{
  const TgSeat *seat, *other;
  guint next;

  g_return_val_if_fail (TG_IS_VENUE (self), TG_VENUE_NO_SEAT);
  if (index >= self->seats->len || (direction != 1 && direction != -1))
    return TG_VENUE_NO_SEAT;
  if ((direction < 0 && index == 0) || (direction > 0 && index + 1 >= self->seats->len))
    return TG_VENUE_NO_SEAT;

  next = direction > 0 ? index + 1 : index - 1;
  seat = &g_array_index (self->seats, TgSeat, index);
  other = &g_array_index (self->seats, TgSeat, next);
  /* Rows are interned strings: the same row compares equal by pointer. */
  if (other->section != seat->section || other->row != seat->row ||
      ABS ((int) other->number - (int) seat->number) != 1)
    return TG_VENUE_NO_SEAT;
  return next;
}

void
tg_venue_count_by_grade (TgVenue *self,
                         guint   *counts)
{
  g_return_if_fail (TG_IS_VENUE (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * self->grades->len);
  for (guint i = 0; i < self->seats->len; i++)
    counts[g_array_index (self->seats, TgSeat, i).grade]++;
}
