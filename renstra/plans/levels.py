"""The one list of the levels of a plan's cascade, and the code formats of each scheme.

Every other part of the system names a level through this module: the Indonesian `key` is what
users, URLs, findings, history and the comparison say ("arah_kebijakan"); the English `name` is
the model's field and the JSON document's key ("policy_direction"). Nothing else maps one to the
other.

    tujuan -> sasaran -> strategi -> arah_kebijakan           (the goals side, numbered)
    program -> kegiatan -> sub_kegiatan                       (the programs side, coded)

Programs link to sasaran through Program.objectives; indicators hang on tujuan, sasaran,
program, kegiatan and sub kegiatan (`INDICATOR_OWNERS`).
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.choices import CodeScheme


@dataclass(frozen=True)
class Level:
    key: str  # Indonesian, what users and URLs say: "arah_kebijakan"
    name: str  # English, the model field and document key: "policy_direction"
    plural: str  # the document's list key and the read model's attribute: "policy_directions"
    label_source: str  # Indonesian label (msgid): "Arah kebijakan"
    model_name: str  # the model in renstra.plans: "PolicyDirection"
    parent: str | None  # key of the parent level; None: hangs on the version
    parent_field: str  # the foreign key to the parent (or "version")
    version_path: str  # the ORM path from the item to its version: "strategy__objective__…"
    coded: bool  # has a kode rekening (`code`); otherwise only a printed `number`
    # The version page gives an item of this level an id="<key>-<pk>" to link to (policy
    # directions are listed inside their strategy, sub kegiatan not at all).
    anchored: bool = True

    @property
    def model(self) -> type:
        # By name: renstra.plans.models itself reads this module (OWNER_FIELDS, FUNDED_FIELDS).
        return apps.get_model("plans", self.model_name)

    @property
    def label(self) -> str:
        """The level's name in the active language: 'Arah kebijakan' / 'Policy direction'."""
        return _(self.label_source)

    @property
    def ident_field(self) -> str:
        """The field that identifies an item in print: its code, or its number."""
        return "code" if self.coded else "number"


LEVELS: tuple[Level, ...] = (
    Level(
        "tujuan", "goal", "goals", gettext_noop("Tujuan"), "Goal", None, "version", "version", False
    ),
    Level(
        "sasaran",
        "objective",
        "objectives",
        gettext_noop("Sasaran"),
        "Objective",
        "tujuan",
        "goal",
        "goal__version",
        False,
    ),
    Level(
        "strategi",
        "strategy",
        "strategies",
        gettext_noop("Strategi"),
        "Strategy",
        "sasaran",
        "objective",
        "objective__goal__version",
        False,
    ),
    Level(
        "arah_kebijakan",
        "policy_direction",
        "policy_directions",
        gettext_noop("Arah kebijakan"),
        "PolicyDirection",
        "strategi",
        "strategy",
        "strategy__objective__goal__version",
        False,
        anchored=False,
    ),
    Level(
        "program",
        "program",
        "programs",
        gettext_noop("Program"),
        "Program",
        None,
        "version",
        "version",
        True,
    ),
    Level(
        "kegiatan",
        "activity",
        "activities",
        gettext_noop("Kegiatan"),
        "Activity",
        "program",
        "program",
        "program__version",
        True,
    ),
    Level(
        "sub_kegiatan",
        "sub_activity",
        "sub_activities",
        gettext_noop("Sub kegiatan"),
        "SubActivity",
        "kegiatan",
        "activity",
        "activity__program__version",
        True,
        anchored=False,
    ),
)

BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}
BY_NAME: dict[str, Level] = {level.name: level for level in LEVELS}
BY_MODEL_NAME: dict[str, Level] = {level.model_name: level for level in LEVELS}

# The kind of item that is not a level of the cascade but hangs on one.
INDICATOR = "indikator"
INDICATOR_LABEL = gettext_noop("Indikator")
# Levels an indicator can belong to (Indicator has one foreign key per level, by `name`).
INDICATOR_OWNERS: tuple[Level, ...] = tuple(
    BY_KEY[key] for key in ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
)
OWNER_FIELDS: tuple[str, ...] = tuple(level.name for level in INDICATOR_OWNERS)
# Levels funded year by year (Funding has one foreign key per level, by `name`).
FUNDED: tuple[Level, ...] = tuple(BY_KEY[key] for key in ("program", "kegiatan", "sub_kegiatan"))
FUNDED_FIELDS: tuple[str, ...] = tuple(level.name for level in FUNDED)
# Levels whose items the version page can be linked to (#<key>-<pk>).
ANCHORED_KINDS: frozenset[str] = frozenset(level.key for level in LEVELS if level.anchored)
# Levels that hang on the version itself.
ROOTS: tuple[Level, ...] = tuple(level for level in LEVELS if level.parent is None)


def level(key: str) -> Level:
    """The level of an Indonesian key ('kegiatan') or an English name ('activity')."""
    return BY_KEY.get(key) or BY_NAME[key]


def level_of(item) -> Level:
    """The level of a cascade item (an instance of one of the level models)."""
    return BY_MODEL_NAME[type(item).__name__]


def kind_label(kind: str) -> str:
    """'Arah kebijakan', 'Indikator', …: the name of a kind of item in the active language."""
    if kind == INDICATOR:
        return _(INDICATOR_LABEL)
    return level(kind).label


def owner_of(indicator) -> tuple[Level, object]:
    """(level, item) an indicator belongs to, from its foreign keys (no query when the owner is
    loaded or attached)."""
    for owner in INDICATOR_OWNERS:
        if getattr(indicator, owner.name + "_id") is not None:
            return owner, getattr(indicator, owner.name)
    raise ValueError("Indikator {} tidak terikat pada butir mana pun.".format(indicator.pk))


def owner_level(indicator) -> Level:
    """The level an indicator belongs to, from its foreign key ids alone (never a query)."""
    for owner in INDICATOR_OWNERS:
        if getattr(indicator, owner.name + "_id") is not None:
            return owner
    raise ValueError("Indikator {} tidak terikat pada butir mana pun.".format(indicator.pk))


# DOMAIN.md §5: the shape of a code per scheme and coded level, with an example for messages.
# Permendagri 90/2019 sub kegiatan codes have 4 digits now, 2 in older printouts.
# Local codes (CodeScheme.LOCAL) have no shape here: only their presence and uniqueness count.
CODE_FORMATS: dict[str, dict[str, tuple[re.Pattern, str]]] = {
    CodeScheme.PERMENDAGRI_13_2006: {
        "program": (re.compile(r"^\d{2}$"), "dua digit, mis. 17"),
        "kegiatan": (re.compile(r"^\d{2}\.\d{2}$"), "program.kegiatan, mis. 17.25"),
    },
    CodeScheme.PERMENDAGRI_90_2019: {
        "program": (re.compile(r"^\d\.\d{2}\.\d{2}$"), "U.BB.PP, mis. 5.01.01"),
        "kegiatan": (
            re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$"),
            "U.BB.PP.K.KK, mis. 5.01.01.2.01",
        ),
        "sub_kegiatan": (
            re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.(\d{2}|\d{4})$"),
            "U.BB.PP.K.KK.SSSS, mis. 5.01.01.2.01.0001",
        ),
    },
}
