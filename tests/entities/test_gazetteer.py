from newstrail.entities import gazetteer as gz
from newstrail.entities.gazetteer import Place, choose, read_geonames_dump


def _p(key, kind="settlement", country="UA", admin1="05", pop=0):
    return Place(key=key, name=key, kind=kind, country=country, admin1=admin1, lat=48.0,
                 lon=37.0, population=pop)


def test_choose_needs_evidence():
    a, b = _p("a", admin1="05", pop=3000), _p("b", admin1="17", pop=2500)
    assert choose([a, b]) == (None, "ambiguous")
    assert choose([a, b], regions={("UA", "17")}) == (b, "region-nearby")
    # the text names a region and no namesake lies in it: stay unresolved
    assert choose([a, b], regions={("UA", "14")})[0] is None
    big = _p("big", pop=60_000)
    assert choose([big, b]) == (big, "largest")


def test_choose_prefers_official_names_over_former_ones():
    official, former = _p("pokrovsk", pop=60_000), _p("engels", country="RU", pop=196_000)
    assert choose([official, former], primary=["pokrovsk"])[0] is official
    # dozens of villages are officially Oleksandrivka; Donetsk once was: not Donetsk
    villages = [_p(f"oleksandrivka{i}", admin1=f"{i:02}", pop=900 + i) for i in range(1, 4)]
    city = _p("donetsk", pop=900_000)
    assert choose([*villages, city], primary=[v.key for v in villages])[0] is None


def test_listed_former_names_win():
    g = gz.load()
    assert g.choose("Artemovsk")[0].name == "Bakhmut"
    assert g.choose("Николаев")[0].population > 400_000
    assert g.choose("Oleksandrivka")[0] is None


def test_region_beats_village_of_the_same_name():
    region, village = _p("crimea", kind="region", admin1="11"), _p("krym", country="RU", pop=4_000)
    assert choose([village, region])[0] is region


def test_bundled_gazetteer_maps_historical_names():
    g = gz.load()
    assert g.choose("Artemivsk")[0].name == "Bakhmut"
    assert g.choose("Dnipropetrovsk")[0].name == "Dnipro"
    assert g.choose("Kharkov")[0].name == "Kharkiv"
    assert g.choose("Kursk region")[0].key == "region:RU-41"
    # four towns named Lyman or Liman: only a region named nearby decides
    assert g.choose("Lyman")[0] is None
    assert g.choose("Lyman", regions={("UA", "05")})[0].population > 10_000
    assert g.choose("Orlivka")[0] is None


def test_read_geonames_dump_keeps_populated_places(tmp_path):
    # two invented rows in the 19-column GeoNames dump format; the second is a river (class H)
    rows = [
        ["9000001", "Testivka", "Testivka", "Testovka,Тестівка", "48.1", "37.6", "P", "PPL", "UA",
         "", "05", "", "", "", "120", "", "200", "Europe/Kyiv", "2024-01-01"],
        ["9000002", "Testrichka", "Testrichka", "", "48.2", "37.7", "H", "STM", "UA", "", "05",
         "", "", "", "0", "", "150", "Europe/Kyiv", "2024-01-01"],
    ]
    f = tmp_path / "UA.txt"
    f.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    got = list(read_geonames_dump(f))
    assert [r["name"] for r in got] == ["Testivka"]
    merged = gz.load(got)
    assert merged.choose("Тестівка")[0].geonames_id == 9000001
    assert gz.load().choose("Testivka")[0] is None  # the bundled one is unchanged
