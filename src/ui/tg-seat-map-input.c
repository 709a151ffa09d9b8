/* tg-seat-map-input.c: the seat map's input — click, drag to pan, pinch and scroll to zoom, hover
 * tooltips, and the keyboard (arrows between seats, Enter to pick, +/−/0 to zoom).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-seat-map-internal.h"
#include "tg-ui-util.h"

/* Input */

static guint
hit_test (TgSeatMap *self,
          double     x,
          double     y)
{
  double mx, my;
  /* A little forgiving when zoomed out, never wider than half the distance between seats. */
  double radius = MIN (MAX (SEAT_RADIUS + 1, 5 / self->zoom), 6);

  if (self->venue == NULL)
    return TG_VENUE_NO_SEAT;
  tg_seat_map_widget_to_map (self, x, y, &mx, &my);
  return tg_seat_map_grid_nearest (self, mx, my, radius);
}

guint
tg_seat_map_seat_at (TgSeatMap *self,
                     double     x,
                     double     y)
{
  g_return_val_if_fail (TG_IS_SEAT_MAP (self), TG_VENUE_NO_SEAT);
  return hit_test (self, x, y);
}

void
tg_seat_map_get_seat_point (TgSeatMap *self,
                            guint      seat,
                            double    *x,
                            double    *y)
{
  g_return_if_fail (TG_IS_SEAT_MAP (self));
  g_return_if_fail (seat < self->n_seats);

  *x = (self->seats[seat].x - self->origin_x) * self->zoom;
  *y = (self->seats[seat].y - self->origin_y) * self->zoom;
}

void
tg_seat_map_click_at (TgSeatMap *self,
                      double     x,
                      double     y)
{
  guint seat = hit_test (self, x, y);

  if (seat == TG_VENUE_NO_SEAT)
    {
      g_signal_emit (self, tg_seat_map_signals[TG_SEAT_MAP_MISS_CLICKED], 0, x, y);
      return;
    }
  tg_seat_map_set_focus_seat (self, seat);
  g_signal_emit (self, tg_seat_map_signals[TG_SEAT_MAP_SEAT_ACTIVATED], 0, seat);
}

void
tg_seat_map_hover_at (TgSeatMap *self,
                      double     x,
                      double     y)
{
  guint seat = x < 0 ? TG_VENUE_NO_SEAT : hit_test (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  if (seat == self->hover)
    return;
  self->hover = seat;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
tg_seat_map_get_hover_seat (TgSeatMap *self)
{
  return self->hover;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   TgSeatMap       *self)
{
  if (self->dragged)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  tg_seat_map_click_at (self, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TgSeatMap      *self)
{
  self->dragged = FALSE;
  self->drag_last_x = 0;
  self->drag_last_y = 0;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TgSeatMap      *self)
{
  if (!self->dragged && !gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) dx, (int) dy))
    return;
  self->dragged = TRUE;
  tg_seat_map_pan (self, dx - self->drag_last_x, dy - self->drag_last_y);
  self->drag_last_x = dx;
  self->drag_last_y = dy;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TgSeatMap                *self)
{
  double x = self->pointer_x, y = self->pointer_y;

  if (x < 0)
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  tg_seat_map_set_zoom (self, self->zoom * exp (-dy * 0.15), x, y);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TgSeatMap                *self)
{
  tg_seat_map_hover_at (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          TgSeatMap                *self)
{
  tg_seat_map_hover_at (self, -1, -1);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TgSeatMap        *self)
{
  self->pinch_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       TgSeatMap      *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  tg_seat_map_set_zoom (self, self->pinch_zoom * scale, x, y);
}

static char *
format_won (guint price)
{
  g_autofree char *digits = g_strdup_printf ("%u", price);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
tg_seat_map_describe_seat (TgSeatMap *self,
                           guint      index)
{
  const TgSeat *seat = &self->seats[index];
  const TgGrade *grade = tg_venue_get_grade (self->venue, seat->grade);
  g_autofree char *price = format_won (grade->price);
  g_autofree char *place = NULL;
  const char *state = NULL;

  place = tg_ui_seat_name (self->venue, index);

  if (self->states[index] != TG_SEAT_AVAILABLE)
    state = _("Taken");
  else if (seat->flags & TG_SEAT_FLAG_ACCESSIBLE)
    state = _("Wheelchair place");
  else if (seat->flags & TG_SEAT_FLAG_RESTRICTED_VIEW)
    state = _("Restricted view");

  /* Translators: grade name and price in won, e.g. "VIP석 · ₩143,000"; Korean: "%s · %s원" */
  return g_strdup_printf (_("%s\n%s · ₩%s%s%s"), place, grade->name, price,
                          state ? "\n" : "", state ? state : "");
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  TgSeatMap  *self)
{
  guint seat = keyboard_mode ? self->focus_seat : hit_test (self, x, y);
  g_autofree char *text = NULL;
  double sx, sy, r;

  if (seat == TG_VENUE_NO_SEAT)
    return FALSE;

  text = tg_seat_map_describe_seat (self, seat);
  gtk_tooltip_set_text (tooltip, text);
  tg_seat_map_get_seat_point (self, seat, &sx, &sy);
  r = MAX (SEAT_RADIUS * self->zoom, 3);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) (sx - r), (int) (sy - r),
                                                       (int) (2 * r + 1), (int) (2 * r + 1) });
  return TRUE;
}

/* Keyboard */

/* The nearest seat from @from in the direction (@dx, @dy), favouring seats straight ahead. An
 * arrow roughly along the row (curved, or a side balcony running up the screen) follows the row:
 * the next seat of the same row wins when it lies within 60° of the arrow. */
static guint
seat_in_direction (TgSeatMap *self,
                   guint      from,
                   int        dx,
                   int        dy)
{
  const TgSeat *origin = &self->seats[from];
  guint best = TG_VENUE_NO_SEAT;
  double best_score = G_MAXDOUBLE;

  for (int side = -1; side <= 1; side += 2)
    {
      guint next = tg_venue_seat_neighbor (self->venue, from, side);

      if (next != TG_VENUE_NO_SEAT)
        {
          double vx = self->seats[next].x - origin->x, vy = self->seats[next].y - origin->y;
          double along = vx * dx + vy * dy;

          if (along > 0 && fabs (vx * dy - vy * dx) <= along * 1.7320508)
            return next;
        }
    }

  for (double radius = 4 * GRID_CELL; best == TG_VENUE_NO_SEAT; radius *= 4)
    {
      guint c0 = tg_seat_map_grid_col (self, origin->x - radius), c1 = tg_seat_map_grid_col (self, origin->x + radius);
      guint r0 = tg_seat_map_grid_row (self, origin->y - radius), r1 = tg_seat_map_grid_row (self, origin->y + radius);

      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          {
            guint cell = r * self->grid_cols + c;

            for (guint k = self->grid_start[cell]; k < self->grid_start[cell + 1]; k++)
              {
                const TgSeat *seat = &self->seats[self->grid_seats[k]];
                double vx = seat->x - origin->x, vy = seat->y - origin->y;
                double along = vx * dx + vy * dy;
                double across = fabs (vx * dy - vy * dx);
                double score;

                if (along < 1 || across > along * 2)
                  continue;
                score = along + 3 * across;
                if (score < best_score)
                  {
                    best_score = score;
                    best = self->grid_seats[k];
                  }
              }
          }

      if (radius > self->map_width + self->map_height)
        break;
    }
  return best;
}

static guint
seat_nearest_to_view_centre (TgSeatMap *self)
{
  double mx, my;
  guint best = TG_VENUE_NO_SEAT;
  double best_d2 = G_MAXDOUBLE;

  tg_seat_map_widget_to_map (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &mx, &my);
  for (guint i = 0; i < self->n_seats; i++)
    {
      double d2 = (self->seats[i].x - mx) * (self->seats[i].x - mx) +
                  (self->seats[i].y - my) * (self->seats[i].y - my);
      if (d2 < best_d2)
        {
          best_d2 = d2;
          best = i;
        }
    }
  return best;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TgSeatMap *self = TG_SEAT_MAP (widget);
  int dx, dy;
  guint next;

  if (self->n_seats == 0)
    return;
  g_variant_get (parameter, "(ii)", &dx, &dy);

  if (self->focus_seat == TG_VENUE_NO_SEAT)
    next = seat_nearest_to_view_centre (self);
  else
    next = seat_in_direction (self, self->focus_seat, dx, dy);
  if (next != TG_VENUE_NO_SEAT)
    tg_seat_map_set_focus_seat (self, next);
  else
    gtk_widget_error_bell (widget);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TgSeatMap *self = TG_SEAT_MAP (widget);

  if (self->focus_seat == TG_VENUE_NO_SEAT)
    return;
  g_signal_emit (self, tg_seat_map_signals[TG_SEAT_MAP_SEAT_ACTIVATED], 0, self->focus_seat);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TgSeatMap *self = TG_SEAT_MAP (widget);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "seat-map.zoom-fit"))
    {
      tg_seat_map_zoom_to_fit (self);
      return;
    }
  if (self->focus_seat != TG_VENUE_NO_SEAT)
    tg_seat_map_get_seat_point (self, self->focus_seat, &x, &y);
  tg_seat_map_set_zoom (self, self->zoom * (g_str_equal (action_name, "seat-map.zoom-in") ? 1.25 : 0.8),
                        x, y);
}

/* Public API */

void
tg_seat_map_input_class_init (GtkWidgetClass *widget_class)
{
  static const struct { guint key; int dx, dy; } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  gtk_widget_class_install_action (widget_class, "seat-map.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "seat-map.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "seat-map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "seat-map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "seat-map.zoom-fit", NULL, zoom_action);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "seat-map.move",
                                         "(ii)", arrows[i].dx, arrows[i].dy);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "seat-map.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "seat-map.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "seat-map.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "seat-map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "seat-map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "seat-map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "seat-map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "seat-map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "seat-map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "seat-map.zoom-fit", NULL);
}

void
tg_seat_map_input_init (TgSeatMap *self)
{
  GtkGesture *click, *drag, *zoom;
  GtkEventController *scroll, *motion;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
