"""The API's documentation page: swagger-ui served from this server (vendored), started by a static
script rather than an inline one, so it works offline and under the strict CSP."""

from fastapi import APIRouter, Request, Response

from sitrep.web.pages import render

router = APIRouter()


@router.get("/api/docs", include_in_schema=False)
def api_docs(request: Request):
    return render(request, "api_docs.html", title="API")


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    """No icon: answer 204 so browsers stop asking (and logs stay clean)."""
    return Response(status_code=204)
