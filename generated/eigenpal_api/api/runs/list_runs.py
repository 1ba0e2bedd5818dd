from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.run_list import RunList
from ...models.run_status import RunStatus
from ...models.run_type import RunType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: RunType | Unset = UNSET,
    source: str | Unset = UNSET,
    status: list[RunStatus] | Unset = UNSET,
    tag: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["source"] = source

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    if not isinstance(json_status, Unset):
        params["status"] = ",".join(json_status)

    params["tag"] = tag

    json_ids: list[str] | Unset = UNSET
    if not isinstance(ids, Unset):
        json_ids = ids

    if not isinstance(json_ids, Unset):
        params["ids"] = ",".join(json_ids)

    params["from"] = from_

    params["to"] = to

    params["cursor"] = cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/runs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | RunList | None:
    if response.status_code == 200:
        response_200 = RunList._from_json(response.json())
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
) -> Response[ErrorResponse | RunList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    type_: RunType | Unset = UNSET,
    source: str | Unset = UNSET,
    status: list[RunStatus] | Unset = UNSET,
    tag: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | RunList]:
    """List runs

     Lists runs, newest first, filtered by every given filter. Pass `nextCursor` of one page as `cursor`
    to get the
    next; pages neither repeat nor skip a run while new runs arrive. List items never carry `output` or
    `files`.

    Args:
        type_ (RunType | Unset): The kind of automation a run executes.
        source (str | Unset):
        status (list[RunStatus] | Unset):
        tag (str | Unset):
        ids (list[str] | Unset):
        from_ (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        to (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunList]
    """

    kwargs = _get_kwargs(
        type_=type_,
        source=source,
        status=status,
        tag=tag,
        ids=ids,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    type_: RunType | Unset = UNSET,
    source: str | Unset = UNSET,
    status: list[RunStatus] | Unset = UNSET,
    tag: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | RunList | None:
    """List runs

     Lists runs, newest first, filtered by every given filter. Pass `nextCursor` of one page as `cursor`
    to get the
    next; pages neither repeat nor skip a run while new runs arrive. List items never carry `output` or
    `files`.

    Args:
        type_ (RunType | Unset): The kind of automation a run executes.
        source (str | Unset):
        status (list[RunStatus] | Unset):
        tag (str | Unset):
        ids (list[str] | Unset):
        from_ (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        to (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunList
    """

    return sync_detailed(
        client=client,
        type_=type_,
        source=source,
        status=status,
        tag=tag,
        ids=ids,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    type_: RunType | Unset = UNSET,
    source: str | Unset = UNSET,
    status: list[RunStatus] | Unset = UNSET,
    tag: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ErrorResponse | RunList]:
    """List runs

     Lists runs, newest first, filtered by every given filter. Pass `nextCursor` of one page as `cursor`
    to get the
    next; pages neither repeat nor skip a run while new runs arrive. List items never carry `output` or
    `files`.

    Args:
        type_ (RunType | Unset): The kind of automation a run executes.
        source (str | Unset):
        status (list[RunStatus] | Unset):
        tag (str | Unset):
        ids (list[str] | Unset):
        from_ (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        to (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RunList]
    """

    kwargs = _get_kwargs(
        type_=type_,
        source=source,
        status=status,
        tag=tag,
        ids=ids,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    type_: RunType | Unset = UNSET,
    source: str | Unset = UNSET,
    status: list[RunStatus] | Unset = UNSET,
    tag: str | Unset = UNSET,
    ids: list[str] | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ErrorResponse | RunList | None:
    """List runs

     Lists runs, newest first, filtered by every given filter. Pass `nextCursor` of one page as `cursor`
    to get the
    next; pages neither repeat nor skip a run while new runs arrive. List items never carry `output` or
    `files`.

    Args:
        type_ (RunType | Unset): The kind of automation a run executes.
        source (str | Unset):
        status (list[RunStatus] | Unset):
        tag (str | Unset):
        ids (list[str] | Unset):
        from_ (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        to (str | Unset): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`,
            `now()-7d`; units s, m, h, d, w).
        cursor (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RunList
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            source=source,
            status=status,
            tag=tag,
            ids=ids,
            from_=from_,
            to=to,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
