"""The store: deals merged from many documents, in SQLite or PostgreSQL.

>>> from armstrack.store import Tracker
>>> with Tracker.open("sqlite:///:memory:") as tracker:
...     tracker.ingest([], extractor=lambda document: []).read
0
"""

from armstrack.store.records import IngestReport, SkippedDocument, StoredDeal
from armstrack.store.tracker import SchemaError, Tracker

__all__ = ["IngestReport", "SchemaError", "SkippedDocument", "StoredDeal", "Tracker"]
