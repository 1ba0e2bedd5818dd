"""Upload throughput (MiB/s) and peak memory of ``client.files.upload`` for a 100 MiB file, beside plain httpx.

    python -m benchmarks.uploads [--mib 100] [--repeats 3] [--transports http-chunked,presigned-put,presigned-multipart]

The local server runs in a child process (``python -m eigenpal_local --upload-transport T``), so this process's
``tracemalloc`` counts only the client. For each transport the library uploads the file ``--repeats`` times; the
baseline, measured in the same run against the same server, speaks the same protocol with plain httpx (the session
request, then each chunk or part, or the whole object, PUT with the file object as its streamed body: httpx reads
it 64 KiB at a time) and no retries, deadline or checks. Figures are medians; peak memory is above the baseline
taken just before each upload.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import httpx

from benchmarks._common import API_KEY, ServerProcess
from eigenpal_ext import EigenpalClient

MIB = 1024 * 1024
TRANSPORTS = ("http-chunked", "presigned-put", "presigned-multipart")


class UploadServer(ServerProcess):
    """The local server in a child process, answering upload sessions with one transport."""

    def __init__(self, transport: str) -> None:
        super().__init__(workers=4)
        self.transport = transport

    def _command(self) -> list[str]:
        return [*super()._command(), "--upload-transport", self.transport]


def _slice(stream: IO[bytes], offset: int, length: int) -> Iterator[bytes]:
    stream.seek(offset)
    while length > 0:
        data = stream.read(min(64 * 1024, length))
        length -= len(data)
        yield data


def plain_upload(base_url: str, path: Path) -> None:
    """The same upload with plain httpx: session, pieces streamed from the file, complete."""
    size = path.stat().st_size
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=120) as api, httpx.Client(timeout=120) as storage:
        body = {"filename": path.name, "contentType": "application/pdf", "size": size, "purpose": "run-input"}
        session: dict[str, Any] = api.post("/v1/files/uploads", json=body).raise_for_status().json()
        upload = f"/v1/files/uploads/{session['uploadId']}"
        with path.open("rb") as stream:
            if session["transport"] == "presigned-put":
                sent = {**session["headers"], "Content-Length": str(size)}
                storage.put(session["url"], content=_slice(stream, 0, size), headers=sent).raise_for_status()
            elif session["transport"] == "http-chunked":
                piece = session["chunkSizeBytes"]
                for index in range(session["chunkCount"]):
                    length = min(piece, size - index * piece)
                    sent = {"Content-Type": "application/octet-stream", "Content-Length": str(length)}
                    content = _slice(stream, index * piece, length)
                    api.put(f"{upload}/chunks/{index}", content=content, headers=sent).raise_for_status()
            else:
                piece = session["partSizeBytes"]
                for number in range(1, session["partCount"] + 1):
                    part = api.post(f"{upload}/parts", json={"partNumber": number}).raise_for_status().json()
                    length = min(piece, size - (number - 1) * piece)
                    sent = {**part["headers"], "Content-Length": str(length)}
                    content = _slice(stream, (number - 1) * piece, length)
                    storage.put(part["url"], content=content, headers=sent).raise_for_status()
        api.post(f"{upload}/complete").raise_for_status()


def measure(upload: Callable[[], object], size: int) -> tuple[float, float]:
    """MiB/s and peak MiB above the baseline of one upload."""
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    began = time.perf_counter()
    upload()
    took = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size / MIB / took, (peak - baseline) / MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=100, help="the file's size in MiB (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="uploads of each kind (default: %(default)s)")
    parser.add_argument("--transports", default=",".join(TRANSPORTS), help="the transports to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "scan.pdf"
        with path.open("wb") as out:
            for _ in range(args.mib):
                out.write(os.urandom(MIB))
        size = path.stat().st_size
        print(
            f"{args.mib} MiB file, {args.repeats} uploads each, medians; peak memory above the baseline (tracemalloc)"
        )
        print(f"{'transport':<22}{'library MiB/s':>15}{'plain httpx MiB/s':>19}{'library peak':>14}{'httpx peak':>12}")
        for transport in args.transports.split(","):
            with UploadServer(transport) as server:
                with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=300) as client:
                    client.files.upload(b"warm", filename="warm.txt")  # connect and load before measuring
                    library = [measure(lambda: client.files.upload(path), size) for _ in range(args.repeats)]
                plain = [measure(lambda: plain_upload(server.base_url, path), size) for _ in range(args.repeats)]
            print(
                f"{transport:<22}{statistics.median(r for r, _ in library):>15.0f}"
                f"{statistics.median(r for r, _ in plain):>19.0f}"
                f"{statistics.median(m for _, m in library):>11.1f} MiB"
                f"{statistics.median(m for _, m in plain):>8.1f} MiB"
            )


if __name__ == "__main__":
    main()
