"""Ingest: readers per input kind, then extraction, debris removal, dating, language."""
