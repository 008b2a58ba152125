"""Python's cycle collector paused while a piece of work makes its many objects.

Building and writing the whole plan makes a few hundred thousand objects (model instances,
rows, cells, the worksheets' cell tables) that all live until the work ends. The collector runs
after every 700 new ones and walks them again each time it reaches an older generation; in the
middle of the whole-plan XLSX it walked every object of the process as well, a third of the
CPU time (tests/bench/bench_xlsx.py). Reference counting still frees what is dropped; whatever
only the collector can free (cycles, such as a read model's parent and child links) is freed by
its next run, as usual, once the work is over.

Nested and concurrent pauses are safe: whoever paused an enabled collector turns it back on.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
