from pathlib import Path

import pytest

from portal.config import SETTINGS, Settings, load_settings


def test_defaults_run_locally_with_nothing_set() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert (settings.host, settings.port, settings.redis_url) == ("127.0.0.1", 8050, "")


def test_environment_then_overrides() -> None:
    settings = load_settings({"PORTAL_PORT": "9000", "PORTAL_BUILD_DIR": "/srv/build",
                              "PORTAL_DEBUG": "yes"}, port=9100)
    assert settings.port == 9100
    assert settings.build_dir == Path("/srv/build")
    assert settings.debug is True


def test_a_malformed_value_names_the_variable() -> None:
    with pytest.raises(ValueError, match="PORTAL_PORT"):
        load_settings({"PORTAL_PORT": "eighty"})


def test_every_declared_setting_is_a_field() -> None:
    names = {s.name.removeprefix("PORTAL_").lower() for s in SETTINGS}
    assert names == set(Settings.__dataclass_fields__)
