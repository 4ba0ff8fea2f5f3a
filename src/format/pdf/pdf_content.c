/* pdf_content.c - a PDF content-stream tokenizer, and marking what no structure element holds as /Artifact. */
#include "format/pdf/pdf_content.h"

#include <stdlib.h>
#include <string.h>

#include "format/pdf/pdf_obj.h"

/*
 * Enough of ISO 32000-1 7.8.2 to find where each instruction starts and which operator ends
 * it, copying every byte as it is (the objects around the content are pdf_obj.c's).
 */

/* One instruction: its operands from start, its operator at [op, op_end). */
struct instr {
	size_t start, op, op_end;
	char name[4];		/* the operator (content operators have at most three characters) */
	bool mcid;		/* a BDC whose properties hold /MCID */
	long mcid_value;
	bool artifact;		/* a BMC or BDC tagged /Artifact */
};

/* A literal string from s[i] == '(': the index after its closing ')', or 0 when unterminated. */
static size_t skip_string(const unsigned char *s, size_t i, size_t len)
{
	int depth = 0;

	for (; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * Inline image data from just after "ID": it runs to white space, "EI" and white space (or the
 * end), the rule readers use. Returns the index after EI, or 0.
 */
static size_t skip_inline_data(const unsigned char *s, size_t i, size_t len)
{
	for (i++; i + 2 <= len; i++)
		if (pdf_is_space(s[i - 1]) && s[i] == 'E' && s[i + 1] == 'I' && (i + 2 == len || pdf_is_space(s[i + 2])))
			return i + 2;
	return 0;
}

/* Asked of every instruction many times over: the first character settles most. */
static inline bool op_is(const struct instr *in, const char *name)
{
	return in->name[0] == name[0] && !strcmp(in->name, name);
}

static inline bool number_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
}

/* The value after "/MCID" in s[from, to), when there is one. */
static bool find_mcid(const unsigned char *s, size_t from, size_t to, long *value)
{
	for (size_t k = from; k + 5 <= to; k++)
		if (s[k] == '/' && !memcmp(s + k, "/MCID", 5) && (k + 5 == to || pdf_is_space(s[k + 5]) || pdf_is_delim(s[k + 5])
								  || (s[k + 5] >= '0' && s[k + 5] <= '9'))) {
			char *end;

			k += 5;
			while (k < to && pdf_is_space(s[k]))
				k++;
			*value = strtol((const char *)s + k, &end, 10);
			return end != (const char *)s + k;
		}
	return false;
}

/* Split s into instructions (*out, g_free). Returns their number, or -1 with *error set. */
static long tokenize(const unsigned char *s, size_t len, struct instr **out, char **error)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(struct instr));
	size_t i = 0, start = (size_t)-1, first_name = (size_t)-1;

	while (i < len) {
		unsigned char c = s[i];
		size_t tok = i;

		if (pdf_is_space(c)) {
			i++;
			continue;
		}
		if (c == '%') {	/* a comment: left where it is, not an operand */
			while (i < len && s[i] != '\n' && s[i] != '\r')
				i++;
			continue;
		}
		if (start == (size_t)-1)
			start = tok;
		if (c == '(') {
			i = skip_string(s, i, len);
			if (!i) {
				*error = g_strdup_printf("a string at byte %zu never ends", tok);
				goto fail;
			}
		} else if (c == '<' && i + 1 < len && s[i + 1] == '<') {
			i += 2;
		} else if (c == '>' && i + 1 < len && s[i + 1] == '>') {
			i += 2;
		} else if (c == '<') {
			const unsigned char *e = memchr(s + i, '>', len - i);

			if (!e) {
				*error = g_strdup_printf("a hex string at byte %zu never ends", tok);
				goto fail;
			}
			i = (size_t)(e - s) + 1;
		} else if (c == '[' || c == ']' || c == '{' || c == '}') {
			i++;
		} else if (c == '/') {
			if (first_name == (size_t)-1)
				first_name = tok;
			for (i++; i < len && !pdf_is_space(s[i]) && !pdf_is_delim(s[i]); i++)
				;
		} else if (c == ')' || c == '>') {
			*error = g_strdup_printf("an unexpected '%c' at byte %zu", c, tok);
			goto fail;
		} else {
			/* A regular token: a number, true, false, null, or an operator. */
			size_t e = i;
			bool number = true;
			struct instr in = { 0 };

			while (e < len && !pdf_is_space(s[e]) && !pdf_is_delim(s[e])) {
				if (!number_char(s[e]))
					number = false;
				e++;
			}
			i = e;
			if (number || (e - tok == 4 && (!memcmp(s + tok, "true", 4) || !memcmp(s + tok, "null", 4)))
			    || (e - tok == 5 && !memcmp(s + tok, "false", 5)))
				continue;
			in.start = start;
			in.op = tok;
			in.op_end = e;
			memcpy(in.name, s + tok, MIN(e - tok, 3));
			if (op_is(&in, "BDC") || op_is(&in, "BMC")) {
				in.artifact = first_name != (size_t)-1 && tok - first_name >= 9
					      && !memcmp(s + first_name, "/Artifact", 9)
					      && (pdf_is_space(s[first_name + 9]) || pdf_is_delim(s[first_name + 9]));
				if (op_is(&in, "BDC"))
					in.mcid = find_mcid(s, start, tok, &in.mcid_value);
			} else if (op_is(&in, "BI")) {
				/* An inline image: its dictionary up to ID, then data up to EI: one instruction. */
				size_t id = 0;

				for (size_t k = e; k + 2 <= len; k++)
					if (s[k] == 'I' && s[k + 1] == 'D' && pdf_is_space(s[k - 1])
					    && (k + 2 == len || pdf_is_space(s[k + 2]))) {
						id = k + 2;
						break;
					}
				i = id ? skip_inline_data(s, id, len) : 0;
				if (!i) {
					*error = g_strdup_printf("an inline image at byte %zu never ends", tok);
					goto fail;
				}
				in.op_end = i;
			}
			g_array_append_val(v, in);
			start = first_name = (size_t)-1;
		}
	}
	*out = (struct instr *)(void *)v->data;
	{
		long n = (long)v->len;

		g_array_free(v, FALSE);
		return n;
	}
fail:
	g_array_free(v, TRUE);
	return -1;
}

bool content_has_mcid(const unsigned char *in, size_t len)
{
	for (size_t k = 0; k + 5 <= len; k++)
		if (in[k] == '/' && !memcmp(in + k, "/MCID", 5))
			return true;
	return false;
}

static bool is_path_start(const struct instr *in)
{
	return op_is(in, "m") || op_is(in, "re");
}

static bool is_path_end(const struct instr *in)
{
	static const char *const ends[] = { "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n" };

	for (size_t i = 0; i < G_N_ELEMENTS(ends); i++)
		if (op_is(in, ends[i]))
			return true;
	return false;
}

static bool is_text_show(const struct instr *in)
{
	return op_is(in, "Tj") || op_is(in, "TJ") || op_is(in, "'") || op_is(in, "\"");
}

/* The name after "Do"'s operand slash, inside in's operands. */
static bool do_name(const unsigned char *s, const struct instr *in, const char **name, size_t *len)
{
	size_t p = in->start, e;

	while (p < in->op && s[p] != '/')
		p++;
	if (p >= in->op)
		return false;
	for (e = p + 1; e < in->op && !pdf_is_space(s[e]) && !pdf_is_delim(s[e]); e++)
		;
	*name = (const char *)s + p + 1;
	*len = e - p - 1;
	return true;
}

enum { MAX_DEPTH = 64 };

/* "/Span << /MCID n /ActualText <FEFF...> >> BDC": text as a UTF-16BE hex string. */
static void span_with_text(GByteArray *out, long mcid, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	char head[64];
	int head_len = g_snprintf(head, sizeof head, "/Span << /MCID %ld /ActualText <FEFF", mcid);
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(text, -1, NULL, &n, NULL);
	guint at;

	g_byte_array_append(out, (const guint8 *)head, (guint)head_len);
	at = out->len;
	g_byte_array_set_size(out, at + 4 * (guint)(u ? n : 0));
	for (glong i = 0; u && i < n; i++, at += 4) {
		out->data[at] = (guint8)hex[u[i] >> 12];
		out->data[at + 1] = (guint8)hex[(u[i] >> 8) & 15];
		out->data[at + 2] = (guint8)hex[(u[i] >> 4) & 15];
		out->data[at + 3] = (guint8)hex[u[i] & 15];
	}
	g_byte_array_append(out, (const guint8 *)"> >> BDC", 8);
	g_free(u);
}

/* A BDC holding /ActualText and no MCID: Pango's for a ligature. */
static bool actual_text_span(const unsigned char *s, const struct instr *in)
{
	for (size_t k = in->start; k + 11 <= in->op; k++)
		if (!memcmp(s + k, "/ActualText", 11))
			return !in->mcid;
	return false;
}

bool content_mark_artifacts(const unsigned char *s, size_t len, GByteArray *out, content_form_fn form,
			    content_mcid_fn mcid, void *data, struct content_stats *st, char **error)
{
	static const char open_s[] = "/Artifact BMC\n", close_s[] = "EMC\n";
	struct instr *v = NULL;
	long n = tokenize(s, len, &v, error);
	bool covered[MAX_DEPTH + 1] = { false };	/* covered[d]: depth d is inside MCID or Artifact content */
	bool texted[MAX_DEPTH + 1] = { false };		/* texted[d]: inside a sequence given /ActualText */
	bool dropped[MAX_DEPTH + 1] = { false };	/* dropped[d]: the sequence opening depth d was left out */
	int depth = 0, art_depth = -1;			/* art_depth: where the artifact we opened is, or -1 */
	bool in_path = false, in_text = false, text_mixed = false, art_in_text = false;
	size_t copied = 0;

	if (n < 0)
		return false;
	st->ops += n;
	for (long k = 0; k < n; k++) {
		struct instr *in = &v[k];
		bool close = false, open = false;

		if (art_depth >= 0 && (op_is(in, "q") || op_is(in, "Q") || op_is(in, "BDC") || op_is(in, "BMC")
				       || (op_is(in, "EMC") && depth == art_depth) || (op_is(in, "ET") && art_in_text)))
			close = true;
		/* An artifact may hold whole text objects; one that holds marked content is worked inside. */
		if (op_is(in, "BT")) {
			text_mixed = false;
			for (long j = k + 1; j < n && !op_is(&v[j], "ET"); j++)
				if (op_is(&v[j], "BDC") || op_is(&v[j], "BMC"))
					text_mixed = true;
			if (text_mixed && art_depth >= 0)
				close = true;
		}
		if (close) {
			g_byte_array_append(out, s + copied, (guint)(in->start - copied));
			g_byte_array_append(out, (const guint8 *)close_s, sizeof close_s - 1);
			copied = in->start;
			art_depth = -1;
			art_in_text = false;
		}
		if (!covered[depth] && art_depth < 0 && !in_path) {
			const char *name;
			size_t nlen;

			if (is_path_start(in) || op_is(in, "sh") || op_is(in, "BI") || is_path_end(in))
				open = true;
			else if (op_is(in, "BT") && !text_mixed)
				open = true;
			else if (in_text && is_text_show(in))
				open = true;
			else if (op_is(in, "Do")) {
				if (form && do_name(s, in, &name, &nlen) && form(data, name, nlen))
					st->tagged_forms++;
				else
					open = true;
			}
		}
		if (open) {
			g_byte_array_append(out, s + copied, (guint)(in->start - copied));
			g_byte_array_append(out, (const guint8 *)open_s, sizeof open_s - 1);
			copied = in->start;
			art_depth = depth;
			art_in_text = in_text;
			st->artifacts++;
		}
		if (is_path_start(in))
			in_path = true;
		else if (is_path_end(in))
			in_path = false;
		if (op_is(in, "BT"))
			in_text = true;
		else if (op_is(in, "ET"))
			in_text = false;
		bool drop = false, text = false;

		if (in->mcid && mcid) {
			const char *actual = mcid(data, in->mcid_value);

			if (!actual) {
				/* An orphan: the same sequence as an artifact (its EMC stays). */
				g_byte_array_append(out, s + copied, (guint)(in->start - copied));
				g_byte_array_append(out, (const guint8 *)"/Artifact BMC", 13);
				copied = in->op_end;
				in->mcid = false;
				in->artifact = true;
				st->orphans++;
			} else if (*actual) {
				g_byte_array_append(out, s + copied, (guint)(in->start - copied));
				span_with_text(out, in->mcid_value, actual);
				copied = in->op_end;
				text = true;
				st->actual++;
			}
		} else if (op_is(in, "BDC") && texted[depth] && actual_text_span(s, in)) {
			drop = true;
		}
		if (op_is(in, "BDC") || op_is(in, "BMC")) {
			if (depth == MAX_DEPTH) {
				*error = g_strdup_printf("marked content nested deeper than %d at byte %zu", MAX_DEPTH, in->op);
				goto fail;
			}
			depth++;
			covered[depth] = covered[depth - 1] || in->mcid || in->artifact;
			texted[depth] = texted[depth - 1] || text;
			dropped[depth] = drop;
			if (in->mcid)
				st->mcids++;
		} else if (op_is(in, "EMC")) {
			if (depth == 0) {
				*error = g_strdup_printf("an EMC at byte %zu closes nothing", in->op);
				goto fail;
			}
			drop = dropped[depth];
			depth--;
		}
		if (drop) {
			/* A ligature's span inside text given whole: left out, BDC and EMC. */
			g_byte_array_append(out, s + copied, (guint)(in->start - copied));
			copied = in->op_end;
		}
	}
	g_byte_array_append(out, s + copied, (guint)(len - copied));
	if (art_depth >= 0) {
		if (len && s[len - 1] != '\n')
			g_byte_array_append(out, (const guint8 *)"\n", 1);
		g_byte_array_append(out, (const guint8 *)close_s, sizeof close_s - 1);
	}
	if (depth != 0) {
		*error = g_strdup_printf("%d marked-content sequence(s) left open at the end", depth);
		goto fail;
	}
	g_free(v);
	return true;
fail:
	g_free(v);
	return false;
}
