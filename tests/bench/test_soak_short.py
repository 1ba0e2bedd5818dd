"""The soak in short: 100 runs through the faulty local server and one SIGKILL + restart; every guarantee must hold.

The full soak (`scripts/soak`, 1,000 runs) gives the published figures; this one keeps the guarantees under test.
It takes about a minute: a server in a child process, real sleeps, real faults. Marked ``slow``: the test command
runs it among the other tests (first in its worker's share), ``scripts/test --quick`` leaves it out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import soak

GUARANTEES = (
    "every run accounted for",
    "no duplicated runs",
    "no wait ended by a transient fault",
    "every final status right",
    "SIGKILL and restart mid-run, every wait ends right",
)


@pytest.mark.slow
def test_short_soak_keeps_every_guarantee(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    verdict = tmp_path / "soak.md"
    # 150 s bounds a soak that hangs; it is no timing. Alone the soak takes about 55 s; beside the other tests (the
    # test command runs it among them, on a starved CPU) 70-90 s, every backoff and fault the same.
    status = soak.main(["--runs", "100", "--seed", "11", "--max-seconds", "150", "--out", str(verdict)])

    printed = capsys.readouterr().out
    verdicts = {line[5:].split(":", 1)[0]: line for line in printed.splitlines() if line.startswith(("ok   ", "FAIL "))}
    assert sorted(verdicts) == sorted(GUARANTEES), printed
    for name in GUARANTEES:
        assert verdicts[name].startswith("ok"), f"{verdicts[name]}\n\n{printed}"
    assert status == 0, printed
    assert "every run accounted for" in verdict.read_text()
