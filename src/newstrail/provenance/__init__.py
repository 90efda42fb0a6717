"""Provenance: shingles and LSH, containment and alignment, citations, stories."""
