"""A module of the project as it was at an earlier commit, loaded beside today's, so that a
benchmark measures before and after in one process on the same data."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_at(commit: str, path: str, name: str):
    """`path` (e.g. renstra/review/diff.py) as of `commit`, imported as module `name`; None
    where git or the commit is not there (a copy without history)."""
    try:
        source = subprocess.run(
            ["git", "show", "{}:{}".format(commit, path)],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, "{}@{}".format(path, commit[:7]), "exec"), module.__dict__)
    return module
