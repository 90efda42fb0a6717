"""Polite, defensive HTTP fetching.

- refuses private, loopback, link-local, reserved and multicast addresses
  (checked for every redirect hop) unless ``allow_private`` is set;
- obeys robots.txt (RFC 9309: 4xx means allowed, 5xx or unreachable means not);
- waits ``per_host_interval`` seconds between requests to one host;
- caps redirects, response size (streamed, so a huge body is never held) and time;
- sends a User-Agent that says who we are.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newstrail.errors import FetchError
from newstrail.settings import Settings


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """Final URL after redirects."""
    status: int
    content_type: str
    charset: str | None
    content: bytes
    fetched_at: str
    redirects: tuple[str, ...] = field(default_factory=tuple)


def check_address(url: str, *, allow_private: bool) -> None:
    """Raise FetchError('private-address') when ``url``'s host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("unsupported", f"only http and https URLs are fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchError("fetch-failed", f"no host in URL {url!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("fetch-failed", f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            raise FetchError(
                "private-address",
                f"{host} resolves to a non-public address ({address})",
                hint="pass --allow-private to fetch from local or intranet hosts",
            )


class Fetcher:
    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------
    def fetch(self, url: str) -> Fetched:
        redirects: list[str] = []
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_address(current, allow_private=self.settings.allow_private)
            if self.settings.respect_robots and not self._allowed(current):
                raise FetchError(
                    "robots-disallowed",
                    f"robots.txt of {urlsplit(current).netloc} disallows {current}",
                    hint="newstrail respects robots.txt; ingest a saved copy instead",
                )
            response_or_location = self._get(current)
            if isinstance(response_or_location, str):
                redirects.append(current)
                current = response_or_location
                continue
            status, headers, content = response_or_location
            content_type = headers.get("content-type", "")
            charset = None
            if "charset=" in content_type:
                charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
            return Fetched(
                url=current,
                status=status,
                content_type=content_type.split(";")[0].strip().lower(),
                charset=charset,
                content=content,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                redirects=tuple(redirects),
            )
        raise FetchError(
            "fetch-failed",
            f"more than {self.settings.max_redirects} redirects from {url}",
            hint="raise max_redirects in the settings if this is expected",
        )

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            delay = self.settings.per_host_interval - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last_request[host] = time.monotonic()

    def _get(self, url: str) -> str | tuple[int, httpx.Headers, bytes]:
        """One request: a redirect target (str), or (status, headers, body)."""
        host = urlsplit(url).netloc
        self._wait_turn(host)
        cap = self.settings.max_input_bytes
        try:
            with self.client.stream("GET", url) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError("fetch-failed", f"redirect without Location from {url}")
                    return urljoin(url, location)
                if response.status_code >= 400:
                    raise FetchError(
                        "fetch-failed", f"HTTP {response.status_code} for {url}"
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise FetchError(
                        "too-large",
                        f"{url} is {int(declared):,} bytes, over the {cap:,}-byte cap",
                        hint="raise max_input_bytes (NEWSTRAIL_MAX_INPUT_BYTES) if needed",
                    )
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise FetchError(
                            "too-large",
                            f"{url} sent more than the {cap:,}-byte cap",
                            hint="raise max_input_bytes (NEWSTRAIL_MAX_INPUT_BYTES) if needed",
                        )
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError("fetch-failed", f"timed out fetching {url}: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError("fetch-failed", f"cannot fetch {url}: {exc}") from exc

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        parser = self._robots[root]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser()
        robots_url = root + "/robots.txt"
        try:
            result = self._get(robots_url)
        except FetchError as exc:
            if exc.message.startswith("HTTP 4"):
                return None  # no robots.txt: everything allowed
            parser.parse(["User-agent: *", "Disallow: /"])  # unreachable: assume disallowed
            return parser
        if isinstance(result, str):  # robots.txt redirects: follow once, same rules
            try:
                check_address(result, allow_private=self.settings.allow_private)
                result = self._get(result)
            except FetchError:
                return None
            if isinstance(result, str):
                return None
        _, _, body = result
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser
