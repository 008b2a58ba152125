"""Each signed-in user sees the app in their own language (Indonesian unless chosen)."""

from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
            language = profile.language if profile else "id"
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
