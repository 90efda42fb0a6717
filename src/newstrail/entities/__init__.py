"""Entities: mentions, aliases, transliteration, fuzzy matching, context rules, geocoding."""
