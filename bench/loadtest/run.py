"""`make loadtest`: gunicorn on PostgreSQL under locust, then the saves checked.

1. A fresh database (LOADTEST_DATABASE_URL, bd_loadtest by default) is
   created, migrated and seeded (bench/loadtest/seed.py).
2. gunicorn serves it with 2 workers per core, DEBUG=true: the production
   settings send cookies only over HTTPS and redirect to it, and this runs
   over plain HTTP on 127.0.0.1.
3. locust runs headless for LOADTEST_SECONDS (120 by default) with 50
   patients and 10 nurses (bench/loadtest/locustfile.py).
4. p50/p95/p99 per page and the errors are printed, and every save that was
   answered with a redirect is looked up in the database.

gunicorn is stopped however the run ends.
"""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import django
from django.core.management import call_command
from django.db import connection

from bench.loadtest.seed import NURSES, PATIENTS, seed

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bd_loadtest"
)
SECONDS = int(os.environ.get("LOADTEST_SECONDS", 120))
WORKERS = (os.cpu_count() or 1) * 2
SAVE_NOTES = "load test save "  # the locustfile's notes, with a number
USERS = PATIENTS + NURSES  # the locustfile's fixed counts


def main() -> int:
    os.environ.update(_django_env())
    _fresh_database()
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    seed()
    connection.close()  # not held open through the load
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        saves_file = Path(tmp) / "saves.tsv"
        server = _start_gunicorn(port, Path(tmp) / "gunicorn.log")
        try:
            _wait_until_serving(port, server)
            _run_locust(port, tmp, saves_file)
        finally:
            _stop(server)
        # The machine may be shared: its load says how far the figures are ours.
        print(
            f"load average over the last minute, at the end: {os.getloadavg()[0]:.1f}"
        )
        _print_pages(Path(tmp) / "locust_stats.csv")
        errors = _print_errors(Path(tmp) / "locust_failures.csv")
        lost = _check_saves(saves_file)
    return 1 if errors or lost else 0


def _django_env() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "true",
        "PYTHONPATH": str(ROOT),
        # Alerts from the load's entries would be printed among the results.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def _fresh_database() -> None:
    """Drop and create the load test's own database, so every run starts alike."""
    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username,
        password=url.password, dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"), "config.wsgi", f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}", "--access-logfile=-",
    ]  # fmt: skip
    print(f"gunicorn: {WORKERS} workers on port {port} (DEBUG=true)", flush=True)
    with log.open("w") as out:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/accounts/login/", timeout=5
            )
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _stop(server: subprocess.Popen) -> None:
    """TERM to gunicorn's own process group (its workers too), KILL if it lingers."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _run_locust(port: int, tmp: str, saves_file: Path) -> None:
    command = [
        str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
        f"--users={USERS}", "--spawn-rate=5", f"--run-time={SECONDS}s",
        f"--host=http://127.0.0.1:{port}", f"--csv={tmp}/locust", "--only-summary",
        "--loglevel=WARNING", "--exit-code-on-error=0",
    ]  # fmt: skip
    print(f"locust: {USERS} users for {SECONDS} s", flush=True)
    env = os.environ | {"LOADTEST_SAVES_FILE": str(saves_file)}
    # Its own summary goes to the log: the runner prints the figures below.
    with (Path(tmp) / "locust.log").open("w") as log:
        subprocess.run(command, env=env, cwd=ROOT, stdout=log, stderr=log, check=True)
    exceptions = Path(tmp) / "locust_exceptions.csv"
    if len(exceptions.read_text().splitlines()) > 1:
        print(exceptions.read_text())


def _print_pages(stats: Path) -> None:
    headings = f"{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    print(f"\n{'page':<20}{headings}")
    with stats.open() as rows:
        for row in csv.DictReader(rows):
            print(
                f"{row['Name']:<20}{row['Request Count']:>9}{row['Failure Count']:>8}"
                f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
            )


def _print_errors(failures: Path) -> int:
    with failures.open() as rows:
        found = list(csv.DictReader(rows))
    total = sum(int(row["Occurrences"]) for row in found)
    print(f"\nerrors: {total}")
    for row in found:
        print(f"  {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    return total


def _check_saves(saves_file: Path) -> int:
    """Each (patient, date) answered with a redirect is in the database, and
    holds her last redirected save or a later one (a patient's saves are one
    after another; one cut off by the end of the run may still have been
    saved). Returns how many saves were lost."""
    from diary.models import DailyEntry

    lines = saves_file.read_text("utf-8").splitlines() if saves_file.exists() else []
    saves = [tuple(line.split("\t")) for line in lines]
    last = {(email, day): notes for email, day, notes in saves}
    saved = {
        (email, day.isoformat()): notes
        for email, day, notes in DailyEntry.objects.filter(
            patient__user__email__in={email for email, _ in last}
        ).values_list("patient__user__email", "entry_date", "notes")
    }
    found = sum(1 for email, day, _ in saves if (email, day) in saved)
    kept = sum(
        1
        for key, notes in last.items()
        if _number(saved.get(key, "")) >= _number(notes)
    )
    print(
        f"\nsaves answered with a redirect: {len(saves)}, "
        f"found in the database: {found}"
    )
    print(
        "(patient, date) holding her last redirected save or a later one: "
        f"{kept} of {len(last)}"
    )
    return len(saves) - found + len(last) - kept


def _number(notes: str) -> int:
    """The save's number in the locustfile's notes, "load test save N"."""
    return int(notes.rsplit(" ", 1)[1]) if notes.startswith(SAVE_NOTES) else -1


if __name__ == "__main__":
    sys.exit(main())
