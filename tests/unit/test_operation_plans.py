"""The plans of a run's other operations (trace, scores, step, promote, review, corrected files, ZIP), and which of
them are retried: the reads and the idempotent writes, never a write that could make something twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from clientkit import MakeHarness, Script, reply

from eigenpal_ext import InvalidArgumentError, ServerError
from eigenpal_ext._core import _operation_plans as run_ops
from eigenpal_ext._transport import _download_plans as downloads

REVIEW = {"review": None}
FILE = {"name": "a.json"}
EXAMPLE = {"automationId": "wf_1", "automationType": "workflow", "exampleId": "ex_1", "name": "n"}


def test_reads_retry_and_writes_that_could_repeat_a_thing_do_not() -> None:
    assert run_ops.plan_run_read("run_1").spec.repeatable
    assert run_ops.plan_step("run_1", "step_1").spec.repeatable
    assert run_ops.plan_promote("run_1", "named").spec.repeatable  # creates or updates that one example
    assert not run_ops.plan_promote("run_1", None).spec.repeatable  # each makes a new example
    assert run_ops.plan_review_update(
        "run_1", verdict=None, status=None, note=None, corrected_output=run_ops.UNCHANGED,
        corrections=run_ops.UNCHANGED,
    ).spec.repeatable  # fmt: skip
    assert run_ops.plan_review_clear("run_1").spec.repeatable
    assert not run_ops.plan_expected_copy("run_1", "out.json", None).spec.repeatable
    assert not run_ops.plan_expected_rename("run_1", "a", "b").spec.repeatable
    delete = run_ops.plan_expected_delete("run_1", "a").spec
    assert delete.repeatable and delete.gone_means_done


def test_review_body_leaves_out_what_is_unchanged_and_sends_none_to_clear() -> None:
    def body(**changes: Any) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "verdict": None, "status": None, "note": None, "corrected_output": run_ops.UNCHANGED,
            "corrections": run_ops.UNCHANGED, **changes,
        }  # fmt: skip
        result: dict[str, Any] = run_ops.plan_review_update("run_1", **arguments).kwargs["body"].to_dict()
        return result

    assert body() == {}
    assert body(corrected_output=None, corrections=None) == {"correctedOutput": None, "corrections": []}
    sent = body(verdict="incorrect", status="wont_fix", note="", corrections=[{"kind": "file", "path": "out/a.pdf"}])
    assert sent == {"verdict": "incorrect", "status": "wont_fix", "note": "", "corrections": [
        {"kind": "file", "path": "out/a.pdf"}]}  # fmt: skip


@pytest.mark.parametrize(
    ("corrections", "argument"),
    [
        ("not a list", "corrections"),
        ([{"kind": "field"}], "corrections[0].path"),
        ([{"kind": "field", "path": "/a", "colour": 1}], "corrections[0]"),
        ([{"kind": "field", "path": "/a", "note": 3}], "corrections[0].note"),
        ([{"kind": "field", "path": "/a", "correctedValue": {1, 2}}], "corrections[0].correctedValue"),
    ],
)
def test_bad_corrections_name_the_field(corrections: Any, argument: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        run_ops.plan_review_update(
            "run_1", verdict=None, status=None, note=None, corrected_output=run_ops.UNCHANGED, corrections=corrections
        )
    assert caught.value.argument == argument


def test_filenames_keep_their_slashes_and_step_ids_do_not() -> None:
    assert run_ops.check_filename("dir/a.json") == "dir/a.json"
    assert downloads.plan_expected_download("run 1", "dir/a b.json", to=None, max_bytes=None).url == (
        "/v1/runs/run%201/reviews/expected/dir%2Fa%20b.json"
    )
    for bad in ("a/b", "a\\b", "..", "", "x\x00"):
        with pytest.raises(InvalidArgumentError):
            run_ops.check_step_id(bad)


def test_zip_plan_asks_for_the_bundle_and_names_the_file(tmp_path: Path) -> None:
    plain = downloads.plan_zip_download("run_1", to=None, review=False, max_bytes=None)
    bundle = downloads.plan_zip_download("run_1", to=tmp_path, review=True, max_bytes=5)

    assert plain.url == "/v1/runs/run_1/artifacts?zip=1" and plain.target is None
    assert bundle.url == "/v1/runs/run_1/artifacts?zip=1&bundle=review"
    assert bundle.target == tmp_path / "run_1.zip"
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InvalidArgumentError) as caught:  # refused before any request: no folder can be made there
        downloads.plan_zip_download("run_1", to=tmp_path / "a-file" / "run.zip", review=False, max_bytes=None)
    assert caught.value.argument == "to"


def test_upload_source_names_what_it_sends(tmp_path: Path) -> None:
    path = tmp_path / "fixed.json"
    path.write_bytes(b"{}")

    assert run_ops.upload_source(path, None) == (path, "fixed.json")
    assert run_ops.upload_source(b"x", "n.txt") == (b"x", "n.txt")
    for bad, argument in ((tmp_path / "missing", "file"), (b"x", "filename"), (3, "file")):
        with pytest.raises(InvalidArgumentError) as caught:
            run_ops.upload_source(bad, None)  # type: ignore[arg-type]
        assert caught.value.argument == argument


# --- retries on the wire, sync and async --------------------------------------------------------------------------


def test_a_named_promote_and_a_review_update_are_retried(make_harness: MakeHarness) -> None:
    server = Script(reply(503), reply(200, EXAMPLE), reply(503), reply(200, REVIEW))
    harness = make_harness(server)

    harness.call(lambda client: client.runs.promote("run_1", name="n"))
    harness.call(lambda client: client.runs.reviews.update("run_1", note="x"))

    assert [request.method for request in server.requests] == ["POST", "POST", "PUT", "PUT"]
    assert json.loads(server.requests[0].content) == {"name": "n"}


@pytest.mark.parametrize(
    "call",
    [
        lambda client: client.runs.promote("run_1"),
        lambda client: client.runs.reviews.expected.create("run_1", output_file_name="out.json"),
        lambda client: client.runs.reviews.expected.create("run_1", b"x", filename="a.json"),
        lambda client: client.runs.reviews.expected.file.update("run_1", "a.json", name="b.json"),
    ],
)
def test_writes_that_could_repeat_a_thing_are_sent_once(make_harness: MakeHarness, call: Any) -> None:
    server = Script(reply(503), then=reply(200, FILE))
    harness = make_harness(server)

    with pytest.raises(ServerError):
        harness.call(call)

    assert len(server.requests) == 1


def test_a_corrected_file_delete_whose_answer_was_lost_is_done(make_harness: MakeHarness) -> None:
    server = Script(httpx.ReadError("connection reset"), reply(404, {"issues": [], "requestId": "r"}))
    harness = make_harness(server)

    harness.call(lambda client: client.runs.reviews.expected.file.delete("run_1", "dir/a.json"))

    assert server.requests[0].url.raw_path == b"/v1/runs/run_1/reviews/expected/dir%2Fa.json"
