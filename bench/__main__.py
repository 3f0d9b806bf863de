"""`python -m bench`: every speed figure the README quotes."""

from __future__ import annotations

from bench import offline, rails

status = offline.main()
print()
status |= rails.main([])
raise SystemExit(status)
