"""A throwaway PostgreSQL cluster that enforces passwords, for the wrong-password test.

The project's PostgreSQL trusts every connection from 127.0.0.1 (``pg_hba.conf``: ``trust``), so
a wrong password cannot fail there. Rather than edit the shared server's configuration, the test
first checks whether that server enforces passwords; when it does not, it starts a cluster of its
own in a temporary folder (``initdb --auth-host=scram-sha-256``, listening on 127.0.0.1 only, on
a free port) with the same PostgreSQL binaries, and stops it at the end of the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(cand) / "initdb").exists():
            return Path(cand)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@contextmanager
def password_cluster(role: str, password: str) -> Iterator[tuple[str, int]]:
    """Start a private cluster where ``role`` logs in with ``password``; yields (host, port)."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL's initdb was not found (install the PostgreSQL server package)")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="refrakt-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    pwfile = base / "pw"
    pwfile.write_text("postgres\n")
    prefix: list[str] = []
    if as_root:  # PostgreSQL refuses to run as root
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        shutil.chown(pwfile, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()

    def run(*cmd: str) -> None:
        proc = subprocess.run([*prefix, *cmd], capture_output=True, text=True, check=False, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed:\n{proc.stdout}\n{proc.stderr}")

    try:
        run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "--no-sync",
        )
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {sock} -c fsync=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60", "-l", str(base / "log"), "start")
        run(
            str(bindir / "psql"),
            "-h",
            str(sock),
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atqc",
            f"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
        )
        yield "127.0.0.1", port
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
                check=False,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)
