"""Reading invoices for `workflows.extract-invoice`: text out of the document, then the fields out of the text.

The field rules are plain heuristics that cover the common layouts (a letterhead, labelled fields, `From:` blocks,
dotted leaders, pipe tables); they are deterministic so that tests can name the expected values.
"""

from __future__ import annotations

import io
import re
from typing import Any

_AMOUNT = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}"
_MONEY_AT_END = re.compile(r"^(?P<before>.*?)[\s.:]*(?:[A-Z]{3}\s*|[$€£]\s*)?(?P<amount>" + _AMOUNT + r")\s*$")
_INVOICE_NUMBER = re.compile(
    r"invoice\s*(?:number|num|no\.?|#)\s*[:#]?\s*(?P<number>[A-Za-z0-9][A-Za-z0-9/_-]*)", re.IGNORECASE
)
_VENDOR_LABEL = re.compile(r"^\s*(?:vendor|from|seller|supplier|bill(?:ed)? from)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_ADDRESS_LABEL = re.compile(r"^\s*(?:vendor |seller |supplier )?address\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_TOTAL_LINE = re.compile(r"\b(?:total|amount due|balance due)\b", re.IGNORECASE)
_NOT_AN_ITEM = re.compile(r"\b(?:sub-?total|total|tax|vat|amount due|balance|invoice|date|paid)\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s*invoice\b", re.IGNORECASE)


def extract_text(content: bytes, content_type: str, filename: str) -> tuple[str, int]:
    """The text of a document and its page count: PDF through pypdf, anything else as UTF-8 (or Latin-1) text.

    Raises:
        ValueError: A PDF that cannot be read.
    """
    if content.startswith(b"%PDF") or "pdf" in content_type.lower() or filename.lower().endswith(".pdf"):
        from pypdf import PdfReader  # imported here: only PDF documents need it
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(io.BytesIO(content))
            pages = [page.extract_text() or "" for page in reader.pages]
        except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
            raise ValueError(f"not a readable PDF ({exc})") from exc
        return "\n".join(pages), len(pages)
    try:
        return content.decode("utf-8-sig"), 1
    except UnicodeDecodeError:
        return content.decode("latin-1"), 1


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def _vendor(lines: list[str]) -> dict[str, Any]:
    name: str | None = None
    address_lines: list[str] = []
    for index, line in enumerate(lines):
        labelled = _VENDOR_LABEL.match(line)
        if labelled is None:
            continue
        rest = labelled.group("rest").strip()
        following = lines[index + 1 :]
        if not rest:
            block = _block(following)
            name, address_lines = (block[0], block[1:]) if block else (None, [])
        else:
            name = rest
            address_lines = _block(following)
        break
    else:
        block = _block(lines)
        if block:
            name, address_lines = block[0], block[1:]
    for line in lines:
        labelled_address = _ADDRESS_LABEL.match(line)
        if labelled_address:
            address_lines = [labelled_address.group("rest").strip()]
            break
    return {"name": name, "address": ", ".join(address_lines) or None}


def _block(lines: list[str]) -> list[str]:
    """The first run of plain lines: from the first non-empty line to a blank line, a label or a heading."""
    block: list[str] = []
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            if block:
                break
            continue
        if ":" in line or _HEADING.match(line):
            if block:
                break
            continue
        block.append(line)
    return block


def _line_items(lines: list[str]) -> list[dict[str, Any]]:
    items = []
    for raw_line in lines:
        line = raw_line.strip()
        if "|" in line:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if len(cells) < 2 or not re.fullmatch(_AMOUNT, cells[-1].replace(" ", "")):
                continue
            description, amount = cells[0], cells[-1].replace(" ", "")
        else:
            match = _MONEY_AT_END.match(line.lstrip("-*• \t"))
            if match is None:
                continue
            description, amount = match.group("before"), match.group("amount")
        description = description.strip(" .:-\t")
        if not description or ":" in description or _NOT_AN_ITEM.search(description):
            continue
        items.append({"description": description, "amount": _amount(amount)})
    return items


def _total(lines: list[str]) -> float | None:
    total = None
    for line in lines:
        if not _TOTAL_LINE.search(line) or re.search(r"sub-?total", line, re.IGNORECASE):
            continue
        amounts = re.findall(_AMOUNT, line)
        if amounts:
            total = _amount(amounts[-1])
    return total


def extract_invoice_fields(text: str) -> dict[str, Any]:
    """The invoice's number, vendor (name, address), total amount and line items; None (or []) when not found."""
    lines = text.splitlines()
    number = _INVOICE_NUMBER.search(text)
    return {
        "invoiceNumber": number.group("number") if number else None,
        "vendor": _vendor(lines),
        "totalAmount": _total(lines),
        "lineItems": _line_items(lines),
    }
