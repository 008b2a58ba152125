"""Load probe of realization entry: N editors at once on the realization grid of the demo's
approved version 2, saving cells over the grid's own HTMX requests and honouring its optimistic
lock (renstra.monitoring.cells): on a conflict the answer is the re-read row, and the editor
saves its value again from the token it now holds.

It counts requests, acknowledged saves, conflicts, refusals, server errors (5xx) and lost
updates, and prints throughput and p50/p95 latency per kind of request. A lost update is
either of:

- a cell whose stored value at the end is not its last acknowledged write (acknowledged writes
  of one cell are ordered by the time they were sent: a write is only acknowledged when it was
  made from the token of the figure before it, which it can only hold after that one was
  stored);
- two acknowledged writes of one cell made from the same token (both believed they replaced
  the same figure: one of them was overwritten unseen).

Bounded: it talks to 127.0.0.1 only, stops after --duration seconds (at most 1800) with at most
--editors editors (at most 200), and stops the server it started.

    python tests/bench/load_editors.py --editors 10 --duration 30
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/renstra_load \\
        python tests/bench/load_editors.py --editors 50 --duration 300

Without --url it prepares the database (migrate, `renstra demo --with-sample-realization`),
creates the editor accounts (planners of BKPSDM) in this process and starts
`renstra serve --workers 4` on a free port; with --url it uses that server, which must use the
same database (DATABASE_URL, or the SQLite file of RENSTRA_VAR_DIR).
"""

import argparse
import html
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "beban-uji-rahasia-123"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_EDITORS, MAX_DURATION = 200, 1800

ROW = re.compile(r'<tr id="ind-(\d+)"')
FIELD = re.compile(r'<input[^>]*?name="([qta]\d)"[^>]*?value="([^"]*)"')
OUTCOME = re.compile(r'data-quarter="(\d)" data-outcome="(\w+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on 127.0.0.1 (default: start one)")
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300, help="seconds of saving")
    parser.add_argument("--workers", type=int, default=4, help="of the server started")
    parser.add_argument(
        "--server",
        choices=("serve", "gunicorn"),
        default="serve",
        help="start `renstra serve` (default) or the same gunicorn directly: serve opens the "
        "database before gunicorn forks its workers, which then share that connection "
        "(PostgreSQL keeps it, CONN_MAX_AGE=60: errors and hung requests)",
    )
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--contended-share", type=float, default=0.1, help="of the saves")
    parser.add_argument("--contended-cells", type=int, default=3)
    parser.add_argument("--think", type=float, default=0.0, help="seconds between saves")
    parser.add_argument("--retries", type=int, default=5, help="after a conflict")
    parser.add_argument("--timeout", type=float, default=60, help="per request")
    parser.add_argument("--var-dir", help="RENSTRA_VAR_DIR of the SQLite database")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    args.run_mark = int(time.time()) % 9000 + 1000
    if not 1 <= args.editors <= MAX_EDITORS:
        parser.error("--editors: 1 to {}".format(MAX_EDITORS))
    if not 0 < args.duration <= MAX_DURATION:
        parser.error("--duration: up to {} seconds".format(MAX_DURATION))
    if args.url and urlsplit(args.url).hostname not in LOCAL_HOSTS:
        parser.error("--url: only a server on 127.0.0.1")
    return args


# --- the database and the server ---------------------------------------------------------------


def setup_django(args) -> None:
    if not os.environ.get("DATABASE_URL"):
        var = args.var_dir or os.environ.get("RENSTRA_VAR_DIR")
        os.environ["RENSTRA_VAR_DIR"] = var or tempfile.mkdtemp(prefix="renstra-load-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renstra.settings")
    sys.path.insert(0, str(ROOT))
    # Loaded here, not at the top: the environment above decides which database it opens.
    import django

    django.setup()


def prepare(args) -> tuple[int, list[str]]:
    """The demo with its example realization, and the editor accounts: (version id, names)."""
    # Django is set up by now (setup_django).
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection

    from renstra.accounts.models import Membership
    from renstra.plans.models import PlanVersion

    if not args.url:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("demo", with_sample_realization=True, verbosity=0)
    version = PlanVersion.objects.select_related("plan__agency").get(
        plan__agency__short_name="BKPSDM", number=2
    )
    password = make_password(PASSWORD)  # one hash for all: PBKDF2 takes a while per account
    names = []
    for index in range(args.editors):
        user, created = get_user_model().objects.get_or_create(
            username="beban-{:03d}".format(index), defaults={"password": password}
        )
        if not created:
            user.password = password
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role="planner", agency=version.plan.agency)
        names.append(user.username)
    connection.close()  # SQLite: hold no connection while the server writes
    return version.pk, names


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if args.server == "gunicorn":
        # What `renstra serve` runs once it has migrated (prepare() did that here), without its
        # database work in the master before the fork (see --server).
        command = [sys.executable, "-m", "gunicorn", "renstra.wsgi:application"]
        command += ["--bind", "127.0.0.1:{}".format(port), "--workers", str(args.workers)]
        command += ["--access-logfile", "-"]
    else:
        command = [sys.executable, "-m", "renstra.cli", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--workers", str(args.workers)]
        usage = subprocess.run([*command[:4], "--help"], cwd=ROOT, capture_output=True, text=True)
        if "--no-worker" in usage.stdout:
            command.append("--no-worker")  # the task worker has no part in this probe
    log = open(log_path, "w")  # noqa: SIM115 - closed with the server, in stop_server
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: its workers stop with it
    )
    server.log = log
    url = "http://127.0.0.1:{}".format(port)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("server stopped; see {}".format(log_path))
        try:
            if requests.get(url + "/masuk/", timeout=2).status_code == 200:
                return server, url
        except requests.RequestException:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("server did not answer within 120 s; see {}".format(log_path))


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM to the server this script started (gunicorn stops its workers), then, if it has
    not stopped within a minute, SIGKILL to its process group: both by the ids it was given."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    server.log.close()


# --- the editors -------------------------------------------------------------------------------


def parse_rows(text: str) -> dict[int, dict[str, str]]:
    """{indicator id: {q1…, t1…, a1…: value}} of the rows of a grid page or of one row."""
    rows = {}
    starts = [(m.start(), int(m.group(1))) for m in ROW.finditer(text)] + [(len(text), None)]
    for (begin, pk), (end, _next) in zip(starts, starts[1:], strict=False):
        part = text[begin:end]
        rows[pk] = {name: html.unescape(value) for name, value in FIELD.findall(part)}
    return rows


@dataclass
class Write:
    cell: tuple[int, int]
    value: str
    sent: float
    token: str


@dataclass
class Tally:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter = field(default_factory=Counter)
    acked: list[Write] = field(default_factory=list)
    unknown: list[Write] = field(default_factory=list)  # no answer: stored or not


class Editor(threading.Thread):
    def __init__(self, number, name, url, version_id, own, contended, deadline, args):
        super().__init__(name=name, daemon=True)
        self.number, self.url, self.args = number, url, args
        self.own, self.contended, self.deadline = own, contended, deadline
        self.grid = "{}/versi/{}/pemantauan/{}/".format(url, version_id, args.year)
        self.save_url = self.grid + "indikator/{}/simpan/"
        self.session = requests.Session()
        self.tally = Tally()
        self.rows: dict[int, dict[str, str]] = {}
        self.random = random.Random((args.seed or 0) * 1000 + number)
        self.sequence = 0
        self.run_mark = args.run_mark  # values stay unique across runs on one database

    def request(self, kind, method, url, **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(method, url, timeout=self.args.timeout, **kwargs)
        except requests.RequestException:
            self.tally.counts["requests"] += 1
            self.tally.counts["no answer"] += 1
            return None
        self.tally.latency[kind].append(time.monotonic() - started)
        self.tally.counts["requests"] += 1
        if response.status_code >= 500:
            self.tally.counts["5xx"] += 1
        return response

    def login(self) -> bool:
        page = self.request("login", "GET", self.url + "/masuk/")
        if page is None or page.status_code != 200:
            return False
        token = CSRF.search(page.text).group(1)
        answer = self.request(
            "login",
            "POST",
            self.url + "/masuk/",
            data={"username": self.name, "password": PASSWORD, "csrfmiddlewaretoken": token},
            allow_redirects=False,
        )
        return answer is not None and answer.status_code == 302

    def read_grid(self) -> bool:
        page = self.request("page", "GET", self.grid)
        if page is None or page.status_code != 200:
            return False
        self.rows = parse_rows(page.text)
        return True

    def run(self):
        if not self.login() or not self.read_grid():
            self.tally.counts["editors who could not start"] += 1
            return
        while time.monotonic() < self.deadline:
            pool = self.contended if self.random.random() < self.args.contended_share else self.own
            if pool:
                self.sequence += 1
                value = "{}{:03d}{:05d}".format(self.run_mark, self.number, self.sequence)
                self.save(self.random.choice(pool), value)
            if self.args.think:
                time.sleep(self.args.think)

    def save(self, cell, value):
        indicator, quarter = cell
        for _attempt in range(1 + self.args.retries):
            if time.monotonic() >= self.deadline:
                return
            fields = dict(self.rows.get(indicator, {}))
            fields["q{}".format(quarter)] = value
            token = fields.get("t{}".format(quarter), "")
            sent = time.monotonic()
            answer = self.request(
                "save",
                "POST",
                self.save_url.format(indicator),
                data=fields,
                headers={"HX-Request": "true", "X-CSRFToken": self.session.cookies["csrftoken"]},
            )
            write = Write(cell, value, sent, token)
            if answer is None or answer.status_code >= 500:
                self.tally.unknown.append(write)
                self.read_grid()  # start again from what is stored
                return
            if answer.status_code not in (200, 409):
                self.tally.counts["other answers"] += 1
                return
            # The answer is the row re-read: its tokens are those of the figures stored now.
            self.rows.update(parse_rows(answer.text))
            outcomes = dict(OUTCOME.findall(answer.text))
            outcome = outcomes.get(str(quarter), "")
            if not outcomes and answer.status_code == 200:
                outcome = "saved"  # a grid without outcomes per cell (no lock): 200 says saved
            if outcome == "saved":
                self.tally.acked.append(write)
                self.tally.counts["saves acknowledged"] += 1
                return
            if outcome != "conflict":
                self.tally.counts["saves {}".format(outcome or "without outcome")] += 1
                return
            self.tally.counts["conflicts"] += 1
        self.tally.counts["gave up after conflicts"] += 1


# --- the verdict -------------------------------------------------------------------------------


def stored_cells(version_id: int, year: int) -> dict[tuple[int, int], str]:
    # Django is set up by now (setup_django).
    from renstra.monitoring.models import Realization

    entries = Realization.objects.filter(indicator__version_id=version_id, year=year)
    return {(e.indicator_id, e.quarter): e.raw_text for e in entries}


def lost_updates(tally: Tally, stored) -> tuple[int, int, list[str]]:
    """(cells whose stored value is not their last acknowledged write, writes acknowledged
    from a token another acknowledged write had already used, examples)."""
    by_cell = defaultdict(list)
    for write in tally.acked:
        by_cell[write.cell].append(write)
    unknown = defaultdict(list)
    for write in tally.unknown:
        unknown[write.cell].append(write)
    wrong_final, double, examples = 0, 0, []
    for cell, writes in by_cell.items():
        last = max(writes, key=lambda w: w.sent)
        value = stored.get(cell, "")
        # A write that got no answer may have been stored after the last acknowledged one.
        later = {w.value for w in unknown[cell] if w.sent > last.sent}
        if value != last.value and value not in later:
            wrong_final += 1
            examples.append(
                "{}: stored {!r}, last acknowledged {!r}".format(cell, value, last.value)
            )
        tokens = Counter(w.token for w in writes)
        double += sum(n - 1 for n in tokens.values() if n > 1)
    return wrong_final, double, examples[:5]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(tally: Tally, elapsed: float, lost, args, database: str) -> None:
    counts = tally.counts
    print()
    server = "--url {}".format(args.url) if args.url else args.server
    print(
        "editors {}, {:.0f} s of saving, {}, server: {}, {} workers".format(
            args.editors, elapsed, database, server, args.workers
        )
    )
    print("requests {}  ({:.1f} req/s)".format(counts["requests"], counts["requests"] / elapsed))
    print(
        "saves acknowledged {}  ({:.1f}/s)".format(
            counts["saves acknowledged"], counts["saves acknowledged"] / elapsed
        )
    )
    for name in sorted(counts):
        if name not in ("requests", "saves acknowledged"):
            print("{} {}".format(name, counts[name]))
    print("server errors (5xx) {}".format(counts["5xx"]))
    wrong_final, double, examples = lost
    print(
        "lost updates {} (final value not the last acknowledged write: {}, two acknowledged "
        "writes from one token: {})".format(wrong_final + double, wrong_final, double)
    )
    for example in examples:
        print("  " + example)
    print("{:<8} {:>8} {:>9} {:>9} {:>9}".format("kind", "n", "p50 ms", "p95 ms", "max ms"))
    for kind in ("login", "page", "save"):
        values = tally.latency.get(kind) or [0.0]
        print(
            "{:<8} {:>8} {:>9.0f} {:>9.0f} {:>9.0f}".format(
                kind,
                len(tally.latency.get(kind, [])),
                1000 * statistics.median(values),
                1000 * percentile(values, 0.95),
                1000 * max(values),
            )
        )


def main() -> None:
    args = arguments()
    setup_django(args)
    version_id, names = prepare(args)
    database = (
        "PostgreSQL"
        if os.environ.get("DATABASE_URL")
        else "SQLite ({})".format(os.environ["RENSTRA_VAR_DIR"])
    )
    server, url = None, args.url
    if not url:
        log_path = Path(tempfile.gettempdir()) / "renstra-load-server.log"
        server, url = start_server(args, log_path)
        print("server {} (log {})".format(url, log_path))
    try:
        probe = Editor(0, names[0], url, version_id, [], [], 0, args)
        if not (probe.login() and probe.read_grid()):
            raise SystemExit("the first editor could not open the grid")
        cells = [
            (pk, int(name[1:]))
            for pk, fields in sorted(probe.rows.items())
            for name in fields
            if name[0] == "q" and name != "q0"
        ]
        shuffler = random.Random(args.seed)
        shuffler.shuffle(cells)
        contended, distinct = cells[: args.contended_cells], cells[args.contended_cells :]
        print(
            "{} cells on the grid: {} contended, {} shared out".format(
                len(cells), len(contended), len(distinct)
            )
        )
        deadline = time.monotonic() + args.duration
        editors = [
            Editor(n, name, url, version_id, distinct[n :: args.editors], contended, deadline, args)
            for n, name in enumerate(names)
        ]
        started = time.monotonic()
        for editor in editors:
            editor.start()
        for editor in editors:
            editor.join(timeout=args.duration + 2 * args.timeout + 60)
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            stop_server(server)
    tally = Tally()
    for editor in editors:
        for kind, values in editor.tally.latency.items():
            tally.latency[kind] += values
        tally.counts.update(editor.tally.counts)
        tally.acked += editor.tally.acked
        tally.unknown += editor.tally.unknown
    lost = lost_updates(tally, stored_cells(version_id, args.year))
    report(tally, elapsed, lost, args, database)


if __name__ == "__main__":
    main()
