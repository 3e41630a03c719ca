"""Crash safety: an ingest killed with SIGKILL mid-batch loses nothing and half-writes nothing.

Each batch of documents is stored in one transaction, so a killed ingest leaves the store
as it was after its last committed batch. The test kills an ``armstrack ingest``
subprocess several times, at different points of its work, checks the invariants of the
store after each kill (every deal has its sources, lines and keys; each stored document
has all its deals), then lets the same ingest run to its end and compares the result
with one clean, untroubled run: the same deals, none missing or doubled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from test_store_faults import (
    BACKENDS,
    broken,
    clean_run,
    database,
    deal_set,
    environment,
    ingest_command,
    log,
    run_ingest,
    sources_per_document,
    write_feed,
)

from armstrack.store.session import make_engine

DOCUMENTS = 1200
#: When each of the ingests is killed: after this many documents are stored, and then
#: these many seconds later (0: as soon as seen), so the kills fall at different points.
KILLS = [(50, 0.0), (300, 0.013), (500, 0.037)]


def _in_write(url: str) -> bool:
    """Whether a writing transaction is open on PostgreSQL (it holds the advisory lock)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            return bool(connection.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def _stored(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM documents")).scalar_one())
    finally:
        engine.dispose()


def _kill_after(url: str, feed: Path, documents: int, delay: float, backend: str) -> int:
    """Start an ingest of *feed*, SIGKILL it past *documents* stored; return the count then."""
    process = subprocess.Popen(
        ingest_command(url, feed),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if _stored(url) >= documents:
                break
            time.sleep(0.01)
        time.sleep(delay)
        if backend == "postgresql":  # wait for a batch's transaction, to kill it mid-write
            while process.poll() is None and not _in_write(url):
                time.sleep(0.001)
        assert process.poll() is None, "the ingest ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return _stored(url)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_killed_ingest_leaves_a_consistent_store_and_resumes(backend: str, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", range(DOCUMENTS))
    expected_deals, expected_sources = clean_run(backend, tmp_path, feed)
    with database(backend, tmp_path) as url:
        stored_before = 0
        for documents, delay in KILLS:
            stored = _kill_after(url, feed, documents, delay, backend)
            assert stored >= stored_before  # committed batches survive
            assert stored < DOCUMENTS
            assert broken(url) == {}
            sources = sources_per_document(url)
            assert {d: sources[d] for d in sources} == {d: expected_sources[d] for d in sources}
            during = " inside a write transaction" if backend == "postgresql" else ""
            log(
                f"{backend}: SIGKILL of `armstrack ingest`{during} at {stored}/{DOCUMENTS} "
                "documents stored: consistent, no half-written deal"
            )
            stored_before = stored
        result = run_ingest(url, feed)
        assert result.returncode == 0, result.stderr[-2000:]
        assert f"unchanged {stored_before}" in result.stdout
        assert broken(url) == {}
        assert sources_per_document(url) == expected_sources
        assert deal_set(url) == expected_deals  # no deal missing, doubled or different
        log(
            f"{backend}: re-run after {len(KILLS)} kills completed; the deals and summary rows "
            f"({len(expected_deals)}) identical to a clean run (nothing lost)"
        )
