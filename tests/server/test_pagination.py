"""Cursor pagination neither repeats nor skips a run while new runs arrive."""

from __future__ import annotations

import threading
import uuid

import httpx

from eigenpal_local import LocalServer


def test_pages_under_concurrent_inserts(server: LocalServer, http: httpx.Client) -> None:
    tag = f"page-{uuid.uuid4().hex[:8]}"
    body = {"target": "agents.echo", "input": {}, "tags": [tag]}
    existing = [http.post("/v1/runs", json=body).json()["id"] for _ in range(60)]
    stop = threading.Event()
    inserted: list[str] = []

    def insert() -> None:
        with httpx.Client(
            base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}, timeout=30
        ) as writer:
            while not stop.is_set() and len(inserted) < 200:
                inserted.append(writer.post("/v1/runs", json=body).json()["id"])

    writer_thread = threading.Thread(target=insert)
    writer_thread.start()
    try:
        seen: list[str] = []
        cursor = None
        for _ in range(100):
            params: dict[str, str | int] = {"tag": tag, "limit": 7}
            if cursor is not None:
                params["cursor"] = cursor
            page = http.get("/v1/runs", params=params).json()
            seen.extend(run["id"] for run in page["runs"])
            # A run arrives between every two pages for sure, besides the writer thread's.
            inserted.append(http.post("/v1/runs", json=body).json()["id"])
            cursor = page["nextCursor"]
            if cursor is None:
                break
    finally:
        stop.set()
        writer_thread.join(30)
    assert len(inserted) >= 9, "too few runs arrived while paging"
    assert len(seen) == len(set(seen)), "a run was repeated"
    assert set(existing) <= set(seen), "a run was skipped"
    # Newest first, strictly: the ids sort with creation.
    assert seen == sorted(seen, reverse=True)


def test_limit_and_last_page(http: httpx.Client) -> None:
    tag = f"limit-{uuid.uuid4().hex[:8]}"
    ids = [http.post("/v1/runs", json={"target": "agents.echo", "tags": [tag]}).json()["id"] for _ in range(5)]
    first = http.get("/v1/runs", params={"tag": tag, "limit": 5}).json()
    assert [run["id"] for run in first["runs"]] == ids[::-1]
    assert first["nextCursor"] is None
    two = http.get("/v1/runs", params={"tag": tag, "limit": 2}).json()
    assert len(two["runs"]) == 2
    rest = http.get("/v1/runs", params={"tag": tag, "limit": 100, "cursor": two["nextCursor"]}).json()
    assert [run["id"] for run in two["runs"] + rest["runs"]] == ids[::-1]
