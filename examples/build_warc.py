"""Pack the invented HTML pages in examples/warc_src/ into examples/warc/sample-crawl.warc.gz.

All content is invented test data for newstrail (see examples/README.md).

The output is deterministic: WARC-Record-IDs are derived from the target URI (uuid5),
WARC-Date and HTTP dates are fixed, and warcio's gzip members carry no timestamp, so
re-running this script produces byte-identical output.

    .venv/bin/python examples/build_warc.py
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc_src"
OUT = HERE / "warc" / "sample-crawl.warc.gz"

# Namespace for stable record ids (uuid5 of this namespace + a key).
NS = uuid.UUID("6f1c9a52-2d4e-4b8a-9d0e-3a7c5b1e8f20")

WARCINFO_DATE = "2024-03-04T02:00:00Z"

# (source file, target URI, WARC-Date, HTTP Date header, Last-Modified or None)
PAGES = [
    (
        "zaporizhzhia-today-cpa-avdiivka.html",
        "https://zaporizhzhia-today.example/news/2024/03/03/russia-throws-dozens-of-tanks-avdiivka",
        "2024-03-04T02:10:31Z",
        "Mon, 04 Mar 2024 02:10:31 GMT",
        "Sun, 03 Mar 2024 20:40:00 GMT",
    ),
    (
        "warsaw-east-review-wagner-veterans.html",
        "https://warsaw-east-review.example/analysis/wagner-veterans-defence-ministry-contracts",
        "2024-03-04T13:02:07Z",
        "Mon, 04 Mar 2024 13:02:07 GMT",
        None,
    ),
    (
        "black-sea-monitor-nova-kakhovka-water.html",
        "https://blackseamonitor.example/2024/03/04/nova-kakhovka-water-shortages",
        "2024-03-04T13:05:44Z",
        "Mon, 04 Mar 2024 13:05:44 GMT",
        "Mon, 04 Mar 2024 10:30:00 GMT",
    ),
]


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, key)}>"


def build(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")

        info = (
            "software: newstrail examples/build_warc.py (warcio)\r\n"
            "format: WARC File Format 1.1\r\n"
            "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            "isPartOf: newstrail-sample-crawl\r\n"
            "description: Invented test pages for newstrail. All events, statements and figures are fictional.\r\n"
            "robots: obey\r\n"
        ).encode("utf-8")
        warcinfo = writer.create_warc_record(
            "",
            "warcinfo",
            payload=BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo"),
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": out.name,
            },
        )
        writer.write_record(warcinfo)

        for fname, uri, warc_date, http_date, last_modified in PAGES:
            body = (SRC / fname).read_bytes()
            headers = [
                ("Date", http_date),
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ]
            if last_modified:
                headers.append(("Last-Modified", last_modified))
            headers.append(("Connection", "close"))
            http_headers = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id(uri),
                    "WARC-Date": warc_date,
                    "WARC-Warcinfo-ID": record_id("warcinfo"),
                },
            )
            writer.write_record(rec)
    return out


if __name__ == "__main__":
    path = build()
    print(f"wrote {path} ({path.stat().st_size} bytes)")
