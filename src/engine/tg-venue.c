/* tg-venue.c: the venue model and its builder (the SVG reader is tg-venue-reader.c, the writer
 * tg-venue-writer.c).
 *
 * A venue is immutable once built. All of its strings live in one GStringChunk (row labels are
 * interned, so "same row" is a pointer comparison) and its seats in one flat array: the 16,424 seats
 * of the arena take about half a megabyte.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

G_DEFINE_QUARK (tg-venue-error-quark, tg_venue_error)


enum {
  PROP_0,
  PROP_NAME,
  PROP_N_SEATS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TgVenue, tg_venue, G_TYPE_OBJECT)

static void
tg_venue_finalize (GObject *object)
{
  TgVenue *self = TG_VENUE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->seats, g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->seat_index, g_hash_table_unref);
  g_clear_pointer (&self->section_ids, g_hash_table_unref);
  g_clear_pointer (&self->rows_seen, g_hash_table_unref);

  G_OBJECT_CLASS (tg_venue_parent_class)->finalize (object);
}

static void
tg_venue_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TgVenue *self = TG_VENUE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_N_SEATS:
      g_value_set_uint (value, self->seats->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_venue_class_init (TgVenueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tg_venue_finalize;
  object_class->get_property = tg_venue_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SEATS] =
    g_param_spec_uint ("n-seats", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tg_venue_init (TgVenue *self)
{
  self->strings = g_string_chunk_new (16 * 1024);
  self->sections = g_array_new (FALSE, FALSE, sizeof (TgSection));
  self->seats = g_array_new (FALSE, FALSE, sizeof (TgSeat));
  self->labels = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  self->seat_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->rows_seen = g_hash_table_new (NULL, NULL);
}

/* Texts from a map, and messages that quote them */

gboolean
tg_venue_text_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* How much of a value from the file an error message quotes. A message names up to three such
 * values and must stay one short line however long they are. */
#define EXCERPT_MAX_CHARS  40
#define EXCERPT_MAX_BYTES  48
/* The whole of a cleaned message from another parser. */
#define MESSAGE_MAX_BYTES  200

/* How the character at @p is shown in a message, written to @buf; returns its length in bytes and
 * sets @next past it. Line breaks, control and invisible formatting characters (zero-width
 * spaces, direction overrides) are escaped; a byte that is not UTF-8 shows as U+FFFD. */
static gsize
show_char (const char  *p,
           const char **next,
           char         buf[16])
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return g_unichar_to_utf8 (0xFFFD, buf);
    }
  *next = g_utf8_next_char (p);

  switch (c)
    {
    case '\n':
      return (gsize) g_snprintf (buf, 16, "\\n");
    case '\r':
      return (gsize) g_snprintf (buf, 16, "\\r");
    case '\t':
      return (gsize) g_snprintf (buf, 16, "\\t");
    default:
      break;
    }

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      if (c < 0x80)
        return (gsize) g_snprintf (buf, 16, "\\x%02X", (guint) c);
      return (gsize) g_snprintf (buf, 16, "\\u%04X", (guint) c);
    default:
      return (gsize) g_unichar_to_utf8 (c, buf);
    }
}

static char *
escape_text (const char *text,
             guint       max_chars,
             gsize       max_bytes)
{
  GString *out = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0';)
    {
      char buf[16];
      const char *next;
      gsize len = show_char (p, &next, buf);

      if (n_chars == max_chars || out->len + len > max_bytes)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_len (out, buf, (gssize) len);
      n_chars++;
      p = next;
    }
  return g_string_free (out, FALSE);
}

char *
tg_venue_excerpt (const char *text)
{
  return escape_text (text, EXCERPT_MAX_CHARS, EXCERPT_MAX_BYTES);
}

char *
tg_venue_escape_text (const char *text)
{
  return escape_text (text, G_MAXUINT, G_MAXSIZE);
}

char *
tg_venue_clean_message (const char *message)
{
  static const char open_quote[] = "“", close_quote[] = "”";
  GString *out = g_string_new (NULL);
  gboolean quoted = FALSE;
  guint quote_chars = 0;
  gsize quote_bytes = 0;

  for (const char *p = message != NULL ? message : ""; *p != '\0';)
    {
      char buf[16];
      const char *next;
      gsize len = show_char (p, &next, buf);

      if (quoted && g_str_has_prefix (p, close_quote))
        quoted = FALSE;
      else if (quoted)
        {
          if (quote_chars == EXCERPT_MAX_CHARS || quote_bytes + len > EXCERPT_MAX_BYTES)
            {
              /* Cut the quote short and go on after it. */
              const char *end = strstr (p, close_quote);

              g_string_append (out, "…");
              if (end == NULL)
                break;
              p = end;
              continue;
            }
          quote_chars++;
          quote_bytes += len;
        }
      else if (g_str_has_prefix (p, open_quote))
        {
          quoted = TRUE;
          quote_chars = 0;
          quote_bytes = 0;
        }

      if (out->len + len > MESSAGE_MAX_BYTES)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_len (out, buf, (gssize) len);
      p = next;
    }
  return g_string_free (out, FALSE);
}

typedef enum
{
  TEXT_OK,
  TEXT_BLANK,        /* empty or only white space */
  TEXT_TOO_LONG,
  TEXT_NOT_UTF8,
  TEXT_CONTROL,      /* a control character, a line break, a text-direction control */
  TEXT_SPACE,        /* white space in an id */
  TEXT_INVISIBLE,    /* an invisible formatting character in an id */
} TextCheck;

/* Whether a name, a row label (@is_id FALSE) or an id (TRUE) is fit to show: valid UTF-8, at most
 * @max_chars characters, no control characters, line or paragraph separators, nor the direction
 * controls that would turn the text after it around ("%s, row %s" in a tooltip); an id has no
 * white space and no invisible characters either, which would tell apart ids that look the same.
 * One pass over at most @max_chars characters (4 × @max_chars bytes), however long the text; the
 * character at fault in @bad. */
static TextCheck
check_text (const char *text,
            guint       max_chars,
            gboolean    is_id,
            gunichar   *bad)
{
  const guchar *p = (const guchar *) text;
  gboolean blank = TRUE;

  if (text == NULL)
    return TEXT_BLANK;
  for (guint n = 0; *p != '\0'; n++)
    {
      gunichar c;

      if (n == max_chars)
        return TEXT_TOO_LONG;
      if (*p < 0x80)
        {
          c = *p++;
          *bad = c;
          if (is_id && g_ascii_isspace (c))
            return TEXT_SPACE;
          if (c < 0x20 || c == 0x7F)
            return TEXT_CONTROL;
          blank = blank && c == ' ';
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return TEXT_NOT_UTF8;
      p = (const guchar *) g_utf8_next_char (p);
      *bad = c;
      if (c <= 0x9F || c == 0x2028 || c == 0x2029 ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return TEXT_CONTROL;
      if (g_unichar_isspace (c))
        {
          if (is_id)
            return TEXT_SPACE;
          continue;
        }
      if (is_id && g_unichar_type (c) == G_UNICODE_FORMAT)
        return TEXT_INVISIBLE;
      blank = FALSE;
    }
  return blank ? TEXT_BLANK : TEXT_OK;
}

/* Characters in @text, for a message; invalid bytes count one each. */
static gulong
count_chars (const char *text)
{
  gulong n = 0;

  for (const char *p = text; *p != '\0'; n++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      p = c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);
    }
  return n;
}

/* Says what is wrong with @text, which @what ("seat id “A-1-1”") names: @check from check_text(),
 * neither TEXT_OK nor TEXT_BLANK nor TEXT_SPACE, which check_field() words itself. */
static void
set_text_error (GError     **error,
                TextCheck    check,
                const char  *what,
                const char  *text,
                guint        max_chars,
                gunichar     bad)
{
  char buf[16];
  char utf8[8] = { 0 };
  const char *next;

  switch (check)
    {
    case TEXT_TOO_LONG:
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("%s is %lu characters long, where the limit is %u"),
                   what, count_chars (text), max_chars);
      break;
    case TEXT_NOT_UTF8:
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("%s is not valid UTF-8"), what);
      break;
    case TEXT_CONTROL:
    case TEXT_INVISIBLE:
      g_unichar_to_utf8 (bad, utf8);
      buf[show_char (utf8, &next, buf)] = '\0';
      if (check == TEXT_CONTROL)
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                     _("%s holds the control character %s"), what, buf);
      else
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                     _("%s holds the invisible character %s, which ids may not"), what, buf);
      break;
    case TEXT_OK:
    case TEXT_BLANK:
    case TEXT_SPACE:
    default:
      g_assert_not_reached ();
    }
}

gboolean
tg_venue_is_valid_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/* Whether the box, far edges included, lies within TG_VENUE_MAX_COORDINATE of 0 0; NaN does not. */
static gboolean
box_in_range (double x,
              double y,
              double width,
              double height)
{
  return fabs (x) <= TG_VENUE_MAX_COORDINATE && fabs (y) <= TG_VENUE_MAX_COORDINATE &&
         fabs (x + width) <= TG_VENUE_MAX_COORDINATE && fabs (y + height) <= TG_VENUE_MAX_COORDINATE;
}

/* The texts the builder keeps, each with its limit and its wording in messages. */
typedef enum
{
  FIELD_VENUE_NAME,
  FIELD_GRADE_ID,
  FIELD_GRADE_NAME,
  FIELD_SECTION_ID,
  FIELD_SECTION_NAME,
  FIELD_SEAT_ID,
  FIELD_ROW,
} Field;

/* Checks @text, the @field of @owner (the grade, section or seat id it belongs to; NULL for the
 * venue's name and for ids themselves). The messages are built only for an error: seats pass
 * through here by the ten thousand. */
static gboolean
check_field (Field        field,
             const char  *text,
             const char  *owner,
             GError     **error)
{
  gboolean is_id = field == FIELD_GRADE_ID || field == FIELD_SECTION_ID || field == FIELD_SEAT_ID;
  guint max_chars = field == FIELD_SEAT_ID ? TG_VENUE_MAX_SEAT_ID_LENGTH :
                    is_id || field == FIELD_ROW ? TG_VENUE_MAX_ID_LENGTH : TG_VENUE_MAX_NAME_LENGTH;
  g_autofree char *quoted = NULL;
  g_autofree char *quoted_owner = NULL;
  g_autofree char *what = NULL;
  gunichar bad = 0;
  TextCheck check = check_text (text, max_chars, is_id, &bad);

  if (check == TEXT_OK)
    return TRUE;

  quoted = tg_venue_excerpt (text != NULL ? text : "");
  quoted_owner = owner != NULL ? tg_venue_excerpt (owner) : NULL;
  if (check == TEXT_BLANK || check == TEXT_SPACE)
    {
      switch (field)
        {
        case FIELD_VENUE_NAME:
          g_set_error_literal (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID, _("the venue has no name"));
          break;
        case FIELD_GRADE_ID:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("grade id “%s” must be a non-empty word without spaces"), quoted);
          break;
        case FIELD_GRADE_NAME:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("grade “%s” has an empty name"), quoted_owner);
          break;
        case FIELD_SECTION_ID:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("section id “%s” must be a non-empty word without spaces"), quoted);
          break;
        case FIELD_SECTION_NAME:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("section “%s” has an empty name"), quoted_owner);
          break;
        case FIELD_SEAT_ID:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("seat id “%s” must be a non-empty word without spaces"), quoted);
          break;
        case FIELD_ROW:
        default:
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("seat “%s” has an empty row label"), quoted_owner);
          break;
        }
      return FALSE;
    }

  switch (field)
    {
    case FIELD_VENUE_NAME:
      what = g_strdup_printf (_("the venue name “%s”"), quoted);
      break;
    case FIELD_GRADE_ID:
      what = g_strdup_printf (_("grade id “%s”"), quoted);
      break;
    case FIELD_GRADE_NAME:
      what = g_strdup_printf (_("the name “%s” of grade “%s”"), quoted, quoted_owner);
      break;
    case FIELD_SECTION_ID:
      what = g_strdup_printf (_("section id “%s”"), quoted);
      break;
    case FIELD_SECTION_NAME:
      what = g_strdup_printf (_("the name “%s” of section “%s”"), quoted, quoted_owner);
      break;
    case FIELD_SEAT_ID:
      what = g_strdup_printf (_("seat id “%s”"), quoted);
      break;
    case FIELD_ROW:
    default:
      what = g_strdup_printf (_("the row label “%s” of seat “%s”"), quoted, quoted_owner);
      break;
    }
  set_text_error (error, check, what, text, max_chars, bad);
  return FALSE;
}

/* Builder */

TgVenue *
tg_venue_new_empty (const char  *name,
                    double       width,
                    double       height,
                    GError     **error)
{
  TgVenue *self;

  if (!check_field (FIELD_VENUE_NAME, name, NULL, error))
    return NULL;

  /* Views allocate by the map's area (the seat map keeps a hit-test cell per 16 × 16 units), so
   * the size is what bounds them. NaN fails every comparison. */
  if (!(width >= TG_VENUE_MIN_SIZE && width <= TG_VENUE_MAX_SIZE &&
        height >= TG_VENUE_MIN_SIZE && height <= TG_VENUE_MAX_SIZE))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the map is %g × %g map units, but each side must be from %g to %g"),
                   width, height, TG_VENUE_MIN_SIZE, TG_VENUE_MAX_SIZE);
      return NULL;
    }

  self = g_object_new (TG_TYPE_VENUE, NULL);
  self->name = g_strdup (name);
  self->width = width;
  self->height = height;
  return self;
}

gboolean
tg_venue_set_stage (TgVenue  *self,
                    double    x,
                    double    y,
                    double    width,
                    double    height,
                    GError  **error)
{
  if (self->has_stage)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the map has more than one stage"));
      return FALSE;
    }
  if (!(width > 0 && height > 0))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the stage must have a positive width and height"));
      return FALSE;
    }
  if (!box_in_range (x, y, width, height))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the stage (x %g, y %g, width %g, height %g) reaches beyond %.0f map units from 0 0"),
                   x, y, width, height, TG_VENUE_MAX_COORDINATE);
      return FALSE;
    }

  self->stage[0] = x;
  self->stage[1] = y;
  self->stage[2] = width;
  self->stage[3] = height;
  self->has_stage = TRUE;
  return TRUE;
}

static int
find_grade (TgVenue    *self,
            const char *id)
{
  for (guint i = 0; i < self->n_grades; i++)
    if (g_str_equal (self->grades[i].id, id))
      return (int) i;
  return -1;
}

gboolean
tg_venue_add_grade (TgVenue     *self,
                    const char  *id,
                    const char  *name,
                    guint        price,
                    const char  *color,
                    guint        rank,
                    GError     **error)
{
  TgGrade *grade;

  if (!check_field (FIELD_GRADE_ID, id, NULL, error))
    return FALSE;
  if (find_grade (self, id) >= 0)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade “%s” is defined twice"), quoted);
      return FALSE;
    }
  if (self->n_grades == TG_VENUE_MAX_GRADES)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("too many grades: a map may define at most %d"), TG_VENUE_MAX_GRADES);
      return FALSE;
    }
  if (!check_field (FIELD_GRADE_NAME, name, id, error))
    return FALSE;
  if (!tg_venue_is_valid_color (color))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_color = tg_venue_excerpt (color);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade “%s” has colour “%s”, expected the form #rrggbb"), quoted, quoted_color);
      return FALSE;
    }

  grade = &self->grades[self->n_grades++];
  grade->id = g_string_chunk_insert_const (self->strings, id);
  grade->name = g_string_chunk_insert_const (self->strings, name);
  grade->price = price;
  grade->color = g_string_chunk_insert_const (self->strings, color);
  grade->rank = rank;
  return TRUE;
}

gboolean
tg_venue_begin_section (TgVenue     *self,
                        const char  *id,
                        const char  *name,
                        gboolean     standing,
                        double       x,
                        double       y,
                        double       width,
                        double       height,
                        GError     **error)
{
  TgSection section = { 0 };

  g_return_val_if_fail (self->open_section == NULL, FALSE);

  if (!check_field (FIELD_SECTION_ID, id, NULL, error))
    return FALSE;
  if (g_hash_table_contains (self->section_ids, id))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” is defined twice"), quoted);
      return FALSE;
    }
  if (!check_field (FIELD_SECTION_NAME, name, id, error))
    return FALSE;
  if (!(width >= 0 && height >= 0))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has a negative bounding box size"), quoted);
      return FALSE;
    }
  if (!box_in_range (x, y, width, height))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has a bounding box (x %g, y %g, width %g, height %g) that reaches beyond %.0f map units from 0 0"),
                   quoted, x, y, width, height, TG_VENUE_MAX_COORDINATE);
      return FALSE;
    }
  if (self->sections->len > G_MAXUINT16)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("too many sections: a map may have at most %u"), (guint) G_MAXUINT16 + 1);
      return FALSE;
    }

  section.id = g_string_chunk_insert_const (self->strings, id);
  section.name = g_string_chunk_insert_const (self->strings, name);
  section.first_seat = self->seats->len;
  section.n_seats = 0;
  section.standing = standing;
  section.x = x;
  section.y = y;
  section.width = width;
  section.height = height;
  g_array_append_val (self->sections, section);
  g_hash_table_add (self->section_ids, (char *) section.id);
  {
    /* Until told otherwise, the name sits just above the bounding box (within the limit, as
     * the writer saves it and the reader checks it). */
    double label[3] = { x + width / 2, MAX (y - 8, -TG_VENUE_MAX_COORDINATE), 0 };
    g_array_append_val (self->labels, label);
  }

  self->open_section = &g_array_index (self->sections, TgSection, self->sections->len - 1);
  self->last_row = NULL;
  self->last_number = 0;
  g_hash_table_remove_all (self->rows_seen);
  return TRUE;
}

gboolean
tg_venue_set_section_label (TgVenue  *self,
                            double    x,
                            double    y,
                            double    angle,
                            GError  **error)
{
  double *label;

  g_return_val_if_fail (self->open_section != NULL, FALSE);

  if (!isfinite (x) || !isfinite (y) || !isfinite (angle))
    {
      g_autofree char *quoted = tg_venue_excerpt (self->open_section->id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has a label position that is not a number"), quoted);
      return FALSE;
    }
  if (fabs (x) > TG_VENUE_MAX_COORDINATE || fabs (y) > TG_VENUE_MAX_COORDINATE)
    {
      g_autofree char *quoted = tg_venue_excerpt (self->open_section->id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has its label at (%g, %g), beyond %.0f map units from 0 0"),
                   quoted, x, y, TG_VENUE_MAX_COORDINATE);
      return FALSE;
    }
  label = &g_array_index (self->labels, double, 3 * (self->labels->len - 1));
  label[0] = x;
  label[1] = y;
  label[2] = fmod (angle, 360);
  /* fmod (-360, 360) is -0, which the writer leaves out and so reads back as 0. */
  if (label[2] == 0)
    label[2] = 0;
  return TRUE;
}

gboolean
tg_venue_add_seat (TgVenue     *self,
                   const char  *id,
                   const char  *row,
                   guint        number,
                   const char  *grade,
                   guint        flags,
                   double       x,
                   double       y,
                   GError     **error)
{
  TgSection *section = self->open_section;
  const double slack = 0.01;
  TgSeat seat = { 0 };
  int grade_index;
  float fx, fy;

  if (section == NULL)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” is not inside a section"), quoted);
      return FALSE;
    }
  if (!check_field (FIELD_SEAT_ID, id, NULL, error))
    return FALSE;
  if (g_hash_table_contains (self->seat_index, id))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("duplicate seat id “%s”"), quoted);
      return FALSE;
    }
  if (!check_field (FIELD_ROW, row, id, error))
    return FALSE;
  if (number < 1 || number > G_MAXUINT16)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” has number %u, expected 1 to %u"), quoted, number, (guint) G_MAXUINT16);
      return FALSE;
    }
  grade_index = find_grade (self, grade);
  if (grade_index < 0)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_grade = tg_venue_excerpt (grade);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” has unknown grade “%s”"), quoted, quoted_grade);
      return FALSE;
    }
  if ((flags & TG_SEAT_FLAG_STANDING) && !section->standing)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_section = tg_venue_excerpt (section->id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” is a standing spot but section “%s” is not a standing section"),
                   quoted, quoted_section);
      return FALSE;
    }
  /* The position is kept as a float: check the value kept, so that a saved map reads back the
   * same. A seat beyond the limit is outside any box, and the cast safe for the others. */
  if (fabs (x) <= TG_VENUE_MAX_COORDINATE && fabs (y) <= TG_VENUE_MAX_COORDINATE)
    {
      fx = (float) x;
      fy = (float) y;
    }
  else
    fx = fy = NAN;
  if (!(fx >= section->x - slack && fx <= section->x + section->width + slack &&
        fy >= section->y - slack && fy <= section->y + section->height + slack))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_section = tg_venue_excerpt (section->id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” at (%g, %g) lies outside the bounding box of section “%s”"),
                   quoted, x, y, quoted_section);
      return FALSE;
    }
  /* What the map cannot show, no one can pick. */
  if (!(fx >= -slack && fx <= self->width + slack && fy >= -slack && fy <= self->height + slack))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” at (%g, %g) lies outside the map, which is %g × %g map units"),
                   quoted, x, y, self->width, self->height);
      return FALSE;
    }
  if (self->seats->len == TG_VENUE_NO_SEAT - 1)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("too many seats"));
      return FALSE;
    }

  seat.row = g_string_chunk_insert_const (self->strings, row);
  if (seat.row != self->last_row)
    {
      if (g_hash_table_contains (self->rows_seen, seat.row))
        {
          g_autofree char *quoted = tg_venue_excerpt (id);
          g_autofree char *quoted_row = tg_venue_excerpt (row);
          g_autofree char *quoted_section = tg_venue_excerpt (section->id);

          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("seat “%s”: row “%s” of section “%s” is split, the seats of a row must be consecutive"),
                       quoted, quoted_row, quoted_section);
          return FALSE;
        }
      g_hash_table_add (self->rows_seen, (char *) seat.row);
      self->last_row = seat.row;
      self->last_number = 0;
    }
  if (number <= self->last_number)
    {
      g_autofree char *quoted = tg_venue_excerpt (id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s”: numbers within a row must increase, but %u follows %u"),
                   quoted, number, self->last_number);
      return FALSE;
    }
  self->last_number = number;

  seat.id = g_string_chunk_insert (self->strings, id);
  seat.number = (guint16) number;
  seat.section = (guint16) (self->sections->len - 1);
  seat.grade = (guint8) grade_index;
  seat.flags = (guint8) (flags | (section->standing ? TG_SEAT_FLAG_STANDING : 0));
  seat.x = fx == 0 ? 0 : fx;   /* not -0 */
  seat.y = fy == 0 ? 0 : fy;
  g_array_append_val (self->seats, seat);
  g_hash_table_insert (self->seat_index, (char *) seat.id, GUINT_TO_POINTER (self->seats->len));
  section->n_seats++;
  return TRUE;
}

gboolean
tg_venue_end_section (TgVenue  *self,
                      GError  **error)
{
  TgSection *section = self->open_section;

  g_return_val_if_fail (section != NULL, FALSE);

  self->open_section = NULL;
  if (section->n_seats == 0)
    {
      g_autofree char *quoted = tg_venue_excerpt (section->id);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has no seats"), quoted);
      return FALSE;
    }
  return TRUE;
}

gboolean
tg_venue_finish (TgVenue  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->open_section == NULL, FALSE);

  if (!self->has_stage)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the map has no stage (a <rect> with tg:role=\"stage\")"));
      return FALSE;
    }
  if (self->seats->len == 0)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("the map has no seats"));
      return FALSE;
    }

  g_clear_pointer (&self->section_ids, g_hash_table_unref);
  g_clear_pointer (&self->rows_seen, g_hash_table_unref);
  return TRUE;
}

/* Accessors */

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

guint
tg_venue_get_n_grades (TgVenue *self)
{
  g_return_val_if_fail (TG_IS_VENUE (self), 0);
  return self->n_grades;
}

const TgGrade *
tg_venue_get_grade (TgVenue *self,
                    guint    index)
{
  g_return_val_if_fail (TG_IS_VENUE (self), NULL);
  g_return_val_if_fail (index < self->n_grades, NULL);
  return &self->grades[index];
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

void
tg_venue_get_section_label (TgVenue *self,
                            guint    index,
                            double  *x,
                            double  *y,
                            double  *angle)
{
  const double *label;

  g_return_if_fail (TG_IS_VENUE (self));
  g_return_if_fail (index < self->sections->len);

  label = &g_array_index (self->labels, double, 3 * index);
  if (x != NULL)
    *x = label[0];
  if (y != NULL)
    *y = label[1];
  if (angle != NULL)
    *angle = label[2];
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
  return (const TgSeat *) (gpointer) self->seats->data;
}

guint
tg_venue_find_seat (TgVenue    *self,
                    const char *id)
{
  gpointer value;

  g_return_val_if_fail (TG_IS_VENUE (self), TG_VENUE_NO_SEAT);
  g_return_val_if_fail (id != NULL, TG_VENUE_NO_SEAT);

  value = g_hash_table_lookup (self->seat_index, id);
  if (value == NULL)
    return TG_VENUE_NO_SEAT;
  return GPOINTER_TO_UINT (value) - 1;
}

guint
tg_venue_seat_neighbor (TgVenue *self,
                        guint    index,
                        int      direction)
{
  const TgSeat *a, *b;
  guint other;

  g_return_val_if_fail (TG_IS_VENUE (self), TG_VENUE_NO_SEAT);

  if (index >= self->seats->len || (direction != 1 && direction != -1))
    return TG_VENUE_NO_SEAT;
  if ((direction < 0 && index == 0) || (direction > 0 && index + 1 >= self->seats->len))
    return TG_VENUE_NO_SEAT;

  other = direction > 0 ? index + 1 : index - 1;
  a = &g_array_index (self->seats, TgSeat, index);
  b = &g_array_index (self->seats, TgSeat, other);
  /* A gap in the numbering is a missing seat (a camera platform, a pillar): not adjacent. */
  if (a->section != b->section || a->row != b->row || (int) b->number != (int) a->number + direction)
    return TG_VENUE_NO_SEAT;
  return other;
}

void
tg_venue_count_by_grade (TgVenue *self,
                         guint   *counts)
{
  const TgSeat *seats;

  g_return_if_fail (TG_IS_VENUE (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * self->n_grades);
  seats = (const TgSeat *) (gpointer) self->seats->data;
  for (guint i = 0; i < self->seats->len; i++)
    counts[seats[i].grade]++;
}

/* Reading: a streaming GMarkup parse straight into the builder, no DOM. */
