"""The stage contracts: what the pipeline shares between stages, and that no stage changes another's output."""

import dataclasses

import pytest

from sitrep.extract.context import Context


def test_context_cannot_be_changed_by_a_stage():
    ctx = Context.from_text("Artillery hit a depot near Izium on Monday.", published="2023-05-02")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.published = None
    dated = dataclasses.replace(ctx, published=None)  # a new context, the old one as it was
    assert dated.published is None and ctx.published is not None


def test_each_lexicon_is_scanned_once_per_document_and_shared():
    ctx = Context.from_text("Two soldiers were reportedly killed, the ministry said. Shelling wounded a farmer.")
    first = ctx.scans.measures
    assert ctx.scans is ctx.scans and ctx.scans.measures is first  # the second reader gets the same hits
    assert [ctx.text[h.start : h.end] for h in first.hits] == ["killed", "wounded"]
    other = Context.from_text("Five civilians were wounded.")
    assert [other.text[h.start : h.end] for h in other.scans.measures.hits] == ["wounded"]  # nothing carried over
