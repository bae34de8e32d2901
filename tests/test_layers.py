"""No two modules of mudu_tui import each other, however indirectly, however deferred.

The layer contracts (model → no UI, widgets → no screens or app, the layer order) are
import-linter's, in pyproject.toml, run by `make test`. This test adds what they leave
open: a cycle inside one layer (screens/main ↔ screens/help, say). grimp reads every import
statement, those inside functions and under TYPE_CHECKING included.
"""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in graph.modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("mudu_tui", cache_dir=None)
    assert _cycles(graph) == []


def test_deferred_imports_are_in_the_graph() -> None:
    # The app imports the help screen only when help is asked for: the graph still has it,
    # so a deferred import cannot hide a cycle.
    graph = grimp.build_graph("mudu_tui", cache_dir=None)
    assert "mudu_tui.screens.help" in graph.find_modules_directly_imported_by("mudu_tui.app")


def test_a_cycle_is_found() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
