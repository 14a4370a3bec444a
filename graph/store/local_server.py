"""The managed local Neo4j: run as a plain Java process on loopback.

:func:`graph.store.install.install` puts the server's jars in a ``lib/`` folder, and
:class:`LocalNeo4j` runs ``org.neo4j.server.CommunityEntryPoint`` against a home folder of its
own (configuration, data, logs). Authentication stays on: the first start sets a generated
password, kept in the home folder with mode 0600 and never committed.

Example::

    lib = install(Path(".louzhi/neo4j/lib"))
    server = LocalNeo4j(home=Path(".louzhi/neo4j"), lib=lib, port=7687)
    server.start()          # harmless when already running
    print(server.uri, server.password)
    server.stop()
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.errors import (
    Neo4jExited,
    Neo4jSetupError,
    Neo4jStartTimeout,
    PortTaken,
)
from graph.store.install import is_installed, require_java

__all__ = ["LocalNeo4j", "ServerStatus", "free_port", "new_password", "port_in_use"]

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# Needed by Neo4j 5 on Java 17 when launched without its own start script.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-Dfile.encoding=UTF-8",
)
LOOPBACK = "127.0.0.1"


def new_password() -> str:
    """A random password for the managed server.

    Hex, not url-safe base64: Neo4j's admin tool reads an argument starting with "-" as an
    option, and a url-safe token starts with one about one time in 64.
    """
    return secrets.token_hex(24)


def free_port() -> int:
    """A port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((LOOPBACK, port)) == 0


def _tail(path: Path, lines: int = 30) -> str:
    if not path.is_file():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class ServerStatus:
    running: bool
    pid: int | None
    uri: str
    home: Path


class LocalNeo4j:
    """One Neo4j server process with its own home folder (config, data, logs, password)."""

    def __init__(
        self,
        *,
        home: Path,
        lib: Path,
        port: int = 7687,
        heap: str = "1g",
        pagecache: str = "512m",
        transaction_memory: str = "0",
        start_timeout: float = 120.0,
    ) -> None:
        self.home = home.resolve()
        self.lib = lib.resolve()
        self.port = port
        self.heap = heap
        self.pagecache = pagecache
        self.transaction_memory = transaction_memory
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None

    # -- paths -----------------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def uri(self) -> str:
        return f"bolt://{LOOPBACK}:{self.port}"

    @property
    def user(self) -> str:
        return "neo4j"

    @property
    def password(self) -> str:
        return self.password_file.read_text().strip()

    # -- lifecycle -------------------------------------------------------------------------
    def pid(self) -> int | None:
        if not self.pid_file.is_file():
            return None
        try:
            pid = int(self.pid_file.read_text().strip())
        except ValueError:
            return None
        if self._process is not None and self._process.pid == pid:
            # Our own child: poll() reaps it, so a crashed server is not mistaken for a zombie.
            return pid if self._process.poll() is None else None
        return pid if _alive(pid) else None

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(running=pid is not None, pid=pid, uri=self.uri, home=self.home)

    def start(self) -> bool:
        """Start the server and wait until it answers; False when it was already running."""
        if self.pid() is not None:
            self._wait_until_ready()
            return False
        if not is_installed(self.lib):
            raise Neo4jSetupError(
                f"Neo4j is not installed in {self.lib}: run `louzhi neo4j install` (or make setup)."
            )
        require_java()
        if port_in_use(self.port):
            raise PortTaken(
                f"Port {self.port} on {LOOPBACK} is already in use by another program. "
                "Stop it, or choose another port with LOUZHI_NEO4J_PORT."
            )
        self._write_config()
        self._ensure_password()
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        console = (self.logs_dir / "console.log").open("ab")
        self._process = subprocess.Popen(
            self._java_command(),
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.home,
            # Its own session: Ctrl-C in a terminal reaches our process, which then stops Neo4j
            # cleanly, instead of killing the server mid-checkpoint.
            start_new_session=True,
        )
        console.close()
        self.pid_file.write_text(f"{self._process.pid}\n")
        try:
            self._wait_until_ready()
        except Neo4jSetupError:
            self._kill()
            raise
        return True

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; False when it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.pid() is not None:
            self._kill()
        self._forget()
        return True

    def kill(self) -> None:
        """Kill the server at once, as a crash would (used by fault tests)."""
        self._kill()

    # -- internals -------------------------------------------------------------------------
    def _kill(self) -> None:
        pid = self.pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while self.pid() is not None and time.monotonic() < deadline:
                time.sleep(0.1)
        self._forget()

    def _forget(self) -> None:
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
            self._process = None
        self.pid_file.unlink(missing_ok=True)

    def _java_command(self) -> list[str]:
        return [
            "java",
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            "-cp",
            f"{self.lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
        ]

    def _write_config(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": LOOPBACK,
            "server.default_advertised_address": LOOPBACK,
            "server.bolt.listen_address": f"{LOOPBACK}:{self.port}",
            "server.bolt.advertised_address": f"{LOOPBACK}:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.directories.data": str(self.data_dir),
            "server.directories.logs": str(self.logs_dir),
            "server.directories.run": str(self.home / "run"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.directories.import": str(self.home / "import"),
            "server.memory.pagecache.size": self.pagecache,
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            # A roster load is one transaction (see README, "Loading"): by default bounded by the
            # heap alone; LOUZHI_NEO4J_TRANSACTION_MEMORY caps one transaction below it.
            "db.memory.transaction.max": self.transaction_memory,
            "db.transaction.timeout": "0",
        }
        text = "# Written by louzhi at every start; edit LOUZHI_NEO4J_* settings instead.\n"
        text += "".join(f"{k}={v}\n" for k, v in settings.items())
        (self.conf_dir / "neo4j.conf").write_text(text)

    def _ensure_password(self) -> None:
        """Set a generated initial password before the very first start."""
        if (self.data_dir / "dbms").is_dir() and self.password_file.is_file():
            return
        password = new_password()
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}
        done = subprocess.run(
            ["java", "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise Neo4jSetupError(f"Could not set the initial password: {done.stderr.strip()}")
        self.password_file.touch(mode=0o600)
        self.password_file.write_text(password + "\n")

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self.pid() is None:
                raise Neo4jExited(
                    "Neo4j exited during start-up. The end of its log:\n" + self.log_tail()
                )
            try:
                with GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as driver:
                    driver.verify_connectivity()
                return
            except AuthError as exc:
                raise Neo4jSetupError(
                    f"Neo4j in {self.home} rejects the stored password ({exc.message}). "
                    "If the data folder was copied from elsewhere, set NEO4J_PASSWORD."
                ) from exc
            except (ServiceUnavailable, OSError) as exc:
                last_error = exc
                time.sleep(0.5)
        raise Neo4jStartTimeout(
            f"Neo4j did not answer on {self.uri} within {self.start_timeout:.0f} s "
            f"({last_error}). The end of its log:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 30) -> str:
        parts = [_tail(self.logs_dir / name, lines) for name in ("neo4j.log", "console.log")]
        return "\n".join(p for p in parts if p) or "(no log written)"
