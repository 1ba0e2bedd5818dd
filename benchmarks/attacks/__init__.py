"""Hostile cases measured as a user feels them, before and after a fix: ``python -m benchmarks.attacks``.

Each area module (``storms``, ``bombs``, ...) defines ``ATTACKS: list[Attack]``; see :mod:`._kit`.
"""
