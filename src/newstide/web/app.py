"""The dashboard and its JSON API: one FastAPI app over snapshots of a store.

Pages are rendered on the server from Jinja2 templates (autoescaped); the only scripts are static
files (the graph page's and the API docs'), so the Content-Security-Policy forbids inline script.
Every page has a JSON twin under ``/api/`` computed by the same function. Queries are the
`newstide.analysis` functions, all parameterised.
"""

import datetime as dt
import logging
import math
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
import pandas as pd
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newstide.analysis.entities import EntityRef, resolve, search
from newstide.analysis.filters import Filters, check_confidence, check_period
from newstide.analysis.graph import graph as build_graph
from newstide.analysis.graph import graph_json
from newstide.analysis.pairs import (
    INTERACTION_COLUMNS,
    active_organizations,
    count_pair_interactions,
    pair_interactions,
    pairs,
    partners_over_time,
)
from newstide.analysis.timeline import timeline, timeline_record, turning_points
from newstide.errors import AnalysisInputError, UnknownEntityError
from newstide.nlp.timeref import describe_reference
from newstide.settings import Settings, default_settings
from newstide.web import models
from newstide.web.render import (
    Span,
    iso_date,
    path_segment,
    safe_url,
    segments,
    timeline_chart,
    tone_class,
    tone_text,
)
from newstide.web.security import Guard
from newstide.web.snapshot import Reader, Snapshots

log = logging.getLogger(__name__)

_PACKAGE = resources.files("newstide.web")


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newstide.web", "templates"),
        autoescape=True,  # every value reaching a page is escaped, whatever the template
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        tone_class=tone_class,
        tone=tone_text,
        seg=path_segment,
        date=iso_date,
        reference=describe_reference,
    )
    return env


@dataclass(frozen=True, slots=True)
class _Params:
    """The filters every analysis page and route takes from its query string."""

    types: tuple[str, ...]
    language: str | None
    since: str | None
    until: str | None
    min_confidence: float = 0.0

    def filters(self) -> Filters:
        return Filters.of(**self.kwargs())

    def kwargs(self) -> dict[str, Any]:
        return {
            "types": self.types,
            "language": self.language,
            "since": self.since,
            "until": self.until,
            "min_confidence": self.min_confidence,
        }

    def key(self) -> tuple[Any, ...]:
        return tuple(self.kwargs().values())


def _params(
    type: Annotated[list[str] | None, Query(description="interaction types to keep")] = None,
    language: Annotated[str | None, Query(max_length=16, description="article language")] = None,
    since: Annotated[str | None, Query(max_length=32, description="ISO date, inclusive")] = None,
    until: Annotated[str | None, Query(max_length=32, description="ISO date, inclusive")] = None,
    min_confidence: Annotated[
        str | None,
        Query(max_length=32, description="keep interactions at least this confident, 0 to 1"),
    ] = None,
) -> _Params:
    kept = tuple(t for t in (type or []) if t)[:16]
    if any(len(t) > 32 for t in kept):
        raise AnalysisInputError("an interaction type is at most 32 characters")
    confidence = check_confidence(min_confidence)  # text: the form's empty field means 0
    params = _Params(kept, language or None, since or None, until or None, confidence)
    params.filters()  # malformed dates fail here, as a 422
    return params


Params = Annotated[_Params, Depends(_params)]


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    snapshot_dir: Path | None = None,
) -> FastAPI:
    """The dashboard app for one store.

    Args:
        db: The store file. The app reads snapshot copies of it and never locks it, so an
            ingest can write to it meanwhile (see `newstide.web.snapshot`).
        token: When set, every page and API route requires it.
        settings: newstide settings (default: the shipped ones).
        snapshot_dir: Where to keep snapshot copies (default: a temporary folder).

    Returns:
        An ASGI app (FastAPI, wrapped in the security `Guard`) to run with uvicorn.

    Raises:
        StoreError: The store does not exist or cannot be copied.
    """
    settings = settings or default_settings()
    web = settings.web
    analysis = settings.analysis
    snapshots = Snapshots(db, web.snapshot_refresh_seconds, snapshot_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        snapshots.watch()
        yield
        snapshots.close()

    app = FastAPI(
        title="newstide",
        summary="Relationships between organizations, as told by the news.",
        version=_version(),
        docs_url=None,  # FastAPI's docs page loads Swagger UI from a CDN; ours is local
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.snapshots = snapshots
    app.state.settings = settings
    env = _templates()
    app.mount("/static", StaticFiles(directory=str(_PACKAGE.joinpath("static"))), name="static")

    def reader() -> Iterator[Reader]:
        with snapshots.reader() as opened:
            yield opened

    Db = Annotated[Reader, Depends(reader)]

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("q", "")
        body = env.get_template(name).render(
            request=request,
            store_name=Path(db).name,
            snapshot_at=dt.datetime.fromtimestamp(snapshots.taken_at, dt.UTC),
            **context,
        )
        return HTMLResponse(body, status_code=status)

    _install_error_pages(app, page)

    # --- data shared by the pages and the API ----------------------------------------------

    def counts(r: Reader) -> dict[str, int]:
        def compute() -> dict[str, int]:
            row = r.query(
                """SELECT (SELECT count(*) FROM articles),
                          (SELECT count(DISTINCT story_id) FROM articles),
                          (SELECT count(*) FROM interactions),
                          (SELECT count(*) FROM entities WHERE kind = 'ORG')"""
            )[0]
            return dict(
                zip(("articles", "stories", "interactions", "organizations"), row, strict=True)
            )

        return dict(r.cached(("counts",), compute))

    def choices(r: Reader) -> dict[str, list[str]]:
        def compute() -> dict[str, list[str]]:
            types = [t for (t,) in r.query("SELECT DISTINCT type FROM interactions ORDER BY 1")]
            languages = [
                x for (x,) in r.query(
                    "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY 1"
                )
            ]  # fmt: skip
            return {"types": types, "languages": languages}

        return dict(r.cached(("choices",), compute))

    def top_orgs(r: Reader, limit: int) -> pd.DataFrame:
        return r.cached(("orgs", limit), lambda: active_organizations(r, limit, settings=analysis))

    def top_pairs(r: Reader, limit: int) -> pd.DataFrame:
        return r.cached(("pairs", limit), lambda: pairs(r, limit=limit, settings=analysis))

    def latest_turning_points(r: Reader, limit: int) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            found: list[dict[str, Any]] = []
            for row in top_pairs(r, web.home_turning_point_pairs).to_dict("records"):
                a, b = EntityRef(row["a"], row["a_name"]), EntityRef(row["b"], row["b_name"])
                frame = timeline(r, a, b, settings=analysis)
                for point in turning_points(r, a, b, frame=frame, settings=analysis):
                    found.append({"a": a, "b": b, "point": point})
            found.sort(key=lambda f: (f["point"].date, f["a"].id), reverse=True)
            return found

        return list(r.cached(("turning_points",), compute))[:limit]

    def pair_data(
        r: Reader, a: str, b: str, by: str | None, params: _Params
    ) -> tuple[pd.DataFrame, list[Any]]:
        by = by or settings.analysis.period
        check_period(by)

        def compute() -> tuple[pd.DataFrame, list[Any]]:
            frame = timeline(r, a, b, by, **params.kwargs(), settings=analysis)
            points = turning_points(r, a, b, by, **params.kwargs(), frame=frame, settings=analysis)
            return frame, points

        result: tuple[pd.DataFrame, list[Any]] = r.cached(
            ("pair", a, b, by, *params.key()), compute
        )
        return result

    def interactions_page(
        r: Reader, a: EntityRef, b: EntityRef, params: _Params, limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        filters = params.filters()
        total = count_pair_interactions(r, a, b, filters)
        rows = pair_interactions(r, a, b, filters, limit, offset)
        return total, [dict(zip(INTERACTION_COLUMNS, row, strict=True)) for row in rows]

    def organization_data(r: Reader, name: str) -> dict[str, Any]:
        ref = resolve(r, name)
        partners = pairs(r, ref, settings=analysis)
        top = partners.head(12)["b"].tolist()
        over = partners_over_time(r, ref, "year", top, settings=analysis) if top else pd.DataFrame()
        row = r.query(
            "SELECT coalesce(e.aliases, []), "
            "(SELECT count(*) FROM mentions m WHERE m.entity_id = ?) "
            "FROM entities e WHERE e.id = ?",
            [ref.id, ref.id],
        )
        aliases, mentions = row[0] if row else ([], 0)
        return {
            "ref": ref,
            "aliases": list(aliases or []),
            "mentions": int(mentions),
            "partners": partners,
            "top": top,
            "over_time": over,
        }

    def article_data(r: Reader, article_id: str) -> dict[str, Any] | None:
        rows = r.query(
            """SELECT id, title, site, url, published, language, category, story_id, text,
                      coalesce(publisher_tldr, [])
               FROM articles WHERE id = ?""",
            [article_id],
        )
        if not rows:
            return None
        keys = ("id", "title", "site", "url", "published", "language", "category", "story_id",
                "text", "publisher_tldr")  # fmt: skip
        article = dict(zip(keys, rows[0], strict=True))
        article["sentences"] = [
            (int(i), int(s), int(e))
            for i, s, e in r.query(
                'SELECT "index", start, "end" FROM sentences WHERE article_id = ? ORDER BY "index"',
                [article_id],
            )
        ]
        article["mentions"] = [
            {"start": s, "end": e, "text": t, "kind": k, "entity_id": i, "name": n}
            for s, e, t, k, i, n in r.query(
                """SELECT m.start, m."end", m.text, m.kind, m.entity_id, en.name
                   FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id
                   WHERE m.article_id = ? ORDER BY m.start, m."end" DESC""",
                [article_id],
            )
        ]
        article["tldr"] = [
            {"text": t, "sentence": s}
            for t, s in r.query(
                'SELECT text, sentence FROM summaries WHERE article_id = ? ORDER BY "index"',
                [article_id],
            )
        ]
        keys2 = ("published", "refers_to", "a", "b", "type", "tone", "directed", "modality",
                 "confidence", "evidence", "article_id", "sentence", "title", "site", "language",
                 "story_id", "start", "end", "a_name", "b_name", "stated_in")  # fmt: skip
        article["interactions"] = [
            dict(zip(keys2, row, strict=True))
            for row in r.query(
                """SELECT coalesce(i.published, ar.published), i.refers_to, i.a, i.b, i.type,
                          i.tone, i.directed, i.modality, i.confidence, i.evidence, i.article_id,
                          i.sentence, ar.title, ar.site, ar.language, ar.story_id, i.start,
                          i."end", coalesce(ea.name, i.a), coalesce(eb.name, i.b),
                          coalesce(i.stated_in, [i.sentence])
                   FROM interactions i JOIN articles ar ON ar.id = i.article_id
                   LEFT JOIN entities ea ON ea.id = i.a LEFT JOIN entities eb ON eb.id = i.b
                   WHERE i.article_id = ? ORDER BY i.sentence, i.type""",
                [article_id],
            )
        ]
        return article

    def find_article(r: Reader, article_id: str) -> str | None:
        """The full id of an article named by its id or a unique prefix (8+ characters)."""
        if r.query("SELECT 1 FROM articles WHERE id = ?", [article_id]):
            return article_id
        if len(article_id) >= 8:
            rows = r.query("SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [article_id])
            if len(rows) == 1:
                return str(rows[0][0])
        return None

    def graph_data(r: Reader, params: _Params, max_edges: int) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            import networkx as nx

            g = build_graph(r, **params.kwargs(), max_edges=max_edges, settings=analysis)
            layout = (
                nx.spring_layout(g, seed=settings.analysis.community_seed, weight=None)
                if g.number_of_nodes()
                else {}
            )
            data = graph_json(g)
            for node in data["nodes"]:
                x, y = layout.get(node["id"], (0.0, 0.0))
                node["x"], node["y"] = round(float(x) * 600, 1), round(float(y) * 600, 1)
            communities: dict[int, list[str]] = {}
            for node in sorted(data["nodes"], key=lambda n: -n["interactions"]):
                communities.setdefault(node.get("community", 0), []).append(node["name"])
            return {"graph": data, "communities": sorted(communities.items())}

        return dict(r.cached(("graph", max_edges, *params.key()), compute))

    # --- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, r: Db) -> HTMLResponse:
        latest = r.query(
            "SELECT id, title, site, published, language FROM articles "
            "ORDER BY published DESC NULLS LAST, id LIMIT 10"
        )
        return page(
            request,
            "home.html",
            counts=counts(r),
            orgs=top_orgs(r, web.home_orgs).to_dict("records"),
            pairs=top_pairs(r, web.home_pairs).to_dict("records"),
            points=latest_turning_points(r, web.home_turning_points),
            latest=latest,
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        r: Db,
        q: Annotated[str, Query(max_length=web.max_query_chars)] = "",
    ) -> HTMLResponse:
        hits = search(r, q, 20) if q.strip() else []
        hits_with_partners = [
            (
                hit,
                pairs(r, EntityRef(hit.id, hit.name), limit=5, settings=analysis)
                if i < 8
                else None,
            )
            for i, hit in enumerate(hits)
        ]
        return page(
            request,
            "search.html",
            q=q,
            hits=hits_with_partners,
            articles=_article_hits(r, q) if q.strip() else [],
        )

    @app.get("/org/{name}", response_class=HTMLResponse, include_in_schema=False)
    def org_page(request: Request, name: str, r: Db) -> HTMLResponse:
        data = organization_data(r, name)
        partners = data["partners"].to_dict("records")
        years: list[int] = []
        cells: dict[tuple[str, int], dict[str, Any]] = {}
        if not data["over_time"].empty:
            for row in data["over_time"].to_dict("records"):
                year = row["period"].year
                cells[(row["partner"], year)] = row
            years = list(range(min(y for _, y in cells), max(y for _, y in cells) + 1))
        return page(
            request,
            "org.html",
            org=data["ref"],
            aliases=data["aliases"],
            mentions=data["mentions"],
            friends=[p for p in partners if _tone(p["tone"]) >= 0.15],
            rivals=[p for p in partners if _tone(p["tone"]) <= -0.15],
            mixed=[p for p in partners if -0.15 < _tone(p["tone"]) < 0.15],
            total=sum(p["interactions"] for p in partners),
            heat_rows=[p for p in partners if p["b"] in data["top"]],
            years=years,
            cells=cells,
        )

    @app.get("/pair/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def pair_page(
        request: Request,
        a: str,
        b: str,
        r: Db,
        params: Params,
        by: Annotated[str | None, Query(max_length=16)] = None,
        page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        frame, points = pair_data(r, a, b, by or None, params)
        first, second = frame.attrs["a"], frame.attrs["b"]
        size = web.page_size
        total, rows = interactions_page(r, first, second, params, size, (page_number - 1) * size)
        return page(
            request,
            "pair.html",
            a=first,
            b=second,
            by=frame.attrs["by"],
            frame=frame.to_dict("records"),
            type_names=frame.attrs["types"],
            chart=timeline_chart(frame, points),
            points=points,
            rows=rows,
            total=total,
            page_number=page_number,
            pages=max(1, math.ceil(total / size)),
            params=params,
            choices=choices(r),
            query_base=_query_without_page(request),
        )

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request,
        article_id: str,
        r: Db,
        hl: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    ) -> Response:
        found = find_article(r, article_id)
        if found is None:
            raise StarletteHTTPException(404, "no such article")
        if found != article_id:
            return RedirectResponse(f"/article/{path_segment(found)}", status_code=307)
        article = article_data(r, found)
        assert article is not None
        spans = {i: (s, e) for i, s, e in article["sentences"]}
        evidence = [
            Span(*(_span(x, spans) or (0, 0))) for x in article["interactions"] if _span(x, spans)
        ]
        focus = Span(*spans[hl]) if hl is not None and hl in spans else None
        text_segments = segments(
            article["text"],
            [
                Span(m["start"], m["end"], m["kind"], m["entity_id"], m["name"])
                for m in article["mentions"]
            ],
            evidence,
            [(i, s) for i, s, _ in article["sentences"]],
            focus,
        )
        return page(
            request,
            "article.html",
            article=article,
            link=safe_url(article["url"]),
            segments=text_segments,
        )

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page(request: Request, r: Db, params: Params) -> HTMLResponse:
        data = graph_data(r, params, web.graph_max_edges)
        return page(
            request,
            "graph.html",
            data=data["graph"],
            communities=data["communities"],
            params=params,
            choices=choices(r),
            max_edges=web.graph_max_edges,
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        icon = _PACKAGE.joinpath("static/favicon.svg").read_bytes()
        return Response(icon, media_type="image/svg+xml")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        body = env.get_template("docs.html").render(request=request)
        return HTMLResponse(body)

    # --- the JSON API -----------------------------------------------------------------------

    @app.get(
        "/api/status",
        response_model=models.StatusOut,
        summary="What is being served",
        tags=["store"],
    )
    def api_status(r: Db) -> dict[str, Any]:
        """What the dashboard is serving: the store, when its snapshot was taken, row counts."""
        return {
            "store": Path(db).name,
            "snapshot_taken_at": dt.datetime.fromtimestamp(snapshots.taken_at, dt.UTC),
            "stale": snapshots.stale,
            "counts": counts(r),
        }

    @app.get(
        "/api/organizations",
        response_model=list[models.OrganizationOut],
        summary="Most active organizations",
        tags=["organizations"],
    )
    def api_organizations(
        r: Db,
        params: Params,
        limit: Annotated[int, Query(ge=1, le=web.max_page_size)] = 20,
    ) -> list[dict[str, Any]]:
        """The organizations with the most interactions."""
        frame = active_organizations(r, limit, **params.kwargs(), settings=analysis)
        return _records(frame)

    @app.get(
        "/api/search",
        response_model=models.SearchOut,
        summary="Search organizations and headlines",
        tags=["organizations"],
    )
    def api_search(
        r: Db,
        q: Annotated[str, Query(max_length=web.max_query_chars)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        """Organizations whose name, alias or id contains ``q``, and articles whose title does."""
        hits = search(r, q, limit)
        return {
            "q": q,
            "organizations": [
                {
                    "id": h.id,
                    "name": h.name,
                    "aliases": list(h.aliases),
                    "interactions": h.interactions,
                }
                for h in hits
            ],
            "articles": _article_hits(r, q, limit),
        }

    @app.get(
        "/api/org/{name}",
        response_model=models.OrganizationPageOut,
        summary="One organization and its partners",
        tags=["organizations"],
    )
    def api_org(name: str, r: Db) -> dict[str, Any]:
        """One organization (by id, name or alias): its partners by volume and tone, per year."""
        data = organization_data(r, name)
        return {
            "id": data["ref"].id,
            "name": data["ref"].name,
            "aliases": data["aliases"],
            "mentions": data["mentions"],
            "interactions": int(data["partners"]["interactions"].sum()),
            "partners": _records(data["partners"]),
            "over_time": _records(data["over_time"]),
        }

    @app.get(
        "/api/pairs",
        response_model=list[models.PairOut],
        summary="Pairs of organizations",
        tags=["pairs"],
    )
    def api_pairs(
        r: Db,
        params: Params,
        org: Annotated[str | None, Query(max_length=web.max_query_chars)] = None,
        limit: Annotated[int, Query(ge=1, le=web.max_page_size)] = 50,
    ) -> list[dict[str, Any]]:
        """Pairs of organizations that interact, the most active first (optionally with ``org``)."""
        return _records(pairs(r, org or None, **params.kwargs(), limit=limit, settings=analysis))

    @app.get(
        "/api/pair/{a}/{b}",
        response_model=models.TimelineOut,
        summary="A pair's timeline and turning points",
        tags=["pairs"],
    )
    def api_pair(
        a: str,
        b: str,
        r: Db,
        params: Params,
        by: Annotated[
            str | None, Query(max_length=16, description="week, month or quarter")
        ] = None,
    ) -> dict[str, Any]:
        """A pair's timeline and turning points: the same JSON as ``newstide timeline --json``."""
        frame, points = pair_data(r, a, b, by or None, params)
        return timeline_record(frame, points)

    @app.get(
        "/api/pair/{a}/{b}/interactions",
        response_model=models.InteractionsOut,
        summary="A pair's interactions",
        tags=["pairs"],
    )
    def api_pair_interactions(
        a: str,
        b: str,
        r: Db,
        params: Params,
        limit: Annotated[int, Query(ge=1, le=web.max_page_size)] = web.page_size,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    ) -> dict[str, Any]:
        """Every interaction of a pair, oldest first, with its evidence sentence and article."""
        first, second = resolve(r, a), resolve(r, b)
        total, rows = interactions_page(r, first, second, params, limit, offset)
        return {
            "a": {"id": first.id, "name": first.name},
            "b": {"id": second.id, "name": second.name},
            "total": total,
            "offset": offset,
            "limit": limit,
            "items": rows,
        }

    @app.get(
        "/api/article/{article_id}",
        response_model=models.ArticleOut,
        summary="One article",
        tags=["articles"],
    )
    def api_article(article_id: str, r: Db) -> dict[str, Any]:
        """One article (by id or a unique prefix of 8+ characters), with its TL;DR, mentions and
        interactions."""
        found = find_article(r, article_id)
        article = article_data(r, found) if found else None
        if article is None:
            raise StarletteHTTPException(404, "no such article")
        article["sentences"] = [(s, e) for _, s, e in article["sentences"]]
        return article

    @app.get("/api/graph", summary="The relationship graph", tags=["graph"])
    def api_graph(
        r: Db,
        params: Params,
        max_edges: Annotated[int, Query(ge=1, le=100_000)] = web.graph_max_edges,
    ) -> dict[str, Any]:
        """The relationship graph as node-link JSON (``nodes``, ``edges``), heaviest edges first.

        Nodes carry ``name``, ``mentions``, ``interactions``, ``tone``, ``community`` and a
        layout position (``x``, ``y``); edges carry ``weight``, ``tone``, ``type`` and ``types``.
        """
        return dict(graph_data(r, params, max_edges)["graph"])

    @app.get(
        "/api/turning-points",
        response_model=list[models.LatestTurningPointOut],
        summary="Latest turning points",
        tags=["pairs"],
    )
    def api_turning_points(
        r: Db, limit: Annotated[int, Query(ge=1, le=100)] = 20
    ) -> list[dict[str, Any]]:
        """The latest turning points among the most active pairs, newest first."""
        return [
            {
                "a": {"id": f["a"].id, "name": f["a"].name},
                "b": {"id": f["b"].id, "name": f["b"].name},
                "date": f["point"].date,
                "direction": f["point"].direction,
                "why": f["point"].why,
                "evidence_article": f["point"].article_id,
                "evidence_sentence": f["point"].sentence,
                "articles": list(f["point"].articles),
            }
            for f in latest_turning_points(r, limit)
        ]

    return app  # the Guard is added by `guarded`


def guarded(app: FastAPI, token: str | None, settings: Settings | None = None) -> Guard:
    """The app behind its security guard (headers, token, limits): what `serve` runs."""
    settings = settings or default_settings()
    return Guard(app, token, settings.web.max_url_chars)


def build(
    db: str | Path,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    snapshot_dir: Path | None = None,
) -> Guard:
    """`create_app` behind its `Guard`: the ASGI app `newstide serve` runs."""
    app = create_app(db, token=token, settings=settings, snapshot_dir=snapshot_dir)
    return guarded(app, token, settings)


# --- helpers -------------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newstide")
    except PackageNotFoundError:
        return "0"


def _tone(value: float | None) -> float:
    return 0.0 if value is None or math.isnan(value) else float(value)


def _span(interaction: dict[str, Any], spans: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """The evidence span of an interaction: its own, else its sentence's."""
    if interaction["start"] is not None and interaction["end"] is not None:
        return int(interaction["start"]), int(interaction["end"])
    if interaction["sentence"] is not None and interaction["sentence"] in spans:
        return spans[interaction["sentence"]]
    return None


def _article_hits(r: Reader, q: str, limit: int = 20) -> list[dict[str, Any]]:
    wanted = " ".join(q.split()).lower()
    if not wanted:
        return []
    rows = r.query(
        "SELECT id, title, site, published, language FROM articles "
        "WHERE contains(lower(coalesce(title, '')), ?) "
        "ORDER BY published DESC NULLS LAST, id LIMIT ?",
        [wanted, limit],
    )
    keys = ("id", "title", "site", "published", "language")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN and NaT become None)."""
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
                value = None
            elif isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            clean[str(key)] = value
        out.append(clean)
    return out


def _query_without_page(request: Request) -> str:
    from urllib.parse import urlencode

    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return urlencode(kept)


def _install_error_pages(app: FastAPI, page: Any) -> None:
    """4xx for bad input, a bare 500 for bugs; JSON under /api/, a page elsewhere; no traceback."""

    def respond(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status)
        try:
            return page(request, "error.html", status=status, status_code=status, message=message)
        except Exception:  # the error page itself failed (e.g. the store is gone)
            return HTMLResponse(
                f"<!doctype html><title>{status}</title><p>error {status}</p>", status
            )

    @app.exception_handler(UnknownEntityError)
    async def unknown_entity(request: Request, exc: UnknownEntityError) -> Response:
        return respond(request, 404, exc.message)

    @app.exception_handler(AnalysisInputError)
    async def bad_filter(request: Request, exc: AnalysisInputError) -> Response:
        return respond(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return respond(request, 422, f"bad request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return respond(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return respond(request, 500, "internal error (details are in the server's log)")
