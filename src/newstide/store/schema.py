"""The store's schema, versioned: each migration moves a store up one version, inside a transaction.

Tables follow DESIGN.md. ``meta`` holds the schema version; ``sources`` remembers finished inputs
so an interrupted ingest resumes; ``story_signatures`` and ``story_bands`` are the near-duplicate
index. Timelines, pairs and graphs are queries over these tables, never a second copy.
"""

from __future__ import annotations

#: The version a store has once every migration below has run.
SCHEMA_VERSION = 2

_V1 = [
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY,
        external_id VARCHAR,
        url VARCHAR,
        source VARCHAR NOT NULL,
        site VARCHAR,
        title VARCHAR,
        published TIMESTAMP,
        language VARCHAR,
        category VARCHAR,
        author VARCHAR,
        image VARCHAR,
        image_credit VARCHAR,
        publisher_tldr VARCHAR[],
        tags VARCHAR[],
        text VARCHAR NOT NULL,
        story_id VARCHAR NOT NULL,
        skipped VARCHAR,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR NOT NULL,
        "index" INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (article_id, "index")
    )""",
    """CREATE TABLE IF NOT EXISTS entities (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        aliases VARCHAR[],
        ticker VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        article_id VARCHAR NOT NULL,
        sentence INTEGER,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        entity_id VARCHAR,
        kind VARCHAR NOT NULL,
        via VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS roles (
        article_id VARCHAR NOT NULL,
        person VARCHAR NOT NULL,
        organization VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        sentence INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS interactions (
        article_id VARCHAR NOT NULL,
        sentence INTEGER,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        tone DOUBLE NOT NULL,
        directed BOOLEAN NOT NULL,
        modality VARCHAR NOT NULL,
        evidence VARCHAR NOT NULL,
        start INTEGER,
        "end" INTEGER,
        published TIMESTAMP,
        confidence DOUBLE NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS summaries (
        article_id VARCHAR NOT NULL,
        "index" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        sentence INTEGER,
        PRIMARY KEY (article_id, "index")
    )""",
    """CREATE TABLE IF NOT EXISTS failures (
        source VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        detail VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        PRIMARY KEY (source, reason)
    )""",
    """CREATE TABLE IF NOT EXISTS sources (
        name VARCHAR PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime DOUBLE NOT NULL,
        finished_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS story_signatures (
        article_id VARCHAR PRIMARY KEY,
        story_id VARCHAR NOT NULL,
        signature UINTEGER[]
    )""",
    """CREATE TABLE IF NOT EXISTS story_bands (
        band SMALLINT NOT NULL,
        key BIGINT NOT NULL,
        article_id VARCHAR NOT NULL
    )""",
]

#: Version 2: an interaction's ``refers_to`` (the earlier time its evidence names, ISO 8601),
#: ``happened`` (where a timeline places it: see `newstide.nlp.timeref.event_time`) and
#: ``stated_in`` (every sentence of its article that states it). Interactions stored before had
#: none of these read: they happened when their article was published, stated in their evidence.
_V2 = [
    "ALTER TABLE interactions ADD COLUMN refers_to VARCHAR",
    "ALTER TABLE interactions ADD COLUMN happened TIMESTAMP",
    "ALTER TABLE interactions ADD COLUMN stated_in INTEGER[]",
    "UPDATE interactions SET happened = published, stated_in = [sentence]",
]

#: Migrations by the version they produce. Version 1 creates the first release's schema; a later
#: release appends ``N: [statements]`` and bumps SCHEMA_VERSION, never edits an earlier entry.
MIGRATIONS: dict[int, list[str]] = {1: _V1, 2: _V2}
