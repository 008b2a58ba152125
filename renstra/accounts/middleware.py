"""Each signed-in user sees the app in their own language (Indonesian unless chosen)."""

from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
        language = profile.language if profile else "id"
        request.LANGUAGE_CODE = language
        # The user's language holds for this request only; the thread goes back to the language
        # it had (LocaleMiddleware's), so that work done after it (tests, commands) is unaffected.
        with translation.override(language):
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        return response
