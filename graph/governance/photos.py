"""The files of project photos: checked, then kept by their SHA-256 under ``LOUZHI_HOME/photos``
(or ``LOUZHI_PHOTOS``), as ``<first two hex digits>/<sha256>.<jpg|png|webp>``.

A file is accepted when it is at most :data:`MAX_PHOTO_BYTES` (``LOUZHI_PHOTO_MAX_BYTES``, 8 MiB
by default) and Pillow reads it as a JPEG, PNG or WebP image of at most :data:`MAX_PIXELS`
(what the bytes claim is not trusted: the image is opened and verified). Content addressing
makes an upload idempotent and the name its own checksum: :func:`read` checks the file against
it before serving, so a file changed on disk is refused rather than shown. The graph keeps the
record (``(:Project)-[:PHOTO]->(:Photo {sha256, …})``, :mod:`graph.governance.projects`).
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from graph.errors import ChangeError
from graph.store.connection import louzhi_home

__all__ = [
    "MAX_PIXELS",
    "MIME",
    "PhotoFile",
    "check",
    "max_photo_bytes",
    "photo_dir",
    "read",
    "store",
    "too_large",
]

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo; more is a decompression bomb
MIME: dict[str, tuple[str, str]] = {  # Pillow's format -> (MIME type, file extension)
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


_BOMBS = (Image.DecompressionBombWarning, Image.DecompressionBombError)


def max_photo_bytes(env: Mapping[str, str] = os.environ) -> int:
    return int(env.get("LOUZHI_PHOTO_MAX_BYTES", MAX_PHOTO_BYTES))


def photo_dir(env: Mapping[str, str] = os.environ) -> Path:
    configured = env.get("LOUZHI_PHOTOS")
    return Path(configured).resolve() if configured else louzhi_home(env) / "photos"


@dataclass(frozen=True)
class PhotoFile:
    sha256: str
    mime: str
    bytes: int
    width: int
    height: int

    @property
    def name(self) -> str:
        extension = next(e for m, e in MIME.values() if m == self.mime)
        return f"{self.sha256[:2]}/{self.sha256}.{extension}"


def _refused(code: str, message: str, message_zh: str) -> ChangeError:
    return ChangeError(code, "photo", message, message_zh)


def too_large(limit: int) -> ChangeError:
    return _refused(
        "PHOTO_TOO_LARGE",
        f"The photo is larger than {limit:,} bytes, the most accepted: send a smaller one.",
        f"照片超过上限 {limit:,} 字节，请压缩后再传。",
    )


def check(data: bytes, *, limit: int | None = None) -> PhotoFile | ChangeError:
    """What ``data`` is, or why it is refused (PHOTO_TOO_LARGE, NOT_AN_IMAGE)."""
    limit = max_photo_bytes() if limit is None else limit
    if len(data) > limit:
        return too_large(limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, *_BOMBS):
        kind, width, height = None, 0, 0
    if kind not in MIME or width * height > MAX_PIXELS or width * height == 0:
        return _refused(
            "NOT_AN_IMAGE",
            "The file is not a JPEG, PNG or WebP photo (of at most 40 megapixels).",
            "文件不是 JPEG、PNG 或 WebP 照片（或超过 4000 万像素）。",
        )
    mime = MIME[kind][0]
    return PhotoFile(hashlib.sha256(data).hexdigest(), mime, len(data), width, height)


def store(data: bytes, photo: PhotoFile, *, folder: Path | None = None) -> Path:
    """Write the checked ``data`` under its checksum (once: the same photo is one file)."""
    path = (folder or photo_dir()) / photo.name
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)  # atomic: a reader never sees half a photo
    return path


def read(name: str, sha256: str, *, folder: Path | None = None) -> bytes | None:
    """The photo's bytes, or None when the file is gone or no longer matches its checksum."""
    path = (folder or photo_dir()) / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None
