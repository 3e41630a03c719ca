"""The extraction rules: trigger words and status cues, kept as JSONL data beside this module.

``triggers.jsonl`` lists the words and phrases that report a transfer ("sell", "signed",
"purchase", "take delivery") with the frame that tells the roles of the parties and the
status the word reports; ``cues.jsonl`` lists the modal, hedging and negating words that
change a status ("will", "allegedly", "could consider"). Each line is validated at load
time; a bad line fails with an error naming the file and line.

>>> rules = default_rules()
>>> rules.trigger("signed").status
<Status.SIGNED: 'signed'>
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from armstrack.model import DealKind, Status

__all__ = [
    "CueRule",
    "Frame",
    "RuleError",
    "Rules",
    "TriggerRule",
    "default_rules",
    "load_rules",
]

RULES_DIR = Path(__file__).parent


class RuleError(ValueError):
    """A rule file or line is invalid; the message names the file and line."""


class Frame(StrEnum):
    """Which party a trigger makes its grammatical subject.

    ``buy`` and ``receive``: the subject is the buyer ("Poland will buy ...");
    ``sell``: the subject is the supplier ("Seoul sold ..."); ``approve``: the subject is
    the supplier's government ("The State Department approved ..."); ``neutral``: either
    side ("signed a contract with ...").
    """

    BUY = "buy"
    RECEIVE = "receive"
    SELL = "sell"
    APPROVE = "approve"
    NEUTRAL = "neutral"


_Form = str


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    forms: tuple[_Form, ...] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _lower_words(cls, forms: tuple[str, ...]) -> tuple[str, ...]:
        for form in forms:
            if not form or form != form.strip() or form != form.lower():
                raise ValueError(f"form {form!r} must be lower case, trimmed and not empty")
        return forms


class TriggerRule(_Rule):
    """Words that report a transfer: their part of speech, frame and reported status."""

    pos: Literal["verb", "noun"]
    frame: Frame
    status: Status
    kind: DealKind = DealKind.SALE


class CueRule(_Rule):
    """Words that change a status: before the trigger (modals, negation) or anywhere."""

    where: Literal["before", "sentence"]
    status: Status | Literal["negated"]


@dataclass(frozen=True)
class Rules:
    """The loaded rules, with lookup by surface form."""

    triggers: tuple[TriggerRule, ...]
    cues: tuple[CueRule, ...]

    @property
    def verb_forms(self) -> Mapping[str, TriggerRule]:
        """Each verb form and its rule."""
        return _index(r for r in self.triggers if r.pos == "verb")

    @property
    def noun_forms(self) -> Mapping[str, TriggerRule]:
        """Each noun form and its rule."""
        return _index(r for r in self.triggers if r.pos == "noun")

    def trigger(self, form: str) -> TriggerRule:
        """Return the rule of a form (a verb reading first)."""
        return {**self.noun_forms, **self.verb_forms}[form]


def _index(rules: Iterable[TriggerRule]) -> dict[str, TriggerRule]:
    out: dict[str, TriggerRule] = {}
    for rule in rules:
        for form in rule.forms:
            out.setdefault(form, rule)
    return out


def _read(path: Path, model: type[_Rule]) -> list[_Rule]:
    rows: list[_Rule] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                row = model.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                raise RuleError(f"{path}:{number}: not JSON: {exc.msg}") from exc
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "line"
                raise RuleError(f"{path}:{number}: {where}: {first['msg']}") from exc
            if row.id in seen:
                raise RuleError(f"{path}:{number}: id {row.id!r} given twice")
            seen.add(row.id)
            rows.append(row)
    return rows


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Load and validate ``triggers.jsonl`` and ``cues.jsonl`` from *directory*."""
    triggers = _read(directory / "triggers.jsonl", TriggerRule)
    cues = _read(directory / "cues.jsonl", CueRule)
    return Rules(
        triggers=tuple(r for r in triggers if isinstance(r, TriggerRule)),
        cues=tuple(r for r in cues if isinstance(r, CueRule)),
    )


@cache
def default_rules() -> Rules:
    """Return the shipped rules, loaded once per process."""
    return load_rules()
