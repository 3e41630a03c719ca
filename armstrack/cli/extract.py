"""``armstrack extract``: print the deals of news texts, one JSON line per document."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

from armstrack.catalogue import CatalogueError, default_catalogue, load_catalogue
from armstrack.extract import extract as extract_deals
from armstrack.model import Deal

__all__ = ["extract"]


@dataclass(frozen=True)
class _Input:
    id: str
    text: str
    published: datetime.date | None


class _BadInput(Exception):
    pass


def _jsonl(lines: list[str], where: str) -> Iterator[_Input]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        place = f"{where}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _BadInput(f"{place}: not JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise _BadInput(f"{place}: expected a JSON object")
        doc_id, text, published = row.get("id"), row.get("text"), row.get("published")
        if not isinstance(doc_id, str) or not doc_id:
            raise _BadInput(f"{place}: 'id' must be a non-empty string")
        if not isinstance(text, str):
            raise _BadInput(f"{place}: 'text' must be a string")
        day: datetime.date | None = None
        if published is not None:
            try:
                day = datetime.date.fromisoformat(str(published))
            except ValueError as exc:
                raise _BadInput(f"{place}: 'published' is not an ISO date: {published!r}") from exc
        yield _Input(doc_id, text, day)


def _inputs(files: tuple[str, ...]) -> Iterator[_Input]:
    for name in files:
        if name == "-":
            data = sys.stdin.read()
            if data.lstrip().startswith("{"):
                yield from _jsonl(data.splitlines(), "<stdin>")
            else:
                yield _Input("stdin", data, None)
            continue
        path = Path(name)
        try:
            data = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _BadInput(f"{name}: cannot read: {exc}") from exc
        if path.suffix == ".jsonl":
            yield from _jsonl(data.splitlines(), name)
        else:
            yield _Input(path.stem, data, None)


def explain(deals: list[Deal], doc_id: str) -> str:
    """Return a human-readable account of each deal: rules fired, evidence of each field."""
    out = [f"# {doc_id}: {len(deals)} deal(s)"]
    for n, deal in enumerate(deals, start=1):
        systems = ", ".join(
            f"{s.name}"
            + (f" x{s.quantity}" if s.quantity is not None else "")
            + (f" [{s.category.value}]" if s.category else "")
            for s in deal.systems
        )
        value = f"{deal.value.amount} {deal.value.currency}" if deal.value else "-"
        out.append(
            f"deal {n}: {deal.supplier or '?'} -> {deal.buyer or '?'}  status={deal.status.value}"
            f"  value={value}  confidence={deal.confidence:.2f}"
        )
        out.append(f"  systems: {systems or '-'}")
        rules = sorted({ev.rule for ev in deal.evidence})
        out.append(f"  rules: {', '.join(rules)}")
        for ev in deal.evidence:
            sentence = ev.sentence[:160].replace("\n", " ")
            out.append(f"  {ev.field or '?':8} [{ev.start}:{ev.end}] {ev.rule}: {sentence}")
    return "\n".join(out)


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option("--explain", "explain_", is_flag=True, help="Show rules and evidence, not JSON.")
@click.option(
    "--catalogue",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra catalogue CSV file to load after the seeds (repeatable).",
)
def extract(files: tuple[str, ...], explain_: bool, extra: tuple[Path, ...]) -> None:
    """Extract the arms deals of FILES (.txt, .jsonl, or - for stdin), one JSON line each.

    A .jsonl file holds one document a line ({"id", "text", "published"}); the id of a
    .txt file is its name without the suffix.
    """
    try:
        cat = load_catalogue(*extra) if extra else default_catalogue()
    except CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        for doc in _inputs(files):
            deals = extract_deals(doc.text, doc.published, document_id=doc.id, catalogue=cat)
            if explain_:
                click.echo(explain(deals, doc.id))
            else:
                row = {"id": doc.id, "deals": [d.model_dump(mode="json") for d in deals]}
                click.echo(json.dumps(row, ensure_ascii=False))
    except _BadInput as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
