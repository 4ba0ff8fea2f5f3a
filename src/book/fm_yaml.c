/* fm_yaml.c - reads YAML into folio's typed tree with libyaml, every node with its line. */
#include "book/fm_yaml.h"

#include <yaml.h>

#include "base/diag.h"

/*
 * Aliases may name a node inside itself or repeat one exponentially often: copies are bounded,
 * for each key of the top mapping (a "billion laughs" under one key left every key after it
 * "...": the title, the tags) and for the whole.
 */
enum { YAML_TREE_DEPTH = 32, YAML_KEY_NODES = 20000, YAML_TREE_NODES = 200000 };

struct yreader {
	const char *file;
	yaml_document_t *doc;
	int first_line;
	unsigned made;		/* under the top key being read */
	unsigned total;
	bool cut;		/* said that a value was cut short */
};

static struct fm_node *convert(struct yreader *r, yaml_node_t *n, int depth)
{
	int line = r->first_line + (int)n->start_mark.line;
	struct fm_node *out;

	if (depth > YAML_TREE_DEPTH || ++r->made > YAML_KEY_NODES || ++r->total > YAML_TREE_NODES) {
		if (!r->cut)
			diag_warn(r->file, line, "this value repeats itself past %u items or %d levels (YAML aliases, "
				  "\"billion laughs\"); what is past them is read as \"...\"", YAML_KEY_NODES, YAML_TREE_DEPTH);
		r->cut = true;
		return fm_node_scalar(FM_TEXT, "...", line);
	}
	switch (n->type) {
	case YAML_SEQUENCE_NODE:
		out = fm_node_list(line);
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
			fm_list_add(out, convert(r, yaml_document_get_node(r->doc, *it), depth + 1));
		return out;
	case YAML_MAPPING_NODE:
		out = fm_node_map(line);
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
			yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
			/* A key that is not text (a list, a mapping) is kept as its text, as Hugo prints it. */
			struct fm_node *kn = k->type == YAML_SCALAR_NODE ? NULL : convert(r, k, depth + 1);
			char *key = kn ? fm_node_text(kn) : g_strdup((const char *)k->data.scalar.value);

			fm_node_free(kn);
			if (depth == 0)
				r->made = 0;	/* each key of the front matter its own bound */
			if (!fm_map_set(out, key, convert(r, v, depth + 1)))
				diag_warn(r->file, r->first_line + (int)k->start_mark.line,
					  "'%s' is given twice; the last one is used", key);
			g_free(key);
		}
		return out;
	default:
		return fm_node_scalar(FM_TEXT, (const char *)n->data.scalar.value, line);
	}
}

struct fm_node *fm_read_yaml(const char *file, const char *text, size_t len, int first_line, const char *what)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct yreader r = { file, &doc, first_line, 0, 0, false };
	struct fm_node *tree;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		diag_warn(file, first_line + (int)parser.problem_mark.line, "bad YAML %s: %s%s%s", what,
			  parser.problem ? parser.problem : "syntax error", parser.context ? " " : "",
			  parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return NULL;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || (root->type == YAML_SCALAR_NODE && !*root->data.scalar.value))
		tree = fm_node_map(first_line);
	else
		tree = convert(&r, root, 0);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return tree;
}
