"""`python -m evals`: reason accuracy, then the rails' recall, false positives and block rates.

The blind sets were written from the taxonomy alone; the holdout halves are only measured,
never tuned on, so they show how the offline rules fare on wording nobody anticipated.
"""

from __future__ import annotations

from evals import rails, reasons, semantic

CASES = reasons.CASES_PATH.parent
for title, path in (
    ("Reason evals (tuning set)", reasons.CASES_PATH),
    ("Reason evals, blind dev set", CASES / "blind_reasons_dev.jsonl"),
    ("Reason evals, blind holdout set (measured only)", CASES / "blind_reasons_holdout.jsonl"),
):
    print(f"== {title}")
    reasons.main([str(path)])
    print()
status = rails.main()
print()
semantic.main(["--split", "test"])
raise SystemExit(status)
