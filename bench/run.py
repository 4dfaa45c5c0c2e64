"""`make bench`: run every bench/bench_*.py, print their JSON lines, then a table.

The benchmarks share one SQLite (or DATABASE_URL) database seeded once with
`seed_bench` (1,000 patients x 365 days unless BENCH_PATIENTS/BENCH_DAYS say
otherwise), so numbers are comparable between runs.

The table puts the anonymous log-in page first as the floor and every page as a
ratio to the floor timed in the same script (so in the same process and state),
beside its median milliseconds, SQL queries and tracemalloc peak (bench/timing.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "login_page_floor"  # bench.timing.FLOOR; run.py imports no Django


def main() -> int:
    # locmem email: alerts raised by the benchmark must not print into its output.
    env = {
        **os.environ,
        "DEBUG": "true",
        "PYTHONPATH": str(ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.setdefault(
        "DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'out' / 'bench.sqlite3'}"
    )
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([python, "bench/seed_once.py"], cwd=ROOT, env=env, check=True)
    failed, pages = 0, []
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        result = subprocess.run(
            [python, str(script)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        # The JSON lines as before, for anything that reads them.
        sys.stdout.write(result.stdout)
        pages += _page_lines(result.stdout)
        failed += result.returncode != 0
    print()
    print(table(pages))
    return 1 if failed else 0


def _page_lines(output: str) -> list[dict[str, Any]]:
    lines = []
    for text in output.splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if isinstance(line, dict) and "peak_kb" in line:
            lines.append(line)
    return lines


def table(lines: list[dict[str, Any]]) -> str:
    """The floor first, then each page with its ratio to the floor timed
    alternately with it (bench/timing.py), and that floor's milliseconds."""
    floors = [line for line in lines if line["bench"] == FLOOR]
    if not floors:
        return "(no page benchmarks ran)"
    rows = [_row(line) for line in lines[lines.index(floors[0]) :]]
    header = ("page", "ms", "x floor", "floor ms", "queries", "peak KiB")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(6)]
    out = [
        "  ".join(
            str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    return "\n".join(out)


def _row(line: dict[str, Any]) -> tuple[str, ...]:
    return (
        line["bench"],
        f"{line['median_ms']:.1f}",
        f"{line['x_floor']:.1f}x",
        f"{line['floor_ms']:.1f}",
        str(line["queries"]),
        str(line["peak_kb"]),
    )


if __name__ == "__main__":
    sys.exit(main())
