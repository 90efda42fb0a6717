"""Commands of the provenance stage. (Scaffold.)"""

from __future__ import annotations
