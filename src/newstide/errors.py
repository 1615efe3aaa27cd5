"""newstide's one exception hierarchy.

Every error newstide raises on purpose is a `NewstideError`, carrying a message and a hint, so the
CLI can print one line and exit non-zero. Third-party errors are wrapped with
``raise NewstideError(...) from exc``.

```
NewstideError
├── SettingsError        a settings file is missing, malformed or has unknown keys
├── PipelineError        stages in the wrong order, or a stage returned something but an Article
├── InputError           an input cannot be used at all (missing path, unreadable folder)
│   └── DocumentError    one document is unusable: becomes a `Failure` row, never stops a batch
├── StoreError           the store cannot be opened, migrated or written
├── UnknownEntityError   a name, alias or id that matches no organization in the store
└── AnalysisInputError   a filter or option an analysis cannot use (unknown period, bad date)
```
"""

from __future__ import annotations


class NewstideError(Exception):
    """Base of every error newstide raises on purpose.

    Args:
        message: What went wrong, in one line.
        hint: What the user can do about it, in one line.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message


class SettingsError(NewstideError):
    """A settings file is missing, malformed, or names keys newstide does not know."""


class PipelineError(NewstideError):
    """Stages are in an order that cannot work, or a stage broke its contract.

    Args:
        code: A stable number so users can search for the error (``E001`` ...).
    """

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(f"[{code}] {message}", hint)
        self.code = code


class InputError(NewstideError):
    """An input cannot be used at all, e.g. a path that does not exist."""


class DocumentError(InputError):
    """One document is unusable; it becomes a `Failure` with this reason and detail.

    Args:
        reason: A short stable code such as ``empty`` or ``binary``.
        detail: One line saying what was wrong.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class StoreError(NewstideError):
    """The store cannot be opened, migrated or written."""


class UnknownEntityError(NewstideError):
    """A name, alias or id that matches no organization in the store."""


class AnalysisInputError(NewstideError):
    """A filter or option an analysis cannot use (an unknown period, a date that is not a date)."""
