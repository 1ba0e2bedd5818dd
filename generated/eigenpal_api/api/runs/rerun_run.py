from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.run import Run
from ...models.run_accepted import RunAccepted
from ...models.trigger_type import TriggerType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    wait_for_completion: int | Unset = UNSET,
    version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    x_eigenpal_trigger: TriggerType | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(x_eigenpal_trigger, Unset):
        headers["X-Eigenpal-Trigger"] = str(x_eigenpal_trigger)

    params: dict[str, Any] = {}

    params["wait_for_completion"] = wait_for_completion

    params["version"] = version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/runs/{id}/rerun".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Run | RunAccepted | None:
    if response.status_code == 200:
        response_200 = Run._from_json(response.json())
        return response_200

    if response.status_code == 202:
        response_202 = RunAccepted._from_json(response.json())
        return response_202

    if response.status_code == 400:
        response_400 = ErrorResponse._from_json(response.json())
        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse._from_json(response.json())
        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse._from_json(response.json())
        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse._from_json(response.json())
        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse._from_json(response.json())
        return response_409

    if response.status_code == 429:
        response_429 = ErrorResponse._from_json(response.json())
        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse._from_json(response.json())
        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse._from_json(response.json())
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | Run | RunAccepted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    wait_for_completion: int | Unset = UNSET,
    version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    x_eigenpal_trigger: TriggerType | Unset = UNSET,
) -> Response[ErrorResponse | Run | RunAccepted]:
    """Rerun a run

     Starts a new run with the same target and input as this one. The new run's `execution.retry` names
    this run
    as `previousRunId`. Holds and idempotency work as for starting a run.

    Args:
        id (str):
        wait_for_completion (int | Unset):
        version (str | Unset):
        idempotency_key (str | Unset):
        x_eigenpal_trigger (TriggerType | Unset): What a client says started a run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Run | RunAccepted]
    """

    kwargs = _get_kwargs(
        id=id,
        wait_for_completion=wait_for_completion,
        version=version,
        idempotency_key=idempotency_key,
        x_eigenpal_trigger=x_eigenpal_trigger,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    wait_for_completion: int | Unset = UNSET,
    version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    x_eigenpal_trigger: TriggerType | Unset = UNSET,
) -> ErrorResponse | Run | RunAccepted | None:
    """Rerun a run

     Starts a new run with the same target and input as this one. The new run's `execution.retry` names
    this run
    as `previousRunId`. Holds and idempotency work as for starting a run.

    Args:
        id (str):
        wait_for_completion (int | Unset):
        version (str | Unset):
        idempotency_key (str | Unset):
        x_eigenpal_trigger (TriggerType | Unset): What a client says started a run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Run | RunAccepted
    """

    return sync_detailed(
        id=id,
        client=client,
        wait_for_completion=wait_for_completion,
        version=version,
        idempotency_key=idempotency_key,
        x_eigenpal_trigger=x_eigenpal_trigger,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    wait_for_completion: int | Unset = UNSET,
    version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    x_eigenpal_trigger: TriggerType | Unset = UNSET,
) -> Response[ErrorResponse | Run | RunAccepted]:
    """Rerun a run

     Starts a new run with the same target and input as this one. The new run's `execution.retry` names
    this run
    as `previousRunId`. Holds and idempotency work as for starting a run.

    Args:
        id (str):
        wait_for_completion (int | Unset):
        version (str | Unset):
        idempotency_key (str | Unset):
        x_eigenpal_trigger (TriggerType | Unset): What a client says started a run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Run | RunAccepted]
    """

    kwargs = _get_kwargs(
        id=id,
        wait_for_completion=wait_for_completion,
        version=version,
        idempotency_key=idempotency_key,
        x_eigenpal_trigger=x_eigenpal_trigger,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    wait_for_completion: int | Unset = UNSET,
    version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    x_eigenpal_trigger: TriggerType | Unset = UNSET,
) -> ErrorResponse | Run | RunAccepted | None:
    """Rerun a run

     Starts a new run with the same target and input as this one. The new run's `execution.retry` names
    this run
    as `previousRunId`. Holds and idempotency work as for starting a run.

    Args:
        id (str):
        wait_for_completion (int | Unset):
        version (str | Unset):
        idempotency_key (str | Unset):
        x_eigenpal_trigger (TriggerType | Unset): What a client says started a run.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Run | RunAccepted
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            wait_for_completion=wait_for_completion,
            version=version,
            idempotency_key=idempotency_key,
            x_eigenpal_trigger=x_eigenpal_trigger,
        )
    ).parsed
