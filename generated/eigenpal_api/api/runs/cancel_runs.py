from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_many_request import CancelManyRequest
from ...models.cancel_many_result import CancelManyResult
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CancelManyRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/runs/cancel",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CancelManyResult | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CancelManyResult._from_json(response.json())
        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse._from_json(response.json())
        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse._from_json(response.json())
        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse._from_json(response.json())
        return response_403

    if response.status_code == 413:
        response_413 = ErrorResponse._from_json(response.json())
        return response_413

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
) -> Response[CancelManyResult | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CancelManyRequest,
) -> Response[CancelManyResult | ErrorResponse]:
    """Cancel many runs

     Cancels every non-terminal run that matches all the given filters; at least one filter is required.
    Runs
    not yet picked up are cancelled at once, running ones are asked to stop at their next checkpoint.

    Args:
        body (CancelManyRequest): The runs to cancel; at least one filter is required, and a run
            must match all of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelManyResult | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CancelManyRequest,
) -> CancelManyResult | ErrorResponse | None:
    """Cancel many runs

     Cancels every non-terminal run that matches all the given filters; at least one filter is required.
    Runs
    not yet picked up are cancelled at once, running ones are asked to stop at their next checkpoint.

    Args:
        body (CancelManyRequest): The runs to cancel; at least one filter is required, and a run
            must match all of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelManyResult | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CancelManyRequest,
) -> Response[CancelManyResult | ErrorResponse]:
    """Cancel many runs

     Cancels every non-terminal run that matches all the given filters; at least one filter is required.
    Runs
    not yet picked up are cancelled at once, running ones are asked to stop at their next checkpoint.

    Args:
        body (CancelManyRequest): The runs to cancel; at least one filter is required, and a run
            must match all of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelManyResult | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CancelManyRequest,
) -> CancelManyResult | ErrorResponse | None:
    """Cancel many runs

     Cancels every non-terminal run that matches all the given filters; at least one filter is required.
    Runs
    not yet picked up are cancelled at once, running ones are asked to stop at their next checkpoint.

    Args:
        body (CancelManyRequest): The runs to cancel; at least one filter is required, and a run
            must match all of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelManyResult | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
