"""The authorization policy, as a table: every URL of the app (the Django admin aside, which has
its own permissions, and the JSON API, tested per role in tests/api/) with every role, and the
answer each must get.

404 = the user may not know the version exists; 403 = may see it, may not do this;
"ok" = allowed (the page or the action's own answer: 200, a redirect, a validation message).
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from renstra.accounts.models import Membership
from renstra.api.tokens import create_token
from renstra.interchange.models import ImportJob
from renstra.lke.evidence import add_evidence as add_lke_evidence
from renstra.lke.models import LkeRecommendation
from renstra.lke.services import start_evaluation
from renstra.lkjip.services import create_lkjip
from renstra.monitoring.services import add_evidence, save_realization
from renstra.nomenclature.models import Edition
from renstra.plans.models import Activity, Agency, Indicator, Program, Region, Unit
from renstra.register.services import upload_document
from renstra.reports.models import ExportJob
from renstra.review.models import Crosswalk
from renstra.sakip.agreements import create_action_plan, create_agreement
from renstra.sakip.models import AgreementScan, Iku, RegionHead, RenjaFunding, RenjaIndicator
from renstra.sakip.services import create_renja

ROLES = ("anonim", "perencana", "kepala", "verifikator", "auditor", "admin", "perencana_lain")
OK = "ok"


def everyone(status):
    return dict.fromkeys(ROLES, status)


READ = {
    "anonim": 404,
    "perencana_lain": 404,
    "perencana": OK,
    "kepala": OK,
    "verifikator": OK,
    "auditor": OK,
    "admin": OK,
}
EDIT = {**READ, "kepala": 403, "verifikator": 403, "auditor": 403}
JOB = {**everyone(404), "anonim": 302, "perencana": OK, "admin": OK}
COMMENT = {**READ, "auditor": 403}
ACKNOWLEDGE = {**READ, "perencana": 403, "kepala": 403, "auditor": 403}
SUBMIT = {**READ, "verifikator": 403, "auditor": 403}
REVIEW_PUBLIC = {
    "anonim": 403,
    "perencana_lain": 403,
    "perencana": OK,
    "kepala": OK,
    "verifikator": 403,
    "auditor": 403,
    "admin": OK,
}
SIGNED_IN = {**everyone(OK), "anonim": 302}
# Monitoring of the approved version in force (v2, public): the public and other agencies may
# read the plan but not its internal monitoring (403, the version itself is not hidden).
MONITOR = {**READ, "anonim": 403, "perencana_lain": 403}
ENTER = {**MONITOR, "verifikator": 403, "auditor": 403}
DECIDE = {**ENTER, "perencana": 403}
# The agency's organisation: read by whoever may read its plans, and by anyone while it has a
# public approved plan (the demo has); changed by its planners and administrators only.
ORGANIZE = {**everyone(403), "perencana": OK, "admin": OK}

# Bappeda's console over a region: its verifiers, auditors and administrators (of the region or
# of every region); a planner or a head sees no other agency's figures (404); signed-in only.
CONSOLE = {**everyone(404), "anonim": 302, "verifikator": OK, "auditor": OK, "admin": OK}

# An agency's LKjIP (renstra.lkjip.rules): verified by the region's verifiers; made final by
# the agency's planners and head.
VERIFY = {**READ, "perencana": 403, "kepala": 403, "auditor": 403}
FINALIZE = {**READ, "verifikator": 403, "auditor": 403}

# An agency's SAKIP evaluation (renstra.lke.rules), in its self-assessment in these rows: filled
# by the agency's planners and head, started and evaluated by the region's auditors (the
# inspector, not among these roles, reviews), read by who reads the agency.
LKE_START = {**READ, "perencana": 403, "kepala": 403, "verifikator": 403}
LKE_SELF = {**READ, "verifikator": 403, "auditor": 403}
LKE_EVALUATE = LKE_START
LKE_REVIEW = {**LKE_START, "auditor": 403}

# The region's schedule of deadlines (renstra.register.rules): seen by who oversees the region,
# changed by its verifiers and administrators; to anyone else it does not exist (404).
SCHEDULE = {**everyone(404), "verifikator": OK, "auditor": OK, "admin": OK}
SCHEDULE_EDIT = {**SCHEDULE, "auditor": 403}

# route name -> (method, url builder, data builder, expected per role)
POLICY = {
    "plans:list": ("get", lambda o: "/", None, everyone(OK)),
    "plans:version": ("get", lambda o: "/versi/{d}/".format(**o), None, READ),
    "plans:tree": ("get", lambda o: "/versi/{d}/pohon/".format(**o), None, READ),
    # The tree's PDF and tables are the version's, read as it is; its crosscutting links are
    # added and removed by the agency's planners (and administrators), as its organisation.
    "plans:tree_pdf": ("get", lambda o: "/versi/{d}/pohon.pdf".format(**o), None, READ),
    "plans:tree_download": (
        "get",
        lambda o: "/versi/{d}/pohon/kaskade-kinerja.csv".format(**o),
        None,
        READ,
    ),
    "plans:tree_cascade": ("get", lambda o: "/versi/{d}/pohon/kaskade/".format(**o), None, READ),
    "plans:crosscutting_create": (
        "get",
        lambda o: "/versi/{d}/pohon/crosscutting/baru/".format(**o),
        None,
        EDIT,
    ),
    "plans:crosscutting_delete": (
        "post",
        lambda o: "/versi/{d}/pohon/crosscutting/{cc}/hapus/".format(**o),
        lambda o: {},
        EDIT,
    ),
    # The receiving agency (the demo's) answers a link coming in to it.
    "plans:crosscutting_decide": (
        "post",
        lambda o: "/versi/{d}/pohon/crosscutting/{ccin}/keputusan/".format(**o),
        lambda o: {"keputusan": "terima"},
        EDIT,
    ),
    "plans:assignments": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/organisasi/penugasan/".format(**o),
        None,
        ORGANIZE,
    ),
    "plans:program_grid": ("get", lambda o: "/versi/{d}/program/{p}/grid/".format(**o), None, READ),
    "plans:grid_row": (
        "post",
        lambda o: "/versi/{d}/grid/baris/".format(**o),
        lambda o: {"kind": "target", "owner": "indicator", "pk": o["i"]},
        EDIT,
    ),
    "plans:item_create": (
        "get",
        lambda o: "/versi/{d}/butir/kegiatan/baru/?induk={p}".format(**o),
        None,
        EDIT,
    ),
    "plans:item_edit": (
        "get",
        lambda o: "/versi/{d}/butir/program/{p}/ubah/".format(**o),
        None,
        EDIT,
    ),
    "plans:item_delete": (
        "get",
        lambda o: "/versi/{d}/butir/program/{p}/hapus/".format(**o),
        None,
        EDIT,
    ),
    "plans:item_move": (
        "post",
        lambda o: "/versi/{d}/butir/program/{p}/geser/".format(**o),
        lambda o: {"arah": "naik"},
        EDIT,
    ),
    "plans:organization": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/organisasi/".format(**o),
        None,
        everyone(OK),
    ),
    "plans:unit_create": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/organisasi/unit/baru/".format(**o),
        lambda o: {"name": "Seksi Uji", "kind": "seksi", "order": 1},
        ORGANIZE,
    ),
    "plans:unit_edit": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/organisasi/unit/{un}/ubah/".format(**o),
        None,
        ORGANIZE,
    ),
    "plans:official_change": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/organisasi/unit/{un}/pejabat/".format(**o),
        lambda o: {
            "name": "Pejabat Uji",
            "nip": "19800202 200501 2 003",
            "position": "Kepala Bidang Uji",
            "start_date": "2030-01-01",
        },
        ORGANIZE,
    ),
    "reports:table": ("get", lambda o: "/versi/{d}/tabel/6.1/".format(**o), None, READ),
    "reports:download": ("get", lambda o: "/versi/{d}/tabel/6.1.csv".format(**o), None, READ),
    "reports:plan": ("get", lambda o: "/versi/{d}/renstra.xlsx".format(**o), None, READ),
    # The whole plan as a background job: started by anyone signed in who may read the version;
    # the job and its file are seen by the user who asked for it and by administrators only.
    "reports:plan_export": (
        "post",
        lambda o: "/versi/{d}/ekspor/renstra.xlsx".format(**o),
        lambda o: {"kertas": "f4"},
        {**READ, "anonim": 302},
    ),
    "reports:export_job": ("get", lambda o: "/ekspor/{xjob}/".format(**o), None, JOB),
    "reports:export_status": (
        "get",
        lambda o: "/ekspor/{xjob}/kemajuan.json".format(**o),
        None,
        JOB,
    ),
    "reports:export_file": ("get", lambda o: "/ekspor/{xjob}/berkas".format(**o), None, JOB),
    "checks:findings": ("get", lambda o: "/versi/{d}/temuan/".format(**o), None, READ),
    "checks:acknowledge": (
        "post",
        lambda o: "/versi/{d}/temuan/akui/".format(**o),
        lambda o: {"key": "x", "reason": "y"},
        ACKNOWLEDGE,
    ),
    "review:status": ("get", lambda o: "/versi/{d}/status/".format(**o), None, READ),
    "review:transition": (
        "post",
        lambda o: "/versi/{d}/status/ubah/".format(**o),
        lambda o: {"to": "submitted"},
        SUBMIT,
    ),
    "review:review": (
        "post",
        lambda o: "/versi/{v2}/review/".format(**o),
        lambda o: {"reason": "uji"},
        REVIEW_PUBLIC,
    ),
    "review:comment": (
        "post",
        lambda o: "/versi/{d}/komentar/".format(**o),
        lambda o: {"text": "uji"},
        COMMENT,
    ),
    "review:resolve": (
        "post",
        lambda o: "/versi/{d}/komentar/0/selesai/".format(**o),
        lambda o: {},
        COMMENT,
    ),
    "review:history": ("get", lambda o: "/versi/{d}/riwayat/".format(**o), None, READ),
    "review:as_of": ("get", lambda o: "/versi/{d}/per-tanggal/".format(**o), None, READ),
    "review:comparison": (
        "get",
        lambda o: "/perbandingan/?dari={v2}&ke={d}".format(**o),
        None,
        READ,
    ),
    "review:comparison_download": (
        "get",
        lambda o: "/perbandingan.csv?dari={v2}&ke={d}".format(**o),
        None,
        READ,
    ),
    "review:comparison_match": (
        "post",
        lambda o: "/perbandingan/koreksi/",
        lambda o: {"dari": o["v2"], "ke": o["d"], "kind": "program", "old_id": 0},
        COMMENT,
    ),
    # The crosswalk of codes makes a new version from an approved one: who may start a review.
    "review:crosswalk_start": (
        "get",
        lambda o: "/versi/{v2}/pemetaan-kode/".format(**o),
        None,
        REVIEW_PUBLIC,
    ),
    "review:crosswalk": ("get", lambda o: "/pemetaan-kode/{cw}/".format(**o), None, REVIEW_PUBLIC),
    "review:crosswalk_confident": (
        "post",
        lambda o: "/pemetaan-kode/{cw}/yakin/".format(**o),
        lambda o: {},
        REVIEW_PUBLIC,
    ),
    "review:crosswalk_apply": (
        "post",
        lambda o: "/pemetaan-kode/{cw}/terapkan/".format(**o),
        lambda o: {},
        REVIEW_PUBLIC,
    ),
    "monitoring:home": ("get", lambda o: "/versi/{v2}/pemantauan/".format(**o), None, MONITOR),
    "monitoring:entry": (
        "get",
        lambda o: "/versi/{v2}/pemantauan/2018/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:save_row": (
        "post",
        lambda o: "/versi/{v2}/pemantauan/2018/indikator/{i2}/simpan/".format(**o),
        lambda o: {"q1": "5 orang"},
        ENTER,
    ),
    "monitoring:indicator": (
        "get",
        lambda o: "/versi/{v2}/pemantauan/2018/indikator/{i2}/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:bulk": (
        "post",
        lambda o: "/versi/{v2}/pemantauan/2018/sekaligus/".format(**o),
        lambda o: {"action": "approve", "indikator": [o["i2"]]},
        DECIDE,
    ),
    "monitoring:budget": (
        "get",
        lambda o: "/versi/{v2}/pemantauan/2018/anggaran/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:save_budget_row": (
        "post",
        lambda o: "/versi/{v2}/pemantauan/2018/anggaran/{a2}/simpan/".format(**o),
        lambda o: {"q1": "1.000.000"},
        ENTER,
    ),
    "monitoring:due": (
        "get",
        lambda o: "/versi/{v2}/pemantauan/2018/tunggakan/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:import": (
        "post",
        lambda o: "/versi/{v2}/pemantauan/impor/".format(**o),
        lambda o: {"tahun": "2018"},
        ENTER,
    ),
    "monitoring:assign": (
        "get",
        lambda o: "/versi/{v2}/penanggung-jawab/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:evaluation": (
        "get",
        lambda o: "/versi/{v2}/evaluasi/2018/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:evaluation_download": (
        "get",
        lambda o: "/versi/{v2}/evaluasi/2018.csv".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:dashboard": (
        "get",
        lambda o: "/versi/{v2}/dasbor/2018/".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:dashboard_pdf": (
        "get",
        lambda o: "/versi/{v2}/dasbor/2018.pdf".format(**o),
        None,
        MONITOR,
    ),
    "monitoring:evidence": ("get", lambda o: "/bukti/{ev}/".format(**o), None, MONITOR),
    "monitoring:evidence_delete": (
        "post",
        lambda o: "/bukti/{ev}/hapus/".format(**o),
        lambda o: {},
        ENTER,
    ),
    "console:region": (
        "get",
        lambda o: "/wilayah/{rg}/konsol/?tahun=2018".format(**o),
        None,
        CONSOLE,
    ),
    "console:download": (
        "get",
        lambda o: "/wilayah/{rg}/konsol.xlsx?tahun=2018".format(**o),
        None,
        CONSOLE,
    ),
    "interchange:template": ("get", lambda o: "/templat-renstra.xlsx", None, everyone(OK)),
    "interchange:import": ("get", lambda o: "/impor/", None, SIGNED_IN),
    # The nomenclature is a public regulation: anyone may search it.
    "nomenclature:search": (
        "get",
        lambda o: "/nomenklatur/cari/?tingkat=program&q=pendidikan",
        None,
        everyone(OK),
    ),
    # An import job is seen by the user who uploaded it and by administrators only.
    "interchange:job": ("get", lambda o: "/impor/{job}/".format(**o), None, JOB),
    "interchange:job_status": (
        "get",
        lambda o: "/impor/{job}/kemajuan.json".format(**o),
        None,
        JOB,
    ),
    # The mapping step of a spreadsheet of another layout: its job, like any import job.
    "interchange:mapping": ("get", lambda o: "/impor/{mjob}/kolom/".format(**o), None, JOB),
    "interchange:preview": ("get", lambda o: "/impor/{mjob}/pratinjau/".format(**o), None, JOB),
    "interchange:json": (
        "get",
        lambda o: "/versi/{d}/unduh/renstra.json".format(**o),
        None,
        READ,
    ),
    "interchange:iati": ("get", lambda o: "/versi/{d}/unduh/iati.xml".format(**o), None, READ),
    "interchange:workbook": (
        "get",
        lambda o: "/versi/{d}/unduh/templat.xlsx".format(**o),
        None,
        READ,
    ),
    "accounts:login": ("get", lambda o: "/masuk/", None, {**everyone(302), "anonim": OK}),
    "accounts:logout": ("post", lambda o: "/keluar/", lambda o: {}, everyone(302)),
    "accounts:password_change": ("get", lambda o: "/akun/sandi/", None, SIGNED_IN),
    "accounts:language": (
        "post",
        lambda o: "/akun/bahasa/",
        lambda o: {"language": "id"},
        everyone(302),
    ),
    "tokens:list": ("get", lambda o: "/akun/token/", None, SIGNED_IN),
    # Each signed-in user's own reminders and which kinds they receive (renstra.reminders).
    "reminders:list": ("get", lambda o: "/akun/pengingat/", None, SIGNED_IN),
    "reminders:read": ("post", lambda o: "/akun/pengingat/dibaca/", lambda o: {}, SIGNED_IN),
    "reminders:settings": ("get", lambda o: "/akun/pengingat/pengaturan/", None, SIGNED_IN),
    # The token belongs to perencana: to anyone else it does not exist.
    "tokens:revoke": (
        "post",
        lambda o: "/akun/token/{tk}/cabut/".format(**o),
        lambda o: {},
        {**everyone(404), "anonim": 302, "perencana": OK},
    ),
    # The SAKIP year of an agency (renstra.sakip.rules): read by who reads its plans signed in
    # (not public), changed by its planners and administrators.
    "sakip:renja_list": ("get", lambda o: "/perangkat-daerah/{ag}/renja/".format(**o), None, READ),
    "sakip:renja_create": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/renja/baru/".format(**o),
        None,
        EDIT,
    ),
    "sakip:renja": ("get", lambda o: "/renja/{rj}/".format(**o), None, READ),
    "sakip:renja_target": (
        "post",
        lambda o: "/renja/{rj}/indikator/{rji}/".format(**o),
        lambda o: {"target": "5 orang", "reason": "uji"},
        EDIT,
    ),
    "sakip:renja_pagu": (
        "post",
        lambda o: "/renja/{rj}/pagu/{rjf}/".format(**o),
        lambda o: {"pagu": "1.000", "reason": "uji", "funding_source": "DAU"},
        EDIT,
    ),
    "sakip:renja_dpa": ("get", lambda o: "/renja/{rj}/dpa/".format(**o), None, READ),
    "sakip:renja_final": ("post", lambda o: "/renja/{rj}/final/".format(**o), lambda o: {}, EDIT),
    "sakip:renja_perubahan": (
        "post",
        lambda o: "/renja/{rj}/perubahan/".format(**o),
        lambda o: {"reason": "uji"},
        EDIT,
    ),
    "sakip:renja_findings": ("get", lambda o: "/renja/{rj}/temuan/".format(**o), None, READ),
    # The Rencana Aksi of a PK (its grid is changed by POST to the same URL, by who edits) and
    # the PK's chain findings.
    "sakip:renaksi": ("get", lambda o: "/pk/{pk}/rencana-aksi/".format(**o), None, READ),
    "sakip:renaksi_final": (
        "post",
        lambda o: "/pk/{pk}/rencana-aksi/final/".format(**o),
        lambda o: {},
        EDIT,
    ),
    "sakip:pk_findings": ("get", lambda o: "/pk/{pk}/temuan/".format(**o), None, READ),
    "sakip:renja_download": ("get", lambda o: "/renja/{rj}/renja.csv".format(**o), None, READ),
    # The Perjanjian Kinerja pages: read by who reads the SAKIP year, made and changed by its
    # planners; marked signed also by the agency's head, who signs it (sakip.sign).
    "sakip:pk_list": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/pk/?tahun=2019".format(**o),
        None,
        READ,
    ),
    "sakip:pk_create": ("get", lambda o: "/perangkat-daerah/{ag}/pk/baru/".format(**o), None, EDIT),
    "sakip:pk": ("get", lambda o: "/pk/{pk}/".format(**o), None, READ),
    "sakip:pk_target": (
        "post",
        lambda o: "/pk/{pk}/target/{pkt}/".format(**o),
        lambda o: {"target": "5 orang", "reason": "uji"},
        EDIT,
    ),
    "sakip:pk_budget": (
        "post",
        lambda o: "/pk/{pk}/anggaran/{pkb}/".format(**o),
        lambda o: {"amount": "1.000", "reason": "uji"},
        EDIT,
    ),
    "sakip:pk_day": (
        "post",
        lambda o: "/pk/{pk}/tanggal/".format(**o),
        lambda o: {"day": "2019-04-16", "place": "Bontang"},
        EDIT,
    ),
    "sakip:pk_sign": (
        "post",
        lambda o: "/pk/{pk}/tandatangani/".format(**o),
        lambda o: {"confirm": "on"},
        {**EDIT, "kepala": OK},
    ),
    "sakip:pk_perubahan": (
        "post",
        lambda o: "/pk/{pk}/perubahan/".format(**o),
        lambda o: {"reason": "uji"},
        EDIT,
    ),
    "sakip:pk_scan_upload": (
        "post",
        lambda o: "/pk/{pk}/pindaian/".format(**o),
        lambda o: {"file": SimpleUploadedFile("pk.pdf", b"%PDF-1.4")},
        EDIT,
    ),
    "sakip:pk_scan": ("get", lambda o: "/pk/{pk}/pindaian/{pks}/".format(**o), None, READ),
    # The PK's rows as a workbook: downloaded by who reads it, uploaded by who edits it.
    "sakip:pk_workbook": ("get", lambda o: "/pk/{pk}/lembar.xlsx".format(**o), None, READ),
    "sakip:pk_workbook_upload": (
        "get",
        lambda o: "/pk/{pk}/lembar/unggah/".format(**o),
        None,
        EDIT,
    ),
    # The PK to print and sign: one route for pk.pdf and pk.docx (the .docx is asked in
    # tests/sakip/test_pk_document.py).
    "sakip:pk_download": ("get", lambda o: "/pk/{pk}/pk.pdf".format(**o), None, READ),
    "sakip:iku_list": ("get", lambda o: "/perangkat-daerah/{ag}/iku/".format(**o), None, READ),
    "sakip:iku_create": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/iku/baru/".format(**o),
        None,
        EDIT,
    ),
    "sakip:iku_edit": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/iku/{iku}/ubah/".format(**o),
        None,
        EDIT,
    ),
    "sakip:iku_delete": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/iku/{iku}/hapus/".format(**o),
        lambda o: {},
        EDIT,
    ),
    "sakip:iku_download": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/iku.csv".format(**o),
        None,
        READ,
    ),
    # The LKjIP of an agency (renstra.lkjip.rules): read by who reads its SAKIP year, written
    # and submitted by its planners, verified or returned by the region's verifiers, made final
    # by its planners or head. The LKjIP of these rows is a draft: a verify or a final is then
    # refused by the service with a message (the role was allowed: "ok").
    "lkjip:list": ("get", lambda o: "/perangkat-daerah/{ag}/lkjip/".format(**o), None, READ),
    "lkjip:create": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/lkjip/baru/".format(**o),
        lambda o: {"year": "2019"},
        EDIT,
    ),
    "lkjip:report": ("get", lambda o: "/lkjip/{lk}/".format(**o), None, READ),
    "lkjip:narrative": (
        "post",
        lambda o: "/lkjip/{lk}/uraian/".format(**o),
        lambda o: {"summary": "Ringkasan uji"},
        EDIT,
    ),
    "lkjip:submit": ("post", lambda o: "/lkjip/{lk}/ajukan/".format(**o), lambda o: {}, EDIT),
    "lkjip:verify": ("post", lambda o: "/lkjip/{lk}/verifikasi/".format(**o), lambda o: {}, VERIFY),
    "lkjip:return": (
        "post",
        lambda o: "/lkjip/{lk}/kembalikan/".format(**o),
        lambda o: {"note": "perbaiki"},
        VERIFY,
    ),
    "lkjip:finalize": ("post", lambda o: "/lkjip/{lk}/final/".format(**o), lambda o: {}, FINALIZE),
    "lkjip:download": ("get", lambda o: "/lkjip/{lk}/lkjip.docx".format(**o), None, READ),
    "lkjip:standards": (
        "post",
        lambda o: "/lkjip/{lk}/standar/".format(**o),
        lambda o: {},
        EDIT,
    ),
    # The Pemda's LKjIP (on the RPJMD): seen by who sees the region's console and by the
    # agency holding the RPJMD (Bappeda), made by Bappeda's planners (none among these roles).
    "lkjip:region_list": (
        "get",
        lambda o: "/wilayah/{rg}/lkjip/".format(**o),
        None,
        {**everyone(404), "verifikator": OK, "auditor": OK, "admin": OK},
    ),
    "lkjip:region_create": (
        "post",
        lambda o: "/wilayah/{rg}/lkjip/baru/".format(**o),
        lambda o: {"year": "2019"},
        {**everyone(404), "verifikator": 403, "auditor": 403, "admin": OK},
    ),
    # The SAKIP evaluation (LKE) of an agency: its evaluation of 2018 is in self-assessment, so a
    # step of another stage, or a recommendation before the evaluation, is refused by the
    # service with a message (the role was allowed: "ok").
    "lke:list": ("get", lambda o: "/perangkat-daerah/{ag}/evaluasi-sakip/".format(**o), None, READ),
    "lke:start": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/evaluasi-sakip/mulai/".format(**o),
        lambda o: {"year": "2019"},
        LKE_START,
    ),
    "lke:worksheet": ("get", lambda o: "/evaluasi-sakip/{lke}/".format(**o), None, READ),
    "lke:save": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/simpan/".format(**o),
        lambda o: {"tahap": "mandiri"},
        LKE_SELF,
    ),
    "lke:submit_self": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/ajukan-mandiri/".format(**o),
        lambda o: {},
        LKE_SELF,
    ),
    "lke:submit_evaluation": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/ajukan-reviu/".format(**o),
        lambda o: {},
        LKE_EVALUATE,
    ),
    "lke:return": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/kembalikan/".format(**o),
        lambda o: {"note": "periksa"},
        LKE_REVIEW,
    ),
    "lke:finalize": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/final/".format(**o),
        lambda o: {},
        LKE_REVIEW,
    ),
    "lke:evidence_add": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/bukti/".format(**o),
        lambda o: {"answer": o["lkea"], "kind": "halaman", "label": "uji", "url": "/"},
        LKE_SELF,
    ),
    "lke:evidence_file": ("get", lambda o: "/evaluasi-sakip/bukti/{lkeb}/".format(**o), None, READ),
    "lke:evidence_remove": (
        "post",
        lambda o: "/evaluasi-sakip/bukti/{lkeb}/hapus/".format(**o),
        lambda o: {},
        LKE_SELF,
    ),
    "lke:recommendation_add": (
        "post",
        lambda o: "/evaluasi-sakip/{lke}/rekomendasi/".format(**o),
        lambda o: {"text": "uji"},
        LKE_EVALUATE,
    ),
    "lke:recommendation_update": (
        "post",
        lambda o: "/evaluasi-sakip/rekomendasi/{lker}/".format(**o),
        lambda o: {"status": "proses", "follow_up": "uji"},
        LKE_SELF,
    ),
    "lke:recommendation_remove": (
        "post",
        lambda o: "/evaluasi-sakip/rekomendasi/{lker}/hapus/".format(**o),
        lambda o: {},
        LKE_EVALUATE,
    ),
    "lke:lhe": ("get", lambda o: "/evaluasi-sakip/{lke}/lhe.docx".format(**o), None, READ),
    # The region's ranking of the evaluations: who sees the region's console.
    "lke:ranking": (
        "get",
        lambda o: "/wilayah/{rg}/evaluasi-sakip/?tahun=2018".format(**o),
        None,
        CONSOLE,
    ),
    # The document register of an agency (renstra.register.rules): read as its SAKIP year,
    # uploads by its planners, remarks by the region's verifiers; the region's schedule.
    "register:agency": (
        "get",
        lambda o: "/perangkat-daerah/{ag}/register/?tahun=2019".format(**o),
        None,
        READ,
    ),
    "register:upload": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/register/unggah/".format(**o),
        lambda o: {"tahun": "2019", "document_type": "lkjip"},
        EDIT,
    ),
    "register:remark": (
        "post",
        lambda o: "/perangkat-daerah/{ag}/register/catatan/".format(**o),
        lambda o: {"tahun": "2019", "document_type": "lkjip", "remark": "uji"},
        VERIFY,
    ),
    "register:download": ("get", lambda o: "/register/berkas/{reg}/".format(**o), None, READ),
    "register:schedule": (
        "get",
        lambda o: "/wilayah/{rg}/jadwal/?tahun=2019".format(**o),
        None,
        SCHEDULE,
    ),
    "register:schedule_save": (
        "post",
        lambda o: "/wilayah/{rg}/jadwal/simpan/".format(**o),
        lambda o: {"tahun": "2019", "deadline_pk": "2019-02-28"},
        SCHEDULE_EDIT,
    ),
}
# The JSON API (namespace "api") answers with the same rules and has its own per-role tests
# in tests/api/; its routes are not pages and are left out of this table.
NOT_PAGES = ("admin", "api")


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_PAGES:
                continue
            inner = pattern.namespace or namespace
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield "{}:{}".format(namespace, pattern.name) if namespace else pattern.name


def test_the_policy_covers_every_url_of_the_app():
    assert set(_route_names(get_resolver().url_patterns)) == set(POLICY)


@pytest.fixture
def users(draft):
    agency = draft.plan.agency
    other = Agency.objects.create(
        region=agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    made = {"anonim": None}
    for name, role, membership in (
        ("perencana", "planner", {"agency": agency}),
        ("kepala", "head", {"agency": agency}),
        ("verifikator", "verifier", {"region": agency.region}),
        ("auditor", "auditor", {}),
        ("admin", "admin", {}),
        ("perencana_lain", "planner", {"agency": other}),
    ):
        user = get_user_model().objects.create_user(name, password="rahasia-123")
        Membership.objects.create(user=user, role=role, **membership)
        made[name] = user
    return made


def _sakip_ids(version, user) -> dict:
    """A Renja (2019 of the demo's approved version) with a row of each kind, and an IKU."""
    renja = create_renja(version=version, year=2019, user=user)
    iku = Iku.objects.create(
        agency=version.plan.agency,
        name="IKU uji",
        definition="d",
        data_source="s",
        year_start=2017,
        year_end=2021,
    )
    agency = version.plan.agency
    RegionHead.objects.create(
        region=agency.region,
        name="Wali Kota Uji",
        position="Wali Kota",
        start_date=date(2016, 1, 1),
    )
    head = Unit.objects.get(agency=agency, kind="kepala")
    pk = create_agreement(unit=head, year=2019, user=user, day=date(2019, 4, 15))
    plan = create_action_plan(agreement=pk, user=user)
    return {
        "rj": renja.pk,
        "rji": RenjaIndicator.objects.filter(item__renja=renja)[0].pk,
        "rjf": RenjaFunding.objects.filter(item__renja=renja)[0].pk,
        "iku": iku.pk,
        # A draft Perjanjian Kinerja of the head (2019) with a Rencana Aksi.
        "pk": pk.pk,
        "pkt": pk.targets.first().pk,
        "pkb": pk.budgets.first().pk,
        "rak": plan.pk,
        # A scan on the draft (made here directly; the service takes one after signing only).
        "pks": AgreementScan.objects.create(
            agreement=pk, file=SimpleUploadedFile("pk.pdf", b"%PDF-1.4"), original_name="pk.pdf"
        ).pk,
    }


def _lkjip_ids(version, user) -> dict:
    """A draft LKjIP of 2018 on the demo's approved version."""
    return {"lk": create_lkjip(agency=version.plan.agency, year=2018, user=user).pk}


def _lke_ids(version, users) -> dict:
    """The 2018 evaluation of the demo agency in self-assessment (the worksheet the app ships),
    an uploaded proof of its first answer, and a recommendation carried from an earlier year
    (made here directly: the service writes one in the evaluation stage only)."""
    evaluation = start_evaluation(agency=version.plan.agency, year=2018, user=users["auditor"])
    answer = evaluation.answers.order_by("pk").first()
    evidence = add_lke_evidence(
        answer=answer,
        kind="unggahan",
        label="bukti",
        upload=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4"),
        user=users["perencana"],
    )
    recommendation = LkeRecommendation.objects.create(evaluation=evaluation, text="uji")
    return {"lke": evaluation.pk, "lkea": answer.pk, "lkeb": evidence.pk, "lker": recommendation.pk}


def _register_ids(version, user) -> dict:
    """An uploaded LKjIP of 2019 in the demo agency's register."""
    entry = upload_document(
        agency=version.plan.agency,
        year=2019,
        document_type="lkjip",
        upload=SimpleUploadedFile("lkjip.pdf", b"%PDF-1.4"),
        user=user,
    )
    return {"reg": entry.pk}


def test_every_role_gets_the_answer_the_policy_says(client, v2, draft, users, settings, tmp_path):
    program = Program.objects.get(version=draft, code="16")
    activity = Activity.objects.get(program__version=v2, code="17.02")
    indicator = Indicator.objects.filter(activity=activity).first()
    settings.MEDIA_ROOT = tmp_path
    entry = save_realization(indicator, 2018, 2, "10 orang", user=users["perencana"])
    evidence = add_evidence(
        entry, SimpleUploadedFile("bukti.pdf", b"%PDF-1.4"), user=users["perencana"]
    )
    ids = {
        "d": draft.pk,
        "v2": v2.pk,
        "p": program.pk,
        "i": Indicator.objects.filter(program=program).first().pk,
        "i2": indicator.pk,
        "a2": activity.pk,
        "ev": evidence.pk,
        "ag": draft.plan.agency_id,
        "rg": draft.plan.agency.region_id,
        "un": Unit.objects.get(agency=draft.plan.agency, name="Bidang Pengembangan Aparatur").pk,
        "cc": draft.plan.agency.crosscutting_out.create(
            to_agency=Agency.objects.get(short_name="DISKOMINFO"),
            from_level="kegiatan",
            from_code="16.58",
            from_name="Pemberian bantuan tugas belajar dan ikatan dinas",
            to_level="program",
            to_code="2.16.01",
            to_name="Program Uji",
        ).pk,
        "ccin": Agency.objects.get(short_name="DISKOMINFO")
        .crosscutting_out.create(
            to_agency=draft.plan.agency,
            from_level="program",
            from_code="2.16.01",
            from_name="Program Uji",
            to_level="kegiatan",
            to_code="16.58",
            to_name="Pemberian bantuan tugas belajar dan ikatan dinas",
        )
        .pk,
        "tk": create_token(user=users["perencana"])[0].pk,
        "cw": Crosswalk.objects.create(source=v2, edition=Edition.objects.create(name="uji")).pk,
        "job": ImportJob.objects.create(
            user=users["perencana"], file_name="r.json", stage="done"
        ).pk,
        "mjob": ImportJob.objects.create(
            user=users["perencana"],
            file_name="tabel.csv",
            content=b"Kode,Uraian\n16,Program Satu\n",
            source_fields={"years": "2017"},
            revises=v2,
            stage="mapping",
        ).pk,
        "xjob": ExportJob.objects.create(
            user=users["perencana"],
            version=draft,
            file_format="xlsx",
            steps_done=7,
            steps_total=7,
            file_name="r.xlsx",
            content=b"PK",
            stage="done",
        ).pk,
        **_sakip_ids(v2, users["perencana"]),
        **_lkjip_ids(v2, users["perencana"]),
        **_lke_ids(v2, users),
        **_register_ids(v2, users["perencana"]),
    }
    answers, expected_all = {}, {}
    for route, (method, url, data, expected) in sorted(POLICY.items()):
        expected_all[route] = expected
        answers[route] = {}
        for role in ROLES:
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            with transaction.atomic():  # every request's writes are undone: roles do not interfere
                send = client.post if method == "post" else client.get
                response = send(url(ids), data(ids)) if data else send(url(ids))
                transaction.set_rollback(True)
            status = response.status_code
            allowed = expected[role] == OK and status not in (403, 404) and status < 500
            answers[route][role] = OK if allowed else status
    mismatches = {r: (answers[r], expected_all[r]) for r in POLICY if answers[r] != expected_all[r]}
    assert mismatches == {}


def test_a_verifier_of_another_region_does_not_find_this_regions_console(client, draft):
    """A verifier belongs to one region: another region's console does not exist for them."""
    region = draft.plan.agency.region
    other = Region.objects.create(name="Kabupaten Uji", kind="kabupaten")
    user = get_user_model().objects.create_user("verifikator_lain", password="rahasia-123")
    Membership.objects.create(user=user, role="verifier", region=other)
    client.force_login(user)
    for url in ("/wilayah/{}/konsol/", "/wilayah/{}/konsol.pdf", "/wilayah/{}/konsol.xlsx"):
        assert client.get(url.format(region.pk)).status_code == 404, url
    assert client.get("/wilayah/{}/konsol/".format(other.pk)).status_code == 200
    assert client.get("/wilayah/999999/konsol/").status_code == 404
