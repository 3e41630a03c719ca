"""armstrack: turn news text about arms deals into a typed record of arms transfers."""

from armstrack.extract import extract
from armstrack.model import Deal, Document, Money

__all__ = ["Deal", "Document", "Money", "extract"]
__version__ = "0.1.0"
