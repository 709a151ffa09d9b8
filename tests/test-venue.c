#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tg-rng.h"
#include "tg-venue.h"
#include "tg-venue-private.h"

/* The smallest valid map; malformed cases below edit one of its lines. */
static const char * const template_lines[] = {
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"Test\" viewBox=\"0 0 200 200\">",
  "  <metadata>",
  "    <tg:grade id=\"R\" name=\"R석\" price=\"132000\" color=\"#1f9e4a\" rank=\"1\"/>",
  "    <tg:grade id=\"S\" name=\"S석\" price=\"110000\" color=\"#2d86d9\" rank=\"2\"/>",
  "  </metadata>",
  "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
  "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">",
  "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"80\" r=\"4\"/>",
  "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
  "    <circle id=\"A-2-1\" tg:row=\"2\" tg:number=\"1\" tg:grade=\"S\" cx=\"40\" cy=\"100\" r=\"4\"/>",
  "  </g>",
  "</svg>",
};

/* The template with line @line (1-based; 0 for none) replaced by @replacement, which may span
 * several lines or be empty to delete it. */
static char *
template_with (guint       line,
               const char *replacement)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (template_lines); i++)
    {
      if (i + 1 == line)
        {
          if (replacement[0] != '\0')
            g_string_append_printf (out, "%s\n", replacement);
        }
      else
        g_string_append_printf (out, "%s\n", template_lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* What every load error must be: one line of valid UTF-8 without control characters, short, and
 * naming a line — @line if it is above 0, any if it is 0; -1 for an input without a line. */
static void
assert_good_message (const GError *error,
                     int           line)
{
  const char *message;
  const char *found;

  g_assert_nonnull (error);
  g_assert_true (error->domain == TG_VENUE_ERROR);
  message = error->message;
  if (!g_utf8_validate (message, -1, NULL))
    g_error ("the message is not valid UTF-8: %s", message);
  if (strlen (message) >= 300)
    g_error ("the message is %zu bytes long: %.300s", strlen (message), message);
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT ||
          c == 0x2028 || c == 0x2029)
        g_error ("the message has the control character U+%04X: %s", c, message);
    }

  if (line < 0)
    return;
  found = strstr (message, "line ");
  if (found == NULL || !g_ascii_isdigit (found[strlen ("line ")]))
    g_error ("the message names no line: %s", message);
  if (line > 0)
    {
      g_autofree char *where = g_strdup_printf ("line %d", line);

      found = strstr (message, where);
      if (found == NULL || g_ascii_isdigit (found[strlen (where)]))
        g_error ("“%s” does not name %s", message, where);
    }
}

static void
test_template_valid (void)
{
  g_autofree char *text = template_with (0, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_load_data (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, 3);
  g_assert_cmpuint (tg_venue_get_n_sections (venue), ==, 1);
  g_assert_cmpuint (tg_venue_get_n_grades (venue), ==, 2);
}

static void
check_preset_counts (const char  *name,
                     guint        n_seats,
                     guint        n_sections,
                     const char  *grade_ids[],
                     const guint  grade_counts[],
                     guint        n_grades)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_new_preset (name, &error);
  guint counts[TG_VENUE_MAX_GRADES];
  guint sum = 0;

  g_assert_no_error (error);
  g_assert_nonnull (venue);
  g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, n_seats);
  g_assert_cmpuint (tg_venue_get_n_sections (venue), ==, n_sections);
  g_assert_cmpuint (tg_venue_get_n_grades (venue), ==, n_grades);

  tg_venue_count_by_grade (venue, counts);
  for (guint i = 0; i < n_grades; i++)
    {
      const TgGrade *grade = tg_venue_get_grade (venue, i);

      g_assert_cmpstr (grade->id, ==, grade_ids[i]);
      g_assert_cmpuint (counts[i], ==, grade_counts[i]);
      sum += counts[i];
    }
  g_assert_cmpuint (sum, ==, n_seats);

  for (guint i = 0; i < n_sections; i++)
    sum -= tg_venue_get_section (venue, i)->n_seats;
  g_assert_cmpuint (sum, ==, 0);
}

static void
test_preset_small (void)
{
  const char *ids[] = { "VIP", "R", "S", "A" };
  const guint counts[] = { 356, 487, 269, 119 };

  check_preset_counts ("small", 1231, 6, ids, counts, 4);
}

static void
test_preset_medium (void)
{
  const char *ids[] = { "VIP", "R", "S", "A" };
  const guint counts[] = { 1008, 810, 1332, 1106 };

  check_preset_counts ("medium", 4256, 20, ids, counts, 4);
}

static void
test_preset_large (void)
{
  const char *ids[] = { "STANDING", "VIP", "R", "S" };
  const guint counts[] = { 4000, 3981, 5068, 3375 };
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("large", NULL);
  guint standing_sections = 0;

  check_preset_counts ("large", 16424, 57, ids, counts, 4);

  for (guint i = 0; i < tg_venue_get_n_sections (venue); i++)
    {
      const TgSection *section = tg_venue_get_section (venue, i);

      if (section->standing)
        {
          standing_sections++;
          for (guint s = 0; s < section->n_seats; s++)
            {
              const TgSeat *seat = tg_venue_get_seat (venue, section->first_seat + s);
              g_assert_true (seat->flags & TG_SEAT_FLAG_STANDING);
              g_assert_cmpstr (tg_venue_get_grade (venue, seat->grade)->id, ==, "STANDING");
            }
        }
    }
  g_assert_cmpuint (standing_sections, >=, 2);
}

static void
test_preset_prices (void)
{
  static const struct { const char *id; guint price; } expected[] = {
    { "STANDING", 170000 }, { "VIP", 143000 }, { "R", 132000 }, { "S", 110000 }, { "A", 80000 },
  };

  for (const char * const *name = tg_venue_list_presets (); *name != NULL; name++)
    {
      g_autoptr(TgVenue) venue = tg_venue_new_preset (*name, NULL);

      for (guint g = 0; g < tg_venue_get_n_grades (venue); g++)
        {
          const TgGrade *grade = tg_venue_get_grade (venue, g);
          gboolean found = FALSE;

          for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
            if (g_str_equal (expected[e].id, grade->id))
              {
                g_assert_cmpuint (grade->price, ==, expected[e].price);
                found = TRUE;
              }
          g_assert_true (found);
          /* Ranks follow prices: the most expensive is rank 0. */
          if (g > 0)
            g_assert_cmpuint (tg_venue_get_grade (venue, g - 1)->price, >, grade->price);
          g_assert_cmpuint (grade->rank, ==, g);
        }
    }
}

static void
test_preset_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("stadium", &error);

  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_UNKNOWN_PRESET);
  g_assert_nonnull (strstr (error->message, "stadium"));
}

/* Rules a real hall obeys: seats never overlap (within or across sections), everything is on
 * the map and away from the stage, rows are contiguous and increasing, premium seats are nearer
 * the stage, and a few seats are accessible or restricted-view. */
static void
test_preset_geometry (void)
{
  for (const char * const *name = tg_venue_list_presets (); *name != NULL; name++)
    {
      g_autoptr(TgVenue) venue = tg_venue_new_preset (*name, NULL);
      g_autoptr(GHashTable) grid = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autofree gint64 *keys = NULL;
      guint n = tg_venue_get_n_seats (venue);
      const TgSeat *seats = tg_venue_get_seats (venue);
      double width, height, sx, sy, sw, sh;
      double dist_sum[TG_VENUE_MAX_GRADES] = { 0 };
      guint counts[TG_VENUE_MAX_GRADES];
      guint accessible = 0, restricted = 0;
      const double cell = 12;

      tg_venue_get_size (venue, &width, &height);
      tg_venue_get_stage (venue, &sx, &sy, &sw, &sh);
      tg_venue_count_by_grade (venue, counts);
      keys = g_new (gint64, n);

      for (guint i = 0; i < n; i++)
        {
          const TgSeat *seat = &seats[i];
          const TgSection *section = tg_venue_get_section (venue, seat->section);
          gboolean standing = (seat->flags & TG_SEAT_FLAG_STANDING) != 0;
          double min_gap = standing ? 6.5 : 10.5;
          gint64 gx = (gint64) floor (seat->x / cell), gy = (gint64) floor (seat->y / cell);

          g_assert_cmpfloat (seat->x, >, 0);
          g_assert_cmpfloat (seat->y, >, sy + sh / 2);
          g_assert_cmpfloat (seat->x, <, width);
          g_assert_cmpfloat (seat->y, <, height);
          g_assert_cmpfloat (seat->x, >=, section->x);
          g_assert_cmpfloat (seat->x, <=, section->x + section->width);
          g_assert_cmpfloat (seat->y, >=, section->y);
          g_assert_cmpfloat (seat->y, <=, section->y + section->height);
          g_assert_cmpuint (tg_venue_find_seat (venue, seat->id), ==, i);
          g_assert_cmpuint (i, >=, section->first_seat);
          g_assert_cmpuint (i, <, section->first_seat + section->n_seats);
          if (i > 0 && seats[i - 1].section == seat->section && seats[i - 1].row == seat->row)
            g_assert_cmpuint (seats[i - 1].number, <, seat->number);

          /* Nearest neighbours through a grid of cells as big as the seat pitch. */
          for (gint64 dx = -1; dx <= 1; dx++)
            for (gint64 dy = -1; dy <= 1; dy++)
              {
                gint64 key = ((gx + dx) << 32) ^ (gy + dy);
                GPtrArray *bucket = g_hash_table_lookup (grid, &key);

                for (guint b = 0; bucket != NULL && b < bucket->len; b++)
                  {
                    const TgSeat *other = g_ptr_array_index (bucket, b);
                    double d = hypot (other->x - seat->x, other->y - seat->y);

                    if (d < min_gap)
                      g_error ("%s: seats %s and %s are %.1f apart", *name, seat->id, other->id, d);
                  }
              }
          keys[i] = (gx << 32) ^ gy;
          {
            GPtrArray *bucket = g_hash_table_lookup (grid, &keys[i]);
            if (bucket == NULL)
              {
                bucket = g_ptr_array_new ();
                g_hash_table_insert (grid, &keys[i], bucket);
              }
            g_ptr_array_add (bucket, (gpointer) seat);
          }

          dist_sum[seat->grade] += hypot (seat->x - (sx + sw / 2), seat->y - (sy + sh));
          accessible += (seat->flags & TG_SEAT_FLAG_ACCESSIBLE) != 0;
          restricted += (seat->flags & TG_SEAT_FLAG_RESTRICTED_VIEW) != 0;
        }

      {
        GHashTableIter iter;
        gpointer bucket;

        g_hash_table_iter_init (&iter, grid);
        while (g_hash_table_iter_next (&iter, NULL, &bucket))
          g_ptr_array_unref (bucket);
      }

      /* Seated grades in rank order are ever further from the stage on average. */
      for (guint g = 1; g < tg_venue_get_n_grades (venue); g++)
        if (!g_str_equal (tg_venue_get_grade (venue, g - 1)->id, "STANDING"))
          g_assert_cmpfloat (dist_sum[g - 1] / counts[g - 1], <, dist_sum[g] / counts[g]);

      g_assert_cmpuint (accessible, >=, 4);
      g_assert_cmpuint (accessible, <, n / 50);
      g_assert_cmpuint (restricted, >=, 4);
      g_assert_cmpuint (restricted, <, n / 10);
    }
}

static void
test_preset_deterministic (void)
{
  for (const char * const *name = tg_venue_list_presets (); *name != NULL; name++)
    {
      g_autoptr(TgVenue) a = tg_venue_new_preset (*name, NULL);
      g_autoptr(TgVenue) b = tg_venue_new_preset (*name, NULL);
      gsize la, lb;
      g_autofree char *sa = tg_venue_to_svg (a, &la);
      g_autofree char *sb = tg_venue_to_svg (b, &lb);

      g_assert_cmpmem (sa, la, sb, lb);
    }
}

static void
assert_same_venue (TgVenue *a,
                   TgVenue *b)
{
  double a4[4], b4[4];

  g_assert_cmpstr (tg_venue_get_name (a), ==, tg_venue_get_name (b));
  tg_venue_get_size (a, &a4[0], &a4[1]);
  tg_venue_get_size (b, &b4[0], &b4[1]);
  g_assert_cmpfloat (a4[0], ==, b4[0]);
  g_assert_cmpfloat (a4[1], ==, b4[1]);
  tg_venue_get_stage (a, &a4[0], &a4[1], &a4[2], &a4[3]);
  tg_venue_get_stage (b, &b4[0], &b4[1], &b4[2], &b4[3]);
  g_assert_cmpmem (a4, sizeof a4, b4, sizeof b4);

  g_assert_cmpuint (tg_venue_get_n_grades (a), ==, tg_venue_get_n_grades (b));
  for (guint i = 0; i < tg_venue_get_n_grades (a); i++)
    {
      const TgGrade *ga = tg_venue_get_grade (a, i), *gb = tg_venue_get_grade (b, i);

      g_assert_cmpstr (ga->id, ==, gb->id);
      g_assert_cmpstr (ga->name, ==, gb->name);
      g_assert_cmpstr (ga->color, ==, gb->color);
      g_assert_cmpuint (ga->price, ==, gb->price);
      g_assert_cmpuint (ga->rank, ==, gb->rank);
    }

  g_assert_cmpuint (tg_venue_get_n_sections (a), ==, tg_venue_get_n_sections (b));
  for (guint i = 0; i < tg_venue_get_n_sections (a); i++)
    {
      const TgSection *sa = tg_venue_get_section (a, i), *sb = tg_venue_get_section (b, i);
      double la[3], lb[3];

      g_assert_cmpstr (sa->id, ==, sb->id);
      g_assert_cmpstr (sa->name, ==, sb->name);
      g_assert_cmpuint (sa->first_seat, ==, sb->first_seat);
      g_assert_cmpuint (sa->n_seats, ==, sb->n_seats);
      g_assert_cmpint (sa->standing, ==, sb->standing);
      g_assert_cmpfloat (sa->x, ==, sb->x);
      g_assert_cmpfloat (sa->y, ==, sb->y);
      g_assert_cmpfloat (sa->width, ==, sb->width);
      g_assert_cmpfloat (sa->height, ==, sb->height);
      tg_venue_get_section_label (a, i, &la[0], &la[1], &la[2]);
      tg_venue_get_section_label (b, i, &lb[0], &lb[1], &lb[2]);
      g_assert_cmpmem (la, sizeof la, lb, sizeof lb);
    }

  g_assert_cmpuint (tg_venue_get_n_seats (a), ==, tg_venue_get_n_seats (b));
  for (guint i = 0; i < tg_venue_get_n_seats (a); i++)
    {
      const TgSeat *sa = tg_venue_get_seat (a, i), *sb = tg_venue_get_seat (b, i);

      g_assert_cmpstr (sa->id, ==, sb->id);
      g_assert_cmpstr (sa->row, ==, sb->row);
      g_assert_cmpuint (sa->number, ==, sb->number);
      g_assert_cmpuint (sa->section, ==, sb->section);
      g_assert_cmpuint (sa->grade, ==, sb->grade);
      g_assert_cmpuint (sa->flags, ==, sb->flags);
      g_assert_cmpfloat (sa->x, ==, sb->x);
      g_assert_cmpfloat (sa->y, ==, sb->y);
    }
}

/* Saving @venue and loading what was saved gives the same venue, and saving that the same bytes. */
static void
assert_round_trip (TgVenue *venue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) loaded = NULL;
  g_autofree char *svg = NULL, *again = NULL;
  gsize length, length_again;

  svg = tg_venue_to_svg (venue, &length);
  loaded = tg_venue_load_data (svg, length, &error);
  if (loaded == NULL)
    g_error ("a saved venue does not load: %s\n%s", error->message, svg);
  assert_same_venue (venue, loaded);
  again = tg_venue_to_svg (loaded, &length_again);
  g_assert_cmpmem (svg, length, again, length_again);
}

/* Values at the edges of what a map may hold survive saving. */
static void
test_round_trip_edges (void)
{
  static const struct { const char *what; guint line; const char *replacement; } cases[] = {
    { "a standing spot a hair off the edge", 8,
      "  <g tg:section=\"A\" tg:name=\"A구역\" tg:standing=\"true\" tg:bbox=\"0 0 180 120\">\n"
      "    <circle id=\"A-0-1\" tg:row=\"0\" tg:number=\"1\" tg:grade=\"R\" cx=\"1e-20\" cy=\"3e-30\" r=\"4\"/>" },
    { "a label turned a full circle back", 8,
      "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" tg:label=\"100 50 -360\">" },
    { "minus zero", 7,
      "  <rect tg:role=\"stage\" x=\"-0\" y=\"-0.0\" width=\"100\" height=\"30\"/>" },
    { "a section box at the limit", 8,
      "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"-1000000 -1000000 2000000 2000000\">" },
    { "names and ids with XML's special characters and invisible characters names may hold", 8,
      "  <g tg:section=\"&lt;A&amp;B&gt;\" tg:name=\"&quot;구역&quot; &apos;A&apos; &#x200D;&#x00AD;&#x200E;\" tg:bbox=\"20 60 160 60\">\n"
      "    <circle id=\"&lt;A&amp;B&gt;-0-1\" tg:row=\"0 &amp; &#xA0;\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"70\" r=\"4\"/>" },
    { "a seat at the corner of the map", 10,
      "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"180.00999999\" cy=\"60\" r=\"4\"/>" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *text = template_with (cases[c].line, cases[c].replacement);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = NULL;

      g_test_message ("case: %s", cases[c].what);
      venue = tg_venue_load_data (text, strlen (text), &error);
      g_assert_no_error (error);
      assert_round_trip (venue);
    }
}

static void
test_round_trip (void)
{
  for (const char * const *name = tg_venue_list_presets (); *name != NULL; name++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = tg_venue_new_preset (*name, &error);
      g_autoptr(TgVenue) loaded = NULL;
      g_autofree char *svg = NULL, *again = NULL;
      gsize length, length_again;

      g_assert_no_error (error);
      svg = tg_venue_to_svg (venue, &length);
      g_assert_cmpuint (length, ==, strlen (svg));
      loaded = tg_venue_load_data (svg, length, &error);
      g_assert_no_error (error);
      assert_same_venue (venue, loaded);

      /* Writing what was read gives the very same bytes. */
      again = tg_venue_to_svg (loaded, &length_again);
      g_assert_cmpmem (svg, length, again, length_again);
    }
}

static void
test_backdrop (void)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("large", NULL);
  g_autoptr(TgVenue) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  gsize length;

  svg = tg_venue_to_backdrop_svg (venue, &length);
  g_assert_cmpuint (length, ==, strlen (svg));
  g_assert_null (strstr (svg, "tg:row"));
  g_assert_null (strstr (svg, "<circle"));
  g_assert_nonnull (strstr (svg, "tg:role=\"stage\""));
  for (guint i = 0; i < tg_venue_get_n_sections (venue); i++)
    g_assert_nonnull (strstr (svg, tg_venue_get_section (venue, i)->name));

  /* A drawing, not a map: its sections are empty. */
  loaded = tg_venue_load_data (svg, length, &error);
  g_assert_null (loaded);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has no seats"));
}

static TgVenue *
load_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "venue", "mini.svg", NULL);
  g_autoptr(GError) error = NULL;
  TgVenue *venue = tg_venue_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (venue);
  return venue;
}

static void
test_load_file (void)
{
  g_autoptr(TgVenue) venue = load_fixture ();
  const TgSeat *seat;
  const TgSection *section;
  double x, y, angle;

  g_assert_cmpstr (tg_venue_get_name (venue), ==, "작은 무대");
  tg_venue_get_size (venue, &x, &y);
  g_assert_cmpfloat (x, ==, 260);
  g_assert_cmpfloat (y, ==, 190);
  g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, 15);
  g_assert_cmpuint (tg_venue_get_n_sections (venue), ==, 3);
  g_assert_cmpstr (tg_venue_get_grade (venue, 0)->name, ==, "스탠딩");
  g_assert_cmpuint (tg_venue_get_grade (venue, 0)->price, ==, 170000);
  g_assert_cmpstr (tg_venue_get_grade (venue, 1)->color, ==, "#1f9e4a");

  /* A standing spot is a <rect>; its position is its centre. */
  seat = tg_venue_get_seat (venue, tg_venue_find_seat (venue, "P-2-3"));
  g_assert_cmpfloat (seat->x, ==, 145);
  g_assert_cmpfloat (seat->y, ==, 67);
  g_assert_cmpuint (seat->flags, ==, TG_SEAT_FLAG_STANDING);
  g_assert_true (tg_venue_get_section (venue, seat->section)->standing);

  seat = tg_venue_get_seat (venue, tg_venue_find_seat (venue, "A-2-1"));
  g_assert_cmpuint (seat->flags, ==, TG_SEAT_FLAG_ACCESSIBLE);
  g_assert_cmpstr (seat->row, ==, "2");
  seat = tg_venue_get_seat (venue, tg_venue_find_seat (venue, "B-1-1"));
  g_assert_cmpuint (seat->flags, ==, TG_SEAT_FLAG_RESTRICTED_VIEW);

  section = tg_venue_get_section (venue, 1);
  g_assert_cmpstr (section->name, ==, "A구역");
  g_assert_cmpuint (section->first_seat, ==, 6);
  g_assert_cmpuint (section->n_seats, ==, 6);
  g_assert_cmpfloat (section->width, ==, 80);

  tg_venue_get_section_label (venue, 2, &x, &y, &angle);
  g_assert_cmpfloat (x, ==, 232);
  g_assert_cmpfloat (angle, ==, -90);
  /* Without tg:label the name sits above the bounding box. */
  tg_venue_get_section_label (venue, 0, &x, &y, &angle);
  g_assert_cmpfloat (x, ==, 130);
  g_assert_cmpfloat (y, <, 50);
  g_assert_cmpfloat (angle, ==, 0);
}

static void
test_save_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tickget-venue-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("medium", NULL);
  g_autoptr(TgVenue) loaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "hall.svg", NULL);
  g_assert_true (tg_venue_save_file (venue, path, &error));
  g_assert_no_error (error);
  loaded = tg_venue_load_file (path, &error);
  g_assert_no_error (error);
  assert_same_venue (venue, loaded);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  g_clear_object (&loaded);
  loaded = tg_venue_load_file (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (tg_venue_save_file (venue, path, &error));
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO);
}

static void
assert_not_a_file (const char *path,
                   const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_load_file (path, &error);
  g_autofree char *expected = g_strdup_printf ("is not a seat-map file (it is %s)", kind);

  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Only regular files are read: a folder or a device gave mmap errors, and a FIFO with no writer
 * hung the open forever. */
static void
test_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tickget-venue-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "pipe.svg", NULL);

  g_assert_no_error (error);
  if (mkfifo (fifo, 0600) != 0)
    g_error ("mkfifo: %s", g_strerror (errno));

  if (g_test_subprocess ())
    {
      assert_not_a_file (dir, "a folder");
      assert_not_a_file ("/dev/null", "a device");
      assert_not_a_file (fifo, "a named pipe");
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_remove (fifo), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The message names both sizes as g_format_size() writes them: its digit grouping and decimal
 * point follow LC_NUMERIC ("67,108,865 bytes", "64,0 MiB"). */
static void
assert_too_big_message (const GError *error,
                        gsize         length)
{
  g_autofree char *size = g_format_size_full (length,
                                              G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *limit = g_format_size_full (TG_VENUE_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *expected = g_strdup_printf ("is too big: %s, where the limit is %s", size, limit);

  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Files over TG_VENUE_MAX_FILE_SIZE are not read, nor data that long. */
static void
test_too_big (void)
{
  /* The test runs in the C locale; try one that groups digits too, if installed. */
  static const char * const locales[] = { "C", "en_US.UTF-8", "de_DE.UTF-8" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tickget-venue-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.svg", NULL);
  g_autofree char *map = template_with (0, "");
  g_autofree char *data = NULL;
  g_autofree char *saved_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(TgVenue) venue = NULL;
  gsize length = TG_VENUE_MAX_FILE_SIZE + 1;

  g_assert_no_error (error);
  /* A sparse file: no need to write 64 MB. */
  g_assert_true (g_file_set_contents (path, map, -1, NULL));
  if (truncate (path, (off_t) length) != 0)
    g_error ("truncate: %s", g_strerror (errno));
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_NUMERIC, locales[i]) == NULL)
        {
          g_test_message ("locale %s is not installed", locales[i]);
          continue;
        }
      venue = tg_venue_load_file (path, &error);
      g_assert_null (venue);
      g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO);
      assert_too_big_message (error, length);
      g_clear_error (&error);
    }
  setlocale (LC_NUMERIC, saved_locale);

  /* Just under the limit it is read, and found not to be XML (the padding is NUL bytes). */
  if (truncate (path, TG_VENUE_MAX_FILE_SIZE) != 0)
    g_error ("truncate: %s", g_strerror (errno));
  venue = tg_venue_load_file (path, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* calloc: pages of zeros that are never touched. */
  data = g_malloc0 (length);
  memcpy (data, map, strlen (map));
  venue = tg_venue_load_data (data, length, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too big"));
}

static void
test_find (void)
{
  g_autoptr(TgVenue) venue = tg_venue_new_preset ("large", NULL);
  guint index;

  index = tg_venue_find_seat (venue, "SA-1-1");
  g_assert_cmpuint (index, ==, 0);
  index = tg_venue_find_seat (venue, "101-3-7");
  g_assert_cmpuint (index, !=, TG_VENUE_NO_SEAT);
  g_assert_cmpstr (tg_venue_get_seat (venue, index)->id, ==, "101-3-7");
  g_assert_cmpstr (tg_venue_get_seat (venue, index)->row, ==, "3");
  g_assert_cmpuint (tg_venue_get_seat (venue, index)->number, ==, 7);
  g_assert_cmpstr (tg_venue_get_section (venue, tg_venue_get_seat (venue, index)->section)->name,
                   ==, "1층 101구역");

  g_assert_cmpuint (tg_venue_find_seat (venue, "101-3-700"), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_find_seat (venue, ""), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_find_seat (venue, "101-3"), ==, TG_VENUE_NO_SEAT);
}

static void
test_neighbor (void)
{
  g_autoptr(TgVenue) venue = load_fixture ();
  g_autoptr(TgVenue) arena = tg_venue_new_preset ("large", NULL);
  guint a11 = tg_venue_find_seat (venue, "A-1-1");
  guint a12 = tg_venue_find_seat (venue, "A-1-2");
  guint a14 = tg_venue_find_seat (venue, "A-1-4");
  guint a21 = tg_venue_find_seat (venue, "A-2-1");
  guint p23 = tg_venue_find_seat (venue, "P-2-3");
  guint first, last;

  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a11, +1), ==, a12);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a12, -1), ==, a11);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a11, -1), ==, TG_VENUE_NO_SEAT);
  /* Seat 3 is missing: 2 and 4 are not adjacent. */
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a12, +1), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a14, -1), ==, TG_VENUE_NO_SEAT);
  /* The end of a row is not next to the start of the following row. */
  g_assert_cmpuint (a21, ==, a14 + 1);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a14, +1), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a21, -1), ==, TG_VENUE_NO_SEAT);
  /* Nor across sections. */
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, p23, +1), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, tg_venue_get_n_seats (venue) - 1, +1), ==,
                    TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, a11, 2), ==, TG_VENUE_NO_SEAT);
  g_assert_cmpuint (tg_venue_seat_neighbor (venue, 9999, 1), ==, TG_VENUE_NO_SEAT);

  /* Walk a whole arena row both ways. */
  first = tg_venue_find_seat (arena, "F3-5-1");
  last = first;
  while (tg_venue_seat_neighbor (arena, last, +1) != TG_VENUE_NO_SEAT)
    last = tg_venue_seat_neighbor (arena, last, +1);
  g_assert_cmpuint (last - first + 1, ==, 19);
  g_assert_cmpstr (tg_venue_get_seat (arena, last)->id, ==, "F3-5-19");
  while (tg_venue_seat_neighbor (arena, last, -1) != TG_VENUE_NO_SEAT)
    last = tg_venue_seat_neighbor (arena, last, -1);
  g_assert_cmpuint (last, ==, first);
}

typedef struct
{
  const char *what;
  guint       line;          /* template line to replace, 0: see text */
  const char *replacement;
  int         code;
  int         error_line;
  const char *message_part;
} Malformed;

static const Malformed malformed[] = {
  { "unknown grade", 11,
    "    <circle id=\"A-2-1\" tg:row=\"2\" tg:number=\"1\" tg:grade=\"Q\" cx=\"40\" cy=\"100\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 11, "seat “A-2-1” has unknown grade “Q”" },
  { "duplicate seat id", 10,
    "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "duplicate seat id “A-1-1”" },
  { "missing number", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "missing the attribute “tg:number”" },
  { "missing cy", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\"/>",
    TG_VENUE_ERROR_INVALID, 10, "missing the attribute “cy”" },
  { "missing id", 10,
    "    <circle tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "missing the attribute “id”" },
  { "bad seat number", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"two\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "number “two”" },
  { "seat number zero", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"0\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "number “0”" },
  { "seat number too big", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"70000\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "number “70000”" },
  { "bad coordinate", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"5O\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“cx” = “5O”, which is not a number" },
  { "hexadecimal coordinate", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"0x7A\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“cx” = “0x7A”, which is not a number" },
  { "coordinate ending in a point", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52.\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“cx” = “52.”, which is not a number" },
  { "coordinate spelled inf", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"inf\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“cy” = “inf”, which is not a number" },
  { "exponent without digits", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"5e\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“cx” = “5e”, which is not a number" },
  { "hexadecimal stage", 7,
    "  <rect tg:role=\"stage\" x=\"0x10\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the stage has “x” = “0x10”, which is not a number" },
  { "section box in NaN", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 nan 60\">",
    TG_VENUE_ERROR_INVALID, 8, "expected four numbers" },
  { "infinite coordinate", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"1e999\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "not a number" },
  { "seat outside its bounding box", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"520\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "outside the bounding box of section “A”" },
  { "seat beyond float range", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"1e39\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” at (1e+39, 80) lies outside the bounding box of section “A”" },
  { "seat outside the map", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 200\">\n"
    "    <circle id=\"A-0-1\" tg:row=\"0\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"250\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 9, "seat “A-0-1” at (40, 250) lies outside the map, which is 200 × 200 map units" },
  { "seat circle without a radius", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” is missing the attribute “r”" },
  { "seat circle of radius 0", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"0\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” must have a positive radius “r”" },
  { "seat circle of a negative radius", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"-4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” must have a positive radius “r”" },
  { "seat circle radius with a unit", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4px\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” has “r” = “4px”, which is not a number" },
  { "seat shrunk by its style", 10,
    "    <circle style=\"r: 0\" id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” is moved by a style that sets “r”" },
  { "seat rect without a width", 10,
    "    <rect id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" x=\"50\" y=\"78\" width=\"0\" height=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” must have a positive width and height" },
  { "section box beyond the limit", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"0 0 1e40 1e40\">",
    TG_VENUE_ERROR_INVALID, 8, "section “A” has a bounding box (x 0, y 0, width 1e+40, height 1e+40) that reaches beyond 1000000 map units" },
  { "section box whose far edge is beyond the limit", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"-1000000 0 2000001 200\">",
    TG_VENUE_ERROR_INVALID, 8, "reaches beyond 1000000 map units" },
  { "section label beyond the limit", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" tg:label=\"1e308 -1e308 1e308\">",
    TG_VENUE_ERROR_INVALID, 8, "section “A” has its label at (1e+308, -1e+308), beyond 1000000 map units" },
  { "seat in <defs>", 10,
    "    <defs><circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/></defs>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” is inside <defs>; seat maps allow sections, seats and the stage only in <g> groups" },
  { "seat in a nested <svg>", 10,
    "    <svg x=\"100\"><circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/></svg>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” is inside <svg>" },
  { "seat moved by its style", 10,
    "    <circle style=\"fill: red; cx: 80px\" id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” is moved by a style that sets “cx”, which seat maps do not allow" },
  { "seat moved by an escaped style", 10,
    "    <circle style=\"tr\\61nsform: translate(5px)\" id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "sets “tr\\61nsform”" },
  { "section moved by its style", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" style=\"fill: red; /* */ TRANSFORM : translate(200px, 0)\">",
    TG_VENUE_ERROR_INVALID, 8, "section “A” is moved by a style that sets “transform”" },
  { "seat not displayed", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" display=\"none\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“display: none” on line 10 can hide seat “A-1-2”; seat maps do not allow it on seats, sections, the stage or the groups around them" },
  { "section not displayed by its style", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" style=\"fill: red; DISPLAY: None !important\">",
    TG_VENUE_ERROR_INVALID, 8, "“display: None !important” on line 8 can hide section “A”" },
  { "seat hidden by its section", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" visibility=\"hidden\">",
    TG_VENUE_ERROR_INVALID, 9, "“visibility: hidden” on line 8 can hide seat “A-1-1”" },
  { "seat collapsed", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" style=\"visibility: collapse\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“visibility: collapse” on line 10 can hide seat “A-1-2”" },
  { "section at opacity 0", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" opacity=\"0\">",
    TG_VENUE_ERROR_INVALID, 8, "section “A” would be drawn at opacity 0 (the opacity of it and of the groups around it, times its fill-opacity); seat maps need at least 0.1" },
  { "seat at opacity 0.001", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" opacity=\"0.001\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0.001" },
  { "seat at opacity 0 %", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" opacity=\"0%\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0 " },
  { "seat at opacity 0px, which librsvg reads as 0", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" opacity=\"0px\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0 " },
  { "seat at negative opacity", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" opacity=\"-1\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0 " },
  { "seat faded twice", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" opacity=\"0.3\">\n"
    "    <circle id=\"A-0-1\" tg:row=\"0\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"70\" r=\"4\" style=\"opacity: 30%\"/>",
    TG_VENUE_ERROR_INVALID, 9, "seat “A-0-1” would be drawn at opacity 0.09" },
  { "seat opacity from a variable", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" style=\"--o: 0; opacity: var(--o)\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0 " },
  { "seat without fill", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" fill-opacity=\"0\"/>",
    TG_VENUE_ERROR_INVALID, 10, "seat “A-1-2” would be drawn at opacity 0 " },
  { "seat without fill from its section", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" fill-opacity=\"0\">",
    TG_VENUE_ERROR_INVALID, 9, "seat “A-1-1” would be drawn at opacity 0 " },
  { "section clipped", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" clip-path=\"url(#nothing)\">",
    TG_VENUE_ERROR_INVALID, 8, "“clip-path: url(#nothing)” on line 8 can hide section “A”" },
  { "seat masked", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" mask=\"url(#m)\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“mask: url(#m)” on line 10 can hide seat “A-1-2”" },
  { "stage filtered", 7,
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\" style=\"filter: url(#f)\"/>",
    TG_VENUE_ERROR_INVALID, 7, "“filter: url(#f)” on line 7 can hide the stage" },
  { "stage not displayed", 7,
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\" display=\"none\"/>",
    TG_VENUE_ERROR_INVALID, 7, "“display: none” on line 7 can hide the stage" },
  { "display spelled with an escape", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" style=\"display: n\\6f ne\"/>",
    TG_VENUE_ERROR_INVALID, 10, "“display: n\\6f ne” on line 10 can hide seat “A-1-2”" },
  { "map at opacity 0", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"Test\" viewBox=\"0 0 200 200\" opacity=\"0\">",
    TG_VENUE_ERROR_INVALID, 7, "the stage would be drawn at opacity 0 " },
  { "style sheet that hides", 7,
    "  <style>circle { display: none }</style>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet sets “display: none”, which can hide seats; seat maps do not allow it" },
  { "style sheet that fades", 7,
    "  <style>.far { fill-opacity: .05 }</style>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet sets “fill-opacity: .05”, which can hide seats" },
  { "style sheet that clips", 7,
    "  <style><![CDATA[ g > circle { clip-path: circle(0) } ]]></style>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet sets “clip-path: circle(0)”, which can hide seats" },
  { "external style sheet", 1,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"seats.css\"?>",
    TG_VENUE_ERROR_INVALID, 2, "line 2, column 1: <?xml-stylesheet?> links a style sheet, which seat maps do not allow" },
  { "style sheet linked after the root", 13,
    "</svg>\n<?XML-STYLESHEET href=\"data:text/css,circle%7Bdisplay:none%7D\"?>",
    TG_VENUE_ERROR_INVALID, 14, "<?xml-stylesheet?> links a style sheet" },
  { "attribute defaults in the DOCTYPE", 1,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a map -->\n<!DOCTYPE svg [<!ATTLIST circle display CDATA \"none\">]>",
    TG_VENUE_ERROR_INVALID, 3, "line 3, column 1: the DOCTYPE declares an internal subset ([…]), which seat maps do not allow" },
  { "style sheet that imports another", 7,
    "  <style>@import url(\"hide.css\"); circle { fill: red }</style>\n  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet imports another (@import), which seat maps do not allow" },
  { "style sheet that imports with an escape", 7,
    "  <style>@\\69mport \"hide.css\";</style>\n  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet imports another (@import)" },
  { "seat outside any section", 12,
    "  </g>\n  <circle id=\"X-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"10\" cy=\"10\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 13, "seat “X-1-1” is not inside a section" },
  { "seat as a path", 10,
    "    <path id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" d=\"M 0 0\"/>",
    TG_VENUE_ERROR_INVALID, 10, "not <path>" },
  { "unknown flag", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" tg:flags=\"vip-lounge\"/>",
    TG_VENUE_ERROR_INVALID, 10, "unknown flag “vip-lounge”" },
  { "standing spot in a seated section", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" tg:flags=\"standing\"/>",
    TG_VENUE_ERROR_INVALID, 10, "not a standing section" },
  { "numbers not increasing", 10,
    "    <circle id=\"A-1-0\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 10, "numbers within a row must increase" },
  { "row split in two", 11,
    "    <circle id=\"A-2-1\" tg:row=\"2\" tg:number=\"1\" tg:grade=\"S\" cx=\"40\" cy=\"100\" r=\"4\"/>\n"
    "    <circle id=\"A-1-3\" tg:row=\"1\" tg:number=\"3\" tg:grade=\"R\" cx=\"64\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_INVALID, 12, "row “1” of section “A” is split" },
  { "empty section", 8,
    "  <g tg:section=\"E\" tg:name=\"E구역\" tg:bbox=\"0 0 10 10\"></g>\n"
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">",
    TG_VENUE_ERROR_INVALID, 8, "section “E” has no seats" },
  { "duplicate section", 12,
    "  </g>\n  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">\n  </g>",
    TG_VENUE_ERROR_INVALID, 13, "section “A” is defined twice" },
  { "nested section", 9,
    "    <g tg:section=\"B\" tg:name=\"B구역\" tg:bbox=\"0 0 10 10\"/>",
    TG_VENUE_ERROR_INVALID, 9, "nested inside another section" },
  { "section without a name", 8,
    "  <g tg:section=\"A\" tg:bbox=\"20 60 160 60\">",
    TG_VENUE_ERROR_INVALID, 8, "missing the attribute “tg:name”" },
  { "section with a bad bounding box", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160\">",
    TG_VENUE_ERROR_INVALID, 8, "expected four numbers" },
  { "section with a bad standing flag", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" tg:standing=\"yes\">",
    TG_VENUE_ERROR_INVALID, 8, "standing “yes”" },
  { "section in a transform", 8,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" transform=\"scale(2)\">",
    TG_VENUE_ERROR_INVALID, 8, "transform" },
  { "no seats at all", 9, "", TG_VENUE_ERROR_INVALID, 0, "" },   /* filled in by the test */
  { "duplicate grade", 5,
    "    <tg:grade id=\"R\" name=\"R석\" price=\"132000\" color=\"#1f9e4a\" rank=\"1\"/>",
    TG_VENUE_ERROR_INVALID, 5, "grade “R” is defined twice" },
  { "bad colour", 5,
    "    <tg:grade id=\"S\" name=\"S석\" price=\"110000\" color=\"blue\" rank=\"2\"/>",
    TG_VENUE_ERROR_INVALID, 5, "colour “blue”" },
  { "bad price", 5,
    "    <tg:grade id=\"S\" name=\"S석\" price=\"11만\" color=\"#2d86d9\" rank=\"2\"/>",
    TG_VENUE_ERROR_INVALID, 5, "price “11만”" },
  { "negative price", 5,
    "    <tg:grade id=\"S\" name=\"S석\" price=\"-5\" color=\"#2d86d9\" rank=\"2\"/>",
    TG_VENUE_ERROR_INVALID, 5, "price “-5”" },
  { "grade without a rank", 5,
    "    <tg:grade id=\"S\" name=\"S석\" price=\"110000\" color=\"#2d86d9\"/>",
    TG_VENUE_ERROR_INVALID, 5, "missing the attribute “rank”" },
  { "grade outside metadata", 7,
    "  <tg:grade id=\"T\" name=\"T석\" price=\"1\" color=\"#2d86d9\" rank=\"3\"/>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "must be inside <metadata>" },
  { "too many grades", 0, NULL, TG_VENUE_ERROR_INVALID, 20, "too many grades" },
  { "no stage", 7, "", TG_VENUE_ERROR_INVALID, 0, "no stage" },
  { "two stages", 7,
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 8, "more than one stage" },
  { "stage as a circle", 7,
    "  <circle tg:role=\"stage\" cx=\"50\" cy=\"10\" r=\"10\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the stage must be a <rect>" },
  { "stage beyond the limit", 7,
    "  <rect tg:role=\"stage\" x=\"-1e308\" y=\"10\" width=\"1e308\" height=\"1e308\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the stage (x -1e+308, y 10, width 1e+308, height 1e+308) reaches beyond 1000000 map units" },
  { "stage in a transform", 7,
    "  <g transform=\"translate(5)\"><rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/></g>",
    TG_VENUE_ERROR_INVALID, 7, "the stage is inside a transform, which seat maps do not allow" },
  { "stage in <defs>", 7,
    "  <defs><rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/></defs>",
    TG_VENUE_ERROR_INVALID, 7, "the stage is inside <defs>" },
  { "style sheet with a transform", 7,
    "  <style>circle { fill: red } g { transform: translate(60px, 0) }</style>\n  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet sets “transform”, which seat maps do not allow" },
  { "style sheet in CDATA", 7,
    "  <style><![CDATA[ circle { cx: 60px } ]]></style>\n  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "the <style> sheet sets “cx”" },
  { "stage without a size", 7,
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"0\" height=\"30\"/>",
    TG_VENUE_ERROR_INVALID, 7, "positive width and height" },
  { "not SVG", 2,
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\">",
    TG_VENUE_ERROR_INVALID, 2, "the root element is <html>" },
  { "SVG without the SVG namespace", 2,
    "<svg xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"Test\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "in the SVG namespace" },
  { "plain SVG", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "not a TickGet seat map" },
  { "newer namespace", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/2\" tg:version=\"2.0\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "cannot read" },
  { "newer version", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"2.0\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "version “2.0”" },
  { "version with garbage", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0garbage\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "format version “1.0garbage”, expected a version such as “1.0”" },
  { "version without a minor", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "format version “1.”, expected" },
  { "version ten", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"10.0\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "version “10.0”; this version of TickGet reads 1.x" },
  { "root transform", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 200 200\" transform=\"scale(0.1)\">",
    TG_VENUE_ERROR_INVALID, 2, "<svg> has a transform, which seat maps do not allow" },
  { "root style transform", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 200 200\" style=\"transform: scale(0.1)\">",
    TG_VENUE_ERROR_INVALID, 2, "<svg> has a style that sets “transform”" },
  { "second root element", 13,
    "</svg>\n<svg/>",
    TG_VENUE_ERROR_INVALID, 14, "<svg> comes after the end of <svg>: a map has one root element" },
  { "no version", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:name=\"T\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "tg:version" },
  { "no venue name", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" viewBox=\"0 0 200 200\">",
    TG_VENUE_ERROR_INVALID, 2, "tg:name" },
  { "no size", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" width=\"100%\">",
    TG_VENUE_ERROR_INVALID, 2, "viewBox" },
  { "bad viewBox", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 -2 200\">",
    TG_VENUE_ERROR_INVALID, 2, "invalid viewBox" },
  { "viewBox away from the origin", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"-300 -300 260 190\">",
    TG_VENUE_ERROR_INVALID, 2, "must start at 0 0" },
  { "map of a million units", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 1048560 1048560\">",
    TG_VENUE_ERROR_INVALID, 2, "the map is 1.04856e+06 × 1.04856e+06 map units, but each side must be from 1 to 20000" },
  { "map of 1e308 units", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 1e308 1e308\">",
    TG_VENUE_ERROR_INVALID, 2, "each side must be from 1 to 20000" },
  { "map too big without a viewBox", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" width=\"1e6\" height=\"200px\">",
    TG_VENUE_ERROR_INVALID, 2, "each side must be from 1 to 20000" },
  { "map narrower than a unit", 2,
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"T\" viewBox=\"0 0 0.5 200\">",
    TG_VENUE_ERROR_INVALID, 2, "the map is 0.5 × 200 map units" },
  { "unclosed element", 11,
    "    <circle id=\"A-2-1\" tg:row=\"2\" tg:number=\"1\" tg:grade=\"S\" cx=\"40\" cy=\"100\" r=\"4\">",
    TG_VENUE_ERROR_PARSE, 12, "" },
  { "seat inside an unclosed seat", 10,
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\">",
    TG_VENUE_ERROR_INVALID, 11, "seat “A-2-1” is inside a <circle>; is a “/>” missing?" },
  { "bad entity", 10,
    "    <circle id=\"A-1-2&nbsp;\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>",
    TG_VENUE_ERROR_PARSE, 10, "" },
  { "truncated file", 0, NULL, TG_VENUE_ERROR_PARSE, 10, "" },
  { "empty file", 0, "", TG_VENUE_ERROR_PARSE, 1, "empty" },
};

static void
test_malformed (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (malformed); c++)
    {
      const Malformed *m = &malformed[c];
      g_autofree char *text = NULL;
      g_autofree char *where = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = NULL;
      int error_line = m->error_line;
      const char *part = m->message_part;
      const char *found;

      if (g_str_equal (m->what, "too many grades"))
        {
          GString *grades = g_string_new (template_lines[3]);

          for (guint g = 0; g < TG_VENUE_MAX_GRADES; g++)
            g_string_append_printf (grades, "\n    <tg:grade id=\"G%u\" name=\"G%u\" price=\"1000\""
                                    " color=\"#000000\" rank=\"%u\"/>", g, g, g + 2);
          text = template_with (4, grades->str);
          g_string_free (grades, TRUE);
        }
      else if (g_str_equal (m->what, "truncated file"))
        {
          g_autofree char *full = template_with (0, "");
          const char *cut = strstr (full, "id=\"A-1-2\"");

          text = g_strndup (full, cut - full + 5);
        }
      else if (g_str_equal (m->what, "no seats at all"))
        {
          /* Drop the whole section: lines 8 to 12. */
          GString *out = g_string_new (NULL);

          for (guint i = 0; i < G_N_ELEMENTS (template_lines); i++)
            if (i + 1 < 8 || i + 1 > 12)
              g_string_append_printf (out, "%s\n", template_lines[i]);
          text = g_string_free (out, FALSE);
          error_line = 9;
          part = "the map has no seats";
        }
      else if (m->line == 0)
        text = g_strdup (m->replacement);
      else
        text = template_with (m->line, m->replacement);

      if (error_line == 0)
        error_line = G_N_ELEMENTS (template_lines) + 1 - (m->replacement[0] == '\0');

      g_test_message ("case: %s", m->what);
      venue = tg_venue_load_data (text, strlen (text), &error);
      g_assert_null (venue);
      g_assert_error (error, TG_VENUE_ERROR, m->code);
      if (strstr (error->message, part) == NULL)
        g_error ("%s: “%s” does not say “%s”", m->what, error->message, part);

      /* Our own messages start with "line N, column M"; GMarkup's say "line N char M" or
       * "line N:". */
      if (m->code == TG_VENUE_ERROR_INVALID)
        where = g_strdup_printf ("line %d, column ", error_line);
      else
        where = g_strdup_printf ("line %d", error_line);
      found = strstr (error->message, where);
      if (found == NULL ||
          (m->code == TG_VENUE_ERROR_PARSE && g_ascii_isdigit (found[strlen (where)])))
        g_error ("%s: “%s” does not name “%s”", m->what, error->message, where);
    }
}

/* Messages quote values from the file, but never more than a few dozen characters of them, and
 * escape what would break the line or hide text. */
static void
test_long_values (void)
{
  g_autofree char *ones = g_strnfill (1000 * 1000, '1');
  g_autofree char *letters = g_strnfill (1000 * 1000, 'A');
  g_autofree char *text = g_strnfill (1000 * 1000, 'x');
  struct {
    const char *what;
    char       *line;     /* replaces template line 10 */
    int         code;
    int         error_line;
    const char *parts[3];
  } cases[] = {
    { "a megabyte number",
      g_strdup_printf ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"%s\" cy=\"80\" r=\"4\"/>", ones),
      TG_VENUE_ERROR_INVALID, 10, { "seat “A-1-2” has “cx” = “1111111111", "1111…”, which is not a number" } },
    { "a megabyte id",
      g_strdup_printf ("    <circle id=\"%s\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>", letters),
      TG_VENUE_ERROR_INVALID, 10, { "seat id “AAAAAAAAAA", "AAAA…” is 1000000 characters long, where the limit is 80" } },
    { "a megabyte grade",
      g_strdup_printf ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"%s\" cx=\"52\" cy=\"80\" r=\"4\"/>", letters),
      TG_VENUE_ERROR_INVALID, 10, { "seat “A-1-2” has unknown grade “AAAAAAAAAA", "AAAA…”" } },
    { "a newline in a number",
      g_strdup ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"5&#10;2\" cy=\"80\" r=\"4\"/>"),
      TG_VENUE_ERROR_INVALID, 10, { "“cx” = “5\\n2”" } },
    { "a direction override in an id",
      g_strdup ("    <circle id=\"A-1-2&#x202E;\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>"),
      TG_VENUE_ERROR_INVALID, 10, { "seat id “A-1-2\\u202E” holds the control character \\u202E" } },
    { "a tab in a grade",
      g_strdup ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"Q&#9;\" cx=\"52\" cy=\"80\" r=\"4\"/>"),
      TG_VENUE_ERROR_INVALID, 10, { "seat “A-1-2” has unknown grade “Q\\t”" } },
    { "a newline in a seat number",
      g_strdup ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2&#10;\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>"),
      TG_VENUE_ERROR_INVALID, 10, { "number “2\\n”" } },
    { "a megabyte end tag",
      g_strdup_printf ("    <g></%s>", letters),
      TG_VENUE_ERROR_PARSE, 10, { "“AAAAAAAAAA", "AAAA…”" } },
    { "a name that is not UTF-8",
      g_strdup ("    <circle\xff\xfe id=\"A-1-2\"/>"),
      TG_VENUE_ERROR_PARSE, 10, { "line 10" } },
    { "a megabyte of text that is not UTF-8",
      g_strdup_printf ("    %s\xff", text),
      TG_VENUE_ERROR_PARSE, 11, { "Invalid UTF-8" } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *map = template_with (10, cases[c].line);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = NULL;

      g_test_message ("case: %s", cases[c].what);
      venue = tg_venue_load_data (map, strlen (map), &error);
      g_assert_null (venue);
      g_assert_error (error, TG_VENUE_ERROR, cases[c].code);
      assert_good_message (error, cases[c].error_line);
      for (guint i = 0; i < G_N_ELEMENTS (cases[c].parts) && cases[c].parts[i] != NULL; i++)
        if (strstr (error->message, cases[c].parts[i]) == NULL)
          g_error ("%s: “%s” does not say “%s”", cases[c].what, error->message, cases[c].parts[i]);
      g_free (cases[c].line);
    }
}

/* @n copies of @unit (one character). */
static char *
repeat (const char *unit,
        guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* Names, ids and row labels have a length limit in characters, and no control characters; ids no
 * white space or invisible characters either. */
static void
test_text_limits (void)
{
  g_autofree char *name_101 = repeat ("가", TG_VENUE_MAX_NAME_LENGTH + 1);
  g_autofree char *id_33 = repeat ("G", TG_VENUE_MAX_ID_LENGTH + 1);
  g_autofree char *seat_id_81 = repeat ("B", TG_VENUE_MAX_SEAT_ID_LENGTH + 1);
  struct {
    const char *what;
    guint       line;
    char       *replacement;
    const char *part;
  } cases[] = {
    { "a venue name of 101 characters", 2,
      g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"%s\" viewBox=\"0 0 200 200\">", name_101),
      "the venue name “가가가가가가가가가가가가가가가가…” is 101 characters long, where the limit is 100" },
    { "a grade name of 101 characters", 4,
      g_strdup_printf ("    <tg:grade id=\"R\" name=\"%s\" price=\"132000\" color=\"#1f9e4a\" rank=\"1\"/>", name_101),
      "” of grade “R” is 101 characters long, where the limit is 100" },
    { "a grade id of 33 characters", 5,
      g_strdup_printf ("    <tg:grade id=\"%s\" name=\"S석\" price=\"110000\" color=\"#2d86d9\" rank=\"2\"/>", id_33),
      "grade id “GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG” is 33 characters long, where the limit is 32" },
    { "a section id of 33 characters", 8,
      g_strdup_printf ("  <g tg:section=\"%s\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">", id_33),
      "section id “GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG” is 33 characters long, where the limit is 32" },
    { "a section name of 101 characters", 8,
      g_strdup_printf ("  <g tg:section=\"A\" tg:name=\"%s\" tg:bbox=\"20 60 160 60\">", name_101),
      "” of section “A” is 101 characters long, where the limit is 100" },
    { "a seat id of 81 characters", 10,
      g_strdup_printf ("    <circle id=\"%s\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>", seat_id_81),
      "…” is 81 characters long, where the limit is 80" },
    { "a row label of 33 characters", 10,
      g_strdup_printf ("    <circle id=\"A-1-2\" tg:row=\"%s\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>", id_33),
      "the row label “GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG” of seat “A-1-2” is 33 characters long, where the limit is 32" },
    { "a line break in the venue name", 2,
      g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"Test&#10;Hall\" viewBox=\"0 0 200 200\">"),
      "the venue name “Test\\nHall” holds the control character \\n" },
    { "a C1 control in a grade name", 4,
      g_strdup ("    <tg:grade id=\"R\" name=\"R&#x85;석\" price=\"132000\" color=\"#1f9e4a\" rank=\"1\"/>"),
      "the name “R\\u0085석” of grade “R” holds the control character \\u0085" },
    { "a direction override in a section name", 8,
      g_strdup ("  <g tg:section=\"A\" tg:name=\"A구역&#x202E;\" tg:bbox=\"20 60 160 60\">"),
      "the name “A구역\\u202E” of section “A” holds the control character \\u202E" },
    { "a tab in a row label", 10,
      g_strdup ("    <circle id=\"A-1-2\" tg:row=\"1&#9;\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>"),
      "the row label “1\\t” of seat “A-1-2” holds the control character \\t" },
    { "a zero-width space in a seat id", 10,
      g_strdup ("    <circle id=\"A-1-&#x200B;2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\"/>"),
      "seat id “A-1-\\u200B2” holds the invisible character \\u200B, which ids may not" },
    { "a no-break space in a grade id", 5,
      g_strdup ("    <tg:grade id=\"S&#xA0;\" name=\"S석\" price=\"110000\" color=\"#2d86d9\" rank=\"2\"/>"),
      "must be a non-empty word without spaces" },
    { "a section name of ideographic spaces", 8,
      g_strdup ("  <g tg:section=\"A\" tg:name=\"&#x3000;&#x3000;\" tg:bbox=\"20 60 160 60\">"),
      "section “A” has an empty name" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *map = template_with (cases[c].line, cases[c].replacement);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = NULL;

      g_test_message ("case: %s", cases[c].what);
      venue = tg_venue_load_data (map, strlen (map), &error);
      g_assert_null (venue);
      g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
      assert_good_message (error, (int) cases[c].line);
      if (strstr (error->message, cases[c].part) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[c].what, error->message, cases[c].part);
      g_free (cases[c].replacement);
    }
}

/* Texts at the limits load, and save as they were: the limits count characters, not bytes, so a
 * Korean name of 100 syllables (300 bytes) or of 100 emoji (400 bytes) is fine. */
static void
test_text_limits_reached (void)
{
  g_autofree char *korean = repeat ("극", TG_VENUE_MAX_NAME_LENGTH);
  g_autofree char *emoji = repeat ("🎭", TG_VENUE_MAX_NAME_LENGTH);
  g_autofree char *id = repeat ("구", TG_VENUE_MAX_ID_LENGTH);
  g_autofree char *row = repeat ("열", TG_VENUE_MAX_ID_LENGTH - 2);
  g_autofree char *seat_id = repeat ("석", TG_VENUE_MAX_SEAT_ID_LENGTH - 4);
  g_autofree char *map = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = NULL;

  g_assert_cmpuint (strlen (korean), ==, 3 * TG_VENUE_MAX_NAME_LENGTH);
  map = g_strdup_printf (
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"%s\" viewBox=\"0 0 200 200\">\n"
    "  <metadata><tg:grade id=\"%s\" name=\"%s\" price=\"1\" color=\"#1f9e4a\" rank=\"0\"/></metadata>\n"
    "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>\n"
    "  <g tg:section=\"%s\" tg:name=\"%s\" tg:bbox=\"20 60 160 60\">\n"
    "    <circle id=\"%s-1-1\" tg:row=\"%s 1\" tg:number=\"1\" tg:grade=\"%s\" cx=\"40\" cy=\"80\" r=\"4\"/>\n"
    "  </g>\n"
    "</svg>\n",
    korean, id, emoji, id, korean, seat_id, row, id);

  venue = tg_venue_load_data (map, strlen (map), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tg_venue_get_name (venue), ==, korean);
  g_assert_cmpstr (tg_venue_get_grade (venue, 0)->name, ==, emoji);
  g_assert_cmpuint (g_utf8_strlen (tg_venue_get_seat (venue, 0)->id, -1), ==, TG_VENUE_MAX_SEAT_ID_LENGTH);
  g_assert_cmpuint (g_utf8_strlen (tg_venue_get_seat (venue, 0)->row, -1), ==, TG_VENUE_MAX_ID_LENGTH);
  assert_round_trip (venue);
}

/* Venues built in code keep the same rules as files. */
static void
test_text_limits_built (void)
{
  g_autofree char *long_name = repeat ("가", TG_VENUE_MAX_NAME_LENGTH + 1);
  g_autofree char *long_row = repeat ("9", TG_VENUE_MAX_ID_LENGTH + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = NULL;

  venue = tg_venue_new_empty (long_name, 100, 100, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is 101 characters long, where the limit is 100"));
  g_clear_error (&error);

  venue = tg_venue_new_empty (NULL, 100, 100, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  g_clear_error (&error);

  venue = tg_venue_new_empty ("홀", 100, 100, &error);
  g_assert_no_error (error);
  g_assert_false (tg_venue_add_grade (venue, "R", "R\n석", 1, "#000000", 0, &error));
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  assert_good_message (error, -1);
  g_clear_error (&error);
  g_assert_true (tg_venue_add_grade (venue, "R", "R석", 1, "#000000", 0, &error));
  g_assert_false (tg_venue_begin_section (venue, "A\xff", "A구역", FALSE, 0, 0, 100, 100, &error));
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  assert_good_message (error, -1);
  g_assert_nonnull (strstr (error->message, "is not valid UTF-8"));
  g_clear_error (&error);
  g_assert_true (tg_venue_begin_section (venue, "A", "A구역", FALSE, 0, 0, 100, 100, &error));
  g_assert_false (tg_venue_add_seat (venue, "A-1-1", long_row, 1, "R", 0, 10, 10, &error));
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is 33 characters long, where the limit is 32"));
  g_clear_error (&error);
  g_assert_true (tg_venue_add_seat (venue, "A-1-1", "1", 1, "R", 0, 10, 10, &error));
  g_assert_true (tg_venue_end_section (venue, &error));
}

/* The numbers librsvg reads are read: signs, fractions alone, exponents, white space around. */
static void
test_numbers (void)
{
  static const struct { const char *text; double x; } numbers[] = {
    { "52", 52 }, { " 52 ", 52 }, { "+52", 52 }, { "52.0", 52 }, { ".52e2", 52 }, { "5.2E1", 52 },
    { "5200e-2", 52 }, { "0052", 52 }, { "&#10;52&#9;", 52 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *line = g_strdup_printf ("    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\""
                                               " tg:grade=\"R\" cx=\"%s\" cy=\"80\" r=\"4\"/>", numbers[i].text);
      g_autofree char *map = template_with (10, line);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = tg_venue_load_data (map, strlen (map), &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (tg_venue_get_seat (venue, 1)->x, ==, numbers[i].x);
    }
}

/* Numbers read exactly as g_ascii_strtod() reads them, whether the reader takes its short path
 * (up to 15 digits, no exponent) or not: the stage keeps doubles. */
static void
test_numbers_exact (void)
{
  static const char * const numbers[] = {
    "0.1", "0.3", "2.675", "1.005", "4.35", "1234.5678", "-0.000000000000001", "99999.9999999999",
    "0.30000000000000004", "12.345678901234567", "-99999.99999999999", "0.1e1", "123456e-5",
    "000000000000000000001.5", ".000000000000000000000000000000000001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *line = g_strdup_printf ("  <rect tg:role=\"stage\" x=\"%s\" y=\"10\" width=\"100\""
                                               " height=\"30\"/>", numbers[i]);
      g_autofree char *map = template_with (7, line);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = tg_venue_load_data (map, strlen (map), &error);
      double x;

      g_assert_no_error (error);
      tg_venue_get_stage (venue, &x, NULL, NULL, NULL);
      if (x != g_ascii_strtod (numbers[i], NULL))
        g_error ("%s read as %.17g", numbers[i], x);
    }
}

/* Decorations may be transformed and styled, even moved by a sheet; only what the map places may
 * not. */
static void
test_decorations (void)
{
  static const struct { guint line; const char *replacement; } cases[] = {
    { 9, "    <text transform=\"rotate(30)\" style=\"transform: rotate(5deg)\">A구역</text>"
         "<path style=\"d: none\" d=\"M 0 0\"/><g><text>·</text></g>\n"
         "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"80\" r=\"4\" style=\"fill: #1f9e4a; stroke-width: 2\"/>" },
    { 7, "  <style>/* 포도알 */ circle { fill: #123; stroke-width: 2 } text:hover { opacity: 0.5 }</style>\n"
         "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\" style=\"fill: red\"/>" },
    { 6, "  </metadata>\n  <a href=\"https://tickget.kr\"><text transform=\"scale(2)\">TickGet</text></a>" },
    /* A DOCTYPE without an internal subset, another processing instruction, copies of decorations. */
    { 1, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?tickget note=\"?\"?>\n"
         "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">" },
    { 1, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg SYSTEM \"svg[1].dtd\">" },
    { 9, "    <g id=\"mark\"><text>A</text></g><use href=\"#mark\" x=\"5\"/><use xlink:href=\"#dot\"/>\n"
         "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"80\" r=\"4\"/>\n"
         "    <defs><circle id=\"dot\" r=\"2\"/></defs><use href=\"#missing\"/><use href=\"other.svg\"/>" },
    /* Hidden decorations: a layer an editor hid, a label, faded outlines. */
    { 6, "  </metadata>\n  <g display=\"none\" opacity=\"0\" clip-path=\"url(#c)\"><text>draft</text></g>" },
    { 9, "    <text visibility=\"hidden\" style=\"display: none\">A</text><path opacity=\"0\" mask=\"url(#m)\" d=\"M 0 0\"/>\n"
         "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"80\" r=\"4\"/>" },
    /* Faded, but seen; an opacity librsvg cannot read, it ignores. */
    { 8, "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" opacity=\"0.5\" style=\"opacity: 50%\" clip-path=\"none\" filter=\" none \">" },
    { 10, "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" opacity=\"half\" fill-opacity=\"0.2\"/>" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *map = template_with (cases[c].line, cases[c].replacement);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = tg_venue_load_data (map, strlen (map), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, 3);
    }
}

/* What a group hides — visibility, fill-opacity, which are inherited — a seat may show again. */
static void
test_shown_again (void)
{
  g_autoptr(GString) map = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = NULL;

  for (guint i = 0; i < 7; i++)
    g_string_append_printf (map, "%s\n", template_lines[i]);
  g_string_append (map,
    "  <g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\" visibility=\"hidden\" fill-opacity=\"0\">\n"
    "    <circle id=\"A-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"40\" cy=\"80\" r=\"4\" visibility=\"visible\" fill-opacity=\"1\"/>\n"
    "    <circle id=\"A-1-2\" tg:row=\"1\" tg:number=\"2\" tg:grade=\"R\" cx=\"52\" cy=\"80\" r=\"4\" style=\"visibility: visible; fill-opacity: 0.45\"/>\n"
    "    <g visibility=\"visible\" fill-opacity=\"50%\">\n"
    "      <circle id=\"A-2-1\" tg:row=\"2\" tg:number=\"1\" tg:grade=\"S\" cx=\"40\" cy=\"100\" r=\"4\"/>\n"
    "    </g>\n"
    "  </g>\n"
    "</svg>\n");
  venue = tg_venue_load_data (map->str, map->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, 3);
}

/* The template with two lines replaced (@line_a before @line_b). */
static char *
template_with_two (guint       line_a,
                   const char *replacement_a,
                   guint       line_b,
                   const char *replacement_b)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (template_lines); i++)
    {
      const char *line = i + 1 == line_a ? replacement_a : i + 1 == line_b ? replacement_b
                                                                            : template_lines[i];

      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

/* A <use> may not draw a seat, a section, the stage, or a group around them a second time: a
 * viewer would show seats the venue does not have. */
static void
test_use (void)
{
  static const struct {
    const char *what;
    guint       line_a;
    const char *replacement_a;
    guint       line_b;
    const char *replacement_b;
    int         error_line;
    const char *part;
  } cases[] = {
    { "a seat", 12, "  </g>\n  <use href=\"#A-1-1\" x=\"10\"/>", 0, NULL,
      13, "line 13, column 30: <use> draws seat “A-1-1” a second time; seat maps allow no copies of seats, sections or the stage" },
    { "a seat, percent-encoded", 12, "  </g>\n  <use href=\"#A%2D1-1\"/>", 0, NULL,
      13, "<use> draws seat “A-1-1” a second time" },
    { "a seat in another copy of this file", 12, "  </g>\n  <use xlink:href=\"mini.svg#A-2-1\"/>", 0, NULL,
      13, "<use> draws seat “A-2-1” a second time" },
    { "a seat, from a <use> in <defs>", 12, "  </g>\n  <defs><g id=\"copy\"><use href=\"#A-1-2\"/></g></defs>", 0, NULL,
      13, "<use> draws seat “A-1-2” a second time" },
    { "a section, before it", 7,
      "  <rect tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/>\n  <use svg:href=\" #sec \" transform=\"translate(0 60)\"/>",
      8, "  <g id=\"sec\" tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">",
      8, "<use> draws “sec” a second time, which is or holds seats, a section or the stage; seat maps allow no copies of them" },
    { "a group around a section", 8,
      "  <g id=\"floor\"><g tg:section=\"A\" tg:name=\"A구역\" tg:bbox=\"20 60 160 60\">",
      12, "  </g></g>\n  <use href=\"#floor\" y=\"40\"/>",
      13, "<use> draws “floor” a second time" },
    { "the whole map", 2,
      "<svg id=\"map\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" tg:version=\"1.0\" tg:name=\"Test\" viewBox=\"0 0 200 200\">",
      12, "  </g>\n  <use href=\"#map\" transform=\"scale(0.5)\"/>",
      13, "<use> draws “map” a second time" },
    { "the stage", 7,
      "  <rect id=\"stage\" tg:role=\"stage\" x=\"50\" y=\"10\" width=\"100\" height=\"30\"/><use href=\"#stage\" y=\"50\"/>",
      0, NULL,
      7, "<use> draws “stage” a second time" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *map = cases[c].replacement_b != NULL
                             ? template_with_two (cases[c].line_a, cases[c].replacement_a,
                                                  cases[c].line_b, cases[c].replacement_b)
                             : template_with (cases[c].line_a, cases[c].replacement_a);
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = NULL;

      g_test_message ("case: %s", cases[c].what);
      venue = tg_venue_load_data (map, strlen (map), &error);
      g_assert_null (venue);
      g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
      assert_good_message (error, cases[c].error_line);
      if (strstr (error->message, cases[c].part) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[c].what, error->message, cases[c].part);
    }
}

/* XML has no NUL characters; GMarkup took them, cutting an id at one. */
static void
test_nul_byte (void)
{
  g_autofree char *map = template_with (0, "");
  gsize length = strlen (map);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = NULL;

  strstr (map, "A-1-2\"")[strlen ("A-1-")] = '\0';   /* id="A-1-NUL" */
  venue = tg_venue_load_data (map, length, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE);
  assert_good_message (error, 10);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

/* A UTF-8 byte-order mark at the start is skipped. */
static void
test_byte_order_mark (void)
{
  g_autofree char *map = template_with (0, "");
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", map, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_load_data (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tg_venue_get_n_seats (venue), ==, 3);

  /* Only at the start. */
  g_clear_object (&venue);
  g_free (text);
  text = g_strconcat ("\xEF\xBB\xBF\xEF\xBB\xBF", map, NULL);
  venue = tg_venue_load_data (text, strlen (text), &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE);
  assert_good_message (error, 1);
  g_clear_error (&error);

  /* UTF-16 is named as such, rather than as NUL bytes. */
  venue = tg_venue_load_data ("\xFF\xFE<\0s\0v\0g\0", 10, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE);
  assert_good_message (error, 1);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

/* A file name is quoted whole, but on one line. */
static void
test_file_name_escaped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tickget-venue-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(TgVenue) venue = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "two\nlines.svg", NULL);
  g_assert_true (g_file_set_contents (path, "<svg", -1, NULL));
  venue = tg_venue_load_file (path, &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_PARSE);
  assert_good_message (error, 1);
  g_assert_nonnull (strstr (error->message, "two\\nlines.svg"));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Columns count characters, as a person (or an editor) does, not the bytes of UTF-8: on a line
 * of Hangul the two differ by two a syllable. */
static void
test_error_column_characters (void)
{
  const char *head = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:tg=\"https://tickget.kr/ns/seatmap/1\" "
                     "tg:version=\"1.0\" tg:name=\"무대 앞 좌석\" width=\"260\" height=\"190\" viewBox=\"0 0 260 190\">"
                     "<metadata><tg:grade id=\"R\" name=\"R석\" price=\"1\" color=\"#ff0000\" rank=\"0\"/></metadata>"
                     "<g tg:section=\"A\" tg:name=\"가나다라마바사\" tg:bbox=\"0 0 100 100\">";
  const char *seat = "<circle id=\"A-1-1\" cx=\"10\" cy=\"10\" r=\"0\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\"/>";
  g_autofree char *text = g_strconcat (head, seat, "</g></svg>", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = NULL;
  g_autofree char *expected = NULL;
  glong chars = g_utf8_strlen (head, -1) + g_utf8_strlen (seat, -1);

  g_assert_cmpint (chars, <, (glong) (strlen (head) + strlen (seat)));
  venue = tg_venue_load_data (text, strlen (text), &error);
  g_assert_null (venue);
  g_assert_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_INVALID);
  /* The position is the seat's closing ">". */
  expected = g_strdup_printf ("line 1, column %ld:", chars);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s…”, got “%s”", expected, error->message);
}

static void
test_garbage (void)
{
  static const struct { const char *data; gsize length; } inputs[] = {
    { "\0\0\0\0", 4 },
    { "\xff\xfe<\0s\0v\0g\0", 10 },
    { "<svg", 4 },
    { "not xml at all", 14 },
    { "<?xml version=\"1.0\"?>", 21 },
    { "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41 },
    { "<a><b></a></b>", 14 },
    { "<svg>\xc3\x28</svg>", 13 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TgVenue) venue = tg_venue_load_data (inputs[i].data, inputs[i].length, &error);

      g_assert_null (venue);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TG_VENUE_ERROR);
      g_assert_nonnull (strstr (error->message, "line "));
    }
}

/* Loads a mutated map: it gives exactly one of a venue and an error. A venue must save and load
 * back the same (whatever the loader accepts, every consumer can use); an error must be a good
 * message. */
static void
try_load (const char *data,
          gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TgVenue) venue = tg_venue_load_data (data, length, &error);

  g_assert_true ((venue == NULL) != (error == NULL));
  if (venue != NULL)
    {
      g_assert_cmpuint (tg_venue_get_n_seats (venue), >, 0);
      assert_round_trip (venue);
    }
  else
    {
      g_assert_true (error->domain == TG_VENUE_ERROR);
      g_assert_true (error->code == TG_VENUE_ERROR_PARSE || error->code == TG_VENUE_ERROR_INVALID);
      assert_good_message (error, length > 0 ? 0 : -1);
    }
}

/* Attribute values on and past the edges of what a map may hold. */
static const char * const edge_values[] = {
  "", " ", "-1", "0", "-0", "1e309", "1e-320", "1e39", "-1e39", "3.4028235e38", "1e6", "-1e6",
  "20000", "20000.01", "1e-20", "nan", "inf", "0x10", "5.", ".5", "+5", "5e", "4294967296",
  "65536", "99999999999999999999", "a b", "&amp;", "&#10;", "&#x202E;", "\xe2\x80\x8b", "true",
  "1.0", "1.0garbage", "#zzzzzz", "0 0 1e6 1e6", "-300 -300 260 190", "1e308 1e308 1e308 1e308",
  "0 0 0 0", "1 2 3", "scale(2)", "transform: scale(2)", "cx: 9px", "tr\\61nsform: none",
  "none", "hidden", "0%", "0.01", "url(#A-1-1)", "#A-1-1", "display: none", "opacity: 0",
  "\xea\xb7\xb9\xec\x9e\xa5", "&#x202E;", "&#1;",
};

/* Markup that moves or hides what follows, or ends the document early. */
static const char * const edge_markup[] = {
  "<defs>", "</defs>", "<svg x=\"5\">", "</svg>", "<g transform=\"scale(2)\">", "<g style=\"cx: 1px\">",
  "</g>", "<style>g { transform: scale(2) }</style>", "<svg/>", "<![CDATA[x]]>", "<!-- -->",
  "<circle id=\"Z-1-1\" tg:row=\"1\" tg:number=\"1\" tg:grade=\"R\" cx=\"1\" cy=\"1\" r=\"4\"/>",
  "<g display=\"none\">", "<g visibility=\"hidden\">", "<g opacity=\"0.05\">", "<g fill-opacity=\"0\">",
  "<g style=\"visibility: visible\">", "<use href=\"#A-1-1\"/>", "<use href=\"#floor\"/>",
  "<?xml-stylesheet href=\"x.css\"?>", "<style>@import \"x.css\";</style>", "<!DOCTYPE svg [ ]>",
};

static void
fuzz_text (const char *text,
           gsize       length,
           guint       rounds,
           guint64     seed)
{
  g_autofree char *copy = g_malloc (length);
  g_autofree char *long_value = g_strnfill (500, '7');
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (gsize));
  TgRng rng;

  /* Where the attribute values are (start, end) and where tags end. */
  for (gsize i = 0; i + 1 < length; i++)
    {
      if (text[i] == '=' && text[i + 1] == '"')
        {
          const char *end = memchr (text + i + 2, '"', length - i - 2);

          if (end != NULL)
            {
              gsize start = i + 2, stop = (gsize) (end - text);

              g_array_append_val (values, start);
              g_array_append_val (values, stop);
            }
        }
      else if (text[i] == '>')
        {
          gsize after = i + 1;

          g_array_append_val (tags, after);
        }
    }

  tg_rng_init (&rng, seed, 7);
  for (guint r = 0; r < rounds; r++)
    {
      /* Truncations anywhere, including inside multi-byte characters. */
      try_load (text, tg_rng_below (&rng, (guint32) length));

      /* A few random bytes changed, biased towards characters that matter to XML. */
      memcpy (copy, text, length);
      for (guint f = 0, n = 1 + tg_rng_below (&rng, 8); f < n; f++)
        {
          static const char specials[] = "<>/\"'=&;: \n-0123456789#.e\xc3\x80\xff";
          gsize at = tg_rng_below (&rng, (guint32) length);

          if (tg_rng_percent (&rng, 50))
            copy[at] = specials[tg_rng_below (&rng, sizeof specials - 1)];
          else
            copy[at] = (char) tg_rng_below (&rng, 256);
        }
      try_load (copy, length);

      /* One attribute value replaced by an edge value. */
      if (values->len > 0)
        {
          const gsize *v = &g_array_index (values, gsize, 2 * tg_rng_below (&rng, values->len / 2));
          guint pick = tg_rng_below (&rng, G_N_ELEMENTS (edge_values) + 1);
          GString *out = g_string_new_len (text, (gssize) v[0]);

          g_string_append (out, pick < G_N_ELEMENTS (edge_values) ? edge_values[pick] : long_value);
          g_string_append_len (out, text + v[1], (gssize) (length - v[1]));
          try_load (out->str, out->len);
          g_string_free (out, TRUE);
        }

      /* Some markup put after a tag. */
      if (tags->len > 0)
        {
          gsize at = g_array_index (tags, gsize, tg_rng_below (&rng, tags->len));
          GString *out = g_string_new_len (text, (gssize) at);

          g_string_append (out, edge_markup[tg_rng_below (&rng, G_N_ELEMENTS (edge_markup))]);
          g_string_append_len (out, text + at, (gssize) (length - at));
          try_load (out->str, out->len);
          g_string_free (out, TRUE);
        }
    }
}

static void
test_fuzz (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "venue", "mini.svg", NULL);
  g_autofree char *mini = NULL;
  g_autoptr(TgVenue) small = tg_venue_new_preset ("small", NULL);
  g_autofree char *svg = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &mini, &length, NULL));
  fuzz_text (mini, length, g_test_thorough () ? 20000 : 3000, 1);

  svg = tg_venue_to_svg (small, &length);
  fuzz_text (svg, length, g_test_thorough () ? 1000 : 60, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/venue/template", test_template_valid);
  g_test_add_func ("/engine/venue/preset/small", test_preset_small);
  g_test_add_func ("/engine/venue/preset/medium", test_preset_medium);
  g_test_add_func ("/engine/venue/preset/large", test_preset_large);
  g_test_add_func ("/engine/venue/preset/prices", test_preset_prices);
  g_test_add_func ("/engine/venue/preset/unknown", test_preset_unknown);
  g_test_add_func ("/engine/venue/preset/geometry", test_preset_geometry);
  g_test_add_func ("/engine/venue/preset/deterministic", test_preset_deterministic);
  g_test_add_func ("/engine/venue/round-trip", test_round_trip);
  g_test_add_func ("/engine/venue/round-trip-edges", test_round_trip_edges);
  g_test_add_func ("/engine/venue/backdrop", test_backdrop);
  g_test_add_func ("/engine/venue/load-file", test_load_file);
  g_test_add_func ("/engine/venue/save-file", test_save_file);
  g_test_add_func ("/engine/venue/not-a-file", test_not_a_file);
  g_test_add_func ("/engine/venue/too-big", test_too_big);
  g_test_add_func ("/engine/venue/find", test_find);
  g_test_add_func ("/engine/venue/neighbor", test_neighbor);
  g_test_add_func ("/engine/venue/malformed", test_malformed);
  g_test_add_func ("/engine/venue/long-values", test_long_values);
  g_test_add_func ("/engine/venue/text-limits", test_text_limits);
  g_test_add_func ("/engine/venue/text-limits-reached", test_text_limits_reached);
  g_test_add_func ("/engine/venue/text-limits-built", test_text_limits_built);
  g_test_add_func ("/engine/venue/numbers", test_numbers);
  g_test_add_func ("/engine/venue/numbers-exact", test_numbers_exact);
  g_test_add_func ("/engine/venue/decorations", test_decorations);
  g_test_add_func ("/engine/venue/shown-again", test_shown_again);
  g_test_add_func ("/engine/venue/use", test_use);
  g_test_add_func ("/engine/venue/nul-byte", test_nul_byte);
  g_test_add_func ("/engine/venue/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/engine/venue/file-name-escaped", test_file_name_escaped);
  g_test_add_func ("/engine/venue/error-column-characters", test_error_column_characters);
  g_test_add_func ("/engine/venue/garbage", test_garbage);
  g_test_add_func ("/engine/venue/fuzz", test_fuzz);

  return g_test_run ();
}
