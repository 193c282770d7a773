"""`make shell` keeps staff test chats out of the patients' conversation store."""

from ops.settings import STAFF_SQLITE_STORE
from ops.staff_shell import shell_environment


def test_staff_chats_go_to_their_own_sqlite_store():
    env = shell_environment({})
    assert env["TRACKER_DB"] == str(STAFF_SQLITE_STORE)
    assert env["LOG_LEVEL"] == "ERROR"


def test_a_store_chosen_by_the_caller_is_kept():
    assert shell_environment({"TRACKER_DB": "/tmp/x.db"})["TRACKER_DB"] == "/tmp/x.db"
    assert shell_environment({"LOG_LEVEL": "INFO"})["LOG_LEVEL"] == "INFO"


def test_postgresql_database_name_is_not_replaced_by_a_file():
    assert "TRACKER_DB" not in shell_environment({"TRACKER_DB_DIALECT": "postgresql"})
