"""The dashboard's guard: security headers on every response, token access control, request limits.

A pure ASGI middleware, so it also covers static files, error pages and the OpenAPI document.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

#: The cookie that carries the token after a first visit with ``?token=``.
TOKEN_COOKIE = "newstide_token"

#: Environment variable holding the access token when ``--token`` is not given.
TOKEN_ENV = "NEWSTIDE_TOKEN"

#: Scripts and styles only from the server itself: no inline script, no eval, no framing.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, token: str | None) -> str | None:
    """The warning to print when a server is reachable beyond this machine, or None."""
    if is_loopback(host):
        return None
    if not token:
        return (
            f"WARNING: serving on {host}, reachable from other machines, with NO access control: "
            "anyone who can reach this port can read the whole store. Pass --token (or set "
            f"{TOKEN_ENV}) or bind to 127.0.0.1."
        )
    return (
        f"note: serving on {host}, reachable from other machines; a token is required, but the "
        "connection is plain HTTP: put it behind a TLS proxy if the network is not trusted."
    )


class Guard:
    """Headers, token check and size limits around an ASGI app.

    Args:
        app: The application to guard.
        token: When set, every request must carry it (``Authorization: Bearer``, the cookie, or
            ``?token=`` once, which sets the cookie and redirects to the same URL without it).
        max_url_chars: Longer request targets get 414.
    """

    def __init__(self, app: ASGIApp, token: str | None, max_url_chars: int) -> None:
        self.app = app
        self.token = token or None
        self.max_url_chars = max_url_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in _HEADERS if k not in names),
                ]
            await send(message)

        query = scope.get("query_string", b"").decode("latin-1")
        if len(scope.get("raw_path", b"")) + len(query) > self.max_url_chars:
            await _plain(send_with_headers, 414, "request URL too long")
            return
        if scope["method"] not in ("GET", "HEAD"):
            await _plain(send_with_headers, 405, "this server only answers GET", allow=True)
            return
        if self.token is not None:
            verdict = self._check(scope, query)
            if verdict == "redirect":
                await self._redirect(scope, query, send_with_headers)
                return
            if verdict == "deny":
                await _deny(scope, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)

    def _matches(self, supplied: str | None) -> bool:
        assert self.token is not None
        return supplied is not None and hmac.compare_digest(
            supplied.encode("utf-8", "surrogateescape"), self.token.encode()
        )

    def _check(self, scope: Scope, query: str) -> str:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = [v for k, v in parse_qsl(query, keep_blank_values=True) if k == "token"]
        if given:
            return "redirect" if self._matches(given[-1]) else "deny"
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer ") and self._matches(authorization[7:].strip()):
            return "ok"
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is just no cookie
            return "deny"
        morsel = cookie.get(TOKEN_COOKIE)
        return "ok" if morsel is not None and self._matches(morsel.value) else "deny"

    async def _redirect(self, scope: Scope, query: str, send: Send) -> None:
        """Trade ``?token=`` for a cookie, so the token does not linger in the address bar."""
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
        path = scope.get("root_path", "") + scope["path"]
        location = path + ("?" + urlencode(kept) if kept else "")
        assert self.token is not None
        cookie = SimpleCookie()
        cookie[TOKEN_COOKIE] = self.token
        cookie[TOKEN_COOKIE]["httponly"] = True
        cookie[TOKEN_COOKIE]["samesite"] = "Strict"
        cookie[TOKEN_COOKIE]["path"] = "/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("utf-8")),
                    (b"set-cookie", cookie[TOKEN_COOKIE].OutputString().encode("latin-1")),
                    (b"content-length", b"0"),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


async def _plain(send: Send, status: int, text: str, *, allow: bool = False) -> None:
    body = text.encode() + b"\n"
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    if allow:
        headers.append((b"allow", b"GET, HEAD"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _deny(scope: Scope, send: Send) -> None:
    if scope["path"].startswith(("/api/", "/openapi.json")):
        body = json.dumps(
            {"detail": "a token is required: send Authorization: Bearer TOKEN"}
        ).encode()
        kind = b"application/json"
    else:
        body = (
            b'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            b"<title>newstide: token required</title></head><body><h1>Token required</h1>"
            b"<p>This dashboard is shared with a token. Open it with <code>?token=...</code> "
            b"appended to the address, once; the browser then remembers it.</p></body></html>"
        )
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b"Bearer"),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
