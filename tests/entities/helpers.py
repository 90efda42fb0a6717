"""Building small stores for the entities tests (texts invented for the tests)."""

from __future__ import annotations

import hashlib

from newstrail.models import Document, Sighting
from newstrail.store import Store


def add_doc(store: Store, text: str, *, lang: str = "en", published: str = "2024-03-03",
            name: str = "t") -> str:
    h = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(doc_id=h[:16], content_hash=h, input_id=f"{name}.txt", text=text,
                   extracted=text, lang=lang, published=published)
    raw = store.put_raw(text.encode())
    _, doc_id = store.add(doc, Sighting(doc_id=doc.doc_id, source=f"/t/{name}-{h[:6]}",
                                        record_key="", input_id=f"{name}.txt", kind="text",
                                        raw_id=raw))
    return doc_id


def parse_and_record(store: Store, nlp, text: str, claims=(), **kw) -> str:
    from newstrail.entities.mentions import record_mentions

    doc_id = add_doc(store, text, **kw)
    row = store.get(doc_id)
    with store.atomic():
        record_mentions(store, row, nlp(text), list(claims))
        # what the claims stage does after recording: mark the document done
        store.mark_processed(doc_id, "entities-foreign", "1", status="skipped", reason="english")
    return doc_id
