"""Names that hold a conjunction or a bracketed province, counts in Chinese numerals after their
noun, the end of a plan period as a year, and partners listed before 共建 — on a plan written
as another province's city would write it. Expectations written by reading the text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """常德市“十四五”科技创新规划
根据《常德市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》编制。
一、发展目标
到“十四五”末,新增高新技术企业三百家,建成省级工程技术研究中心十个,百家争鸣的创新氛围基本形成。
二、重点任务
(一)建设创新平台。支持农业生物技术与种业创新全国重点实验室建设,支持智慧城市能源感知与边缘计算湖南省重点实验室等省级重点实验室建设。推进中国(湖南)自由贸易试验区常德片区建设,建设常德智慧岛(深圳)科创基地。
(二)深化产学研合作。支持湖南文理学院、常德职院等5所高校共建常德技术转移中心。
"""


def extraction():
    return extract_document(document_from_text(PLAN))


def test_counts_in_chinese_numerals_after_their_noun_and_the_period_end_as_year():
    ex = extraction()
    found = {(t.indicator, t.value, t.unit, t.year, PLAN[t.span[0] : t.span[1]]) for t in ex.targets}
    assert ("新增高新技术企业", 300, "家", 2025, "三百家") in found
    assert ("建成省级工程技术研究中心", 10, "个", 2025, "十个") in found
    assert len(found) == 2, found  # not 十四个 of a cited title, not 百家争鸣


def test_a_lab_joins_its_fields_with_a_conjunction():
    names = {(m.name, m.type) for m in extraction().mentions}
    assert {("农业生物技术与种业创新全国重点实验室", "Lab"), ("智慧城市能源感知与边缘计算湖南省重点实验室", "Lab")} <= names
    assert "边缘计算湖南省重点实验室" not in {n for n, _ in names}


def test_a_bracketed_province_inside_a_name_and_a_bracketed_other_city():
    ex = extraction()
    names = {m.name for m in ex.mentions}
    assert "中国(湖南)自由贸易试验区常德片区" in names  # 自由 is a word, not the verb 由
    placed = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "locatedIn"}
    assert ("中国(湖南)自由贸易试验区常德片区", "常德市") in placed  # the province holds the plan's own city
    assert ("常德智慧岛(深圳)科创基地", "深圳市") in placed


def test_every_listed_university_before_a_counted_head_is_a_partner():
    ex = extraction()
    assert ("常德职院", "University") in {(m.name, m.type) for m in ex.mentions}
    partners = {r.object.name for r in ex.relations if r.predicate == "partnerOf" and r.subject.name == "常德技术转移中心"}
    assert partners == {"湖南文理学院", "常德职院"}
