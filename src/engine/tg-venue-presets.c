/* tg-venue-presets.c: the three built-in venues, laid out procedurally.
 *
 * A preset is a plan — blocks of rows along lines and arcs — that is fitted to its exact seat
 * counts and then fed through the same builder the SVG reader uses. Everything is computed from
 * constants, so a preset is identical on every run and every machine.
 *
 * Map units are roughly 5 cm: seats sit 12 units apart in a row and rows 18-19 units apart;
 * standing spots are a 7-unit grid.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tg-venue-private.h"

#define SEAT_PITCH   12.0
#define ROW_GAP      19.0
#define SPOT_PITCH    7.0
#define AISLE        20.0
#define MIN_PITCH    11.0   /* a row may be squeezed this far to fit a seat count */

typedef struct
{
  char        code;     /* used in the row-grade strings of the plans */
  const char *id;
  const char *name;
  guint       price;
  const char *color;
  guint       rank;
} GradeDef;

static const GradeDef seated_grades[] = {
  { 'V', "VIP", "VIP석", 143000, "#7b52d3", 0 },
  { 'R', "R",   "R석",   132000, "#1f9e4a", 1 },
  { 'S', "S",   "S석",   110000, "#2d86d9", 2 },
  { 'A', "A",   "A석",    80000, "#ef8a22", 3 },
};

static const GradeDef arena_grades[] = {
  { 'P', "STANDING", "스탠딩", 170000, "#e0457b", 0 },
  { 'V', "VIP",      "VIP석",  143000, "#7b52d3", 1 },
  { 'R', "R",        "R석",    132000, "#1f9e4a", 2 },
  { 'S', "S",        "S석",    110000, "#2d86d9", 3 },
};

typedef struct
{
  double cx, cy, radius;      /* an arc around (cx, cy) when radius > 0 … */
  double x0, y0, dx, dy;      /* … else a line through (x0, y0) along (dx, dy) */
  double anchor;              /* arc length, from the curve's origin, of the anchored seat */
  int    align;               /* -1: first seat at anchor, 0: centred on it, +1: last seat at it */
  double pitch;
  double room;                /* the longest the row may be, first seat to last */
  guint  count;
  guint  label;
  char   grade;
} Row;

typedef struct
{
  char     id[16];
  char     name[48];
  gboolean standing;
  GArray  *rows;              /* Row, front to back */
  guint    accessible;        /* wheelchair places at each end of the back row */
  int      restricted_end;    /* -1: low numbers, +1: high numbers, 0: none */
  guint    restricted_seats;  /* restricted-view seats per row at that end */
  guint    restricted_rows;   /* how many front rows have them; 0: every row */
} Block;

typedef struct
{
  const char     *name;
  double          width, height;
  double          stage[4];
  const GradeDef *grades;
  guint           n_grades;
  GPtrArray      *blocks;
} Plan;

static void
block_free (Block *block)
{
  g_array_unref (block->rows);
  g_free (block);
}

static void
plan_init (Plan           *plan,
           const char     *name,
           double          width,
           double          height,
           const GradeDef *grades,
           guint           n_grades)
{
  plan->name = name;
  plan->width = width;
  plan->height = height;
  plan->grades = grades;
  plan->n_grades = n_grades;
  plan->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->blocks, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
plan_set_stage (Plan   *plan,
                double  x,
                double  y,
                double  width,
                double  height)
{
  plan->stage[0] = x;
  plan->stage[1] = y;
  plan->stage[2] = width;
  plan->stage[3] = height;
}

static Block *
plan_add_block (Plan       *plan,
                const char *id,
                const char *name,
                gboolean    standing)
{
  Block *block = g_new0 (Block, 1);

  g_strlcpy (block->id, id, sizeof block->id);
  g_strlcpy (block->name, name, sizeof block->name);
  block->standing = standing;
  block->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_ptr_array_add (plan->blocks, block);
  return block;
}

static guint
fit_count (double length,
           double pitch)
{
  return length < 0 ? 1 : (guint) floor (length / pitch) + 1;
}

/* Rows on concentric arcs around (cx, cy), between angles phi0 and phi1 (0 points down the map,
 * towards the audience); @grades has one grade code per row, front to back. */
static void
block_add_fan (Block      *block,
               double      cx,
               double      cy,
               double      r0,
               double      phi0,
               double      phi1,
               int         align,
               const char *grades)
{
  for (guint k = 0; grades[k] != '\0'; k++)
    {
      Row row = { 0 };
      double r = r0 + k * ROW_GAP;

      row.cx = cx;
      row.cy = cy;
      row.radius = r;
      row.align = align;
      row.anchor = (align < 0 ? phi0 : align > 0 ? phi1 : (phi0 + phi1) / 2) * r;
      row.pitch = SEAT_PITCH;
      row.room = (phi1 - phi0) * r - (align == 0 ? 0 : AISLE / 2);
      row.count = fit_count (row.room, SEAT_PITCH);
      row.label = k + 1;
      row.grade = grades[k];
      g_array_append_val (block->rows, row);
    }
}

/* Straight rows of @count seats centred on (x0, y0) + k * gap * (nx, ny), running along (dx, dy). */
static void
block_add_straight (Block      *block,
                    double      x0,
                    double      y0,
                    double      dx,
                    double      dy,
                    double      nx,
                    double      ny,
                    double      gap,
                    guint       count,
                    const char *grades)
{
  for (guint k = 0; grades[k] != '\0'; k++)
    {
      Row row = { 0 };

      row.x0 = x0 + nx * gap * k;
      row.y0 = y0 + ny * gap * k;
      row.dx = dx;
      row.dy = dy;
      row.pitch = block->standing ? SPOT_PITCH : SEAT_PITCH;
      row.room = G_MAXDOUBLE;
      row.count = count;
      row.label = k + 1;
      row.grade = grades[k];
      g_array_append_val (block->rows, row);
    }
}

static void
row_point (const Row *row,
           guint      i,
           double    *x,
           double    *y)
{
  double pitch = row->pitch;
  double start, s;

  if (row->align < 0)
    start = row->anchor;
  else if (row->align > 0)
    start = row->anchor - (row->count - 1) * pitch;
  else
    start = row->anchor - (row->count - 1) * pitch / 2;
  s = start + i * pitch;

  if (row->radius > 0)
    {
      double phi = s / row->radius;
      *x = row->cx + row->radius * sin (phi);
      *y = row->cy + row->radius * cos (phi);
    }
  else
    {
      *x = row->x0 + s * row->dx;
      *y = row->y0 + s * row->dy;
    }
  /* A tenth of a unit is plenty, and keeps the saved SVG short. */
  *x = round (*x * 10) / 10;
  *y = round (*y * 10) / 10;
}

/* Adds or removes seats until the rows of grade @grade (0: every row) hold exactly @target
 * seats: whole columns of straight blocks if @columns, then seats at the ends of rows. */
static void
plan_fit (Plan     *plan,
          char      grade,
          guint     target,
          gboolean  columns)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) straight = g_ptr_array_new ();
  guint max_label = 0;
  gint64 diff = target;

  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (plan->blocks, b);
      for (guint r = 0; r < block->rows->len; r++)
        {
          Row *row = &g_array_index (block->rows, Row, r);
          if (grade == 0 || row->grade == grade)
            {
              diff -= row->count;
              max_label = MAX (max_label, row->label);
            }
        }
    }

  g_debug ("preset %s: grade %c has %u seats before fitting, %+" G_GINT64_FORMAT " to go",
           plan->name, grade ? grade : '*', target - (guint) diff, diff);

  /* Whole columns first: a straight block one seat wider or narrower in every row still looks
   * like a block. Blocks are taken from both ends inwards, so a symmetric hall stays symmetric. */
  for (guint b = 0; columns && b < plan->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (plan->blocks, b);
      gboolean eligible = !block->standing;

      for (guint r = 0; r < block->rows->len && eligible; r++)
        {
          Row *row = &g_array_index (block->rows, Row, r);
          eligible = row->radius == 0 && row->count > 1 && (grade == 0 || row->grade == grade);
        }
      if (eligible)
        g_ptr_array_add (straight, block);
    }
  for (guint k = 0; k < straight->len; k++)
    {
      guint b = k % 2 == 0 ? k / 2 : straight->len - 1 - k / 2;
      Block *block = g_ptr_array_index (straight, b);

      if ((guint64) ABS (diff) < block->rows->len)
        continue;
      for (guint r = 0; r < block->rows->len; r++)
        g_array_index (block->rows, Row, r).count += diff > 0 ? 1 : -1;
      diff += diff > 0 ? -(gint64) block->rows->len : (gint64) block->rows->len;
    }

  /* Then single seats: curved rows first, where one seat more or less does not show, and back
   * rows first: the front of a hall is what its design is about. */
  for (int curved = 1; curved >= 0; curved--)
    for (guint label = max_label; label >= 1; label--)
      for (guint b = 0; b < plan->blocks->len; b++)
        {
          Block *block = g_ptr_array_index (plan->blocks, b);
          for (guint r = 0; r < block->rows->len; r++)
            {
              Row *row = &g_array_index (block->rows, Row, r);
              if (row->label == label && (row->radius > 0) == curved &&
                  (grade == 0 || row->grade == grade))
                g_ptr_array_add (rows, row);
            }
        }

  while (diff != 0 && rows->len > 0)
    {
      gboolean changed = FALSE;

      for (guint i = 0; i < rows->len && diff != 0; i++)
        {
          Row *row = g_ptr_array_index (rows, i);

          if (diff > 0)
            {
              /* Squeeze the row a little rather than push it into the aisle. */
              double pitch = MIN (row->pitch, row->room / row->count);

              if (pitch < MIN_PITCH)
                continue;
              row->pitch = pitch;
              row->count++;
              diff--;
              changed = TRUE;
            }
          else if (row->count > 1)
            {
              row->count--;
              diff++;
              changed = TRUE;
            }
        }
      if (!changed)
        break;
    }
}

static const GradeDef *
plan_grade (Plan *plan,
            char  code)
{
  for (guint i = 0; i < plan->n_grades; i++)
    if (plan->grades[i].code == code)
      return &plan->grades[i];
  g_assert_not_reached ();
  return NULL;
}

static guint
seat_flags (const Block *block,
            guint        r,
            const Row   *row,
            guint        i)
{
  guint flags = TG_SEAT_FLAG_NONE;
  guint from_end = block->restricted_end < 0 ? i : row->count - 1 - i;

  if (block->accessible > 0 && r == block->rows->len - 1 &&
      (i < block->accessible || i >= row->count - block->accessible))
    flags |= TG_SEAT_FLAG_ACCESSIBLE;
  if (block->restricted_end != 0 && from_end < block->restricted_seats &&
      (block->restricted_rows == 0 || r < block->restricted_rows))
    flags |= TG_SEAT_FLAG_RESTRICTED_VIEW;
  return flags;
}

static gboolean
plan_add_block_to_venue (Plan     *plan,
                         Block    *block,
                         TgVenue  *venue,
                         GError  **error)
{
  double pad = block->standing ? SPOT_PITCH : SEAT_PITCH * 0.75;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double fx, fy, bx, by, dx, dy, len, angle;
  const Row *front, *back;
  char id[48];
  char label[8];

  for (guint r = 0; r < block->rows->len; r++)
    {
      const Row *row = &g_array_index (block->rows, Row, r);
      for (guint i = 0; i < row->count; i++)
        {
          double x, y;

          row_point (row, i, &x, &y);
          x0 = MIN (x0, x);
          y0 = MIN (y0, y);
          x1 = MAX (x1, x);
          y1 = MAX (y1, y);
        }
    }
  x0 = floor (x0 - pad);
  y0 = floor (y0 - pad);
  x1 = ceil (x1 + pad);
  y1 = ceil (y1 + pad);

  if (!tg_venue_begin_section (venue, block->id, block->name, block->standing,
                               x0, y0, x1 - x0, y1 - y0, error))
    return FALSE;

  /* The name goes behind the back row, in the aisle or concourse there, and runs along the row. */
  front = &g_array_index (block->rows, Row, 0);
  back = &g_array_index (block->rows, Row, block->rows->len - 1);
  row_point (front, front->count / 2, &fx, &fy);
  row_point (back, back->count / 2, &bx, &by);
  dx = bx - fx;
  dy = by - fy;
  len = hypot (dx, dy);
  if (len < 1)
    {
      dx = 0;
      dy = 1;
      len = 1;
    }
  angle = round (atan2 (dy, dx) * 180 / G_PI) - 90;
  if (angle <= -180)
    angle += 360;
  /* Keep text readable: never upside down. */
  if (angle > 90)
    angle -= 180;
  else if (angle < -90)
    angle += 180;
  if (!tg_venue_set_section_label (venue, round (bx + dx / len * (pad + 10)),
                                   round (by + dy / len * (pad + 10)), angle, error))
    return FALSE;

  for (guint r = 0; r < block->rows->len; r++)
    {
      const Row *row = &g_array_index (block->rows, Row, r);
      const GradeDef *grade = plan_grade (plan, row->grade);

      g_snprintf (label, sizeof label, "%u", row->label);
      for (guint i = 0; i < row->count; i++)
        {
          double x, y;

          row_point (row, i, &x, &y);
          g_snprintf (id, sizeof id, "%s-%u-%u", block->id, row->label, i + 1);
          if (!tg_venue_add_seat (venue, id, label, i + 1, grade->id,
                                  seat_flags (block, r, row, i), x, y, error))
            return FALSE;
        }
    }

  return tg_venue_end_section (venue, error);
}

static TgVenue *
plan_build (Plan    *plan,
            GError **error)
{
  g_autoptr(TgVenue) venue = tg_venue_new_empty (plan->name, plan->width, plan->height, error);

  if (venue == NULL)
    return NULL;
  if (!tg_venue_set_stage (venue, plan->stage[0], plan->stage[1], plan->stage[2], plan->stage[3],
                           error))
    return NULL;
  for (guint i = 0; i < plan->n_grades; i++)
    {
      const GradeDef *g = &plan->grades[i];
      if (!tg_venue_add_grade (venue, g->id, g->name, g->price, g->color, g->rank, error))
        return NULL;
    }
  for (guint i = 0; i < plan->blocks->len; i++)
    if (!plan_add_block_to_venue (plan, g_ptr_array_index (plan->blocks, i), venue, error))
      return NULL;
  if (!tg_venue_finish (venue, error))
    return NULL;
  return g_steal_pointer (&venue);
}

/* small: a musical theatre, 1층 in a fan of three blocks and a 2층 balcony behind it. */
static TgVenue *
build_theatre (GError **error)
{
  g_auto(Plan) plan = { 0 };
  const double cx = 500, cy = -420;
  static const struct {
    const char *id, *name;
    double phi0, phi1, r0;
    int align;
    const char *grades;
  } blocks[] = {
    { "1A", "1층 A구역", -0.48, -0.205, 570, +1, "VVVVVVRRRRRRRRR" },
    { "1B", "1층 B구역", -0.16,  0.16, 570,  0, "VVVVVVVVVVRRRRR" },
    { "1C", "1층 C구역",  0.205, 0.48, 570, -1, "VVVVVVRRRRRRRRR" },
    { "2A", "2층 A구역", -0.40, -0.17, 910, +1, "SSSSAAA" },
    { "2B", "2층 B구역", -0.15,  0.15, 910,  0, "RRSSSSS" },
    { "2C", "2층 C구역",  0.17,  0.40, 910, -1, "SSSSAAA" },
  };

  plan_init (&plan, "TickGet 씨어터", 1000, 700, seated_grades, G_N_ELEMENTS (seated_grades));
  plan_set_stage (&plan, 330, 30, 340, 80);

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      Block *block = plan_add_block (&plan, blocks[i].id, blocks[i].name, FALSE);

      block_add_fan (block, cx, cy, blocks[i].r0, blocks[i].phi0, blocks[i].phi1,
                     blocks[i].align, blocks[i].grades);
      if (g_str_equal (blocks[i].id, "1B"))
        block->accessible = 2;
      /* The balcony's side walls cut the view from its outermost seats. */
      if (g_str_equal (blocks[i].id, "2A"))
        {
          block->restricted_end = -1;
          block->restricted_seats = 2;
        }
      else if (g_str_equal (blocks[i].id, "2C"))
        {
          block->restricted_end = +1;
          block->restricted_seats = 2;
        }
    }

  plan_fit (&plan, 0, 1231, FALSE);
  return plan_build (&plan, error);
}

/* medium: a concert hall, seated floor in front of the stage, two tiers in a wide fan around it. */
static TgVenue *
build_hall (GError **error)
{
  g_auto(Plan) plan = { 0 };
  const double cx = 1100, stage_front = 170;
  const guint floor_blocks = 4, floor_seats = 14;
  const double floor_block_width = (floor_seats - 1) * SEAT_PITCH;
  const double floor_width = floor_blocks * floor_block_width + (floor_blocks - 1) * 28;
  const guint tier1 = 7, tier2 = 9;
  const double span = 1.45;
  char id[16], name[48];

  plan_init (&plan, "TickGet 홀", 2200, 1240, seated_grades, G_N_ELEMENTS (seated_grades));
  plan_set_stage (&plan, cx - 220, 60, 440, stage_front - 60);

  for (guint b = 0; b < floor_blocks; b++)
    {
      Block *block;
      double x = cx - floor_width / 2 + floor_block_width / 2 + b * (floor_block_width + 28);

      g_snprintf (id, sizeof id, "F%c", 'A' + b);
      g_snprintf (name, sizeof name, "플로어 %c구역", 'A' + b);
      block = plan_add_block (&plan, id, name, FALSE);
      block_add_straight (block, x, stage_front + 50, 1, 0, 0, 1, 18, floor_seats,
                          "VVVVVVVVVVVVVVVVVV");
      if (b == 1 || b == 2)
        block->accessible = 2;
    }

  for (guint s = 0; s < tier1; s++)
    {
      double step = 2 * span / tier1;
      double aisle = AISLE / 2 / 570;
      double phi0 = -span + s * step + aisle, phi1 = phi0 + step - 2 * aisle;
      gboolean centre = s >= 2 && s <= 4;
      Block *block;

      g_snprintf (id, sizeof id, "1%c", 'A' + s);
      g_snprintf (name, sizeof name, "1층 %c구역", 'A' + s);
      block = plan_add_block (&plan, id, name, FALSE);
      block_add_fan (block, cx, stage_front, 570, phi0, phi1, 0,
                     centre ? "RRRRRRRRSSSS" : "RRRRSSSSSSSS");
      if (s == 3)
        block->accessible = 2;
      /* The outermost blocks sit almost beside the stage. */
      if (s == 0 || s == tier1 - 1)
        {
          block->restricted_end = s == 0 ? -1 : +1;
          block->restricted_seats = 3;
          block->restricted_rows = 6;
        }
    }

  for (guint s = 0; s < tier2; s++)
    {
      double step = 2 * span / tier2;
      double aisle = AISLE / 2 / 840;
      double phi0 = -span + s * step + aisle, phi1 = phi0 + step - 2 * aisle;
      gboolean centre = s >= 2 && s <= 6;
      Block *block;

      g_snprintf (id, sizeof id, "2%c", 'A' + s);
      g_snprintf (name, sizeof name, "2층 %c구역", 'A' + s);
      block = plan_add_block (&plan, id, name, FALSE);
      block_add_fan (block, cx, stage_front, 840, phi0, phi1, 0,
                     centre ? "SSSAAAA" : "AAAAAAA");
      if (s == 0 || s == tier2 - 1)
        {
          block->restricted_end = s == 0 ? -1 : +1;
          block->restricted_seats = 2;
        }
    }

  plan_fit (&plan, 0, 4256, FALSE);
  return plan_build (&plan, error);
}

/* The arena bowls run in a U around the floor: down the left side, round a corner, along the
 * back, round the other corner and up the right side, so seat numbers always increase from the
 * audience's left to their right. */
typedef struct
{
  double left, right, top, bottom, corner;
} Bowl;

static void
bowl_add_ring (Plan        *plan,
               const Bowl  *bowl,
               double       offset,
               guint        n_rows,
               const guint  per_segment[5],
               guint        first_number,
               const char  *floor_name,
               char         grade)
{
  const double side = bowl->bottom - bowl->corner - bowl->top;
  const double back = bowl->right - bowl->left - 2 * bowl->corner;
  g_autofree char *grades = g_strnfill (n_rows, grade);
  guint number = first_number;
  guint total = 0;

  for (guint seg = 0; seg < 5; seg++)
    total += per_segment[seg];

  for (guint seg = 0; seg < 5; seg++)
    for (guint s = 0; s < per_segment[seg]; s++, number++)
      {
        char id[16], name[48];
        Block *block;

        g_snprintf (id, sizeof id, "%u", number);
        g_snprintf (name, sizeof name, "%s %u구역", floor_name, number);
        block = plan_add_block (plan, id, name, FALSE);

        if (seg == 1 || seg == 3)
          {
            double cx = seg == 1 ? bowl->left + bowl->corner : bowl->right - bowl->corner;
            double cy = bowl->bottom - bowl->corner;
            double start = seg == 1 ? -G_PI / 2 : 0;
            double step = G_PI / 2 / per_segment[seg];

            for (guint k = 0; k < n_rows; k++)
              {
                Row row = { 0 };
                double r = bowl->corner + offset + k * ROW_GAP;

                row.cx = cx;
                row.cy = cy;
                row.radius = r;
                row.anchor = (start + (s + 0.5) * step) * r;
                row.pitch = SEAT_PITCH;
                row.room = step * r - AISLE;
                row.count = fit_count (row.room, SEAT_PITCH);
                row.label = k + 1;
                row.grade = grade;
                g_array_append_val (block->rows, row);
              }
          }
        else
          {
            double length = (seg == 2 ? back : side) / per_segment[seg];
            guint count = fit_count (length - AISLE, SEAT_PITCH);
            double along = (s + 0.5) * length;

            if (seg == 0)
              block_add_straight (block, bowl->left - offset, bowl->top + along, 0, 1, -1, 0,
                                  ROW_GAP, count, grades);
            else if (seg == 2)
              block_add_straight (block, bowl->left + bowl->corner + along, bowl->bottom + offset,
                                  1, 0, 0, 1, ROW_GAP, count, grades);
            else
              block_add_straight (block, bowl->right + offset, bowl->bottom - bowl->corner - along,
                                  0, -1, 1, 0, ROW_GAP, count, grades);
          }

        /* The blocks at the top of each side look at the stage from beside it. */
        if (number == first_number || number == first_number + total - 1)
          {
            block->restricted_end = number == first_number ? -1 : +1;
            block->restricted_seats = 2;
          }
        if (seg == 2 && (s == per_segment[2] / 2 - 1 || s == per_segment[2] / 2))
          block->accessible = 2;
      }
}

/* large: an arena, standing zones at the stage, seated floor, and two bowls in a U around it. */
static TgVenue *
build_arena (GError **error)
{
  g_auto(Plan) plan = { 0 };
  const double cx = 1300;
  const guint zones = 4, spots = 40, spot_rows = 25;
  const double zone_width = (spots - 1) * SPOT_PITCH;
  const double floor_width = zones * zone_width + (zones - 1) * 22;
  const double floor_left = cx - floor_width / 2;
  const guint vip_across = 5, vip_seats = 19;
  const double vip_width = (vip_seats - 1) * SEAT_PITCH;
  const double vip_gap = (floor_width - vip_across * vip_width) / (vip_across - 1);
  const guint lower[5] = { 5, 2, 6, 2, 5 };
  const guint upper[5] = { 5, 3, 7, 3, 5 };
  const guint lower_rows = 17;
  Bowl bowl;
  char id[16], name[48];

  plan_init (&plan, "TickGet 아레나", 2600, 1920, arena_grades, G_N_ELEMENTS (arena_grades));
  plan_set_stage (&plan, cx - 260, 60, 520, 150);

  for (guint z = 0; z < zones; z++)
    {
      Block *block;

      g_snprintf (id, sizeof id, "S%c", 'A' + z);
      g_snprintf (name, sizeof name, "스탠딩 %c", 'A' + z);
      block = plan_add_block (&plan, id, name, TRUE);
      block_add_straight (block, floor_left + zone_width / 2 + z * (zone_width + 22), 260,
                          1, 0, 0, 1, SPOT_PITCH, spots, "PPPPPPPPPPPPPPPPPPPPPPPPP");
      g_assert (block->rows->len == spot_rows);
    }

  for (guint tier = 0; tier < 2; tier++)
    for (guint b = 0; b < vip_across; b++)
      {
        Block *block;
        guint n = tier * vip_across + b + 1;

        g_snprintf (id, sizeof id, "F%u", n);
        g_snprintf (name, sizeof name, "플로어 F%u구역", n);
        block = plan_add_block (&plan, id, name, FALSE);
        block_add_straight (block, floor_left + vip_width / 2 + b * (vip_width + vip_gap),
                            478 + tier * 400, 1, 0, 0, 1, 16, vip_seats,
                            "VVVVVVVVVVVVVVVVVVVVV");
        if (tier == 1 && (b == 0 || b == vip_across - 1))
          block->accessible = 2;
      }

  /* The corners of the bowl are rounded, so it keeps more room from the floor's corners. */
  bowl.left = floor_left - 70;
  bowl.right = floor_left + floor_width + 70;
  bowl.top = 250;
  bowl.bottom = 478 + 400 + 20 * 16 + 75;
  bowl.corner = 120;
  bowl_add_ring (&plan, &bowl, 0, lower_rows, lower, 101, "1층", 'R');
  bowl_add_ring (&plan, &bowl, lower_rows * ROW_GAP + 50, 9, upper, 201, "2층", 'S');

  plan_fit (&plan, 'P', 4000, TRUE);
  plan_fit (&plan, 'V', 3981, TRUE);
  plan_fit (&plan, 'R', 5068, TRUE);
  plan_fit (&plan, 'S', 3375, TRUE);
  return plan_build (&plan, error);
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
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_equal (name, "small"))
    return build_theatre (error);
  if (g_str_equal (name, "medium"))
    return build_hall (error);
  if (g_str_equal (name, "large"))
    return build_arena (error);

  g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_UNKNOWN_PRESET,
               _("There is no venue preset called “%s”; try small, medium or large"), name);
  return NULL;
}
