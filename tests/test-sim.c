/* The tickget-sim command-line contract. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

static const char *sim_path;

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_sim (Run               *run,
         const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;

  g_ptr_array_add (argv, (gpointer) sim_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));   /* never a crash */
  run->status = g_subprocess_get_exit_status (proc);
}

static void
test_json_contract (void)
{
  const char * const args[] = { "--bots", "10000", "--difficulty", "hard", "--venue", "large",
                                "--seed", "42", "--json", NULL };
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *bots, *stages;
  JsonArray *grades;
  gint64 sold = 0;

  run_sim (&a, args);
  g_assert_cmpint (a.status, ==, 0);
  run_sim (&b, args);
  g_assert_cmpint (b.status, ==, 0);
  /* Same seed: byte-identical. */
  g_assert_cmpstr (a.out, ==, b.out);

  g_assert_true (json_parser_load_from_data (parser, a.out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (root, "difficulty"), ==, "hard");
  g_assert_cmpint (json_object_get_int_member (root, "bots"), ==, 10000);
  g_assert_true (json_object_has_member (root, "sell_out_ms"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "venue"), "seats"), ==, 16424);

  grades = json_object_get_array_member (root, "seats_sold_by_grade");
  g_assert_cmpuint (json_array_get_length (grades), >=, 4);
  for (guint i = 0; i < json_array_get_length (grades); i++)
    sold += json_object_get_int_member (json_array_get_object_element (grades, i), "sold");
  g_assert_cmpint (sold, ==, json_object_get_int_member (root, "seats_sold"));
  g_assert_cmpint (sold, >, 0);

  bots = json_object_get_object_member (root, "bot_results");
  stages = json_object_get_object_member (bots, "stages");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stages, "reaction"), "n"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stages, "captcha"), "p50_ms"), >, 5000);
  g_assert_true (json_object_get_null_member (root, "human"));
}

static void
test_human (void)
{
  const char * const args[] = { "--bots", "2000", "--venue", "small", "--seed", "5", "--json",
                                "--human", "reaction=150,date=700,captcha=6000,seat=2000,payment=9000,captcha-wrong=1", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *human, *stages, *mistakes;

  run_sim (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  human = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "human");
  g_assert_nonnull (human);
  stages = json_object_get_object_member (human, "stages");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stages, "reaction"), "ms"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stages, "captcha"), "ms"), ==, 12000);
  mistakes = json_object_get_object_member (human, "mistakes");
  g_assert_cmpint (json_object_get_int_member (mistakes, "captcha_wrong"), ==, 1);
}

/* An early click that a pre-queue takes puts the player in line: they go on at the open. */
static void
test_human_prequeue (void)
{
  const char * const args[] = { "--bots", "300", "--venue", "small", "--prequeue", "--json",
                                "--human", "early=2", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *human;

  run_sim (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  human = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "human");
  g_assert_true (json_object_get_boolean_member (human, "success"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (human, "mistakes"), "early_clicks"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (human, "first_queue_position"), >=, 1);
}

/* A seat map from a file plays like a preset. */
static void
test_venue_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "venue", "mini.svg", NULL);
  const char * const args[] = { "--bots", "50", "--venue", path, "--json", NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *venue;

  run_sim (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  venue = json_object_get_object_member (root, "venue");
  g_assert_cmpstr (json_object_get_string_member (venue, "name"), ==, "작은 무대");
  g_assert_cmpint (json_object_get_int_member (venue, "seats"), ==, 15);
  g_assert_true (json_object_get_boolean_member (root, "sold_out"));
  g_assert_cmpint (json_object_get_int_member (root, "seats_sold"), ==, 15);
}

static void
test_text_output (void)
{
  const char * const args[] = { "--bots", "100", "--venue", "small", NULL };
  g_auto(Run) run = { 0 };

  run_sim (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "100"));
}

static void
assert_one_line_error (const char * const *args)
{
  g_auto(Run) run = { 0 };

  run_sim (&run, args);
  g_assert_cmpint (run.status, >=, 1);
  g_assert_cmpint (run.status, <=, 127);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "tickget-sim: "));
  g_assert_true (g_str_has_suffix (run.err, "\n"));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
}

static void
test_bad_arguments (void)
{
  const char * const cases[][4] = {
    { "--bots", "1000001", NULL },
    { "--bots", "-3", NULL },
    { "--bots", "lots", NULL },
    { "--difficulty", "nightmare", NULL },
    { "--venue", "/nonexistent/hall.svg", NULL },
    { "--seats", "9", NULL },
    { "--seed", "x", NULL },
    { "--human", "reaction=fast", NULL },
    { "--human", "teleport=1", NULL },
    { "--human", "reaction=-1", NULL },
    /* Always too late for the code: new codes for ever. */
    { "--human", "captcha=600000", NULL },
    { "--seats", "0", NULL },
    { "--no-such-option", NULL },
    { "stray", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_one_line_error (cases[i]);
}

static void
test_broken_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("tickget-broken-XXXXXX.svg", &path, &error);
  const char *broken = "<svg xmlns='http://www.w3.org/2000/svg'>\n<circle class='seat' id='A-1-1'\n";

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, broken, -1, &error));
  close (fd);
  {
    const char * const args[] = { "--venue", path, "--bots", "10", NULL };
    assert_one_line_error (args);
  }
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  sim_path = g_getenv ("TICKGET_SIM");
  if (sim_path == NULL)
    g_error ("TICKGET_SIM must name the tickget-sim executable");

  g_test_add_func ("/sim/json-contract", test_json_contract);
  g_test_add_func ("/sim/human", test_human);
  g_test_add_func ("/sim/human-prequeue", test_human_prequeue);
  g_test_add_func ("/sim/venue-file", test_venue_file);
  g_test_add_func ("/sim/text-output", test_text_output);
  g_test_add_func ("/sim/bad-arguments", test_bad_arguments);
  g_test_add_func ("/sim/broken-file", test_broken_file);

  return g_test_run ();
}
