"""The package version: the one place it is written (pyproject.toml reads it from here).

Not read back through importlib.metadata: that import alone costs about 40 ms, more than the rest of the
package, and start-up time is one of this library's promises.
"""

__version__ = "0.1.0"
