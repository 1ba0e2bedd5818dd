"""The plugin as a user's own project meets it (pytester, each run a pytest subprocess that loads the plugin through
its entry point): a strict session stays clean, a failed replay says in a few lines what changed and how to record
again, a missing ``@pytest.mark.vcr`` is named, and uploaded documents stay out of the cassettes."""

from __future__ import annotations

import re

import pytest

pytest_plugins = ["pytester"]

STRICT_INI = "[pytest]\nfilterwarnings = error\n"

SYNC_AND_ASYNC = """
import pytest

@pytest.mark.vcr
def test_sync(eigenpal_client):
    assert eigenpal_client.run("workflows.sleep", input={"seconds": 0}).id

@pytest.mark.vcr
@pytest.mark.asyncio
async def test_async(async_eigenpal_client):
    assert (await async_eigenpal_client.run("workflows.sleep", input={"seconds": 0})).id
"""

UPLOAD = """
from pathlib import Path
import pytest

@pytest.mark.vcr
def test_sleep(eigenpal_client):
    eigenpal_client.run("workflows.sleep", input={"seconds": SECONDS})

@pytest.mark.vcr
def test_invoice(eigenpal_client):
    eigenpal_client.run("workflows.extract-invoice", input={"contract_document": Path("invoice.txt")})
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args, timeout=300)


def _failure_section(output: str, test: str) -> list[str]:
    """The lines pytest prints under a failed test's ``____ test ____`` header."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"_+ {test} _+", line))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith(("___", "===")))
    return lines[start + 1 : end]


def test_a_strict_session_stays_clean_recording_and_replaying(pytester: pytest.Pytester) -> None:
    pytester.makeini(STRICT_INI)
    pytester.makepyfile(test_service=SYNC_AND_ASYNC)

    for args in (["--record-mode=once"], ["--block-network"]):
        result = _run(pytester, *args)
        assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
        assert "warning" not in result.stdout.str().lower()
        result.assert_outcomes(passed=2, warnings=0)


def test_a_loop_scope_the_user_set_is_kept(pytester: pytest.Pytester) -> None:
    pytester.makeini(STRICT_INI + "asyncio_default_fixture_loop_scope = module\n")
    pytester.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = _run(pytester)
    result.assert_outcomes(passed=1, warnings=0)
    assert "asyncio_default_fixture_loop_scope=module" in result.stdout.str()


def test_a_failed_replay_names_the_test_what_changed_and_the_command(pytester: pytest.Pytester) -> None:
    pytester.makeini(STRICT_INI)
    pytester.path.joinpath("invoice.txt").write_text("Invoice INV-1 for ACME, confidential-7c1f\n")
    pytester.makepyfile(test_service=UPLOAD.replace("SECONDS", "1"))
    _run(pytester, "--record-mode=once").assert_outcomes(passed=2)

    cassettes = sorted(pytester.path.joinpath("cassettes").rglob("*.yaml"))
    assert len(cassettes) == 2
    invoice_cassette = next(path for path in cassettes if "invoice" in path.name).read_text()
    assert "confidential-7c1f" not in invoice_cassette  # the document is not stored...
    assert "<document sha256:" in invoice_cassette  # ...its digest is
    _run(pytester, "--block-network").assert_outcomes(passed=2)  # and the replay still matches

    pytester.makepyfile(test_service=UPLOAD.replace("SECONDS", "2"))
    pytester.path.joinpath("invoice.txt").write_text("Invoice INV-2 for ACME, confidential-7c1f\n")
    result = _run(pytester, "--block-network")
    result.assert_outcomes(failed=2)
    output = result.stdout.str()

    sleep = _failure_section(output, "test_sleep")
    assert 2 <= len(sleep) <= 4, sleep
    assert "test_service.py::test_sleep" in sleep[0]
    assert "POST /v1/runs" in sleep[0]
    assert "test_service.py:6" in sleep[0]  # the line that sent it
    assert "input.seconds: recorded 1, sent 2" in "\n".join(sleep)
    assert sleep[-1].strip() == "re-record: pytest --record-mode=rewrite test_service.py::test_sleep"

    invoice = "\n".join(_failure_section(output, "test_invoice"))
    assert len(invoice.splitlines()) <= 4, invoice
    assert re.search(r"part 'files.contract_document': recorded <document sha256:(\w+)\.\.\., 42 bytes>, "
                     r"sent <document sha256:(?!\1)\w+\.\.\., 42 bytes>", invoice), invoice  # fmt: skip
    assert "How to fix" not in output  # vcrpy's advice, which contradicts the command above
    assert "pytest --record-mode=rewrite test_service.py::test_invoice" in invoice


def test_a_kit_fixture_without_the_vcr_marker_is_named_when_the_network_is_blocked(pytester: pytest.Pytester) -> None:
    pytester.makeini(STRICT_INI)
    pytester.makepyfile(test_service="def test_unmarked(eigenpal_client):\n    eigenpal_client.runs.list(limit=1)\n")
    _run(pytester).assert_outcomes(passed=1)  # live against a local server: a test of its own kind

    result = _run(pytester, "--block-network")
    result.assert_outcomes(errors=1)
    output = result.stdout.str()
    assert "test_service.py::test_unmarked uses eigenpal_client but has no @pytest.mark.vcr" in output
    assert "pytest --record-mode=once test_service.py::test_unmarked" in output
    assert "Network is disabled" not in output
