"""`python -m evals`: reason accuracy, then the rails' recall, false positives and block rates."""

from __future__ import annotations

from evals import rails, reasons

status = reasons.main([])
print()
status |= rails.main()
raise SystemExit(status)
