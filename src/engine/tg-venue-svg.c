/* tg-venue-svg.c: SVG as librsvg reads it — numbers, presentation attributes and CSS, and what
 * GMarkup passes over — so that the seat-map reader (tg-venue-reader.c) checks what a viewer will
 * draw. Nothing here words a message: it says what it found, the reader says what is wrong.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "tg-venue-private.h"

/* The white space CSS, and so librsvg, skips around a number. */
static gboolean
is_number_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *
skip_digits (const char *p)
{
  while (g_ascii_isdigit (*p))
    p++;
  return p;
}

/* A number as librsvg reads it, so that the map is drawn where the engine places it: an optional
 * sign, digits with an optional fraction or a fraction alone (".5"), an optional exponent, white
 * space around. g_ascii_strtod() alone also takes hex ("0x7A"), "inf", "nan" and "5.", which
 * librsvg all draws at 0. A value beyond a double (1e999, 1e-999) is refused too. */
gboolean
tg_svg_parse_number (const char *text,
                     double     *out)
{
  static const double powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  const char *p, *end;
  char *stop = NULL;
  guint64 digits = 0;
  guint n_digits = 0, n_decimals = 0;
  gboolean negative = FALSE, exponent = FALSE;
  double value;

  if (text == NULL)
    return FALSE;
  while (is_number_space (*text))
    text++;

  p = text;
  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
    return FALSE;
  /* Past 19 digits this wraps around, but then only g_ascii_strtod()'s value is used. */
  for (; g_ascii_isdigit (*p); p++, n_digits++)
    digits = digits * 10 + (guint64) (*p - '0');
  if (*p == '.')
    {
      if (!g_ascii_isdigit (p[1]))
        return FALSE;
      for (p++; g_ascii_isdigit (*p); p++, n_digits++, n_decimals++)
        digits = digits * 10 + (guint64) (*p - '0');
    }
  if (*p == 'e' || *p == 'E')
    {
      exponent = TRUE;
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      p = skip_digits (p);
    }
  end = p;
  while (is_number_space (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  /* Nearly every number in a map is a short decimal ("52", "4.5", "1234.56"). Up to 15 digits,
   * the digits and the power of ten are exact doubles and a division rounds once, so this is
   * the correctly rounded value g_ascii_strtod() gives, in a fraction of its time. */
  if (!exponent && n_digits <= 15)
    value = (double) digits / powers_of_ten[n_decimals];
  else
    {
      errno = 0;
      value = g_ascii_strtod (text, &stop);
      if (stop != end || errno != 0 || !isfinite (value))
        return FALSE;
      value = fabs (value);
    }

  /* Not -0: the writer saves it as 0, so it would not read back the same. */
  *out = value == 0 ? 0 : negative ? -value : value;
  return TRUE;
}

gboolean
tg_svg_parse_length (const char *text,
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
  return tg_svg_parse_number (text, out) && *out > 0;
}

/* Parses exactly @n numbers separated by spaces and/or commas. */
gboolean
tg_svg_parse_numbers (const char *text,
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
      if (found == n || !tg_svg_parse_number (parts[i], &out[found]))
        return FALSE;
      found++;
    }
  return found == n;
}

void
tg_svg_presentation_clear (TgSvgPresentation *p)
{
  g_clear_pointer (&p->moves, g_free);
  g_clear_pointer (&p->hides, g_free);
  g_clear_pointer (&p->invisible, g_free);
  g_clear_pointer (&p->faint, g_free);
}

/* "name: value" as a message quotes it. */
static char *
describe_declaration (const char *name,
                      const char *value)
{
  g_autofree char *quoted = tg_venue_excerpt (value);

  g_strstrip (quoted);
  return g_strdup_printf ("%s: %s", name, quoted);
}

/* An opacity as librsvg reads it: a number, a percentage, or a number followed by any unit, which
 * it drops ("0.5px" is 0.5); clamped to 0..1. FALSE for anything else, which librsvg ignores. */
static gboolean
parse_opacity (const char *text,
               double     *out)
{
  g_autofree char *number = NULL;
  const char *p, *start;
  double value;

  while (is_number_space (*text))
    text++;
  start = p = text;
  if (*p == '+' || *p == '-')
    p++;
  if (g_ascii_isdigit (*p))
    {
      p = skip_digits (p);
      if (*p == '.' && g_ascii_isdigit (p[1]))
        p = skip_digits (p + 1);
    }
  else if (*p == '.' && g_ascii_isdigit (p[1]))
    p = skip_digits (p + 1);
  else
    return FALSE;
  if ((*p == 'e' || *p == 'E') &&
      (g_ascii_isdigit (p[1]) || ((p[1] == '+' || p[1] == '-') && g_ascii_isdigit (p[2]))))
    p = skip_digits (p + 2);

  /* Only the number: g_ascii_strtod() would read "0x5" as 5, where CSS reads 0 and a unit. */
  number = g_strndup (start, p - start);
  value = g_ascii_strtod (number, NULL);
  if (*p == '%')
    {
      value /= 100;
      p++;
    }
  else
    while (g_ascii_isalpha (*p))
      p++;
  while (is_number_space (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  /* Not NaN: the syntax has none; an overflow is ±inf, which clamps. */
  *out = CLAMP (value, 0, 1);
  return TRUE;
}

/* A CSS keyword or value as it compares: lower case, without white space around or a trailing
 * "!important". */
static char *
normalize_value (const char *value)
{
  char *v = g_ascii_strdown (value, -1);
  gsize len;

  g_strstrip (v);
  len = strlen (v);
  if (len >= strlen ("!important") && g_str_has_suffix (v, "!important"))
    {
      v[len - strlen ("!important")] = '\0';
      g_strstrip (v);
    }
  return v;
}

/* Notes property @name (an attribute name, or a CSS property name in lower case) if it can hide
 * an element. A value with a CSS escape in it ("n\6f ne") could spell anything: it counts as
 * hiding. */
static void
presentation_add (TgSvgPresentation *p,
                  const char        *name,
                  const char        *value)
{
  g_autofree char *v = NULL;
  gboolean opacity = FALSE;

  /* The first letters first: this runs for every attribute of every element. */
  switch (name[0])
    {
    case 'd':
      if (!g_str_equal (name, "display"))
        return;
      v = normalize_value (value);
      if ((g_str_equal (v, "none") || strchr (v, '\\') != NULL) && p->hides == NULL)
        p->hides = describe_declaration (name, value);
      return;

    case 'v':
      if (!g_str_equal (name, "visibility"))
        return;
      v = normalize_value (value);
      if (g_str_equal (v, "hidden") || g_str_equal (v, "collapse") || strchr (v, '\\') != NULL)
        {
          if (p->invisible == NULL)
            p->invisible = describe_declaration (name, value);
        }
      else if (g_str_equal (v, "visible"))
        p->visible = TRUE;
      return;

    case 'c':
    case 'm':
    case 'f':
      if (g_str_equal (name, "clip-path") || g_str_equal (name, "mask") ||
          g_str_equal (name, "filter"))
        {
          /* What they refer to can hide anything: an empty clip path, a black mask. */
          v = normalize_value (value);
          if (v[0] != '\0' && !g_str_equal (v, "none") && p->hides == NULL)
            p->hides = describe_declaration (name, value);
          return;
        }
      if (!g_str_equal (name, "fill-opacity"))
        return;
      break;

    case 'o':
      if (!g_str_equal (name, "opacity"))
        return;
      opacity = TRUE;
      break;

    default:
      return;
    }

  /* opacity or fill-opacity */
  {
    double x;

    v = normalize_value (value);
    /* var(), calc(), an escape: no telling what a viewer makes of them. */
    if (strchr (v, '(') != NULL || strchr (v, '\\') != NULL)
      x = 0;
    else if (!parse_opacity (v, &x))
      return;   /* librsvg ignores it */

    if (x < TG_SVG_MIN_OPACITY && p->faint == NULL)
      p->faint = describe_declaration (name, value);
    if (opacity)
      p->opacity = MIN (p->opacity, x);
    else
      p->fill_opacity = p->fill_opacity < 0 ? x : MIN (p->fill_opacity, x);
  }
}

/* CSS properties that move or resize shapes. librsvg honours them in a style attribute and in a
 * <style> sheet, over the attributes the reader reads: style="cx: 80px" draws a seat elsewhere. */
static gboolean
is_geometry_property (const char *name)
{
  static const char * const properties[] = {
    "translate", "rotate", "scale", "x", "y", "cx", "cy", "r", "width", "height",
  };

  if (g_str_has_prefix (name, "transform") || g_str_has_prefix (name, "offset"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if (g_str_equal (name, properties[i]))
      return TRUE;
  return FALSE;
}

/* Reads CSS — a style attribute's declarations or a whole sheet — into @p: whether it moves or
 * resizes shapes, and what it does to seeing them. It errs towards yes: a property name with an
 * escape ("tr\61nsform" is "transform") counts as moving, and so does a selector that reads like a
 * property ("x:hover"). */
void
tg_svg_presentation_read_css (const char        *css,
                              TgSvgPresentation *p)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  /* Comments go first: one between "trans" and "form" leaves no property, one before
   * "transform" hides nothing. */
  for (const char *c = css; *c != '\0';)
    {
      if (c[0] == '/' && c[1] == '*')
        {
          const char *end = strstr (c + 2, "*/");

          if (end == NULL)
            break;
          g_string_append_c (text, ' ');
          c = end + 2;
        }
      else
        g_string_append_c (text, *c++);
    }

  /* A sheet that imports another could say anything. */
  for (const char *at = strchr (text->str, '@'); at != NULL; at = strchr (at + 1, '@'))
    if (g_ascii_strncasecmp (at + 1, "import", strlen ("import")) == 0 || at[1] == '\\')
      p->imports = TRUE;

  /* Splitting inside a string or at an escaped ";" only makes more pieces, never hides one. */
  parts = g_strsplit_set (text->str, ";{}", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        continue;
      name = g_ascii_strdown (parts[i], colon - parts[i]);
      g_strstrip (name);
      if (is_geometry_property (name) || strchr (name, '\\') != NULL)
        {
          if (p->moves == NULL)
            p->moves = tg_venue_excerpt (name);
          continue;
        }
      presentation_add (p, name, colon + 1);
    }
}

/* Reads what an element's attributes say about placing and seeing it. This runs for every
 * attribute of every element: the letters first, so that a seat's id, cx, fill and tg:row cost a
 * comparison or two each. */
void
tg_svg_presentation_read (const char        **names,
                          const char        **values,
                          TgSvgPresentation  *p)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];

      switch (name[0])
        {
        case 't':
          if (g_str_equal (name, "transform"))
            p->transform = TRUE;
          break;
        case 's':
          if (g_str_equal (name, "style"))
            tg_svg_presentation_read_css (values[i], p);
          break;
        case 'c':   /* clip-path, not cx or cy */
          if (name[1] == 'l')
            presentation_add (p, name, values[i]);
          break;
        case 'f':   /* fill-opacity or filter, not fill */
          if (name[1] == 'i' && name[2] == 'l' && (name[3] == 't' || (name[3] == 'l' && name[4] == '-')))
            presentation_add (p, name, values[i]);
          break;
        case 'd':
        case 'm':
        case 'o':
        case 'v':
          presentation_add (p, name, values[i]);
          break;
        default:
          break;
        }
    }
}

/* librsvg (libxml2) applies two things GMarkup passes over: a style sheet that an
 * <?xml-stylesheet?> instruction links, anywhere in the file, and attribute defaults that the
 * DOCTYPE's internal subset declares (<!ATTLIST circle display CDATA "none"> hides every seat).
 * They are found in the bytes, as GMarkup's passthrough callback mishandles invalid UTF-8. */
TgSvgOutsideStyle
tg_svg_find_outside_style (const char *data,
                           gsize       length,
                           gsize      *offset)
{
  static const char stylesheet[] = "xml-stylesheet";
  const char *end = data + length;

  /* "?" is rare in a map: this costs next to nothing. Even in a comment, to be safe. */
  for (const char *q = data; (q = memchr (q, '?', end - q)) != NULL; q++)
    if (q > data && q[-1] == '<' && (gsize) (end - q - 1) >= strlen (stylesheet) &&
        g_ascii_strncasecmp (q + 1, stylesheet, strlen (stylesheet)) == 0)
      {
        *offset = (gsize) (q - 1 - data);
        return TG_SVG_OUTSIDE_STYLESHEET;
      }

  /* A DOCTYPE only counts before the root element. */
  for (const char *p = data; (p = memchr (p, '<', end - p)) != NULL;)
    {
      gsize left = end - p;
      const char *q;

      if (left >= 2 && p[1] == '?')
        q = g_strstr_len (p, (gssize) left, "?>");
      else if (left >= 4 && memcmp (p, "<!--", 4) == 0)
        q = g_strstr_len (p, (gssize) left, "-->");
      else if (left >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        {
          char quote = 0;

          for (q = p + 9; q < end && (quote != 0 || (*q != '[' && *q != '>')); q++)
            if (quote == 0 && (*q == '"' || *q == '\''))
              quote = *q;
            else if (*q == quote)
              quote = 0;
          if (q < end && *q == '[')
            {
              *offset = (gsize) (p - data);
              return TG_SVG_OUTSIDE_DTD_SUBSET;
            }
          break;
        }
      else
        break;   /* the root element */
      if (q == NULL)
        break;
      p = q + 1;
    }
  return TG_SVG_OUTSIDE_NONE;
}
