"""`eigenpal_api.models` loads a model's module when the model is first used, not all 37 at once
(openapi/templates/models_init.py.jinja), and still offers every name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import eigenpal_api.models
import pytest

MODELS = Path(eigenpal_api.models.__file__).parent


def loaded_model_modules(statement: str) -> set[str]:
    """The model modules a fresh interpreter has loaded after running `statement`."""
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    prefix = "eigenpal_api.models."
    return {name.removeprefix(prefix) for name in result.stdout.split() if name.startswith(prefix)}


def test_the_package_alone_loads_no_model() -> None:
    assert loaded_model_modules("import eigenpal_api.models") == set()


def test_a_model_loads_itself_and_the_models_it_refers_to_only() -> None:
    loaded = loaded_model_modules("from eigenpal_api.models import RunList")
    assert {"run_list", "run_list_item", "run_timing", "run_status"} <= loaded
    assert "run" not in loaded
    assert "start_run_multipart_request" not in loaded


def test_every_name_of_all_is_a_module_file_and_resolves_to_its_class() -> None:
    files = {path.stem for path in MODELS.glob("*.py")} - {"__init__"}
    modules = {getattr(eigenpal_api.models, name).__module__.rsplit(".", 1)[1] for name in eigenpal_api.models.__all__}
    assert modules == files
    for name in eigenpal_api.models.__all__:
        model = getattr(eigenpal_api.models, name)
        assert model.__name__ == name
        assert name in dir(eigenpal_api.models)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"module 'eigenpal_api.models' has no attribute 'Runs'"):
        eigenpal_api.models.Runs  # noqa: B018 - the access is the test
    with pytest.raises(ImportError, match="cannot import name 'Runs'"):
        exec("from eigenpal_api.models import Runs")  # noqa: S102 - a fixed statement
