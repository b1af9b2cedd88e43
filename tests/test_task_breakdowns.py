"""Task breakdowns as bureaus and counties of other provinces write them: label lines whose role
carries what the body is and a bracket (牵头科室(单位): / 配合科室(单位):), and a table cell
that names its lead in words (县科技局牵头,县财政局、各镇配合) under a plain 责任单位 column.
Expectations written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

BUREAU_LINES = """渭南市科学技术局2024年重点工作任务分解
一、创新平台
1.推进秦创原渭南创新促进中心建设,新建市级重点实验室5家。
牵头科室(单位):平台科
配合科室(单位):渭南市科技资源统筹中心、各县(市、区)科技局
完成时限:2024年12月
2.开展科技成果转化对接。
责任科室:成果转化科
"""

COUNTY_TABLE = """大荔县2024年科技创新任务分解表
序号 | 工作任务 | 责任单位 | 完成时限
1 | 新增高新技术企业6家 | 县科技局牵头,县财政局、各镇(街道)配合 | 2024年12月底
2 | 建设农业科技示范园 | 县农业农村局、县科技局 | 2024年10月底
"""


def duties(plan: str) -> list[tuple[str, str, bool]]:
    return [(r.measure, r.body.name, r.lead) for r in extract_document(document_from_text(plan)).responsibilities]


def test_label_lines_of_sections_and_units_give_leads_and_co_responsible_bodies():
    assert duties(BUREAU_LINES) == [
        ("一.1", "平台科", True),
        ("一.1", "渭南市科技资源统筹中心", False),
        ("一.1", "各县(市、区)科技局", False),
        ("一.2", "成果转化科", False),
    ]


def test_a_cell_that_names_its_lead_in_words_splits_lead_from_co_responsible():
    found = duties(COUNTY_TABLE)
    assert [(b, lead) for _, b, lead in found] == [
        ("县科技局", True), ("县财政局", False), ("各镇(街道)", False),
        ("县农业农村局", False), ("县科技局", False),
    ]
    assert len({m for m, _, _ in found}) == 2
