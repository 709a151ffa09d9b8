/* tg-venue-reader.c: loading a seat map — a streaming GMarkup parse of the SVG that feeds the
 * venue builder, so a file is held to exactly the rules the presets are. Errors name the line and
 * column. The format is docs/seatmap-format.md; what librsvg makes of numbers and styles is
 * tg-venue-svg.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

/* Whether an element is seen, as far as it and the elements around it go. */
typedef struct
{
  double  opacity;          /* its opacity times that of every element around it */
  double  fill_opacity;     /* the fill-opacity that applies to it (inherited) */
  char    invisible[80];    /* the visibility that hides it ("visibility: hidden"), "" if none */
  int     invisible_line;   /* where that was set, as GMarkup gave it (see reader_fix_position()) */
  int     invisible_column;
} Shown;

/* An open <g> (or the root) with an id, which a <use> could draw again. */
typedef struct
{
  guint   depth;
  char   *id;
  gboolean holds;           /* it is, or holds, the stage, a section or a seat */
} Group;

/* A <use>, and where it is: what it draws is only known at the end. */
typedef struct
{
  char   *target;           /* the id it refers to */
  char   *unescaped;        /* the same with %XX decoded, or NULL */
  int     line;
  int     column;
} Use;

static void
group_clear (Group *group)
{
  g_clear_pointer (&group->id, g_free);
}

static void
use_clear (Use *use)
{
  g_clear_pointer (&use->target, g_free);
  g_clear_pointer (&use->unescaped, g_free);
}

typedef struct
{
  TgVenue             *venue;
  GMarkupParseContext *context;
  char                *tg_prefix;
  gsize                tg_prefix_len;
  char                *tg_prefix_shown;  /* tg_prefix as messages quote it */
  guint                depth;
  guint                metadata_depth;   /* 0: not inside <metadata> */
  guint                section_depth;    /* 0: not inside a section */
  guint                transform_depth;  /* 0: no transform applies */
  char                *transform_style;  /* the CSS property that applies it, NULL: an attribute */
  guint                hidden_depth;     /* 0: nothing around hides what is inside */
  char                *hidden_by;        /* what does ("display: none") */
  int                  hidden_line;      /* as GMarkup gave it: fixed only for the error */
  int                  hidden_column;
  GArray              *shown;            /* Shown, by depth */
  GArray              *groups;           /* Group, innermost last */
  GHashTable          *placed_ids;       /* ids of elements that are or hold what the map places */
  GArray              *uses;             /* Use, in file order */
  guint                container_depth;  /* 0: every element around is a <g> (or the root) */
  guint                style_depth;      /* 0: not inside a <style> sheet */
  GString             *style_text;       /* the sheet so far */
  int                  style_line;       /* where it starts */
  int                  style_column;
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

/* GMarkup counts columns in bytes, a person in characters (a Hangul syllable is three bytes):
 * the character at byte @byte_column of @line. It scans from the start, so it is only for the
 * one error a load ends with; positions are kept in bytes until then. */
static int
reader_char_column (Reader *reader,
                    int     line,
                    int     byte_column)
{
  const char *p = reader->data;
  const char *end = reader->data + reader->length;
  const char *stop;
  int l = 1, column = 1;

  while (p < end && l < line)
    if (*p++ == '\n')
      l++;
  stop = p + MIN ((gsize) MAX (byte_column - 1, 0), (gsize) (end - p));
  for (; p < stop && *p != '\n'; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      column++;
  return column;
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
               _("line %d, column %d: %s"), line, reader_char_column (reader, line, column), message);
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
               _("line %d, column %d: %s"), line, reader_char_column (reader, line, column), local->message);
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
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  if (text == NULL)
    return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

/* "seat “A-1-2”", or "the stage" for a NULL @seat_id: what a message is about. Only built for
 * an error, as most seats never need it. */
static char *
describe (const char *seat_id)
{
  g_autofree char *quoted = NULL;

  if (seat_id == NULL)
    return g_strdup (_("the stage"));
  quoted = tg_venue_excerpt (seat_id);
  return g_strdup_printf (_("seat “%s”"), quoted);
}

static char *
describe_section (const char *section_id)
{
  g_autofree char *quoted = tg_venue_excerpt (section_id);

  return g_strdup_printf (_("section “%s”"), quoted);
}

/* Whether what the current element places (a seat, a section, the stage) is drawn where it
 * says: not in a transform, and in nothing but <g> groups. */
static gboolean
reader_placed_as_written (Reader *reader)
{
  return reader->transform_depth == 0 &&
         (reader->container_depth == 0 || reader->container_depth >= reader->depth);
}

/* Says why @what is not placed as written. */
static void
reader_placement_error (Reader      *reader,
                        const char  *what,
                        GError     **error)
{
  if (reader->transform_depth != 0 && reader->transform_style != NULL)
    {
      reader_error (reader, error, _("%s is moved by a style that sets “%s”, which seat maps do not allow"),
                    what, reader->transform_style);
      return;
    }
  if (reader->transform_depth != 0)
    {
      reader_error (reader, error, _("%s is inside a transform, which seat maps do not allow"), what);
      return;
    }
  /* <defs>, <symbol>, <clipPath> and the like draw nothing of what they hold, a nested <svg> or
   * a <pattern> moves it, a <switch> draws only one child. */
  if (reader->container_depth != 0)
    {
      const GSList *stack = g_markup_parse_context_get_element_stack (reader->context);
      const char *container = g_slist_nth_data ((GSList *) stack,
                                                reader->depth - reader->container_depth);
      g_autofree char *quoted = tg_venue_excerpt (container);

      /* Most likely a seat written <circle …> for <circle …/>. */
      if (g_str_equal (container, "circle") || g_str_equal (container, "rect"))
        reader_error (reader, error, _("%s is inside a <%s>; is a “/>” missing?"), what, quoted);
      else
        reader_error (reader, error,
                      _("%s is inside <%s>; seat maps allow sections, seats and the stage only in <g> groups"),
                      what, quoted);
    }
}

/* Notes what an element's presentation does to what it holds; @p's strings are taken. */
static void
reader_enter (Reader       *reader,
              TgSvgPresentation *p)
{
  const Shown *parent;
  Shown *shown;

  if (reader->transform_depth == 0 && (p->transform || p->moves != NULL))
    {
      reader->transform_depth = reader->depth;
      g_free (reader->transform_style);
      reader->transform_style = p->transform ? NULL : g_steal_pointer (&p->moves);
    }
  if (reader->hidden_depth == 0 && p->hides != NULL)
    {
      reader->hidden_depth = reader->depth;
      g_free (reader->hidden_by);
      reader->hidden_by = g_steal_pointer (&p->hides);
      /* Raw: fixing a position scans the input, and decorations may hide themselves by the
       * thousand. */
      g_markup_parse_context_get_position (reader->context, &reader->hidden_line, &reader->hidden_column);
    }

  if (reader->shown->len <= reader->depth)
    g_array_set_size (reader->shown, reader->depth + 1);
  parent = &g_array_index (reader->shown, Shown, reader->depth - 1);
  shown = &g_array_index (reader->shown, Shown, reader->depth);
  shown->opacity = parent->opacity * p->opacity;
  shown->fill_opacity = p->fill_opacity >= 0 ? p->fill_opacity : parent->fill_opacity;
  if (p->invisible != NULL)
    {
      g_strlcpy (shown->invisible, p->invisible, sizeof shown->invisible);
      g_markup_parse_context_get_position (reader->context, &shown->invisible_line, &shown->invisible_column);
    }
  else if (p->visible || parent->invisible[0] == '\0')
    shown->invisible[0] = '\0';
  else
    {
      memcpy (shown->invisible, parent->invisible, sizeof shown->invisible);
      shown->invisible_line = parent->invisible_line;
      shown->invisible_column = parent->invisible_column;
    }
}

/* The opacity the current element is drawn at; for one that is painted (a seat, the stage), its
 * fill-opacity counts. */
static double
reader_opacity (Reader   *reader,
                gboolean  painted)
{
  const Shown *shown = &g_array_index (reader->shown, Shown, reader->depth);

  return shown->opacity * (painted ? shown->fill_opacity : 1);
}

/* Whether what the current element places is seen: nothing around it hides it, and it is not
 * faint. A seat or the stage, which are painted (@painted), must also be visible. */
static gboolean
reader_is_shown (Reader   *reader,
                 gboolean  painted)
{
  const Shown *shown = &g_array_index (reader->shown, Shown, reader->depth);

  return reader->hidden_depth == 0 && !(painted && shown->invisible[0] != '\0') &&
         reader_opacity (reader, painted) >= TG_SVG_MIN_OPACITY;
}

/* Says why @what is not shown. */
static void
reader_shown_error (Reader      *reader,
                    const char  *what,
                    gboolean     painted,
                    GError     **error)
{
  const Shown *shown = &g_array_index (reader->shown, Shown, reader->depth);

  if (reader->hidden_depth != 0 || (painted && shown->invisible[0] != '\0'))
    {
      gboolean hidden = reader->hidden_depth != 0;
      int line = hidden ? reader->hidden_line : shown->invisible_line;
      int column = hidden ? reader->hidden_column : shown->invisible_column;

      reader_fix_position (reader, &line, &column);
      reader_error (reader, error,
                    _("“%s” on line %d can hide %s; seat maps do not allow it on seats, sections, the stage or the groups around them"),
                    hidden ? reader->hidden_by : shown->invisible, line, what);
      return;
    }
  reader_error (reader, error,
                _("%s would be drawn at opacity %g (the opacity of it and of the groups around it, times its fill-opacity); seat maps need at least %g"),
                what, reader_opacity (reader, painted), TG_SVG_MIN_OPACITY);
}

/* Notes an open <g> or root that a <use> could refer to. */
static void
reader_push_group (Reader      *reader,
                   const char **names,
                   const char **values)
{
  const char *id = get_attr (names, values, "id");
  Group group = { reader->depth, NULL, FALSE };

  if (id == NULL)
    return;
  group.id = g_strdup (id);
  g_array_append_val (reader->groups, group);
}

/* The element being read places something (the stage, a section, a seat): it and every group
 * around it may not be drawn again. */
static void
reader_mark_placed (Reader *reader)
{
  /* From the innermost out, up to one already marked: those around it are too. */
  for (guint i = reader->groups->len; i-- > 0;)
    {
      Group *group = &g_array_index (reader->groups, Group, i);

      if (group->holds)
        break;
      group->holds = TRUE;
    }
}

/* Notes a <use> and the id it draws: its href (or xlink:href, with any prefix) after the "#", also
 * after another file's name, which librsvg opens (a copy of this very file). */
static void
reader_note_use (Reader      *reader,
                 const char **names,
                 const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *colon = strrchr (names[i], ':');
      const char *local = colon != NULL ? colon + 1 : names[i];
      const char *hash;
      Use use = { 0 };

      if (!g_str_equal (local, "href") || (hash = strchr (values[i], '#')) == NULL)
        continue;
      use.target = g_strstrip (g_strdup (hash + 1));
      use.unescaped = g_uri_unescape_string (use.target, NULL);
      if (g_strcmp0 (use.unescaped, use.target) == 0)
        g_clear_pointer (&use.unescaped, g_free);
      /* Raw, fixed only for an error: a map may hold thousands of decorative <use>. */
      g_markup_parse_context_get_position (reader->context, &use.line, &use.column);
      g_array_append_val (reader->uses, use);
    }
}

/* Whether every <use> draws only decorations: a second copy of a seat, a section or the stage
 * would show what the venue does not hold, and hide nothing the venue checks. */
static gboolean
reader_check_uses (Reader   *reader,
                   TgVenue  *venue,
                   GError  **error)
{
  for (guint i = 0; i < reader->uses->len; i++)
    {
      const Use *use = &g_array_index (reader->uses, Use, i);

      for (guint k = 0; k < 2; k++)
        {
          const char *target = k == 0 ? use->target : use->unescaped;
          g_autofree char *quoted = NULL;
          gboolean seat;
          int line = use->line, column = use->column;

          if (target == NULL)
            continue;
          seat = tg_venue_find_seat (venue, target) != TG_VENUE_NO_SEAT;
          if (!seat && !g_hash_table_contains (reader->placed_ids, target))
            continue;

          quoted = tg_venue_excerpt (target);
          reader_fix_position (reader, &line, &column);
          column = reader_char_column (reader, line, column);
          if (seat)
            g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                         _("line %d, column %d: <use> draws seat “%s” a second time; seat maps allow no copies of seats, sections or the stage"),
                         line, column, quoted);
          else
            g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                         _("line %d, column %d: <use> draws “%s” a second time, which is or holds seats, a section or the stage; seat maps allow no copies of them"),
                         line, column, quoted);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the number in attribute @attr_name of the seat @seat_id (NULL: of the stage). */
static gboolean
require_double (Reader      *reader,
                const char  *seat_id,
                const char  *attr_name,
                const char  *text,
                double      *out,
                GError     **error)
{
  if (text == NULL)
    {
      g_autofree char *what = describe (seat_id);

      reader_error (reader, error, _("%s is missing the attribute “%s”"), what, attr_name);
      return FALSE;
    }
  if (!tg_svg_parse_number (text, out))
    {
      g_autofree char *what = describe (seat_id);
      g_autofree char *quoted = tg_venue_excerpt (text);

      reader_error (reader, error, _("%s has “%s” = “%s”, which is not a number"),
                    what, attr_name, quoted);
      return FALSE;
    }
  return TRUE;
}

/* MAJOR or MAJOR.MINOR, in digits: "1.0garbage" is no 1.x. */
static gboolean
is_version (const char *text)
{
  static const char digits[] = "0123456789";
  const char *p = text + strspn (text, digits);

  if (p == text)
    return FALSE;
  if (*p == '.')
    {
      const char *minor = p + 1;

      p = minor + strspn (minor, digits);
      if (p == minor)
        return FALSE;
    }
  return *p == '\0';
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
  GError *local = NULL;

  if (!g_str_equal (element_name, "svg") || g_strcmp0 (svg_ns, TG_SVG_NS) != 0)
    {
      g_autofree char *quoted = tg_venue_excerpt (element_name);

      reader_error (reader, error,
                    _("the root element is <%s>, expected <svg> in the SVG namespace (%s)"),
                    quoted, TG_SVG_NS);
      return FALSE;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_str_has_prefix (names[i], "xmlns:"))
        continue;
      if (g_str_equal (values[i], TG_SEATMAP_NS))
        {
          g_free (reader->tg_prefix);
          g_free (reader->tg_prefix_shown);
          reader->tg_prefix = g_strdup (names[i] + strlen ("xmlns:"));
          reader->tg_prefix_len = strlen (reader->tg_prefix);
          reader->tg_prefix_shown = tg_venue_excerpt (reader->tg_prefix);
        }
      else if (g_str_has_prefix (values[i], TG_SEATMAP_NS_BASE))
        {
          g_autofree char *quoted = tg_venue_excerpt (values[i]);

          reader_error (reader, error,
                        _("the seat map uses format “%s”, which this version of TickGet cannot read"),
                        quoted);
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

  if (reader->transform_depth != 0)
    {
      if (reader->transform_style != NULL)
        reader_error (reader, error, _("<svg> has a style that sets “%s”, which seat maps do not allow"),
                      reader->transform_style);
      else
        reader_error (reader, error, _("<svg> has a transform, which seat maps do not allow"));
      return FALSE;
    }

  version = get_tg_attr (reader, names, values, "version");
  if (version == NULL)
    {
      reader_error (reader, error, _("<svg> is missing the attribute “%s:version”"),
                    reader->tg_prefix_shown);
      return FALSE;
    }
  if (!is_version (version))
    {
      g_autofree char *quoted = tg_venue_excerpt (version);

      reader_error (reader, error,
                    _("the seat map has format version “%s”, expected a version such as “1.0”"),
                    quoted);
      return FALSE;
    }
  if (!(version[0] == '1' && (version[1] == '\0' || version[1] == '.')))
    {
      g_autofree char *quoted = tg_venue_excerpt (version);

      reader_error (reader, error,
                    _("the seat map has format version “%s”; this version of TickGet reads 1.x"),
                    quoted);
      return FALSE;
    }

  name = get_tg_attr (reader, names, values, "name");
  if (tg_venue_text_is_blank (name))
    {
      reader_error (reader, error, _("<svg> is missing the venue name “%s:name”"),
                    reader->tg_prefix_shown);
      return FALSE;
    }

  view_box = get_attr (names, values, "viewBox");
  if (view_box != NULL)
    {
      if (!tg_svg_parse_numbers (view_box, box, 4) || !(box[2] > 0 && box[3] > 0))
        {
          g_autofree char *quoted = tg_venue_excerpt (view_box);

          reader_error (reader, error, _("<svg> has an invalid viewBox “%s”"), quoted);
          return FALSE;
        }
      /* Map coordinates start at 0 0: the writer, the views and the hit-test grid all take
       * the map to be the box from (0, 0) to (width, height). */
      if (box[0] != 0 || box[1] != 0)
        {
          g_autofree char *quoted = tg_venue_excerpt (view_box);

          reader_error (reader, error,
                        _("<svg> has the viewBox “%s”, but a seat map’s must start at 0 0"),
                        quoted);
          return FALSE;
        }
      width = box[2];
      height = box[3];
    }
  else
    {
      const char *w = get_attr (names, values, "width");
      const char *h = get_attr (names, values, "height");

      if (!tg_svg_parse_length (w, &width) || !tg_svg_parse_length (h, &height))
        {
          reader_error (reader, error,
                        _("<svg> needs a viewBox or a positive width and height in map units"));
          return FALSE;
        }
    }

  reader->venue = tg_venue_new_empty (name, width, height, &local);
  if (reader->venue == NULL)
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
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
      g_autofree char *quoted = tg_venue_excerpt (id);

      reader_error (reader, error, _("grade “%s” is missing the attribute “%s”"),
                    quoted, missing);
      return FALSE;
    }
  if (!parse_uint (price, G_MAXUINT, &price_value))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_price = tg_venue_excerpt (price);

      reader_error (reader, error, _("grade “%s” has price “%s”, expected a whole number of won"),
                    quoted, quoted_price);
      return FALSE;
    }
  if (!parse_uint (rank, TG_VENUE_MAX_GRADES * 16, &rank_value))
    {
      g_autofree char *quoted = tg_venue_excerpt (id);
      g_autofree char *quoted_rank = tg_venue_excerpt (rank);

      reader_error (reader, error, _("grade “%s” has rank “%s”, expected a small whole number"),
                    quoted, quoted_rank);
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
  g_autofree char *quoted = NULL;
  gboolean is_standing = FALSE;
  double box[4];
  double at[3] = { 0, 0, 0 };
  GError *local = NULL;

  if (reader->section_depth != 0)
    {
      quoted = tg_venue_excerpt (id);
      reader_error (reader, error, _("section “%s” is nested inside another section"), quoted);
      return FALSE;
    }
  if (!reader_placed_as_written (reader))
    {
      g_autofree char *what = describe_section (id);

      reader_placement_error (reader, what, error);
      return FALSE;
    }
  if (!reader_is_shown (reader, FALSE))
    {
      g_autofree char *what = describe_section (id);

      reader_shown_error (reader, what, FALSE, error);
      return FALSE;
    }
  if (name == NULL)
    {
      quoted = tg_venue_excerpt (id);
      reader_error (reader, error, _("section “%s” is missing the attribute “%s:name”"),
                    quoted, reader->tg_prefix_shown);
      return FALSE;
    }
  if (bbox == NULL)
    {
      quoted = tg_venue_excerpt (id);
      reader_error (reader, error, _("section “%s” is missing the attribute “%s:bbox”"),
                    quoted, reader->tg_prefix_shown);
      return FALSE;
    }
  if (!tg_svg_parse_numbers (bbox, box, 4))
    {
      g_autofree char *quoted_bbox = tg_venue_excerpt (bbox);

      quoted = tg_venue_excerpt (id);
      reader_error (reader, error,
                    _("section “%s” has bbox “%s”, expected four numbers “x y width height”"),
                    quoted, quoted_bbox);
      return FALSE;
    }
  if (standing != NULL)
    {
      if (g_str_equal (standing, "true"))
        is_standing = TRUE;
      else if (!g_str_equal (standing, "false"))
        {
          g_autofree char *quoted_standing = tg_venue_excerpt (standing);

          quoted = tg_venue_excerpt (id);
          reader_error (reader, error,
                        _("section “%s” has standing “%s”, expected “true” or “false”"),
                        quoted, quoted_standing);
          return FALSE;
        }
    }

  if (label != NULL && !tg_svg_parse_numbers (label, at, 3) && !tg_svg_parse_numbers (label, at, 2))
    {
      g_autofree char *quoted_label = tg_venue_excerpt (label);

      quoted = tg_venue_excerpt (id);
      reader_error (reader, error,
                    _("section “%s” has label “%s”, expected “x y” or “x y angle”"),
                    quoted, quoted_label);
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
  reader_mark_placed (reader);
  g_markup_parse_context_get_position (reader->context, &reader->section_line,
                                       &reader->section_column);
  return TRUE;
}

/* On an unknown word, sets @bad to an excerpt of it (free it). */
static gboolean
parse_flags (const char  *text,
             guint       *flags,
             char       **bad)
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
          *bad = tg_venue_excerpt (words[i]);
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
  g_autofree char *quoted = NULL;
  guint64 number_value;
  guint flags = 0;
  double x, y;
  GError *local = NULL;

  if (id == NULL)
    {
      reader_error (reader, error, _("a seat is missing the attribute “id”"));
      return FALSE;
    }
  if (row == NULL || number == NULL || grade == NULL)
    {
      what = describe (id);
      reader_error (reader, error, _("%s is missing the attribute “%s:%s”"), what,
                    reader->tg_prefix_shown,
                    row == NULL ? "row" : number == NULL ? "number" : "grade");
      return FALSE;
    }
  if (!parse_uint (number, G_MAXUINT16, &number_value) || number_value == 0)
    {
      what = describe (id);
      quoted = tg_venue_excerpt (number);
      reader_error (reader, error, _("%s has number “%s”, expected a whole number from 1 to %u"),
                    what, quoted, (guint) G_MAXUINT16);
      return FALSE;
    }
  if (flags_text != NULL && !parse_flags (flags_text, &flags, &quoted))
    {
      what = describe (id);
      reader_error (reader, error, _("%s has the unknown flag “%s”"), what, quoted);
      return FALSE;
    }
  if (reader->section_depth == 0)
    {
      what = describe (id);
      reader_error (reader, error, _("%s is not inside a section"), what);
      return FALSE;
    }
  if (!reader_placed_as_written (reader))
    {
      what = describe (id);
      reader_placement_error (reader, what, error);
      return FALSE;
    }
  if (!reader_is_shown (reader, TRUE))
    {
      what = describe (id);
      reader_shown_error (reader, what, TRUE, error);
      return FALSE;
    }

  if (is_rect)
    {
      double w, h;

      if (!require_double (reader, id, "x", get_attr (names, values, "x"), &x, error) ||
          !require_double (reader, id, "y", get_attr (names, values, "y"), &y, error) ||
          !require_double (reader, id, "width", get_attr (names, values, "width"), &w, error) ||
          !require_double (reader, id, "height", get_attr (names, values, "height"), &h, error))
        return FALSE;
      /* SVG draws no rect without both. */
      if (!(w > 0 && h > 0))
        {
          what = describe (id);
          reader_error (reader, error, _("%s must have a positive width and height"), what);
          return FALSE;
        }
      x += w / 2;
      y += h / 2;
    }
  else
    {
      double r;

      if (!require_double (reader, id, "cx", get_attr (names, values, "cx"), &x, error) ||
          !require_double (reader, id, "cy", get_attr (names, values, "cy"), &y, error) ||
          !require_double (reader, id, "r", get_attr (names, values, "r"), &r, error))
        return FALSE;
      /* Without a radius SVG draws nothing: the seat would be on sale but not on the map. */
      if (!(r > 0))
        {
          what = describe (id);
          reader_error (reader, error, _("%s must have a positive radius “r”"), what);
          return FALSE;
        }
    }

  if (!tg_venue_add_seat (reader->venue, id, row, (guint) number_value, grade, flags, x, y, &local))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  reader_mark_placed (reader);
  return TRUE;
}

static gboolean
read_stage (Reader      *reader,
            const char  *element_name,
            const char **names,
            const char **values,
            GError     **error)
{
  double x, y, w, h;
  GError *local = NULL;

  if (!g_str_equal (element_name, "rect"))
    {
      g_autofree char *quoted = tg_venue_excerpt (element_name);

      reader_error (reader, error, _("the stage must be a <rect>, not <%s>"), quoted);
      return FALSE;
    }
  if (!reader_placed_as_written (reader))
    {
      reader_placement_error (reader, _("the stage"), error);
      return FALSE;
    }
  if (!reader_is_shown (reader, TRUE))
    {
      reader_shown_error (reader, _("the stage"), TRUE, error);
      return FALSE;
    }
  if (!require_double (reader, NULL, "x", get_attr (names, values, "x"), &x, error) ||
      !require_double (reader, NULL, "y", get_attr (names, values, "y"), &y, error) ||
      !require_double (reader, NULL, "width", get_attr (names, values, "width"), &w, error) ||
      !require_double (reader, NULL, "height", get_attr (names, values, "height"), &h, error))
    return FALSE;
  if (!tg_venue_set_stage (reader->venue, x, y, w, h, &local))
    {
      reader_position_error (reader, error, local);
      return FALSE;
    }
  reader_mark_placed (reader);
  if (get_attr (names, values, "id") != NULL)
    g_hash_table_add (reader->placed_ids, g_strdup (get_attr (names, values, "id")));
  return TRUE;
}

static void
reader_enter_element (Reader       *reader,
                      const char  **names,
                      const char  **values)
{
  g_auto(TgSvgPresentation) p = TG_SVG_PRESENTATION_INIT;

  tg_svg_presentation_read (names, values, &p);
  reader_enter (reader, &p);
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

  if (reader->depth == 1)
    {
      if (reader->venue != NULL)
        {
          /* GMarkup reads on after the root; XML (and librsvg) stop. */
          g_autofree char *quoted = tg_venue_excerpt (element_name);

          reader_error (reader, error, _("<%s> comes after the end of <svg>: a map has one root element"),
                        quoted);
          return;
        }
      reader_enter_element (reader, names, values);
      reader_push_group (reader, names, values);
      read_root (reader, element_name, names, values, error);
      return;
    }

  /* A sheet can move anything, even from inside <metadata>. */
  if (g_str_equal (element_name, "style") && reader->style_depth == 0)
    {
      reader->style_depth = reader->depth;
      reader->style_text = g_string_new (NULL);
      g_markup_parse_context_get_position (context, &reader->style_line, &reader->style_column);
    }

  local = tg_local (reader, element_name);
  if (reader->metadata_depth != 0)
    {
      if (local != NULL && g_str_equal (local, "grade"))
        read_grade (reader, names, values, error);
      return;
    }

  reader_enter_element (reader, names, values);
  /* Checked for the sections and seats inside it; the element itself may be a seat. */
  if (reader->container_depth == 0 && !g_str_equal (element_name, "g") &&
      !g_str_equal (element_name, "metadata"))
    reader->container_depth = reader->depth;

  if (local != NULL)
    {
      if (g_str_equal (local, "grade"))
        {
          g_autofree char *quoted = tg_venue_excerpt (element_name);

          reader_error (reader, error, _("<%s> must be inside <metadata>"), quoted);
        }
      return;   /* other TickGet elements are for later minor versions */
    }

  if (g_str_equal (element_name, "metadata"))
    {
      reader->metadata_depth = reader->depth;
      return;
    }

  if (g_str_equal (element_name, "g"))
    {
      const char *section_id = get_tg_attr (reader, names, values, "section");

      reader_push_group (reader, names, values);

      if (section_id != NULL)
        read_section (reader, section_id, names, values, error);
      return;
    }

  if (g_str_equal (element_name, "use"))
    reader_note_use (reader, names, values);

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
          g_autofree char *quoted = tg_venue_excerpt (element_name);

          reader_error (reader, error, _("a seat must be a <circle> or a <rect>, not <%s>"),
                        quoted);
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
                       reader->section_line,
                       reader_char_column (reader, reader->section_line, reader->section_column), local->message);
          g_error_free (local);
        }
    }
  if (reader->depth == reader->style_depth)
    {
      g_auto(TgSvgPresentation) sheet = TG_SVG_PRESENTATION_INIT;
      const char *hides;

      reader->style_depth = 0;
      tg_svg_presentation_read_css (reader->style_text->str, &sheet);
      /* Its selectors could reach any seat. */
      hides = sheet.hides != NULL ? sheet.hides : sheet.invisible != NULL ? sheet.invisible : sheet.faint;
      if (sheet.moves != NULL || hides != NULL || sheet.imports)
        {
          reader_fix_position (reader, &reader->style_line, &reader->style_column);
          reader->style_column = reader_char_column (reader, reader->style_line, reader->style_column);
        }
      if (sheet.imports)
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                     _("line %d, column %d: the <style> sheet imports another (@import), which seat maps do not allow"),
                     reader->style_line, reader->style_column);
      else if (sheet.moves != NULL)
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                     _("line %d, column %d: the <style> sheet sets “%s”, which seat maps do not allow"),
                     reader->style_line, reader->style_column, sheet.moves);
      else if (hides != NULL)
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                     _("line %d, column %d: the <style> sheet sets “%s”, which can hide seats; seat maps do not allow it"),
                     reader->style_line, reader->style_column, hides);
      g_string_free (g_steal_pointer (&reader->style_text), TRUE);
    }
  if (reader->depth == reader->metadata_depth)
    reader->metadata_depth = 0;
  if (reader->depth == reader->transform_depth)
    {
      reader->transform_depth = 0;
      g_clear_pointer (&reader->transform_style, g_free);
    }
  if (reader->depth == reader->hidden_depth)
    {
      reader->hidden_depth = 0;
      g_clear_pointer (&reader->hidden_by, g_free);
    }
  if (reader->groups->len > 0 &&
      g_array_index (reader->groups, Group, reader->groups->len - 1).depth == reader->depth)
    {
      Group *group = &g_array_index (reader->groups, Group, reader->groups->len - 1);

      if (group->holds)
        g_hash_table_add (reader->placed_ids, g_steal_pointer (&group->id));
      g_array_set_size (reader->groups, reader->groups->len - 1);
    }
  if (reader->depth == reader->container_depth)
    reader->container_depth = 0;
  reader->depth--;
}

static void
reader_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  Reader *reader = user_data;

  if (reader->style_text != NULL)
    g_string_append_len (reader->style_text, text, (gssize) length);
}

static const GMarkupParser reader_parser = {
  reader_start_element,
  reader_end_element,
  reader_text,
  NULL,
  NULL,
};

/* The line and column (in characters) of @at in @data, for a message. */
static void
get_position (const char *data,
              const char *at,
              int        *line,
              int        *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        (*column)++;
    }
}


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

  if (length > TG_VENUE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (length,
                                                  G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *limit = g_format_size_full (TG_VENUE_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                   _("The seat map is too big: %s, where the limit is %s"), size, limit);
      return NULL;
    }

  /* Editors on Windows start UTF-8 with a byte-order mark; GMarkup refuses it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE,
                   _("The seat map is not well-formed XML: line 1 starts a UTF-16 file; save it as UTF-8"));
      return NULL;
    }

  /* GMarkup takes a NUL byte, and cuts an attribute at it (id="A-1\0X" read as "A-1"), where
   * XML and librsvg refuse the file. */
  {
    const char *nul = length > 0 ? memchr (data, '\0', length) : NULL;

    if (nul != NULL)
      {
        int line = 1;

        for (const char *p = data; p < nul; p++)
          line += *p == '\n';
        g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE,
                     _("The seat map is not well-formed XML: line %d holds a NUL byte, which XML does not allow"),
                     line);
        return NULL;
      }
  }

  {
    gsize offset = 0;
    TgSvgOutsideStyle outside = tg_svg_find_outside_style (data, length, &offset);
    int line, column;

    if (outside != TG_SVG_OUTSIDE_NONE)
      {
        get_position (data, data + offset, &line, &column);
        if (outside == TG_SVG_OUTSIDE_STYLESHEET)
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("line %d, column %d: <?xml-stylesheet?> links a style sheet, which seat maps do not allow"),
                       line, column);
        else
          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("line %d, column %d: the DOCTYPE declares an internal subset ([…]), which seat maps do not allow: its attribute defaults would apply to every seat"),
                       line, column);
        return NULL;
      }
  }

  reader.data = data;
  reader.length = length;
  /* What is around the root: nothing that hides it. */
  reader.shown = g_array_sized_new (FALSE, FALSE, sizeof (Shown), 16);
  g_array_append_val (reader.shown, ((Shown) { .opacity = 1, .fill_opacity = 1 }));
  reader.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_array_set_clear_func (reader.groups, (GDestroyNotify) group_clear);
  reader.placed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.uses = g_array_new (FALSE, FALSE, sizeof (Use));
  g_array_set_clear_func (reader.uses, (GDestroyNotify) use_clear);
  /* CDATA is text: a sheet in <![CDATA[…]]> must be seen. */
  reader.context = g_markup_parse_context_new (&reader_parser, G_MARKUP_TREAT_CDATA_AS_TEXT,
                                               &reader, NULL);
  ok = g_markup_parse_context_parse (reader.context, data ? data : "", length, &local) &&
       g_markup_parse_context_end_parse (reader.context, &local);

  venue = g_steal_pointer (&reader.venue);
  if (ok)
    {
      int line = 0, column = 0;

      g_markup_parse_context_get_position (reader.context, &line, &column);
      column = reader_char_column (&reader, line, column);
      /* GMarkup accepts a document of nothing but an XML declaration or comments. */
      if (venue == NULL)
        {
          g_set_error (&local, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID,
                       _("line %d, column %d: the document has no <svg> element"), line, column);
          ok = FALSE;
        }
      else if (!reader_check_uses (&reader, venue, &local))
        ok = FALSE;
      else if (!tg_venue_finish (venue, &local))
        {
          g_prefix_error (&local, _("line %d, column %d: "), line, column);
          ok = FALSE;
        }
    }

  g_markup_parse_context_free (reader.context);
  g_free (reader.tg_prefix);
  g_free (reader.tg_prefix_shown);
  g_free (reader.transform_style);
  g_free (reader.hidden_by);
  g_array_unref (reader.shown);
  g_array_unref (reader.groups);
  g_hash_table_unref (reader.placed_ids);
  g_array_unref (reader.uses);
  if (reader.style_text != NULL)
    g_string_free (reader.style_text, TRUE);

  if (!ok)
    {
      if (local->domain == TG_VENUE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        {
          /* GMarkup's own messages already say "Error on line N char M: …", but quote the
           * file at any length, newlines and all. */
          g_autofree char *message = tg_venue_clean_message (local->message);

          g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE,
                       _("The seat map is not well-formed XML: %s"), message);
        }
      return NULL;
    }

  return g_steal_pointer (&venue);
}
