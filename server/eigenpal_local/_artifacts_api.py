"""A run's artifacts: their list, one artifact's bytes, all output files as one ZIP (and the review bundle).

Large artifacts are answered with a redirect to the storage origin (`_storage`), which reads them back through
`stored_artifact` on the server's loop.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ._engine import Engine
from ._errors import fail
from ._records import RunRecord
from ._storage import StorageSigner
from ._views import artifact_json, json_response


class ArtifactsApi:
    """The artifact routes of a run."""

    def __init__(
        self,
        engine: Callable[[], Engine | None],
        run_of: Callable[[Request], RunRecord],
        storage: StorageSigner | None,
        redirect_over: int | None,
    ) -> None:
        """Binds the handlers.

        Args:
            engine: Gives the running engine, or None before the server has started it.
            run_of: The run a request's path names (404 when there is none).
            storage: Signs the storage origin's URLs that large artifacts are redirected to; without it (or while
                the origin does not listen) every artifact is answered here.
            redirect_over: Artifacts larger than this many bytes (every one at 0) are redirected; None: never.
        """
        self._engine_or_none = engine
        self._run_of = run_of
        self._storage = storage
        self._redirect_over = redirect_over
        self.corrected_files: Callable[[str], list[tuple[str, bytes]]] = lambda run_id: []
        """A run's corrected files (name, bytes), for the review bundle; the review routes (`_run_ops`) set it."""

    def _engine(self) -> Engine:
        engine = self._engine_or_none()
        if engine is None:
            raise RuntimeError("the server has not started")
        return engine

    async def list_artifacts(self, request: Request) -> Response:
        run = self._run_of(request)
        zipped = request.query_params.get("zip")
        bundle = request.query_params.get("bundle")
        # `token` (a signed e-mail download link's) is taken and not checked: the local server signs none, and the
        # request carries the API key anyway.
        if zipped is not None and zipped != "1":
            fail(400, "zip must be 1", "invalid_parameter", "zip")
        if bundle is not None and (bundle != "review" or zipped is None):
            fail(400, "bundle=review goes with zip=1", "invalid_parameter", "bundle")
        if zipped is None:
            return json_response(200, {"artifacts": [artifact_json(artifact) for artifact in run.artifacts]})
        return self._zip_outputs(run, "output/" if bundle == "review" else "")

    def _zip_outputs(self, run: RunRecord, folder: str) -> Response:
        """The run's output files as one ZIP (`zip=1`); the review bundle puts them in `output/`, next to
        `expected/` with the review's corrected files (`corrected_files`, set by `_run_ops`)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            if folder:
                archive.writestr("expected/", b"")
                for name, corrected in self.corrected_files(run.id):
                    archive.writestr(f"expected/{name}", corrected)
            for artifact in run.artifacts:
                content = self._engine().artifact_content(run, artifact.path)
                if artifact.role == "output" and content is not None:
                    archive.writestr(folder + artifact.path.removeprefix("outputs/"), content)
        disposition = {"Content-Disposition": f'attachment; filename="{run.id}.zip"'}
        return Response(buffer.getvalue(), media_type="application/octet-stream", headers=disposition)

    async def download_artifact(self, request: Request) -> Response:
        raw_path: bytes = request.scope.get("raw_path") or request.url.path.encode()
        if b"/" in raw_path.partition(b"/artifacts/")[2]:
            # The document's `{path}` is one path segment: an artifact path travels with its slashes encoded
            # (`outputs%2Fresult.json`), as the official SDKs send it; a literal slash makes a route it does not have.
            message = f"no route {request.method} {request.url.path}; encode the artifact path's slashes as %2F"
            fail(404, message, "not_found")
        run = self._run_of(request)
        path = request.path_params["path"]
        artifact = next((artifact for artifact in run.artifacts if artifact.path == path), None)
        if artifact is None:
            fail(404, f"run {run.id} has no artifact {path!r}", "artifact_not_found", "path")
        threshold = self._redirect_over
        if self._storage is not None and threshold is not None and (threshold == 0 or artifact.size > threshold):
            location = self._storage.url(run.id, path)
            if location is not None:
                return RedirectResponse(location, status_code=302)
        content = self._engine().artifact_content(run, path)
        if content is None:
            fail(404, f"run {run.id} has no artifact {path!r}", "artifact_not_found", "path")
        return Response(content, media_type=artifact.content_type)

    def stored_artifact(self, run_id: str, path: str) -> tuple[bytes, str] | None:
        """An artifact's bytes and content type, for the storage origin; None when there is no such artifact."""
        engine = self._engine_or_none()
        if engine is None:
            return None
        run = engine.get(run_id)
        artifact = None if run is None else next((item for item in run.artifacts if item.path == path), None)
        if run is None or artifact is None:
            return None
        content = engine.artifact_content(run, path)
        return None if content is None else (content, artifact.content_type)
