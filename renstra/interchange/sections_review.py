"""Review's part of the plan document (renstra.interchange.jsonio): the verifiers' comments and
the agency's replies, on the version or on an item (by the document's item key).

    "comments": [{"item": key | null, "author": username, "text": "...",
                  "resolved": bool, "resolved_by": username | null,
                  "replies": [comment, ...]}]

Times are not part of the document (an import records its own); authors are user names, and a
name the target system does not know is an error, so that no author is silently lost.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from renstra.interchange.plan_checker import Checker, Problem
from renstra.review.models import Comment

KEY = "comments"


def export_comments(version, context) -> list | None:
    comments = list(
        Comment.objects.filter(version=version)
        .select_related("author", "resolved_by", "content_type")
        .order_by("created_at", "pk")
    )
    if not comments:
        return None
    children: dict = {}
    for comment in comments:
        children.setdefault(comment.reply_to_id, []).append(comment)

    def item_key(comment):
        if comment.content_type_id is None:
            return None
        model = comment.content_type.model_class()
        return context.keys.get((model, comment.object_id))

    def describe(comment) -> dict:
        return {
            "item": item_key(comment),
            "author": comment.author.get_username(),
            "text": comment.text,
            "resolved": comment.resolved_at is not None,
            "resolved_by": comment.resolved_by.get_username() if comment.resolved_by_id else None,
            "replies": [describe(c) for c in children.get(comment.pk, [])],
        }

    return [describe(c) for c in children.get(None, [])]


def check_comments(value, keys) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(value, list):
        return [Problem((KEY,), value, "Komentar harus berupa daftar.")]
    users = set(get_user_model().objects.values_list("username", flat=True))
    checker = Checker()  # texts as the core of the document checks them
    text_field = Comment._meta.get_field("text")

    def check(comment, path, depth):
        if depth > 20:
            problems.append(Problem(path, "...", "Balasan bersarang terlalu dalam."))
            return
        if not isinstance(comment, dict):
            problems.append(Problem(path, comment, "Komentar harus berupa objek."))
            return
        item = comment.get("item")
        if item is not None and not (isinstance(item, str) and item in keys):
            problems.append(Problem(path + ("item",), item, "Tidak ada butir dengan kunci ini."))
        text = comment.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(path + ("text",), text, "Isi komentar tidak boleh kosong."))
        else:
            checker.text(text, path + ("text",), Comment, text_field)
        for field, required in (("author", True), ("resolved_by", False)):
            name = comment.get(field)
            if name is None and not required:
                continue
            if not (isinstance(name, str) and name in users):
                problems.append(
                    Problem(
                        path + (field,),
                        name,
                        "Pengguna '{}' tidak ada di sistem ini; buat akunnya dulu.".format(name),
                    )
                )
        if not isinstance(comment.get("resolved", False), bool):
            problems.append(
                Problem(path + ("resolved",), comment.get("resolved"), "Harus true atau false.")
            )
        replies = comment.get("replies", [])
        if not isinstance(replies, list):
            problems.append(Problem(path + ("replies",), replies, "Balasan harus berupa daftar."))
            return
        for i, reply in enumerate(replies):
            check(reply, path + ("replies", i), depth + 1)

    for i, comment in enumerate(value):
        check(comment, (KEY, i), 0)
    return problems + checker.problems


def load_comments(value, context) -> None:
    users = {u.get_username(): u for u in get_user_model().objects.all()}
    now = timezone.now()

    def load(comment, reply_to):
        item = context.objects.get(comment["item"]) if comment.get("item") else None
        created = Comment.objects.create(
            version=context.version,
            content_type=ContentType.objects.get_for_model(item) if item is not None else None,
            object_id=item.pk if item is not None else None,
            reply_to=reply_to,
            author=users[comment["author"]],
            text=comment["text"],
            resolved_at=now if comment.get("resolved") else None,
            resolved_by=users.get(comment.get("resolved_by"))
            if comment.get("resolved_by")
            else None,
        )
        for reply in comment.get("replies", []):
            load(reply, created)

    for comment in value:
        load(comment, None)
