/* tg-venue-file.c: opening a seat-map file for tg_venue_load_data() — regular files only, opened
 * so that nothing can block, read whole (never mapped) and no bigger than the format's limit.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tg-venue-private.h"

/* Says why a file of type @mode is not read as a map. */
static void
set_not_a_file_error (GError     **error,
                      mode_t       mode,
                      const char  *display)
{
  if (S_ISDIR (mode))
    g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                 _("“%s” is not a seat-map file (it is a folder)"), display);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                 _("“%s” is not a seat-map file (it is a device)"), display);
  else if (S_ISFIFO (mode))
    g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                 _("“%s” is not a seat-map file (it is a named pipe)"), display);
  else if (S_ISSOCK (mode))
    g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                 _("“%s” is not a seat-map file (it is a socket)"), display);
  else
    g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                 _("“%s” is not a seat-map file (it is not a regular file)"), display);
}

/* The whole of @fd, expected to be @size bytes; a file that grew meanwhile is read up to the
 * size limit and one byte more, so that tg_venue_load_data() refuses it. */
static GBytes *
read_whole_fd (int      fd,
               gsize    size,
               GError **error)
{
  gsize cap = MIN (size, (gsize) TG_VENUE_MAX_FILE_SIZE) + 1;
  gsize length = 0;
  g_autofree char *buffer = g_malloc (cap);

  for (;;)
    {
      gssize n;

      if (length == cap)
        {
          if (cap > TG_VENUE_MAX_FILE_SIZE)
            break;
          cap = MIN (cap * 2, (gsize) TG_VENUE_MAX_FILE_SIZE + 1);
          buffer = g_realloc (buffer, cap);
        }
      n = read (fd, buffer + length, cap - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

TgVenue *
tg_venue_load_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  struct stat info;
  TgVenue *venue;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* A file name may hold a newline too. */
  name = g_filename_display_name (path);
  display = tg_venue_escape_text (name);

  /* Non-blocking, so that opening a FIFO cannot wait forever for a writer; the checks then go by
   * what was opened, not by the name, which could be swapped in between. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &info) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                   _("Could not read the seat map “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_close (fd, NULL);
      set_not_a_file_error (error, info.st_mode, display);
      return NULL;
    }
  if (info.st_size > TG_VENUE_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full ((guint64) info.st_size,
                                                  G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *limit = g_format_size_full (TG_VENUE_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_close (fd, NULL);
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                   _("The seat map “%s” is too big: %s, where the limit is %s"), display, size, limit);
      return NULL;
    }

  /* Read, not mapped: a file cut short while it is mapped would kill the program (SIGBUS). */
  contents = read_whole_fd (fd, (gsize) info.st_size, &local);
  g_close (fd, NULL);
  if (contents == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, TG_VENUE_ERROR_IO,
                   _("Could not read the seat map “%s”: %s"), display, local->message);
      return NULL;
    }

  venue = tg_venue_load_data (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &local);
  if (venue == NULL)
    {
      g_set_error (error, TG_VENUE_ERROR, local->code, "%s: %s", display, local->message);
      return NULL;
    }
  return venue;
}
