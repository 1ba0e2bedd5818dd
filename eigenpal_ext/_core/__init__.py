"""Pure decisions: what to send, how long to wait, whether to retry, what an answer means.

Nothing here imports httpx or :mod:`eigenpal_ext._transport` (checked by import-linter in the test command):
the sync and async loops above drive these decisions and do the I/O.
"""
