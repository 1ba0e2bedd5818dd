"""``eigenpal webhooks sign`` and ``verify``: a delivery signed from the shell verifies, a changed one is refused with
the check that failed and exit 7, and the secret is never printed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from eigenpal_ext.cli import ExitCode
from eigenpal_ext.webhooks import KeyForm, sign

from .conftest import Result, run_cli

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = b'{"type":"run.created","id":"evt_1","data":{"run":{"id":"run_1"}}}'


def _never_shows_the_secret(result: Result) -> None:
    for text in (result.stdout, result.stderr):
        assert SECRET not in text
        assert SECRET.removeprefix("whsec_") not in text


@pytest.fixture
def body(tmp_path: Path) -> Path:
    path = tmp_path / "body.json"
    path.write_bytes(BODY)
    return path


@pytest.mark.parametrize("digest", ["hex", "base64"])
def test_sign_then_verify_says_which_forms_matched(body: Path, tmp_path: Path, digest: str) -> None:
    signed = run_cli("webhooks", "sign", str(body), "--digest", digest, env={"EIGENPAL_WEBHOOK_SECRET": SECRET})
    assert signed.code == ExitCode.OK, signed.stderr
    assert [line.split(":")[0] for line in signed.stdout.splitlines()] == [
        "-H 'webhook-id",
        "-H 'webhook-timestamp",
        "-H 'webhook-signature",
    ]
    (tmp_path / "headers.txt").write_text(signed.stdout)  # the -H lines as printed, fed back as they are

    verified = run_cli(
        "webhooks",
        "verify",
        "--headers",
        str(tmp_path / "headers.txt"),
        str(body),
        env={"EIGENPAL_WEBHOOK_SECRET": SECRET},
    )

    assert verified.code == ExitCode.OK, verified.stderr
    assert f"verified: key form base64, digest form {digest}" in verified.stdout
    _never_shows_the_secret(signed)
    _never_shows_the_secret(verified)


def test_a_key_form_is_reported_and_json_gives_it_to_scripts(body: Path) -> None:
    headers = sign(BODY, secret=SECRET, key=KeyForm.TEXT_AFTER_PREFIX)
    options = [arg for name, value in headers.items() for arg in ("--header", f"{name}: {value}")]

    result = run_cli("webhooks", "verify", "--secret", SECRET, *options, str(body), "--json")

    assert result.code == ExitCode.OK, result.stderr
    assert result.json() == {"verified": True, "key": "text_after_prefix", "digest": "hex"}
    _never_shows_the_secret(result)


def test_a_changed_byte_is_refused_with_the_check_that_failed(body: Path) -> None:
    headers = sign(BODY, secret=SECRET)
    body.write_bytes(BODY.replace(b"run_1", b"run_2"))
    options = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]

    result = run_cli("webhooks", "verify", *options, str(body), env={"EIGENPAL_WEBHOOK_SECRET": SECRET})

    assert result.code == ExitCode.WEBHOOK_REFUSED
    assert int(ExitCode.WEBHOOK_REFUSED) == 7  # documented in the README and --help
    assert result.stdout == ""
    assert result.error_lines == [
        "eigenpal: error: the delivery was refused (SignatureMismatchError): none of the 1 v1 signature(s) matches "
        "the delivery under this secret"
    ]
    _never_shows_the_secret(result)


def test_a_stale_delivery_is_refused_unless_tolerance_is_lifted(body: Path, tmp_path: Path) -> None:
    headers = sign(BODY, secret=SECRET, timestamp=int(time.time()) - 3600)
    (tmp_path / "headers.json").write_text(json.dumps(headers))  # a JSON object of headers is read too
    argv = ["webhooks", "verify", "--headers", str(tmp_path / "headers.json"), str(body)]
    env = {"EIGENPAL_WEBHOOK_SECRET": SECRET}

    stale = run_cli(*argv, env=env)
    lifted = run_cli(*argv, "--no-tolerance", env=env)

    assert stale.code == ExitCode.WEBHOOK_REFUSED
    assert "StaleTimestampError" in stale.stderr
    assert "older than the tolerance of 300 s" in stale.stderr
    assert lifted.code == ExitCode.OK, lifted.stderr


def test_a_missing_header_is_named(body: Path) -> None:
    headers = sign(BODY, secret=SECRET)
    del headers["webhook-timestamp"]
    options = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]

    result = run_cli("webhooks", "verify", "--secret", SECRET, *options, str(body))

    assert result.code == ExitCode.WEBHOOK_REFUSED
    assert "MissingHeaderError): the delivery has no webhook-timestamp header" in result.stderr


def test_a_wrong_secret_is_refused_and_neither_secret_is_shown(body: Path) -> None:
    headers = sign(BODY, secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
    options = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]

    result = run_cli("webhooks", "verify", *options, str(body), env={"EIGENPAL_WEBHOOK_SECRET": SECRET})

    assert result.code == ExitCode.WEBHOOK_REFUSED
    assert "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB" not in result.stdout + result.stderr
    _never_shows_the_secret(result)


def test_without_a_secret_nothing_is_checked(body: Path) -> None:
    result = run_cli("webhooks", "sign", str(body))

    assert result.code == ExitCode.USAGE
    assert result.error_lines == ["eigenpal: error: no webhook secret: give --secret or set EIGENPAL_WEBHOOK_SECRET"]


def test_sign_json_gives_the_headers_with_the_id_and_timestamp_asked_for(body: Path) -> None:
    result = run_cli(
        "webhooks", "sign", str(body), "--secret", SECRET, "--id", "msg_fixed", "--timestamp", "1700000000", "--json"
    )

    assert result.code == ExitCode.OK, result.stderr
    assert result.json() == sign(BODY, secret=SECRET, msg_id="msg_fixed", timestamp=1700000000)
    _never_shows_the_secret(result)
