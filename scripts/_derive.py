"""Derive openapi/eigenpal.yaml from the published Eigenpal document and the overlays in openapi/upstream/.

    python scripts/_derive.py OUT.yaml

1. The published document (openapi/upstream/eigenpal-openapi-1.0.0.json), checked against the sha256 its README
   records, so a copy that is not the published one is noticed.
2. The overlays, in the order openapi/upstream/overlays.txt lists them, applied by oas-patch (an implementation of
   the OpenAPI Overlay 1.0 format): what the newest official Python SDK shows was added since, then this project's
   tolerance.
3. The operations a client of runs needs: every path under /runs, and under /files (a run's input files).
4. The official SDKs' base: server https://api.eigenpal.com, prefix /v1 instead of /api/v1.
5. Only the schemas those operations reach.

Everything here is a pure function of the files read; the output is byte-identical for the same inputs.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from oas_patch.overlay import apply_overlay

UPSTREAM = Path(__file__).resolve().parent.parent / "openapi" / "upstream"
PUBLISHED = UPSTREAM / "eigenpal-openapi-1.0.0.json"
KEPT_PATHS = re.compile(r"^/api/v1/(runs|files)(/|$)")
SERVER = "https://api.eigenpal.com"
HEADER = """\
# DERIVED FILE: do not edit. scripts/regenerate writes it from openapi/upstream/ (the published Eigenpal document
# and the overlays listed in openapi/upstream/overlays.txt); change those and run scripts/regenerate.
"""


def published_sha256() -> str:
    """The sha256 that openapi/upstream/README.md records for the published document."""
    match = re.search(r"sha256 `([0-9a-f]{64})`", (UPSTREAM / "README.md").read_text())
    if match is None:
        raise SystemExit("openapi/upstream/README.md records no sha256 of the published document")
    return match.group(1)


def overlays() -> list[Path]:
    """The overlays, in the order they apply."""
    names = [line.strip() for line in (UPSTREAM / "overlays.txt").read_text().splitlines()]
    return [UPSTREAM / "overlays" / name for name in names if name and not name.startswith("#")]


def refs(node: Any) -> set[str]:
    """The component schema names that `node` refers to."""
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            found |= refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= refs(value)
    return found


def derive() -> dict[str, Any]:
    raw = PUBLISHED.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != published_sha256():
        raise SystemExit(f"{PUBLISHED.name}: sha256 {digest} is not the one openapi/upstream/README.md records")
    document: dict[str, Any] = json.loads(raw)
    for overlay_path in overlays():
        overlay = yaml.safe_load(overlay_path.read_text())
        if overlay.get("overlay") != "1.0.0":
            raise SystemExit(f"{overlay_path.name}: not an OpenAPI Overlay 1.0.0 document")
        document = apply_overlay(document, overlay)

    paths = {
        "/v1" + path.removeprefix("/api/v1"): item for path, item in document["paths"].items() if KEPT_PATHS.match(path)
    }
    schemas: dict[str, Any] = document["components"]["schemas"]
    reached: set[str] = set()
    todo = refs(paths)
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo |= refs(schemas[name])
    derived = {key: value for key, value in document.items() if key not in ("paths", "components", "servers")}
    derived["servers"] = [{"url": SERVER, "description": "Production (the official SDKs' base URL)"}]
    derived["paths"] = paths
    components = {key: value for key, value in document["components"].items() if key != "schemas"}
    components["schemas"] = {name: schemas[name] for name in schemas if name in reached}
    derived["components"] = components
    return derived


class _NoAliases(yaml.SafeDumper):
    """Writes a value that appears twice in full both times: a reader of the document sees no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python scripts/_derive.py OUT.yaml")
    text = yaml.dump(derive(), Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)
    Path(sys.argv[1]).write_text(HEADER + text)


if __name__ == "__main__":
    main()
