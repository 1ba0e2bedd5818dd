"""`workflows.extract-invoice`: reads an invoice given as a file and outputs its fields.

Three steps, as a real extraction workflow has them: read the document's text (`invoice.extract_text`; PDF off the
event loop), extract the fields (`invoice.extract_invoice_fields`), validate them (`execution.schemaValid`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from eigenpal_local._records import FileInputs, Issue

from .base import Automation, RunContext, RunFailure, StepPlan, json_bytes, tokens
from .invoice import extract_invoice_fields, extract_text


def _validate(run_input: dict[str, Any], files: FileInputs) -> list[Issue]:
    if "contract_document" in files:
        if files["contract_document"][0].index is not None:
            return [Issue("contract_document must be one file, not a list", "invalid_type", "input.contract_document")]
        return []
    if "contract_document" in run_input:
        return [Issue("contract_document must be a file", "invalid_type", "input.contract_document")]
    return [Issue("contract_document is required: send the invoice as a file", "required", "input.contract_document")]


def _plan(run_input: dict[str, Any]) -> list[StepPlan]:
    async def read_document(ctx: RunContext) -> None:
        document = ctx.input["contract_document"]
        content = ctx.read_file("contract_document")
        if content is None:
            raise RunFailure("failed", "the contract document is missing from the run's inputs")
        try:
            text, pages = await asyncio.to_thread(
                extract_text, content, str(document.get("contentType", "")), str(document.get("filename", ""))
            )
        except ValueError as exc:
            raise RunFailure("failed", f"could not read the contract document: {exc}") from exc
        ctx.shared["text"], ctx.shared["pages"] = text, pages

    async def extract_fields(ctx: RunContext) -> None:
        ctx.shared["fields"] = extract_invoice_fields(str(ctx.shared["text"]))

    async def validate(ctx: RunContext) -> None:
        fields = ctx.shared["fields"]
        complete = all(fields.get(name) not in (None, [], "") for name in ("invoiceNumber", "totalAmount"))
        ctx.run.schema_valid = complete and fields["vendor"]["name"] is not None
        ctx.output = fields
        ctx.write_output_file("extracted.json", json_bytes(fields), "application/json", "extract-fields")

    return [
        StepPlan(name="read-document", type="ocr", run=read_document),
        StepPlan(name="extract-fields", type="llm", run=extract_fields),
        StepPlan(name="validate", type="validation", run=validate),
    ]


def _usage(ctx: RunContext) -> dict[str, Any]:
    text = str(ctx.shared.get("text", ""))
    output = json.dumps(ctx.output)
    return {
        "tokens": tokens(len(text) // 4 + 120, len(output) // 4),
        "creditsCharged": round(0.5 + len(text) / 10_000, 4),
        "llmCallCount": 1 if text else 0,
        "ocrPagesProcessed": int(ctx.shared.get("pages", 0)),
    }


EXTRACT_INVOICE = Automation(
    target="workflows.extract-invoice",
    run_type="workflow",
    source_id="wf_extract_invoice",
    name="Extract invoice",
    slug="extract-invoice",
    validate=_validate,
    plan=_plan,
    usage=_usage,
)
