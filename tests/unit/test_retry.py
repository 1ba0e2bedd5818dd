"""The pure retry decisions: backoff, Retry-After parsing, what is retried, the budget, the per-call tracker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ServerError,
)
from eigenpal_ext._core._retry import (
    MAX_RETRY_AFTER_SECONDS,
    CallBudget,
    CallSpec,
    Decision,
    RetryBudget,
    RetryTracker,
    Verdict,
    backoff_delay,
    is_transient,
    made_nothing,
    parse_retry_after,
    retry_delay,
    server_delay,
)

NOW = datetime(2026, 11, 21, 5, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("retry_number", "rand", "expected"),
    [(0, 0.0, 0.5), (1, 0.0, 1.0), (2, 0.0, 2.0), (4, 0.0, 8.0), (9, 0.0, 8.0), (500, 0.0, 8.0), (0, 1.0, 0.375)],
)
def test_backoff_is_exponential_capped_and_jittered_down_by_at_most_a_quarter(
    retry_number: int, rand: float, expected: float
) -> None:
    assert backoff_delay(retry_number, rand) == pytest.approx(expected)


def test_the_wait_before_a_retry_is_the_backoff_or_the_servers_longer_retry_after_capped() -> None:
    plain = APIConnectionError("reset")
    assert [retry_delay(plain, n, 0.0) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert retry_delay(plain, 0, 0.999) == pytest.approx(0.375, abs=1e-3)
    assert retry_delay(RateLimitError(429, retry_after=7.0), 0, 0.0) == 7.0
    assert retry_delay(ServerError(503, retry_after=3600.0), 0, 0.0) == MAX_RETRY_AFTER_SECONDS
    # A server can lengthen the wait, never shorten it: Retry-After 0 or 0.1 on the third retry still waits 2 s.
    assert retry_delay(RateLimitError(429, retry_after=0.0), 2, 0.0) == 2.0
    assert retry_delay(RateLimitError(429, retry_after=0.1), 2, 0.0) == 2.0
    assert retry_delay(RateLimitError(429, retry_after=3.0), 2, 0.0) == 3.0


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (None, 0.5),  # not said: the floor
        (0.0, 0.5),
        (-0.0, 0.5),
        (-5.0, 0.5),
        (1e-9, 0.5),
        (float("nan"), 0.5),
        (0.5, 0.5),
        (2.5, 2.5),  # longer than the floor: the server's word
        (1e12, MAX_RETRY_AFTER_SECONDS),
        (float("inf"), MAX_RETRY_AFTER_SECONDS),
    ],
)
def test_every_server_delay_is_floored_by_the_clients_own_and_capped(asked: float | None, expected: float) -> None:
    assert server_delay(asked, 0.5) == expected


def test_a_floor_above_the_cap_is_capped_too() -> None:
    assert server_delay(None, 1e6) == MAX_RETRY_AFTER_SECONDS


@given(
    asked=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    retry_number=st.integers(min_value=0, max_value=1000),
    rand=st.floats(min_value=0.0, max_value=0.999999),
)
def test_no_server_delay_is_shorter_than_the_backoff_or_longer_than_the_cap(
    asked: float | None, retry_number: int, rand: float
) -> None:
    delay = retry_delay(ServerError(503, retry_after=asked), retry_number, rand)
    assert backoff_delay(retry_number, rand) <= delay <= MAX_RETRY_AFTER_SECONDS


@pytest.mark.parametrize(
    "headers",
    [{"Retry-After": "0"}, {"Retry-After": "-0"}, {"Retry-After-Ms": "0"}, {"Retry-After-Ms": "-0"},
     {"Retry-After": "-3"}, {"Retry-After": "0.001"}, {"Retry-After-Ms": "1"}, {"Retry-After": "NaN"},
     {"Retry-After": format_datetime(NOW, usegmt=True)}],
)  # fmt: skip
def test_a_wait_retrying_until_its_deadline_backs_off_whatever_the_server_says(headers: dict[str, str]) -> None:
    """The storm of issue 21: each of these used to mean "at once", forever."""
    error = RateLimitError(429, retry_after=parse_retry_after(httpx.Headers(headers), NOW))
    tracker = RetryTracker(spec=CallSpec("GET"), max_retries=None, rand=lambda: 0.0)
    delays = [tracker.after_failure(error, time_left=1000).delay for _ in range(6)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_a_call_budget_allows_a_burst_of_failures_then_a_few_a_second() -> None:
    budget = CallBudget(capacity=20, refill_per_second=4)
    assert budget.pause(now=100.0) == 0.0
    budget.spend(20, now=100.0)
    assert budget.pause(now=100.0) == 0.0  # the burst is spent, not overdrawn
    budget.spend(50, now=100.0)  # one look of 50 failed reads: in debt
    assert budget.pause(now=100.0) == pytest.approx(12.5)
    assert budget.pause(now=110.0) == pytest.approx(2.5)  # time pays the debt back
    assert budget.pause(now=113.0) == 0.0
    budget.spend(0, now=1000.0)
    assert budget.tokens == 20  # never above capacity
    budget.spend(1, now=999.0)  # a clock that goes back refills nothing
    assert budget.tokens == 19


def test_a_call_budget_for_a_fan_out_forgives_one_failed_try_of_it() -> None:
    budget = CallBudget.for_fan_out(50)
    budget.spend(50, now=0.0)
    assert budget.pause(now=0.0) == 0.0
    budget.spend(50, now=0.5)
    assert budget.pause(now=0.5) == pytest.approx((30 - 0.5 * 4) / 4)


def test_a_call_budget_bounds_failed_requests_by_burst_plus_rate_times_time() -> None:
    budget = CallBudget()
    now, sent = 0.0, 0
    while True:  # a caller that sends 50 failed requests each time the budget lets it, for 10 s
        now += budget.pause(now) or 0.1
        if now >= 10.0:
            break
        sent += 50
        budget.spend(50, now)
    assert sent == 100  # the burst's 20 and 4 a second cover two fan-outs of 50 in 10 s, not a hundred
    assert sent <= budget.capacity + budget.refill_per_second * 10.0 + 50


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (APIConnectionError("reset"), True),
        (APITimeoutError("read timeout"), True),
        (ServerError(503), True),
        (ServerError(500), True),
        (ServerError(520), True),
        (RateLimitError(429), True),
        (APIError(408), True),
        (NotFoundError(404), False),
        (AuthenticationError(401), False),
        (APIError(400), False),
        (APIError(499), False),
        (ValueError("bad"), False),
    ],
)
def test_transient_errors_are_told_apart(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


def _headers(**values: str) -> httpx.Headers:
    return httpx.Headers({name.replace("_", "-"): value for name, value in values.items()})


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (_headers(retry_after="3"), 3.0),
        (_headers(retry_after="0.5"), 0.5),
        (_headers(retry_after_ms="1500"), 1.5),
        (_headers(retry_after_ms="1500", retry_after="9"), 1.5),  # -ms wins
        (_headers(retry_after_ms="soon", retry_after="9"), 9.0),  # unparseable -ms falls back
        (_headers(retry_after="-1"), None),
        (_headers(retry_after_ms="-100"), None),
        (_headers(retry_after="garbage"), None),
        (_headers(retry_after="nan"), None),
        (_headers(retry_after="inf"), None),
        (_headers(retry_after="3600"), MAX_RETRY_AFTER_SECONDS),  # capped
        (_headers(retry_after=format_datetime(NOW + timedelta(seconds=7), usegmt=True)), 7.0),
        (_headers(retry_after=format_datetime(NOW - timedelta(seconds=7), usegmt=True)), None),  # in the past
        (_headers(retry_after=format_datetime(NOW + timedelta(hours=2), usegmt=True)), MAX_RETRY_AFTER_SECONDS),
        (_headers(), None),
    ],
)
def test_retry_after_forms(headers: httpx.Headers, expected: float | None) -> None:
    assert parse_retry_after(headers, NOW) == (pytest.approx(expected) if expected is not None else None)


def _api(status: int) -> APIError:
    from eigenpal_ext._core._errors import api_error_class

    return api_error_class(status)(status)


NEVER_SENT = APIConnectionError("refused", request_sent=False)


@pytest.mark.parametrize(
    ("method", "outcome", "creates", "idempotent", "verdict"),
    [
        ("GET", 500, False, None, Verdict.RETRY),
        ("GET", 502, False, None, Verdict.RETRY),
        ("GET", 503, False, None, Verdict.RETRY),
        ("GET", 520, False, None, Verdict.RETRY),
        ("GET", 408, False, None, Verdict.RETRY),
        ("GET", 429, False, None, Verdict.RETRY),
        ("GET", 400, False, None, Verdict.RAISE),
        ("GET", 401, False, None, Verdict.RAISE),
        ("GET", 404, False, None, Verdict.RAISE),
        ("GET", 409, False, None, Verdict.RAISE),
        ("GET", 422, False, None, Verdict.RAISE),
        ("GET", 499, False, None, Verdict.RAISE),
        ("PUT", 503, False, None, Verdict.RETRY),
        ("DELETE", 503, False, None, Verdict.RETRY),
        ("POST", 503, False, None, Verdict.RAISE),  # a POST that is not known to be safe could act twice
        ("POST", 503, False, True, Verdict.RETRY),  # idempotent by contract (cancel)
        ("GET", APIConnectionError("reset"), False, None, Verdict.RETRY),
        ("GET", APITimeoutError("slow"), False, None, Verdict.RETRY),
        ("POST", APIConnectionError("reset"), False, None, Verdict.RAISE),
        # a start: sent again at once only after what proves it made nothing; else look for its run first
        ("POST", NEVER_SENT, True, None, Verdict.RETRY),
        ("POST", 429, True, None, Verdict.RETRY),
        ("POST", 503, True, None, Verdict.LOOK_FIRST),
        ("POST", 500, True, None, Verdict.LOOK_FIRST),
        ("POST", APIConnectionError("reset"), True, None, Verdict.LOOK_FIRST),
        ("POST", APITimeoutError("slow"), True, None, Verdict.LOOK_FIRST),
        ("POST", 400, True, None, Verdict.RAISE),
    ],
)
def test_what_is_retried(
    method: str, outcome: int | APIConnectionError, creates: bool, idempotent: bool | None, verdict: Verdict
) -> None:
    error = _api(outcome) if isinstance(outcome, int) else outcome
    spec = CallSpec(method, creates=creates, idempotent=idempotent)
    tracker = RetryTracker(spec=spec, max_retries=2, rand=lambda: 0.0, can_look=True)
    assert tracker.after_failure(error).verdict is verdict


def test_a_start_that_cannot_look_for_its_run_is_not_sent_again_after_an_unproven_failure() -> None:
    def blind() -> RetryTracker:
        return RetryTracker(spec=CallSpec("POST", creates=True), max_retries=2, rand=lambda: 0.0, can_look=False)

    assert blind().after_failure(ServerError(503)).verdict is Verdict.RAISE
    assert blind().after_failure(APITimeoutError("slow")).verdict is Verdict.RAISE
    assert blind().after_failure(APIConnectionError("reset")).verdict is Verdict.RAISE
    assert blind().after_failure(NEVER_SENT).verdict is Verdict.RETRY  # still safe: nothing was made
    assert blind().after_failure(RateLimitError(429)).verdict is Verdict.RETRY


def test_made_nothing_only_for_what_proves_it() -> None:
    assert made_nothing(NEVER_SENT)
    assert made_nothing(RateLimitError(429))
    assert not made_nothing(APIConnectionError("reset after the request was written"))
    assert not made_nothing(APITimeoutError("read timed out"))
    assert not made_nothing(ServerError(503))
    assert not made_nothing(ServerError(500))


def test_attempts_are_bounded_by_max_retries() -> None:
    tracker = RetryTracker(spec=CallSpec("GET"), max_retries=2, rand=lambda: 0.0)
    assert tracker.after_failure(ServerError(503)) == Decision(Verdict.RETRY, 0.5)
    assert tracker.after_failure(ServerError(503)) == Decision(Verdict.RETRY, 1.0)
    assert tracker.after_failure(ServerError(503)).verdict is Verdict.RAISE
    assert RetryTracker(spec=CallSpec("GET"), max_retries=0).after_failure(ServerError(503)).verdict is Verdict.RAISE


def test_the_servers_longer_retry_after_replaces_the_backoff() -> None:
    tracker = RetryTracker(spec=CallSpec("GET"), max_retries=2, rand=lambda: 0.0)
    assert tracker.after_failure(RateLimitError(429, retry_after=4.0)) == Decision(Verdict.RETRY, 4.0)
    assert tracker.after_failure(RateLimitError(429, retry_after=0.0)) == Decision(Verdict.RETRY, 1.0)


def test_budget_runs_dry_and_successes_refill_it() -> None:
    budget = RetryBudget(capacity=20, retry_cost=5, timeout_cost=10, success_refund=1)
    assert budget.acquire(ServerError(503))
    assert budget.acquire(APITimeoutError("slow"))
    assert budget.available == 5
    assert not budget.acquire(APITimeoutError("slow"))  # needs 10
    assert budget.acquire(ServerError(503))
    assert not budget.acquire(ServerError(503))
    assert budget.available == 0
    for _ in range(30):
        budget.refund()
    assert budget.available == 20  # never above capacity


def _tracker(spec: CallSpec, budget: RetryBudget | None = None) -> RetryTracker:
    return RetryTracker(spec=spec, max_retries=2, budget=budget or RetryBudget(), rand=lambda: 0.0)


def test_no_retry_is_made_whose_wait_would_reach_the_deadline() -> None:
    tracker = _tracker(CallSpec("GET"))
    assert tracker.after_failure(ServerError(503, retry_after=5.0), time_left=5.5) == Decision(Verdict.RETRY, 5.0)
    late = tracker.after_failure(ServerError(503, retry_after=5.0), time_left=4.9)
    assert late == Decision(Verdict.OUT_OF_TIME, 5.0)
    assert (
        _tracker(CallSpec("GET")).after_failure(APITimeoutError("slow"), time_left=0.0).verdict is Verdict.OUT_OF_TIME
    )
    # an error that is not worth a retry is raised as it is, whatever the time
    assert _tracker(CallSpec("GET")).after_failure(NotFoundError(404), time_left=0.0).verdict is Verdict.RAISE


def test_a_call_that_retries_until_its_deadline_has_no_count_and_no_budget_but_backs_off() -> None:
    tracker = RetryTracker(spec=CallSpec("POST", creates=True), max_retries=None, rand=lambda: 0.0, can_look=True)
    decisions = [tracker.after_failure(ServerError(503), time_left=1000) for _ in range(8)]
    assert [decision.delay for decision in decisions] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    assert {decision.verdict for decision in decisions} == {Verdict.LOOK_FIRST}
    tracker.after_success()
    assert tracker.after_failure(ServerError(503), time_left=1000) == Decision(Verdict.LOOK_FIRST, 0.5)
    assert tracker.after_failure(NEVER_SENT, time_left=1000) == Decision(Verdict.RETRY, 1.0)
    one_shot = RetryTracker(spec=CallSpec("POST", creates=True, max_retries=0), max_retries=None, can_look=True)
    assert one_shot.after_failure(ServerError(503)).verdict is Verdict.RAISE  # a stream that cannot be sent twice


def test_tracker_retries_then_raises() -> None:
    tracker = _tracker(CallSpec("GET"))
    assert tracker.after_failure(ServerError(503)).verdict is Verdict.RETRY
    assert tracker.after_failure(ServerError(503)).verdict is Verdict.RETRY
    assert tracker.after_failure(ServerError(503)).verdict is Verdict.RAISE


def test_tracker_stops_when_the_budget_is_empty() -> None:
    tracker = _tracker(CallSpec("GET"), RetryBudget(capacity=4))
    assert tracker.after_failure(ServerError(503)).verdict is Verdict.RAISE


def test_tracker_call_limit_overrides_the_clients() -> None:
    spec = CallSpec("POST", creates=True, max_retries=0)
    tracker = RetryTracker(spec=spec, max_retries=2, budget=RetryBudget(), rand=lambda: 0.0, can_look=True)
    assert tracker.after_failure(NEVER_SENT).verdict is Verdict.RAISE  # safe to send again, but the call says no


def test_a_404_on_a_retried_delete_is_done_only_after_a_lost_answer() -> None:
    first = _tracker(CallSpec("DELETE", gone_means_done=True))
    assert first.after_failure(NotFoundError(404)).verdict is Verdict.RAISE

    after_error_answer = _tracker(CallSpec("DELETE", gone_means_done=True))
    after_error_answer.after_failure(ServerError(503))
    assert after_error_answer.after_failure(NotFoundError(404)).verdict is Verdict.RAISE

    after_lost = _tracker(CallSpec("DELETE", gone_means_done=True))
    after_lost.after_failure(APIConnectionError("reset"))
    assert after_lost.after_failure(NotFoundError(404)).verdict is Verdict.DONE

    not_a_delete = _tracker(CallSpec("GET"))
    not_a_delete.after_failure(APIConnectionError("reset"))
    assert not_a_delete.after_failure(NotFoundError(404)).verdict is Verdict.RAISE


def test_conflict_is_never_retried() -> None:
    assert _tracker(CallSpec("PUT")).after_failure(ConflictError(409)).verdict is Verdict.RAISE


@given(ms=st.one_of(st.none(), st.text(max_size=12)), seconds=st.one_of(st.none(), st.text(max_size=40)))
def test_retry_after_is_never_negative_nor_above_the_cap(ms: str | None, seconds: str | None) -> None:
    raw = {name: value for name, value in (("retry-after-ms", ms), ("retry-after", seconds)) if value is not None}
    try:
        headers = httpx.Headers(raw)
    except (UnicodeEncodeError, ValueError):
        return
    delay = parse_retry_after(headers, NOW)
    assert delay is None or 0 <= delay <= MAX_RETRY_AFTER_SECONDS
