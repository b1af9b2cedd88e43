"""A district bureau's web page, saved in GBK: the issuer in the page's metadata block, the
district known from it, a task table in HTML whose lead and co-responsible columns keep one
order, and 区X局 being the district's own bureau. Expectations written by reading the page."""

from rdflib import RDFS, SKOS

from graph.extract import extract_document
from graph.ingest.documents import read_document
from graph.pipeline import build_plans

PAGE = """<html><head><meta charset="gbk"><title>关于印发《南山区2024年科技创新工作任务清单》的通知</title></head><body>
<div class="nav">首页 > 政务公开 > 通知公告</div>
<div class="info">索引号:11440305-2024-000088 发布机构:深圳市南山区科技创新局 发布日期:2024-03-05</div>
<h1>南山区2024年科技创新工作任务清单</h1>
<p>一、重点任务</p>
<table>
<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>推动西丽湖国际科教城建设,建设南山大学园</td><td>区科技创新局</td><td>区教育局、区发展改革局</td><td>2024年12月</td></tr>
</table>
<div class="footer">版权所有 深圳市南山区人民政府</div>
</body></html>"""


def page(tmp_path):
    path = tmp_path / "nanshan.html"
    path.write_bytes(PAGE.encode("gbk"))
    return path


def test_the_page_names_its_issuer_city_and_district(tmp_path):
    meta = read_document(page(tmp_path)).metadata
    assert (meta.issuer, meta.city, meta.district) == ("深圳市南山区科技创新局", "深圳市", "南山区")


def test_a_tables_lead_and_co_responsible_columns_keep_one_order(tmp_path):
    ex = extract_document(read_document(page(tmp_path)))
    assert [(r.body.name, r.lead, r.position) for r in ex.responsibilities] == [
        ("区科技创新局", True, 1), ("区教育局", False, 2), ("区发展改革局", False, 3)]
    assert ("南山大学园", "Park") in {(m.name, m.type) for m in ex.mentions}


def test_the_districts_bureau_is_one_body_with_its_issuer(tmp_path):
    graph = build_plans([page(tmp_path)])
    labels = {}
    for s, o in [*graph.subject_objects(RDFS.label), *graph.subject_objects(SKOS.altLabel)]:
        labels.setdefault(s, set()).add(str(o))
    bureau = next(v for v in labels.values() if "区科技创新局" in v)
    assert "深圳市南山区科技创新局" in bureau  # 区科技创新局 in 南山区's page is 南山区's bureau, the issuer
    assert not any(label.startswith("深圳市区") for v in labels.values() for label in v)  # not 深圳市 + 区X局
