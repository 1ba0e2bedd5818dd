"""What touches the outside world: httpx clients, hooks and transports, sockets, DNS, files on disk.

It may use :mod:`eigenpal_ext._core`; the core never uses it.
"""
