"""The analyses as methods of `Store`, for notebooks: ``store.timeline("Microsoft", "OpenAI")``.

`Store` inherits this mixin, so ``database.py`` stays about storage; each method is one line that
calls the function of the same name in `newstide.analysis` (where the documentation lives).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from newstide.analysis.timeline import TurningPoint


class StoreAnalysis:
    """Pair timelines, turning points, pairs, interactions and the graph of a store."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError  # provided by Store

    def timeline(self, a: str, b: str, by: str | None = None, **filters: Any) -> pd.DataFrame:
        """A pair's timeline: see `newstide.analysis.timeline`."""
        from newstide.analysis.timeline import timeline

        return timeline(self, a, b, by, **filters)

    def turning_points(
        self, a: str, b: str, by: str | None = None, **filters: Any
    ) -> list[TurningPoint]:
        """Where a pair's tone turned: see `newstide.analysis.turning_points`."""
        from newstide.analysis.timeline import turning_points

        return turning_points(self, a, b, by, **filters)

    def pairs(self, org: str | None = None, **filters: Any) -> pd.DataFrame:
        """Pairs of organizations that interact: see `newstide.analysis.pairs`."""
        from newstide.analysis.pairs import pairs

        return pairs(self, org, **filters)

    def interactions(self, a: str, b: str, **filters: Any) -> pd.DataFrame:
        """Every interaction between two organizations: see `newstide.analysis.interactions`."""
        from newstide.analysis.pairs import interactions

        return interactions(self, a, b, **filters)

    def graph(self, **filters: Any) -> nx.Graph:
        """The relationship graph: see `newstide.analysis.graph`."""
        from newstide.analysis.graph import graph

        return graph(self, **filters)
