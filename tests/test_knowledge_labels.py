from __future__ import annotations

import pytest

from coach.knowledge import knowledge, label
from coach.schemas import CAUTION_IDS, PREVENTION_IDS, REASON_IDS, STRATEGY_IDS


@pytest.mark.parametrize(
    ("kind", "ids"),
    [
        ("reasons", REASON_IDS),
        ("strategies", STRATEGY_IDS),
        ("cautions", CAUTION_IDS),
        ("prevention", PREVENTION_IDS),
    ],
)
def test_every_taxonomy_id_has_labels_in_both_languages(kind: str, ids: tuple[str, ...]) -> None:
    assert set(knowledge()[kind]) == set(ids)
    for item_id in ids:
        assert label(kind, item_id, "ja")  # type: ignore[arg-type]
        assert label(kind, item_id, "en")  # type: ignore[arg-type]
