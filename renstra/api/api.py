"""The JSON API (django-ninja): one router per app, mounted at /api/; the spec at
/api/openapi.json, its documentation at /api/docs.

Every error answers `{"detail": "<Indonesian sentence>", "errors": [...]}` (the list only for a
request that does not validate), with the status the pages would give: 404 for a version the
caller may not know of, 403 for one they may see but not change, 409 for a locked version or a
change made meanwhile by someone else, 422 for a value that cannot be stored.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from renstra.api import monitoring, organization, plans, sakip
from renstra.api.auth import AUTH
from renstra.monitoring.services import EntryRefused
from renstra.plans.guard import VersionLocked
from renstra.plans.permissions import denied

DESCRIPTION = """
API JSON Renstra: baca versi Renstra, cascade, indikator dan target, pendanaan indikatif, temuan
pemeriksa, realisasi dan evaluasi; tulis target dan realisasi bila peran Anda mengizinkan.

**Autentikasi**: kirim `Authorization: Bearer <token>`. Token dibuat di halaman *Token API*
(`/akun/token/`) atau dengan `renstra token create NAMA`. Tanpa header `Authorization`, permintaan
dilayani sebagai publik: hanya versi yang ditetapkan dan terbuka untuk publik, tanpa pemantauan.
Token yang salah atau sudah dicabut ditolak (401). Hak akses sama dengan halaman web.

Angka desimal dikirim sebagai teks yang tepat (`"81"`, `"1047655345.00"`); hanya persentase
capaian yang berupa angka JSON. Daftar memakai `limit` dan `offset` dan menjawab
`{"items": [...], "count": N}`.
"""


class RenstraAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # Short ids for generated clients: the view's name, unique across the routers.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # Every operation also answers without a token (as the public): the empty requirement
        # says that authentication is optional.
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                security = operation.get("security")
                if isinstance(security, list) and {} not in security:
                    security.append({})
        return schema


api = RenstraAPI(
    title="Renstra API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    auth=AUTH,
)
api.add_router("", plans.router)
api.add_router("", monitoring.router)
api.add_router("", sakip.router)
api.add_router("", organization.router)


def _error(request, status: int, detail: str, errors=None):
    body = {"detail": str(detail)}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = exc.message
    if detail == "Unauthorized":  # ninja's own: an Authorization header in another scheme
        detail = _(
            "Header Authorization tidak dikenali: kirim 'Authorization: Bearer <token>', atau "
            "tanpa header Authorization untuk akses publik."
        )
    response = _error(request, 401, detail)
    response["WWW-Authenticate"] = 'Bearer realm="renstra"'
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc):
    detail = exc.message
    if exc.status_code == 400:  # ninja could not read the body
        detail = _("Isi permintaan tidak dapat dibaca: kirim JSON yang sah.")
    return _error(request, exc.status_code, detail)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, str(exc) or _("Tidak ditemukan."))


@api.exception_handler(VersionLocked)
def _locked(request, exc):
    return _error(request, 409, str(exc))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, str(exc) or denied(""))


@api.exception_handler(EntryRefused)
def _refused(request, exc):
    return _error(request, 422, str(exc))


# Indonesian words for the validation errors a client is likely to make.
_ISSUES = {
    "missing": lambda ctx: _("wajib diisi"),
    "string_too_long": lambda ctx: _("terlalu panjang (paling banyak {} karakter)").format(
        ctx.get("max_length")
    ),
    "string_type": lambda ctx: _("harus berupa teks"),
    "int_parsing": lambda ctx: _("harus bilangan bulat"),
    "int_type": lambda ctx: _("harus bilangan bulat"),
    "int_from_float": lambda ctx: _("harus bilangan bulat"),
    "greater_than_equal": lambda ctx: _("paling kecil {}").format(ctx.get("ge")),
    "less_than_equal": lambda ctx: _("paling besar {}").format(ctx.get("le")),
    "json_invalid": lambda ctx: _("bukan JSON yang sah"),
    "model_attributes_type": lambda ctx: _("harus berupa objek JSON"),
    "dict_type": lambda ctx: _("harus berupa objek JSON"),
    "value_error": lambda ctx: str(ctx.get("error", "")),
}
_SOURCES = {"body", "query", "path", "header", "cookie", "payload", "ninja_pagination"}


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    issues, parts = [], []
    for error in exc.errors:
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        kind = str(error.get("type", ""))
        text = _ISSUES.get(kind)
        message = text(error.get("ctx") or {}) if text else str(error.get("msg", ""))
        issues.append({"loc": loc, "msg": message, "type": kind})
        field = ".".join(str(p) for p in loc if p not in _SOURCES) or _("isi permintaan")
        parts.append("{}: {}".format(field, message.rstrip(".")))
    detail = _("Permintaan tidak valid: {}.").format("; ".join(parts))
    return _error(request, 422, detail, issues)
