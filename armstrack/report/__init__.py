"""Per-country deal reports, localised with Babel and gettext catalogues."""

from armstrack.report.data import CountryReport
from armstrack.report.render import FORMATS, render

__all__ = ["FORMATS", "CountryReport", "render"]
