"""The registry of finding kinds: each check declares, in one place, what it finds.

A check is a function from an `Analysis` to what it detected, registered with `@check(...)`:
its kind, the theme it answers, its severity rule in words, the settings it reads, and the
shape of its evidence (a TypedDict, so the keys the wording and the pages read are declared
beside the code that writes them, each with how a reader is shown it: `mapper.findings.shown`).
`diagnose` runs every registered check; the wording layer words every registered kind; one
test holds the kinds, the wording, the themes and `docs/findings.md` to the same set.

Adding a kind: a module in `mapper/findings/` with its `@check`, its wording in
`mapper/recommend/`, its test and its entry in `docs/findings.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar, get_type_hints

from mapper.findings.base import SEVERITIES, Detected, Severity
from mapper.findings.shown import Hidden, Shown, wording_of
from mapper.findings.themes import THEMES, Theme

if TYPE_CHECKING:
    from mapper.analysis import Analysis

__all__ = ["CHECKS", "Check", "by_theme", "check", "evidence_keys", "evidence_wording", "kinds_of"]

Run = Callable[["Analysis"], Iterable[Detected]]


@dataclass(frozen=True)
class Check:
    """One kind of finding and the function that finds it."""

    kind: str
    theme: str
    severities: tuple[Severity, ...]
    severity_rule: str
    evidence: type
    settings: tuple[str, ...]
    run: Run
    #: how each key of `evidence` is shown to a reader, in the order declared
    wording: dict[str, Shown | Hidden]


#: Every registered check, by kind, in the order their modules registered them.
CHECKS: dict[str, Check] = {}


def check(
    kind: str,
    *,
    theme: str,
    severities: tuple[Severity, ...],
    severity_rule: str,
    evidence: type,
    settings: tuple[str, ...] = (),
) -> Callable[[Run], Run]:
    """Register the decorated function as the check for `kind`."""
    if kind in CHECKS:
        raise ValueError(f"the finding kind {kind!r} is registered twice")
    if theme not in {t.key for t in THEMES}:
        raise ValueError(f"{kind}: unknown theme {theme!r}")
    if not severities or set(severities) - set(SEVERITIES):
        raise ValueError(f"{kind}: severities must be some of {SEVERITIES}")
    wording = wording_of(evidence)  # a key with no wording is refused here, at import

    def register(run: Run) -> Run:
        CHECKS[kind] = Check(
            kind, theme, severities, severity_rule, evidence, settings, run, wording
        )
        return run

    return register


def evidence_keys(kind: str, *, required: bool = False) -> frozenset[str]:
    """The keys a finding of `kind` may carry as evidence (only those it always carries, if
    `required`)."""
    evidence = CHECKS[kind].evidence
    if required:
        return frozenset(getattr(evidence, "__required_keys__", get_type_hints(evidence)))
    return frozenset(get_type_hints(evidence))


def evidence_wording(kind: str) -> dict[str, Shown | Hidden]:
    """How each key of `kind`'s evidence is shown to a reader (`mapper.findings.shown`)."""
    return CHECKS[kind].wording


def kinds_of(theme: Theme) -> tuple[str, ...]:
    """The kinds registered under `theme`."""
    return tuple(kind for kind, c in CHECKS.items() if c.theme == theme.key)


class _OfAKind(Protocol):
    @property
    def kind(self) -> str: ...


_F = TypeVar("_F", bound=_OfAKind)


def by_theme(findings: Iterable[_F]) -> list[tuple[Theme, list[_F]]]:
    """Each theme with its findings (in the order given); themes with none are kept, since
    "nothing found" is itself a result a board wants to see."""
    findings = list(findings)
    return [(t, [f for f in findings if CHECKS[f.kind].theme == t.key]) for t in THEMES]
