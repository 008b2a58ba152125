"""Benchmark: the comparison of two versions (renstra.review.diff), on the demo (version 1 before
review against version 2 after it) and on ten times the demo, with the matcher of today and, for
"before", the one of commit BEFORE (read from git; it held every old item against every new one).

Run: python tests/bench/bench_compare.py [--no-before]
(prints seconds, medians of 5; a throw-away SQLite database; the old matcher takes about 20 s a
run at ten times the demo, --no-before leaves it out)

Ten times the demo is built in memory (`scaled`), since the matcher works on snapshots: each
version's items ten times over, every copy with its own ids, codes and names. A copy's names
are the demo's with their letters exchanged, the same exchange in both versions and a different
one in every copy: within a copy the ratios of all names are exactly the demo's (difflib's ratio
sees only which characters are equal), while names of different copies share the common
letters about as much as different Indonesian names do. So the comparison of ten times the demo
must be ten times the demo's comparison, pair for pair, and the benchmark checks that it is.
"""

import dataclasses
import gc
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEFORE = "ce27e29a6c733932417cc70c21921ecdbbfed729"  # the last diff.py without indexes
COPIES = 10
OFFSET = 1_000_000  # ids of copy k: the demo's + k * OFFSET
REPEAT = 5

# The letters by how often they occur in the demo's names, in two groups of thirteen; copy k
# turns every letter into the one k places further in its group (copy 0 is the demo itself).
_GROUPS = ("aneipsrtkulgd", "mhojbywcfvzxq")
# A leading "program " or "kegiatan " is dropped before names are compared: it stays as it is.
_LEADING = re.compile(r"^[\W_]*(program|kegiatan)\b", re.IGNORECASE)


def _letters(copy: int) -> dict[int, str]:
    table = {}
    for group in _GROUPS:
        for i, letter in enumerate(group):
            other = group[(i + copy) % len(group)]
            table[ord(letter)], table[ord(letter.upper())] = other, other.upper()
    return table


def _renamed(name: str, copy: int) -> str:
    match = _LEADING.match(name)
    head = name[: match.end()] if match else ""
    return head + name[len(head) :].translate(_letters(copy))


def _shifted(key, copy: int):
    return None if key is None else (key[0], key[1] + copy * OFFSET)


def scaled(snapshot, copies: int = COPIES):
    """The snapshot with every item `copies` times (copy 0 the snapshot's own), copies one after
    the other within each kind, in the snapshot's order."""
    kinds = list(dict.fromkeys(item.kind for item in snapshot.items.values()))
    items = []
    for copy in range(copies):
        for item in snapshot.items.values():
            fields = dict(item.fields)
            if "objectives" in fields:
                fields["objectives"] = [i + copy * OFFSET for i in fields["objectives"]]
            items.append(
                dataclasses.replace(
                    item,
                    id=item.id + copy * OFFSET,
                    parent=_shifted(item.parent, copy),
                    copied_from=None
                    if item.copied_from is None
                    else item.copied_from + copy * OFFSET,
                    code="{:02d}.{}".format(copy, item.code) if item.code else "",
                    name=_renamed(item.name, copy),
                    order=item.order + copy * OFFSET,
                    fields=fields,
                )
            )
    items.sort(key=lambda i: (kinds.index(i.kind), i.order, i.id))
    return dataclasses.replace(snapshot, items={item.key: item for item in items})


def _before_module():
    """renstra.review.diff as of BEFORE, imported as renstra.review.diff_before, or None."""
    from tests.bench.before import module_at

    return module_at(BEFORE, "renstra/review/diff.py", "renstra.review.diff_before")


def median_seconds(function, repeat: int = REPEAT, collect: bool = True) -> float:
    """The median of `repeat` runs, each (with `collect`) after a full collection of what the
    runs before left behind, so that the collector's passes a run pays for are those of its own
    work. Left to itself, the collector runs a full pass over the whole process about every
    second run at ten times the demo, once the objects of earlier runs add up, and about every
    tenth run on the demo: a median of 5 charges the one and not the other (the last line of
    the table shows what that does to the ratio)."""
    times = []
    for _ in range(repeat):
        if collect:
            gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("RENSTRA_VAR_DIR", tempfile.mkdtemp(prefix="renstra-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")
    import django

    django.setup()

    from django.core.management import call_command

    from renstra.interchange.demo import load_demo
    from renstra.plans.models import PlanVersion
    from renstra.review import diff
    from renstra.review.diff_table import totals_text
    from renstra.review.snapshot import snapshot_of

    call_command("migrate", verbosity=0)
    plan = load_demo().plan
    v1, v2 = (PlanVersion.objects.get(plan=plan, number=n) for n in (1, 2))
    demo = (snapshot_of(v1), snapshot_of(v2))
    tenfold = (scaled(demo[0]), scaled(demo[1]))

    after = diff.compare(*demo)
    print("demo v1 -> v2:", totals_text(after))
    big = diff.compare(*tenfold)
    assert big.totals == {status: COPIES * n for status, n in after.totals.items()}, big.totals
    print(
        "ten times: {} items against {}; {}".format(
            len(tenfold[0].items), len(tenfold[1].items), totals_text(big)
        )
    )

    before = None if "--no-before" in sys.argv else _before_module()
    if before is not None:
        for label, pair in (("demo", demo), ("ten times", tenfold)):
            same = before.compare(*pair).as_dict() == diff.compare(*pair).as_dict()
            print("{}: the same entries as before, pair for pair: {}".format(label, same))
            assert same

    rows = [
        ("demo, compare_versions (reads both)", lambda m: m.compare_versions(v1, v2)),
        ("demo, compare (snapshots)", lambda m: m.compare(*demo)),
        ("ten times, compare (snapshots)", lambda m: m.compare(*tenfold)),
    ]
    print("\n{:<42} {:>9} {:>9}".format("seconds, median of {}".format(REPEAT), "before", "after"))
    results = {}
    for label, run in rows:
        old = median_seconds(lambda run=run: run(before)) if before is not None else None
        new = median_seconds(lambda run=run: run(diff))
        results[label] = (old, new)
        print(
            "{:<42} {:>9} {:>9.3f}".format(label, "-" if old is None else "{:.3f}".format(old), new)
        )
    small, large = results["demo, compare (snapshots)"], results["ten times, compare (snapshots)"]
    print(
        "{:<42} {:>9} {:>9.1f}".format(
            "ten times / demo",
            "-" if small[0] is None else "{:.1f}".format(large[0] / small[0]),
            large[1] / small[1],
        )
    )
    uncollected = [
        median_seconds(lambda pair=pair: diff.compare(*pair), collect=False)
        for pair in (demo, tenfold)
    ]
    print(
        "{:<42} {:>9} {:>9.1f}".format(
            "ten times / demo, collector left to itself", "", uncollected[1] / uncollected[0]
        )
    )


if __name__ == "__main__":
    main()
