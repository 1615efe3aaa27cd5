"""Settings override key by key and fail loudly; the pipeline checks its stage contract."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newstide.errors import PipelineError, SettingsError
from newstide.ingest.run import worker_pipeline
from newstide.pipeline import Pipeline, stage
from newstide.records import Article
from newstide.settings import load_settings


def test_a_user_file_overrides_key_by_key(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text("[dedup]\nthreshold = 0.8\n[ingest]\nbatch_size = 10\n", encoding="utf-8")
    shipped, mine = load_settings(), load_settings(user)
    assert mine.dedup.threshold == 0.8 and mine.ingest.batch_size == 10
    assert mine.dedup.num_perm == shipped.dedup.num_perm
    assert mine.language == shipped.language


def test_the_environment_names_a_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "env.toml"
    user.write_text('[language]\nsupported = ["id"]\n', encoding="utf-8")
    monkeypatch.setenv("NEWSTIDE_SETTINGS", str(user))
    assert load_settings().language.supported == ("id",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[dedupe]\nthreshold = 0.8\n", "unknown settings section"),
        ("[dedup]\nthreshhold = 0.8\n", "unknown setting dedup.threshhold"),
        ('[dedup]\nthreshold = "high"\n', "dedup.threshold must be float"),
        ("[ingest]\nbatch_size = true\n", "ingest.batch_size must be int"),
        ("[ingest\n", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_settings(user)


@stage("needs-tldr", requires=("sentences",), assigns=("story_id",))
def _needs_sentences(article: Article) -> Article:
    return article


@stage("broken", requires=("text",))
def _returns_text(article: Article) -> str:
    return article.text


def test_the_pipeline_refuses_a_stage_before_what_it_needs(settings) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PipelineError, match=r"\[E002\].*needs-tldr.*sentences"):
        Pipeline([_needs_sentences, *worker_pipeline(settings).stages])
    Pipeline([*worker_pipeline(settings).stages, _needs_sentences])  # the right order builds


def test_the_pipeline_refuses_an_undecorated_callable() -> None:
    with pytest.raises(PipelineError, match=r"\[E001\]"):
        Pipeline([lambda article: article])  # type: ignore[list-item]


def test_a_stage_returning_something_else_fails_loudly() -> None:
    pipeline = Pipeline([_returns_text])  # type: ignore[list-item]
    with pytest.raises(PipelineError, match=r"\[E003\] stage 'broken' returned str"):
        pipeline(Article(id="x", source="t", text="teks"))


def test_unknown_fields_are_refused_at_declaration() -> None:
    with pytest.raises(PipelineError, match=r"\[E000\]"):
        stage("typo", assigns=("sentense",))


def test_language_specific_stages_skip_unsupported_languages(settings) -> None:  # type: ignore[no-untyped-def]
    pipeline = worker_pipeline(settings)
    french = Article(
        id="x",
        source="t",
        text="Le gouvernement a annoncé mardi de nouvelles mesures pour les entreprises.",
    )
    done = pipeline(french)
    assert done.language == "fr" and done.skipped and "fr" in done.skipped
    assert done.sentences == ()
    assert done.minhash == () or len(done.minhash) == settings.dedup.num_perm
    assert dataclasses.replace(done, skipped=None).language == "fr"


def test_pipe_gives_what_calling_gives_article_by_article(settings) -> None:  # type: ignore[no-untyped-def]
    pipeline = worker_pipeline(settings)
    texts = [
        "PT Telkom Indonesia bekerja sama dengan Gojek di Jakarta, kata perusahaan itu kemarin.",
        "Le gouvernement a annoncé mardi de nouvelles mesures pour les entreprises.",
        "Microsoft invested a further billion dollars in OpenAI, the company said on Tuesday.",
        "Die Regierung hat am Dienstag neue Maßnahmen für Unternehmen angekündigt.",
    ]
    articles = [Article(id=str(i), source="t", text=t) for i, t in enumerate(texts)]
    piped = list(pipeline.pipe(articles))
    assert piped == [pipeline(a) for a in articles]
    assert [bool(a.skipped) for a in piped] == [False, True, False, True]


@stage("drops", requires=("text",), nlp=True)
class _DropsOne:
    def __call__(self, article: Article) -> Article:
        return article

    def pipe(self, articles):  # type: ignore[no-untyped-def]
        yield from list(articles)[1:]


def test_a_pipe_that_loses_articles_fails_loudly() -> None:
    articles = [Article(id=str(i), source="t", text="teks") for i in range(3)]
    with pytest.raises(PipelineError, match=r"\[E003\] stage 'drops' yielded fewer"):
        list(Pipeline([_DropsOne()]).pipe(articles))
