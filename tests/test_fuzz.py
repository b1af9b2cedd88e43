"""Any text goes through read → structure → extract → resolve → triples without an exception:
surrogates, control characters, brackets that never close, numbers everywhere (hypothesis)."""

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_quads, to_ntriples
from graph.extract import extract_document
from graph.ingest.documents import DocumentError, document_from_text
from graph.vocabulary.lexicon import default_lexicon

# the characters plans are made of, and the ones that break writers
PLAN_CHARS = "实验室中心平台基地高新区公司大学研究院计划工程局委市县区省牵头责任单位配合负责等和与及的在推动支持创建到年达到家个%亿元一二三十百、,。;:()“”《》〈〉0123456789\n"
ODD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\u200b", "\ufeff", "<img src=x onerror=alert(1)>", "(", ")", "“", "》"])
TEXT = st.lists(st.one_of(st.sampled_from(list(PLAN_CHARS)), ODD, st.characters()), min_size=0, max_size=400).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_reaches_triples_or_a_clear_error(body):
    try:
        doc = document_from_text("许昌市科技创新工作要点(2024年)\n一、重点任务\n" + body, "fuzz.txt")
    except DocumentError as exc:  # the only error allowed: a message that names the file
        assert "fuzz.txt" in str(exc)
        return
    ex = extract_document(doc)
    for m in ex.mentions:
        assert 0 <= m.span[0] <= m.span[1] <= len(doc.text)
    quads = list(build_quads([ex], default_lexicon()))
    assert quads
    text = to_ntriples(q[:3] for q in quads)  # the form plans travel in, read back by the store's parser
    parsed = {(t.subject, t.predicate, t.object) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
    assert len(parsed) == len({q[:3] for q in quads})
