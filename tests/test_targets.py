"""Targets from tables and sentences, checked against the plans' text."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text, read_document

from .conftest import DATA


def by_name(targets):
    return {(t.indicator, t.year): t for t in targets}


def test_luoyang_indicator_table(extractions):
    table = [t for t in extractions["luoyang"].targets if t.rule == "table"]
    assert len(table) == 12
    rows = by_name(table)
    t = rows[("全社会研发经费投入强度", 2025)]
    assert (t.value, t.unit, t.baseline, t.baseline_year, t.qualifier) == (3.75, "%", 2.82, 2020, "左右")
    assert rows[("财政科技投入", 2025)].baseline == 25.98 and rows[("财政科技投入", 2025)].unit == "亿元"
    assert rows[("产业研究院", 2025)].baseline is None  # the table writes —


def test_hebi_yearly_values_with_fenbie(extractions):
    rows = by_name(extractions["hebi"].targets)
    name = "全社会研究与试验发展经费支出占国内生产总值比重"
    assert [rows[(name, y)].value for y in (2019, 2020, 2021)] == [0.7, 0.8, 1.0]
    assert [rows[("高新技术企业", y)].value for y in (2019, 2020, 2021)] == [70, 80, 100]


def test_hebi_inherited_lead_verb(extractions):
    names = {(t.indicator, t.value) for t in extractions["hebi"].targets}
    assert {("每年新引进培育科技领军人才", 2), ("每年新引进培育高层次创新创业人才", 20), ("每年新引进培育科技创新团队", 5)} <= names
    assert ("新培育创新型研发机构", 2) in names  # the quantity stands before the name


def test_annual_plan_targets_take_its_year(extractions):
    rows = by_name(extractions["zhengzhou"].targets)
    assert rows[("全社会研发投入强度", 2022)].qualifier == "突破"
    assert rows[("新增科技型企业", 2022)].value == 1500  # 新增 carried over from the clause before


def test_background_sections_give_no_targets(extractions):
    # 发展基础 of Luoyang: 研发投入强度由1.79%增长到2.82% is the past
    assert not [t for t in extractions["luoyang"].targets if t.value == 1.79 or t.baseline == 1.79]


def test_html_table_targets():
    ex = extract_document(read_document(DATA / "plan_page.html"))
    rows = by_name(ex.targets)
    assert rows[("全社会研发经费投入强度", 2025)].baseline == 1.1
    assert rows[("高新技术企业数", 2025)].value == 300


def test_baseline_and_each_in_sentences():
    ex = extract_document(document_from_text(
        "安阳市科技创新规划(2021—2025年)\n一、发展目标\n到2025年,研发经费投入强度由1.2%提高到2.0%,"
        "创建省级科技企业孵化器、众创空间各3家。"))
    rows = by_name(ex.targets)
    assert rows[("研发经费投入强度", 2025)].baseline == 1.2 and rows[("研发经费投入强度", 2025)].value == 2.0
    assert {name for name, _ in rows} >= {"创建省级科技企业孵化器", "众创空间"}


def test_what_a_count_counts_follows_its_description():
    """培育100家<description>的<thing>: the thing counted is what follows the last 的, and two alike
    things counted in one sentence stay two targets."""
    ex = extract_document(document_from_text(
        "新乡市2023年科技工作要点\n一、重点任务\n到2023年,力争培育遴选50家创新能力强、成长性好的“瞪羚”企业,"
        "30家研发投入高、带动性强的“独角兽”企业。新建10个以上省级研发平台。"))
    rows = by_name(ex.targets)
    assert rows[("培育遴选“瞪羚”企业", 2023)].value == 50
    assert rows[("培育遴选“独角兽”企业", 2023)].value == 30
    assert rows[("新建省级研发平台", 2023)].value == 10 and rows[("新建省级研发平台", 2023)].qualifier == "以上"
    assert not any("创新能力强" in name or "研发投入高" in name for name, _ in rows)


def test_counts_in_ten_thousands_verbs_after_the_noun_and_a_fund_size():
    """2.5万家 is a count (a unit of 万家, not a bare 万); X新增100家 is named 新增X as 新增X100家
    is; 设立规模50亿元的X基金 sets the size of X基金; a (一) heading is no part of a name."""
    ex = extract_document(document_from_text(
        "深圳市2024年科技创新工作要点\n一、重点任务\n(一)到2024年底,国家高新技术企业数量达到2.5万家,专精特新“小巨人”企业新增100家。"
        "设立规模50亿元的天使投资引导基金。\n(二)技术合同成交额达到1.2万亿元。\n"))
    rows = {t.indicator: (t.value, t.unit, t.year) for t in ex.targets}
    assert rows["国家高新技术企业"] == (2.5, "万家", 2024)
    assert rows["新增专精特新“小巨人”企业"] == (100, "家", 2024)
    assert rows["天使投资引导基金规模"][:2] == (50, "亿元")
    assert rows["技术合同成交额"][:2] == (1.2, "万亿元")
    assert len(rows) == 4


def test_a_level_does_not_inherit_the_lead_verb_a_count_does():
    """新认定A 1500家,B达到2万家: B is a level (达到), not newly recognised; 建成A 5家,B不少于5家: B is built."""
    ex = extract_document(document_from_text(
        "杭州市2024年科技工作要点\n一、重点任务\n1.新认定国家高新技术企业1500家以上,科技型中小企业达到2万家。"
        "建成省级产业研究院5家,省级中试基地不少于5家。\n"))
    names = {t.indicator for t in ex.targets}
    assert names == {"新认定国家高新技术企业", "科技型中小企业", "建成省级产业研究院", "建成省级中试基地"}


SHAOXING_TARGETS = """绍兴市科技创新三年行动方案(2024—2026年)
一、主要目标
到2026年,建成10家省级重点实验室,打造5个左右创新联合体,引进200名高层次人才。
二、重点任务
(一)培育企业。对营业收入1亿元以上的企业给予最高100万元奖励。争创3个国家级平台,形成20项左右标志性成果。
"""


def test_counts_without_a_level_verb_and_no_subsidies_or_thresholds():
    """建成/打造/引进/争创/形成 N X are targets, each named by its own noun; money paid (给予最高100万元奖励)
    and a threshold that picks firms (营业收入1亿元以上的企业) are not."""
    from graph.ingest.documents import document_from_text

    ex = extract_document(document_from_text(SHAOXING_TARGETS))
    got = {(t.indicator, t.value, t.unit, t.year, t.qualifier) for t in ex.targets}
    assert got == {("建成省级重点实验室", 10, "家", 2026, ""), ("打造创新联合体", 5, "个", 2026, "左右"),
                   ("引进高层次人才", 200, "名", 2026, ""), ("争创国家级平台", 3, "个", None, ""),
                   ("形成标志性成果", 20, "项", None, "左右")}


def test_a_task_tables_deadline_is_its_targets_year():
    ex = extract_document(read_document(DATA / "duty_labels_and_task_table.txt"))
    assert ("新增高新技术企业", 200, 2025) in {(t.indicator, t.value, t.year) for t in ex.targets}  # 完成期限 2025年12月底


def test_a_task_titled_section_is_no_background_and_a_field_is_no_part_of_a_name():
    """持续优化人才发展环境 is a task (its 发展环境 is what it improves), so its counts are targets;
    在X等领域培育N个Y is named 培育Y; 依托9个园区 counts what exists; 达5件 is a level."""
    from graph.ingest.documents import document_from_text

    ex = extract_document(document_from_text(
        "常德市“十四五”科技创新规划\n一、发展基础\n全市现有高新技术企业300家。\n二、重点任务\n(一)持续优化人才发展环境\n"
        "每年举办人才交流活动2次以上。在生物医药、新材料等领域培育3个省级重点实验室。依托9个省级以上产业园区,对接长株潭。"
        "每万人拥有有效发明专利达5件。\n"))
    got = {(t.indicator, t.value, t.unit) for t in ex.targets}
    assert got == {("每年举办人才交流活动", 2, "次"), ("培育省级重点实验室", 3, "个"), ("每万人拥有有效发明专利", 5, "件")}


def test_one_indicator_concept_per_quantity_across_plans(bundled_graph):
    """The plans' wordings of one quantity are one Indicator (altLabels keep each wording): R&D
    intensity is 研发经费投入强度 in Luoyang, 研发投入强度 in Zhengzhou and 研发经费支出占国内生产总值
    比重 in Hebi; 高新技术企业数 / 高新技术企业数量 / 高新技术企业 in Luoyang, Hebi and Yiyang."""
    rows = bundled_graph.query(
        """SELECT ?l (COUNT(DISTINCT ?city) AS ?n) WHERE { ?p ig:hasTarget ?t ; ig:cityName ?city . ?t ig:indicator ?i .
           ?i skos:prefLabel ?l ; skos:inScheme ig:IndicatorScheme } GROUP BY ?l HAVING (COUNT(DISTINCT ?city) > 1)""",
        initNs={"ig": "https://w3id.org/innograph/ontology#", "skos": "http://www.w3.org/2004/02/skos/core#"})
    shared = {str(label): int(n) for label, n in rows}
    assert shared == {"研发经费投入强度": 3, "技术合同成交额": 2, "每万人高价值发明专利拥有量": 2, "高新技术企业": 3}


def test_counts_in_chinese_numerals_keep_their_spans():
    from graph.ingest.documents import document_from_text

    ex = extract_document(document_from_text(
        "绍兴市科技创新三年行动方案(2024—2026年)\n一、主要目标\n到2026年,新增十家国家级孵化器,引进两百名高层次人才,建设一流大学。\n"))
    got = {(t.indicator, t.value, t.unit, ex.document.text[t.span[0]:t.span[1]]) for t in ex.targets}
    assert got == {("新增国家级孵化器", 10, "家", "十家"), ("引进高层次人才", 200, "名", "两百名")}  # 一流 is no count


def test_a_window_without_a_start_gives_no_year_and_counts_take_any_verb():
    """三年内建成 is a window from a start the plan does not give; 争创N个, 形成N项左右, 布局A N家、B M家
    are counts with a verb of their own. Written as an annual plan of another city would be."""
    from graph.ingest.documents import document_from_text

    text = ("芜湖市2024年科技创新工作要点\n一、主要目标\n全年新增高新技术企业300家以上,争创国家级孵化器2个,"
            "形成重大科技成果20项左右。布局建设省级重点实验室5家、省级工程研究中心8家。三年内建成新型研发机构10家。\n"
            "二、重点任务\n1.对新认定的高新技术企业给予最高20万元奖励,对营业收入10亿元以上的企业给予支持。\n")
    found = {(t.indicator, t.value, t.year) for t in extract_document(document_from_text(text)).targets}
    assert found == {("全年新增高新技术企业", 300, 2024), ("争创国家级孵化器", 2, 2024), ("形成重大科技成果", 20, 2024),
                     ("布局建设省级重点实验室", 5, 2024), ("省级工程研究中心", 8, 2024), ("三年内建成新型研发机构", 10, None)}


def test_wordings_of_one_quantity_share_one_indicator_concept():
    """R&D经费支出占地区生产总值比重, 全社会研究与试验发展经费支出占国内生产总值比重 and 研发投入强度 are one
    quantity; so are 国家高新技术企业数, 有效高新技术企业 and 高新技术企业数量; 新增高新技术企业 is another."""
    from graph.resolve import indicator_key
    from graph.vocabulary.lexicon import default_lexicon

    synonyms = dict(default_lexicon().indicator_synonyms)
    key = {n: indicator_key(n, synonyms) for n in (
        "R&D经费支出占地区生产总值比重", "全社会研究与试验发展经费支出占国内生产总值比重", "研发投入强度",
        "国家高新技术企业数", "有效高新技术企业", "高新技术企业数量", "新增高新技术企业")}
    assert len({key[n] for n in ("R&D经费支出占地区生产总值比重", "全社会研究与试验发展经费支出占国内生产总值比重", "研发投入强度")}) == 1
    assert len({key[n] for n in ("国家高新技术企业数", "有效高新技术企业", "高新技术企业数量")}) == 1
    assert key["新增高新技术企业"] != key["高新技术企业数量"]


def test_a_year_opening_a_list_is_the_year_of_its_items():
    """到2025年,…主要目标是: then (1) (2) (3) on their own lines: each item's targets are for 2025;
    a target in a later chapter is not."""
    from graph.ingest.documents import document_from_text

    text = ("荆州市“十四五”科技创新规划\n二、发展目标\n到2025年,全市科技创新能力显著提升,主要目标是:\n"
            "(1)创新投入持续加大。全社会研发经费投入强度达到2.5%。\n(2)创新主体不断壮大。高新技术企业总数突破1000家。\n"
            "三、重点任务\n(一)培育企业。新建孵化器5家。\n")
    found = {(t.indicator, t.value, t.year) for t in extract_document(document_from_text(text)).targets}
    assert found == {("全社会研发经费投入强度", 2.5, 2025), ("高新技术企业总数", 1000, 2025), ("新建孵化器", 5, None)}
