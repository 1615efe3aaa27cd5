"""newstide: the ebb and flow of relationships between organizations, as told by the news."""

from newstide.api import analyze
from newstide.errors import (
    DocumentError,
    InputError,
    NewstideError,
    PipelineError,
    SettingsError,
    StoreError,
)
from newstide.export import article_record
from newstide.ingest.run import IngestReport, ingest
from newstide.pipeline import Pipeline, stage
from newstide.records import Article, Failure, RawDocument, Sentence
from newstide.settings import Settings, load_settings
from newstide.store.database import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DocumentError",
    "Failure",
    "IngestReport",
    "InputError",
    "NewstideError",
    "Pipeline",
    "PipelineError",
    "RawDocument",
    "Sentence",
    "Settings",
    "SettingsError",
    "Store",
    "StoreError",
    "__version__",
    "analyze",
    "article_record",
    "ingest",
    "load_settings",
    "stage",
]
