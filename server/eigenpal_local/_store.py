"""The durable store: SQLite through the standard library, written from the event loop's thread only.

The engine keeps every run in memory for reads and tells the store what changed. Changes are gathered and committed
together a moment later (`schedule_commit`; the engine uses 20 ms), so a burst of state changes costs one commit and
a run changed many times in that moment is written once; a new run is committed before its creation is answered
(`commit`), so a run that a client has heard of survives a crash. A crash can lose at most the last moment of
progress, and a run whose progress was lost is simply started over on the next start.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    run_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS artifacts (
    run_id TEXT NOT NULL,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    step_name TEXT,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (run_id, path)
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_run ON events (run_id, id);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    run_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
"""


@dataclass(frozen=True)
class StoredArtifact:
    """An artifact's description, without its bytes."""

    path: str
    name: str
    role: str
    step_name: str | None
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class StoredRun:
    """One run as the store holds it."""

    run_id: str
    data: dict[str, Any]
    input: dict[str, Any]
    artifacts: list[StoredArtifact]
    events: list[dict[str, Any]]


@dataclass(frozen=True)
class StoredIdempotencyKey:
    """An idempotency key and the run it started."""

    scope: str
    key: str
    fingerprint: str
    run_id: str
    created_ms: int


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Store:
    """SQLite tables for runs, inputs, artifacts, events and idempotency keys."""

    def __init__(self, path: str | None) -> None:
        """Opens (and creates) the database.

        Args:
            path: The database file; None keeps everything in memory for the life of the server.
        """
        self._db = sqlite3.connect(path or ":memory:", isolation_level=None)
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL survives a killed process (only a power cut can lose the last commits).
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._in_transaction = False
        self._closed = False
        self._dirty_runs: dict[str, Callable[[], tuple[int, int, str, dict[str, Any]]]] = {}
        self._pending_events: list[tuple[str, dict[str, Any]]] = []
        self._pending_artifacts: dict[tuple[str, str], tuple[StoredArtifact, bytes]] = {}
        self._commit_scheduler: Callable[[Callable[[], None]], object] | None = None
        self._commit_scheduled = False

    def set_commit_scheduler(self, scheduler: Callable[[Callable[[], None]], object]) -> None:
        """Sets how a deferred commit is scheduled (the event loop's `call_later` with a short delay)."""
        self._commit_scheduler = scheduler

    def _begin(self) -> None:
        if not self._in_transaction:
            self._db.execute("BEGIN")
            self._in_transaction = True

    def schedule_commit(self) -> None:
        """Commits soon, together with every other change made until then."""
        if self._commit_scheduler is None:
            self.commit()
            return
        if not self._commit_scheduled:
            self._commit_scheduled = True
            self._commit_scheduler(self.commit)

    def commit(self) -> None:
        """Writes the runs marked dirty and commits everything pending."""
        self._commit_scheduled = False
        if self._closed:
            return
        if self._pending_events:
            self._begin()
            events, self._pending_events = self._pending_events, []
            self._db.executemany(
                "INSERT INTO events (run_id, data) VALUES (?, ?)", [(run_id, _dumps(event)) for run_id, event in events]
            )
        if self._pending_artifacts:
            self._begin()
            artifacts, self._pending_artifacts = self._pending_artifacts, {}
            self._db.executemany(
                "INSERT OR REPLACE INTO artifacts"
                " (run_id, path, name, role, step_name, content_type, size, sha256, content)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        artifact.path,
                        artifact.name,
                        artifact.role,
                        artifact.step_name,
                        artifact.content_type,
                        artifact.size,
                        artifact.sha256,
                        content,
                    )
                    for (run_id, _), (artifact, content) in artifacts.items()
                ],
            )
        if self._dirty_runs:
            self._begin()
            dirty, self._dirty_runs = self._dirty_runs, {}
            rows = []
            for run_id, snapshot in dirty.items():
                seq, created_ms, status, data = snapshot()
                rows.append((run_id, seq, created_ms, status, _dumps(data)))
            self._db.executemany(
                "INSERT INTO runs (id, seq, created_ms, status, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET status = excluded.status, data = excluded.data",
                rows,
            )
        if self._in_transaction:
            self._db.execute("COMMIT")
            self._in_transaction = False

    def mark_run(self, run_id: str, snapshot: Callable[[], tuple[int, int, str, dict[str, Any]]]) -> None:
        """Marks a run changed; `snapshot` gives (seq, created_ms, status, data) when the change is written."""
        self._dirty_runs[run_id] = snapshot
        self.schedule_commit()

    def put_input(self, run_id: str, run_input: dict[str, Any]) -> None:
        """Stores a run's input (file inputs by their description; the bytes are input artifacts)."""
        self._begin()
        self._db.execute("INSERT OR REPLACE INTO inputs (run_id, data) VALUES (?, ?)", (run_id, _dumps(run_input)))
        self.schedule_commit()

    def put_artifact(self, run_id: str, artifact: StoredArtifact, content: bytes) -> None:
        """Stores an artifact with its bytes (written with the next commit; readable at once)."""
        self._pending_artifacts[(run_id, artifact.path)] = (artifact, content)
        self.schedule_commit()

    def delete_artifacts(self, run_id: str, role: str) -> None:
        """Removes a run's artifacts of one role (output artifacts of a run that is started over)."""
        self._drop_pending_artifacts(lambda owner, artifact: owner == run_id and artifact.role == role)
        self._begin()
        self._db.execute("DELETE FROM artifacts WHERE run_id = ? AND role = ?", (run_id, role))
        self.schedule_commit()

    def artifact_content(self, run_id: str, path: str) -> bytes | None:
        """Reads an artifact's bytes, or None when there is no such artifact."""
        pending = self._pending_artifacts.get((run_id, path))
        if pending is not None:
            return pending[1]
        row = self._db.execute("SELECT content FROM artifacts WHERE run_id = ? AND path = ?", (run_id, path)).fetchone()
        return None if row is None else bytes(row[0])

    def add_event(self, run_id: str, event: dict[str, Any]) -> None:
        """Appends one event to a run's history (written with the next commit, in one statement for all)."""
        self._pending_events.append((run_id, event))
        self.schedule_commit()

    def put_idempotency_key(self, record: StoredIdempotencyKey) -> None:
        """Remembers which run a key started (replacing an expired record of the same key)."""
        self._begin()
        self._db.execute(
            "INSERT OR REPLACE INTO idempotency_keys (scope, key, fingerprint, run_id, created_ms)"
            " VALUES (?, ?, ?, ?, ?)",
            (record.scope, record.key, record.fingerprint, record.run_id, record.created_ms),
        )
        self.schedule_commit()

    def delete_run(self, run_id: str) -> None:
        """Forgets a run: its row, input, artifacts, events and idempotency keys (written with the next commit)."""
        self._drop_pending_artifacts(lambda owner, _: owner == run_id)
        self._dirty_runs.pop(run_id, None)
        self._pending_events = [entry for entry in self._pending_events if entry[0] != run_id]
        self._begin()
        for table, column in (
            ("runs", "id"),
            ("inputs", "run_id"),
            ("artifacts", "run_id"),
            ("events", "run_id"),
            ("idempotency_keys", "run_id"),
        ):
            self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (run_id,))  # noqa: S608 - names are ours
        self.schedule_commit()

    def _drop_pending_artifacts(self, unwanted: Callable[[str, StoredArtifact], bool]) -> None:
        self._pending_artifacts = {
            key: entry for key, entry in self._pending_artifacts.items() if not unwanted(key[0], entry[0])
        }

    def load_runs(self) -> Iterator[StoredRun]:
        """Yields every stored run, oldest first, with its input, artifact descriptions and events."""
        inputs = {row[0]: json.loads(row[1]) for row in self._db.execute("SELECT run_id, data FROM inputs")}
        artifacts: dict[str, list[StoredArtifact]] = {}
        for row in self._db.execute(
            "SELECT run_id, path, name, role, step_name, content_type, size, sha256 FROM artifacts ORDER BY rowid"
        ):
            artifacts.setdefault(row[0], []).append(StoredArtifact(*row[1:]))
        events: dict[str, list[dict[str, Any]]] = {}
        for row in self._db.execute("SELECT run_id, data FROM events ORDER BY id"):
            events.setdefault(row[0], []).append(json.loads(row[1]))
        for run_id, data in self._db.execute("SELECT id, data FROM runs ORDER BY seq"):
            yield StoredRun(
                run_id=run_id,
                data=json.loads(data),
                input=inputs.get(run_id, {}),
                artifacts=artifacts.get(run_id, []),
                events=events.get(run_id, []),
            )

    def load_idempotency_keys(self) -> list[StoredIdempotencyKey]:
        """Reads every stored idempotency key."""
        rows = self._db.execute("SELECT scope, key, fingerprint, run_id, created_ms FROM idempotency_keys")
        return [StoredIdempotencyKey(*row) for row in rows]

    def close(self) -> None:
        """Commits what is pending and closes the database."""
        self.commit()
        self._closed = True
        self._db.close()
