"""`python -m simulator` is the same as `callin`."""

from simulator.cli import main

raise SystemExit(main())
