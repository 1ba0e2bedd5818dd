"""The service's tests: recorded once against Eigenpal, replayed offline. No conftest.py is needed.

pytest --record-mode=rewrite                                  # record against a local server
EIGENPAL_API_KEY=... pytest --record-mode=rewrite --eigenpal-base-url https://api.eigenpal.com
pytest --block-network                                        # replay: no server, no key, no sleeping
"""

from __future__ import annotations

from pathlib import Path

import invoice_service as service
import pytest

from eigenpal_ext import EigenpalClient

INVOICE = Path(__file__).parent / "data" / "invoice-acme.txt"


@pytest.mark.vcr
def test_an_invoice_is_extracted(eigenpal_client: EigenpalClient) -> None:
    fields = service.extract_invoice(eigenpal_client, INVOICE)
    assert fields["invoiceNumber"] == "INV-2024-001"


@pytest.mark.vcr
def test_a_three_second_run_is_waited_for(eigenpal_client: EigenpalClient) -> None:
    started = eigenpal_client.run("workflows.sleep", input={"seconds": 3})
    assert service.final_status(eigenpal_client, started.id) == "completed"


@pytest.mark.vcr
def test_progress_of_a_two_second_run(eigenpal_client: EigenpalClient) -> None:
    started = eigenpal_client.run("workflows.sleep", input={"seconds": 2, "steps": 4})
    states = service.progress(eigenpal_client, started.id)
    assert states[-1] == "completed 4/4"
    assert len(states) >= 3  # the bar moved on the way


@pytest.mark.vcr
def test_three_runs_come_back_in_the_order_they_finish(eigenpal_client: EigenpalClient) -> None:
    ids = [eigenpal_client.run("workflows.sleep", input={"seconds": seconds}).id for seconds in (1.5, 0.5, 1.0)]
    assert service.finish_order(eigenpal_client, ids) == [ids[1], ids[2], ids[0]]


@pytest.mark.vcr
def test_a_slow_run_is_given_up_on_and_goes_on(eigenpal_client: EigenpalClient) -> None:
    assert service.sleep_or_give_up(eigenpal_client, seconds=5, patience=1).startswith("gave up on run_")
