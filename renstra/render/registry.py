"""Every report table of a plan version by the key users type (`renstra export --table 6.1`), in
document order. The app that owns a table registers it from its `AppConfig.ready()`; pages,
downloads and the CLI read `TABLES`. Nothing here imports the apps that register."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from renstra.render.table import Table


@dataclass(frozen=True)
class TableDefinition:
    key: str
    title: str | Promise  # lazy: shown in the active language (Indonesian by default)
    build: Callable[[Any], Table]  # a plan version -> its table
    order: int  # place in the document and in every list of tables
    in_plan_document: bool = True  # False: a report about the plan (findings, history)


TABLES: dict[str, TableDefinition] = {}


def register_table(definition: TableDefinition) -> None:
    """Add (or replace) a table; `TABLES` stays in document order."""
    entries = {**TABLES, definition.key: definition}
    TABLES.clear()
    TABLES.update(sorted(entries.items(), key=lambda item: item[1].order))
