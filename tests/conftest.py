"""Shared test configuration."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: The small store of known deals and its database fixtures (tests/query/fixtures.py), for
#: the query and report tests; tests/store/conftest.py overrides the names it shares.
pytest_plugins = ["query.fixtures"]

# Shared machines are noisy: no per-example deadline, and a bounded example count.
settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), max_examples=200)
settings.load_profile("ci" if os.environ.get("CI") else "default")
