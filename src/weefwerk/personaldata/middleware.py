from weefwerk.personaldata.audit import acting_as


class AuditUserMiddleware:
    """Makes the logged-in user known to the audit log for the rest of the request.

    Place it after AuthenticationMiddleware. Without it, views that matter set the user
    themselves with :func:`weefwerk.personaldata.audit.acting_as`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
