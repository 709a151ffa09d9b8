/* tg-seat-legend.c: one line per grade — its 포도알 colour, name, price and what is left. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tg-seat-legend.h"

struct _TgSeatLegend
{
  GtkWidget  parent_instance;

  TgVenue   *venue;
  GtkWidget *flow;      /* the grades wrap onto a second line when the window is narrow */
  GtkWidget *labels[TG_VENUE_MAX_GRADES];
  guint      n_labels;
  guint      available[TG_VENUE_MAX_GRADES];
  gboolean   show_available;
};

enum {
  PROP_0,
  PROP_VENUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TgSeatLegend, tg_seat_legend, GTK_TYPE_WIDGET)

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

static void
update_labels (TgSeatLegend *self)
{
  for (guint i = 0; i < self->n_labels; i++)
    {
      const TgGrade *grade = tg_venue_get_grade (self->venue, i);
      g_autofree char *price = format_won (grade->price);
      g_autofree char *name = g_markup_escape_text (grade->name, -1);
      g_autofree char *markup = NULL;
      g_autofree char *left = NULL;

      if (self->show_available)
        /* Translators: seats still available in a grade */
        left = g_strdup_printf (_("%u left"), self->available[i]);
      /* Translators: colour dot, grade name, price in won; Korean: "%s원" */
      markup = g_strdup_printf (_("<span foreground=\"%s\">●</span> %s ₩%s%s%s"),
                                grade->color, name, price,
                                left ? " · " : "", left ? left : "");
      gtk_label_set_markup (GTK_LABEL (self->labels[i]), markup);
    }
}

void
tg_seat_legend_set_venue (TgSeatLegend *self,
                          TgVenue      *venue)
{
  g_return_if_fail (TG_IS_SEAT_LEGEND (self));
  g_return_if_fail (venue == NULL || TG_IS_VENUE (venue));

  if (!g_set_object (&self->venue, venue))
    return;

  for (guint i = 0; i < self->n_labels; i++)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), gtk_widget_get_parent (self->labels[i]));
  self->n_labels = 0;
  self->show_available = FALSE;

  if (venue != NULL)
    {
      self->n_labels = tg_venue_get_n_grades (venue);
      for (guint i = 0; i < self->n_labels; i++)
        {
          self->labels[i] = gtk_label_new (NULL);
          gtk_flow_box_append (GTK_FLOW_BOX (self->flow), self->labels[i]);
        }
      update_labels (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE]);
}

TgVenue *
tg_seat_legend_get_venue (TgSeatLegend *self)
{
  g_return_val_if_fail (TG_IS_SEAT_LEGEND (self), NULL);
  return self->venue;
}

void
tg_seat_legend_set_available (TgSeatLegend *self,
                              const guint  *counts)
{
  g_return_if_fail (TG_IS_SEAT_LEGEND (self));

  self->show_available = counts != NULL;
  for (guint i = 0; counts != NULL && i < self->n_labels; i++)
    self->available[i] = counts[i];
  update_labels (self);
}

GtkWidget *
tg_seat_legend_new (void)
{
  return g_object_new (TG_TYPE_SEAT_LEGEND, NULL);
}

static void
tg_seat_legend_dispose (GObject *object)
{
  TgSeatLegend *self = TG_SEAT_LEGEND (object);

  self->n_labels = 0;
  g_clear_pointer (&self->flow, gtk_widget_unparent);
  g_clear_object (&self->venue);

  G_OBJECT_CLASS (tg_seat_legend_parent_class)->dispose (object);
}

static void
tg_seat_legend_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TgSeatLegend *self = TG_SEAT_LEGEND (object);

  switch (prop_id)
    {
    case PROP_VENUE:
      g_value_set_object (value, self->venue);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tg_seat_legend_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TgSeatLegend *self = TG_SEAT_LEGEND (object);

  switch (prop_id)
    {
    case PROP_VENUE:
      tg_seat_legend_set_venue (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define GRADE_SPACING 18

/* The flow box wraps; but its natural width is one grade's, so alone it would always stack them.
 * Its natural width here is all the grades on one line. */
static void
tg_seat_legend_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TgSeatLegend *self = TG_SEAT_LEGEND (widget);

  gtk_widget_measure (self->flow, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int line = 0;

      for (guint i = 0; i < self->n_labels; i++)
        {
          int child;

          gtk_widget_measure (gtk_widget_get_parent (self->labels[i]), GTK_ORIENTATION_HORIZONTAL, -1,
                              NULL, &child, NULL, NULL);
          line += child + (i > 0 ? GRADE_SPACING : 0);
        }
      *natural = MAX (*natural, line);
    }
}

static void
tg_seat_legend_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (TG_SEAT_LEGEND (widget)->flow, width, height, baseline, NULL);
}

static GtkSizeRequestMode
tg_seat_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tg_seat_legend_class_init (TgSeatLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tg_seat_legend_dispose;
  object_class->get_property = tg_seat_legend_get_property;
  object_class->set_property = tg_seat_legend_set_property;

  properties[PROP_VENUE] =
    g_param_spec_object ("venue", NULL, NULL,
                         TG_TYPE_VENUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = tg_seat_legend_measure;
  widget_class->size_allocate = tg_seat_legend_size_allocate;
  widget_class->get_request_mode = tg_seat_legend_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "seatlegend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
tg_seat_legend_init (TgSeatLegend *self)
{
  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), GRADE_SPACING);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), TG_VENUE_MAX_GRADES);
  gtk_widget_set_can_focus (self->flow, FALSE);
  gtk_widget_set_parent (self->flow, GTK_WIDGET (self));
}
