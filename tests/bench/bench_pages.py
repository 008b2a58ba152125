"""Benchmark: the cascade page of an approved version (/versi/<id>/) against the login page
(/masuk/), served by `renstra serve` and measured side by side in one run: requests per second
of each, their ratio and the bytes of each page. Issue 16 asks for the cascade page at 30 % or
more of the login page's requests per second.

Run: python tests/bench/bench_pages.py [--seconds 10] [--threads 4] [--workers 2]

It builds the demo (`renstra demo`, a process of its own) in a throw-away SQLite database,
starts `renstra serve` on a free port of 127.0.0.1, signs in the demo's planner `perencana` and
then, in rounds, keeps --threads clients busy on one page at a time (login page, cascade page,
login page, ...) until each page has had --seconds of load. The login page is asked for without
signing in (as a visitor sees it), the cascade page as the signed-in planner. Before measuring,
each page is asked for once (the first cascade page of a frozen version fills the cache); that
first answer's time is printed too. The server it started is stopped by its process id, and
its throw-away database removed unless something failed.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "perencana", "renstra-demo"  # the README's demo account
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MAX_SECONDS, MAX_THREADS = 120, 32


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="of load per page")
    parser.add_argument("--threads", type=int, default=4, help="clients at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the server")
    parser.add_argument("--rounds", type=int, default=4, help="turns of each page")
    args = parser.parse_args()
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error("--seconds: up to {}".format(MAX_SECONDS))
    if not 1 <= args.threads <= MAX_THREADS:
        parser.error("--threads: 1 to {}".format(MAX_THREADS))
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds: 1 to 20")
    return args


def environment(var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("RENSTRA_CACHE_URL", None)  # the default cache: files under var/cache
    env.update(RENSTRA_VAR_DIR=str(var), RENSTRA_SECRET_KEY="bench-pages-" + "x" * 50)
    return env


def approved_version(env: dict) -> int:
    """The id of an approved version of the demo (the demo approves its version 2)."""
    code = (
        "import django; django.setup()\n"
        "from renstra.plans.models import PlanVersion\n"
        "v = PlanVersion.objects.filter(status='approved').order_by('pk').first()\n"
        "print(v.pk if v else '')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "renstra.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = done.stdout.strip()
    if not found:
        raise SystemExit("the demo has no approved version")
    return int(found)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, workers: int, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "renstra.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-worker"]
    log = open(log_path, "w")  # noqa: SIM115 - closed with the server, in stop_server
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
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
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("server did not answer within 120 s; see {}".format(log_path))


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    server.log.close()


def signed_in(url: str) -> requests.Session:
    session = requests.Session()
    page = session.get(url + "/masuk/", timeout=30)
    token = CSRF.search(page.text).group(1)
    answer = session.post(
        url + "/masuk/",
        data={"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise SystemExit("could not sign in as {} ({})".format(USER, answer.status_code))
    return session


class Page:
    def __init__(self, name: str, url: str, cookies):
        self.name, self.url, self.cookies = name, url, cookies
        self.latencies: list[float] = []
        self.elapsed = 0.0
        self.errors = 0
        self.bytes = 0
        self.first = 0.0
        self.server_cpu = 0.0  # seconds of CPU the server's processes spent on this page


def server_cpu(server: subprocess.Popen) -> float | None:
    """CPU seconds used so far by the processes of the server's session (`renstra serve`, its
    gunicorn workers), from /proc; None where there is no /proc. Unlike requests per second it
    does not depend on what else the machine is busy with."""
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return None
    for entry in entries:
        try:
            with open("/proc/{}/stat".format(entry)) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        # After the name: state ppid pgrp session ... utime (14th field) stime (15th).
        if int(fields[3]) == server.pid:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def load(page: Page, threads: int, seconds: float, server: subprocess.Popen) -> None:
    """`threads` clients asking for `page` one request after the other for `seconds`."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client():
        session = requests.Session()
        session.cookies.update(page.cookies)
        mine, errors = [], 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                answer = session.get(page.url, timeout=60, allow_redirects=False)
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            if ok:
                mine.append(time.monotonic() - started)
            else:
                errors += 1
        with lock:
            page.latencies += mine
            page.errors += errors

    cpu = server_cpu(server)
    started = time.monotonic()
    workers = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 120)
    page.elapsed += time.monotonic() - started
    if cpu is not None:
        page.server_cpu += server_cpu(server) - cpu


def main() -> None:
    args = arguments()
    var = Path(tempfile.mkdtemp(prefix="renstra-bench-pages-"))
    env = environment(var)
    demo = subprocess.run(
        [sys.executable, "-m", "renstra.cli", "demo"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if demo.returncode != 0:
        raise SystemExit("renstra demo failed:\n" + demo.stderr[-2000:])
    version_id = approved_version(env)
    server, url = start_server(env, args.workers, var / "serve.log")
    try:
        session = signed_in(url)
        pages = [
            Page("login /masuk/", url + "/masuk/", {}),
            Page(
                "kaskade /versi/{}/".format(version_id),
                url + "/versi/{}/".format(version_id),
                session.cookies,
            ),
        ]
        for page in pages:
            client = requests.Session()
            client.cookies.update(page.cookies)
            started = time.monotonic()
            answer = client.get(page.url, timeout=120, allow_redirects=False)
            page.first = time.monotonic() - started
            if answer.status_code != 200:
                raise SystemExit("{}: {}".format(page.url, answer.status_code))
            page.bytes = len(answer.content)
        for _round in range(args.rounds):
            for page in pages:
                load(page, args.threads, args.seconds / args.rounds, server)
    finally:
        stop_server(server)

    print(
        "renstra serve --workers {}, {} clients, {:.0f} s per page in {} rounds, SQLite".format(
            args.workers, args.threads, args.seconds, args.rounds
        )
    )
    print(
        "{:<20} {:>7} {:>8} {:>8} {:>8} {:>10} {:>8} {:>12}".format(
            "halaman", "n", "req/s", "p50 ms", "p95 ms", "pertama ms", "KB", "CPU server ms"
        )
    )
    rates, costs = [], []
    for page in pages:
        values = sorted(page.latencies) or [0.0]
        rate = len(page.latencies) / page.elapsed
        rates.append(rate)
        cost = page.server_cpu / len(page.latencies) if page.latencies else 0.0
        costs.append(cost)
        print(
            "{:<20} {:>7} {:>8.1f} {:>8.1f} {:>8.1f} {:>10.0f} {:>8.1f} {:>12.2f}{}".format(
                page.name,
                len(page.latencies),
                rate,
                1000 * statistics.median(values),
                1000 * values[int(0.95 * (len(values) - 1))],
                1000 * page.first,
                page.bytes / 1024,
                1000 * cost,
                "  ({} gagal)".format(page.errors) if page.errors else "",
            )
        )
    # The CPU the server spends per request does not depend on what else the machine runs (the
    # requests per second do: a busy machine holds long requests back more than short ones).
    if all(costs):
        print(
            "rasio CPU server per permintaan, login / kaskade: {:.3f}".format(costs[0] / costs[1])
        )
    print("rasio kaskade / login: {:.3f} (sasaran issue 16: >= 0.30)".format(rates[1] / rates[0]))
    if any(page.errors for page in pages):
        sys.exit("some requests failed; the server's log: {}".format(var / "serve.log"))
    shutil.rmtree(var, ignore_errors=True)  # kept above when something failed


if __name__ == "__main__":
    main()
