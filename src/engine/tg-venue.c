/* tg-venue.c: the venue model, its builder, and the SVG seat-map reader and writer.
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

/* Builder */

TgVenue *
tg_venue_new_empty (const char *name,
                    double      width,
                    double      height)
{
  TgVenue *self = g_object_new (TG_TYPE_VENUE, NULL);

  self->name = g_strdup (name);
  self->width = width;
  self->height = height;
  return self;
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
has_space (const char *s)
{
  for (; *s != '\0'; s++)
    if (g_ascii_isspace (*s))
      return TRUE;
  return FALSE;
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

  if (is_blank (id) || has_space (id))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade id “%s” must be a non-empty word without spaces"), id ? id : "");
      return FALSE;
    }
  if (find_grade (self, id) >= 0)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade “%s” is defined twice"), id);
      return FALSE;
    }
  if (self->n_grades == TG_VENUE_MAX_GRADES)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("too many grades: a map may define at most %d"), TG_VENUE_MAX_GRADES);
      return FALSE;
    }
  if (is_blank (name))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade “%s” has an empty name"), id);
      return FALSE;
    }
  if (!tg_venue_is_valid_color (color))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("grade “%s” has colour “%s”, expected the form #rrggbb"), id, color ? color : "");
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

  if (is_blank (id) || has_space (id))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section id “%s” must be a non-empty word without spaces"), id ? id : "");
      return FALSE;
    }
  if (g_hash_table_contains (self->section_ids, id))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” is defined twice"), id);
      return FALSE;
    }
  if (is_blank (name))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has an empty name"), id);
      return FALSE;
    }
  if (!(width >= 0 && height >= 0))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has a negative bounding box size"), id);
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
    /* Until told otherwise, the name sits just above the bounding box. */
    double label[3] = { x + width / 2, y - 8, 0 };
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
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has a label position that is not a number"),
                   self->open_section->id);
      return FALSE;
    }
  label = &g_array_index (self->labels, double, 3 * (self->labels->len - 1));
  label[0] = x;
  label[1] = y;
  label[2] = fmod (angle, 360);
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

  if (section == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” is not inside a section"), id);
      return FALSE;
    }
  if (is_blank (id) || has_space (id))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat id “%s” must be a non-empty word without spaces"), id);
      return FALSE;
    }
  if (g_hash_table_contains (self->seat_index, id))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("duplicate seat id “%s”"), id);
      return FALSE;
    }
  if (is_blank (row))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” has an empty row label"), id);
      return FALSE;
    }
  if (number < 1 || number > G_MAXUINT16)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” has number %u, expected 1 to %u"), id, number, (guint) G_MAXUINT16);
      return FALSE;
    }
  grade_index = find_grade (self, grade);
  if (grade_index < 0)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” has unknown grade “%s”"), id, grade);
      return FALSE;
    }
  if ((flags & TG_SEAT_FLAG_STANDING) && !section->standing)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” is a standing spot but section “%s” is not a standing section"),
                   id, section->id);
      return FALSE;
    }
  if (!isfinite (x) || !isfinite (y) ||
      x < section->x - slack || x > section->x + section->width + slack ||
      y < section->y - slack || y > section->y + section->height + slack)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s” at (%g, %g) lies outside the bounding box of section “%s”"),
                   id, x, y, section->id);
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
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("seat “%s”: row “%s” of section “%s” is split, the seats of a row must be consecutive"),
                       id, row, section->id);
          return FALSE;
        }
      g_hash_table_add (self->rows_seen, (char *) seat.row);
      self->last_row = seat.row;
      self->last_number = 0;
    }
  if (number <= self->last_number)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("seat “%s”: numbers within a row must increase, but %u follows %u"),
                   id, number, self->last_number);
      return FALSE;
    }
  self->last_number = number;

  seat.id = g_string_chunk_insert (self->strings, id);
  seat.number = (guint16) number;
  seat.section = (guint16) (self->sections->len - 1);
  seat.grade = (guint8) grade_index;
  seat.flags = (guint8) (flags | (section->standing ? TG_SEAT_FLAG_STANDING : 0));
  seat.x = (float) x;
  seat.y = (float) y;
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
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("section “%s” has no seats"), section->id);
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

typedef struct
{
  TgVenue             *venue;
  GMarkupParseContext *context;
  char                *tg_prefix;
  gsize                tg_prefix_len;
  guint                depth;
  guint                metadata_depth;   /* 0: not inside <metadata> */
  guint                section_depth;    /* 0: not inside a section */
  guint                transform_depth;  /* 0: no transform applies */
  const char          *data;             /* the whole input, to correct positions */
  gsize                length;
  int                  section_line;     /* where the open section starts */
  int                  section_column;
} Reader;

/* GMarkup calls back for a start tag only once it has read the character after its ">", so a
 * tag that ends a line would be reported at column 1 of the next one: point back at the ">".
 * This scans the input, so it is only for errors. */
static void
reader_fix_position (Reader *reader,
                     int    *line,
                     int    *column)
{
  if (*column == 1 && *line > 1)
    {
      const char *p = reader->data;
      const char *end = reader->data + reader->length;
      const char *start;
      int l = 1;

      while (p < end && l < *line - 1)
        if (*p++ == '\n')
          l++;
      start = p;
      while (p < end && *p != '\n')
        p++;
      *line -= 1;
      *column = (int) MAX (p - start, 1);
    }
}

static void
reader_get_position (Reader *reader,
                     int    *line,
                     int    *column)
{
  g_markup_parse_context_get_position (reader->context, line, column);
  reader_fix_position (reader, line, column);
}

G_GNUC_PRINTF (3, 4)
static void
reader_error (Reader      *reader,
              GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line = 0, column = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  reader_get_position (reader, &line, &column);
  g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
               _("line %d, column %d: %s"), line, column, message);
}

/* Gives a builder error the position of the element being read. */
static void
reader_position_error (Reader  *reader,
                       GError **error,
                       GError  *local)
{
  int line = 0, column = 0;

  reader_get_position (reader, &line, &column);
  g_set_error (error, TG_VENUE_ERROR, local->code,
               _("line %d, column %d: %s"), line, column, local->message);
  g_error_free (local);
}

/* The local name of @qname if it is in the TickGet namespace, else NULL. */
static const char *
tg_local (Reader     *reader,
          const char *qname)
{
  if (reader->tg_prefix != NULL &&
      strncmp (qname, reader->tg_prefix, reader->tg_prefix_len) == 0 &&
      qname[reader->tg_prefix_len] == ':')
    return qname + reader->tg_prefix_len + 1;
  return NULL;
}

static const char *
get_attr (const char **names,
          const char **values,
          const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static const char *
get_tg_attr (Reader      *reader,
             const char **names,
             const char **values,
             const char  *local)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *l = tg_local (reader, names[i]);
      if (l != NULL && g_str_equal (l, local))
        return values[i];
    }
  return NULL;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || !isfinite (value))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  if (text == NULL)
    return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static gboolean
parse_length (const char *text,
              double     *out)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len > 2 && g_str_has_suffix (text, "px"))
    {
      copy = g_strndup (text, len - 2);
      text = copy;
    }
  return parse_double (text, out) && *out > 0;
}

/* Parses exactly @n numbers separated by spaces and/or commas. */
static gboolean
parse_numbers (const char *text,
               double     *out,
               guint       n)
{
  g_auto(GStrv) parts = NULL;
  guint found = 0;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit_set (text, " ,\t\n\r", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (found == n || !parse_double (parts[i], &out[found]))
        return FALSE;
      found++;
    }
  return found == n;
}

static gboolean
parse_four (const char *text,
            double      out[4])
{
  return parse_numbers (text, out, 4);
}


static gboolean
require_double (Reader      *reader,
                const char  *what,
                const char  *attr_name,
                const char  *text,
                double      *out,
                GError     **error)
{
  if (text == NULL)
    {
      reader_error (reader, error, _("%s is missing the attribute “%s”"), what, attr_name);
      return FALSE;
    }
  if (!parse_double (text, out))
    {
      reader_error (reader, error, _("%s has “%s” = “%s”, which is not a number"),
                    what, attr_name, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_root (Reader      *reader,
           const char  *element_name,
           const char **names,
           const char **values,
           GError     **error)
{
  const char *svg_ns = get_attr (names, values, "xmlns");
  const char *name, *version, *view_box;
  double width = 0, height = 0, box[4];

  if (!g_str_equal (element_name, "svg") || g_strcmp0 (svg_ns, TG_SVG_NS) != 0)
    {
      reader_error (reader, error,
                    _("the root element is <%s>, expected <svg> in the SVG namespace (%s)"),
                    element_name, TG_SVG_NS);
      return FALSE;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_str_has_prefix (names[i], "xmlns:"))
        continue;
      if (g_str_equal (values[i], TG_SEATMAP_NS))
        {
          g_free (reader->tg_prefix);
          reader->tg_prefix = g_strdup (names[i] + strlen ("xmlns:"));
          reader->tg_prefix_len = strlen (reader->tg_prefix);
        }
      else if (g_str_has_prefix (values[i], TG_SEATMAP_NS_BASE))
        {
          reader_error (reader, error,
                        _("the seat map uses format “%s”, which this version of TickGet cannot read"),
                        values[i]);
          return FALSE;
        }
    }
  if (reader->tg_prefix == NULL)
    {
      reader_error (reader, error,
                    _("this SVG is not a TickGet seat map: it does not declare the namespace %s"),
                    TG_SEATMAP_NS);
      return FALSE;
    }

  version = get_tg_attr (reader, names, values, "version");
  if (version == NULL)
    {
      reader_error (reader, error, _("<svg> is missing the attribute “%s:version”"),
                    reader->tg_prefix);
      return FALSE;
    }
  if (!g_str_equal (version, "1") && !g_str_has_prefix (version, "1."))
    {
      reader_error (reader, error,
                    _("the seat map has format version “%s”; this version of TickGet reads 1.x"),
                    version);
      return FALSE;
    }

  name = get_tg_attr (reader, names, values, "name");
  if (is_blank (name))
    {
      reader_error (reader, error, _("<svg> is missing the venue name “%s:name”"),
                    reader->tg_prefix);
      return FALSE;
    }

  view_box = get_attr (names, values, "viewBox");
  if (view_box != NULL)
    {
      if (!parse_four (view_box, box) || !(box[2] > 0 && box[3] > 0))
        {
          reader_error (reader, error, _("<svg> has an invalid viewBox “%s”"), view_box);
          return FALSE;
        }
      width = box[0] + box[2];
      height = box[1] + box[3];
    }
  else
    {
      const char *w = get_attr (names, values, "width");
      const char *h = get_attr (names, values, "height");

      if (!parse_length (w, &width) || !parse_length (h, &height))
        {
          reader_error (reader, error,
                        _("<svg> needs a viewBox or a positive width and height in map units"));
          return FALSE;
        }
    }

  reader->venue = tg_venue_new_empty (name, width, height);
  return TRUE;
}

static gboolean
read_grade (Reader      *reader,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *id = get_attr (names, values, "id");
  const char *name = get_attr (names, values, "name");
  const char *price = get_attr (names, values, "price");
  const char *color = get_attr (names, values, "color");
  const char *rank = get_attr (names, values, "rank");
  const char *missing = NULL;
  guint64 price_value, rank_value;
  GError *local = NULL;

  if (id == NULL)
    missing = "id";
  else if (name == NULL)
    missing = "name";
  else if (price == NULL)
    missing = "price";
  else if (color == NULL)
    missing = "color";
  else if (rank == NULL)
    missing = "rank";
  if (missing != NULL)
    {
      reader_error (reader, error, _("grade “%s” is missing the attribute “%s”"),
                    id ? id : "", missing);
      return FALSE;
    }
  if (!parse_uint (price, G_MAXUINT, &price_value))
    {
      reader_error (reader, error, _("grade “%s” has price “%s”, expected a whole number of won"),
                    id, price);
      return FALSE;
    }
  if (!parse_uint (rank, TG_VENUE_MAX_GRADES * 16, &rank_value))
    {
      reader_error (reader, error, _("grade “%s” has rank “%s”, expected a small whole number"),
                    id, rank);
      return FALSE;
    }
  if (!tg_venue_add_grade (reader->venue, id, name, (guint) price_value, color,
                           (guint) rank_value, &local))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_section (Reader      *reader,
              const char  *id,
              const char **names,
              const char **values,
              GError     **error)
{
  const char *name = get_tg_attr (reader, names, values, "name");
  const char *standing = get_tg_attr (reader, names, values, "standing");
  const char *bbox = get_tg_attr (reader, names, values, "bbox");
  const char *label = get_tg_attr (reader, names, values, "label");
  gboolean is_standing = FALSE;
  double box[4];
  double at[3] = { 0, 0, 0 };
  GError *local = NULL;

  if (reader->section_depth != 0)
    {
      reader_error (reader, error, _("section “%s” is nested inside another section"), id);
      return FALSE;
    }
  if (reader->transform_depth != 0)
    {
      reader_error (reader, error, _("section “%s” is inside a transform, which seat maps do not allow"), id);
      return FALSE;
    }
  if (name == NULL)
    {
      reader_error (reader, error, _("section “%s” is missing the attribute “%s:name”"),
                    id, reader->tg_prefix);
      return FALSE;
    }
  if (bbox == NULL)
    {
      reader_error (reader, error, _("section “%s” is missing the attribute “%s:bbox”"),
                    id, reader->tg_prefix);
      return FALSE;
    }
  if (!parse_four (bbox, box))
    {
      reader_error (reader, error,
                    _("section “%s” has bbox “%s”, expected four numbers “x y width height”"),
                    id, bbox);
      return FALSE;
    }
  if (standing != NULL)
    {
      if (g_str_equal (standing, "true"))
        is_standing = TRUE;
      else if (!g_str_equal (standing, "false"))
        {
          reader_error (reader, error,
                        _("section “%s” has standing “%s”, expected “true” or “false”"),
                        id, standing);
          return FALSE;
        }
    }

  if (label != NULL && !parse_numbers (label, at, 3) && !parse_numbers (label, at, 2))
    {
      reader_error (reader, error,
                    _("section “%s” has label “%s”, expected “x y” or “x y angle”"), id, label);
      return FALSE;
    }

  if (!tg_venue_begin_section (reader->venue, id, name, is_standing,
                               box[0], box[1], box[2], box[3], &local) ||
      (label != NULL && !tg_venue_set_section_label (reader->venue, at[0], at[1], at[2], &local)))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  reader->section_depth = reader->depth;
  g_markup_parse_context_get_position (reader->context, &reader->section_line,
                                       &reader->section_column);
  return TRUE;
}

static gboolean
parse_flags (const char *text,
             guint      *flags,
             const char **bad)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);

  *flags = 0;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (g_str_equal (words[i], "accessible"))
        *flags |= TG_SEAT_FLAG_ACCESSIBLE;
      else if (g_str_equal (words[i], "restricted-view"))
        *flags |= TG_SEAT_FLAG_RESTRICTED_VIEW;
      else if (g_str_equal (words[i], "standing"))
        *flags |= TG_SEAT_FLAG_STANDING;
      else
        {
          *bad = g_intern_string (words[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_seat (Reader      *reader,
           gboolean     is_rect,
           const char **names,
           const char **values,
           GError     **error)
{
  const char *id = get_attr (names, values, "id");
  const char *row = get_tg_attr (reader, names, values, "row");
  const char *number = get_tg_attr (reader, names, values, "number");
  const char *grade = get_tg_attr (reader, names, values, "grade");
  const char *flags_text = get_tg_attr (reader, names, values, "flags");
  g_autofree char *what = NULL;
  guint64 number_value;
  guint flags = 0;
  double x, y;
  GError *local = NULL;

  if (id == NULL)
    {
      reader_error (reader, error, _("a seat is missing the attribute “id”"));
      return FALSE;
    }
  what = g_strdup_printf (_("seat “%s”"), id);
  if (row == NULL || number == NULL || grade == NULL)
    {
      reader_error (reader, error, _("%s is missing the attribute “%s:%s”"), what,
                    reader->tg_prefix, row == NULL ? "row" : number == NULL ? "number" : "grade");
      return FALSE;
    }
  if (!parse_uint (number, G_MAXUINT16, &number_value) || number_value == 0)
    {
      reader_error (reader, error, _("%s has number “%s”, expected a whole number from 1 to %u"),
                    what, number, (guint) G_MAXUINT16);
      return FALSE;
    }
  if (flags_text != NULL)
    {
      const char *bad = NULL;

      if (!parse_flags (flags_text, &flags, &bad))
        {
          reader_error (reader, error, _("%s has the unknown flag “%s”"), what, bad);
          return FALSE;
        }
    }
  if (reader->section_depth == 0)
    {
      reader_error (reader, error, _("%s is not inside a section"), what);
      return FALSE;
    }
  if (reader->transform_depth != 0)
    {
      reader_error (reader, error, _("%s is inside a transform, which seat maps do not allow"), what);
      return FALSE;
    }

  if (is_rect)
    {
      double w, h;

      if (!require_double (reader, what, "x", get_attr (names, values, "x"), &x, error) ||
          !require_double (reader, what, "y", get_attr (names, values, "y"), &y, error) ||
          !require_double (reader, what, "width", get_attr (names, values, "width"), &w, error) ||
          !require_double (reader, what, "height", get_attr (names, values, "height"), &h, error))
        return FALSE;
      x += w / 2;
      y += h / 2;
    }
  else
    {
      if (!require_double (reader, what, "cx", get_attr (names, values, "cx"), &x, error) ||
          !require_double (reader, what, "cy", get_attr (names, values, "cy"), &y, error))
        return FALSE;
    }

  if (!tg_venue_add_seat (reader->venue, id, row, (guint) number_value, grade, flags, x, y, &local))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_stage (Reader      *reader,
            const char  *element_name,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *what = _("the stage");
  double x, y, w, h;
  GError *local = NULL;

  if (!g_str_equal (element_name, "rect"))
    {
      reader_error (reader, error, _("the stage must be a <rect>, not <%s>"), element_name);
      return FALSE;
    }
  if (!require_double (reader, what, "x", get_attr (names, values, "x"), &x, error) ||
      !require_double (reader, what, "y", get_attr (names, values, "y"), &y, error) ||
      !require_double (reader, what, "width", get_attr (names, values, "width"), &w, error) ||
      !require_double (reader, what, "height", get_attr (names, values, "height"), &h, error))
    return FALSE;
  if (!tg_venue_set_stage (reader->venue, x, y, w, h, &local))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  return TRUE;
}

static void
reader_start_element (GMarkupParseContext  *context,
                      const char           *element_name,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  Reader *reader = user_data;
  const char *local;
  const char *role;
  gboolean is_rect, is_circle;

  reader->depth++;

  if (reader->venue == NULL)
    {
      read_root (reader, element_name, names, values, error);
      return;
    }

  if (reader->transform_depth == 0 && get_attr (names, values, "transform") != NULL)
    reader->transform_depth = reader->depth;

  local = tg_local (reader, element_name);
  if (local != NULL)
    {
      if (!g_str_equal (local, "grade"))
        return;   /* other TickGet elements are for later minor versions */
      if (reader->metadata_depth == 0)
        {
          reader_error (reader, error, _("<%s> must be inside <metadata>"), element_name);
          return;
        }
      read_grade (reader, names, values, error);
      return;
    }

  if (reader->metadata_depth != 0)
    return;
  if (g_str_equal (element_name, "metadata"))
    {
      reader->metadata_depth = reader->depth;
      return;
    }

  if (g_str_equal (element_name, "g"))
    {
      const char *section_id = get_tg_attr (reader, names, values, "section");

      if (section_id != NULL)
        read_section (reader, section_id, names, values, error);
      return;
    }

  role = get_tg_attr (reader, names, values, "role");
  if (g_strcmp0 (role, "stage") == 0)
    {
      read_stage (reader, element_name, names, values, error);
      return;
    }

  is_rect = g_str_equal (element_name, "rect");
  is_circle = g_str_equal (element_name, "circle");
  if (get_tg_attr (reader, names, values, "row") != NULL ||
      get_tg_attr (reader, names, values, "number") != NULL ||
      get_tg_attr (reader, names, values, "grade") != NULL)
    {
      if (!is_rect && !is_circle)
        {
          reader_error (reader, error, _("a seat must be a <circle> or a <rect>, not <%s>"),
                        element_name);
          return;
        }
      read_seat (reader, is_rect, names, values, error);
    }
}

static void
reader_end_element (GMarkupParseContext  *context,
                    const char           *element_name,
                    gpointer              user_data,
                    GError              **error)
{
  Reader *reader = user_data;

  if (reader->depth == reader->section_depth)
    {
      GError *local = NULL;

      reader->section_depth = 0;
      /* Point at the section's start tag: GMarkup's position is past the end tag by now. */
      if (!tg_venue_end_section (reader->venue, &local))
        {
          reader_fix_position (reader, &reader->section_line, &reader->section_column);
          g_set_error (error, TG_VENUE_ERROR, local->code, _("line %d, column %d: %s"),
                       reader->section_line, reader->section_column, local->message);
          g_error_free (local);
        }
    }
  if (reader->depth == reader->metadata_depth)
    reader->metadata_depth = 0;
  if (reader->depth == reader->transform_depth)
    reader->transform_depth = 0;
  reader->depth--;
}

static const GMarkupParser reader_parser = {
  reader_start_element,
  reader_end_element,
  NULL,
  NULL,
  NULL,
};

TgVenue *
tg_venue_load_data (const char  *data,
                    gsize        length,
                    GError     **error)
{
  Reader reader = { 0 };
  g_autoptr(GError) local = NULL;
  g_autoptr(TgVenue) venue = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.data = data;
  reader.length = length;
  reader.context = g_markup_parse_context_new (&reader_parser, 0, &reader, NULL);
  ok = g_markup_parse_context_parse (reader.context, data ? data : "", length, &local) &&
       g_markup_parse_context_end_parse (reader.context, &local);

  venue = g_steal_pointer (&reader.venue);
  if (ok)
    {
      int line = 0, column = 0;

      g_markup_parse_context_get_position (reader.context, &line, &column);
      /* GMarkup accepts a document of nothing but an XML declaration or comments. */
      if (venue == NULL)
        {
          g_set_error (&local, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("line %d, column %d: the document has no <svg> element"), line, column);
          ok = FALSE;
        }
      else if (!tg_venue_finish (venue, &local))
        {
          g_prefix_error (&local, _("line %d, column %d: "), line, column);
          ok = FALSE;
        }
    }

  g_markup_parse_context_free (reader.context);
  g_free (reader.tg_prefix);

  if (!ok)
    {
      if (local->domain == TG_VENUE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        /* GMarkup's own messages already say "Error on line N char M: …". */
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE,
                     _("The seat map is not well-formed XML: %s"), local->message);
      return NULL;
    }

  return g_steal_pointer (&venue);
}

TgVenue *
tg_venue_load_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = NULL;
  TgVenue *venue;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                   _("Could not read the seat map “%s”: %s"), display, local->message);
      return NULL;
    }

  venue = tg_venue_load_data (g_mapped_file_get_contents (file),
                              g_mapped_file_get_length (file), &local);
  if (venue == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, local->code, "%s: %s", display, local->message);
      return NULL;
    }
  return venue;
}

/* Writing */

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

/* A standing spot is a <rect> and the reader takes x + width / 2 as its centre: write the corner
 * short when that still gives back the very same float, exactly otherwise. */
static void
append_spot_corner (GString    *out,
                    const char *name,
                    float       centre)
{
  double corner = (double) centre - SPOT_SIZE / 2;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", corner);
  if ((float) (g_ascii_strtod (buf, NULL) + SPOT_SIZE / 2) == centre)
    trim_zeros (buf);
  else
    g_ascii_dtostr (buf, sizeof buf, corner);
  g_string_append_printf (out, " %s=\"%s\"", name, buf);
}

static void
append_seat (GString       *out,
             TgVenue       *self,
             const TgSeat  *seat)
{
  const TgGrade *grade = &self->grades[seat->grade];

  if (seat->flags & TG_SEAT_FLAG_STANDING)
    {
      g_string_append (out, "    <rect");
      append_attr (out, "id", seat->id);
      append_spot_corner (out, "x", seat->x);
      append_spot_corner (out, "y", seat->y);
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
