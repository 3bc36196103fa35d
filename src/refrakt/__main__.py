"""``python -m refrakt``: the same as the ``refrakt`` console script."""

from refrakt.cli import main

raise SystemExit(main())
