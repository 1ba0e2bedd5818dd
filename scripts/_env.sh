# Sourced by the scripts in this folder: find the checkout, and make sure its pinned environment exists.
#
# A fresh machine needs only Python >= 3.11. The first call installs uv (pinned) into .tools/ with pip, then
# `uv sync --frozen` builds .venv/ from uv.lock with every extra and the dev group. Later calls take a second.
# The local server is its own distribution in the uv workspace (server/, `eigenpal-local`): the `server` extra
# installs it, editable, so --all-extras is what puts `eigenpal_local` in the environment.
# --compile-bytecode: the environment's modules are compiled once, when installed (a second on later calls). uv
# leaves that to the first import otherwise, and where PYTHONDONTWRITEBYTECODE is set (CI images often set it) every
# Python process the tests start would compile httpx, rich, hypothesis... again: a second or more each.
# Set EIGENPAL_SKIP_SYNC=1 to use the python already on PATH as it is (the tests that copy the checkout do).

EIGENPAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EIGENPAL_UV_VERSION="0.13.8"

eigenpal_env() {
    if [ "${EIGENPAL_SKIP_SYNC:-0}" = "1" ]; then
        return 0
    fi
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "eigenpal-ext needs Python >= 3.11 as '$python' (set PYTHON=/path/to/python3.11)" >&2
        return 2
    fi
    local tools="$EIGENPAL_ROOT/.tools"
    if ! "$tools/bin/uv" --version 2>/dev/null | grep -q "^uv $EIGENPAL_UV_VERSION"; then
        echo "setting up uv $EIGENPAL_UV_VERSION in .tools/ ..." >&2
        rm -rf "$tools"
        "$python" -m venv "$tools" &&
            "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$EIGENPAL_UV_VERSION" ||
            return 1
    fi
    UV_PROJECT_ENVIRONMENT="$EIGENPAL_ROOT/.venv" UV_PYTHON_DOWNLOADS=never \
        "$tools/bin/uv" sync --project "$EIGENPAL_ROOT" --frozen --all-extras --quiet --python "$python" \
        --compile-bytecode || return 1
    export PATH="$EIGENPAL_ROOT/.venv/bin:$PATH"
    export VIRTUAL_ENV="$EIGENPAL_ROOT/.venv"
}
