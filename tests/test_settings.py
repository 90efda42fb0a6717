from pathlib import Path

import pytest

import newstrail
from newstrail.errors import UsageError
from newstrail.settings import Settings


def test_precedence_defaults_file_env(tmp_path):
    cfg = tmp_path / "n.toml"
    cfg.write_text('[newstrail]\nbatch_size = 7\nper_host_interval = 2.5\n')
    s = Settings.load(config=cfg, env={"NEWSTRAIL_BATCH_SIZE": "9", "NEWSTRAIL_ALLOW_PRIVATE": "yes"})
    assert (s.batch_size, s.per_host_interval, s.allow_private) == (9, 2.5, True)
    assert s.replace(batch_size=None, db=Path("x.db")).batch_size == 9


def test_unknown_setting_is_an_error_with_hint(tmp_path):
    cfg = tmp_path / "n.toml"
    cfg.write_text("[newstrail]\nbatchsize = 7\n")
    with pytest.raises(UsageError) as info:
        Settings.load(config=cfg, env={})
    assert "batch_size" in (info.value.hint or "")


def test_public_api_is_pinned():
    assert sorted(newstrail.__all__) == ["Document", "NewstrailError", "RawInput", "Reject",
                                         "Settings", "Sighting", "__version__"]
