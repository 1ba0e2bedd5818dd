"""``python -m eigenpal_ext.cli``: the ``eigenpal`` command line."""

import sys

from . import main

sys.exit(main())
