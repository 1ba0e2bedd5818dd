"""The one waiting engine, pure: waiting for one run, for many runs, and a batch's starting-and-watching.

* :mod:`._steps`: what a flow asks its driver to do (read, list, start, cancel, sleep) and hands on (a new state,
  an input's outcome), and :class:`~._steps.Steps`, which walks any flow for the drivers.
* :mod:`._in_flight`: the bookkeeping of runs in flight, and the one *look* at them (a list request per 100 runs,
  a full read of each the list shows finished) that a wait for many runs and a batch on list ticks share.
* :mod:`._flows`: the flows themselves (:func:`~._flows.wait_flow`, :func:`~._flows.many_flow`,
  :func:`~._flows.ticks_flow`).

Every pause and hold rule they follow is :mod:`eigenpal_ext._core._wait_rules`; retries are :mod:`.._retry`; the
only time they know is the public call's :class:`~eigenpal_ext._core._deadline.Deadline`. The drivers are
``_async/_waiter.py`` and ``_async/_batch.py`` (and their generated sync twins): they perform the actions and sleep.
"""
