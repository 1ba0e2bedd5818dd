"""The drift logger, watched: which fields the generated models reported as not fitting the document."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import eigenpal_api.types
import pytest

DRIFT_LOGGER = "eigenpal_ext.drift"


@pytest.fixture
def drift(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], list[str]]]:
    """A function returning the fields (`Run.type`) the drift logger has reported during the test, in order.

    The models report a field once per process (`eigenpal_api.types._drift_seen`); that record is cleared before and
    after the test, so each test sees its own reports and "once" can be counted.
    """
    eigenpal_api.types._drift_seen.clear()
    caplog.set_level(logging.WARNING, logger=DRIFT_LOGGER)
    yield lambda: [
        str(record.args[0])
        for record in caplog.records
        if record.name == DRIFT_LOGGER and isinstance(record.args, tuple) and record.args
    ]
    eigenpal_api.types._drift_seen.clear()
