"""Commands of the entities stage. (Scaffold.)"""

from __future__ import annotations
