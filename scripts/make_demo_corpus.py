#!/usr/bin/env python3
"""Render the newstide demo corpus from ``src/newstide/demo/articles.json``.

``articles.json`` is the single source of truth: original short news articles, written for
newstide, about public-record events. This script turns each record into the input format named by
its ``format`` field, so that ``make demo`` exercises every reader:

======  ================================================================================
html    ``corpus/html/<slug>.html``: a full news page (nav, header, sidebar, footer)
warc    ``corpus/crawl.warc.gz``: warcinfo + request/response pairs + one robots.txt
rss     ``corpus/feed.rss``: RSS 2.0 with ``<content:encoded>``
atom    ``corpus/feed.atom``: Atom 1.0 with ``<content type="html">``
jsonl   ``corpus/articles.jsonl``: one JSON object per line (``text``, or ``html`` for two)
text    ``corpus/scrapes/<slug>.txt``: plain-text scrapes laid out like the founding seed
======  ================================================================================

Output is byte-stable: no clocks, no randomness, sorted iteration, WARC record ids derived
from URLs (uuid5) and WARC dates from the article dates. Two scrapes are deliberately saved
in legacy encodings to exercise encoding sniffing (see ``_SCRAPE_STYLES``):

* ``2019-07-microsoft-suntik-openai-us1-miliar.txt`` is **cp1252** with CRLF line ends
  (its TL;DR bullets become byte 0x95, invalid as UTF-8);
* ``2024-04-bi-naikkan-bi-rate.txt`` is **UTF-16-LE with a BOM**.

Usage::

    python scripts/make_demo_corpus.py            # (re)write the corpus
    python scripts/make_demo_corpus.py --check    # exit 1 if the corpus on disk is stale

Needs only the standard library and ``warcio``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import html
import io
import json
import re
import sys
import uuid
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
DEMO_DIR = REPO / "src" / "newstide" / "demo"
ARTICLES_JSON = DEMO_DIR / "articles.json"
CORPUS_DIR = DEMO_DIR / "corpus"

FORMATS = ("html", "warc", "rss", "atom", "jsonl", "text")
LANGUAGES = ("id", "en")
REQUIRED = (
    "slug",
    "language",
    "site",
    "url",
    "published",
    "title",
    "category",
    "author",
    "paragraphs",
    "format",
)
OPTIONAL = ("image_credit", "publisher_tldr")

# Fixed instant used where a file needs "now" (warcinfo, feed build dates): the corpus is
# regenerated deterministically, so it must never read the clock.
CORPUS_DATE = "2025-11-01T00:00:00+00:00"
WARC_NAME = "crawl.warc.gz"
# One article of articles.json, as loaded (validated by load_articles).
Record = dict[str, Any]

UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://newstide.example/demo-corpus")

# Fictional publications; every domain is under the reserved .example TLD.
SITES: dict[str, dict[str, str]] = {
    "techledger.example": {
        "name": "TechLedger",
        "lang": "en",
        "tagline": "Technology, business and the deals between them",
    },
    "thewirebrief.example": {
        "name": "The Wire Brief",
        "lang": "en",
        "tagline": "The business news that matters, briefly",
    },
    "policyledger.example": {
        "name": "Policy Ledger",
        "lang": "en",
        "tagline": "Regulation, antitrust and the law of technology",
    },
    "asiamarkets.example": {
        "name": "Asia Markets Daily",
        "lang": "en",
        "tagline": "Deals, companies and markets across Asia",
    },
    "the-circuit.example": {
        "name": "The Circuit",
        "lang": "en",
        "tagline": "Chips, code and the companies behind them",
    },
    "warta-teknologi.example": {
        "name": "Warta Teknologi",
        "lang": "id",
        "tagline": "Kabar teknologi terkini dari Indonesia dan dunia",
    },
    "kabarbisnis.example": {
        "name": "Kabar Bisnis",
        "lang": "id",
        "tagline": "Berita bisnis, korporasi, dan pasar",
    },
    "teknokini.example": {
        "name": "TeknoKini",
        "lang": "id",
        "tagline": "Teknologi hari ini, untuk esok",
    },
    "pasardigital.example": {
        "name": "Pasar Digital",
        "lang": "id",
        "tagline": "Ekonomi digital dan startup Indonesia",
    },
    "jurnalekonomi.example": {
        "name": "Jurnal Ekonomi",
        "lang": "id",
        "tagline": "Makro, pasar modal, dan kebijakan",
    },
}

# The feeds are an aggregator's: items point back at the publications above.
FEED_SITE = "kurasi.example"
FEED_TITLE = "Kurasi: pilihan berita teknologi dan bisnis / selected tech and business news"

_UI: dict[str, dict[str, Any]] = {
    "id": {
        "nav": ["Beranda", "Bisnis", "Teknologi", "Startup", "Ekonomi", "Gim", "Indeks"],
        "search": "Cari berita...",
        "search_btn": "Cari",
        "by": "Oleh",
        "related": "Berita Terkait",
        "popular": "Terpopuler",
        "image": "Foto",
        "newsletter": "Newsletter",
        "newsletter_text": "Dapatkan ringkasan berita pilihan setiap pagi langsung di kotak "
        "masuk Anda.",
        "subscribe": "Berlangganan",
        "email": "Alamat email",
        "cookie": "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. "
        "Dengan melanjutkan, Anda menyetujui kebijakan privasi kami.",
        "accept": "Setuju",
        "share": "Bagikan",
        "topic": "Topik",
        "footer": ["Tentang Kami", "Redaksi", "Pedoman Media Siber", "Kebijakan Privasi", "Kontak"],
        "rights": "Hak cipta dilindungi undang-undang.",
        "ad": "Iklan",
        "comments": "Komentar (0)",
        "comments_text": "Silakan masuk untuk berkomentar.",
    },
    "en": {
        "nav": ["Home", "Business", "Technology", "Markets", "Policy", "Opinion", "Newsletters"],
        "search": "Search...",
        "search_btn": "Search",
        "by": "By",
        "related": "Related stories",
        "popular": "Most read",
        "image": "Image",
        "newsletter": "Newsletter",
        "newsletter_text": "Get the day's most important stories in your inbox every morning.",
        "subscribe": "Subscribe",
        "email": "Email address",
        "cookie": "We use cookies to improve your experience. By continuing to browse, "
        "you agree to our privacy policy.",
        "accept": "Accept",
        "share": "Share",
        "topic": "Topic",
        "footer": ["About us", "Masthead", "Ethics policy", "Privacy", "Contact"],
        "rights": "All rights reserved.",
        "ad": "Advertisement",
        "comments": "Comments (0)",
        "comments_text": "Sign in to join the conversation.",
    },
}

_MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

# Scrape furniture varies between files so that the cleaner is tested on more than one shape.
# The header line is always "Title - the picture via: credit - site - Category" (as in the seed);
# what varies is the standalone credit line, the ad-slot size, the dateline, "read also" lines,
# a trailing tag line, the encoding and the line ends.
_SCRAPE_DEFAULT: dict[str, Any] = {
    "credit_prefix": "the picture via: ",
    "ad": "336-280",
    "city": "",
    "read_also_after": None,
    "read_also_label": "Baca juga: ",
    "tags": None,
    "encoding": "utf-8",
    "newline": "\n",
    "final_newline": False,
    "date_line": True,
}
_SCRAPE_STYLES: dict[str, dict[str, Any]] = {
    # Same shape as the seed (no date line), but cp1252 with CRLF line ends (saved on Windows).
    "2019-07-microsoft-suntik-openai-us1-miliar": {
        "encoding": "cp1252",
        "newline": "\r\n",
        "date_line": False,
    },
    "2020-11-telkomsel-suntik-gojek": {"ad": "300x250", "city": "JAKARTA", "read_also_after": 1},
    "2018-03-grab-akuisisi-bisnis-uber": {"credit_prefix": "Foto: "},
    "2024-03-microsoft-rekrut-pendiri-inflection-ai": {
        "credit_prefix": "Foto: ",
        "ad": "300x250",
        "city": "JAKARTA",
        "read_also_after": 1,
    },
    "2025-06-hubungan-microsoft-openai-memanas": {
        "credit_prefix": "Image: ",
        "ad": "336x280",
        "read_also_after": 2,
    },
    # No TL;DR and UTF-16 (little-endian, with BOM).
    "2024-04-bi-naikkan-bi-rate": {
        "credit_prefix": "Foto: ",
        "ad": "300x250",
        "city": "JAKARTA",
        "read_also_after": 2,
        "encoding": "utf-16",
    },
    "2022-12-openai-releases-chatgpt": {
        "credit_prefix": "Image: ",
        "ad": "728x90",
        "city": "SAN FRANCISCO",
        "read_also_after": 1,
        "read_also_label": "Read more: ",
        "final_newline": True,
    },
    "2024-06-apple-brings-chatgpt-to-siri": {
        "credit_prefix": "Image: ",
        "ad": "300x250",
        "read_also_after": 2,
        "read_also_label": "Read more: ",
        "tags": "Tags: Apple, OpenAI, Siri, WWDC, ChatGPT",
    },
}

# Two JSONL lines carry HTML instead of text: one a whole page, one a bare fragment.
_JSONL_HTML = {
    "2024-08-microsoft-lists-openai-as-competitor": "page",
    "2023-04-cma-blokir-akuisisi-activision": "fragment",
}

_ROBOTS_URL = "https://techledger.example/robots.txt"
_ROBOTS_TXT = (
    "User-agent: *\n"
    "Disallow: /admin/\n"
    "Disallow: /search\n"
    "\n"
    "Sitemap: https://techledger.example/sitemap.xml\n"
)


# --------------------------------------------------------------------------- loading


class CorpusError(Exception):
    """articles.json breaks one of the corpus rules."""


def load_articles(path: Path = ARTICLES_JSON) -> list[Record]:
    """Load and validate articles.json; return records sorted by (published, slug).

    Raises:
        CorpusError: a record is missing a field, has a bad value, or repeats a slug.
    """
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise CorpusError("articles.json must hold a JSON list")
    seen: set[str] = set()
    for i, rec in enumerate(records):
        where = f"record {i} ({rec.get('slug', '?')})"
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            raise CorpusError(f"{where}: missing {missing}")
        unknown = sorted(set(rec) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise CorpusError(f"{where}: unknown fields {unknown}")
        if rec["slug"] in seen:
            raise CorpusError(f"{where}: duplicate slug")
        seen.add(rec["slug"])
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rec["slug"]):
            raise CorpusError(f"{where}: slug must be lowercase words joined by '-'")
        if rec["format"] not in FORMATS:
            raise CorpusError(f"{where}: format must be one of {FORMATS}")
        if rec["language"] not in LANGUAGES:
            raise CorpusError(f"{where}: language must be one of {LANGUAGES}")
        if rec["site"] not in SITES:
            raise CorpusError(f"{where}: unknown site {rec['site']!r}; add it to SITES")
        if not rec["url"].startswith(f"https://{rec['site']}/"):
            raise CorpusError(f"{where}: url must be on https://{rec['site']}/")
        when = dt.datetime.fromisoformat(rec["published"])
        if when.tzinfo is None:
            raise CorpusError(f"{where}: published needs a UTC offset")
        paras = rec["paragraphs"]
        if not (2 <= len(paras) <= 5) or not all(isinstance(p, str) and p.strip() for p in paras):
            raise CorpusError(f"{where}: needs 2-5 non-empty paragraphs")
        words = sum(len(p.split()) for p in paras)
        if not 150 <= words <= 400:
            raise CorpusError(f"{where}: {words} words; keep articles to 150-400 words")
        tldr = rec.get("publisher_tldr")
        if tldr is not None and (len(tldr) != 3 or not all(isinstance(b, str) for b in tldr)):
            raise CorpusError(f"{where}: publisher_tldr must be 3 strings")
        if "]]>" in " ".join(paras):
            raise CorpusError(f"{where}: text may not contain ']]>' (breaks CDATA)")
    for slug in [*_SCRAPE_STYLES, *_JSONL_HTML]:
        if slug not in seen:
            raise CorpusError(f"style given for unknown slug {slug!r}")
    return sorted(records, key=lambda r: (r["published"], r["slug"]))


# --------------------------------------------------------------------------- helpers


def _when(rec: Record) -> dt.datetime:
    return dt.datetime.fromisoformat(rec["published"])


def _utc(rec_or_iso: Record | str) -> dt.datetime:
    iso = rec_or_iso if isinstance(rec_or_iso, str) else rec_or_iso["published"]
    return dt.datetime.fromisoformat(iso).astimezone(dt.UTC)


def _human_date(rec: Record) -> str:
    """Date line as the site would print it (WIB for +07:00 Indonesian sites)."""
    when = _when(rec)
    lang = rec["language"]
    month = _MONTHS[lang][when.month - 1]
    if lang == "id":
        zone = "WIB" if when.utcoffset() == dt.timedelta(hours=7) else "UTC"
        return f"{_DAYS_ID[when.weekday()]}, {when.day} {month} {when.year} {when:%H:%M} {zone}"
    hour = when.hour % 12 or 12
    ampm = "a.m." if when.hour < 12 else "p.m."
    return f"{month} {when.day}, {when.year}, {hour}:{when:%M} {ampm} UTC"


def _summary(rec: Record) -> str:
    """First sentence of the first paragraph: the feed/meta description."""
    first = rec["paragraphs"][0]
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])", first, maxsplit=1)
    return parts[0]


def _image_url(rec: Record) -> str:
    when = _when(rec)
    return f"https://{rec['site']}/media/{when:%Y}/{when:%m}/{rec['slug']}.jpg"


def _e(text: str) -> str:
    """Escape for an HTML/XML text node or attribute."""
    return html.escape(text, quote=True)


def _body_fragment(rec: Record) -> str:
    """The article body as HTML, used for feeds and the JSONL fragment."""
    lines = []
    if rec.get("image_credit"):
        label = _UI[rec["language"]]["image"]
        lines.append(
            f'<figure><img src="{_e(_image_url(rec))}" alt="{_e(rec["title"])}">'
            f"<figcaption>{label}: {_e(rec['image_credit'])}</figcaption></figure>"
        )
    lines.extend(f"<p>{_e(p)}</p>" for p in rec["paragraphs"])
    return "\n".join(lines)


def _related(rec: Record, records: list[Record], n: int = 4) -> list[Record]:
    """Newest other articles of the same site, then of the same language."""
    others = [r for r in records if r["slug"] != rec["slug"]]
    same_site = [r for r in others if r["site"] == rec["site"]]
    same_lang = [r for r in others if r["language"] == rec["language"] and r not in same_site]
    newest = lambda rs: sorted(rs, key=lambda r: (r["published"], r["slug"]), reverse=True)  # noqa: E731
    return (newest(same_site) + newest(same_lang))[:n]


def _popular(rec: Record, records: list[Record], exclude: list[Record], n: int = 3) -> list[Record]:
    """A stable 'most read' list: same-language articles ordered by a hash of their slug."""
    pool = [
        r
        for r in records
        if r["language"] == rec["language"] and r["slug"] != rec["slug"] and r not in exclude
    ]
    pool.sort(key=lambda r: hashlib.sha1(f"{rec['slug']}|{r['slug']}".encode()).hexdigest())
    return pool[:n]


# --------------------------------------------------------------------------- html pages


def render_page(rec: Record, records: list[Record]) -> str:
    """A full news page with the boilerplate a main-text extractor has to remove."""
    site = SITES[rec["site"]]
    ui = _UI[rec["language"]]
    home = f"https://{rec['site']}/"
    when = _when(rec)
    related = _related(rec, records)
    popular = _popular(rec, records, related)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": rec["title"],
        "datePublished": rec["published"],
        "author": {"@type": "Person", "name": rec["author"]},
        "publisher": {"@type": "Organization", "name": site["name"], "url": home},
        "image": _image_url(rec),
        "inLanguage": rec["language"],
        "articleSection": rec["category"],
        "mainEntityOfPage": rec["url"],
    }
    ld_json = json.dumps(ld, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    nav = "\n".join(
        f'      <li><a href="{home}{"" if i == 0 else _slugify(item) + "/"}">{_e(item)}</a></li>'
        for i, item in enumerate(ui["nav"])
    )
    rel = "\n".join(
        f'        <li><a href="{_e(r["url"])}">{_e(r["title"])}</a></li>' for r in related
    )
    pop = "\n".join(
        f'        <li><a href="{_e(r["url"])}">{_e(r["title"])}</a></li>' for r in popular
    )
    foot = "\n".join(
        f'      <li><a href="{home}{_slugify(item)}/">{_e(item)}</a></li>' for item in ui["footer"]
    )
    figure = ""
    if rec.get("image_credit"):
        figure = (
            f'      <figure class="lead-image">\n'
            f'        <img src="{_e(_image_url(rec))}" alt="{_e(rec["title"])}" '
            f'width="1200" height="675">\n'
            f"        <figcaption>{ui['image']}: {_e(rec['image_credit'])}</figcaption>\n"
            f"      </figure>\n"
        )
    paras = "\n".join(f"        <p>{_e(p)}</p>" for p in rec["paragraphs"])
    locale = "id_ID" if rec["language"] == "id" else "en_US"
    author_url = f"{home}author/{_slugify(rec['author'])}/"
    byline = f'{ui["by"]} <a rel="author" href="{author_url}">{_e(rec["author"])}</a>'
    category_url = f"{home}{_slugify(rec['category'])}/"
    topics = f'{ui["topic"]}: <a href="{category_url}">{_e(rec["category"])}</a>'
    share = "\n".join(
        f'        <li><a href="https://{net}.example/share?u={_e(rec["url"])}">{name}</a></li>'
        for net, name in (("social", "Facebook"), ("microblog", "X"), ("chat", "WhatsApp"))
    )
    return f"""<!DOCTYPE html>
<html lang="{rec["language"]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{_e(rec["title"])} | {_e(site["name"])}</title>
  <meta name="description" content="{_e(_summary(rec))}">
  <meta name="author" content="{_e(rec["author"])}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{_e(rec["title"])}">
  <meta property="og:site_name" content="{_e(site["name"])}">
  <meta property="og:url" content="{_e(rec["url"])}">
  <meta property="og:image" content="{_e(_image_url(rec))}">
  <meta property="og:locale" content="{locale}">
  <meta property="article:published_time" content="{rec["published"]}">
  <meta property="article:section" content="{_e(rec["category"])}">
  <link rel="canonical" href="{_e(rec["url"])}">
  <link rel="stylesheet" href="{home}static/css/main.css">
  <script type="application/ld+json">{ld_json}</script>
</head>
<body class="single-article">
  <div class="cookie-notice" role="dialog">
    <p>{_e(ui["cookie"])}</p>
    <button type="button">{ui["accept"]}</button>
  </div>
  <header class="site-header">
    <a class="logo" href="{home}">{_e(site["name"])}</a>
    <p class="tagline">{_e(site["tagline"])}</p>
    <form class="search" action="{home}search" method="get">
      <input type="search" name="q" placeholder="{_e(ui["search"])}">
      <button type="submit">{ui["search_btn"]}</button>
    </form>
  </header>
  <nav class="main-nav">
    <ul>
{nav}
    </ul>
  </nav>
  <div class="ad-slot ad-leaderboard"><span>{ui["ad"]}</span></div>
  <main class="container">
    <ol class="breadcrumb">
      <li><a href="{home}">{_e(ui["nav"][0])}</a></li>
      <li><a href="{category_url}">{_e(rec["category"])}</a></li>
    </ol>
    <article class="post">
      <h1 class="entry-title">{_e(rec["title"])}</h1>
      <div class="entry-meta">
        <span class="byline">{byline}</span>
        <time class="published" datetime="{rec["published"]}">{_human_date(rec)}</time>
      </div>
{figure}      <div class="entry-content">
{paras}
      </div>
      <div class="entry-topics">{topics}</div>
      <ul class="share-buttons" aria-label="{ui["share"]}">
{share}
      </ul>
    </article>
    <div id="comments" class="comments-area">
      <h2 class="comments-title">{ui["comments"]}</h2>
      <p class="must-log-in">{_e(ui["comments_text"])}</p>
    </div>
    <aside class="sidebar">
      <div class="ad-slot ad-mrec"><span>{ui["ad"]}</span></div>
      <section class="related">
        <h2>{ui["related"]}</h2>
        <ul>
{rel}
        </ul>
      </section>
      <section class="popular">
        <h2>{ui["popular"]}</h2>
        <ol>
{pop}
        </ol>
      </section>
      <section class="newsletter">
        <h2>{ui["newsletter"]}</h2>
        <p>{_e(ui["newsletter_text"])}</p>
        <form action="{home}newsletter" method="post">
          <input type="email" name="email" placeholder="{_e(ui["email"])}">
          <button type="submit">{ui["subscribe"]}</button>
        </form>
      </section>
    </aside>
  </main>
  <footer class="site-footer">
    <ul>
{foot}
    </ul>
    <p class="copyright">&copy; {when.year} {_e(site["name"])}. {_e(ui["rights"])}</p>
  </footer>
  <script src="{home}static/js/app.js" defer></script>
</body>
</html>
"""


def _slugify(text: str) -> str:
    text = text.lower().replace("é", "e")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --------------------------------------------------------------------------- warc


def _warc_date(iso: str) -> str:
    return _utc(iso).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(UUID_NAMESPACE, f'{kind}:{url}')}>"


def render_warc(records: list[Record]) -> bytes:
    """WARC/1.0, gzip per record: warcinfo, robots.txt, then request+response per article."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.0")

    info = (
        b"software: newstide scripts/make_demo_corpus.py (warcio)\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
        b"description: newstide demo crawl; original articles written for newstide about "
        b"public-record events\r\n"
        b"isPartOf: newstide-demo\r\n"
    )
    warcinfo_headers = StatusAndHeaders(
        "",
        [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", _record_id("warcinfo", WARC_NAME)),
            ("WARC-Filename", WARC_NAME),
            ("WARC-Date", _warc_date(CORPUS_DATE)),
        ],
        protocol="WARC/1.0",
    )
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_headers=warcinfo_headers,
            warc_content_type="application/warc-fields",
        )
    )

    warc_articles = [r for r in records if r["format"] == "warc"]
    # robots.txt is fetched one minute before the first page, as a crawler would.
    first = _utc(warc_articles[0]) - dt.timedelta(minutes=1)
    _write_exchange(
        writer,
        _ROBOTS_URL,
        first.isoformat(),
        _ROBOTS_TXT.encode("utf-8"),
        "text/plain; charset=utf-8",
        "en",
    )
    for rec in warc_articles:
        body = render_page(rec, records).encode("utf-8")
        _write_exchange(
            writer, rec["url"], rec["published"], body, "text/html; charset=utf-8", rec["language"]
        )
    return out.getvalue()


def _write_exchange(
    writer: WARCWriter, url: str, iso: str, body: bytes, ctype: str, lang: str
) -> None:
    """Write a request record, then its response (HTTP 200), linked by WARC-Concurrent-To."""
    host = url.split("/")[2]
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    accept_lang = "id-ID,id;q=0.9,en;q=0.8" if lang == "id" else "en-US,en;q=0.9"
    warc_date = _warc_date(iso)
    resp_id = _record_id("response", url)

    req_http = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", "newstide-demo-crawler/1.0 (+https://newstide.example/bot)"),
            ("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8"),
            ("Accept-Language", accept_lang),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    req = writer.create_warc_record(
        url,
        "request",
        http_headers=req_http,
        warc_headers_dict={
            "WARC-Record-ID": _record_id("request", url),
            "WARC-Date": warc_date,
            "WARC-Concurrent-To": resp_id,
        },
    )
    http_date = email.utils.format_datetime(_utc(iso), usegmt=True)
    resp_http = StatusAndHeaders(
        "200 OK",
        [
            ("Date", http_date),
            ("Server", "nginx"),
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "max-age=300"),
            ("Connection", "close"),
        ],
        protocol="HTTP/1.1",
    )
    resp = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=resp_http,
        warc_headers_dict={
            "WARC-Record-ID": resp_id,
            "WARC-Date": warc_date,
        },
    )
    writer.write_record(req)
    writer.write_record(resp)


# --------------------------------------------------------------------------- feeds


def render_rss(records: list[Record]) -> str:
    """RSS 2.0 of the rss articles, newest first, full body in <content:encoded>."""
    items = sorted(
        (r for r in records if r["format"] == "rss"),
        key=lambda r: (r["published"], r["slug"]),
        reverse=True,
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"  <title>{_e(FEED_TITLE)}</title>",
        f"  <link>https://{FEED_SITE}/</link>",
        f'  <atom:link href="https://{FEED_SITE}/feed.rss" rel="self" type="application/rss+xml"/>',
        "  <description>Selected technology and business stories from Indonesian and "
        "English-language publications.</description>",
        f"  <lastBuildDate>{_rfc822(CORPUS_DATE)}</lastBuildDate>",
        "  <generator>newstide make_demo_corpus.py</generator>",
        "  <ttl>60</ttl>",
    ]
    for r in items:
        site = SITES[r["site"]]
        parts += [
            "  <item>",
            f"    <title>{_e(r['title'])}</title>",
            f"    <link>{_e(r['url'])}</link>",
            f'    <guid isPermaLink="true">{_e(r["url"])}</guid>',
            f"    <pubDate>{_rfc822(r['published'])}</pubDate>",
            f"    <dc:creator>{_e(r['author'])}</dc:creator>",
            f"    <dc:language>{r['language']}</dc:language>",
            f"    <category>{_e(r['category'])}</category>",
            f'    <source url="https://{r["site"]}/feed/">{_e(site["name"])}</source>',
            f"    <description>{_e(_summary(r))}</description>",
            f"    <content:encoded><![CDATA[{_body_fragment(r)}]]></content:encoded>",
            "  </item>",
        ]
    parts += ["</channel>", "</rss>", ""]
    return "\n".join(parts)


def _rfc822(iso: str) -> str:
    return email.utils.format_datetime(dt.datetime.fromisoformat(iso))


def render_atom(records: list[Record]) -> str:
    """Atom 1.0 of the atom articles, newest first, HTML body in <content type="html">."""
    entries = sorted(
        (r for r in records if r["format"] == "atom"),
        key=lambda r: (r["published"], r["slug"]),
        reverse=True,
    )
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_e(FEED_TITLE)}</title>",
        f"  <id>tag:{FEED_SITE},2018:feed</id>",
        f'  <link rel="self" type="application/atom+xml" href="https://{FEED_SITE}/feed.atom"/>',
        f'  <link rel="alternate" type="text/html" href="https://{FEED_SITE}/"/>',
        f"  <updated>{CORPUS_DATE}</updated>",
        "  <generator>newstide make_demo_corpus.py</generator>",
    ]
    for r in entries:
        site = SITES[r["site"]]
        parts += [
            f'  <entry xml:lang="{r["language"]}">',
            f"    <title>{_e(r['title'])}</title>",
            f"    <id>tag:{r['site']},{_when(r):%Y-%m-%d}:{r['slug']}</id>",
            f'    <link rel="alternate" type="text/html" href="{_e(r["url"])}"/>',
            f"    <published>{r['published']}</published>",
            f"    <updated>{r['published']}</updated>",
            f"    <author><name>{_e(r['author'])}</name></author>",
            f'    <category term="{_e(r["category"])}"/>',
            f"    <summary>{_e(_summary(r))}</summary>",
            f'    <content type="html">{_e(_body_fragment(r))}</content>',
            "    <source>",
            f"      <title>{_e(site['name'])}</title>",
            f"      <id>https://{r['site']}/</id>",
            f'      <link rel="alternate" href="https://{r["site"]}/"/>',
            "    </source>",
            "  </entry>",
        ]
    parts += ["</feed>", ""]
    return "\n".join(parts)


# --------------------------------------------------------------------------- jsonl


def render_jsonl(records: list[Record]) -> str:
    """One object per jsonl article; two carry 'html' (a page, a fragment) instead of 'text'."""
    lines = []
    for r in records:
        if r["format"] != "jsonl":
            continue
        obj = {
            "id": r["slug"],
            "url": r["url"],
            "title": r["title"],
            "published": r["published"],
            "site": r["site"],
            "language": r["language"],
        }
        kind = _JSONL_HTML.get(r["slug"])
        if kind == "page":
            obj["html"] = render_page(r, records)
        elif kind == "fragment":
            obj["html"] = f"<article><h1>{_e(r['title'])}</h1>\n{_body_fragment(r)}\n</article>"
        else:
            obj["text"] = "\n\n".join(r["paragraphs"])
        lines.append(json.dumps(obj, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- scrapes


def render_scrape(rec: Record, records: list[Record]) -> bytes:
    """A plain-text scrape laid out like shared/seed/000_9fe720d586508277.txt."""
    style = {**_SCRAPE_DEFAULT, **_SCRAPE_STYLES.get(rec["slug"], {})}
    site = rec["site"]
    credit = rec.get("image_credit") or SITES[site]["name"]
    lines = [
        rec["title"],
        "",
        "",
        "",
        f"{rec['title']} - the picture via: {credit} - {site} - {rec['category']}",
        "",
        f"{style['credit_prefix']}{credit}",
        "",
        "",
        str(style["ad"]),
    ]
    if style["date_line"]:
        lines += [_human_date(rec), ""]
    if rec.get("publisher_tldr"):
        lines.append("TL;DR")
        lines.extend(f"  \u2022 {b}" for b in rec["publisher_tldr"])
    lines.append("")
    dateline = f"{style['city']}, {site} -" if style["city"] else f"{site} -"
    paras = list(rec["paragraphs"])
    paras[0] = dateline + paras[0]
    after = style["read_also_after"]
    if after is not None:
        target = _read_also(rec, records)
        if target is not None:
            paras.insert(int(after) + 1, f"{style['read_also_label']}{target['title']}")
    body = "\n\n".join(paras)
    if style["tags"]:
        body += "\n\n" + str(style["tags"])
    text = "\n".join(lines) + "\n" + body
    if style["final_newline"]:
        text += "\n"
    text = text.replace("\n", str(style["newline"]))
    if style["encoding"] == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(str(style["encoding"]))


def _read_also(rec: Record, records: list[Record]) -> Record | None:
    """The newest earlier article in the same language (what a 'read also' box links to)."""
    earlier = [
        r
        for r in records
        if r["language"] == rec["language"]
        and (r["published"], r["slug"]) < (rec["published"], rec["slug"])
    ]
    return earlier[-1] if earlier else None


# --------------------------------------------------------------------------- main


def render_corpus(records: list[Record]) -> dict[str, bytes]:
    """Every corpus file as {path relative to corpus/: bytes}."""
    files: dict[str, bytes] = {}
    for r in records:
        if r["format"] == "html":
            files[f"html/{r['slug']}.html"] = render_page(r, records).encode("utf-8")
        elif r["format"] == "text":
            files[f"scrapes/{r['slug']}.txt"] = render_scrape(r, records)
    files[WARC_NAME] = render_warc(records)
    files["feed.rss"] = render_rss(records).encode("utf-8")
    files["feed.atom"] = render_atom(records).encode("utf-8")
    files["articles.jsonl"] = render_jsonl(records).encode("utf-8")
    return dict(sorted(files.items()))


def _existing(corpus: Path) -> set[str]:
    """Generated files currently on disk (only the names this script owns)."""
    found: set[str] = set()
    for pattern in (
        "html/*.html",
        "scrapes/*.txt",
        WARC_NAME,
        "feed.rss",
        "feed.atom",
        "articles.jsonl",
    ):
        found.update(p.relative_to(corpus).as_posix() for p in corpus.glob(pattern))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the corpus on disk differs"
    )
    args = parser.parse_args(argv)
    try:
        records = load_articles()
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = render_corpus(records)
    stale = _existing(CORPUS_DIR) - set(files)
    if args.check:
        differ = [
            p
            for p, data in files.items()
            if not (CORPUS_DIR / p).is_file() or (CORPUS_DIR / p).read_bytes() != data
        ]
        for p in sorted([*differ, *stale]):
            print(f"stale: {p}", file=sys.stderr)
        return 1 if differ or stale else 0
    for p in sorted(stale):
        (CORPUS_DIR / p).unlink()
    for p, data in files.items():
        target = CORPUS_DIR / p
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    counts: dict[str, int] = {}
    for r in records:
        counts[r["format"]] = counts.get(r["format"], 0) + 1
    summary = ", ".join(f"{k} {counts.get(k, 0)}" for k in FORMATS)
    print(
        f"wrote {len(files)} files for {len(records)} articles ({summary}) "
        f"to {CORPUS_DIR.relative_to(REPO)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
