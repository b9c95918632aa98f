"""The document page: the report's text with every evidence span highlighted by kind."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy import Connection

from sitrep.web import data
from sitrep.web.pages import connection, not_found, render

router = APIRouter()
Conn = Annotated[Connection, Depends(connection)]
DocId = Annotated[str, Path(max_length=64, pattern=r"^[\w.:-]+$")]


def _document(conn, document_id):
    found = data.document_detail(conn, document_id)
    if found is None:
        raise not_found("document")
    return found


@router.get("/documents/{document_id}", include_in_schema=False)
def document_page(request: Request, conn: Conn, document_id: DocId):
    found = _document(conn, document_id)
    return render(request, "document.html", title=found["document"]["title"] or document_id, **found)


@router.get("/api/documents/{document_id}", tags=["documents"],
            summary="A report: its text, facts, and evidence spans as [start, end] offsets")
def document_api(conn: Conn, document_id: DocId):
    found = _document(conn, document_id)
    return {k: v for k, v in found.items() if k != "segments"}
