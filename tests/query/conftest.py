"""Fixtures of the query tests: the small store of ``fixtures.py`` on every backend."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _fixtures() -> ModuleType:
    name = "armstrack_tests_query_fixtures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("fixtures.py"))
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_f = _fixtures()
backend = _f.backend
connection = _f.connection
engine = _f.engine
_query_engines = _f._query_engines
session = _f.session
sessions = _f.sessions
tracker = _f.tracker
