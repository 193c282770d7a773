"""The clinic's files are read again when they change, and a bad edit keeps the last good
version (bot/clinic_files.py); the modules that read clinic/ use that."""

import logging
import os

import pytest
import yaml

from bot import clinic, safety, topics, urgency
from bot.clinic_files import load


def _counting(calls):
    def parse(document):
        calls.append(document)
        return document

    return parse


def test_a_changed_file_is_read_again_and_an_unchanged_one_is_not(tmp_path):
    path = tmp_path / "contact.yml"
    path.write_text("phone: '111'\n", encoding="utf-8")
    calls = []
    parse = _counting(calls)
    assert load(path, parse) == {"phone": "111"}
    assert load(path, parse) == {"phone": "111"}
    assert len(calls) == 1
    path.write_text("phone: '2222'\n", encoding="utf-8")
    assert load(path, parse) == {"phone": "2222"}
    assert len(calls) == 2


def test_a_file_replaced_by_a_new_one_is_read_again(tmp_path):
    """Editors often save by writing a new file and renaming it over the old one."""
    path = tmp_path / "topics.yml"
    path.write_text("title: Old\n", encoding="utf-8")
    stat = path.stat()
    assert load(path) == {"title": "Old"}
    replacement = tmp_path / "topics.yml.new"
    replacement.write_text("title: New\n", encoding="utf-8")  # same size
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and same time
    replacement.replace(path)
    assert load(path) == {"title": "New"}


@pytest.mark.parametrize("broken", ["phone: [unclosed\n", "", "- a list\n"])
def test_a_broken_edit_keeps_the_last_good_version_and_logs_the_file_not_its_text(tmp_path, caplog, broken):
    path = tmp_path / "contact.yml"
    path.write_text("phone: '111'\n", encoding="utf-8")

    def phone(document):
        return document["phone"]

    assert load(path, phone) == "111"
    path.write_text(broken + "# secret words\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="bot.clinic_files"):
        assert load(path, phone) == "111"
        assert load(path, phone) == "111"
    (record,) = caplog.records  # once per saved version, not once per message
    assert str(path) in record.getMessage() and "secret" not in record.getMessage()
    path.write_text("phone: '3333'\n", encoding="utf-8")
    assert load(path, phone) == "3333"


def test_a_deleted_file_keeps_the_last_good_version(tmp_path):
    path = tmp_path / "urgency.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load(path) == {"a": 1}
    path.unlink()
    assert load(path) == {"a": 1}


def test_a_file_never_good_raises(tmp_path):
    with pytest.raises(OSError):
        load(tmp_path / "missing.yml")
    (tmp_path / "bad.yml").write_text("a: [\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        load(tmp_path / "bad.yml")


@pytest.fixture
def clinic_copy(tmp_path, monkeypatch):
    """The modules pointed at a copy of their clinic files, as ASSISTANT_CLINIC_DIR does."""
    modules = {clinic: "CONTACT_FILE", topics: "CATALOGUE", safety: "SAFETY_RULES", urgency: "URGENCY_FILE"}
    copies = {}
    for module, name in modules.items():
        original = getattr(module, name)
        copies[module] = tmp_path / original.name
        copies[module].write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
        monkeypatch.setattr(module, name, copies[module])
    return copies


def _edit(path, change):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_contact_titles_urgency_and_safety_edits_are_used_without_a_restart(clinic_copy):
    assert "0123 456 789" not in clinic.handoff_message()
    _edit(clinic_copy[clinic], lambda d: d.update(phone="0123 456 789"))
    assert "0123 456 789" in clinic.handoff_message()

    _edit(clinic_copy[topics], lambda d: d["topics"]["synkinesis"].update(title="Linked movements"))
    assert topics.topics()["synkinesis"].title == "Linked movements"

    assert urgency.urgency_level(4.0) == "early"
    _edit(clinic_copy[urgency], lambda d: d["tiers"][0].update(below_months=3))
    assert urgency.urgency_level(4.0) == "closing"

    assert safety.message_concern("my face drooped and my toes went purple") is None
    _edit(clinic_copy[safety], lambda d: d["limb_signs"].append("toes? went purple"))
    assert safety.message_concern("my face drooped and my toes went purple") == safety.Concern.STROKE_SIGNS


def test_contact_details_without_a_field_are_not_used(clinic_copy):
    phone = clinic.contact()["phone"]
    _edit(clinic_copy[clinic], lambda d: d.pop("phone"))
    assert clinic.contact()["phone"] == phone
