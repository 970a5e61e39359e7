"""``python -m wegweiser.rules``: the same command line as the ``wegweiser`` script (``wegweiser.cli``)."""

from wegweiser.cli import main

raise SystemExit(main())
