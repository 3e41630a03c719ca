"""Concurrent writers: ingests running at once leave no document, deal or evidence twice.

Every writing transaction of the store first takes the store's write lock: a
transaction-level advisory lock on PostgreSQL, the file's write lock (``BEGIN
IMMEDIATE``) on SQLite. Inside it the batch's documents are looked up again and merging
reads the deals they may join, so a second writer waits, then sees what the first
committed. Unique constraints on documents (id, content hash) and sources (document,
position) back it. The tests run two ingest processes at once over overlapping feeds and
compare the store with one ingest of the union of the feeds.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from test_store_faults import (
    BACKENDS,
    broken,
    clean_run,
    database,
    deal_set,
    empty_database,
    environment,
    ingest_command,
    log,
    sources_per_document,
    write_feed,
)

from armstrack.cli import main

#: Two feeds of generated documents that overlap: (first, second).
OVERLAPS = {
    "half": (range(0, 600), range(300, 900)),
    "same": (range(0, 600), range(0, 600)),
    "interleaved": (range(0, 900, 2), range(0, 900, 3)),
}


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("overlap", list(OVERLAPS))
def test_two_ingests_at_once_store_each_document_and_deal_once(
    backend: str, overlap: str, tmp_path: Path
) -> None:
    first, second = OVERLAPS[overlap]
    feeds = [write_feed(tmp_path / "a.jsonl", first), write_feed(tmp_path / "b.jsonl", second)]
    union = write_feed(tmp_path / "union.jsonl", sorted(set(first) | set(second)))
    expected_deals, expected_sources = clean_run(backend, tmp_path, union)
    with database(backend, tmp_path) as url:
        processes = [
            subprocess.Popen(
                ingest_command(url, feed, batch_size=20),
                env=environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for feed in feeds
        ]
        outputs = [process.communicate(timeout=600) for process in processes]
        for process, (_out, err) in zip(processes, outputs, strict=True):
            assert process.returncode == 0, err[-2000:]
        assert broken(url) == {}
        assert sources_per_document(url) == expected_sources  # each document once, whole
        assert deal_set(url) == expected_deals  # each deal once, as one ingest makes it
        overlapping = len(set(first) & set(second))
    log(
        f"{backend}: two concurrent ingests ({len(first)} and {len(second)} documents, "
        f"{overlapping} in both): {len(expected_sources)} documents and "
        f"{len(expected_deals)} deals and summary rows stored once each, as one ingest does"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_ingests_into_an_empty_database_create_the_schema_once(
    backend: str, tmp_path: Path
) -> None:
    feeds = [write_feed(tmp_path / f"{n}.jsonl", range(n, 40 + n)) for n in (0, 20)]
    with empty_database(backend, tmp_path) as url:
        processes = [
            subprocess.Popen(
                ingest_command(url, feed), env=environment(), stderr=subprocess.PIPE, text=True
            )
            for feed in feeds
        ]
        for process in processes:
            _out, err = process.communicate(timeout=600)
            assert process.returncode == 0, err[-2000:]
        assert broken(url) == {}
        assert len(sources_per_document(url)) == 60
    log(f"{backend}: two ingests into an empty database: the schema made once, both stored")


def test_sqlite_writer_that_waits_too_long_gets_one_clear_line(tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as url:
        feed = write_feed(tmp_path / "feed.jsonl", range(3))
        holder = create_engine(url)
        with holder.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # another writer, never done
            result = CliRunner().invoke(main, ["ingest", "--db", f"{url}?timeout=0.2", str(feed)])
            connection.exec_driver_sql("ROLLBACK")
        holder.dispose()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert "database is locked: another process kept writing to it" in errors[0]
    log("sqlite: a writer blocked past its wait got one line (database is locked), exit 1")


def test_sqlite_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as url:
        feed = write_feed(tmp_path / "feed.jsonl", range(5))
        holder = create_engine(url)
        connection = holder.connect()
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        process = subprocess.Popen(
            ingest_command(url, feed), env=environment(), stdout=subprocess.PIPE, text=True
        )
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=3)  # waiting for the lock, not failing
        connection.exec_driver_sql("ROLLBACK")
        connection.close()
        holder.dispose()
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        assert "stored 5" in out
        engine = create_engine(url)
        with engine.connect() as check:
            assert check.execute(text("SELECT count(*) FROM documents")).scalar_one() == 5
        engine.dispose()
