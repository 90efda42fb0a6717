"""newstrail: follow every claim in conflict reporting back to its source."""

from newstrail.errors import NewstrailError
from newstrail.models import Document, RawInput, Reject, Sighting
from newstrail.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Document",
    "NewstrailError",
    "RawInput",
    "Reject",
    "Settings",
    "Sighting",
    "__version__",
]
