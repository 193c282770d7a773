"""ops/settings.py: the settings read from the environment, in one place."""

import pytest
import yaml

from ops.launcher import endpoints_file
from ops.settings import PROJECT_ROOT, ConversationStore, Ports, SettingError, web_origins

PORT_VARIABLES = ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT", "REDIS_PORT")


def test_ports_default_to_those_of_make_run(monkeypatch):
    for name in PORT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert Ports.from_environment() == Ports()


def test_each_port_variable_sets_its_port(monkeypatch):
    for offset, name in enumerate(PORT_VARIABLES):
        monkeypatch.setenv(name, str(7000 + offset))
    assert Ports.from_environment() == Ports(actions=7000, rasa=7001, web=7002, redis=7003)


@pytest.mark.parametrize("value", ["", "http", "0", "70000"])
def test_a_port_that_is_not_a_port_number_is_refused(monkeypatch, value):
    monkeypatch.setenv("RASA_PORT", value)
    with pytest.raises(SettingError, match="RASA_PORT"):
        Ports.from_environment()


def test_endpoints_yml_names_the_default_action_server_port():
    # `rasa run` and `rasa shell` started by hand read endpoints.yml itself.
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == f"http://localhost:{Ports().actions}/webhook"


def test_the_endpoints_file_gets_the_actual_action_port_and_the_lock_store(tmp_path):
    endpoints = yaml.safe_load(endpoints_file(7123, tmp_path, 7124).read_text())
    assert endpoints["action_endpoint"]["url"] == "http://localhost:7123/webhook"
    assert endpoints["lock_store"] == {"type": "redis", "url": "127.0.0.1", "port": 7124, "db": 0}
    # Everything else of endpoints.yml is kept.
    original = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["nlg"] == original["nlg"] and endpoints["tracker_store"] == original["tracker_store"]
    assert (tmp_path / "endpoints.yml").stat().st_mode & 0o777 == 0o600


def test_default_origins_are_the_local_page():
    assert web_origins({}) == ["http://localhost:8000", "http://127.0.0.1:8000"]
    assert web_origins({"WEB_PORT": "9000"}) == ["http://localhost:9000", "http://127.0.0.1:9000"]


def test_origins_come_from_the_environment():
    environ = {"ASSISTANT_WEB_ORIGINS": " https://clinic.example.org/ ,http://localhost:9000,"}
    assert web_origins(environ) == ["https://clinic.example.org", "http://localhost:9000"]


def test_an_empty_origin_list_is_refused():
    # engine.io would read [] as "accept every origin".
    with pytest.raises(SettingError, match="ASSISTANT_WEB_ORIGINS"):
        web_origins({"ASSISTANT_WEB_ORIGINS": " , "})


def test_the_conversation_store_defaults_to_the_private_sqlite_file():
    store = ConversationStore.from_environment({})
    assert (store.dialect, store.db) == ("sqlite", ".rasa/conversations.db")
    assert store.description() == "SQLite conversation store .rasa/conversations.db"


def test_the_postgresql_store_and_its_description_without_the_password():
    store = ConversationStore.from_environment(
        {
            "TRACKER_DB_DIALECT": "postgresql",
            "TRACKER_DB": "clinic",
            "TRACKER_DB_HOST": "db.internal",
            "TRACKER_DB_PORT": "5433",
            "TRACKER_DB_USER": "rasa",
            "TRACKER_DB_PASSWORD": "s3cret",
        }
    )
    assert (store.host, store.port, store.user, store.password) == ("db.internal", "5433", "rasa", "s3cret")
    assert "s3cret" not in store.description() and "s3cret" not in repr(store)
