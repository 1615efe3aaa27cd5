"""The `newstide` command: a thin layer that parses, calls one library function, and renders.

Errors become one line with a hint and a non-zero exit, never a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click
from tqdm import tqdm

from newstide.errors import NewstideError
from newstide.export import article_json
from newstide.ingest.dates import iso
from newstide.ingest.run import IngestReport, analyze_documents, ingest
from newstide.ingest.sources import expand_inputs, read_input
from newstide.records import Article, Failure
from newstide.settings import Settings, load_settings
from newstide.store.database import DEFAULT_DB, Store

F = TypeVar("F", bound=Callable[..., Any])

#: The database `newstide demo` writes when --db is not given.
DEMO_DB = "demo.duckdb"


class _Context:
    """What the group options hand to every command."""

    def __init__(self, db: str | None, settings_path: str | None, debug: bool) -> None:
        self.db = db
        self.settings_path = settings_path
        self.debug = debug

    @functools.cached_property
    def settings(self) -> Settings:
        return load_settings(self.settings_path)

    def store(self, *, read_only: bool = False, default: str = DEFAULT_DB) -> Store:
        return Store(self.db or default, read_only=read_only, dedup=self.settings.dedup)


def _fail(message: str) -> None:
    click.echo(f"newstide: {message}", err=True)


def _friendly(command: F) -> F:
    """Turn newstide errors into one line with a hint, and anything else into one line too."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx: _Context = click.get_current_context().find_object(_Context)  # type: ignore[assignment]
        try:
            return command(*args, **kwargs)
        except NewstideError as exc:
            _fail(str(exc))
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:
            if ctx is not None and ctx.debug:
                raise
            first_line = (str(exc).strip().splitlines() or [""])[0]
            name = type(exc).__name__
            _fail(f"unexpected error: {name}: {first_line} (rerun with --debug for details)")
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", help=f"The store (a DuckDB file). Default: ./{DEFAULT_DB}.")
@click.option(
    "--settings", "settings_path", metavar="FILE", help="A TOML file overriding shipped settings."
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.version_option(package_name="newstide")
@click.pass_context
def cli(ctx: click.Context, db: str | None, settings_path: str | None, debug: bool) -> None:
    """newstide: relationships between organizations, as told by the news.

    Read news (HTML, WARC, RSS/Atom, JSONL, plain-text scrapes; Indonesian and English) into a
    store, then ask it about articles, organizations and their relationships.
    """
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    ctx.obj = _Context(db, settings_path, debug)


def _print_report(report: IngestReport) -> None:
    skipped = f", {report.inputs_skipped} already ingested" if report.inputs_skipped else ""
    click.echo(
        f"{report.inputs} input(s){skipped}; {report.documents} document(s) read: "
        f"{report.added} new article(s), {report.already_stored} already stored, "
        f"{report.failed} failed ({report.seconds:.1f}s)"
    )
    if report.languages:
        languages = ", ".join(f"{code} {n}" for code, n in report.languages.most_common())
        not_processed = (
            f" ({report.not_processed} in languages not processed)" if report.not_processed else ""
        )
        click.echo(f"languages: {languages}{not_processed}")
    if report.failures:
        reasons = ", ".join(f"{reason} {n}" for reason, n in report.failures.most_common())
        click.echo(f"failures: {reasons} (see: newstide failures)")


def _run_ingest(
    obj: _Context, paths: tuple[str, ...], force: bool, default_db: str, workers: int | None = None
) -> IngestReport:
    with obj.store(default=default_db) as store:
        progress = tqdm(desc="ingest", unit="doc", disable=None, file=sys.stderr, leave=False)
        try:
            return ingest(
                list(paths),
                store,
                obj.settings,
                force=force,
                workers=workers,
                on_document=lambda _: progress.update(),
            )
        finally:
            progress.close()


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--force", is_flag=True, help="Re-read inputs that an earlier ingest already finished."
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Worker processes for the NLP (0: one per core). Default: ingest.workers in settings.",
)
@click.option(
    "--out", metavar="DIR",
    help="Write a Parquet dataset (DIR/<table>/part-*.parquet; a path or fsspec URL) on a Dask "
    "cluster instead of the store. Query it with --db DIR, or copy it with: load DIR.",
)  # fmt: skip
@click.option("--scheduler", metavar="ADDR", help="With --out: a Dask scheduler (tcp://HOST:8786).")
@click.option(
    "--dask-local", type=click.IntRange(min=0), metavar="N",
    help="With --out: a local Dask cluster of N worker processes (0: one per core; the default "
    "when --scheduler is not given).",
)  # fmt: skip
@click.pass_obj
@_friendly
def ingest_command(
    obj: _Context,
    paths: tuple[str, ...],
    force: bool,
    workers: int | None,
    out: str | None,
    scheduler: str | None,
    dask_local: int | None,
) -> None:
    """Read news files, folders (recursively) or - (stdin) into the store.

    Formats are told from content: HTML (also gzipped), WARC (.warc, .warc.gz), RSS/Atom,
    JSONL (one article per line with text or html), and plain-text scrapes. Documents that
    cannot be read are recorded with their reason (see `newstide failures`); the exit code is 3
    when any failed.
    """
    if out is None and (scheduler or dask_local is not None):
        raise click.UsageError("--scheduler and --dask-local write a dataset: add --out DIR")
    if out is not None:
        from newstide.scale import ingest_dataset

        progress = tqdm(desc="ingest", unit="input", disable=None, file=sys.stderr, leave=False)
        try:
            report = ingest_dataset(
                list(paths), out, obj.settings, scheduler=scheduler,
                local_workers=dask_local if dask_local is not None else workers, force=force,
                on_partition=lambda _: progress.update(),
            )  # fmt: skip
        finally:
            progress.close()
        _print_report(report)
        click.echo(f"dataset: {out} (query it: newstide --db {out} orgs)")
        if report.failed:
            sys.exit(3)
        return
    report = _run_ingest(obj, paths, force, DEFAULT_DB, workers)
    _print_report(report)
    if report.failed:
        sys.exit(3)


@cli.command("load")
@click.argument("dataset", metavar="DIR")
@click.pass_obj
@_friendly
def load_command(obj: _Context, dataset: str) -> None:
    """Copy a Parquet dataset written by `ingest --out DIR` into the store (a new --db file)."""
    from newstide.scale import load_dataset

    with obj.store() as store:
        loaded = load_dataset(dataset, store.con)
    click.echo(", ".join(f"{table} {n}" for table, n in loaded.items() if n))


@cli.command("analyze")
@click.argument("path")
@click.pass_obj
@_friendly
def analyze_command(obj: _Context, path: str) -> None:
    """Analyse one file (or -) without a store; print one JSON object per article."""
    failed = 0
    for source in expand_inputs([path]):
        for item in analyze_documents(read_input(source, obj.settings.ingest), obj.settings):
            if isinstance(item, Failure):
                failed += 1
                _fail(f"{item.source}: {item.reason}: {item.detail}")
            else:
                click.echo(article_json(item))
    if failed:
        sys.exit(3)


@cli.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
    show_default=True, help="Output format.",
)  # fmt: skip
@click.option(
    "--output", type=click.Path(), metavar="PATH",
    help="csv/parquet: a file (the articles table) or a folder ending in / (every table). "
    "Default: csv to standard output.",
)  # fmt: skip
@click.pass_obj
@_friendly
def export_command(obj: _Context, fmt: str, output: str | None) -> None:
    """Export the store: jsonl prints one JSON object per article (schema: README, "Export");
    csv and parquet write the articles table to a file, or every table into a folder."""
    if fmt != "jsonl":
        from newstide.analysis import export_tables

        with obj.store(read_only=True) as store:
            written = export_tables(store, fmt, output)
        for path in written:
            click.echo(f"wrote {path}", err=True)
        return
    with obj.store(read_only=True) as store:
        for article in store.articles():
            click.echo(article_json(article))


@cli.command("failures")
@click.pass_obj
@_friendly
def failures_command(obj: _Context) -> None:
    """List what could not be read, and why (most recent first)."""
    with obj.store(read_only=True) as store:
        failures = store.failures()
    if not failures:
        click.echo("no failures recorded")
        return
    for failure in failures:
        click.echo(
            f"{iso(failure.at)}  {failure.reason:<15} {failure.source}\n    {failure.detail}"
        )
    click.echo(f"{len(failures)} failure(s)")


@cli.command("article")
@click.argument("article_id")
@click.pass_obj
@_friendly
def article_command(obj: _Context, article_id: str) -> None:
    """Show one stored article (by id or a unique id prefix)."""
    with obj.store(read_only=True) as store:
        article = store.article(article_id)
    if article is None:
        raise NewstideError(
            f"no single article matches {article_id!r}", "list ids with: newstide export"
        )
    _print_article(article)


def _print_article(article: Article) -> None:
    click.echo(click.style(article.title or "(untitled)", bold=True))
    meta = [article.site, iso(article.published), article.language, article.category]
    click.echo(" · ".join(m for m in meta if m))
    click.echo(f"id {article.id} · story {article.story_id} · {article.source}")
    if article.url:
        click.echo(article.url)
    if article.tldr:
        click.echo("TL;DR (newstide):")
        for bullet in article.tldr:
            click.echo(f"  • {bullet.text}  [sentence {bullet.sentence}]")
    if article.publisher_tldr:
        click.echo("publisher's TL;DR:")
        for line in article.publisher_tldr:
            click.echo(f"  • {line}")
    click.echo("")
    click.echo(article.text)
    click.echo(f"\n{len(article.sentences)} sentence(s)")


@cli.command("orgs")
@click.option("--limit", default=30, show_default=True, help="How many organizations to list.")
@click.pass_obj
@_friendly
def orgs_command(obj: _Context, limit: int) -> None:
    """The most mentioned organizations, with mention and article counts."""
    from newstide.analysis import organizations

    with obj.store(read_only=True) as store:
        rows = organizations(store, limit)
    if not rows:
        click.echo("no organizations yet (ingest some news first)")
        return
    click.echo(f"{'organization':<36}{'mentions':>9}{'articles':>9}  first seen  last seen")
    for org in rows:
        first = org.first_seen.date().isoformat() if org.first_seen else "?"
        last = org.last_seen.date().isoformat() if org.last_seen else "?"
        click.echo(f"{org.name[:35]:<36}{org.mentions:>9}{org.articles:>9}  {first:<10}  {last}")


@cli.command("org")
@click.argument("name")
@click.pass_obj
@_friendly
def org_command(obj: _Context, name: str) -> None:
    """One organization: its aliases, mention count, and when it was first and last seen."""
    from newstide.analysis import organization

    with obj.store(read_only=True) as store:
        org = organization(store, name)
    if org is None:
        raise NewstideError(f"no organization called {name!r}", "list them with: newstide orgs")
    click.echo(click.style(org.name, bold=True) + f"  ({org.id})")
    if org.ticker:
        click.echo(f"ticker: {org.ticker}")
    click.echo(f"aliases seen: {', '.join(org.aliases) or '-'}")
    click.echo(f"mentions: {org.mentions} in {org.articles} article(s)")
    click.echo(f"first seen: {iso(org.first_seen) or '?'}; last seen: {iso(org.last_seen) or '?'}")


@cli.group("eval")
def eval_group() -> None:
    """Score newstide on the development data (../shared/data), beside baselines."""


_DATA_OPTION = click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=lambda: os.environ.get("NEWSTIDE_DATA", "../shared/data"),
    show_default="$NEWSTIDE_DATA or ../shared/data",
    help="The training and development data folder.",
)


@eval_group.command("extraction")
@_DATA_OPTION
@click.pass_obj
@_friendly
def eval_extraction_command(obj: _Context, data: Path) -> None:
    """Body-text F1 on the article extraction benchmark, beside plain trafilatura."""
    from newstide.eval.extraction import evaluate_extraction

    scores = evaluate_extraction(data, obj.settings)
    click.echo("article extraction benchmark: 4-word shingle precision, recall, F1")
    click.echo(f"{'extractor':<30}{'precision':>10}{'recall':>10}{'F1':>8}{'pages/s':>10}")
    for s in scores:
        click.echo(
            f"{s.name:<30}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.pages_per_second:>10.1f}"
        )


@eval_group.command("ner")
@_DATA_OPTION
@click.pass_obj
@_friendly
def eval_ner_command(obj: _Context, data: Path) -> None:
    """Entity P/R/F1 per label on the NER dev splits, beside the knowledge base alone."""
    from newstide.eval.ner import evaluate_ner

    click.echo("NER dev splits: entity-level exact match, per label and micro-averaged (ALL)")
    click.echo(f"{'dev set':<17}{'system':<36}{'label':<6}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}")
    for r in evaluate_ner(data, obj.settings):
        click.echo(
            f"{r.dev_set:<17}{r.system[:35]:<36}{r.label:<6}"
            f"{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}{r.gold:>6}"
        )


@eval_group.command("interactions")
@_DATA_OPTION
@click.option("--language", type=click.Choice(["id", "en"]), multiple=True, help="Default: both.")
@click.option(
    "--gold",
    "gold_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Score on your own annotated articles (JSONL in the dev golds' format) instead; needs"
    " one --language.",
)
@click.pass_obj
@_friendly
def eval_interactions_command(
    obj: _Context, data: Path, language: tuple[str, ...], gold_file: Path | None
) -> None:
    """Pair+type precision, recall and F1; tone-sign, direction and modality accuracy on the dev
    golds (hedged: modality accuracy on what the gold marks reported, speculative or denied)."""
    from newstide.eval.interactions import evaluate_interactions

    if gold_file is not None and len(language) != 1:
        raise click.UsageError("--gold needs the articles' language: one --language id or en")
    where = gold_file if gold_file is not None else "relations/*/gold-dev.jsonl"
    click.echo(f"interactions ({where}): pair+type P/R/F1, tone sign, direction, modality")
    click.echo(
        f"{'lang':<5}{'system':<48}{'P':>7}{'R':>7}{'F1':>7}{'tone':>7}{'dir':>7}{'mod':>7}"
        f"{'hedged':>8}"
    )
    for code in language or ("id", "en"):
        for s in evaluate_interactions(data, obj.settings, code, gold_file):
            accuracies = (
                (s.tone_accuracy, 7),
                (s.direction_accuracy, 7),
                (s.modality_accuracy, 7),
                (s.hedged_accuracy, 8),
            )
            shown = "".join(
                f"{'-' if value is None else f'{value:.2f}':>{width}}"
                for value, width in accuracies
            )
            click.echo(
                f"{code:<5}{s.system[:47]:<48}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{shown}"
            )


# --- relationships: pairs, timelines, the graph, the dashboard ---------------------------------


#: The options `_filter_options` adds, handed to the command as one ``filters`` dict.
_FILTERS = ("types", "language", "since", "until", "min_confidence")


def _filter_options(command: F) -> F:
    """The filters every relationship command takes, handed to it as one ``filters`` dict: the
    keyword arguments of the analyses (`newstide.analysis.Filters` checks them)."""

    @functools.wraps(command)
    def gathered(*args: Any, **kwargs: Any) -> Any:
        filters = {name: kwargs.pop(name) for name in _FILTERS}
        return command(*args, filters=filters, **kwargs)

    for option in reversed(
        [
            click.option(
                "--type", "types", multiple=True, metavar="TYPE",
                help="Keep only this interaction type (repeatable).",
            ),
            click.option("--language", metavar="CODE", help="Keep only articles in this language."),
            click.option(
                "--since", metavar="DATE", help="From this ISO date (2023, 2023-Q3, 2023-06-01)."
            ),
            click.option("--until", metavar="DATE", help="Up to this ISO date, inclusive."),
            click.option(
                "--min-confidence", type=float, default=0.0, metavar="X",
                help="Keep only interactions whose confidence is at least X, from 0 to 1"
                " (default 0: all; 0.6 keeps the confident ones).",
            ),
        ]
    ):  # fmt: skip
        gathered = option(gathered)
    return gathered  # type: ignore[return-value]


def _tone(value: float | None) -> str:
    return "    –" if value is None or value != value else f"{value:+.2f}"


@cli.command("pairs")
@click.option("--org", metavar="NAME", help="Only pairs with this organization (id, name, alias).")
@click.option("--limit", default=30, show_default=True, help="How many pairs to list.")
@_filter_options
@click.pass_obj
@_friendly
def pairs_command(obj: _Context, org: str | None, limit: int, filters: dict[str, Any]) -> None:
    """Pairs of organizations that interact, the most active first."""
    from newstide.analysis import pairs

    with obj.store(read_only=True) as store:
        frame = pairs(store, org, limit=limit, settings=obj.settings.analysis, **filters)
    if frame.empty:
        click.echo("no interactions between organizations yet")
        return
    click.echo(f"{'pair':<50}{'interactions':>13}{'stories':>8}{'tone':>7}  first       last")
    for row in frame.to_dict("records"):
        pair = f"{row['a_name']} – {row['b_name']}"[:49]
        first = row["first"].date().isoformat() if row["first"] == row["first"] else "?"
        last = row["last"].date().isoformat() if row["last"] == row["last"] else "?"
        click.echo(
            f"{pair:<50}{row['interactions']:>13}{row['stories']:>8}{_tone(row['tone']):>7}"
            f"  {first:<10}  {last}"
        )


@cli.command("interactions")
@click.argument("a")
@click.argument("b")
@click.option("--limit", type=int, help="Show at most this many (oldest first).")
@_filter_options
@click.pass_obj
@_friendly
def interactions_command(
    obj: _Context, a: str, b: str, limit: int | None, filters: dict[str, Any]
) -> None:
    """Every interaction between two organizations, with its evidence sentence.

    Listed in the order they were reported; one an article only retells is marked with the time
    it refers to. --since and --until select by when interactions happened.
    """
    from newstide.analysis import interactions
    from newstide.nlp.timeref import describe_reference

    with obj.store(read_only=True) as store:
        frame = interactions(store, a, b, limit=limit, **filters)
    first, second = frame.attrs["a"], frame.attrs["b"]
    if frame.empty:
        click.echo(f"no interactions between {first.name} and {second.name}")
        return
    for row in frame.to_dict("records"):
        when = row["published"].date().isoformat() if row["published"] == row["published"] else "?"
        click.echo(
            f"{when}  {row['type']:<12}{_tone(row['tone'])}  {row['modality']:<12}"
            f"{row['article_id'][:12]}#{row['sentence']}"
            + (
                f"  ({describe_reference(row['refers_to'])})"
                if isinstance(row["refers_to"], str)  # NaN in a column of strings and None
                else ""
            )
            + f"\n    {row['evidence']}"
        )
    click.echo(f"{len(frame)} interaction(s) between {first.name} and {second.name}")


@cli.command("timeline")
@click.argument("a")
@click.argument("b")
@click.option(
    "--by", type=click.Choice(["week", "month", "quarter"]),
    help="Period of each point (default: analysis.period in settings, month).",
)  # fmt: skip
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (schema: README, timeline JSON).")
@click.option(
    "--plot", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="Also draw the chart, with turning points marked, into FILE.png or FILE.svg.",
)  # fmt: skip
@click.pass_obj
@_friendly
def timeline_command(
    obj: _Context, a: str, b: str, by: str | None, filters: dict[str, Any], as_json: bool,
    plot: Path | None,
) -> None:  # fmt: skip
    """How the relationship between A and B went, period by period, and where it turned.

    A and B are organization ids, names or aliases (any case). Each period shows its
    interactions, distinct stories (near-duplicate reports count once), mean tone (-1 conflict ..
    +1 cooperation; weighted by confidence, by the sentences stating each interaction and by its
    modality; a restated standing state counts less, and the reports of one story share its
    weight) and types; turning points come from change-point detection on the tone, each with
    the evidence sentence that shows why. An interaction counts when it happened: an event the
    article only retells ("in late 2023") is placed then.
    """
    import json

    from newstide.analysis import plot_timeline, timeline, timeline_record, turning_points

    analysis = obj.settings.analysis
    with obj.store(read_only=True) as store:
        frame = timeline(store, a, b, by, settings=analysis, **filters)
        points = turning_points(store, a, b, by, frame=frame, settings=analysis, **filters)
    if plot is not None:
        plot_timeline(frame, points, plot)
    if as_json:
        click.echo(json.dumps(timeline_record(frame, points), ensure_ascii=False, indent=2))
        return
    first, second = frame.attrs["a"], frame.attrs["b"]
    total = int(frame["interactions"].sum())
    click.echo(
        click.style(f"{first.name} – {second.name}", bold=True)
        + f", by {frame.attrs['by']}: {total} dated interaction(s) in {len(frame)} period(s)"
    )
    if frame.attrs.get("undated"):
        click.echo(
            f"(and {frame.attrs['undated']} with no month: from undated articles, or retold with "
            f"a year alone; see: newstide interactions {first.id} {second.id})"
        )
    if frame.empty:
        click.echo("no dated interactions between them")
    else:
        click.echo(f"{'period':<12}{'interactions':>13}{'stories':>8}{'tone':>7}  types")
    for row in frame.to_dict("records"):
        kinds = ", ".join(
            f"{t} {row[t]}" for t in sorted(frame.attrs["types"], key=lambda t: -row[t]) if row[t]
        )
        click.echo(
            f"{row['period'].date().isoformat():<12}{row['interactions']:>13}{row['stories']:>8}"
            f"{_tone(row['tone']):>7}  {kinds}"
        )
    if points:
        click.echo("\nturning points:")
    for point in points:
        arrow = "▲ up  " if point.direction == "up" else "▼ down"
        click.echo(
            f"  {point.date.isoformat()}  {arrow}  {point.before:+.2f} → {point.after:+.2f}  "
            f"{point.why}\n      articles: {', '.join(a[:12] for a in point.articles)}"
        )
    if plot is not None:
        click.echo(f"\nchart written to {plot}")


@cli.command("graph")
@click.option(
    "--export", "export_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="Write the graph to FILE.gexf, FILE.graphml or FILE.json (node-link).",
)  # fmt: skip
@click.option("--max-edges", type=int, help="Keep only the heaviest edges.")
@_filter_options
@click.pass_obj
@_friendly
def graph_command(
    obj: _Context, export_path: Path | None, max_edges: int | None, filters: dict[str, Any]
) -> None:
    """The relationship graph: organizations, their interactions (weight, tone), communities."""
    from newstide.analysis import export_graph, graph

    with obj.store(read_only=True) as store:
        g = graph(store, max_edges=max_edges, settings=obj.settings.analysis, **filters)
    communities: dict[int, list[str]] = {}
    for _, data in sorted(g.nodes(data=True), key=lambda n: -n[1]["interactions"]):
        communities.setdefault(data.get("community", 0), []).append(data["name"])
    click.echo(
        f"{g.number_of_nodes()} organization(s), {g.number_of_edges()} relationship(s), "
        f"{len(communities)} communit{'y' if len(communities) == 1 else 'ies'}"
    )
    heaviest = sorted(g.edges(data=True), key=lambda e: -e[2]["weight"])[:10]
    for a, b, data in heaviest:
        names = f"{g.nodes[a]['name']} – {g.nodes[b]['name']}"[:49]
        click.echo(f"  {names:<50}{data['weight']:>6}{_tone(data['tone']):>7}")
    for number, members in sorted(communities.items()):
        more = f" and {len(members) - 8} more" if len(members) > 8 else ""
        click.echo(f"community {number}: {', '.join(members[:8])}{more}")
    if export_path is not None:
        click.echo(f"written to {export_graph(g, export_path)}")


@cli.command("serve")
@click.option("--host", help="Address to bind (default: web.host in settings, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: web.port in settings, 8765).")
@click.option(
    "--token", envvar="NEWSTIDE_TOKEN", metavar="TOKEN",
    help="Require this token on every page and API route ($NEWSTIDE_TOKEN).",
)  # fmt: skip
@click.pass_obj
@_friendly
def serve_command(obj: _Context, host: str | None, port: int | None, token: str | None) -> None:
    """Serve the dashboard and JSON API (docs at /docs) for the store.

    It reads snapshot copies of the store and never locks it, so `newstide ingest` can write to
    the same store meanwhile; new data shows up as the ingest checkpoints.
    """
    import uvicorn

    from newstide.web import build, exposure_warning

    web = obj.settings.web
    host, port = host or web.host, port or web.port
    warning = exposure_warning(host, token)
    if warning:
        click.echo(click.style(warning, fg="red" if not token else "yellow", bold=True), err=True)
    app = build(obj.db or DEFAULT_DB, token=token, settings=obj.settings)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newstide dashboard on http://{shown}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@eval_group.command("tldr")
@_DATA_OPTION
@click.pass_obj
@_friendly
def eval_tldr_command(obj: _Context, data: Path) -> None:
    """ROUGE-1/2/L F1 of the TL;DR on IndoSum and GUM Wikinews, beside LEAD-3 and LexRank."""
    from newstide.eval.tldr import iter_rows, tldr_rows

    for line in iter_rows(tldr_rows(data, obj.settings)):
        click.echo(line)


def demo_corpus() -> Path:
    """The bundled sample corpus shipped inside the package."""
    return Path(str(resources.files("newstide").joinpath("demo/corpus")))


@cli.command("demo")
@click.pass_obj
@_friendly
def demo_command(obj: _Context) -> None:
    """Ingest the bundled sample corpus into a store (default ./demo.duckdb) and report on it."""
    corpus = demo_corpus()
    db = obj.db or DEMO_DB
    click.echo(f"ingesting the sample corpus ({corpus}) into {db} ...")
    report = _run_ingest(obj, (str(corpus),), False, DEMO_DB)
    _print_report(report)
    with obj.store(read_only=True, default=DEMO_DB) as store:
        counts = store.counts()
        click.echo(
            f"\nstore {db}: {counts['articles']} articles in {counts['stories']} stories, "
            f"{counts['sentences']} sentences, {counts['failures']} failures"
        )
        rows = store.query(
            "SELECT language, count(*), min(published), max(published) FROM articles "
            "GROUP BY language ORDER BY count(*) DESC"
        )
        for language, n, first, last in rows:
            click.echo(f"  {language}: {n} articles, {iso(first)} .. {iso(last)}")
        click.echo("\nlatest articles:")
        for title, site, published in store.query(
            "SELECT title, site, published FROM articles ORDER BY published DESC NULLS LAST LIMIT 5"
        ):
            click.echo(f"  {iso(published) or '?':<21} {site or '?':<28} {title}")
        click.echo("\nmost active pairs:")
        for a, b, n in store.query(
            """SELECT least(ea.name, eb.name) AS x, greatest(ea.name, eb.name) AS y, count(*) AS n
               FROM interactions i
               JOIN entities ea ON ea.id = i.a JOIN entities eb ON eb.id = i.b
               GROUP BY x, y ORDER BY n DESC, x LIMIT 5"""
        ):
            click.echo(f"  {a} – {b}: {n} interaction(s)")
    click.echo(
        "\nnext:\n"
        f"  newstide --db {db} serve                      # the dashboard: open http://127.0.0.1:8765/\n"
        f"  newstide --db {db} timeline Microsoft OpenAI  # a pair over time, with turning points\n"
        f"  newstide --db {db} orgs\n"
        f"  newstide --db {db} export --format jsonl | head -n 1\n"
        f"  newstide --db {db} failures"
    )


def main() -> None:
    """Entry point of the `newstide` command."""
    cli(prog_name="newstide")
