"""What an import or an export did, and its rendering in French for the command line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

IDS_SHOWN = 10


@dataclass(frozen=True)
class RowNote:
    """A refusal or a warning about one CSV row; ``column`` is empty for the whole row."""

    line: int
    column: str
    message: str
    external_id: str = ""

    def render(self) -> str:
        where = _("ligne %(line)s") % {"line": self.line}
        if self.external_id:
            where += _(" (id %(id)s)") % {"id": self.external_id}
        if self.column:
            where += _(", colonne %(column)s") % {"column": self.column}
        return f"  {where} : {self.message}"


@dataclass
class ImportReport:
    file_name: str
    schema: str
    version: str
    dry_run: bool = False
    rows: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    refusals: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    organisations_created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        lines = [
            ngettext(
                "Fichier %(name)s : schéma %(schema)s (%(version)s), %(rows)s ligne de données.",
                "Fichier %(name)s : schéma %(schema)s (%(version)s), %(rows)s lignes de données.",
                self.rows,
            )
            % {
                "name": self.file_name,
                "schema": self.schema,
                "version": self.version,
                "rows": self.rows,
            }
        ]
        if self.dry_run:
            lines.append(_("Simulation (--dry-run) : rien n'a été enregistré."))
        lines.append(
            _("Créés : %(created)s ; mis à jour : %(updated)s ; inchangés : %(unchanged)s ; ")
            % {
                "created": len(self.created),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
            }
            + _("refusés : %(refused)s.") % {"refused": len(self.refused)}
        )
        if self.notices:
            lines.append(_("Remarques sur le fichier :"))
            lines.extend(f"  {notice}" for notice in self.notices)
        if self.organisations_created:
            lines.append(
                _("Organisations propriétaires créées (rôle financeur) : %(names)s.")
                % {"names": ", ".join(self.organisations_created)}
            )
        if self.refusals:
            lines.append(_("Lignes refusées, non importées (corrigez-les puis réimportez) :"))
            lines.extend(note.render() for note in self.refusals)
        if self.warnings:
            lines.append(_("Avertissements (lignes importées après correction) :"))
            lines.extend(note.render() for note in self.warnings)
        if not self.changed and not self.refused:
            lines.append(_("Aucun changement : tous les dispositifs du fichier sont inchangés."))
        return lines


@dataclass
class ExportReport:
    schema: str
    version: str
    destination: str
    strict: bool = False
    written: int = 0
    omitted: list[str] = field(default_factory=list)
    # ids of the example schemes (fictional, written for the demo): left out unless included
    examples: list[str] = field(default_factory=list)
    examples_included: bool = False
    # (column, kind, message) → ids of the rows the official schema refuses
    problems: dict[tuple[str, str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    derived: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def corsican(self) -> list[str]:
        ids: list[str] = []
        for (_column, kind, _message), rows in self.problems.items():
            if kind == "corsica":
                ids.extend(row for row in rows if row not in ids)
        return ids

    def summary(self) -> str:
        summary = ngettext(
            "Export %(schema)s (%(version)s) : %(count)s dispositif écrit dans %(destination)s.",
            "Export %(schema)s (%(version)s) : %(count)s dispositifs écrits dans %(destination)s.",
            self.written,
        ) % {
            "schema": self.schema,
            "version": self.version,
            "count": self.written,
            "destination": self.destination,
        }
        if self.omitted:
            summary += " " + ngettext(
                "%(count)s dispositif non conforme laissé hors du fichier "
                "(--include-nonconforming pour le garder).",
                "%(count)s dispositifs non conformes laissés hors du fichier "
                "(--include-nonconforming pour les garder).",
                len(self.omitted),
            ) % {"count": len(self.omitted)}
        if self.examples and not self.examples_included:
            summary += " " + ngettext(
                "%(count)s exemple de démonstration laissé hors du fichier "
                "(--include-examples pour le garder).",
                "%(count)s exemples de démonstration laissés hors du fichier "
                "(--include-examples pour les garder).",
                len(self.examples),
            ) % {"count": len(self.examples)}
        return summary

    def warnings(self) -> list[str]:
        lines: list[str] = []
        if self.examples:
            if self.examples_included:
                message = ngettext(
                    "Exemple de démonstration : %(count)s dispositif fictif écrit, « (exemple) » "
                    "à la fin du titre : %(ids)s.",
                    "Exemples de démonstration : %(count)s dispositifs fictifs écrits, "
                    "« (exemple) » à la fin du titre : %(ids)s.",
                    len(self.examples),
                )
            else:
                message = ngettext(
                    "Exemple de démonstration : %(count)s dispositif fictif laissé hors du "
                    "fichier : %(ids)s.",
                    "Exemples de démonstration : %(count)s dispositifs fictifs laissés hors du "
                    "fichier : %(ids)s.",
                    len(self.examples),
                )
            lines.append(message % {"count": len(self.examples), "ids": _ids(self.examples)})
        for what, ids in self.derived.items():
            lines.append(
                _(
                    "Valeur calculée, la fiche n'en avait pas : %(what)s "
                    "(%(count)s lignes : %(ids)s)."
                )
                % {"what": what, "count": len(ids), "ids": _ids(ids)}
            )
        corsican = self.corsican
        if corsican:
            message = ngettext(
                "%(count)s ligne contient des codes corses (2A/2B) que le motif du schéma "
                "officiel refuse",
                "%(count)s lignes contiennent des codes corses (2A/2B) que le motif du schéma "
                "officiel refuse",
                len(corsican),
            ) % {"count": len(corsican)}
            if self.strict:
                message += _(" ; laissées hors du fichier : %(ids)s.")
            else:
                message += _(
                    " ; les codes exacts sont écrits (jamais remplacés par des codes faux) et un "
                    "validateur du schéma officiel signalera ces lignes : %(ids)s. "
                    "Sans --include-nonconforming, elles sont laissées hors du fichier."
                )
            lines.append(_("Attention : ") + message % {"ids": _ids(corsican)})
        for (column, kind, reason), ids in self.problems.items():
            if kind == "corsica":
                continue
            outcome = (
                _("laissées hors du fichier")
                if self.strict
                else _("valeurs écrites telles quelles")
            )
            lines.append(
                ngettext(
                    "Attention : %(count)s ligne ne respecte pas le schéma officiel, colonne "
                    "%(column)s (%(reason)s) ; %(outcome)s : %(ids)s.",
                    "Attention : %(count)s lignes ne respectent pas le schéma officiel, colonne "
                    "%(column)s (%(reason)s) ; %(outcome)s : %(ids)s.",
                    len(ids),
                )
                % {
                    "count": len(ids),
                    "column": column,
                    "reason": reason,
                    "outcome": outcome,
                    "ids": _ids(ids),
                }
            )
        return lines


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:IDS_SHOWN])
    more = len(ids) - IDS_SHOWN
    return shown + (_(" et %(more)s autres") % {"more": more} if more > 0 else "")
