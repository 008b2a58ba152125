"""The pickers' answer: codes of the nomenclature matching what a person typed, as JSON."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from renstra.nomenclature.choices import GovernmentLevel, NomenclatureLevel
from renstra.nomenclature.index import edition_index

MAX_RESULTS = 20


@require_GET
def search(request):
    """GET ?q=…&tingkat=kegiatan&pemda=2[&edisi=ID][&induk=KODE][&bidang=U.BB …]: at most 20
    codes of one level, {"edition": name, "results": [{code, name, level}]}. The nomenclature is
    a public regulation: anyone may ask."""
    params = request.GET
    level = params.get("tingkat", "")
    if level not in NomenclatureLevel.values:
        return JsonResponse(
            {"error": "Sebutkan tingkat: {}.".format(", ".join(NomenclatureLevel.values))},
            status=400,
        )
    government = params.get("pemda", "")
    government = int(government) if government in ("1", "2") else GovernmentLevel.REGENCY_CITY
    edition = params.get("edisi", "")
    index = edition_index(int(edition) if edition.isdigit() else None)
    if index is None:
        return JsonResponse({"edition": None, "results": []})
    found = index.search(
        params.get("q", "")[:200],
        level,
        government,
        parent=params.get("induk", "")[:40],
        bidangs=tuple(b[:10] for b in params.getlist("bidang")[:10]),
        limit=MAX_RESULTS,
    )
    return JsonResponse({"edition": index.name, "results": [e.as_dict() for e in found]})
