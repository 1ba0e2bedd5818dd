"""No run started twice against a server that, like the real API, deduplicates nothing by ``Idempotency-Key``.

Each test runs live against an in-process local server (which ignores the header by default) and counts, on the
server, the runs each call made:

- 100 ``run_and_wait`` calls through a proxy that strips every ``Idempotency-Key`` header and drops 30 % of the
  start answers after the server acted: every call completes, and no call made two runs;
- a ``run_many`` of 300 inputs killed half-way (SIGKILL, in a child process) and run again: 300 runs, none twice;
- both again against a server that keeps no tags: no call made two runs and none adopted another's run (some end
  with an error that carries their key instead).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from eigenpal_api.models.run import Run

from eigenpal_ext import EigenpalClient, EigenpalError, is_success
from eigenpal_ext._core._correlation import KEY_TAG_PREFIX, batch_tag
from eigenpal_local import LocalServer

API_KEY = "ep_exactly_once_0001"
SLEEP = "workflows.sleep"
ROOT = Path(__file__).resolve().parents[2]


class DroppingProxy(httpx.BaseTransport):
    """A proxy in front of the server: strips ``Idempotency-Key`` from every request, and for a share of the starts
    lets the server act, then drops its answer (the connection breaks after the request was handled)."""

    def __init__(self, inner: httpx.BaseTransport, *, drop_rate: float, seed: int) -> None:
        self._inner = inner
        self._drop_rate = drop_rate
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self.dropped = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers.pop("Idempotency-Key", None)
        response = self._inner.handle_request(request)
        if request.method == "POST" and request.url.path == "/v1/runs":
            response.read()  # the server acted and answered
            with self._lock:
                drop = self._random.random() < self._drop_rate
                self.dropped += drop
            if drop:
                response.close()
                raise httpx.RemoteProtocolError("the proxy dropped the answer", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


def _all_runs(server: Served) -> list[Run]:
    """Every run on the server, read in full with its input."""
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        return [client.runs.get(item.id, expand=["input"]) for item in client.runs.iter(limit=100)]


def _input_n(run: Run) -> object:
    args = run.input_.args if run.input_ is not None else None
    return args.get("n") if isinstance(args, dict) else None


class Served:
    """A running local server, and whether it keeps tags."""

    def __init__(self, server: LocalServer, keep_tags: bool) -> None:
        self.server = server
        self.base_url = server.base_url
        self.keep_tags = keep_tags


@pytest.fixture(params=[True, False], ids=["tags", "no-tags"])
def server(request: pytest.FixtureRequest) -> Iterator[Served]:
    keep_tags = bool(request.param)
    with LocalServer(api_key=API_KEY, workers=64, keep_tags=keep_tags) as running:
        yield Served(running, keep_tags)


def test_run_and_wait_through_a_proxy_that_drops_answers_makes_no_second_run(server: Served) -> None:
    proxy = DroppingProxy(httpx.HTTPTransport(), drop_rate=0.3, seed=20)
    outcomes: dict[int, Run | EigenpalError] = {}
    with (
        httpx.Client(transport=proxy) as http,
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http) as client,
    ):

        def call(n: int) -> None:
            try:
                outcomes[n] = client.run_and_wait(SLEEP, input={"seconds": 0.05, "n": n}, timeout_seconds=60)
            except EigenpalError as exc:
                outcomes[n] = exc

        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(call, range(100)))

    assert proxy.dropped >= 15  # the proxy really dropped answers (30 % of 100 starts, seeded)
    runs = _all_runs(server)
    per_input = Counter(_input_n(run) for run in runs)
    assert max(per_input.values()) == 1, "an input was started twice"
    completed = {n: outcome for n, outcome in outcomes.items() if isinstance(outcome, Run)}
    for n, run in completed.items():  # never another call's run
        assert is_success(run) and _input_n(server_run(runs, run.id)) == n
    errors = [outcome for outcome in outcomes.values() if isinstance(outcome, EigenpalError)]
    if server.keep_tags:
        assert len(completed) == 100 and len(runs) == 100
    else:
        # A server without tags cannot say whether a lost start made its run: those calls end with their key.
        assert len(completed) + len(errors) == 100
        assert all(error.idempotency_key for error in errors)
        assert all("keeps no tags" in "\n".join([str(error), *getattr(error, "__notes__", [])]) for error in errors)


def server_run(runs: list[Run], run_id: str) -> Run:
    return next(run for run in runs if run.id == run_id)


_BATCH = textwrap.dedent(
    """
    import sys
    from eigenpal_ext import EigenpalClient

    base_url, key = sys.argv[1], sys.argv[2]
    with EigenpalClient(api_key=key, base_url=base_url) as client:
        client.run_many(
            "workflows.sleep",
            [{"seconds": 0.4, "n": n} for n in range(300)],
            idempotency_key="nightly-kill-resume",
            max_in_flight=40,
            timeout_seconds=120,
        )
    """
)


def _started_runs(server: Served) -> int:
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        if server.keep_tags:
            return sum(1 for _ in client.runs.iter(tag=batch_tag("nightly-kill-resume"), limit=100))
        return sum(1 for _ in client.runs.iter(limit=100))


def test_a_batch_killed_half_way_and_run_again_makes_every_run_once(server: Served, tmp_path: Path) -> None:
    script = tmp_path / "batch.py"
    script.write_text(_BATCH)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")])}
    child = subprocess.Popen([sys.executable, str(script), server.base_url, API_KEY], env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while _started_runs(server) < 100:  # well into the batch, far from its end
            assert child.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "the batch did not get going"
            time.sleep(0.2)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    before = _all_runs(server)
    assert 100 <= len(before) < 300

    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        results = client.run_many(
            SLEEP,
            [{"seconds": 0.4, "n": n} for n in range(300)],
            idempotency_key="nightly-kill-resume",
            max_in_flight=40,
            timeout_seconds=120,
        )
    after = _all_runs(server)
    per_input = Counter(_input_n(run) for run in after)
    assert max(per_input.values()) == 1, "an input was started twice"
    if server.keep_tags:
        assert len(after) == 300
        assert all(isinstance(result, Run) and is_success(result) for result in results)
        assert [_input_n(server_run(after, result.id)) for result in results if isinstance(result, Run)] == list(
            range(300)
        )
        key_tags = Counter(tag for run in after for tag in run.tags or [] if tag.startswith(KEY_TAG_PREFIX))
        assert len(key_tags) == 300 and set(key_tags.values()) == {1}
    else:
        # No tags: nothing tells which inputs the killed call started, so none is started again.
        assert len(after) == len(before)
        assert all(isinstance(result, EigenpalError) and result.idempotency_key for result in results)


def test_a_302_download_with_a_callers_plain_http_client_returns_the_artifacts_bytes(tmp_path: Path) -> None:
    """The real API may redirect a download to short-lived storage; httpx follows nothing by default."""
    with (
        LocalServer(api_key=API_KEY, redirect_artifacts_over=0) as server,
        httpx.Client() as http,  # a caller's own client: follow_redirects=False
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http) as client,
    ):
        run = client.run_and_wait(SLEEP, input={"seconds": 0.05, "artifact_bytes": 3 * 1024 * 1024}, timeout_seconds=60)
        blob = next(artifact for artifact in run.files or [] if artifact.path.endswith("blob.bin"))
        data = client.runs.artifacts.download(run.id, blob.path)
        written = client.runs.artifacts.download(run.id, blob.path, to=tmp_path)
        assert len(data) == 3 * 1024 * 1024
        assert written.read_bytes() == data
        assert server.storage_saw_credentials == 0  # neither the key nor any other credential reached storage
