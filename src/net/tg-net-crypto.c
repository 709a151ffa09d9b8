/* tg-net-crypto.c: session tokens and room password hashes.
 *
 * Tokens come from the kernel's CSPRNG (getrandom()), never from g_random: GRand is a Mersenne
 * Twister seeded from the time, whose output can be predicted from a few samples. Room passwords
 * are kept only as PBKDF2-HMAC-SHA256 with a random per-room salt, so a memory or core dump of a
 * LAN host does not reveal a password its players may reuse elsewhere.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "tg-server-private.h"

#define PBKDF2_ITERATIONS 4096

gboolean
tg_random_bytes (guint8 *buffer,
                 gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

char *
tg_random_token (void)
{
  guint8 bytes[TG_TOKEN_BYTES];
  GString *hex = g_string_sized_new (TG_TOKEN_BYTES * 2);

  /* Without the kernel's randomness there is no safe token: better to stop than to guess. */
  if (!tg_random_bytes (bytes, sizeof bytes))
    g_error ("getrandom() failed: %s", g_strerror (errno));
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (hex, FALSE);
}

static void
hmac_sha256 (GHmac        *keyed,
             const guint8 *data,
             gsize         length,
             guint8       *out)
{
  g_autoptr(GHmac) hmac = g_hmac_copy (keyed);
  gsize digest_len = TG_HASH_BYTES;

  g_hmac_update (hmac, data, (gssize) length);
  g_hmac_get_digest (hmac, out, &digest_len);
}

/* PBKDF2 (RFC 8018) with HMAC-SHA256 and one output block: exactly TG_HASH_BYTES. */
void
tg_password_hash (const char   *password,
                  const guint8 *salt,
                  guint8       *out_hash)
{
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) password, strlen (password));
  guint8 block[TG_SALT_BYTES + 4];
  guint8 u[TG_HASH_BYTES];

  memcpy (block, salt, TG_SALT_BYTES);
  block[TG_SALT_BYTES] = 0;
  block[TG_SALT_BYTES + 1] = 0;
  block[TG_SALT_BYTES + 2] = 0;
  block[TG_SALT_BYTES + 3] = 1;
  hmac_sha256 (keyed, block, sizeof block, u);
  memcpy (out_hash, u, TG_HASH_BYTES);
  for (guint i = 1; i < PBKDF2_ITERATIONS; i++)
    {
      hmac_sha256 (keyed, u, sizeof u, u);
      for (guint j = 0; j < TG_HASH_BYTES; j++)
        out_hash[j] ^= u[j];
    }
}

gboolean
tg_password_verify (const char   *password,
                    const guint8 *salt,
                    const guint8 *hash)
{
  guint8 computed[TG_HASH_BYTES];
  guint8 diff = 0;

  tg_password_hash (password, salt, computed);
  /* Constant time: the comparison does not stop at the first differing byte. */
  for (guint i = 0; i < TG_HASH_BYTES; i++)
    diff |= computed[i] ^ hash[i];
  return diff == 0;
}
