"""Natural-language stages: the spaCy model, attributed claims, hedges, dates, quantities."""
