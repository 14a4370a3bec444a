"""Service settings, from the environment (each has a command-line override in ``louzhi``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    development: bool = False  # GraphiQL and introspection for humans; off in production
    # Read requests answered from compiled plans (schema/compiled/); off: graphql-core alone
    compiled_reads: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        return cls(
            host=env.get("LOUZHI_HOST", cls.host),
            port=int(env.get("LOUZHI_PORT", str(cls.port))),
            development=_flag(env.get("LOUZHI_DEV")),
            compiled_reads=not _flag(env.get("LOUZHI_NO_COMPILED_READS")),
        )
