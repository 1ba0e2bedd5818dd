"""The async client, the one source of the client code: requests, waits, starts, resources, handles.

``eigenpal_ext/_sync`` is generated from this package by ``scripts/unasync`` and checked in; the test command fails
when the two drift apart. Code that does no I/O (plans, flows, retry decisions, checks) lives outside both, once.
"""
