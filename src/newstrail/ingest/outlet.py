"""Who published a document: from the record, the URL, the page or a signature line."""

from __future__ import annotations

from urllib.parse import urlsplit

_STRIP_PREFIXES = ("www.", "amp.", "m.", "mobile.")


def outlet_from_url(url: str | None) -> str | None:
    """The host without www./amp./m., e.g. https://www.kyivpost.com/x -> kyivpost.com."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _STRIP_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host
