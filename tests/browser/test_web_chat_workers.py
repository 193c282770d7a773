"""The clinic page against several Rasa workers (ASSISTANT_WORKERS=2): the widget talks
over one websocket, which stays with the worker that accepted it, and patients whose
sockets sit on different workers at the same time each keep their own conversation."""

from collections import Counter
from pathlib import Path

import requests
from playwright.sync_api import expect

from webchat import REPLY_TIMEOUT_MS, ask, bot_messages, message_input, open_chat, wait_until_idle

# Enough pages that both workers hold some, unless the kernel is very one-sided.
MAX_PATIENTS = 8
ESTABLISHED = "01"


def worker_pids(assistant) -> set[int]:
    rasa_pid = assistant.rasa_process.pid
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == rasa_pid:
            children.add(int(stat.parent.name))
    return children


def chat_sockets_per_worker(assistant) -> Counter:
    """How many open connections to the Rasa port each worker process holds."""
    accepted_inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            columns = row.split()
            local_port = int(columns[1].rsplit(":", 1)[1], 16)
            if local_port == assistant.ports.rasa and columns[3] == ESTABLISHED:
                accepted_inodes.add(columns[9])
    held = Counter()
    for pid in worker_pids(assistant):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = fd.readlink().name
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in accepted_inodes:
                held[pid] += 1
    return held


def session_id(page) -> str:
    return page.evaluate("JSON.parse(window.localStorage.getItem('chat_session')).session_id")


def test_rasa_runs_the_requested_workers(assistant_with_workers):
    assert len(worker_pids(assistant_with_workers)) == assistant_with_workers.workers > 1


def test_chat_uses_one_websocket_and_no_polling(page, assistant_with_workers):
    socket_io_requests = []
    page.on("request", lambda request: "/socket.io/" in request.url and socket_io_requests.append(request.url))
    with page.expect_websocket(lambda ws: "transport=websocket" in ws.url):
        open_chat(page, assistant_with_workers.web_url)
    ask(page, "what should I bring to my consultation?")
    assert socket_io_requests == []


def test_patients_on_different_workers_keep_their_own_conversations(new_page, assistant_with_workers):
    pages = []
    # Open pages until both workers hold a patient's socket.
    while len(chat_sockets_per_worker(assistant_with_workers)) < assistant_with_workers.workers:
        assert len(pages) < MAX_PATIENTS, "every chat socket went to the same worker"
        pages.append(new_page())
        open_chat(pages[-1], assistant_with_workers.web_url)
    assert sum(chat_sockets_per_worker(assistant_with_workers).values()) == len(pages)

    # Everyone writes at once; patient i was operated on i + 2 months ago.
    messages = [f"my face has been paralysed since my operation {i + 2} months ago" for i in range(len(pages))]
    for page, message in zip(pages, messages, strict=True):
        message_input(page).fill(message)
        message_input(page).press("Enter")
    for page in pages:
        expect(bot_messages(page).filter(has_text="cut or removed")).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        wait_until_idle(page)

    for i, (page, message) in enumerate(zip(pages, messages, strict=True)):
        tracker = requests.get(
            f"{assistant_with_workers.rasa_url}/conversations/{session_id(page)}/tracker",
            params={"token": assistant_with_workers.token},
            timeout=30,
        ).json()
        said = [event["text"] for event in tracker["events"] if event["event"] == "user"]
        assert said == ["/greet", message]
        assert tracker["slots"]["months_since_injury"] == i + 2
        assert page.locator("#chat .rw-client").all_inner_texts() == [message]
