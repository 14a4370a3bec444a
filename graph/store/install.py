"""Installing the managed local Neo4j: its jars, fetched with Maven, and the Java that runs them.

Neo4j Community is not packaged for Debian or PyPI, so :func:`install` fetches the server
artifact and its runtime dependencies with the pom in ``graph/dist/`` into a ``lib/`` folder
(GPL jars: downloaded at setup, never committed).

Example::

    lib = install(Path(".louzhi/neo4j/lib"))   # harmless when this version is already there
"""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

from graph.errors import JavaMissing, MavenMissing, Neo4jSetupError

__all__ = ["NEO4J_VERSION", "install", "is_installed", "java_major_version", "require_java"]

NEO4J_VERSION = "5.26.30"


def java_major_version(java: str = "java") -> int:
    """The major version of the Java on PATH; raises :class:`JavaMissing` when there is none."""
    exe = shutil.which(java)
    if exe is None:
        raise JavaMissing(
            "Java was not found. Neo4j 5.26 needs Java 17 or newer: "
            "install it (Debian: apt-get install openjdk-17-jre-headless) and try again."
        )
    out = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise JavaMissing(f"Could not read the Java version from: {out.stderr.strip()!r}")
    major = int(match.group(1))
    # Java 8 and older report themselves as 1.x.
    return int(match.group(2) or 0) if major == 1 else major


def require_java() -> None:
    major = java_major_version()
    if major < 17:
        raise JavaMissing(
            f"Java {major} is too old: Neo4j 5.26 needs Java 17 or newer. "
            "Install OpenJDK 17 (Debian: apt-get install openjdk-17-jre-headless)."
        )


def _complete_marker(lib: Path) -> Path:
    return lib / ".louzhi-complete"


def is_installed(lib: Path) -> bool:
    marker = _complete_marker(lib)
    return marker.is_file() and marker.read_text().strip() == NEO4J_VERSION


def install(lib: Path, *, quiet: bool = True) -> Path:
    """Fetch the Neo4j jars into ``lib`` unless this version is already there; return ``lib``.

    The jars land in a sibling temporary folder first and are moved into place at the end, so an
    interrupted download never leaves a half-filled ``lib/`` that looks installed.
    """
    if is_installed(lib):
        return lib
    require_java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise MavenMissing(
            "Maven was not found; it fetches the Neo4j server at setup time. "
            "Install it (Debian: apt-get install maven) or set NEO4J_URI to use your own Neo4j."
        )
    staging = lib.with_name(lib.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with resources.as_file(resources.files("graph") / "dist" / "pom.xml") as pom:
        cmd = [
            mvn,
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={staging}",
            f"-Dneo4j.version={NEO4J_VERSION}",
        ]
        if quiet:
            cmd.insert(2, "-q")
        done = subprocess.run(cmd, capture_output=quiet, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stdout or "")[-2000:] if quiet else ""
        raise Neo4jSetupError(
            f"Maven could not fetch Neo4j {NEO4J_VERSION} (exit {done.returncode}). "
            f"Check that Maven reaches its repository.\n{tail}"
        )
    if not (staging / f"neo4j-{NEO4J_VERSION}.jar").is_file():
        raise Neo4jSetupError(f"Maven finished but neo4j-{NEO4J_VERSION}.jar is missing")
    _complete_marker(staging).write_text(NEO4J_VERSION + "\n")
    shutil.rmtree(lib, ignore_errors=True)
    lib.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(lib)
    return lib
