"""The library facade of the store: open a database, ingest documents, read deals back.

>>> tracker = Tracker.open("sqlite:///:memory:")
>>> report = tracker.ingest([], extractor=lambda document: [])
>>> report.read
0
>>> tracker.close()
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Self, TypeVar

from sqlalchemy import ARRAY, Engine, Table, any_, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from armstrack import codes
from armstrack.catalogue import Catalogue, default_catalogue
from armstrack.model import Deal, Document
from armstrack.store import convert, migrate, usd
from armstrack.store.base import Base
from armstrack.store.bulk import bulk_insert
from armstrack.store.merge import Report, group_reports, match_keys, merge
from armstrack.store.records import IngestReport, SkippedDocument, StoredDeal
from armstrack.store.session import WRITE, WRITE_LOCK, make_engine, make_sessions
from armstrack.store.tables import (
    DealKeyRow,
    DealLineRow,
    DealRow,
    DealValueRow,
    DocumentRow,
    EvidenceRow,
    OrganisationRow,
    SourceRow,
    StateRow,
    StatusEntryRow,
    SystemRow,
)

__all__ = ["Extractor", "SchemaError", "Tracker", "extract_document"]

#: Turns a document into the deals it reports.
Extractor = Callable[[Document], Sequence[Deal]]

_T = TypeVar("_T")
_CHUNK = 900  # bound parameters per IN list, well below every backend's limit
_UNCHANGED = ""  # the outcome of a document already stored
_CLASH = "a document with this id and a different text is already stored"
_NUL = "holds a NUL character, which PostgreSQL cannot store in text"


#: Longest document id stored (SQLite would take longer ones, PostgreSQL not: both refuse).
_ID_LENGTH: int = getattr(DocumentRow.__table__.c.external_id.type, "length", None) or 500


def _has_nul(document: Document) -> bool:
    """Whether *document* holds a NUL character (refused on every backend, alike)."""
    fields = (document.id, document.text, document.title or "", document.url or "")
    return any("\x00" in value for value in fields)


class SchemaError(RuntimeError):
    """The database's schema is not the one this armstrack expects."""


def _writing(session: Session) -> None:
    """Make *session*'s transaction the only writer of the store until it ends.

    Merging reads the deals a batch may join and writes the result, so two writers that
    both read before either wrote would each create the same deal. On PostgreSQL the
    transaction takes a transaction-level advisory lock (released by its commit or
    rollback, also when the process dies); on SQLite it begins with ``BEGIN IMMEDIATE``,
    the file's write lock. A second writer waits for the first to commit, then reads what
    it wrote. Readers are never blocked.
    """
    connection = session.connection(execution_options={WRITE: True})
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))


def extract_document(document: Document) -> list[Deal]:
    """Extract the deals of *document* with armstrack's extractor and default catalogue."""
    from armstrack.extract import extract

    return extract(document.text, document.published, document_id=document.id)


def _among(column: Any, values: Sequence[Any], session: Session) -> Any:
    """Return ``column IN values``; on PostgreSQL ``column = ANY(array)``, one parameter.

    A thousand-parameter ``IN`` list costs psycopg more to prepare than the query costs
    the server; an array is a single parameter.
    """
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def _size(session: Session) -> int:
    """Return how many values one :func:`_among` may take."""
    return 50_000 if session.get_bind().dialect.name == "postgresql" else _CHUNK


def _chunks(items: Sequence[_T], size: int = _CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _batched(items: Iterable[_T], size: int) -> Iterator[tuple[_T, ...]]:
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def _run_extractor(extractor: Extractor, document: Document) -> list[Deal] | str:
    """Extract, turning a failure into its reason (runs in worker processes too)."""
    try:
        return list(extractor(document))
    except Exception as exc:  # a failing document is reported and skipped
        return f"extraction failed: {type(exc).__name__}: {exc}"


@dataclass
class _Tally:
    read: int = 0
    unchanged: int = 0
    stored: int = 0
    skipped: list[SkippedDocument] = field(default_factory=list)
    deals_new: int = 0
    merged: int = 0

    def report(self) -> IngestReport:
        return IngestReport(
            read=self.read,
            unchanged=self.unchanged,
            stored=self.stored,
            skipped=tuple(self.skipped),
            deals_new=self.deals_new,
            merged=self.merged,
        )


class Tracker:
    """A store of deals merged from news documents.

    Build one with :meth:`open`, or from a session factory (tests bind one to a
    connection in a transaction). Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        catalogue: Catalogue | None = None,
        engine: Engine | None = None,
    ) -> None:
        self.sessions = sessions
        self._catalogue = catalogue
        self._engine = engine
        self._families: dict[str, str | None] = {}
        self._known_states: set[str] = set()
        self._known_systems: frozenset[str] = frozenset()
        self._synced = False
        # Deals of stored sources, parsed once: (source id, document, position) -> deal.
        self._parsed: dict[tuple[int, str, int], Deal] = {}

    @classmethod
    def open(
        cls, url: str | None = None, *, catalogue: Catalogue | None = None, upgrade: bool = True
    ) -> Tracker:
        """Open the database at *url* (see :func:`armstrack.store.session.resolve_url`).

        A database without tables gets the schema (unless *upgrade* is false); one at an
        older revision raises :class:`SchemaError` asking for ``armstrack db upgrade``.
        """
        engine = make_engine(url)
        with engine.connect() as connection:
            revision, state = migrate.current(connection), migrate.schema_state(connection)
        if state is migrate.SchemaState.EMPTY and upgrade:
            migrate.upgrade_engine(engine)
        elif state is migrate.SchemaState.BEHIND:
            engine.dispose()
            raise SchemaError(
                f"the database at {engine.url!r} has an older schema ({revision}); "
                "run `armstrack db upgrade`"
            )
        elif state is not migrate.SchemaState.CURRENT and revision is not None:
            engine.dispose()
            raise SchemaError(
                f"the database at {engine.url!r} is at schema revision {revision}, which "
                f"this armstrack does not know (its newest is {migrate.head()}): a newer "
                "armstrack wrote it; install that version, or point at another database"
            )
        elif state is not migrate.SchemaState.CURRENT:
            engine.dispose()
            raise SchemaError(
                f"the database at {engine.url!r} holds tables but no armstrack schema "
                "revision; point at another database"
            )
        return cls(make_sessions(engine), catalogue=catalogue, engine=engine)

    def close(self) -> None:
        """Release the database connections this tracker opened."""
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @cached_property
    def catalogue(self) -> Catalogue:
        """The reference catalogue (the default one unless given)."""
        return self._catalogue or default_catalogue()

    def family_of(self, system_id: str) -> str | None:
        """Return the id of the root of *system_id*'s catalogue family (``None`` if unknown)."""
        if system_id not in self._families:
            known = system_id in self.catalogue.systems
            self._families[system_id] = self.catalogue.family_of(system_id).id if known else None
        return self._families[system_id]

    # -- reference data -------------------------------------------------------------

    def sync_catalogue(self) -> None:
        """Bring the reference tables in line with the catalogue (idempotent)."""
        tables = convert.catalogue_rows(self.catalogue)
        with self.sessions() as session, session.begin():
            _writing(session)
            self._known_states = set(session.scalars(select(StateRow.code)))
            wanted = {r["code"]: r["name"] for r in tables["states"]}
            for row in tables["organisations"] + tables["systems"]:
                for column in ("state", "origin"):
                    code = row.get(column)
                    if code and code not in wanted and codes.is_state(code):
                        wanted[code] = codes.state_name(code)
                    elif code and code not in wanted:
                        row[column] = None
            states = [
                {"code": c, "name": n} for c, n in wanted.items() if c not in self._known_states
            ]
            if states:
                session.execute(insert(StateRow), states)
            self._known_states |= set(wanted)
            _upsert(session, OrganisationRow, "id", tables["organisations"])
            families = {r["id"]: r.pop("family_id") for r in tables["systems"]}
            _upsert(session, SystemRow, "id", [{**r, "family_id": None} for r in tables["systems"]])
            stored_families = dict(session.execute(select(SystemRow.id, SystemRow.family_id)).all())
            changed = [
                {"b_id": k, "family_id": v}
                for k, v in families.items()
                if stored_families.get(k) != v
            ]
            if changed:
                table = Base.metadata.tables["systems"]
                session.connection().execute(
                    update(table).where(table.c.id == bindparam("b_id")),
                    changed,
                )
            self._known_systems = frozenset(session.scalars(select(SystemRow.id)))
        self._synced = True

    def _ensure_states(self, session: Session, deals: Iterable[Deal]) -> None:
        missing = {
            code
            for deal in deals
            for code in (deal.supplier, deal.buyer)
            if code is not None and code not in self._known_states
        }
        if missing:
            stored = set(session.scalars(select(StateRow.code).where(StateRow.code.in_(missing))))
            new = sorted(missing - stored)
            if new:
                session.execute(
                    insert(StateRow), [{"code": c, "name": codes.state_name(c)} for c in new]
                )
            self._known_states |= missing

    # -- ingest ---------------------------------------------------------------------

    def ingest(
        self,
        documents: Iterable[Document | SkippedDocument],
        *,
        extractor: Extractor | None = None,
        workers: int = 1,
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Extract the deals of *documents* and store them, merging reports of one deal.

        A document already stored (same text) changes nothing; a document that cannot be
        read or extracted is skipped with its reason (pass a :class:`SkippedDocument` to
        report one the caller could not read). Each batch of *batch_size* documents
        commits atomically; should a batch fail to store, its documents are stored one by
        one so that only the failing ones are skipped. With *workers* > 1 extraction runs
        in that many processes (the extractor must then be picklable) while this process
        alone writes. *progress* is called with the number of documents done.
        """
        extract = extractor or extract_document
        if workers > 1:
            try:
                pickle.dumps(extract)
            except (pickle.PicklingError, AttributeError, TypeError) as exc:
                raise ValueError(
                    f"with workers > 1 the extractor must be picklable: {exc}"
                ) from exc
        if not self._synced:
            self.sync_catalogue()
        tally = _Tally()
        seen_hashes: set[str] = set()
        seen_ids: set[str] = set()
        pool: Executor | None = ProcessPoolExecutor(workers) if workers > 1 else None
        try:
            batches = _batched(documents, batch_size)
            pending = self._start(next(batches, None), extract, pool, tally, seen_hashes, seen_ids)
            while pending is not None:
                following = self._start(
                    next(batches, None), extract, pool, tally, seen_hashes, seen_ids
                )
                self._finish(pending, tally, progress)
                pending = following
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        return tally.report()

    def _start(
        self,
        batch: tuple[Document | SkippedDocument, ...] | None,
        extract: Extractor,
        pool: Executor | None,
        tally: _Tally,
        seen_hashes: set[str],
        seen_ids: set[str],
    ) -> list[tuple[Document | SkippedDocument, Future[list[Deal] | str] | list[Deal] | str]]:
        """Drop stored and repeated documents, and start extracting the rest."""
        if batch is None:
            return None  # type: ignore[return-value]
        documents = [d for d in batch if isinstance(d, Document)]
        unstorable = {id(d) for d in documents if _has_nul(d)}
        stored = self._stored([d for d in documents if id(d) not in unstorable])
        jobs: list[
            tuple[Document | SkippedDocument, Future[list[Deal] | str] | list[Deal] | str]
        ] = []
        for item in batch:
            if isinstance(item, SkippedDocument):
                jobs.append((item, item.reason))
                continue
            if id(item) in unstorable:
                jobs.append((item, _NUL))
                continue
            if len(item.id) > _ID_LENGTH:
                jobs.append((item, f"id longer than {_ID_LENGTH} characters"))
                continue
            if item.content_hash in seen_hashes or item.content_hash in stored:
                jobs.append((item, _UNCHANGED))
                continue
            if item.id in seen_ids or item.id in stored:
                jobs.append((item, _CLASH))
                continue
            seen_hashes.add(item.content_hash)
            seen_ids.add(item.id)
            if pool is not None:
                jobs.append((item, pool.submit(_run_extractor, extract, item)))
            else:
                jobs.append((item, _run_extractor(extract, item)))
        return jobs

    def _stored(self, documents: Sequence[Document], within: Session | None = None) -> set[str]:
        """Return which of these ids and content hashes are already stored."""
        found: set[str] = set()
        with self.sessions() if within is None else nullcontext(within) as session:
            for chunk in _chunks(documents, _size(session) // 2):
                hashes = [d.content_hash for d in chunk]
                ids = [d.id for d in chunk]
                rows = session.execute(
                    select(DocumentRow.external_id, DocumentRow.content_hash).where(
                        _among(DocumentRow.content_hash, hashes, session)
                        | _among(DocumentRow.external_id, ids, session)
                    )
                )
                for external_id, content_hash in rows:
                    found.add(content_hash)
                    found.add(external_id)
        return found

    def _finish(
        self,
        jobs: list[tuple[Document | SkippedDocument, Future[list[Deal] | str] | list[Deal] | str]],
        tally: _Tally,
        progress: Callable[[int], None] | None,
    ) -> None:
        """Collect the extractions of a batch and store them in one transaction."""
        ready: list[tuple[Document, list[Deal]]] = []
        for item, job in jobs:
            tally.read += 1
            outcome = job.result() if isinstance(job, Future) else job
            if outcome == _UNCHANGED:
                tally.unchanged += 1
            elif isinstance(outcome, str):
                tally.skipped.append(SkippedDocument(document=_name(item), reason=outcome))
            else:
                assert isinstance(item, Document)
                ready.append((item, outcome))
        if ready:
            try:
                self._store(ready, tally)
            except (IntegrityError, DataError):
                # Something in the batch breaks a constraint: store the documents one by
                # one, so that only the failing ones are skipped. (Other database errors,
                # such as a lost connection, are not about a document and propagate.)
                for one in ready:
                    try:
                        self._store([one], tally)
                    except (IntegrityError, DataError) as exc:
                        cause = getattr(exc, "orig", None) or exc
                        reason = f"storing failed: {str(cause).splitlines()[0]}"
                        tally.skipped.append(SkippedDocument(document=one[0].id, reason=reason))
        if progress is not None:
            progress(len(jobs))

    def _store(self, ready: list[tuple[Document, list[Deal]]], tally: _Tally) -> None:
        known = set(self._known_states)
        try:
            self._write(ready, tally)
        except BaseException:
            self._known_states = known  # states added by a rolled-back batch are not stored
            raise

    def _write(self, ready: list[tuple[Document, list[Deal]]], tally: _Tally) -> None:
        unchanged: list[Document] = []
        clashes: list[Document] = []
        with self.sessions() as session, session.begin():
            _writing(session)
            # Another writer may have stored some of these documents since they were
            # checked: look again, now that no one else writes.
            stored = self._stored([document for document, _ in ready], session)
            if stored:
                unchanged = [d for d, _ in ready if d.content_hash in stored]
                clashes = [d for d, _ in ready if d.content_hash not in stored and d.id in stored]
                ready = [(d, deals) for d, deals in ready if d.id not in stored]
                ready = [(d, deals) for d, deals in ready if d.content_hash not in stored]
            before = usd.mark(session)
            counts = _Writer(self, session).write(ready) if ready else (0, 0)
            usd.fill(session, after=before)  # values in USD, deal summaries
        tally.unchanged += len(unchanged)
        tally.skipped += [SkippedDocument(document=d.id, reason=_CLASH) for d in clashes]
        tally.stored += len(ready)
        tally.deals_new += counts[0]
        tally.merged += counts[1]

    # -- reading --------------------------------------------------------------------

    def deals(self) -> list[StoredDeal]:
        """Return every stored deal, merged, with its sources' values and statuses."""
        with self.sessions() as session:
            rows = session.scalars(
                select(DealRow)
                .options(selectinload(DealRow.sources).selectinload(SourceRow.document))
                .order_by(DealRow.id)
            ).all()
            return [
                convert.stored_deal(row, merge(convert.reports_of(row), self.family_of))
                for row in rows
            ]

    def sources(self, document_id: str) -> list[Deal]:
        """Return the deals one stored document reported, with their evidence."""
        with self.sessions() as session:
            rows = session.scalars(
                select(SourceRow)
                .join(SourceRow.document)
                .where(DocumentRow.external_id == document_id)
                .options(selectinload(SourceRow.evidence))
                .order_by(SourceRow.position)
            ).all()
            return [convert.source_deal(row.reported, row.evidence, document_id) for row in rows]

    def documents(self) -> list[Document]:
        """Return every stored document."""
        with self.sessions() as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
            return [convert.document_from_row(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Return the number of rows of each table of documents and deals."""
        tables = (DocumentRow, SourceRow, DealRow, DealLineRow, DealValueRow, StatusEntryRow)
        with self.sessions() as session:
            return {
                t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
                for t in (*tables, EvidenceRow, DealKeyRow)
            }


def _name(item: Document | SkippedDocument) -> str:
    return item.id if isinstance(item, Document) else item.document


def _upsert(session: Session, model: Any, key: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows whose *key* is new and update those that differ (reference tables)."""
    if not rows:
        return
    table = model.__table__
    columns = list(rows[0])
    existing = {
        row._mapping[key]: row._mapping
        for row in session.execute(select(*(table.c[c] for c in columns)))
    }
    new = [r for r in rows if r[key] not in existing]
    changed = [
        {**{f"b_{key}": r[key]}, **{c: r[c] for c in columns if c != key}}
        for r in rows
        if r[key] in existing and any(existing[r[key]][c] != r[c] for c in columns)
    ]
    if new:
        session.execute(insert(table), new)
    if changed:
        session.connection().execute(
            update(table).where(table.c[key] == bindparam(f"b_{key}")), changed
        )


class _Writer:
    """Writes one batch of extracted documents in the caller's transaction (Core statements)."""

    def __init__(self, tracker: Tracker, session: Session) -> None:
        self.tracker = tracker
        self.session = session

    def _ids(self, table: Any, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(self.session.execute(statement, rows).scalars())

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert rows that need no ids back: COPY on PostgreSQL, compiled executemany else."""
        bulk_insert(self.session.connection(), table, rows)

    def _execute_many(self, statement: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.connection().execute(statement, rows)

    def _delete_where_deal(self, table: Any, column: str, deal_ids: Sequence[int]) -> None:
        for chunk in _chunks(deal_ids, _size(self.session)):
            self.session.execute(delete(table).where(_among(table.c[column], chunk, self.session)))

    def _load(
        self, new: Sequence[Report]
    ) -> tuple[dict[int, Sequence[Report]], dict[tuple[str, int], int]]:
        """Load the stored deals sharing a match key with a new report, and their sources."""
        family_of = self.tracker.family_of
        keys = sorted({k for r in new for k in match_keys(r.deal, family_of)})
        deal_ids: set[int] = set()
        for chunk in _chunks(keys, _size(self.session)):
            deal_ids.update(
                self.session.scalars(
                    select(DealKeyRow.deal_id).where(
                        _among(DealKeyRow.match_key, chunk, self.session)
                    )
                )
            )
        stored: dict[int, list[Report]] = {}
        source_of: dict[tuple[str, int], int] = {}
        found: list[Any] = []
        for ids in _chunks(sorted(deal_ids), _size(self.session)):
            found += self.session.execute(
                select(
                    SourceRow.id,
                    SourceRow.deal_id,
                    SourceRow.position,
                    DocumentRow.external_id,
                    DocumentRow.published,
                )
                .join(DocumentRow, SourceRow.document_id == DocumentRow.id)
                .where(_among(SourceRow.deal_id, ids, self.session))
            ).all()
        # Sources never change: each is read and parsed once per tracker.
        parsed = self.tracker._parsed
        missing = sorted(row[0] for row in found if (row[0], row[3], row[2]) not in parsed)
        for ids in _chunks(missing, _size(self.session)):
            reported = self.session.execute(
                select(
                    SourceRow.id, SourceRow.position, DocumentRow.external_id, SourceRow.reported
                )
                .join(DocumentRow, SourceRow.document_id == DocumentRow.id)
                .where(_among(SourceRow.id, ids, self.session))
            )
            for source_id, position, external_id, data in reported:
                parsed[(source_id, external_id, position)] = convert.source_deal(data, [])
        for source_id, deal_id, position, external_id, published in found:
            deal = parsed[(source_id, external_id, position)]
            report = Report(external_id, position, deal, published)
            stored.setdefault(deal_id, []).append(report)
            source_of[report.order] = source_id
        return dict(stored), source_of

    def write(self, ready: list[tuple[Document, list[Deal]]]) -> tuple[int, int]:
        """Store *ready* (documents with their deals); return (deals new, reports merged)."""
        tracker, session = self.tracker, self.session
        tables = Base.metadata.tables
        tracker._ensure_states(session, (deal for _, deals in ready for deal in deals))
        now = datetime.now(UTC)
        document_ids = self._ids(
            Base.metadata.tables["documents"], [convert.document_row(doc, now) for doc, _ in ready]
        )
        new: list[Report] = []
        document_of: dict[tuple[str, int], int] = {}
        for (document, deals), document_id in zip(ready, document_ids, strict=True):
            for position, deal in enumerate(deals):
                report = Report(document.id, position, deal, document.published)
                new.append(report)
                document_of[report.order] = document_id
        if not new:
            return 0, 0
        stored, source_of = self._load(new)
        groups = group_reports(new, stored, tracker.family_of)
        merged = [merge(group.reports, tracker.family_of) for group in groups]

        # Deals: insert the new, update the survivors, fold the others into them.
        fresh = [m for g, m in zip(groups, merged, strict=True) if not g.deal_ids]
        fresh_ids = iter(self._ids(tables["deals"], [convert.deal_row(m) for m in fresh]))
        deal_of: list[int] = [g.deal_ids[0] if g.deal_ids else next(fresh_ids) for g in groups]
        deal_table = tables["deals"]
        self._execute_many(
            update(deal_table).where(deal_table.c.id == bindparam("b_id")),
            [
                {"b_id": g.deal_ids[0], **convert.deal_row(m)}
                for g, m in zip(groups, merged, strict=True)
                if g.deal_ids
            ],
        )
        folded = [
            {"b_old": loser, "b_new": g.deal_ids[0]} for g in groups for loser in g.deal_ids[1:]
        ]
        for name in ("sources", "deal_values", "status_history"):
            table = tables[name]
            self._execute_many(
                update(table)
                .where(table.c.deal_id == bindparam("b_old"))
                .values(deal_id=bindparam("b_new")),
                folded,
            )
        touched = sorted(d for g in groups for d in g.deal_ids)
        self._delete_where_deal(Base.metadata.tables["deal_lines"], "deal_id", touched)
        self._delete_where_deal(Base.metadata.tables["deal_keys"], "deal_id", touched)
        self._delete_where_deal(deal_table, "id", [row["b_old"] for row in folded])
        values = tables["deal_values"]
        for chunk in _chunks(touched, _size(session)):
            session.execute(
                update(values).where(_among(values.c.deal_id, chunk, session)).values(chosen=False)
            )

        # Sources of the new reports, with their values, statuses and evidence.
        placed = [
            (r, deal_of[i], m)
            for i, (g, m) in enumerate(zip(groups, merged, strict=True))
            for r in g.new
        ]
        source_ids = self._ids(
            tables["sources"],
            [
                {
                    "deal_id": deal_id,
                    "document_id": document_of[r.order],
                    "position": r.position,
                    "reported": convert.reported_json(r.deal),
                }
                for r, deal_id, _ in placed
            ],
        )
        value_rows, status_rows, evidence_rows = [], [], []
        for (report, deal_id, m), source_id in zip(placed, source_ids, strict=True):
            source_of[report.order] = source_id
            if report.deal.value is not None:
                chosen = m.chosen_value is not None and m.chosen_value.order == report.order
                value_rows.append(convert.value_row(deal_id, source_id, report.deal.value, chosen))
            status_rows.append(
                {
                    "deal_id": deal_id,
                    "source_id": source_id,
                    "status": report.deal.status,
                    "observed_on": report.observed_on,
                }
            )
            evidence_rows += convert.evidence_rows(source_id, report.deal)
        self._insert(values, value_rows)
        self._insert(tables["status_history"], status_rows)
        self._insert(Base.metadata.tables["evidence"], evidence_rows)
        new_orders = {r.order for r in new}
        self._execute_many(
            update(values).where(values.c.source_id == bindparam("b_source")).values(chosen=True),
            [
                {"b_source": source_of[m.chosen_value.order]}
                for m in merged
                if m.chosen_value is not None and m.chosen_value.order not in new_orders
            ],
        )

        # What merging derives: lines and match keys.
        line_rows, key_rows = [], []
        for deal_id, m in zip(deal_of, merged, strict=True):
            line_rows += convert.line_rows(deal_id, m, tracker._known_systems)
            key_rows += [{"deal_id": deal_id, "match_key": key} for key in sorted(m.keys)]
        self._insert(tables["deal_lines"], line_rows)
        self._insert(Base.metadata.tables["deal_keys"], key_rows)
        new_deals = sum(1 for g in groups if not g.deal_ids)
        return new_deals, len(new) - new_deals
