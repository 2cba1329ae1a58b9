"""The package's import rules, read from the source (every import, module-level or inside a function):

- the engine's stages import one way: ingest -> index -> search -> excerpts; `models`, `errors` and
  `paths` are reachable from every stage and import no stage; `service` sits above them all;
- `desktop.core` never imports Qt, the GUI or the CLI;
- the GUI, the CLI and the composition root reach the engine only through service, models, errors, paths;
- no import cycles between the package's modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"
STAGES = ["ingest", "index", "search", "excerpts"]
SHARED = {"desktop.core.models", "desktop.core.errors", "desktop.core.paths"}
CLIENT_MAY_USE = SHARED | {"desktop.core.service", "desktop.core"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours (or foreign top-level package) that this file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            for a in node.names:  # `from pkg import module`
                if f"{target}.{a.name}" in known:
                    out.add(f"{target}.{a.name}")
    resolved = set()
    for target in out:
        while target and target not in known and "." in target and target.startswith("desktop"):
            target = target.rsplit(".", 1)[0]
        resolved.add(target)
    resolved.discard(name)
    return resolved


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def stage_of(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) >= 3 and parts[1] == "core" and parts[2] in STAGES:
        return STAGES.index(parts[2])
    return None


def test_the_stages_import_one_way():
    wrong = []
    for name, targets in graph().items():
        if not name.startswith("desktop.core"):
            continue
        mine = stage_of(name)
        for target in targets:
            if not target.startswith("desktop"):
                continue
            theirs = stage_of(target)
            if name in SHARED and (theirs is not None or target == "desktop.core.service"):
                wrong.append(f"{name} -> {target} (shared modules import no stage)")
            elif mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{name} -> {target} ({STAGES[mine]} may not import {STAGES[theirs]})")
            elif mine is not None and target == "desktop.core.service":
                wrong.append(f"{name} -> {target} (the facade is above the stages)")
    assert not wrong, "\n".join(sorted(wrong))


def test_core_imports_no_qt_gui_or_cli():
    wrong = [f"{name} -> {t}" for name, targets in graph().items() if name.startswith("desktop.core")
             for t in targets if t.split(".")[0] in ("PySide6", "shiboken6")
             or t.startswith(("desktop.gui", "desktop.cli", "desktop.app"))]
    assert not wrong, "\n".join(sorted(wrong))


def test_clients_reach_the_engine_only_through_the_facade():
    clients = ("desktop.gui", "desktop.cli", "desktop.app", "desktop.entry")
    wrong = [f"{name} -> {t}" for name, targets in graph().items() if name.startswith(clients)
             for t in targets if t.startswith("desktop.core") and t not in CLIENT_MAY_USE]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles():
    known = modules()
    g = {n: {t for t in ts if t in known} for n, ts in graph().items()}
    cycles, state, stack = [], {}, []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for t in sorted(g.get(n, ())):
            if state.get(t) == 1:
                cycles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[n] = 2

    for n in sorted(g):
        if n not in state:
            visit(n)
    assert not cycles, "\n".join(cycles)


def test_the_rules_see_the_real_package():
    g = graph()
    assert "desktop.core.service" in g and "desktop.core.index.indexer" in g
    assert "desktop.core.ingest.cleaning" in g["desktop.core.index.indexer"]
    assert "desktop.core.service" in g["desktop.gui.main_window"]
