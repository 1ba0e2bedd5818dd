"""A start request's body and the files it needs uploaded first, as plain values: built by
:func:`eigenpal_ext._transport._files.prepare_start_body`, planned by :func:`eigenpal_ext._core._plans.plan_start`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs

from eigenpal_ext import _generated as gen

if TYPE_CHECKING:
    from eigenpal_api.models.run_start_body import RunStartBody
    from eigenpal_api.models.run_start_multipart_request import RunStartMultipartRequest

__all__ = ["FileSource", "PreparedBody"]


@attrs.frozen
class FileSource:
    """A file to upload: its name, type and size, and a stream of it that can seek.

    Attributes:
        filename: The name it is stored under.
        mime_type: Its content type.
        stream: Its bytes, read from offset 0 whatever the stream's position.
        size: How many bytes it holds.
    """

    filename: str
    mime_type: str
    stream: IO[bytes] = attrs.field(repr=False)
    size: int


@attrs.frozen
class PreparedBody:
    """A start request's body.

    Attributes:
        body: The JSON or the multipart body for the generated ``start_run``.
        rewindable: Whether every file in it can be sent again from its start (a retry would otherwise send a
            truncated file, so the caller must not retry when this is false).
        uploads: The files to upload before the start, by input key; ``body`` is complete only once
            :meth:`with_file_ids` has put their ids in.
        fields: The JSON body's fields, for :meth:`with_file_ids`.
    """

    body: RunStartBody | RunStartMultipartRequest
    rewindable: bool = True
    uploads: Mapping[str, FileSource] = attrs.field(factory=dict)
    fields: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    def with_file_ids(self, file_ids: Mapping[str, str]) -> PreparedBody:
        """The body once every file of :attr:`uploads` is uploaded: each named in ``files`` by its ``$fileId``."""
        files = {**self.fields.get("files", {}), **{key: {"$fileId": file_id} for key, file_id in file_ids.items()}}
        return PreparedBody(gen.RunStartBody.from_dict({**self.fields, "files": files}))
