"""The benchmark and soak behind `scripts/bench` and `scripts/soak`: figures for speed, scale and "nothing lost".

Both talk to the local Eigenpal server (`eigenpal_local`) on loopback, in a separate process so that the
server's CPU and memory are not counted against the client. Run them from the repository root:
`python -m benchmarks.bench` and `python -m benchmarks.soak` (the scripts set up the environment first).
"""
