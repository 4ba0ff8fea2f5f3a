/* toml.cc - TOML into folio's typed tree with toml++ (TOML 1.0): the one C++ file, behind a C door. */
#include "book/toml.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace {

/* Two digits, zero-padded. */
std::string two(int v)
{
	char b[8];

	std::snprintf(b, sizeof b, "%02d", v);
	return b;
}

std::string date_text(const toml::date &d)
{
	char b[16];

	std::snprintf(b, sizeof b, "%04d-%02d-%02d", (int)d.year, (int)d.month, (int)d.day);
	return b;
}

std::string time_text(const toml::time &t)
{
	std::string s = two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);

	if (t.nanosecond) {
		char b[16];

		std::snprintf(b, sizeof b, ".%09u", (unsigned)t.nanosecond);
		s += b;
	}
	return s;
}

std::string datetime_text(const toml::date_time &dt)
{
	std::string s = date_text(dt.date) + "T" + time_text(dt.time);

	if (dt.offset) {
		int m = dt.offset->minutes;

		if (m == 0)
			return s + "Z";
		s += m < 0 ? "-" : "+";
		m = m < 0 ? -m : m;
		s += two(m / 60) + ":" + two(m % 60);
	}
	return s;
}

int line_of(const toml::node &n, int first_line)
{
	return first_line + (int)n.source().begin.line - 1;
}

fm_node *convert(const toml::node &n, int first_line);

fm_node *convert_table(const toml::table &t, int first_line)
{
	fm_node *map = fm_node_map(line_of(t, first_line));
	std::vector<std::pair<std::string_view, const toml::node *>> kv;

	for (auto &&[k, v] : t)
		kv.emplace_back(k.str(), &v);
	/* toml++ keeps tables in key order: put them back in the order they were written. */
	std::stable_sort(kv.begin(), kv.end(), [](auto &a, auto &b) {
		auto &pa = a.second->source().begin, &pb = b.second->source().begin;
		return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
	});
	for (auto &[k, v] : kv) {
		std::string key(k);

		fm_map_set(map, key.c_str(), convert(*v, first_line));
	}
	return map;
}

fm_node *convert(const toml::node &n, int first_line)
{
	int line = line_of(n, first_line);

	if (auto t = n.as_table())
		return convert_table(*t, first_line);
	if (auto a = n.as_array()) {
		fm_node *list = fm_node_list(line);

		for (auto &&item : *a)
			fm_list_add(list, convert(item, first_line));
		return list;
	}
	if (auto s = n.as_string())
		return fm_node_scalar(FM_TEXT, s->get().c_str(), line);
	if (auto i = n.as_integer())
		return fm_node_scalar(FM_INT, std::to_string(i->get()).c_str(), line);
	if (auto f = n.as_floating_point()) {
		std::ostringstream o;

		o << f->get();
		return fm_node_scalar(FM_FLOAT, o.str().c_str(), line);
	}
	if (auto b = n.as_boolean())
		return fm_node_scalar(FM_BOOL, b->get() ? "true" : "false", line);
	if (auto d = n.as_date())
		return fm_node_scalar(FM_DATE, date_text(d->get()).c_str(), line);
	if (auto dt = n.as_date_time())
		return fm_node_scalar(FM_DATE, datetime_text(dt->get()).c_str(), line);
	if (auto t = n.as_time())
		return fm_node_scalar(FM_TEXT, time_text(t->get()).c_str(), line);
	return fm_node_scalar(FM_NULL, nullptr, line);
}

}  // namespace

extern "C" fm_node *toml_read_tree(const char *text, size_t len, int first_line, char **problem, int *line)
{
	*problem = nullptr;
	*line = first_line;
	try {
		toml::table t = toml::parse(std::string_view(text, len));

		return convert_table(t, first_line);
	} catch (const toml::parse_error &e) {
		*problem = g_strdup(std::string(e.description()).c_str());
		*line = first_line + (int)e.source().begin.line - 1;
		return nullptr;
	} catch (const std::exception &e) {
		*problem = g_strdup(e.what());
		return nullptr;
	}
}
