"""The ports of `make run`, which `make shell` uses to find the running action server."""
from ops.settings import Ports

PORT_VARIABLES = ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT", "REDIS_PORT")


def test_ports_default_to_those_of_make_run(monkeypatch):
    for name in PORT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert Ports.from_environment() == Ports()


def test_each_port_variable_sets_its_port(monkeypatch):
    for offset, name in enumerate(PORT_VARIABLES):
        monkeypatch.setenv(name, str(7000 + offset))
    assert Ports.from_environment() == Ports(actions=7000, rasa=7001, web=7002, redis=7003)
