from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Dutch unless the user chose another language (the language cookie of set_language).

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show a
    Dutch municipal service in English to anyone with an English browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
