"""`python -m bench`: every speed figure the README quotes."""

from __future__ import annotations

from bench import llm, offline, rails, startup

status = offline.main()
print()
status |= startup.main()
print()
status |= rails.main([])
print()
llm.main()
raise SystemExit(status)
