from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.expand_token import ExpandToken
from ...models.run import Run
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    expand: list[ExpandToken] | Unset = UNSET,
    wait_for_completion: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_expand: list[str] | Unset = UNSET
    if not isinstance(expand, Unset):
        json_expand = []
        for expand_item_data in expand:
            expand_item = expand_item_data.value
            json_expand.append(expand_item)

    if not isinstance(json_expand, Unset):
        params["expand"] = ",".join(json_expand)

    params["wait_for_completion"] = wait_for_completion

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | Run | None:
    if response.status_code == 200:
        response_200 = Run._from_json(response.json())
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

    if response.status_code == 404:
        response_404 = ErrorResponse._from_json(response.json())
        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | Run]:
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
    expand: list[ExpandToken] | Unset = UNSET,
    wait_for_completion: int | Unset = UNSET,
) -> Response[ErrorResponse | Run]:
    """Get a run

     Reads one run. Terminal runs carry `output` and `files` (completed) or `error` (failed, cancelled,
    rejected)
    at the top level. `expand` adds optional sections in place. With `wait_for_completion` the server
    may hold
    the request until the run is terminal; a server that ignores it answers at once.

    Args:
        id (str):
        expand (list[ExpandToken] | Unset):
        wait_for_completion (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Run]
    """

    kwargs = _get_kwargs(
        id=id,
        expand=expand,
        wait_for_completion=wait_for_completion,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    expand: list[ExpandToken] | Unset = UNSET,
    wait_for_completion: int | Unset = UNSET,
) -> ErrorResponse | Run | None:
    """Get a run

     Reads one run. Terminal runs carry `output` and `files` (completed) or `error` (failed, cancelled,
    rejected)
    at the top level. `expand` adds optional sections in place. With `wait_for_completion` the server
    may hold
    the request until the run is terminal; a server that ignores it answers at once.

    Args:
        id (str):
        expand (list[ExpandToken] | Unset):
        wait_for_completion (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Run
    """

    return sync_detailed(
        id=id,
        client=client,
        expand=expand,
        wait_for_completion=wait_for_completion,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    expand: list[ExpandToken] | Unset = UNSET,
    wait_for_completion: int | Unset = UNSET,
) -> Response[ErrorResponse | Run]:
    """Get a run

     Reads one run. Terminal runs carry `output` and `files` (completed) or `error` (failed, cancelled,
    rejected)
    at the top level. `expand` adds optional sections in place. With `wait_for_completion` the server
    may hold
    the request until the run is terminal; a server that ignores it answers at once.

    Args:
        id (str):
        expand (list[ExpandToken] | Unset):
        wait_for_completion (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Run]
    """

    kwargs = _get_kwargs(
        id=id,
        expand=expand,
        wait_for_completion=wait_for_completion,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    expand: list[ExpandToken] | Unset = UNSET,
    wait_for_completion: int | Unset = UNSET,
) -> ErrorResponse | Run | None:
    """Get a run

     Reads one run. Terminal runs carry `output` and `files` (completed) or `error` (failed, cancelled,
    rejected)
    at the top level. `expand` adds optional sections in place. With `wait_for_completion` the server
    may hold
    the request until the run is terminal; a server that ignores it answers at once.

    Args:
        id (str):
        expand (list[ExpandToken] | Unset):
        wait_for_completion (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Run
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            expand=expand,
            wait_for_completion=wait_for_completion,
        )
    ).parsed
