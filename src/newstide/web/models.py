"""The JSON API's response shapes, so ``/docs`` documents each field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field


class EntityOut(BaseModel):
    id: str = Field(description="canonical entity id")
    name: str = Field(description="canonical name")


class PeriodOut(BaseModel):
    period: dt.date = Field(description="first day of the week, month or quarter")
    interactions: int
    stories: int = Field(description="distinct stories: near-duplicate reports count once")
    tone: float | None = Field(description="mean tone (-1..1), weighted by evidence")
    types: dict[str, int] = Field(description="interactions by type")
    articles: list[str] = Field(description="ids of the articles behind this point")


class TurningPointOut(BaseModel):
    date: dt.date = Field(description="first day of the period the new regime starts in")
    direction: Literal["up", "down"]
    why: str = Field(description="the evidence sentence that best shows the change")
    articles: list[str] = Field(description="the articles of the new regime's first period")
    evidence_article: str | None
    evidence_sentence: int | None
    before: float = Field(description="mean tone of the regime before")
    after: float = Field(description="mean tone of the regime after")


class TimelineOut(BaseModel):
    a: EntityOut
    b: EntityOut
    by: str
    undated: int = 0
    periods: list[PeriodOut]
    turning_points: list[TurningPointOut]


class PairOut(BaseModel):
    a: str
    a_name: str
    b: str
    b_name: str
    interactions: int
    stories: int
    tone: float | None
    first: dt.datetime | None
    last: dt.datetime | None
    types: dict[str, int]


class OrganizationOut(BaseModel):
    id: str
    name: str
    interactions: int
    partners: int
    tone: float | None


class PartnerPeriodOut(BaseModel):
    partner: str
    period: dt.date
    interactions: int
    tone: float | None


class OrganizationPageOut(BaseModel):
    id: str
    name: str
    aliases: list[str]
    mentions: int
    interactions: int
    partners: list[PairOut]
    over_time: list[PartnerPeriodOut]


class InteractionOut(BaseModel):
    published: dt.datetime | None
    refers_to: str | None = None
    stated_in: list[int] | None = None
    a: str
    b: str
    type: str
    tone: float
    directed: bool
    modality: str
    confidence: float
    evidence: str
    article_id: str
    sentence: int | None
    title: str | None
    site: str | None
    language: str | None
    story_id: str | None


class InteractionsOut(BaseModel):
    a: EntityOut
    b: EntityOut
    total: int
    offset: int
    limit: int
    items: list[InteractionOut]


class OrganizationHitOut(BaseModel):
    id: str
    name: str
    aliases: list[str]
    interactions: int


class ArticleHitOut(BaseModel):
    id: str
    title: str | None
    site: str | None
    published: dt.datetime | None
    language: str | None


class SearchOut(BaseModel):
    q: str
    organizations: list[OrganizationHitOut]
    articles: list[ArticleHitOut]


class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    kind: str
    entity_id: str | None
    name: str | None


class BulletOut(BaseModel):
    text: str
    sentence: int | None


class ArticleOut(BaseModel):
    id: str
    title: str | None
    site: str | None
    url: str | None
    published: dt.datetime | None
    language: str | None
    category: str | None
    story_id: str
    text: str
    tldr: list[BulletOut] = Field(description="newstide's TL;DR, each bullet citing a sentence")
    publisher_tldr: list[str]
    sentences: list[tuple[int, int]] = Field(description="(start, end) character spans")
    mentions: list[MentionOut]
    interactions: list[InteractionOut]


class LatestTurningPointOut(BaseModel):
    a: EntityOut
    b: EntityOut
    date: dt.date
    direction: Literal["up", "down"]
    why: str
    evidence_article: str | None
    evidence_sentence: int | None
    articles: list[str]


class StatusOut(BaseModel):
    store: str
    snapshot_taken_at: dt.datetime
    stale: bool = Field(description="the store changed since; a newer snapshot is on its way")
    counts: dict[str, int]
