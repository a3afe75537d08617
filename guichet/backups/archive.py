"""The backup file: a gzip-compressed tar holding a manifest, the database and the media.

Layout (members in this order, so that the manifest is read without decompressing the rest):

- ``manifest.json``: what the archive holds (see ``Manifest``);
- ``database/guichet.sqlite3`` (SQLite file) or ``database/guichet.pgdump``
  (``pg_dump --format=custom``);
- ``media/…``: the uploaded files (``settings.MEDIA_ROOT``), when there were any.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FORMAT_NAME = "guichet-ia-backup"
# Raised when a reader of an older version could no longer read what is written.
FORMAT_VERSION = 1
MANIFEST_MEMBER = "manifest.json"
DATABASE_MEMBERS = {
    "sqlite": "database/guichet.sqlite3",
    "postgresql": "database/guichet.pgdump",
}
MEDIA_PREFIX = "media"
VENDOR_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message is for the person running it."""


@dataclass(frozen=True)
class Manifest:
    """What an archive holds, written first in it as JSON."""

    created_at: str
    project_version: str
    vendor: str
    # Applied migrations per app, as in ``django_migrations`` (sorted names; the last is
    # the latest for the usual numbered names).
    migrations: dict[str, list[str]]
    # Rows per main table (``app_label.Model``), read from the same snapshot as the data.
    counts: dict[str, int]
    media_files: int = 0
    media_bytes: int = 0
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes, *, source: Path) -> Manifest:
        not_ours = BackupError(
            _("%(path)s n'est pas une sauvegarde de Guichet IA (manifeste illisible).")
            % {"path": source}
        )
        try:
            data = json.loads(raw)
        except ValueError as error:
            raise not_ours from error
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise not_ours
        version = data.get("format_version")
        if not isinstance(version, int):
            raise not_ours
        if version > FORMAT_VERSION:
            raise BackupError(
                _(
                    "%(path)s est au format de sauvegarde %(found)s, plus récent que celui que "
                    "cette version de Guichet IA sait lire (%(known)s). Installez Guichet IA "
                    "%(project)s ou plus récent pour la restaurer."
                )
                % {
                    "path": source,
                    "found": version,
                    "known": FORMAT_VERSION,
                    "project": data.get("project_version", "?"),
                }
            )
        try:
            manifest = cls(
                created_at=str(data["created_at"]),
                project_version=str(data["project_version"]),
                vendor=str(data["vendor"]),
                migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
                counts={str(k): int(v) for k, v in data["counts"].items()},
                media_files=int(data.get("media_files", 0)),
                media_bytes=int(data.get("media_bytes", 0)),
                format_version=version,
                extra=dict(data.get("extra", {})),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise not_ours from error
        if manifest.vendor not in DATABASE_MEMBERS:
            raise not_ours
        return manifest


def media_files(root: Path) -> list[Path]:
    """Regular files under ``root`` (links and special files are not uploads: left out)."""
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def write_archive(
    *, output: Path, manifest: Manifest, database: Path, media_root: Path, media: list[Path]
) -> None:
    """Write the archive next to ``output`` then rename it there: never a half-written file.

    The file is readable by its owner only: it holds accounts and personal data.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(
        prefix=f".{output.name}.", suffix=".partial", dir=output.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            body = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size = len(body)
            info.mode = 0o600
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(body))
            tar.add(database, arcname=manifest.database_member, recursive=False)
            for path in media:
                arcname = f"{MEDIA_PREFIX}/{path.relative_to(media_root).as_posix()}"
                # A file deleted by the site since the listing is simply no longer saved.
                with contextlib.suppress(FileNotFoundError):
                    tar.add(path, arcname=arcname, recursive=False)
        os.chmod(partial, 0o600)
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


@contextmanager
def open_archive(path: Path) -> Iterator[tuple[Manifest, tarfile.TarFile]]:
    """The manifest of the archive at ``path`` and the tar, positioned after the manifest."""
    if not path.exists():
        raise BackupError(_("Fichier introuvable : %(path)s.") % {"path": path})
    if not path.is_file():
        raise BackupError(_("%(path)s n'est pas un fichier.") % {"path": path})
    not_ours = BackupError(
        _("%(path)s n'est pas une sauvegarde de Guichet IA (archive tar.gz attendue).")
        % {"path": path}
    )
    try:
        tar = tarfile.open(path, mode="r:gz")  # noqa: SIM115 - closed by the `with` below
    except (tarfile.TarError, OSError, EOFError) as error:
        raise not_ours from error
    with tar:
        try:
            first = tar.next()
            if first is None or first.name != MANIFEST_MEMBER or not first.isfile():
                raise not_ours
            handle = tar.extractfile(first)
            if handle is None:
                raise not_ours
            raw = handle.read(1024 * 1024)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise not_ours from error
        yield Manifest.from_json(raw, source=path), tar


def extract_members(
    tar: tarfile.TarFile, *, manifest: Manifest, database: Path, media: Path | None, source: Path
) -> int:
    """Copy the database member to ``database`` and the media into ``media``; return files.

    Media members go through tarfile's ``data`` filter: nothing lands outside ``media``, no
    device, no absolute link.
    """
    found_database = False
    files = 0
    try:
        for member in tar:
            if member.name == manifest.database_member and member.isfile():
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                with database.open("wb") as out:
                    while chunk := handle.read(1024 * 1024):
                        out.write(chunk)
                found_database = True
            elif member.name.startswith(f"{MEDIA_PREFIX}/") and media is not None:
                member.name = member.name[len(MEDIA_PREFIX) + 1 :]
                tar.extract(member, media, filter="data")
                files += member.isfile()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            _("%(path)s est incomplète ou abîmée : %(error)s") % {"path": source, "error": error}
        ) from error
    if not found_database:
        raise BackupError(
            _("%(path)s ne contient pas de base de données (%(member)s).")
            % {"path": source, "member": manifest.database_member}
        )
    return files
