"""The floor plan of docs/architecture.md, held by tests where import-linter cannot look:
views stay thin, writes go through services, and no import hides inside a function without
saying why."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent / "renstra"
MAX_VIEW_LINES = 60


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _is_view_module(path: pathlib.Path) -> bool:
    rel = path.relative_to(ROOT)
    return rel.name.startswith("views") or "views" in rel.parts[:-1]


def _functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


VIEW_MODULES = [(p, t) for p, t in _sources() if _is_view_module(p)]


def test_there_are_view_modules_to_check():
    # plans, checks, review, monitoring, reports, interchange, accounts at least
    apps = {p.relative_to(ROOT).parts[0] for p, _ in VIEW_MODULES}
    assert {"plans", "checks", "review", "monitoring", "reports", "interchange"} <= apps


@pytest.mark.parametrize(
    "path,tree", VIEW_MODULES, ids=[str(p.relative_to(ROOT)) for p, _ in VIEW_MODULES]
)
def test_no_view_function_is_longer_than_sixty_lines(path, tree):
    long = [
        "{}:{} {} ({} lines)".format(path.name, f.lineno, f.name, f.end_lineno - f.lineno + 1)
        for f in _functions(tree)
        if f.end_lineno - f.lineno + 1 > MAX_VIEW_LINES
    ]
    assert long == []


WRITES = {"save", "delete", "bulk_create", "bulk_update", "update_or_create", "get_or_create"}
MANAGER_WRITES = {"create", "update"}  # only on a manager or queryset: X.objects.create()
NOT_MODELS = {"cache", "messages", "session", "response"}


def _receiver(node) -> str:
    return ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""


def _is_model_write(node) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    receiver = _receiver(node)
    if receiver.split(".")[-1] in NOT_MODELS:
        return False
    if node.func.attr in WRITES:
        return True
    return node.func.attr in MANAGER_WRITES and (
        ".objects" in receiver or receiver.endswith(("_set", ".all()"))
    )


@pytest.mark.parametrize(
    "path,tree", VIEW_MODULES, ids=[str(p.relative_to(ROOT)) for p, _ in VIEW_MODULES]
)
def test_views_write_only_through_services(path, tree):
    """A view reads the request, calls one service, renders: no model write of its own
    (form.save() included: a form's save is the model's)."""
    writes = [
        "{}:{} {}.{}()".format(path.name, node.lineno, _receiver(node), node.func.attr)
        for node in ast.walk(tree)
        if _is_model_write(node)
    ]
    assert writes == []


def _import_blocks(function):
    """Runs of consecutive import statements in the bodies of a function."""
    for node in ast.walk(function):
        for body in (getattr(node, name, None) for name in ("body", "orelse", "finalbody")):
            if not isinstance(body, list):
                continue
            block = []
            for statement in [*body, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    block.append(statement)
                elif block:
                    yield block
                    block = []


def test_every_import_inside_a_function_says_why():
    """Imports belong at the top of a module; the few that must wait (an app registering its
    entries in ready(), a heavy library loaded only when used) carry a comment saying why, on
    the line before the block of imports or on one of its lines."""
    silent = []
    for path, tree in _sources():
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in _functions(tree):
            for block in _import_blocks(function):
                first, last = block[0].lineno, block[-1].end_lineno
                above = lines[first - 2].strip() if first > 1 else ""
                if not above.startswith("#") and not any(
                    "#" in lines[i - 1] for i in range(first, last + 1)
                ):
                    silent.append("{}:{}".format(path.relative_to(ROOT), first))
    assert sorted(set(silent)) == []
