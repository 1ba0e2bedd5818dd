"""The recorded cassettes: one per scenario, none left over, and not a credential in any of them."""

from __future__ import annotations

import pytest
import yaml
from cassette_kit import API_KEY, CASSETTES, REDACTED, SECRET_PATTERN
from test_scenarios import ASYNC_SCENARIOS, SCENARIOS

CASSETTE_FILES = sorted(CASSETTES.rglob("*.yaml"))


def test_every_scenario_has_its_cassette_and_every_cassette_its_scenario() -> None:
    names = {path.stem for path in CASSETTE_FILES}
    expected = {f"test_replayed[{scenario.__name__}]" for scenario in SCENARIOS}
    expected |= {f"test_replayed_async[{scenario.__name__}]" for scenario in ASYNC_SCENARIOS}
    assert expected <= names, f"missing cassettes (run scripts/record): {sorted(expected - names)}"
    assert names <= expected, f"cassettes of no scenario (delete them): {sorted(names - expected)}"


@pytest.mark.parametrize("cassette", CASSETTE_FILES, ids=lambda path: path.stem)
def test_no_credentials_in_cassette(cassette: object) -> None:
    text = cassette.read_text()  # type: ignore[attr-defined]
    assert API_KEY not in text
    leaked = SECRET_PATTERN.findall(text)
    assert not leaked, f"credential-like strings in {cassette}: {leaked[:3]}"
    recording = yaml.safe_load(text)
    for interaction in recording["interactions"]:
        for name, values in interaction["request"]["headers"].items():
            if name.lower() == "authorization":
                assert values == [f"Bearer {REDACTED}"]
