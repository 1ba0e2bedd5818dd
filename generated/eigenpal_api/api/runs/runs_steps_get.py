from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_envelope import ApiErrorEnvelope
from ...types import Response


def _get_kwargs(
    id: str,
    step_execution_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs/{id}/steps/{step_execution_id}".format(
            id=quote(str(id), safe=""),
            step_execution_id=quote(str(step_execution_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ApiErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 400:
        response_400 = ApiErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ApiErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ApiErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = ApiErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ApiErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ApiErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ApiErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    step_execution_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ApiErrorEnvelope]:
    """Get a run step

     Return the full single step execution (including input/output) for on-demand inspection. The step
    must belong to this run or a child invoke-workflow run.

    Args:
        id (str): Run id
        step_execution_id (str): Step execution id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiErrorEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        step_execution_id=step_execution_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    step_execution_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ApiErrorEnvelope | None:
    """Get a run step

     Return the full single step execution (including input/output) for on-demand inspection. The step
    must belong to this run or a child invoke-workflow run.

    Args:
        id (str): Run id
        step_execution_id (str): Step execution id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiErrorEnvelope
    """

    return sync_detailed(
        id=id,
        step_execution_id=step_execution_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    step_execution_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ApiErrorEnvelope]:
    """Get a run step

     Return the full single step execution (including input/output) for on-demand inspection. The step
    must belong to this run or a child invoke-workflow run.

    Args:
        id (str): Run id
        step_execution_id (str): Step execution id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiErrorEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        step_execution_id=step_execution_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    step_execution_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ApiErrorEnvelope | None:
    """Get a run step

     Return the full single step execution (including input/output) for on-demand inspection. The step
    must belong to this run or a child invoke-workflow run.

    Args:
        id (str): Run id
        step_execution_id (str): Step execution id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiErrorEnvelope
    """

    return (
        await asyncio_detailed(
            id=id,
            step_execution_id=step_execution_id,
            client=client,
        )
    ).parsed
