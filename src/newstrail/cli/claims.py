"""Commands of the claims stage. (Scaffold.)"""

from __future__ import annotations
