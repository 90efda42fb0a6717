"""Errors raised by newstrail. Every message says what to do about it.

    NewstrailError                 base: the CLI prints its message (and hint) and exits 2
    ├── UsageError                 bad arguments or settings
    ├── StoreError                 the SQLite file cannot be opened or migrated
    └── InputRejected              one input cannot become a document; carries a reason code.
                                   Never stops a run: the input goes to the `rejects` table.
        └── FetchError             an HTTP fetch failed or was refused

Reason codes of InputRejected are short, stable strings (``binary``, ``empty``,
``too-large``, ``truncated-gzip``, ``no-article``, ``broken-feed``,
``corrupt-warc-record``, ``undecodable``, ``bad-record``, ``fetch-failed``,
``private-address``, ``robots-disallowed``, ``unsupported``) so that rejects
can be counted and filtered.
"""

from __future__ import annotations


class NewstrailError(Exception):
    """Base class. ``hint`` tells the user how to fix the problem."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class UsageError(NewstrailError):
    """Bad arguments, paths or settings."""


class StoreError(NewstrailError):
    """The store cannot be opened, read or migrated."""


class InputRejected(NewstrailError):
    """One input could not become a document. ``reason`` is a stable code."""

    def __init__(self, reason: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class FetchError(InputRejected):
    """An HTTP fetch failed or was refused (private address, robots.txt, size, status)."""
