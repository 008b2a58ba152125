"""Every change of an evaluation is logged (issue 21): evidence added and removed shows in the
worksheet's history with who did it, beside the answers' changes."""

import pytest
from django.core.exceptions import ValidationError

from renstra.lke.choices import EvidenceKind
from renstra.lke.evidence import add_evidence, remove_evidence
from renstra.lke.services import save_self_answer
from renstra.lke.worksheet import history
from tests.lke.conftest import answers_by_code


def test_evidence_added_and_removed_is_in_the_history(evaluation, planner):
    answers = answers_by_code(evaluation)
    answer = answers["1.a.1"]
    save_self_answer(answer=answer, value="Y", note="ada pedoman", user=planner)
    proof = add_evidence(
        answer=answer, kind=EvidenceKind.PAGE, label="Pedoman teknis", url="/renstra/", user=planner
    )
    remove_evidence(evidence=proof, user=planner)
    rows = history(evaluation, list(evaluation.answers.select_related("criterion")))
    evidence_rows = [(c.what, c.field, c.new, c.who) for c in rows if c.what.startswith("Bukti")]
    assert sorted(evidence_rows) == sorted(
        [
            ("Bukti kriteria 1.a.1", "ditambahkan", "Pedoman teknis", planner),
            ("Bukti kriteria 1.a.1", "dihapus", "Pedoman teknis", planner),
        ]
    )
    assert any(c.what == "Kriteria 1.a.1" and c.new == "Y" for c in rows)


def test_what_was_typed_is_refused_when_too_long_not_cut(evaluation, planner):
    answer = answers_by_code(evaluation)["1.a.1"]
    with pytest.raises(ValidationError, match="paling panjang 300 huruf; ini 301"):
        add_evidence(
            answer=answer, kind=EvidenceKind.PAGE, label="x" * 301, url="/renstra/", user=planner
        )
    with pytest.raises(ValidationError, match="paling panjang 500 huruf"):
        add_evidence(
            answer=answer, kind=EvidenceKind.PAGE, label="ok", url="/" + "a" * 500, user=planner
        )
    assert not answer.evidence.exists()
