/* tg-room-dialog.h: the settings of a LAN room — to create one, or (host) to change it. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TG_TYPE_ROOM_DIALOG (tg_room_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TgRoomDialog, tg_room_dialog, TG, ROOM_DIALOG, AdwWindow)

/* @room: a room object to edit (its settings fill the form), or NULL for a new room. */
TgRoomDialog *tg_room_dialog_new          (GtkWindow    *parent,
                                           JsonObject   *room);
/* The settings as the protocol's settings object (docs/protocol.md), or NULL with a readable
 * error when a field is not acceptable (a seat map file that cannot be read, say). */
JsonObject   *tg_room_dialog_get_settings (TgRoomDialog *self,
                                           GError      **error);

/* For tests: fill the form as a person would. */
void          tg_room_dialog_set_title_text (TgRoomDialog *self,
                                             const char   *title);
void          tg_room_dialog_set_password   (TgRoomDialog *self,
                                             const char   *password);
void          tg_room_dialog_set_bots       (TgRoomDialog *self,
                                             guint         bots);
void          tg_room_dialog_set_waiting_room (TgRoomDialog *self,
                                               gboolean      waiting_room);
/* Emits ::apply as the button does. */
void          tg_room_dialog_apply          (TgRoomDialog *self);

G_END_DECLS
