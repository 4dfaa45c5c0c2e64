"""`make bench`: run every bench/bench_*.py and print their JSON lines.

The benchmarks share one SQLite (or DATABASE_URL) database seeded once with
`seed_bench` (1,000 patients x 365 days unless BENCH_PATIENTS/BENCH_DAYS say
otherwise), so numbers are comparable between runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    failed = 0
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        result = subprocess.run([python, str(script)], cwd=ROOT, env=env)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
