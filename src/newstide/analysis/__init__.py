"""Analyses over a store: pair timelines, turning points, pairs, interactions and the graph.

Each is a query over the store's tables at call time (no second copy of the truth) and returns a
pandas DataFrame or a networkx graph. The same functions are `Store` methods
(``store.timeline(a, b)``) through `StoreAnalysis`.
"""

from newstide.analysis.entities import (
    EntityRef,
    OrganizationHit,
    OrganizationSummary,
    organization,
    organizations,
    resolve,
    search,
)
from newstide.analysis.exports import export_tables
from newstide.analysis.filters import Filters
from newstide.analysis.graph import export_graph, graph, graph_json
from newstide.analysis.pairs import active_organizations, interactions, pairs, partners_over_time
from newstide.analysis.plot import plot_timeline
from newstide.analysis.store_methods import StoreAnalysis
from newstide.analysis.timeline import (
    TurningPoint,
    detect_changes,
    timeline,
    timeline_record,
    turning_points,
)
from newstide.errors import AnalysisInputError, UnknownEntityError

__all__ = [
    "AnalysisInputError",
    "EntityRef",
    "Filters",
    "OrganizationHit",
    "OrganizationSummary",
    "StoreAnalysis",
    "TurningPoint",
    "UnknownEntityError",
    "active_organizations",
    "detect_changes",
    "export_graph",
    "export_tables",
    "graph",
    "graph_json",
    "interactions",
    "organization",
    "organizations",
    "pairs",
    "partners_over_time",
    "plot_timeline",
    "resolve",
    "search",
    "timeline",
    "timeline_record",
    "turning_points",
]
