"""ASSISTANT_WORKERS: how many Rasa workers to run, and what the page and TensorFlow get."""

import json

import pytest

from ops import web_page as web_serve
from ops.launcher import multi_worker_env
from ops.settings import PROJECT_ROOT, SettingError, workers_from_environment


def page_config(script: bytes) -> dict:
    prefix, suffix = b"window.ASSISTANT_CONFIG = ", b";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    return json.loads(script[len(prefix) : -len(suffix)])


def test_one_worker_unless_configured(monkeypatch):
    monkeypatch.delenv("ASSISTANT_WORKERS", raising=False)
    assert workers_from_environment() == 1
    monkeypatch.setenv("ASSISTANT_WORKERS", "2")
    assert workers_from_environment() == 2


@pytest.mark.parametrize("value", ["0", "-1", "two", ""])
def test_nonsense_worker_counts_are_refused(monkeypatch, value):
    monkeypatch.setenv("ASSISTANT_WORKERS", value)
    with pytest.raises(SettingError, match="ASSISTANT_WORKERS"):
        workers_from_environment()


def test_workers_share_the_cores_for_tensorflow(monkeypatch):
    monkeypatch.delenv("TF_INTRA_OP_PARALLELISM_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert multi_worker_env(2)["SANIC_WORKERS"] == "2"
    assert multi_worker_env(2)["TF_INTRA_OP_PARALLELISM_THREADS"] == "2"
    assert multi_worker_env(8)["TF_INTRA_OP_PARALLELISM_THREADS"] == "1"
    monkeypatch.setenv("TF_INTRA_OP_PARALLELISM_THREADS", "3")
    assert multi_worker_env(2)["TF_INTRA_OP_PARALLELISM_THREADS"] == "3"


def test_page_uses_websockets_only_with_several_workers():
    assert page_config(web_serve.page_config_script(5005)) == {"rasaPort": 5005, "socketOptions": {}}
    assert page_config(web_serve.page_config_script(5005, websocket_only=True))["socketOptions"] == {
        "transports": ["websocket"]
    }


def test_widget_passes_the_socket_options_on():
    widget = (PROJECT_ROOT / "web" / "public" / "vendor" / "rasa-webchat" / "index.js").read_text()
    assert "socketio:function(e,t,n,p){var r=Object.assign(n?{path:n}:{},p)," in widget
    assert "protocolOptions: config.socketOptions" in (PROJECT_ROOT / "web" / "public" / "chat.js").read_text()
