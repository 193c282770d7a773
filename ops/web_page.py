"""Serve the clinic page (web/public) and tell it where the assistant listens.

    python -m ops.web_page --bind 127.0.0.1 --port 8000 --rasa-port 5005 [--websocket-only]

(ports default to ops/settings.py's: WEB_PORT and RASA_PORT, else 8000 and 5005)

Like `python -m http.server --directory web/public`, plus:
- /config.js is generated from --rasa-port, so the page finds the Rasa server's
  socket.io endpoint on the same host without rebuilding anything; with
  --websocket-only (several Rasa workers) it tells the widget to skip long-polling;
- every response carries a Content-Security-Policy that lets the page load only its
  own files and talk only to that Rasa server: nothing reaches another host (no
  fonts or scripts from a CDN), and HTML smuggled into a chat message cannot run.
"""

import argparse
import functools
import json
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ops.settings import PROJECT_ROOT, Ports

PUBLIC_DIR = PROJECT_ROOT / "web" / "public"


def page_config_script(rasa_port: int, websocket_only: bool = False) -> bytes:
    # Options for socket.io-client: long-polling requests of one page may reach
    # different Rasa workers, one websocket stays with one.
    socket_options = {"transports": ["websocket"]} if websocket_only else {}
    config = {"rasaPort": rasa_port, "socketOptions": socket_options}
    return f"window.ASSISTANT_CONFIG = {json.dumps(config)};\n".encode()


def content_security_policy(page_host: str, rasa_port: int) -> str:
    """Allow the page's own files plus the Rasa server on the host the page came from."""
    rasa = f"{urlsplit('//' + page_host).hostname}:{rasa_port}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # The widget injects its CSS as <style> elements and sets inline styles.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            # The widget bundles its icon fonts as data: URIs.
            "font-src 'self' data:",
            f"connect-src http://{rasa} ws://{rasa} https://{rasa} wss://{rasa}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


class ClinicPageHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, rasa_port: int, websocket_only: bool, **kwargs):
        self.rasa_port = rasa_port
        self.websocket_only = websocket_only
        super().__init__(*args, directory=str(PUBLIC_DIR), **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/config.js":
            self._send_config()
        else:
            super().do_GET()

    def _send_config(self) -> None:
        body = page_config_script(self.rasa_port, self.websocket_only)
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        address = self.server.server_address
        assert isinstance(address, tuple)  # a TCP server's (host, port)
        page_host = self.headers.get("Host") or str(address[0])
        self.send_header("Content-Security-Policy", content_security_policy(page_host, self.rasa_port))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ports = Ports.from_environment()
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=ports.web)
    parser.add_argument("--rasa-port", type=int, default=ports.rasa)
    parser.add_argument(
        "--websocket-only", action="store_true", help="the chat uses websockets only (needed with several Rasa workers)"
    )
    args = parser.parse_args()
    handler = functools.partial(ClinicPageHandler, rasa_port=args.rasa_port, websocket_only=args.websocket_only)
    with ThreadingHTTPServer((args.bind, args.port), handler) as server:
        print(f"Serving {PUBLIC_DIR} on http://{args.bind}:{args.port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
