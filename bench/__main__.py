"""`python -m bench`: every speed figure the README quotes."""

from __future__ import annotations

from bench import offline

raise SystemExit(offline.main())
