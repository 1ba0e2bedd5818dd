"""The client's parse (`_from_json`) checks a whole body, then leaves each nested object to be built when it is first
read (openapi/templates/model.py.jinja, types.py's `_LazyModel`). What a user can see must not depend on it: the
objects compare, print, copy, pickle and serialise like the ones `from_dict` builds at once, a wrong value anywhere in
the body is refused inside the call, and reading from many threads at once gives one answer."""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import attrs
import pytest
from eigenpal_api.models import Run, RunList, RunListExecution, RunListItem, RunRetry, RunTiming
from test_checked_models import VALID, changed, client_answering, list_item_json, run_json

import eigenpal_ext


def slot_is_empty(model: object, name: str) -> bool:
    """Whether `name` is not built yet: read past `__getattr__`, which would build it."""
    try:
        object.__getattribute__(model, name)
    except AttributeError:
        return True
    return False


def test_nested_objects_are_built_when_first_read_and_then_kept() -> None:
    item = RunListItem._from_json(list_item_json())
    assert all(slot_is_empty(item, name) for name in ("timing", "source", "trigger", "execution"))
    timing = item.timing
    assert isinstance(timing, RunTiming)
    assert timing.duration_ms == 8000
    assert item.timing is timing
    assert not slot_is_empty(item, "timing")
    assert slot_is_empty(item, "execution")


def test_the_body_is_let_go_once_every_nested_object_is_built() -> None:
    item = RunListItem._from_json(list_item_json())
    assert not slot_is_empty(item, "_json")
    for name in ("timing", "source", "trigger"):
        getattr(item, name)
        assert not slot_is_empty(item, "_json")
    item.execution  # noqa: B018 - reading it is what builds it
    assert slot_is_empty(item, "_json")


def test_a_null_optional_object_reads_as_none_without_keeping_the_body() -> None:
    execution = RunListExecution._from_json({"status": "running", "retry": None})
    assert execution.retry is None
    assert slot_is_empty(execution, "_json")


@pytest.mark.parametrize("model", VALID, ids=lambda model: model.__name__)
def test_an_unread_object_is_indistinguishable_from_the_eager_one(model: type[Any]) -> None:
    eager = model.from_dict(VALID[model]())
    cases = {
        "==": lambda lazy: lazy == eager,
        "repr": lambda lazy: repr(lazy) == repr(eager),
        "to_dict": lambda lazy: lazy.to_dict() == eager.to_dict(),
        "asdict": lambda lazy: attrs.asdict(lazy) == attrs.asdict(eager),
        "evolve": lambda lazy: attrs.evolve(lazy) == eager,
        "copy": lambda lazy: copy.copy(lazy) == eager,
        "deepcopy": lambda lazy: copy.deepcopy(lazy) == eager,
        "pickle": lambda lazy: pickle.loads(pickle.dumps(lazy)) == eager,  # noqa: S301 - our own bytes
    }
    for name, holds in cases.items():
        assert holds(model._from_json(VALID[model]())), name


def test_an_unread_list_page_equals_the_eager_one_item_by_item() -> None:
    body = {"runs": [list_item_json(f"run_{index}") for index in range(5)], "nextCursor": None}
    lazy, eager = RunList._from_json(body), RunList.from_dict(body)
    assert lazy.runs[3].execution.retry is None
    assert lazy == eager
    assert [item.timing for item in lazy.runs] == [item.timing for item in eager.runs]


def test_a_wrong_value_deep_in_a_page_is_refused_by_the_parse_not_at_first_read() -> None:
    body = {"runs": [list_item_json("run_1"), list_item_json("run_2")], "nextCursor": None}
    body["runs"][1]["execution"]["retry"] = {"number": "0", "previousRunId": None, "nextRun": None}
    with pytest.raises(TypeError, match=r"^RunRetry\.number: expected an integer, got str '0'"):
        RunList._from_json(body)


def test_the_client_refuses_a_page_with_a_wrong_nested_value_inside_the_call() -> None:
    body = {"runs": [list_item_json("run_1")], "nextCursor": None}
    bad = changed(body, "runs.0.timing.startedAt", 5)
    with (
        client_answering(bad) as client,
        pytest.raises(eigenpal_ext.APIResponseValidationError, match=r"RunTiming\.startedAt: expected"),
    ):
        client.runs.list()


def test_a_field_assigned_before_it_is_read_keeps_the_assigned_value() -> None:
    item = RunListItem._from_json(list_item_json())
    mine = RunRetry(number=7, previous_run_id=None, next_run=None)
    item.execution = RunListExecution._from_json({"status": "completed", "retry": None})
    item.execution.retry = mine
    assert item.execution.retry is mine
    assert item.timing.created_at.year == 2026


def test_a_misspelt_attribute_is_an_attribute_error_naming_it() -> None:
    item = RunListItem._from_json(list_item_json())
    with pytest.raises(AttributeError, match=r"'RunListItem' object has no attribute 'timin'") as raised:
        item.timin  # type: ignore[attr-defined]  # noqa: B018 - the read is the test
    assert raised.value.name == "timin"
    assert not hasattr(item, "timin")
    assert slot_is_empty(item, "timing")


def test_a_field_deleted_once_everything_is_built_stays_deleted() -> None:
    run = Run._from_json(run_json())
    attrs.asdict(run)  # reads, so builds, every field
    del run.usage
    with pytest.raises(AttributeError, match="usage"):
        run.usage  # noqa: B018 - the read is the test


def test_threads_reading_the_same_unbuilt_objects_get_one_answer() -> None:
    body = {"runs": [list_item_json(f"run_{index}") for index in range(200)], "nextCursor": None}
    page = RunList._from_json(body)
    eager = RunList.from_dict(body)
    start = threading.Barrier(8)
    seen: list[list[Any]] = []
    failures: list[BaseException] = []

    def read() -> None:
        start.wait()
        try:
            seen.append([(item.execution.retry, item.timing, item.trigger, item.source) for item in page.runs])
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    expected = [(item.execution.retry, item.timing, item.trigger, item.source) for item in eager.runs]
    assert all(reads == expected for reads in seen)
    assert len(seen) == 8
    assert page == eager
    # A race may leave an object's body on it (memory only); every field is built either way.
    assert not any(slot_is_empty(item, name) for item in page.runs for name in ("timing", "execution"))


def test_additional_properties_are_made_at_first_read_and_kept() -> None:
    item = RunListItem._from_json(list_item_json())
    assert slot_is_empty(item, "additional_properties")
    assert item.additional_properties == {}
    assert item.additional_properties is item.additional_properties
    item["lane"] = 2
    assert item.to_dict()["lane"] == 2
    assert "lane" in item


def test_unknown_fields_are_there_without_a_first_read() -> None:
    item = RunListItem._from_json({**list_item_json(), "lane": 2})
    assert not slot_is_empty(item, "additional_properties")
    assert item.additional_properties == {"lane": 2}


def test_keys_set_from_many_threads_on_a_fresh_object_are_all_kept() -> None:
    for _ in range(20):
        item = RunListItem._from_json(list_item_json())
        start = threading.Barrier(8)

        def put(index: int, item: RunListItem = item, start: threading.Barrier = start) -> None:
            start.wait()
            item[f"key_{index}"] = index

        threads = [threading.Thread(target=put, args=(index,)) for index in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert item.additional_properties == {f"key_{index}": index for index in range(8)}
