from __future__ import annotations

import sys
from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

# Apps whose tables feed the index: after one of their migrations, rebuild it.
SOURCE_APPS = {"catalogue", "organisations", "territories", "search"}


class SearchConfig(AppConfig):
    name = "guichet.search"
    verbose_name = "Recherche et mise en relation"

    def ready(self) -> None:
        # Plumbing, not business rules: give SQLite connections the analysis function the
        # index triggers call, and take the triggers out of the way of schema migrations.
        connection_created.connect(_register_sqlite_functions, dispatch_uid="search-functions")
        pre_migrate.connect(_uninstall_triggers, sender=self, dispatch_uid="search-pre-migrate")
        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="search-post-migrate")


def _register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        from guichet.search.backends.sqlite_schema import register_functions

        register_functions(connection)


def _uninstall_triggers(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if using != "default":
        return
    from guichet.search.backends import get_backend

    get_backend().uninstall()


def _install_triggers(
    sender: Any, using: str = "default", verbosity: int = 1, plan: Any = None, **kwargs: Any
) -> None:
    if using != "default":
        return
    from guichet.search.backends import get_backend
    from guichet.search.indexing import rebuild_index

    get_backend().install()
    touched = {migration.app_label for migration, _ in plan or ()}
    if touched & SOURCE_APPS:
        if verbosity >= 1:
            sys.stdout.write("  Recherche : reconstruction de l'index…\n")
        rebuild_index()
