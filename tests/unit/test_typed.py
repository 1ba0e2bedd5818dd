"""Typed run outputs: a run's JSON output read into attrs classes, dataclasses and TypedDicts."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
from typing import Any, Generic, TypedDict, TypeVar

import attrs
import pytest
from clientkit import run_json
from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus
from eigenpal_api.models.run import Run

from eigenpal_ext._core._errors import OutputValidationError
from eigenpal_ext._typed import TypedRun, camel_case, structure_output, typed_run

INVOICE_OUTPUT: dict[str, Any] = {
    "invoiceNumber": "INV-2026-0042",
    "vendor": {"name": "Acme GmbH", "address": "Hauptstrasse 1, Berlin"},
    "totalAmount": 1250,  # an int where a float is expected: JSON has one number type
    "lineItems": [
        {"description": "Consulting", "amount": 1000.0},
        {"description": "Travel", "amount": 250},
    ],
    "issuedOn": "2026-11-20",
    "notAField": "ignored",
}


@attrs.frozen
class Vendor:
    name: str
    address: str


@attrs.frozen
class LineItem:
    description: str
    amount: float


@attrs.frozen
class Invoice:
    invoice_number: str
    vendor: Vendor
    total_amount: float
    line_items: list[LineItem]
    issued_on: datetime.date | None = None


@dataclasses.dataclass
class DataclassLineItem:
    description: str
    amount: float


@dataclasses.dataclass
class DataclassInvoice:
    invoice_number: str
    total_amount: float
    line_items: list[DataclassLineItem]


class TypedDictVendor(TypedDict):
    name: str
    address: str


class TypedDictInvoice(TypedDict):
    invoiceNumber: str
    vendor: TypedDictVendor
    totalAmount: float


class SnakeTypedDict(TypedDict):
    unit_price: float
    description: str


@attrs.frozen
class CamelInvoice:
    invoiceNumber: str  # named exactly as the JSON key, which must work too
    totalAmount: float


_Item = TypeVar("_Item")


@attrs.frozen
class Page(Generic[_Item]):
    page_items: list[_Item]
    next_cursor: str | None


def invoice_run(status: str, output: dict[str, Any] | None = None, **fields: Any) -> Run:
    """``run_json`` with started, tagged, versioned and schema-checked details, and exactly the output given."""
    body = run_json("run_1", status, tags=["invoices"], **fields)
    body["timing"]["startedAt"] = "2026-11-21T05:00:01+00:00"
    body["source"]["version"] = "v3"
    body["execution"]["schemaValid"] = True
    if output is None:
        body.pop("output", None)  # not run_json's invoice: a test that passes no output means none
    else:
        body["output"] = output
    return Run.from_dict(body)


def test_a_completed_run_reads_into_nested_attrs_classes_with_snake_case_fields() -> None:
    run = invoice_run(
        "completed", INVOICE_OUTPUT, files=[{"name": "invoice.json", "role": "output", "path": "o/i.json"}]
    )

    typed = typed_run(run, Invoice)

    assert typed.output == Invoice(
        invoice_number="INV-2026-0042",
        vendor=Vendor(name="Acme GmbH", address="Hauptstrasse 1, Berlin"),
        total_amount=1250.0,
        line_items=[LineItem("Consulting", 1000.0), LineItem("Travel", 250.0)],
        issued_on=datetime.date(2026, 11, 20),
    )
    assert isinstance(typed.output.total_amount, float)
    assert typed.run is run
    assert (typed.id, typed.finished, typed.status, typed.error) == ("run_1", True, RunStatus.COMPLETED, None)
    assert typed.files is not None
    assert [f.path for f in typed.files] == ["o/i.json"]
    assert typed.tags == ["invoices"]
    assert typed.source.slug == "extract-invoice"
    assert typed.execution.schema_valid is True
    assert typed.timing.started_at == "2026-11-21T05:00:01+00:00"  # the document types times as text


def test_dataclasses_typeddicts_and_camel_case_fields_work_too() -> None:
    run = invoice_run("completed", INVOICE_OUTPUT)

    as_dataclass = typed_run(run, DataclassInvoice).output
    assert as_dataclass == DataclassInvoice(
        "INV-2026-0042", 1250.0, [DataclassLineItem("Consulting", 1000.0), DataclassLineItem("Travel", 250.0)]
    )
    assert typed_run(run, TypedDictInvoice).output == {
        "invoiceNumber": "INV-2026-0042",
        "vendor": {"name": "Acme GmbH", "address": "Hauptstrasse 1, Berlin"},
        "totalAmount": 1250.0,
    }
    assert typed_run(run, CamelInvoice).output == CamelInvoice(invoiceNumber="INV-2026-0042", totalAmount=1250.0)


def test_a_typeddict_with_snake_case_keys_reads_camel_case_json_and_drops_undeclared_keys() -> None:
    output = {"unitPrice": 2, "description": "Paper", "sku": "P-1"}

    assert structure_output(output, SnakeTypedDict, run_id="r") == {"unit_price": 2.0, "description": "Paper"}


def test_an_output_that_already_uses_snake_case_keys_still_reads() -> None:
    output = {"invoice_number": "INV-7", "total_amount": 3.5, "line_items": []}

    assert structure_output(output, DataclassInvoice, run_id="run_1") == DataclassInvoice("INV-7", 3.5, [])


def test_generic_classes_read_with_their_type_arguments() -> None:
    output = {"pageItems": [{"description": "Consulting", "amount": 1}], "nextCursor": None}

    page = structure_output(output, Page[LineItem], run_id="run_1")

    assert page == Page(page_items=[LineItem("Consulting", 1.0)], next_cursor=None)


def test_an_output_that_does_not_fit_names_every_field_at_fault_by_its_json_path() -> None:
    output = {
        "invoiceNumber": 42,
        "vendor": {"name": "Acme GmbH"},
        "totalAmount": "1,250.00",
        "lineItems": [{"description": "Consulting", "amount": 1000}, {"description": "Travel", "amount": True}],
    }

    with pytest.raises(OutputValidationError) as caught:
        typed_run(invoice_run("completed", output), Invoice)

    error = caught.value
    assert sorted(error.problems) == [
        "invalid value for type, expected float @ $.lineItems[1].amount",
        "invalid value for type, expected float @ $.totalAmount",
        "invalid value for type, expected str @ $.invoiceNumber",
        "required field missing @ $.vendor.address",
    ]
    assert error.run_id == "run_1"
    assert error.output_type is Invoice
    assert isinstance(error, TypeError)
    assert "$.totalAmount" in str(error)


def test_a_missing_snake_case_key_is_reported_under_the_key_the_output_used() -> None:
    with pytest.raises(OutputValidationError) as caught:
        structure_output(
            {"invoice_number": "INV-7", "total_amount": "x", "line_items": []}, DataclassInvoice, run_id="r"
        )

    assert caught.value.problems == ("invalid value for type, expected float @ $.total_amount",)


@pytest.mark.parametrize("status", ["failed", "cancelled", "rejected", "running", "awaiting_review"])
def test_a_run_that_did_not_complete_has_no_output(status: str) -> None:
    run = invoice_run(status, {"partial": True}, error="the PDF could not be read")

    typed = typed_run(run, Invoice)

    assert typed.output is None
    assert typed.status == status
    assert typed.files is None
    assert typed.error == "the PDF could not be read"


def test_a_completed_run_without_output_has_none() -> None:
    assert typed_run(invoice_run("completed"), Invoice).output is None


def test_a_type_cattrs_cannot_read_into_is_the_callers_mistake_not_the_outputs() -> None:
    class Opaque:
        def __init__(self, anything: object) -> None:
            self.anything = anything

    with pytest.raises(Exception) as caught:  # noqa: PT011  - the point is which type it is not
        structure_output({"a": 1}, Opaque, run_id="r")
    assert not isinstance(caught.value, OutputValidationError)


@pytest.mark.parametrize(
    ("name", "key"),
    [("invoice_number", "invoiceNumber"), ("line_items", "lineItems"), ("vendor", "vendor"), ("a_b_c", "aBC")],
)
def test_camel_case(name: str, key: str) -> None:
    assert camel_case(name) == key
    assert camel_case("_private") == "_private"
    assert camel_case("totalAmount") == "totalAmount"


def test_typed_run_is_generic_in_its_output() -> None:
    typed: TypedRun[Invoice] = typed_run(invoice_run("completed", INVOICE_OUTPUT), Invoice)
    assert typed.output is not None
    assert typed.output.vendor.name == "Acme GmbH"


def test_importing_the_module_does_not_import_cattrs() -> None:
    code = "import sys, eigenpal_ext._typed, eigenpal_ext._core._waiting._flows; print('cattrs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "False"
