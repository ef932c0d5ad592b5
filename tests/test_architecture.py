"""The package structure of issue 12, checked statically.

Every module under ``forensics/`` is parsed with :mod:`ast`; nothing from ``forensics`` is
imported, so a broken or half-refactored module cannot hide an offence and the whole file runs
in a fraction of a second.

``STAGES`` below is the single statement of the layering. A module may import modules of its
own stage and of lower stages, never of a higher one. Checks, one test each:

a. no import of a higher stage (every import statement anywhere in a module, relative imports
   resolved; ``from pkg import name`` counts as importing ``pkg.name`` when that module exists,
   else ``pkg``);
b. no import cycle between modules (importing a package means importing its ``__init__``);
c. no module over ``MAX_MODULE_LINES`` lines;
d. no function or method over ``MAX_FUNCTION_LINES`` lines (``def`` line to last line).
"""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "forensics"
PACKAGE_DIR = ROOT / PACKAGE

# The layering, lowest stage first: a module's stage is its index here, found by the longest
# entry that equals the module's name or is a dotted prefix of it. The package itself
# (``forensics``, i.e. ``forensics/__init__.py``) matches only exactly, so a new top-level
# module or subpackage is in no stage until it is added here. Entries need not exist yet.
STAGES: tuple[tuple[str, ...], ...] = (
    # 0: errors and the version, importable from anywhere
    ("forensics.errors", "forensics.version", "forensics.dates", "forensics.atomic"),
    # 1: typed records and their JSON round trip
    ("forensics.records",),
    # 2: toolchain, probe, metadata, frames, hashing, thumbnails, history flags
    ("forensics.media",),
    # 3: provenance and custody events (who did what, with which tool, to which bytes)
    ("forensics.provenance", "forensics.custody"),
    # 4: features, insets, align, two-clip compare, hash index; on-screen text (beside reuse:
    # both read the decode's frames and records, neither the other)
    ("forensics.reuse", "forensics.onscreen"),
    # 5: claim files, facts, checks
    ("forensics.claims",),
    # 6: case file, case index, case search, case update; ingest (collections in as a case:
    # it reads and extends the case file, and never the index, reports or the pipeline)
    ("forensics.case", "forensics.ingest"),
    # 7: clip page, compare page, overview, chronology, rebuild
    ("forensics.report",),
    # 8: one clip's whole analysis (describe: its steps 1-4, which need no case state;
    # pipeline: all of it, and joining a clip described elsewhere to the case), a batch of
    # clips described in parallel processes or on a Dask cluster and joined by one writer,
    # verifying a report against the evidence, the library API
    (
        "forensics.describe",
        "forensics.comparing",
        "forensics.triage",
        "forensics.triage_limit",
        "forensics.pipeline",
        "forensics.outcomes",
        "forensics.batch",
        "forensics.cluster",
        "forensics.verify",
        "forensics.api",
    ),
    # 9: the package root and the command line
    (
        "forensics",
        "forensics.cli",
        "forensics.cli_options",
        "forensics.cli_run",
        "forensics.cli_text",
        "forensics.cli_progress",
        "forensics.__main__",
    ),
)

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_CYCLES_LISTED = 500  # one bad edge can close hundreds of cycles


def stage_of(module: str) -> int | None:
    """The stage of ``module`` by longest matching entry of ``STAGES``; None if in none."""
    best: tuple[int, int] | None = None  # (length of the entry, stage)
    for stage, entries in enumerate(STAGES):
        for entry in entries:
            prefix_ok = entry != PACKAGE and module.startswith(entry + ".")
            if (module == entry or prefix_ok) and (best is None or len(entry) > best[0]):
                best = (len(entry), stage)
    return None if best is None else best[1]


# --- reading the package ----------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    name: str  # dotted: forensics.media.frames; a package's __init__ is named as the package
    path: Path
    is_package: bool  # an __init__.py
    source: str
    tree: ast.Module  # empty when the file does not parse
    syntax_error: str | None = None

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def package_modules() -> dict[str, Module]:
    modules = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        name = module_name(path)
        try:
            tree, error = ast.parse(source, str(path)), None
        except SyntaxError as e:
            tree, error = ast.Module(body=[], type_ignores=[]), f"{e.lineno}: {e.msg}"
        modules[name] = Module(name, path, path.name == "__init__.py", source, tree, error)
    return modules


# --- resolving imports ------------------------------------------------------------------------


def _relative_base(importer: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name ``from <level dots><module> import ...`` refers to inside ``importer``."""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    if level - 1 > len(package) - 1:
        return "<relative import beyond the top-level package>"
    base = package[: len(package) - (level - 1)]
    if module:
        base.append(module)
    return ".".join(base)


def resolve_imports(
    importer: str, is_package: bool, tree: ast.AST, known: Iterable[str]
) -> list[tuple[int, str]]:
    """``(line, imported module)`` for every import statement anywhere in ``tree`` (module
    level, in functions and classes, under ``if TYPE_CHECKING:``) that names the package.

    ``import a.b`` imports ``a.b``; ``from a import b`` imports ``a.b`` when that is a module in
    ``known``, else ``a``; relative imports are made absolute first."""
    known = set(known)
    found: list[tuple[int, str]] = []

    def add(line: int, name: str) -> None:
        if name == PACKAGE or name.startswith(PACKAGE + ".") or name.startswith("<"):
            found.append((line, name))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _relative_base(importer, is_package, node.level, node.module)
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                add(node.lineno, candidate if candidate in known else base)
    return sorted(set(found))


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    where: str  # path:line of the import statement


@functools.cache
def import_edges() -> tuple[Edge, ...]:
    modules = package_modules()
    return tuple(
        Edge(mod.name, imported, f"{mod.rel}:{line}")
        for mod in modules.values()
        for line, imported in resolve_imports(mod.name, mod.is_package, mod.tree, modules)
    )


def module_graph(edges: Iterable[Edge], nodes: Iterable[str]) -> dict[str, set[str]]:
    """importer -> imported, between the given modules only; a module importing itself (a
    package ``__init__`` naming its own package) is no cycle between modules and is left out."""
    nodes = set(nodes)
    graph: dict[str, set[str]] = {n: set() for n in nodes}
    for e in edges:
        if e.imported in nodes and e.imported != e.importer:
            graph[e.importer].add(e.imported)
    return graph


def _reach(graph: dict[str, set[str]], start: str, allowed: set[str]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for m in graph[todo.pop()] & allowed:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def _cycles_from(
    graph: dict[str, set[str]], start: str, component: set[str], cycles: list, limit: int
) -> None:
    """Johnson's circuit search: append every elementary cycle through ``start`` within
    ``component`` to ``cycles``, stopping at ``limit``."""
    blocked: set[str] = set()
    blockers: dict[str, set[str]] = defaultdict(set)
    path = [start]

    def unblock(n: str) -> None:
        blocked.discard(n)
        for m in blockers.pop(n, set()):
            if m in blocked:
                unblock(m)

    def circuit(v: str) -> bool:
        closed = False
        blocked.add(v)
        for w in sorted(graph[v] & component):
            if len(cycles) >= limit:
                return True
            if w == start:
                cycles.append([*path, start])
                closed = True
            elif w not in blocked:
                path.append(w)
                closed = circuit(w) or closed
                path.pop()
        if closed:
            unblock(v)
        else:
            for w in graph[v] & component:
                blockers[w].add(v)
        return closed

    circuit(start)


def simple_cycles(graph: dict[str, set[str]], limit: int = MAX_CYCLES_LISTED) -> list[list[str]]:
    """Every elementary cycle once, as ``[a, b, ..., a]`` starting at its least node
    (Johnson's algorithm); at most ``limit`` of them."""
    cycles: list[list[str]] = []
    nodes = sorted(graph)
    reverse: dict[str, set[str]] = defaultdict(set)
    for n, targets in graph.items():
        for m in targets:
            reverse[m].add(n)
    for i, start in enumerate(nodes):
        allowed = set(nodes[i:])
        component = _reach(graph, start, allowed) & _reach(reverse, start, allowed)
        if len(component) > 1 and len(cycles) < limit:
            _cycles_from(graph, start, component, cycles, limit)
    return cycles


def _report(title: str, offences: list[str], hint: str) -> str:
    return f"{title} ({len(offences)}):\n  " + "\n  ".join(offences) + f"\n{hint}"


# --- self-tests of the machinery --------------------------------------------------------------


def test_stage_table_lookup():
    assert stage_of("forensics") == 9
    assert stage_of("forensics.cli") == 9
    assert stage_of("forensics.__main__") == 9
    assert stage_of("forensics.errors") == 0
    assert stage_of("forensics.version") == 0
    assert stage_of("forensics.records.schema") == 1
    assert stage_of("forensics.media") == 2
    assert stage_of("forensics.media.frames") == 2
    assert stage_of("forensics.provenance") == 3
    assert stage_of("forensics.claims.facts.dates") == 5
    assert stage_of("forensics.pipeline") == 8
    assert stage_of("forensics.api") == 8
    # the root matches only exactly: an unlisted top-level module has no stage
    assert stage_of("forensics.unlisted") is None
    assert stage_of("forensics.mediax") is None
    entries = [e for entries in STAGES for e in entries]
    assert len(entries) == len(set(entries)), "an entry is listed in two stages"


def _resolve(importer: str, is_package: bool, source: str) -> list[tuple[int, str]]:
    known = {
        "forensics",
        "forensics.errors",
        "forensics.media",
        "forensics.media.frames",
        "forensics.media.probe",
        "forensics.reuse",
        "forensics.reuse.align",
    }
    return resolve_imports(importer, is_package, ast.parse(source), known)


def test_resolver_relative_imports_from_a_package_init_and_from_a_module():
    snippet = "from .probe import probe\nfrom . import frames, helper\nfrom .. import errors\n"
    # in forensics/media/__init__.py the package is forensics.media itself
    assert _resolve("forensics.media", True, snippet) == [
        (1, "forensics.media.probe"),
        (2, "forensics.media"),  # helper: a name in forensics/media/__init__.py
        (2, "forensics.media.frames"),
        (3, "forensics.errors"),
    ]
    # in forensics/media/frames.py the package is the module's parent, forensics.media
    assert _resolve("forensics.media.frames", False, snippet) == [
        (1, "forensics.media.probe"),
        (2, "forensics.media"),
        (2, "forensics.media.frames"),
        (3, "forensics.errors"),
    ]
    # a plain module forensics/media.py of the same name: its package is forensics
    assert _resolve("forensics.media", False, "from .probe import probe\nfrom . import media") == [
        (1, "forensics.probe"),
        (2, "forensics.media"),
    ]
    assert _resolve("forensics.reuse.align", False, "from ..media.frames import x") == [
        (1, "forensics.media.frames")
    ]
    assert _resolve("forensics.errors", False, "from .. import x") == [
        (1, "<relative import beyond the top-level package>")
    ]


def test_resolver_absolute_imports_anywhere_in_a_module():
    snippet = (
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "from forensics.reuse import align\n"
        "from forensics.reuse import Aligner\n"
        "import forensics.media.probe as p\n"
        "from forensics import __version__\n"
        "if TYPE_CHECKING:\n"
        "    from forensics.media import frames\n"
        "class C:\n"
        "    def f(self):\n"
        "        from forensics import media\n"
    )
    assert _resolve("forensics.x", False, snippet) == [
        (3, "forensics.reuse.align"),  # a module: the submodule is what is imported
        (4, "forensics.reuse"),  # a name: the package's __init__ is what is imported
        (5, "forensics.media.probe"),
        (6, "forensics"),  # the package root, stage 9
        (8, "forensics.media.frames"),
        (11, "forensics.media"),  # a subpackage: its __init__
    ]


def test_cycle_finder_reports_each_cycle_once():
    graph = {"a": {"b"}, "b": {"c", "a"}, "c": {"a"}, "d": {"a"}}
    assert simple_cycles(graph) == [["a", "b", "a"], ["a", "b", "c", "a"]]
    assert simple_cycles({"a": {"b"}, "b": set()}) == []


def test_function_lengths_are_measured_from_the_def_line():
    tree = ast.parse(
        "@decorator\n"
        "def f():\n"
        "    def inner():\n"
        "        pass\n"
        "class C:\n"
        "    @property\n"
        "    async def m(self):\n"
        "        return 1\n"
    )
    found = {name: fn.end_lineno - fn.lineno + 1 for name, fn in _functions(tree)}
    assert found == {"f": 3, "f.<locals>.inner": 2, "C.m": 2}


def test_the_real_graph_is_plausible():
    modules = package_modules()
    assert len(modules) > 20, f"only {len(modules)} modules found under {PACKAGE_DIR}"
    graph = module_graph(import_edges(), modules)
    n_edges = sum(len(t) for t in graph.values())
    assert n_edges > 50, f"only {n_edges} import edges between modules: is the resolver broken?"


# --- the rules --------------------------------------------------------------------------------


def test_every_module_parses():
    # a module that does not parse is empty to the other checks, so it must fail here
    offences = [f"{m.rel}:{m.syntax_error}" for m in package_modules().values() if m.syntax_error]
    assert not offences, _report("Modules that do not parse", offences, "Fix them.")


def test_every_module_has_a_stage():
    modules = package_modules()
    offences = [f"{m.rel}: {m.name}" for m in modules.values() if stage_of(m.name) is None]
    offences += [
        f"{e.where}: {e.importer} -> {e.imported} (imported, no such stage)"
        for e in import_edges()
        if e.imported not in modules and stage_of(e.imported) is None
    ]
    assert not offences, _report(
        "Modules in no stage",
        offences,
        "Add each new top-level module or subpackage to STAGES in tests/test_architecture.py.",
    )


def test_no_import_of_a_higher_stage():
    offences = []
    for e in import_edges():
        low, high = stage_of(e.importer), stage_of(e.imported)
        if low is not None and high is not None and high > low:
            offences.append(f"{e.where}: {e.importer} (stage {low}) -> {e.imported} (stage {high})")
    assert not offences, _report(
        "Imports of a higher stage",
        offences,
        "A module may import only its own stage and lower ones (STAGES in this file); "
        "the version is forensics.version, not the package root.",
    )


def test_no_import_cycle():
    modules = package_modules()
    edges = import_edges()
    graph = module_graph(edges, modules)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in edges:
        where[e.importer, e.imported].append(e.where)
    offences = []
    for cycle in simple_cycles(graph):
        steps = "; ".join(f"{a} -> {b} at {', '.join(where[a, b])}" for a, b in pairwise(cycle))
        offences.append(f"{' → '.join(cycle)}\n      ({steps})")
    if len(offences) >= MAX_CYCLES_LISTED:
        offences.append(f"... listing stopped after {MAX_CYCLES_LISTED} cycles")
    assert not offences, _report(
        "Import cycles",
        offences,
        "Break each cycle (importing a package means importing its __init__).",
    )


def test_no_module_over_the_line_limit():
    offences = []
    for m in package_modules().values():
        n = len(m.source.splitlines())
        if n > MAX_MODULE_LINES:
            offences.append(f"{m.rel}:1: {m.name} has {n} lines")
    assert not offences, _report(f"Modules over {MAX_MODULE_LINES} lines", offences, "Split them.")


def _functions(node: ast.AST, prefix: str = "") -> Iterable[tuple[str, ast.AST]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{child.name}"
            yield name, child
            yield from _functions(child, f"{name}.<locals>.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def test_no_function_over_the_line_limit():
    offences = []
    for m in package_modules().values():
        for name, fn in _functions(m.tree):
            n = fn.end_lineno - fn.lineno + 1
            if n > MAX_FUNCTION_LINES:
                offences.append(f"{m.rel}:{fn.lineno}: {m.name}.{name} has {n} lines")
    assert not offences, _report(
        f"Functions over {MAX_FUNCTION_LINES} lines (def line to last line)",
        offences,
        "Split them.",
    )
