"""Evaluation commands, one per stage, against gold data."""
