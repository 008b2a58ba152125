"""What a document becomes when imported as the next draft of the plan it was exported from."""

from renstra.interchange.jsonio import comparable


def as_next_draft(document: dict, number: int) -> dict:
    """comparable(document) once imported as version `number` of a plan that already has a
    version of its label: the same document, its label made distinct (versions of one plan
    carry distinct labels)."""
    data = comparable(document)
    data["version"]["label"] = "{} (versi {})".format(data["version"]["label"], number)
    return data
