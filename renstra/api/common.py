"""What every router of the API shares: path parameters with their bounds, the paginator, the
error responses each kind of operation declares."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from renstra.api.schemas import ErrorOut

# Ids are 64-bit integers in every database the app runs on; a larger number is refused (422)
# before it reaches a query.
MAX_ID = 2**63 - 1
MAX_LIMIT = 500
MAX_OFFSET = 10**9


def version_id_param():
    return Path(..., ge=1, le=MAX_ID, description="Id versi Renstra (lihat GET /plans).")


def indicator_id_param():
    return Path(..., ge=1, le=MAX_ID, description="Id indikator pada versi itu.")


def year_path_param():
    return Path(..., ge=1900, le=2100, description="Tahun target Renstra, mis. 2018.")


def year_query_param(what: str):
    return Query(None, ge=1900, le=2100, description=what)


class PageInput(Schema):
    limit: int = Field(
        50, ge=1, le=MAX_LIMIT, description="Banyak butir per halaman (1–500, bawaan 50)."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Banyak butir yang dilewati.")


class Pagination(LimitOffsetPagination):
    """limit/offset with an upper bound on both (a page of at most 500 items)."""

    Input = PageInput

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


# The answers each kind of operation can give besides 200 (all with ErrorOut).
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
MONITOR_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def not_found(message: str) -> Http404:
    return Http404(message)


def invalid(message: str) -> HttpError:
    return HttpError(422, message)


def check_year(version, year: int) -> int:
    """`year` if it is a target year of the version, else 422 naming the years."""
    years = version.plan.target_years
    if year not in years:
        raise invalid(
            _("Tahun {} di luar tahun target Renstra ({}–{}).").format(year, years[0], years[-1])
        )
    return year
