"""Quoted programme titles as plans of Hunan and Jiangxi write them: words between the quote and
the kind word belong to the title (实施“湘科+”场景开放计划, 举办“赣创”科技成果对接会); a quoted
formula closed by a kind word is a title (“5G+工业互联网”工程); common words there (系列活动)
vary, and the quote alone is the name. Expectations written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """株洲市数字经济三年行动方案
一、重点任务
(一)推进“5G+工业互联网”工程。实施“株智+”场景开放计划,每年发布场景清单。
(二)举办“赣湘合作”科技成果对接会,开展“湘江科创汇”系列活动。
(三)推进“放管服”改革,构建“政产学研+金融”体系。
"""


def test_titles_run_from_the_quote_to_their_kind_word():
    programmes = {m.name for m in extract_document(document_from_text(PLAN)).mentions if m.type == "Program"}
    assert programmes == {"“5G+工业互联网”工程", "“株智+”场景开放计划", "“赣湘合作”科技成果对接会", "湘江科创汇"}
