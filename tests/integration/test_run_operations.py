"""Every runs operation beyond start, read, list, wait, cancel and rerun, against the local server, sync and async:
the trace, scores, one step, promote, the review and its corrected files, and the artifacts' ZIP export. Each
returns the generated model, bad ids are refused before any request, and a ZIP lands whole or not at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from cassette_kit import API_KEY
from eigenpal_api.models.eval_result import EvalResult
from eigenpal_api.models.promote_run_response import PromoteRunResponse
from eigenpal_api.models.run_file import RunFile
from eigenpal_api.models.run_review import RunReview
from eigenpal_api.models.run_review_detail import RunReviewDetail
from eigenpal_api.models.run_trace_event import RunTraceEvent

from eigenpal_ext import (
    APIResponseValidationError,
    AsyncEigenpalClient,
    ConflictError,
    EigenpalClient,
    InvalidArgumentError,
    NotFoundError,
    ResponseTooLargeError,
)


def _counting(base_url: str) -> tuple[EigenpalClient, list[httpx.Request]]:
    """A client that records each request it sends (to prove that a bad argument sends none)."""
    sent: list[httpx.Request] = []
    client = EigenpalClient(
        api_key=API_KEY, base_url=base_url, http_client=httpx.Client(event_hooks={"request": [sent.append]})
    )
    return client, sent


@pytest.fixture
def completed(client: EigenpalClient) -> str:
    run = client.run_and_wait("workflows.sleep", input={"seconds": 0.05, "steps": 2, "output": {"total": 3}})
    assert run.execution.status == "completed"
    return run.id


@pytest.fixture
def failed(client: EigenpalClient) -> str:
    run = client.run_and_wait("workflows.sleep", input={"seconds": 0.05, "steps": 2, "outcome": "failed"})
    return run.id


# --- trace, scores, step -----------------------------------------------------------------------------------------


def test_trace_of_a_failed_run_shows_its_steps_and_the_failure(client: EigenpalClient, failed: str) -> None:
    events = client.runs.trace(failed)

    assert events and all(isinstance(event, RunTraceEvent) for event in events)
    assert [event.phase for event in events if event.phase][:3] == ["created", "pending", "running"]
    assert events[-1].phase == "failed" and events[-1].status == "failed"
    assert {event.step_name for event in events if event.step_name} >= {"sleep-1"}


def test_scores_are_a_typed_list(client: EigenpalClient, completed: str) -> None:
    scores = client.runs.scores(completed)

    assert scores == []  # the local server has no evaluators (README: "Reviews, trace, scores")
    assert all(isinstance(score, EvalResult) for score in scores)


def test_step_gives_one_row_of_the_steps_list(client: EigenpalClient, completed: str) -> None:
    listed = client.runs.steps(completed).steps
    first = listed[0]

    step = client.runs.step(completed, first["id"])

    assert step["id"] == first["id"] and step["name"] == first["name"]
    with pytest.raises(NotFoundError):
        client.runs.step(completed, "step_nothing")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.runs.trace("a/b"), "run_id"),
        (lambda c: c.runs.scores(".."), "run_id"),
        (lambda c: c.runs.step("run_1", "x/y"), "step_execution_id"),
        (lambda c: c.runs.step("run_1", ".."), "step_execution_id"),
        (lambda c: c.runs.promote(" ", name="a"), "run_id"),
        (lambda c: c.runs.promote("run_1", name="x" * 129), "name"),
        (lambda c: c.runs.reviews.update("run_1", verdict="maybe"), "verdict"),
        (lambda c: c.runs.reviews.update("run_1", corrections=[{"kind": "cell", "path": "/a"}]), "corrections[0].kind"),
        (lambda c: c.runs.reviews.update("run_1", corrected_output={"x": float("nan")}), "corrected_output"),
        (lambda c: c.runs.reviews.expected.file.get("run_1", ".."), "filename"),
        (lambda c: c.runs.reviews.expected.file.delete("run_1", "."), "filename"),
        (lambda c: c.runs.reviews.expected.create("run_1"), "file"),
        (lambda c: c.runs.reviews.expected.create("run_1", b"x"), "filename"),
        (lambda c: c.runs.artifacts.download_zip("run\n1"), "run_id"),
    ],
)
def test_bad_arguments_are_refused_before_any_request(local_server: str, call: Any, argument: str) -> None:
    client, sent = _counting(local_server)
    with client, pytest.raises(InvalidArgumentError) as caught:
        call(client)

    assert caught.value.argument == argument
    assert sent == []


# --- promote -----------------------------------------------------------------------------------------------------


def test_promote_a_completed_run_by_name_updates_the_same_example(client: EigenpalClient, completed: str) -> None:
    first = client.runs.promote(completed, name=f"example-{completed}")
    again = client.runs.promote(completed, name=f"example-{completed}")
    unnamed = client.runs.promote(completed)

    assert isinstance(first, PromoteRunResponse)
    assert first.example_id == again.example_id and first.name == f"example-{completed}"
    assert unnamed.example_id != first.example_id
    assert first.automation_id == "wf_sleep"


def test_promote_a_failed_run_is_a_conflict(client: EigenpalClient, failed: str) -> None:
    with pytest.raises(ConflictError):
        client.runs.promote(failed, name="nope")


# --- the review and its corrected files --------------------------------------------------------------------------


def test_a_review_is_written_read_and_cleared(client: EigenpalClient, completed: str) -> None:
    assert client.runs.reviews.get(completed).review is None

    updated = client.runs.reviews.update(
        completed,
        verdict="incorrect",
        note="total is wrong",
        corrected_output={"total": 4},
        corrections=[{"kind": "field", "path": "/total", "originalValue": 3, "correctedValue": 4}],
    )
    assert isinstance(updated, RunReviewDetail) and isinstance(updated.review, RunReview)
    assert updated.review.status == "open" and updated.review.note == "total is wrong"

    # Left out, the corrections and corrected output stay; the verdict is replaced.
    closed = client.runs.reviews.update(completed, verdict="correct")
    assert isinstance(closed.review, RunReview)
    assert closed.review.status == "closed" and closed.review.corrected_output == {"total": 4}
    assert [correction.path for correction in closed.review.corrections] == ["/total"]

    read = client.runs.reviews.get(completed).review
    assert isinstance(read, RunReview) and read.id == closed.review.id

    cleared = client.runs.reviews.clear(completed)
    assert cleared.review is None and client.runs.reviews.clear(completed).review is None  # safe to repeat


def test_corrected_files_are_uploaded_copied_renamed_downloaded_and_deleted(
    client: EigenpalClient, completed: str, tmp_path: Path
) -> None:
    source = tmp_path / "fixed.json"
    source.write_bytes(b'{"total": 4}')
    expected = client.runs.reviews.expected

    uploaded = expected.create(completed, source)
    from_bytes = expected.create(completed, b"raw", filename="notes.txt", name="notes/a.txt")
    copied = expected.create(completed, output_file_name="result.json", name="copied.json")
    assert (uploaded.name, from_bytes.name, copied.name) == ("fixed.json", "notes/a.txt", "copied.json")
    assert all(isinstance(item, RunFile) for item in expected.get(completed))

    renamed = expected.file.update(completed, "fixed.json", name="final.json")
    assert renamed.name == "final.json"
    assert expected.file.get(completed, "final.json") == b'{"total": 4}'
    assert expected.file.get(completed, "notes/a.txt") == b"raw"  # a slash-delimited name, sent as one segment
    saved = expected.file.get(completed, "notes/a.txt", to=tmp_path / "out")
    assert saved == tmp_path / "out" / "notes" / "a.txt" and saved.read_bytes() == b"raw"

    expected.file.delete(completed, "final.json")
    assert sorted(item.name for item in expected.get(completed)) == ["copied.json", "notes/a.txt"]
    with pytest.raises(NotFoundError):
        expected.file.get(completed, "final.json")
    with pytest.raises(NotFoundError):
        expected.create(completed, output_file_name="no-such-output.json")


# --- the artifacts' ZIP ------------------------------------------------------------------------------------------


def test_a_zip_download_lands_whole(client: EigenpalClient, completed: str, tmp_path: Path) -> None:
    target = tmp_path / "made" / "here" / "run.zip"

    saved = client.runs.artifacts.download_zip(completed, to=target)

    assert saved == target
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["result.json"]
        assert b'"total":3' in archive.read("result.json").replace(b" ", b"")
    assert [path.name for path in target.parent.iterdir()] == ["run.zip"]  # no temporary file left beside it
    into_folder = client.runs.artifacts.download_zip(completed, to=tmp_path)
    assert into_folder == tmp_path / f"{completed}.zip"


def test_the_review_bundle_zip_has_output_and_expected(client: EigenpalClient, completed: str) -> None:
    client.runs.reviews.expected.create(completed, b'{"total": 4}', filename="result.json")

    archive = zipfile.ZipFile(io.BytesIO(client.runs.artifacts.download_zip(completed, review=True)))

    assert sorted(archive.namelist()) == ["expected/", "expected/result.json", "output/result.json"]
    assert archive.read("expected/result.json") == b'{"total": 4}'


def test_a_zip_over_max_bytes_leaves_no_file(client: EigenpalClient, completed: str, tmp_path: Path) -> None:
    target = tmp_path / "new" / "run.zip"

    with pytest.raises(ResponseTooLargeError):
        client.runs.artifacts.download_zip(completed, to=target, max_bytes=10)

    assert not (tmp_path / "new").exists()


def test_a_large_zip_is_followed_to_storage_without_the_key(tmp_path: Path) -> None:
    from eigenpal_local import LocalServer

    with LocalServer(api_key=API_KEY, port=0, redirect_artifacts_over=0) as server:
        with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
            run = client.run_and_wait("workflows.sleep", input={"seconds": 0, "artifact_bytes": 200_000})
            saved = client.runs.artifacts.download_zip(run.id, to=tmp_path / "big.zip")
        with zipfile.ZipFile(saved) as archive:
            assert archive.read("blob.bin") == bytes(range(256)) * 781 + bytes(range(64))
        assert server.storage_saw_credentials == 0


# --- answers about another run ------------------------------------------------------------------------------------


def _answering(body: bytes) -> EigenpalClient:
    """A client whose every request is answered 200 with ``body`` (JSON)."""
    answer = httpx.Response(200, content=body, headers={"content-type": "application/json"})
    transport = httpx.MockTransport(lambda request: answer)
    return EigenpalClient(api_key=API_KEY, base_url="http://127.0.0.1:9", http_client=httpx.Client(transport=transport))


def test_scores_about_another_run_are_refused() -> None:
    score = (
        b'{"scores": [{"id": "s1", "runId": "run_other", "automationId": null, "evaluatorName": "e", '
        b'"evaluatorType": "t", "score": 1, "passed": true, "label": null, "weight": null, "passThreshold": null, '
        b'"description": null, "details": null, "error": null, "createdAt": "2026-01-01T00:00:00Z"}]}'
    )
    with _answering(score) as client, pytest.raises(APIResponseValidationError, match="run_asked"):
        client.runs.scores("run_asked")


def test_a_zip_answer_that_is_not_a_zip_keeps_nothing(tmp_path: Path) -> None:
    with _answering(b'{"artifacts": []}') as client, pytest.raises(APIResponseValidationError, match="PK"):
        client.runs.artifacts.download_zip("run_1", to=tmp_path / "x.zip")
    assert list(tmp_path.iterdir()) == []


# --- async -------------------------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_async_client_has_every_operation(async_client: AsyncEigenpalClient, tmp_path: Path) -> None:
    run = await async_client.run_and_wait("workflows.sleep", input={"seconds": 0.05, "steps": 1})
    runs = async_client.runs

    assert all(isinstance(event, RunTraceEvent) for event in await runs.trace(run.id))
    assert await runs.scores(run.id) == []
    step_id = (await runs.steps(run.id)).steps[0]["id"]
    assert (await runs.step(run.id, step_id))["id"] == step_id
    assert isinstance(await runs.promote(run.id, name=f"async-{run.id}"), PromoteRunResponse)
    review = await runs.reviews.update(run.id, verdict="correct", note="fine")
    assert isinstance(review.review, RunReview) and review.review.status == "closed"
    assert (await runs.reviews.get(run.id)).review is not None
    created = await runs.reviews.expected.create(run.id, b"{}", filename="a.json")
    assert created.name == "a.json"
    assert [item.name for item in await runs.reviews.expected.get(run.id)] == ["a.json"]
    assert await runs.reviews.expected.file.get(run.id, "a.json") == b"{}"
    assert (await runs.reviews.expected.file.update(run.id, "a.json", name="b.json")).name == "b.json"
    await runs.reviews.expected.file.delete(run.id, "b.json")
    assert (await runs.reviews.clear(run.id)).review is None
    saved = await runs.artifacts.download_zip(run.id, to=tmp_path / "a.zip")
    with zipfile.ZipFile(saved) as archive:
        assert archive.namelist() == ["result.json"]
    with pytest.raises(InvalidArgumentError):
        await runs.step(run.id, "a/b")
