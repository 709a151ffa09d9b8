/* tg-venue-presets.c: the three built-in venues, generated procedurally.
 *
 * Seat counts and grade splits follow the real halls in REFERENCE.md: a theatre with a balcony
 * (1,231 seats, like 샤롯데씨어터), a concert hall (4,256, like 올림픽홀) and an arena (16,424 in
 * 57 sections: standing 4,000, VIP 3,981, R 5,068, S 3,375, like 인스파이어 아레나). Rows are arcs
 * around the stage; each section is filled row by row until it holds exactly its share.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

typedef struct
{
  TgVenue *venue;
  double   cx, cy;        /* centre of the stage's front edge: rows are arcs around it */
  double   spacing;       /* between seats and between rows */
} Gen;

/* Fills an arc section from radius @r0 outward until it has @target seats. */
static void
arc_section (Gen        *gen,
             const char *id,
             const char *name,
             guint       grade,
             double      a0_deg,
             double      a1_deg,
             double      r0,
             guint       target)
{
  double a0 = a0_deg * G_PI / 180, a1 = a1_deg * G_PI / 180, mid = (a0 + a1) / 2;
  guint placed = 0;

  tg_venue_builder_begin_section (gen->venue, id, name, FALSE);
  for (guint row = 0; placed < target; row++)
    {
      double r = r0 + row * gen->spacing;
      guint n = (guint) floor ((a1 - a0) * r / gen->spacing) + 1;
      char row_label[16];

      g_snprintf (row_label, sizeof row_label, "%u", row + 1);
      n = MIN (n, target - placed);
      for (guint j = 0; j < n; j++)
        {
          double theta = mid + ((double) j - (n - 1) / 2.0) * gen->spacing / r;
          guint flags = 0;
          char seat_id[48];

          /* The far sides see the stage at an angle. */
          if (fabs (theta) > 85 * G_PI / 180)
            flags |= TG_SEAT_FLAG_RESTRICTED_VIEW;
          /* Wheelchair places at the ends of each section's first row. */
          if (row == 0 && (j == 0 || j + 1 == n))
            flags |= TG_SEAT_FLAG_ACCESSIBLE;
          g_snprintf (seat_id, sizeof seat_id, "%s-%u-%u", id, row + 1, j + 1);
          tg_venue_builder_add_seat (gen->venue, seat_id, row_label, j + 1, grade, flags,
                                     gen->cx + r * sin (theta), gen->cy + r * cos (theta));
        }
      placed += n;
    }
}

/* A standing zone: numbered places on a grid inside a rectangle. */
static void
standing_section (Gen        *gen,
                  const char *id,
                  const char *name,
                  guint       grade,
                  double      x,
                  double      y,
                  double      width,
                  double      height,
                  guint       target)
{
  guint cols = (guint) ceil (sqrt (target * width / height));
  guint rows = (target + cols - 1) / cols;
  double dx = width / cols, dy = height / rows;

  tg_venue_builder_begin_section (gen->venue, id, name, TRUE);
  tg_venue_builder_set_section_box (gen->venue, x, y, width, height);
  for (guint i = 0; i < target; i++)
    {
      guint r = i / cols, c = i % cols;
      char seat_id[48], row_label[16];

      g_snprintf (seat_id, sizeof seat_id, "%s-%u", id, i + 1);
      g_snprintf (row_label, sizeof row_label, "%u", r + 1);
      tg_venue_builder_add_seat (gen->venue, seat_id, row_label, c + 1, grade, 0,
                                 x + (c + 0.5) * dx, y + (r + 0.5) * dy);
    }
}

/* @total seats over @n sections, as evenly as whole seats allow. */
static guint
share (guint total,
       guint n,
       guint i)
{
  return total / n + (i < total % n ? 1 : 0);
}

static TgVenue *
make_theatre (void)
{
  Gen gen = { NULL, 500, 100, 12 };
  int vip, r, s, a;

  gen.venue = tg_venue_builder_new ("TickGet Theatre", 1000, 760);
  tg_venue_builder_set_stage (gen.venue, 330, 30, 340, 70);
  tg_venue_builder_set_seat_radius (gen.venue, 4.5);
  vip = tg_venue_builder_add_grade (gen.venue, "VIP", "VIP석", 143000, "#7b3fe4", 0);
  r = tg_venue_builder_add_grade (gen.venue, "R", "R석", 132000, "#2ea043", 1);
  s = tg_venue_builder_add_grade (gen.venue, "S", "S석", 110000, "#1c71d8", 2);
  a = tg_venue_builder_add_grade (gen.venue, "A", "A석", 80000, "#e66100", 3);

  /* 1층 */
  arc_section (&gen, "A", "1층 A구역", r, -52, -19, 110, 220);
  arc_section (&gen, "B", "1층 B구역", vip, -16, 16, 110, 300);
  arc_section (&gen, "C", "1층 C구역", r, 19, 52, 110, 220);
  /* 2층 balcony */
  arc_section (&gen, "D", "2층 D구역", a, -55, -21, 420, 130);
  arc_section (&gen, "E", "2층 E구역", s, -18, 18, 420, 230);
  arc_section (&gen, "F", "2층 F구역", a, 21, 55, 420, 131);

  tg_venue_builder_finish (gen.venue);
  return gen.venue;
}

static TgVenue *
make_hall (void)
{
  Gen gen = { NULL, 700, 120, 9.5 };
  int vip, r, s, a;

  gen.venue = tg_venue_builder_new ("TickGet Hall", 1400, 860);
  tg_venue_builder_set_stage (gen.venue, 520, 40, 360, 80);
  tg_venue_builder_set_seat_radius (gen.venue, 3.6);
  vip = tg_venue_builder_add_grade (gen.venue, "VIP", "VIP석", 143000, "#7b3fe4", 0);
  r = tg_venue_builder_add_grade (gen.venue, "R", "R석", 132000, "#2ea043", 1);
  s = tg_venue_builder_add_grade (gen.venue, "S", "S석", 110000, "#1c71d8", 2);
  a = tg_venue_builder_add_grade (gen.venue, "A", "A석", 80000, "#e66100", 3);

  /* Floor: five wedges, VIP in the middle three. */
  arc_section (&gen, "A", "1층 A구역", r, -62, -39, 150, 500);
  arc_section (&gen, "B", "1층 B구역", vip, -36, -13, 150, 400);
  arc_section (&gen, "C", "1층 C구역", vip, -10, 10, 150, 400);
  arc_section (&gen, "D", "1층 D구역", vip, 13, 36, 150, 400);
  arc_section (&gen, "E", "1층 E구역", r, 39, 62, 150, 500);
  /* Upper tier: six wedges, S in the middle four. */
  arc_section (&gen, "F", "2층 F구역", a, -76, -52, 560, 378);
  arc_section (&gen, "G", "2층 G구역", s, -49, -26, 560, 325);
  arc_section (&gen, "H", "2층 H구역", s, -23, -1.5, 560, 325);
  arc_section (&gen, "I", "2층 I구역", s, 1.5, 23, 560, 325);
  arc_section (&gen, "J", "2층 J구역", s, 26, 49, 560, 325);
  arc_section (&gen, "K", "2층 K구역", a, 52, 76, 560, 378);

  tg_venue_builder_finish (gen.venue);
  return gen.venue;
}

static TgVenue *
make_arena (void)
{
  Gen gen = { NULL, 1000, 180, 7 };
  const guint n_lower = 25, n_upper = 28;
  const double lower_span = 200.0 / n_lower, upper_span = 200.0 / n_upper;
  int standing, vip, r, s;
  guint r_index = 0, s_index = 0, vip_index = 0;

  gen.venue = tg_venue_builder_new ("TickGet Arena", 2000, 1100);
  tg_venue_builder_set_stage (gen.venue, 820, 60, 360, 120);
  tg_venue_builder_set_seat_radius (gen.venue, 2.6);
  standing = tg_venue_builder_add_grade (gen.venue, "ST", "스탠딩", 170000, "#e01b24", 0);
  vip = tg_venue_builder_add_grade (gen.venue, "VIP", "VIP석", 143000, "#7b3fe4", 1);
  r = tg_venue_builder_add_grade (gen.venue, "R", "R석", 132000, "#2ea043", 2);
  s = tg_venue_builder_add_grade (gen.venue, "S", "S석", 110000, "#1c71d8", 3);

  /* Floor: four standing blocks of 1,000 in front of the stage. */
  standing_section (&gen, "FA", "스탠딩 A구역", standing, 806, 205, 190, 135, 1000);
  standing_section (&gen, "FB", "스탠딩 B구역", standing, 1004, 205, 190, 135, 1000);
  standing_section (&gen, "FC", "스탠딩 C구역", standing, 806, 348, 190, 135, 1000);
  standing_section (&gen, "FD", "스탠딩 D구역", standing, 1004, 348, 190, 135, 1000);

  /* Lower bowl: 25 sections, the 13 in the middle VIP, the 12 outer ones R. */
  for (guint i = 0; i < n_lower; i++)
    {
      double a0 = -100 + i * lower_span + 0.8, a1 = -100 + (i + 1) * lower_span - 0.8;
      gboolean is_vip = i >= 6 && i < 19;
      char id[16], name[64];

      g_snprintf (id, sizeof id, "%u", 101 + i);
      g_snprintf (name, sizeof name, "1층 %u구역", 101 + i);
      if (is_vip)
        arc_section (&gen, id, name, vip, a0, a1, 430, share (3981, 13, vip_index++));
      else
        arc_section (&gen, id, name, r, a0, a1, 430, share (5068, 20, r_index++));
    }
  /* Upper bowl: 28 sections, the 8 in the middle R, the 20 outer ones S. */
  for (guint i = 0; i < n_upper; i++)
    {
      double a0 = -100 + i * upper_span + 0.7, a1 = -100 + (i + 1) * upper_span - 0.7;
      gboolean is_r = i >= 10 && i < 18;
      char id[16], name[64];

      g_snprintf (id, sizeof id, "%u", 201 + i);
      g_snprintf (name, sizeof name, "2층 %u구역", 201 + i);
      if (is_r)
        arc_section (&gen, id, name, r, a0, a1, 700, share (5068, 20, r_index++));
      else
        arc_section (&gen, id, name, s, a0, a1, 700, share (3375, 20, s_index++));
    }

  tg_venue_builder_finish (gen.venue);
  return gen.venue;
}

static const char * const preset_names[] = { "small", "medium", "large", NULL };

const char * const *
tg_venue_list_presets (void)
{
  return preset_names;
}

TgVenue *
tg_venue_new_preset (const char  *name,
                     GError     **error)
{
  if (g_strcmp0 (name, "small") == 0)
    return make_theatre ();
  if (g_strcmp0 (name, "medium") == 0)
    return make_hall ();
  if (g_strcmp0 (name, "large") == 0)
    return make_arena ();

  g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_UNKNOWN_PRESET,
               _("Unknown venue “%s” (use small, medium or large, or a seat-map file)"),
               name != NULL ? name : "");
  return NULL;
}
