"""Each signed-in user sees the app in their own language (Indonesian unless chosen)."""

from django.utils import translation

from renstra.accounts.models import user_language


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        language = user_language(user)
        request.LANGUAGE_CODE = language
        # The user's language holds for this request only; the thread goes back to the language
        # it had (LocaleMiddleware's), so that work done after it (tests, commands) is unaffected.
        with translation.override(language):
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        return response
