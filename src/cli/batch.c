/* batch.c - `folio batch MANIFEST`: many books in one process, each collection read once, a status line per book. */
#include "cli/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/report.h"
#include "base/nesting.h"
#include "base/options.h"
#include "base/parallel.h"
#include "base/paths.h"
#include "base/version.h"
#include "base/yamlfile.h"
#include "cli/digest.h"
#include "cli/writer.h"
#include "format/fonts.h"
#include "format/pdf/parakeep.h"
#include "format/pdf/theme.h"
#include "read/build.h"
#include "read/loadcache.h"
#include "read/select.h"

/* One book of the manifest, checked. */
struct entry {
	char *name;		/* unique in the manifest: the status file's "book" */
	int line;		/* where its entry starts */
	struct options o;
	bool digest;		/* mode: digest */
	char *settings;		/* its settings as written (defaults included), for --resume */
};

struct batch {
	const char *manifest;
	const char *datadir;
	char *status_path;
	bool resume, quiet;
	long threads;
	long layout_mb;		/* --layout-memory: MB of set paragraphs kept for the next books */
	guint shard, shards;
	GPtrArray *entries;	/* of struct entry * */
	GHashTable *done;	/* --resume: book -> struct done, its last success */
	GHashTable *trees;	/* source folder -> digest of every file under it, taken once a run */
	int status_fd;
};

static void entry_free(gpointer p)
{
	struct entry *e = p;

	options_clear(&e->o);
	g_free(e->name);
	g_free(e->settings);
	g_free(e);
}

/* ---- the manifest ---- */

/*
 * A node as text, keys in the order written: what a book's settings were, for --resume. Below
 * NESTING_MAX levels (block sequences nest without brackets) nothing more is written.
 */
static void node_text(GString *s, yaml_document_t *doc, yaml_node_t *n, int depth)
{
	if (!n || depth > NESTING_MAX)
		return;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		json_string(s, (const char *)n->data.scalar.value);
		break;
	case YAML_SEQUENCE_NODE:
		g_string_append_c(s, '[');
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			if (it > n->data.sequence.items.start)
				g_string_append_c(s, ',');
			node_text(s, doc, yaml_document_get_node(doc, *it), depth + 1);
		}
		g_string_append_c(s, ']');
		break;
	case YAML_MAPPING_NODE:
		g_string_append_c(s, '{');
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			if (p > n->data.mapping.pairs.start)
				g_string_append_c(s, ',');
			node_text(s, doc, yaml_document_get_node(doc, p->key), depth + 1);
			g_string_append_c(s, ':');
			node_text(s, doc, yaml_document_get_node(doc, p->value), depth + 1);
		}
		g_string_append_c(s, '}');
		break;
	default:
		break;
	}
}

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k->type == YAML_SCALAR_NODE && !strcmp((const char *)k->data.scalar.value, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The name of a book without one: its first output's file name without the extension. */
static char *default_name(const struct options *o)
{
	char *base = g_path_get_basename(o->outputs->len ? g_ptr_array_index(o->outputs, 0) : "book");
	char *dot = strrchr(base, '.');

	if (dot && dot != base)
		*dot = '\0';
	return base;
}

/* One entry (a mapping at line of doc): its options checked as on the command line. */
static struct entry *read_entry(struct batch *bt, yaml_document_t *doc, yaml_node_t *defaults, yaml_node_t *map,
				const char *dir)
{
	static const char *const own[] = { "name", "mode", NULL };
	struct entry *e = g_new0(struct entry, 1);
	const char *mode = scalar(map_get(doc, map, "mode"));
	const char *name = scalar(map_get(doc, map, "name"));
	GString *settings = g_string_new(NULL);
	bool ok = true;

	e->line = yamlfile_line(map);
	options_init(&e->o);
	if (!mode)
		mode = scalar(map_get(doc, defaults, "mode"));
	if (mode && strcmp(mode, "book") && strcmp(mode, "digest")) {
		diag_error(bt->manifest, e->line, "'mode' must be book or digest, not '%s'", mode);
		ok = false;
	}
	e->digest = mode && !strcmp(mode, "digest");
	e->o.mode = e->digest ? MODE_DIGEST : MODE_BUILD;
	if (!options_load_entry(&e->o, doc, defaults, map, bt->manifest, dir, own))
		ok = false;
	e->o.datadir = g_strdup(bt->datadir);
	if (ok && !e->o.sources->len) {
		diag_error(bt->manifest, e->line, "this book names no sources");
		ok = false;
	}
	if (ok && !e->o.outputs->len) {
		diag_error(bt->manifest, e->line, "this book names no output");
		ok = false;
	}
	for (guint i = 0; ok && i < e->o.outputs->len; i++) {
		const char *out = g_ptr_array_index(e->o.outputs, i);

		if (e->o.to != FORMAT_BY_NAME && e->o.outputs->len > 1) {
			diag_error(bt->manifest, e->line, "'to' applies to one output; with several, the extensions choose");
			ok = false;
		} else if (!writer_for(e->o.to, out)) {
			diag_error(bt->manifest, e->line, "the output '%s' is of no format folio writes", out);
			ok = false;
		}
	}
	if (ok && !writer_check_targets(&e->o, bt->manifest, e->line))
		ok = false;
	/* The page its theme and options make (one with no room for text): checked first too, not
	   when its turn comes (a manifest no retry can mend is exit 2, nothing built). */
	if (ok) {
		struct export x;
		bool quiet = diag_is_quiet();
		struct theme *t;

		/* Its theme's warnings are the book's, said with it when it is built (they were said twice). */
		diag_set_quiet(true);
		t = export_prepare(&x, &e->o, NULL);
		diag_set_quiet(quiet);
		if (!t) {
			diag_error(bt->manifest, e->line, "this book's page settings cannot be used (said above)");
			ok = false;
		}
		theme_free(t);
	}
	/* A digest's own settings, as on the command line (exit 2 there too), before any book is built. */
	if (ok && e->digest && !digest_usage_ok(&e->o)) {
		diag_error(bt->manifest, e->line, "this digest book's settings cannot be used (said above)");
		ok = false;
	}
	e->name = name ? g_strdup(name) : default_name(&e->o);
	node_text(settings, doc, defaults, 0);
	node_text(settings, doc, map, 0);
	e->settings = g_string_free(settings, FALSE);
	if (!ok) {
		entry_free(e);
		return NULL;
	}
	return e;
}

/* A YAML manifest: {defaults: {...}, books: [...]}, or a list of books. */
static bool read_yaml(struct batch *bt, const char *dir)
{
	yaml_document_t doc;
	yaml_node_t *root, *books = NULL, *defaults = NULL;
	bool ok = true;

	if (!yamlfile_load(bt->manifest, "the manifest", &doc))
		return false;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_SEQUENCE_NODE) {
		books = root;
	} else if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			const char *k = scalar(yaml_document_get_node(&doc, p->key));
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);

			if (k && !strcmp(k, "books") && v->type == YAML_SEQUENCE_NODE) {
				books = v;
			} else if (k && !strcmp(k, "defaults") && v->type == YAML_MAPPING_NODE) {
				defaults = v;
			} else {
				diag_error(bt->manifest, yamlfile_line(v), "'%s' is not a part of a manifest "
					   "(books: a list of books; defaults: the settings they share)", k ? k : "?");
				ok = false;
			}
		}
	}
	if (!books) {
		diag_error(bt->manifest, root ? yamlfile_line(root) : 1, "the manifest has no list of books");
		ok = false;
	}
	for (yaml_node_item_t *it = books ? books->data.sequence.items.start : NULL; books && it < books->data.sequence.items.top;
	     it++) {
		yaml_node_t *n = yaml_document_get_node(&doc, *it);
		struct entry *e;

		if (n->type != YAML_MAPPING_NODE) {
			diag_error(bt->manifest, yamlfile_line(n), "a book should be a mapping of settings");
			ok = false;
			continue;
		}
		if ((e = read_entry(bt, &doc, defaults, n, dir)))
			g_ptr_array_add(bt->entries, e);
		else
			ok = false;
	}
	yaml_document_delete(&doc);
	return ok;
}

/* Each node of doc, parsed from one line of a file, moved to that line (lines before it: by). */
static void shift_lines(yaml_document_t *doc, int by)
{
	for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++) {
		n->start_mark.line += (size_t)by;
		n->end_mark.line += (size_t)by;
	}
}

/* JSON lines: one book a line (blank lines and lines starting with # are skipped). */
static bool read_json_lines(struct batch *bt, const char *text, const char *dir)
{
	bool ok = true;
	int lineno = 0;

	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *q = p;

		lineno++;
		while (q < p + len && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < p + len && *q != '#') {
			yaml_parser_t parser;
			yaml_document_t doc;
			yaml_node_t *root;

			yaml_parser_initialize(&parser);
			yaml_parser_set_input_string(&parser, (const unsigned char *)p, len);
			if (nesting_too_deep(p, len, NESTING_BRACKETS)) {
				diag_error(bt->manifest, lineno, "not a JSON object: nested deeper than %d levels", NESTING_MAX);
				ok = false;
			} else if (!yaml_parser_load(&parser, &doc)) {
				diag_error(bt->manifest, lineno, "not a JSON object: %s",
					   parser.problem ? parser.problem : "syntax error");
				ok = false;
			} else {
				struct entry *e = NULL;

				shift_lines(&doc, lineno - 1);	/* every node knows its line in the file */
				root = yaml_document_get_root_node(&doc);
				if (yamlfile_nul_line(&doc)) {
					diag_error(bt->manifest, lineno, "not a JSON object folio can read: a value holds a "
						   "NUL character (\\u0000)");
				} else if (!root || root->type != YAML_MAPPING_NODE) {
					diag_error(bt->manifest, lineno, "a book should be a JSON object of settings");
				} else {
					e = read_entry(bt, &doc, NULL, root, dir);
				}
				if (e)
					g_ptr_array_add(bt->entries, e);
				else
					ok = false;
				yaml_document_delete(&doc);
			}
			yaml_parser_delete(&parser);
		}
		p = end ? end + 1 : p + len;
	}
	return ok;
}

/* Read and check the whole manifest; names and outputs must be unique. */
static bool read_manifest(struct batch *bt)
{
	char *text = NULL, *dir = g_path_get_dirname(bt->manifest);
	const char *first;
	GError *err = NULL;
	GHashTable *names, *outputs, *states;
	char *manifest, *status;
	bool ok, status_ok = true;

	if (!g_file_get_contents(bt->manifest, &text, NULL, &err)) {
		diag_error(bt->manifest, 0, "cannot read the manifest: %s", err->message);
		g_error_free(err);
		g_free(dir);
		return false;
	}
	first = text + strspn(text, " \t\r\n");
	if (g_str_has_suffix(bt->manifest, ".jsonl") || g_str_has_suffix(bt->manifest, ".ndjson") || *first == '{')
		ok = read_json_lines(bt, text, dir);
	else
		ok = read_yaml(bt, dir);
	g_free(text);
	g_free(dir);
	names = g_hash_table_new(g_str_hash, g_str_equal);
	/* Outputs and states by where they are written (o/./a.epub, an absolute path, a link: one file). */
	outputs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < bt->entries->len; i++) {
		struct entry *e = g_ptr_array_index(bt->entries, i);

		if (e->o.state)
			g_hash_table_insert(states, writer_target_of(e->o.state), e);
	}
	manifest = writer_target_of(bt->manifest);
	status = writer_target_of(bt->status_path);
	/* The status file is appended to: never the manifest, nor anything a book reads. */
	if (!strcmp(status, manifest)) {
		diag_error(bt->manifest, 0, "the status file '%s' is the manifest: writing it would spoil it", bt->status_path);
		ok = false;
	}
	for (guint i = 0; i < bt->entries->len; i++) {
		struct entry *e = g_ptr_array_index(bt->entries, i);

		/* (said for the first book it would spoil) */
		if (status_ok && !writer_check_input(&e->o, bt->status_path, "status file", bt->manifest, e->line))
			status_ok = ok = false;
		for (guint k = 0; k < e->o.outputs->len; k++) {
			char *t = writer_target_of(g_ptr_array_index(e->o.outputs, k));

			if (!strcmp(t, manifest) || !strcmp(t, status)) {
				diag_error(bt->manifest, e->line, "the output '%s' is the %s: writing it would replace it",
					   (const char *)g_ptr_array_index(e->o.outputs, k),
					   strcmp(t, manifest) ? "status file" : "manifest");
				ok = false;
			}
			g_free(t);
		}

		if (g_hash_table_contains(names, e->name)) {
			diag_error(bt->manifest, e->line, "a second book named '%s' (name: sets a book's name)", e->name);
			ok = false;
		}
		g_hash_table_add(names, e->name);
		for (guint k = 0; k < e->o.outputs->len; k++) {
			const char *out = g_ptr_array_index(e->o.outputs, k);
			char *t = writer_target_of(out);
			const struct entry *owner = g_hash_table_lookup(states, t);

			/* A digest's output names ({{date}}) are the same for two books run the same day. */
			if (g_hash_table_contains(outputs, t)) {
				diag_error(bt->manifest, e->line, "'%s' is the output of another book too: one would replace "
					   "the other", out);
				ok = false;
			} else if (owner) {
				diag_error(bt->manifest, e->line, "'%s' is the digest state of book '%s': writing it would "
					   "replace that state", out, owner->name);
				ok = false;
			}
			g_hash_table_add(outputs, t);
		}
	}
	g_hash_table_destroy(names);
	g_hash_table_destroy(outputs);
	g_hash_table_destroy(states);
	g_free(manifest);
	g_free(status);
	if (ok && !bt->entries->len) {
		diag_error(bt->manifest, 0, "the manifest names no book");
		ok = false;
	}
	return ok;
}

/* ---- sharding ---- */

static bool parse_count(const char *s, guint *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > 1000000)
		return false;
	*out = (guint)v;
	return true;
}

/*
 * "I/N", or "auto" (or "auto/N"): the index from the array job the engine runs
 * (JOB_COMPLETION_INDEX: Kubernetes Indexed Jobs; SLURM_ARRAY_TASK_ID, less SLURM_ARRAY_TASK_MIN,
 * over SLURM_ARRAY_TASK_STEP (--array=0-12:2); AWS_BATCH_JOB_ARRAY_INDEX), the count from N,
 * SLURM_ARRAY_TASK_COUNT or FOLIO_SHARDS.
 */
static bool parse_shard(struct batch *bt, const char *spec)
{
	const char *slash = strchr(spec, '/');
	char *first = g_strndup(spec, slash ? (gsize)(slash - spec) : strlen(spec));
	bool ok;

	if (!strcmp(first, "auto")) {
		static const char *const vars[] = { "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX" };
		const char *count = slash ? slash + 1 : g_getenv("FOLIO_SHARDS");
		guint min = 0, step = 1;

		ok = false;
		for (size_t i = 0; i < G_N_ELEMENTS(vars) && !ok; i++) {
			if (!g_getenv(vars[i]))
				continue;
			if (!parse_count(g_getenv(vars[i]), &bt->shard)) {
				diag_error(NULL, 0, "--shard auto: %s='%s' is not an index", vars[i], g_getenv(vars[i]));
				g_free(first);
				return false;
			}
			if (i == 1) {
				if (parse_count(g_getenv("SLURM_ARRAY_TASK_MIN"), &min) && min <= bt->shard)
					bt->shard -= min;
				if (parse_count(g_getenv("SLURM_ARRAY_TASK_STEP"), &step) && step > 1)
					bt->shard /= step;
				if (!slash && g_getenv("SLURM_ARRAY_TASK_COUNT"))
					count = g_getenv("SLURM_ARRAY_TASK_COUNT");
			}
			ok = true;
		}
		if (!ok) {
			diag_error(NULL, 0, "--shard auto: no array index here (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID "
				   "or AWS_BATCH_JOB_ARRAY_INDEX)");
			g_free(first);
			return false;
		}
		ok = parse_count(count, &bt->shards);
		if (!ok)
			diag_error(NULL, 0, "--shard auto: how many shards? give auto/N, or set FOLIO_SHARDS");
	} else {
		ok = slash && parse_count(first, &bt->shard) && parse_count(slash + 1, &bt->shards);
		if (!ok)
			diag_error(NULL, 0, "--shard must be I/N (0 <= I < N) or auto, not '%s'", spec);
	}
	if (ok && (bt->shards == 0 || bt->shard >= bt->shards)) {
		diag_error(NULL, 0, "--shard: index %u is not below the count of shards %u", bt->shard, bt->shards);
		ok = false;
	}
	g_free(first);
	return ok;
}

/* ---- what a book was built from, for --resume ---- */

static void add_stat(GChecksum *sum, const char *path)
{
	struct stat st;
	char buf[96];

	if (stat(path, &st) != 0) {
		g_checksum_update(sum, (const guchar *)"-", 1);
		return;
	}
	snprintf(buf, sizeof buf, "%lld.%09ld:%lld;", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		 (long long)st.st_size);
	g_checksum_update(sum, (const guchar *)buf, -1);
}

/* Every file under path (names, sizes, times), in a fixed order. */
static void add_tree(GChecksum *sum, const char *path, int depth)
{
	GPtrArray *names = depth < 64 ? paths_sorted_names(path, true, NULL) : NULL;

	g_checksum_update(sum, (const guchar *)path, -1);
	add_stat(sum, path);
	if (!names)
		return;
	for (guint i = 0; i < names->len; i++) {
		char *child = g_build_filename(path, g_ptr_array_index(names, i), NULL);

		if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
			add_tree(sum, child, depth + 1);
		else {
			g_checksum_update(sum, (const guchar *)child, -1);
			add_stat(sum, child);
		}
		g_free(child);
	}
	g_ptr_array_free(names, TRUE);
}

/*
 * The digest of every file under a source folder, taken at its first book: files are taken not to
 * change during the run, and 300 books of one collection stated its 1,000 files 300 times.
 */
static const char *tree_digest(struct batch *bt, const char *path)
{
	char *digest = g_hash_table_lookup(bt->trees, path);

	if (!digest) {
		GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);

		add_tree(sum, path, 0);
		digest = g_strdup(g_checksum_get_string(sum));
		g_checksum_free(sum);
		g_hash_table_insert(bt->trees, g_strdup(path), digest);
	}
	return digest;
}

/* What a book's bytes follow from: folio, the settings, every input file, the state of a digest. */
static char *fingerprint(struct batch *bt, const struct entry *e)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	const char *files[] = { e->o.theme, e->o.css, e->o.cover, e->o.state, e->o.config };
	const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *out;

	g_checksum_update(sum, (const guchar *)FOLIO_VERSION, -1);
	if (exe)
		add_stat(sum, exe);
	g_checksum_update(sum, (const guchar *)(epoch ? epoch : "-"), -1);
	/* A book chosen by the moment (last: 30m, a digest's window) is another book a moment later. */
	if (!epoch && (e->o.last_span || e->digest)) {
		char now[32];

		g_snprintf(now, sizeof now, "now=%" G_GINT64_FORMAT, e->o.now);
		g_checksum_update(sum, (const guchar *)now, -1);
	}
	g_checksum_update(sum, (const guchar *)e->settings, -1);
	for (guint i = 0; i < e->o.sources->len; i++)
		g_checksum_update(sum, (const guchar *)tree_digest(bt, g_ptr_array_index(e->o.sources, i)), -1);
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
		if (files[i])
			add_stat(sum, files[i]);
	out = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	g_free(exe);
	return out;
}

/* ---- the status file ---- */

/* A book's last success in the status file: its inputs' fingerprint and the files it wrote. */
struct done {
	char *key;
	GPtrArray *outputs;	/* of char * (a digest's: its templates filled) */
};

static void done_free(gpointer data)
{
	struct done *d = data;

	g_free(d->key);
	g_ptr_array_unref(d->outputs);
	g_free(d);
}

static void read_status(struct batch *bt)
{
	char *text = NULL;
	int lineno = 0;

	bt->done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, done_free);
	if (!g_file_get_contents(bt->status_path, &text, NULL, NULL))
		return;
	for (char *p = text, *end; *p; p = end ? end + 1 : p + strlen(p)) {
		yaml_parser_t parser;
		yaml_document_t doc;

		end = strchr(p, '\n');
		lineno++;
		if (end)
			*end = '\0';
		if (!*p || nesting_too_deep(p, strlen(p), NESTING_BRACKETS))
			continue;	/* not a line this program wrote */
		yaml_parser_initialize(&parser);
		yaml_parser_set_input_string(&parser, (const unsigned char *)p, strlen(p));
		if (yaml_parser_load(&parser, &doc)) {
			yaml_node_t *root = yaml_document_get_root_node(&doc);
			const char *book = scalar(map_get(&doc, root, "book"));
			const char *status = scalar(map_get(&doc, root, "status"));
			const char *key = scalar(map_get(&doc, root, "inputs"));
			yaml_node_t *outs = map_get(&doc, root, "outputs");

			if (book && status && key && (!strcmp(status, "written") || !strcmp(status, "unchanged")
						      || !strcmp(status, "nothing-new"))) {
				struct done *d = g_new0(struct done, 1);

				d->key = g_strdup(key);
				d->outputs = g_ptr_array_new_with_free_func(g_free);
				for (yaml_node_item_t *it = outs && outs->type == YAML_SEQUENCE_NODE
							    ? outs->data.sequence.items.start : NULL;
				     it && it < outs->data.sequence.items.top; it++) {
					const char *path = scalar(yaml_document_get_node(&doc, *it));

					if (path)
						g_ptr_array_add(d->outputs, g_strdup(path));
				}
				g_hash_table_insert(bt->done, g_strdup(book), d);
			} else if (book) {
				g_hash_table_remove(bt->done, book);
			}
			yaml_document_delete(&doc);
		} else {
			/* A line cut short by a killed run: that book is built again. */
			diag_note(bt->status_path, lineno, "an unfinished status line; ignored");
		}
		yaml_parser_delete(&parser);
	}
	g_free(text);
}

struct result {
	const char *status;	/* written, failed, unchanged, nothing-new */
	guint articles;
	int pages;		/* -1: no PDF */
	double seconds;
	char *message;
	const char *sources;	/* "read" (and kept), "reused" (read by an earlier book), or NULL: not read */
	GPtrArray *written;	/* the files written, when not the outputs as given (a digest's filled templates) */
};

static bool append_status(struct batch *bt, const struct entry *e, const struct result *r, const char *key)
{
	GString *s = g_string_new("{\"book\":");
	const GPtrArray *outs = r->written ? r->written : e->o.outputs;
	bool ok;

	json_string(s, e->name);
	g_string_append(s, ",\"outputs\":[");
	for (guint i = 0; i < outs->len; i++) {
		if (i)
			g_string_append_c(s, ',');
		json_string(s, g_ptr_array_index(outs, i));
	}
	g_string_append_printf(s, "],\"articles\":%u,\"pages\":", r->articles);
	if (r->pages >= 0)
		g_string_append_printf(s, "%d", r->pages);
	else
		g_string_append(s, "null");
	g_string_append_printf(s, ",\"seconds\":%.3f,\"status\":", r->seconds);
	json_string(s, r->status);
	g_string_append(s, ",\"message\":");
	json_string(s, r->message);
	g_string_append(s, ",\"sources\":");
	json_string(s, r->sources);
	g_string_append(s, ",\"inputs\":");
	json_string(s, key);
	g_string_append(s, "}\n");
	/* One write of a whole line (O_APPEND): shards sharing the file never interleave their lines. */
	/* (a pipe or a terminal cannot be synced: EINVAL) */
	ok = write(bt->status_fd, s->str, s->len) == (ssize_t)s->len
	     && (fdatasync(bt->status_fd) == 0 || errno == EINVAL);
	if (!ok)
		diag_error(bt->status_path, 0, "cannot write the status file: %s", g_strerror(errno));
	g_string_free(s, TRUE);
	return ok;
}

/*
 * A status file whose last line has no end (cut short, edited by hand) is ended first: the next
 * record was glued to it, and both were lost to --resume. (Shards that both end it leave an empty
 * line, which is read past.)
 */
static bool end_line(int fd)
{
	char last;
	off_t size = lseek(fd, 0, SEEK_END);

	if (size <= 0)
		return size == 0 || errno == ESPIPE;	/* (a pipe: nothing to end) */
	if (pread(fd, &last, 1, size - 1) != 1)
		return false;
	return last == '\n' || write(fd, "\n", 1) == 1;
}

/* ---- building ---- */

/* Are the files of a book's last success there (a digest's as filled then; none for nothing new)? */
static bool outputs_exist(const struct entry *e, const struct done *d)
{
	const GPtrArray *outs = e->digest ? d->outputs : e->o.outputs;

	for (guint i = 0; i < outs->len; i++)
		if (!g_file_test(g_ptr_array_index(outs, i), G_FILE_TEST_IS_REGULAR))
			return false;
	return true;
}

/* The folders of a book's outputs (a shard may be the first to write into them). */
static void make_folders(const struct entry *e)
{
	for (guint i = 0; i < e->o.outputs->len; i++) {
		char *dir = g_path_get_dirname(g_ptr_array_index(e->o.outputs, i));

		if (!e->digest || !strstr(dir, "{{"))
			g_mkdir_with_parents(dir, 0755);
		g_free(dir);
	}
}

static void build_one(struct batch *bt, struct entry *e, struct result *r)
{
	struct export x;
	struct theme *theme;
	struct book *b = NULL;
	int pages = -1;
	guint read0, reused0, read1, reused1;
	char *scope;

	loadcache_counts(&read0, &reused0, NULL);
	make_folders(e);
	diag_reset();
	scope = g_strdup_printf("book '%s' (%s:%d)", e->name, bt->manifest, e->line);
	diag_set_scope(scope);
	g_free(scope);
	diag_set_quiet(bt->quiet || e->o.quiet);
	diag_set_strict(e->o.strict);
	parallel_set_threads((guint)(e->o.threads > 0 ? e->o.threads : bt->threads));
	r->status = "failed";
	if (e->digest) {
		int st = digest_run_counted(&e->o, &r->articles, &pages, &r->written);

		r->status = st == DIGEST_WRITTEN ? "written" : st == DIGEST_NOTHING_NEW ? "nothing-new" : "failed";
		if (st == DIGEST_NOTHING_NEW)
			r->written = g_ptr_array_new();	/* nothing written */
	} else if ((theme = export_prepare(&x, &e->o, NULL))) {
		b = book_build(&e->o, NULL, theme->cjk_latin_space);
		if (b && !diag_failed() && writer_book_wanted(b, &e->o)) {
			x.book = b;
			x.pages = &pages;
			if (export_book(&x, e->o.outputs, e->o.to))
				r->status = "written";
			r->articles = b->articles->len;
		}
		book_free(b);
		theme_free(theme);
	}
	r->pages = pages;
	if (!strcmp(r->status, "failed"))
		r->message = diag_last_error();
	loadcache_counts(&read1, &reused1, NULL);
	r->sources = reused1 > reused0 ? "reused" : read1 > read0 ? "read" : NULL;
	diag_set_scope(NULL);
}

/* Sources of the shard's books -> the index of the last book that reads them (+1). */
static GHashTable *last_uses(const struct batch *bt)
{
	GHashTable *last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = bt->shard; i < bt->entries->len; i += bt->shards) {
		const struct entry *e = g_ptr_array_index(bt->entries, i);

		g_hash_table_insert(last, loadcache_sources_key(e->o.sources), GUINT_TO_POINTER(i + 1));
	}
	return last;
}

/* Once the last book that reads e's sources is built, what reading them gave is let go. */
static void forget_unless_needed(GHashTable *last, const struct entry *e, guint i)
{
	char *k = loadcache_sources_key(e->o.sources);

	if (GPOINTER_TO_UINT(g_hash_table_lookup(last, k)) == i + 1)
		loadcache_forget(e->o.sources);
	g_free(k);
}

/* The progress line on a terminal: books done of the shard's, how many failed, the rate. */
static void show_progress(const struct batch *bt, char **task, guint done, guint total, guint failed, gint64 start)
{
	double minutes = (g_get_monotonic_time() - start) / 6e7;

	g_free(*task);
	*task = g_strdup_printf("books (%u failed, %.1f a minute)", failed, minutes > 0 ? done / minutes : 0.0);
	diag_set_quiet(bt->quiet);
	diag_progress_begin(*task, total);
	diag_progress_step(done);
}

/* ---- look ahead: the next book that keeps an article, for its set paragraphs (parakeep.h) ---- */

struct ahead {
	const struct batch *bt;
	guint current;			/* the entry being built */
	char **sources;			/* by entry of the shard: loadcache_sources_key */
	GHashTable *by_sources;		/* sources key -> struct select_filters ** by entry (NULL: another collection's) */
	GPtrArray *all;			/* of struct select_filters *: every one made */
};

/* For read/build.h: the number (from 1) of the next book of this shard, of the same sources, that keeps a; or 0. */
static int next_book_of(const struct article *a, const char *book_lang, void *data)
{
	const struct ahead *ah = data;
	struct select_filters **filters = g_hash_table_lookup(ah->by_sources, ah->sources[ah->current]);
	int j = select_first_keeping(filters, ah->current + ah->bt->shards, ah->bt->shards, ah->bt->entries->len, a,
				     book_lang);

	return j + 1;
}

static void ahead_init(struct ahead *ah, const struct batch *bt)
{
	guint n = bt->entries->len;

	ah->bt = bt;
	ah->sources = g_new0(char *, n + 1);
	ah->by_sources = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	ah->all = g_ptr_array_new_with_free_func((GDestroyNotify)select_filters_free);
	/* Made quietly: what a book's filters find to say (a files: entry missing) is said with that book. */
	diag_hold_begin();
	for (guint i = bt->shard; i < n; i += bt->shards) {
		const struct entry *e = g_ptr_array_index(bt->entries, i);
		struct select_filters **filters;

		ah->sources[i] = loadcache_sources_key(e->o.sources);
		filters = g_hash_table_lookup(ah->by_sources, ah->sources[i]);
		if (!filters) {
			filters = g_new0(struct select_filters *, n);
			g_hash_table_insert(ah->by_sources, g_strdup(ah->sources[i]), filters);
		}
		filters[i] = select_filters_new(&e->o);
		g_ptr_array_add(ah->all, filters[i]);
	}
	diag_held_free(diag_hold_end());
	build_set_next_book(next_book_of, ah);
}

static void ahead_clear(struct ahead *ah)
{
	if (!ah->bt)
		return;
	build_set_next_book(NULL, NULL);
	for (guint i = 0; i < ah->bt->entries->len; i++)
		g_free(ah->sources[i]);
	g_free(ah->sources);
	g_hash_table_destroy(ah->by_sources);
	g_ptr_array_free(ah->all, TRUE);
}

static void usage(FILE *to)
{
	fprintf(to, "Usage: folio batch [OPTIONS] MANIFEST\n"
		"\nBuild every book a manifest names (YAML: books: and defaults:, or JSON lines),\n"
		"in one process, reading and parsing each source collection once for all the books\n"
		"that read it alike. One status line (JSON) per book goes to the status file.\n"
		"\n      --status FILE           the status file (default: MANIFEST's name + .status.jsonl,\n"
		"                              in the current folder)\n"
		"      --resume                skip books unchanged since their last success\n"
		"      --shard I/N             build only books I, I+N, I+2N ... (0 <= I < N); auto: the index\n"
		"                              of a Kubernetes, Slurm or AWS Batch array job (auto/N)\n"
		"      --threads N             threads for each book (default 0: the cores available)\n"
		"      --layout-memory MB      memory for paragraphs set in one book and kept for the next\n"
		"                              book that sets them alike (default 64; 0: none kept)\n"
		"  -q, --quiet                 errors only\n"
		"  -h, --help                  show this help\n"
		"\nExit status: 0 every book written (or unchanged), 1 some books failed (see the status\n"
		"file), 2 bad usage or a bad manifest (nothing built).\n");
}

static char *default_status(const char *manifest)
{
	char *base = g_path_get_basename(manifest);
	char *dot = strrchr(base, '.');
	char *path;

	if (dot && dot != base)
		*dot = '\0';
	path = g_strdup_printf("%s.status.jsonl", base);
	g_free(base);
	return path;
}

/* Options of the batch itself; 0 to go on, else the exit status. */
static int parse_args(struct batch *bt, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 's' }, { "resume", no_argument, NULL, 'r' },
		{ "shard", required_argument, NULL, 'S' }, { "threads", required_argument, NULL, 't' },
		{ "layout-memory", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 's':
			g_free(bt->status_path);
			bt->status_path = g_strdup(optarg);
			break;
		case 'r':
			bt->resume = true;
			break;
		case 'S':
			if (!parse_shard(bt, optarg))
				return BATCH_USAGE;
			break;
		case 't':
			bt->threads = strtol(optarg, &end, 10);
			if (!*optarg || *end || bt->threads < 0) {
				diag_error(NULL, 0, "--threads must be a whole number, not '%s'", optarg);
				return BATCH_USAGE;
			}
			break;
		case 'L':
			bt->layout_mb = strtol(optarg, &end, 10);
			if (!*optarg || *end || bt->layout_mb < 0 || bt->layout_mb > 1 << 20) {
				diag_error(NULL, 0, "--layout-memory must be a whole number of MB (0 to 1048576), not '%s'",
					   optarg);
				return BATCH_USAGE;
			}
			break;
		case 'q':
			bt->quiet = true;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case ':':
			diag_error(NULL, 0, "option '%s' needs a value", argv[optind - 1]);
			return BATCH_USAGE;
		default:
			diag_error(NULL, 0, "unknown option '%s' for folio batch", argv[optind - 1]);
			usage(stderr);
			return BATCH_USAGE;
		}
	}
	if (optind != argc - 1) {
		diag_error(NULL, 0, optind == argc ? "no MANIFEST given" : "folio batch takes one MANIFEST");
		usage(stderr);
		return BATCH_USAGE;
	}
	bt->manifest = argv[optind];
	if (!bt->status_path)
		bt->status_path = default_status(bt->manifest);
	return 0;
}

int batch_main(int argc, char **argv, const char *datadir)
{
	struct batch bt = { .datadir = datadir, .shards = 1, .status_fd = -1, .layout_mb = 64 };
	int status = parse_args(&bt, argc, argv);
	guint total = 0, done = 0, failed = 0, n_read, n_reused, n_most;
	guint64 n_lines_found, n_lines_kept;
	size_t lines_most;
	struct ahead ahead = { NULL };
	GHashTable *last_use;
	gint64 start = g_get_monotonic_time();
	char *task = NULL;

	bt.entries = g_ptr_array_new_with_free_func(entry_free);
	if (status == 0) {
		diag_set_quiet(bt.quiet);
		/* The whole manifest is checked before any book is built. */
		if (!read_manifest(&bt))
			status = BATCH_USAGE;
	}
	if (status == 0) {
		bt.status_fd = open(bt.status_path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (bt.status_fd < 0 || !end_line(bt.status_fd)) {
			diag_error(bt.status_path, 0, "cannot write the status file: %s", g_strerror(errno));
			status = BATCH_SOME_FAILED;
		}
	}
	if (status == 0) {
		if (bt.resume)
			read_status(&bt);
		bt.trees = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		fonts_reuse(true);
		/* An article's paragraphs set in one book serve the next book that sets them alike. */
		parakeep_enable((size_t)bt.layout_mb << 20);
		if (bt.layout_mb)
			ahead_init(&ahead, &bt);
		/* Each source collection is read and parsed once for all the books that read it alike. */
		loadcache_enable(true);
		last_use = last_uses(&bt);
		for (guint i = bt.shard; i < bt.entries->len; i += bt.shards)
			total++;
		for (guint i = bt.shard; i < bt.entries->len; i += bt.shards) {
			struct entry *e = g_ptr_array_index(bt.entries, i);
			struct result r = { .pages = -1 };
			char *key = fingerprint(&bt, e);
			const struct done *was = bt.done ? g_hash_table_lookup(bt.done, e->name) : NULL;
			gint64 t0 = g_get_monotonic_time();

			if (was && !strcmp(was->key, key) && outputs_exist(e, was)) {
				r.status = "unchanged";
				if (e->digest)
					r.written = g_ptr_array_ref(was->outputs);
			} else {
				ahead.current = i;
				parakeep_book((int)i + 1);
				build_one(&bt, e, &r);
				/* A digest's state is its own product: a success is recorded with the state it left,
				   or --resume took the book for changed (and, its articles sent, failed it). */
				if (e->o.state && strcmp(r.status, "failed")) {
					g_free(key);
					key = fingerprint(&bt, e);
				}
			}
			r.seconds = (g_get_monotonic_time() - t0) / 1e6;
			if (!strcmp(r.status, "failed"))
				failed++;
			if (!append_status(&bt, e, &r, key))
				failed++;
			g_free(r.message);
			if (r.written)
				g_ptr_array_unref(r.written);
			g_free(key);
			forget_unless_needed(last_use, e, i);
			show_progress(&bt, &task, ++done, total, failed, start);
		}
		diag_progress_end();
		diag_set_quiet(bt.quiet);
		loadcache_counts(&n_read, &n_reused, &n_most);
		if (n_reused)
			diag_note(NULL, 0, "%u source collection%s read and parsed once for %u books: %u reused what an "
				  "earlier book read (%u kept at most at once)", n_read, n_read == 1 ? "" : "s",
				  n_read + n_reused, n_reused, n_most);
		loadcache_enable(false);
		parakeep_counts(&n_lines_found, &n_lines_kept, &lines_most);
		if (n_lines_found)
			diag_note(NULL, 0, "%" G_GUINT64_FORMAT " paragraphs set once for an earlier book were taken as set (%"
				  G_GUINT64_FORMAT " kept, %.1f MB at most at once)", n_lines_found, n_lines_kept,
				  lines_most / 1048576.0);
		parakeep_enable(0);
		ahead_clear(&ahead);
		g_hash_table_destroy(last_use);
		if (failed) {
			diag_error(NULL, 0, "%u of %u book%s failed (see %s)", failed, total, total == 1 ? "" : "s",
				   bt.status_path);
			status = BATCH_SOME_FAILED;
		}
		fonts_reuse(false);
	}
	if (bt.status_fd >= 0)
		close(bt.status_fd);
	if (bt.done)
		g_hash_table_destroy(bt.done);
	if (bt.trees)
		g_hash_table_destroy(bt.trees);
	g_ptr_array_free(bt.entries, TRUE);
	g_free(bt.status_path);
	g_free(task);
	return status < 0 ? BATCH_WRITTEN : status;
}
