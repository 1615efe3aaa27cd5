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
            _fail(f"unexpected error: {type(exc).__name__}: {first_line} (rerun with --debug for details)")
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
    obj: _Context, paths: tuple[str, ...], force: bool, default_db: str
) -> IngestReport:
    with obj.store(default=default_db) as store:
        progress = tqdm(desc="ingest", unit="doc", disable=None, file=sys.stderr, leave=False)
        try:
            return ingest(
                list(paths),
                store,
                obj.settings,
                force=force,
                on_document=lambda _: progress.update(),
            )
        finally:
            progress.close()


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--force", is_flag=True, help="Re-read inputs that an earlier ingest already finished."
)
@click.pass_obj
@_friendly
def ingest_command(obj: _Context, paths: tuple[str, ...], force: bool) -> None:
    """Read news files, folders (recursively) or - (stdin) into the store.

    Formats are told from content: HTML (also gzipped), WARC (.warc, .warc.gz), RSS/Atom,
    JSONL (one article per line with text or html), and plain-text scrapes. Documents that
    cannot be read are recorded with their reason (see `newstide failures`); the exit code is 3
    when any failed.
    """
    report = _run_ingest(obj, paths, force, DEFAULT_DB)
    _print_report(report)
    if report.failed:
        sys.exit(3)


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
    "--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
    help="Output format.",
)  # fmt: skip
@click.pass_obj
@_friendly
def export_command(obj: _Context, fmt: str) -> None:
    """Print every stored article as one JSON object per line (schema: README, "Export")."""
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
    if article.publisher_tldr:
        click.echo("publisher's TL;DR:")
        for bullet in article.publisher_tldr:
            click.echo(f"  • {bullet}")
    click.echo("")
    click.echo(article.text)
    click.echo(f"\n{len(article.sentences)} sentence(s)")


@cli.command("orgs")
@click.option("--limit", default=30, show_default=True, help="How many organizations to list.")
@click.pass_obj
@_friendly
def orgs_command(obj: _Context, limit: int) -> None:
    """The most mentioned organizations, with mention and article counts."""
    from newstide.store.queries import organizations

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
    from newstide.store.queries import organization

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


@eval_group.command("interactions")
@_DATA_OPTION
@click.option("--language", type=click.Choice(["id", "en"]), multiple=True, help="Default: both.")
@click.pass_obj
@_friendly
def eval_interactions_command(obj: _Context, data: Path, language: tuple[str, ...]) -> None:
    """Pair+type precision, recall and F1, tone-sign and direction accuracy on the dev golds."""
    from newstide.eval.interactions import evaluate_interactions

    click.echo("interactions (relations/*/gold-dev.jsonl): pair+type P/R/F1, tone sign, direction")
    click.echo(f"{'lang':<5}{'system':<48}{'P':>7}{'R':>7}{'F1':>7}{'tone':>7}{'dir':>7}")
    for code in language or ("id", "en"):
        for s in evaluate_interactions(data, obj.settings, code):
            tone = f"{s.tone_accuracy:.2f}" if s.tone_accuracy is not None else "-"
            direction = f"{s.direction_accuracy:.2f}" if s.direction_accuracy is not None else "-"
            click.echo(
                f"{code:<5}{s.system[:47]:<48}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                f"{tone:>7}{direction:>7}"
            )


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
    click.echo(
        "\nnext:\n"
        f"  newstide --db {db} export --format jsonl | head -n 1\n"
        f"  newstide --db {db} article ID\n"
        f"  newstide --db {db} failures"
    )


def main() -> None:
    """Entry point of the `newstide` command."""
    cli(prog_name="newstide")
