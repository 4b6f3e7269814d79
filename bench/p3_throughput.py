"""P3: requests per second of the token-authenticated API filing detail (an approved filing) under gunicorn on
loopback, against a bare Django view returning one row by primary key as JSON under the same server
(``bench.site``), with a hello-world view beside them. Bar: ≥ 50% of the floor.

gunicorn runs the production command of ``docker-compose.yml`` (``gunicorn bench.wsgi``: ``icp_portal.wsgi``
with the floors' URLs) with 2 sync workers (this machine's 2 cores) on 127.0.0.1:18080; ``wrk -t2 -c16``
drives it.
wrk is Debian's (``apt-get install -y wrk``); without it the figure says so and fails. The three URLs take
turns, twice each, and the better of the two runs of each counts (the machine is shared: the better run is
the one less disturbed).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from rest_framework.authtoken.models import Token

from bench.pages import scene

PORT = 18080
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = 2
INSTALL_WRK = "apt-get install -y wrk"


def _wrk(url: str, seconds: int, token: str | None = None) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Token {token}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} answers were not 2xx\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _serve() -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "bench.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/bench/hello/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError("gunicorn did not answer on port 18080")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)  # the arbiter and its workers: the group this run started
    server.wait(timeout=30)


def measure_p3(run: Any) -> list[dict[str, Any]]:
    if shutil.which("wrk") is None:
        return [
            {
                "figure": "P3",
                "what": f"not measured: wrk is missing ({INSTALL_WRK})",
                "value": 0.0,
                "floor": None,
                "unit": "req/s",
                "ratio": None,
                "bar": "≥ 0.50×",
                "holds": False,
            }
        ]
    filing = scene(1).filings["approved"]
    token, _created = Token.objects.get_or_create(user=filing.applicant)
    urls = {
        "detail": (f"{BASE}/api/v1/filings/{filing.code}/", token.key),
        "floor": (f"{BASE}/bench/row/{filing.pk}/", None),
        "hello": (f"{BASE}/bench/hello/", None),
    }
    seconds = 5 if run.quick else 10
    best = dict.fromkeys(urls, 0.0)
    server = _serve()
    try:
        for url, key in urls.values():  # warm up every worker
            _wrk(url, 2, key)
        for _ in range(2):
            for name, (url, key) in urls.items():
                best[name] = max(best[name], _wrk(url, seconds, key))
    finally:
        _stop(server)
    ratio = best["detail"] / best["floor"]
    return [
        {
            "figure": "P3",
            "what": (
                f"API filing detail (token, approved filing) vs one row as JSON, gunicorn {WORKERS} workers, "
                f"wrk -t2 -c16 {seconds} s, best of 2; hello world {best['hello']:,.0f} req/s"
            ),
            "value": best["detail"],
            "floor": best["floor"],
            "unit": "req/s",
            "ratio": ratio,
            "bar": "≥ 0.50×",
            "holds": ratio >= 0.5,
        }
    ]
