"""The receivers of docs/webhooks.md (examples/webhooks/*_receiver.py, which the page includes as they are) run as
their frameworks' users run them, with signed deliveries: a genuine one is handled once (its redelivery is not
handled again), either digest form verifies, a changed byte is refused with 400 and not handled, and a failing
handler answers 500 and its redelivery is handled.

Starlette and FastAPI go through httpx's ASGI transport (Starlette's TestClient is not used: with httpx it warns that
it is deprecated), Flask through ``app.test_client()`` and Django through ``django.test.Client``, CSRF checks on as
in a real request (the test client turns them off by default, which would hide a missing ``csrf_exempt``). Each test
loads its example afresh, so each has its own seen store.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from eigenpal_ext.webhooks import WebhookEvent, sign

ROOT = Path(__file__).resolve().parents[2]
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
URL = "/webhooks/eigenpal"

# A framework's way of posting a delivery to a loaded example: the status code it answered.
Post = Callable[[bytes, Mapping[str, str]], int]


def delivery(event_id: str = "whev_1", run_id: str = "run_1") -> bytes:
    run = {"id": run_id, "automationId": "workflows.sleep", "type": "workflow", "status": "completed", "tags": []}
    data = {"run": run, "previousStatus": "running", "currentStatus": "completed"}
    envelope = {"id": event_id, "type": "run.status_changed", "createdAt": "2026-12-06T10:00:00Z", "data": data}
    # Compact, as Eigenpal's JSON.stringify writes it: a receiver that parses and encodes again sends other bytes.
    return json.dumps(envelope, separators=(",", ":")).encode()


def load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The example module, imported afresh (its own seen store) with the secret in its environment."""
    monkeypatch.setenv("EIGENPAL_WEBHOOK_SECRET", SECRET)
    spec = importlib.util.spec_from_file_location(name, ROOT / f"examples/webhooks/{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # as an import would: Flask finds its root path through it
    spec.loader.exec_module(module)
    return module


def failing_once(receiver: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's handler raises the first time, as when its database is down, and works after."""
    handled = receiver.handle
    failures = [RuntimeError("the database is down")]

    def flaky(event: WebhookEvent) -> None:
        if failures:
            raise failures.pop()
        handled(event)

    monkeypatch.setattr(receiver, "handle", flaky)


# --- Starlette and FastAPI: ASGI apps, posted to through httpx's ASGI transport ---------------------------------


@pytest.fixture(params=["starlette_receiver", "fastapi_receiver"])
def asgi_receiver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return load(request.param, monkeypatch)


def asgi_client(receiver: ModuleType) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app), base_url="http://receiver")


@pytest.mark.asyncio
async def test_asgi_a_signed_delivery_is_handled_once(asgi_receiver: ModuleType) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    async with asgi_client(asgi_receiver) as http:
        first = await http.post(URL, content=body, headers=headers)
        again = await http.post(URL, content=body, headers=headers)  # at least once: a redelivery

    assert (first.status_code, again.status_code) == (204, 204)
    assert asgi_receiver.ended == ["run_1"]


@pytest.mark.asyncio
@pytest.mark.parametrize("digest", ["hex", "base64"])
async def test_asgi_either_digest_form_verifies(asgi_receiver: ModuleType, digest: str) -> None:
    body = delivery()
    async with asgi_client(asgi_receiver) as http:
        answer = await http.post(URL, content=body, headers=sign(body, secret=SECRET, digest=digest))

    assert answer.status_code == 204
    assert asgi_receiver.ended == ["run_1"]


@pytest.mark.asyncio
async def test_asgi_a_changed_byte_is_refused_with_400_and_not_handled(asgi_receiver: ModuleType) -> None:
    headers = sign(delivery(), secret=SECRET)
    async with asgi_client(asgi_receiver) as http:
        answer = await http.post(URL, content=delivery(run_id="run_2"), headers=headers)

    assert answer.status_code == 400
    assert asgi_receiver.ended == []


@pytest.mark.asyncio
async def test_asgi_a_failing_handler_answers_500_and_the_retry_is_handled(
    asgi_receiver: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    failing_once(asgi_receiver, monkeypatch)
    async with asgi_client(asgi_receiver) as http:
        failed = await http.post(URL, content=body, headers=headers)
        retried = await http.post(URL, content=body, headers=headers)

    assert (failed.status_code, retried.status_code) == (500, 204)
    assert asgi_receiver.ended == ["run_1"]


# --- Flask and Django: WSGI apps, posted to through each framework's own test client ----------------------------


@pytest.fixture(scope="session")
def django_settings() -> None:
    """Django's settings, configured once: they are process-wide and can be configured only once.

    What a project's settings.py would hold for this view: the CSRF middleware (so that the example's ``csrf_exempt``
    is what lets Eigenpal's deliveries through) and no database. Each test routes to its own module through
    ``override_settings(ROOT_URLCONF=...)``, which clears Django's URL caches on the way in and out.
    """
    import django  # type: ignore[import-untyped]
    from django.conf import settings  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(
            SECRET_KEY="tests/examples: not a secret",
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF=None,
            MIDDLEWARE=[
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.common.CommonMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
            ],
            INSTALLED_APPS=[],
            DATABASES={},
        )
        django.setup()


def flask_post(receiver: ModuleType) -> Iterator[Post]:
    receiver.app.testing = True  # an exception the view did not catch reaches the test, not a 500 of Flask's own
    client = receiver.app.test_client()

    def post(body: bytes, headers: Mapping[str, str]) -> int:
        return int(client.post(URL, data=body, headers=dict(headers), content_type="application/json").status_code)

    yield post


def django_post(receiver: ModuleType) -> Iterator[Post]:
    from django.test import Client, override_settings  # type: ignore[import-untyped]
    from django.urls import path  # type: ignore[import-untyped]

    urls = ModuleType("receiver_urls")  # the project's urls.py, as the example's docstring says to write it
    urls.urlpatterns = [path("webhooks/eigenpal", receiver.eigenpal_webhook)]  # type: ignore[attr-defined]
    # enforce_csrf_checks: as a real request is checked; raise_request_exception (the default) as Flask's testing.
    client = Client(enforce_csrf_checks=True)

    def post(body: bytes, headers: Mapping[str, str]) -> int:
        return int(client.post(URL, data=body, content_type="application/json", headers=dict(headers)).status_code)

    with override_settings(ROOT_URLCONF=urls):
        yield post


@pytest.fixture(params=["flask_receiver", "django_receiver"])
def wsgi_receiver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    if request.param == "django_receiver":
        request.getfixturevalue("django_settings")
    return load(request.param, monkeypatch)


@pytest.fixture
def post(wsgi_receiver: ModuleType) -> Iterator[Post]:
    if wsgi_receiver.__name__ == "flask_receiver":
        yield from flask_post(wsgi_receiver)
    else:
        yield from django_post(wsgi_receiver)


def test_wsgi_a_signed_delivery_is_handled_once(wsgi_receiver: ModuleType, post: Post) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    first = post(body, headers)
    again = post(body, headers)  # at least once: a redelivery

    assert (first, again) == (204, 204)
    assert wsgi_receiver.ended == ["run_1"]


@pytest.mark.parametrize("digest", ["hex", "base64"])
def test_wsgi_either_digest_form_verifies(wsgi_receiver: ModuleType, post: Post, digest: str) -> None:
    body = delivery()

    assert post(body, sign(body, secret=SECRET, digest=digest)) == 204
    assert wsgi_receiver.ended == ["run_1"]


def test_wsgi_a_changed_byte_is_refused_with_400_and_not_handled(wsgi_receiver: ModuleType, post: Post) -> None:
    headers = sign(delivery(), secret=SECRET)

    assert post(delivery(run_id="run_2"), headers) == 400
    assert wsgi_receiver.ended == []


def test_wsgi_a_failing_handler_answers_500_and_the_retry_is_handled(
    wsgi_receiver: ModuleType, post: Post, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    failing_once(wsgi_receiver, monkeypatch)

    assert (post(body, headers), post(body, headers)) == (500, 204)
    assert wsgi_receiver.ended == ["run_1"]
