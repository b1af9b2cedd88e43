"""Targets as a Fujian talent plan and a Hubei county's task table write them: counts whose
noun follows the verbs (培养引进30名左右科技领军人才), levels reached by 超过 and 提高到, money
paid per head (每人1万元) that is no target, counters of computing power and events (PFlops,
场), and a task cell's count whatever its verb (共建实训基地3个). Expectations written by reading
the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

QUANZHOU = """泉州市科技人才发展行动方案(2024—2026年)
一、主要目标
到2026年,全市人才资源总量突破260万人,其中高层次人才达到1.5万人。力争用3年时间,培养引进30名左右科技领军人才,新增博士后科研工作站15个。
二、主要措施
(一)实施“刺桐英才”计划。每年遴选支持100名青年拔尖人才,给予每人最高50万元经费资助,给予本科生每人1万元、硕士研究生每人3万元生活补贴。
(二)优化服务。人才公寓保障房源超过5000套,高校毕业生留泉就业率提高到60%。到2026年,全市智能算力规模达到500PFlops,举办供需对接活动12场。
"""

COUNTY_TABLE = """当阳市2024年科技创新重点任务分解表
序号 | 重点任务 | 牵头单位 | 完成时限
1 | 支持三峡职业技术学院与企业共建实训基地3个 | 市科技局 | 2024年11月底
"""


def targets(plan: str):
    return extract_document(document_from_text(plan)).targets


def test_counts_levels_and_counters_of_a_talent_plan():
    found = {(t.value, t.unit) for t in targets(QUANZHOU)}
    assert found == {(260, "万人"), (1.5, "万人"), (30, "名"), (15, "个"), (100, "名"), (5000, "套"), (60, "%"),
                     (500, "PFlops"), (12, "场")}  # not 50万元, 1万元, 3万元: money paid


def test_a_count_after_verbs_is_named_by_the_noun_after_it():
    named = {t.value: t.indicator for t in targets(QUANZHOU)}
    assert "科技领军人才" in named[30] and "青年拔尖人才" in named[100]


def test_a_task_cell_commits_to_its_count_in_its_deadline_year():
    assert [(t.value, t.unit, t.year) for t in targets(COUNTY_TABLE)] == [(3, "个", 2024)]


def test_a_count_for_each_place_is_a_target_and_only_money_per_head_is_paid():
    plan = """南平市科技创新行动方案(2024—2026年)
一、主要目标
到2026年,每个园区建成1家以上省级众创空间,给予每家最高20万元奖励。
"""
    assert [(t.value, t.unit) for t in targets(plan)] == [(1, "家")]
