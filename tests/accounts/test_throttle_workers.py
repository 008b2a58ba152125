"""Sign-in throttling as it runs in production: `renstra serve` with two gunicorn workers, each
with its own memory, on one database. The failures are counted in the database, so the sixth
attempt is refused whichever worker answers; the lock holds one account from one address, so the
same account still signs in from another address (127.0.0.2: every 127.x address is this
machine)."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="127.0.0.2 is local on Linux")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A minimal browser on one source address: cookies, CSRF token, form posts."""

    def __init__(self, port: int, source: str):
        self.port, self.source, self.cookies = port, source, {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        headers = {"Cookie": "; ".join("{}={}".format(k, v) for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://127.0.0.1:{}/masuk/".format(self.port)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, text

    def sign_in(self, username: str, password: str) -> int:
        _status, page = self.request("GET", "/masuk/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _text = self.request(
            "POST",
            "/masuk/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        return status


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite:///{}".format(tmp_path / "renstra.sqlite3"),
        "RENSTRA_VAR_DIR": str(tmp_path),
        "RENSTRA_ALLOWED_HOSTS": "127.0.0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "renstra.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("renstra serve did not start")
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_sixth_failure_is_refused_across_two_workers_but_not_from_another_address(server):
    attacker = Browser(server, "127.0.0.1")
    answers = [attacker.sign_in("perencana", "salah-{}".format(i)) for i in range(5)]
    # Four wrong passwords are answered with the form again; the fifth locks the pair.
    assert answers == [200, 200, 200, 200, 429]
    assert attacker.sign_in("perencana", "salah-lagi") == 429
    assert attacker.sign_in("perencana", "renstra-demo") == 429
    elsewhere = Browser(server, "127.0.0.2")
    assert elsewhere.sign_in("perencana", "renstra-demo") == 302
    # Another account from the attacker's address is not locked either.
    assert attacker.sign_in("kepala", "renstra-demo") == 302
