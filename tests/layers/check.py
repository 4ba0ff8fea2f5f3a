#!/usr/bin/python3
# check.py - the house rule of src/: a file uses only its own stage or earlier ones, back ends never
# touch each other, and no two files depend on each other, by includes or by symbols.
#
#   check.py SRC_DIR [OBJ_DIR]
#
# Stages, earliest first: base, text, html, media, book, read, format (what the back ends share),
# then the back ends format/epub, format/pdf and format/model (siblings: none may use another),
# then cli, then main.c at the top. A "file" is a module: NAME.c with its NAME.h. Edges come from
# every #include "stage/name.h" line (of .c, .cc and .h files) and, when OBJ_DIR holds the objects (build/obj), from every
# undefined symbol of an object that another object defines (nm). Prints one line per problem and
# exits 1 when there is any.
import os
import re
import subprocess
import sys

STAGES = ["base", "text", "html", "media", "book", "read", "format",
          "format/epub", "format/pdf", "format/model", "cli", "."]
BACK_ENDS = {"format/epub", "format/pdf", "format/model"}
RANK = {s: i for i, s in enumerate(STAGES)}
for s in BACK_ENDS:
    RANK[s] = RANK["format/epub"]  # one rank: they come after format and before cli, side by side


def allowed(user, used):
    """May a file of stage user use a file of stage used?"""
    if user == used:
        return True
    if user in BACK_ENDS and used in BACK_ENDS:
        return False
    return RANK[used] < RANK[user]


def modules(src):
    """module name ("read/article") -> list of its files, relative to src."""
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith((".c", ".h", ".cc")):
                continue
            rel = os.path.relpath(os.path.join(root, f), src)
            mods.setdefault(os.path.splitext(rel)[0], []).append(rel)
    return mods


def stage_of(module):
    d = os.path.dirname(module)
    return d if d else "."


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def include_edges(src, mods, problems):
    edges = {}
    for mod, files in mods.items():
        for rel in files:
            with open(os.path.join(src, rel), encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = os.path.splitext(os.path.normpath(m.group(1)))[0]
                    if target not in mods:
                        problems.append(f"{rel}:{n}: includes \"{m.group(1)}\", which is no file of src/ "
                                        "(includes name their folder: \"read/article.h\")")
                        continue
                    if target != mod:
                        edges.setdefault((mod, target), f"{rel}:{n}: #include \"{m.group(1)}\"")
    return edges


def nm(args):
    out = subprocess.run(["nm"] + args, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def symbol_edges(obj, mods, problems):
    objects = {}
    for root, _, files in os.walk(obj):
        for f in files:
            if f.endswith(".o"):
                path = os.path.join(root, f)
                objects[os.path.splitext(os.path.relpath(path, obj))[0]] = path
    missing = [m for m, files in mods.items() if any(f.endswith((".c", ".cc")) for f in files) and m not in objects]
    for m in sorted(missing):
        problems.append(f"{m}.c: no object in {obj} (build first: make)")
    defined = {}
    for mod, path in objects.items():
        for line in nm(["--defined-only", path]):
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBRCVW":
                defined.setdefault(parts[2], mod)
    edges = {}
    for mod, path in objects.items():
        if mod not in mods:
            continue
        for line in nm(["-u", path]):
            sym = line.split()[-1]
            target = defined.get(sym)
            if target and target != mod and target in mods:
                edges.setdefault((mod, target), f"{mod}.o uses {sym}")
    return edges


def cycles(edges):
    """Strongly connected components of more than one module (Tarjan), each as a sorted list."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def shortest_loop(comp, edges):
    """The shortest path from comp's first module back to itself, inside comp (breadth first)."""
    inside = set(comp)
    start = comp[0]
    prev = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for (a, b) in sorted(edges):
            if a != v or b not in inside:
                continue
            if b == start:
                path = [v]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if b not in prev:
                prev[b] = v
                queue.append(b)
    return [start]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: check.py SRC_DIR [OBJ_DIR]")
    src = sys.argv[1]
    obj = sys.argv[2] if len(sys.argv) == 3 else None
    mods = modules(src)
    problems = []
    for mod in mods:
        if stage_of(mod) not in RANK:
            problems.append(f"{mods[mod][0]}: in a folder that is no stage ({', '.join(STAGES[:-1])})")
    edges = include_edges(src, mods, problems)
    if obj:
        for k, why in symbol_edges(obj, mods, problems).items():
            edges.setdefault(k, why)
    upward = 0
    for (a, b), why in sorted(edges.items()):
        sa, sb = stage_of(a), stage_of(b)
        if sa in RANK and sb in RANK and not allowed(sa, sb):
            kind = "between back ends" if sa in BACK_ENDS and sb in BACK_ENDS else "upward"
            problems.append(f"{why}: {a} ({sa}) reaches {b} ({sb}), {kind}")
            upward += 1
    loops = cycles(edges)
    for comp in loops:
        path = shortest_loop(comp, edges)
        steps = "; ".join(edges[(path[i], path[i + 1])] for i in range(len(path) - 1))
        problems.append(f"cycle of {len(comp)} files ({', '.join(comp)}), e.g. " + " -> ".join(path)
                        + f" ({steps})")
    for p in problems:
        print(p)
    print(f"layers: {len(mods)} files, {len(edges)} dependencies, {upward} upward or between back ends, "
          f"{len(loops)} cycles, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
