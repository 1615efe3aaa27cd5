"""The relationship graph: organizations as nodes, interactions as weighted, toned edges, with
communities, and its exports (GEXF, GraphML, node-link JSON)."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newstide.analysis.filters import Filters, Queryable
from newstide.analysis.pairs import pairs
from newstide.errors import AnalysisInputError
from newstide.settings import AnalysisSettings, default_settings

if TYPE_CHECKING:
    import networkx as nx

#: File suffixes `export_graph` writes, by format name.
GRAPH_FORMATS = {".gexf": "gexf", ".graphml": "graphml", ".json": "json"}


def graph(
    store: Queryable,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    *,
    min_confidence: float = 0.0,
    max_edges: int | None = None,
    settings: AnalysisSettings | None = None,
) -> nx.Graph:
    """Who is close to whom: a networkx graph of the organizations that interact.

    Args:
        store: What to read.
        since, until, types, language, min_confidence: As for `timeline` (the minimum
            confidence keeps edges, and so nodes, but not ``mentions``, which count articles).
        max_edges: Keep only the heaviest edges (default: all).
        settings: Analysis settings (community resolution and seed).

    Returns:
        An undirected graph. Nodes are entity ids with ``name`` (also ``label``), ``mentions``
        (in the filtered articles), ``interactions`` (weighted degree), ``tone`` and
        ``community`` (0 is the largest). Edges have ``weight`` (interaction count), ``tone``
        (confidence-weighted mean), ``first``, ``last`` (ISO dates), ``type`` (the
        most frequent) and ``types`` (``type=count`` pairs, space-separated).
    """
    import networkx as nx  # imported here: the CLI and the store do not need it to start

    settings = settings or default_settings().analysis
    edges = pairs(
        store, None, types, language, since, until, max_edges,
        min_confidence=min_confidence, stories=False, settings=settings,
    )  # fmt: skip
    g = nx.Graph()
    for row in edges.to_dict("records"):
        counts: dict[str, int] = dict(row["types"] or {})
        for node, name in ((row["a"], row["a_name"]), (row["b"], row["b_name"])):
            if node not in g:
                g.add_node(node, name=name, label=name)
        tone = row["tone"]
        g.add_edge(
            row["a"],
            row["b"],
            weight=int(row["interactions"]),
            tone=0.0 if tone is None or math.isnan(tone) else round(float(tone), 4),
            first=_iso(row["first"]),
            last=_iso(row["last"]),
            type=max(sorted(counts), key=lambda t: counts[t]) if counts else "",
            types=" ".join(f"{t}={counts[t]}" for t in sorted(counts)),
        )
    mentions = _mention_counts(store, list(g.nodes), Filters.of(None, language, since, until))
    for node, data in g.nodes(data=True):
        data["mentions"] = mentions.get(node, 0)
        weights = [d["weight"] for _, _, d in g.edges(node, data=True)]
        tones = [d["tone"] * d["weight"] for _, _, d in g.edges(node, data=True)]
        data["interactions"] = sum(weights)
        data["tone"] = round(sum(tones) / sum(weights), 4) if weights else 0.0
    communities = (
        nx.community.louvain_communities(
            g,
            weight="weight",
            resolution=settings.community_resolution,
            seed=settings.community_seed,
        )
        if g.number_of_edges()
        else []
    )
    ranked = sorted(communities, key=lambda c: (-len(c), min(c)))
    for index, members in enumerate(ranked):
        for node in members:
            g.nodes[node]["community"] = index
    return g


def _iso(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        return str(value.date().isoformat())
    except (AttributeError, ValueError):
        return ""


def _mention_counts(store: Queryable, ids: list[str], filters: Filters) -> dict[str, int]:
    """How often each entity is mentioned in the articles the filters keep."""
    if not ids:
        return {}
    where, params = filters.article_sql()
    join = "JOIN articles ar ON ar.id = m.article_id" if where else ""
    rows = store.query(
        f"SELECT m.entity_id, count(*) FROM mentions m {join} "
        f"WHERE list_contains(?, m.entity_id) {where} GROUP BY m.entity_id",
        [ids, *params],
    )
    return {str(i): int(n) for i, n in rows}


def graph_json(g: nx.Graph) -> dict[str, Any]:
    """The graph as node-link JSON (``nodes`` and ``edges``), as D3 and Cytoscape readers take."""
    import networkx as nx

    data: dict[str, Any] = nx.node_link_data(g, edges="edges")
    return data


def export_graph(g: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write the graph as GEXF, GraphML or node-link JSON, chosen by the file's suffix.

    Raises:
        AnalysisInputError: The suffix is not ``.gexf``, ``.graphml`` or ``.json``.
    """
    import networkx as nx

    target = Path(path)
    kind = GRAPH_FORMATS.get(target.suffix.lower())
    if kind is None:
        raise AnalysisInputError(
            f"cannot tell the graph format of {target.name}",
            f"end the file name with one of: {', '.join(GRAPH_FORMATS)}",
        )
    if kind == "gexf":
        nx.write_gexf(g, target)
    elif kind == "graphml":
        nx.write_graphml(g, target)
    else:
        target.write_text(json.dumps(graph_json(g), ensure_ascii=False), encoding="utf-8")
    return target
