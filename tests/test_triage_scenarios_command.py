"""`manage.py triage_scenarios`: output lines and the exit codes 0, 1 and 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCENARIO_FILES = sorted(str(p) for p in (REPO / "tests" / "scenarios").glob("*.json"))


def triage_scenarios(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a real run from the shell."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    done = subprocess.run(
        [sys.executable, "manage.py", "triage_scenarios", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout, done.stderr


def scenario_file(tmp_path: Path, expect: dict, entry: dict | None = None) -> str:
    path = tmp_path / "mine.json"
    scenario = {
        "id": "walking-difficulty",
        "source": "test",
        "entry": entry
        or {"pain_score": 2, "fatigue_score": 3, "difficulty_walking": True},
        "expect": expect,
    }
    path.write_text(json.dumps({"scenarios": [scenario]}), encoding="utf-8")
    return str(path)


def test_all_shipped_scenarios_pass_with_exit_code_0():
    code, out, err = triage_scenarios(*SCENARIO_FILES)
    lines = out.strip().splitlines()
    assert code == 0, out + err
    assert all(line.startswith("PASS ") for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} passed, 0 failed"
    assert len(lines) - 1 >= 90


def test_json_output_lists_every_scenario_with_exit_code_0():
    code, out, _ = triage_scenarios(*SCENARIO_FILES, "--json")
    results = json.loads(out)
    assert code == 0
    assert all(r["passed"] for r in results)
    assert set(results[0]) == {
        "id",
        "passed",
        "expected_level",
        "level",
        "conditions",
        "expected_conditions",
        "absent_conditions",
    }


def test_a_failing_scenario_prints_fail_and_exits_1(tmp_path):
    path = scenario_file(tmp_path, {"level": "amber", "conditions": ["mscc"]})
    code, out, _ = triage_scenarios(path)
    assert code == 1
    assert out.strip().splitlines() == [
        "FAIL walking-difficulty: expected level amber, conditions ['mscc'], "
        "absent []; got level red, conditions ['mscc']",
        "0 passed, 1 failed",
    ]


def test_the_last_line_on_the_terminal_is_the_summary_when_one_fails(tmp_path):
    # scenarios.md: the output "ends with the line `N passed, M failed`"; an
    # extra error line on stderr would follow it on a terminal.
    path = scenario_file(tmp_path, {"level": "amber", "conditions": ["mscc"]})
    code, out, err = triage_scenarios(path)
    assert code == 1
    assert err == ""
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_a_failing_scenario_in_json_mode_exits_1(tmp_path):
    path = scenario_file(tmp_path, {"level": "amber"})
    code, out, _ = triage_scenarios(path, "--json")
    assert code == 1
    assert json.loads(out) == [
        {
            "id": "walking-difficulty",
            "passed": False,
            "expected_level": "amber",
            "level": "red",
            "conditions": ["mscc"],
            "expected_conditions": [],
            "absent_conditions": [],
        }
    ]


def test_a_malformed_scenario_exits_2_naming_file_scenario_and_field(tmp_path):
    path = scenario_file(
        tmp_path, {"level": "red"}, entry={"pain_score": 12, "fatigue_score": 3}
    )
    code, out, err = triage_scenarios(*SCENARIO_FILES, path)
    assert code == 2
    assert out == ""  # nothing is run when any file is malformed
    assert path in err
    assert "'walking-difficulty'" in err and "'entry.pain_score'" in err


@pytest.mark.parametrize(
    "content", ['{"scenarios": [', None], ids=["bad JSON", "missing"]
)
def test_an_unreadable_or_malformed_file_exits_2_naming_the_file(tmp_path, content):
    path = tmp_path / "broken.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = triage_scenarios(str(path))
    assert code == 2
    assert str(path) in err
