"""Class or name, head nouns and explained rejections, on a plan written as another city would.
Expectations written by reading the text."""

from click.testing import CliRunner

from graph.cli import cli
from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """许昌市“十四五”科技创新规划
一、重点任务
(一)打造创新载体
打造综合性科技创新平台,建设数字化人才服务平台。加快建设许昌智能装备研究院,推进许继集团智能电网创新中心建设。建设智能计算中心。
(二)完善创新布局
建设郑许科创走廊和沿颍河科技创新带,推动许昌学院东城校区、河南省科学院许昌分院建设,培育许昌科技大市场。举办中国·许昌开放创新发展大会。
(三)加强组织领导
市科技创新工作领导小组统筹推进,积极对接科技部、省委、省政府。
"""


def found(text=PLAN):
    ex = extract_document(document_from_text(text))
    return {(m.name, m.type) for m in ex.mentions}, ex


def test_a_class_of_common_words_with_a_quality_word_is_no_name():
    names, ex = found()
    assert not {n for n, _ in names} & {"综合性科技创新平台", "数字化人才服务平台"}
    assert {("许昌智能装备研究院", "Institute"), ("许继集团智能电网创新中心", "Platform")} <= names  # a field is a name
    reasons = {r.name: r.reason for r in ex.rejected}
    assert reasons["综合性科技创新平台"].startswith("class:") and "综合性" in reasons["综合性科技创新平台"]


def test_head_nouns_of_corridors_campuses_branches_markets_conferences_and_groups():
    names, _ = found()
    assert {("郑许科创走廊", "Park"), ("沿颍河科技创新带", "Park"), ("许昌学院东城校区", "University"),
            ("河南省科学院许昌分院", "Institute"), ("许昌科技大市场", "Platform"),
            ("中国·许昌开放创新发展大会", "Program"), ("市科技创新工作领导小组", "Department"),
            ("科技部", "Department")} <= names


def test_explain_lists_rejected_candidates_with_the_reason(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    out = CliRunner().invoke(cli, ["extract", str(path), "--explain"]).output
    line = next(x for x in out.splitlines() if "综合性科技创新平台" in x and "rejected" in x)
    assert "class:" in line


PROGRAMMES = """南阳市科技创新工作要点(2024年)
一、重点任务
(一)壮大创新主体。支持宛西制药、牧原食品、中光学申建国家企业技术中心。支持天冠、飞龙等优势企业创建省级研发中心。
(二)集聚创新人才。实施“宛城工匠”“乡村能手”计划,实施千名博士进企计划,广泛开展“科技成果进县区”系列活动,扎实推进“人人持证、技能南阳”建设。实施“放管服”改革,推广“银企对接”合作模式,实施“承诺制+标准地”改革。
"""


def test_programmes_in_quotes_after_a_programme_verb():
    names, _ = found(PROGRAMMES)
    programmes = {n for n, t in names if t == "Program"}
    assert {"宛城工匠", "“乡村能手”计划", "千名博士进企计划", "科技成果进县区", "人人持证、技能南阳"} <= programmes
    # a quote that qualifies the word after it, and a formula, are no programme
    assert not programmes & {"放管服", "银企对接", "承诺制+标准地", "“科技成果进县区”系列活动"}


def test_trade_names_listed_before_an_enterprise_centre_or_a_modified_head_are_firms():
    names, _ = found(PROGRAMMES)
    assert {("宛西制药", "Firm"), ("牧原食品", "Firm"), ("中光学", "Firm"), ("天冠", "Firm"), ("飞龙", "Firm")} <= names


def test_a_programme_title_holds_its_verbs_after_a_programme_verb():
    """省级知识产权建设强县工程 after 列入, and 人才引进专项行动 in a list after 实施, keep the verbs
    (建设, 引进) that end other names; 工作有计划 is no programme; 实施5项专项 counts them."""
    text = ("株洲市科技创新工作要点(2024年)\n一、重点任务\n(一)醴陵市被列入省级知识产权建设强县工程。"
            "实施“湘江英才计划”、高端人才引进专项行动,做到科技创新工作有计划。组织实施5项市级重大创新示范专项。\n")
    names, _ = found(text)
    programmes = {n for n, t in names if t == "Program"}
    assert {"省级知识产权建设强县工程", "高端人才引进专项行动", "湘江英才计划"} <= programmes
    assert not any(p.endswith("工作有计划") or p.startswith("5项") for p in programmes)


def test_joined_kinds_bare_firm_words_and_a_firms_own_lab():
    """知识产权保护和维权平台 joins two kinds of work; 股份公司 and 基金管理公司 have no trade name:
    classes. 华为苏州人工智能实验室 keeps its owner's trade name (jieba knows 华为 as a name)."""
    text = ("苏州市科技创新工作要点(2024年)\n一、重点任务\n(一)建设知识产权保护和维权平台,引导企业改制为股份公司,"
            "引入外部专业基金管理公司。推动华为苏州人工智能实验室建设。开展技术推广和创新实践活动。\n")
    names, ex = found(text)
    assert not {n for n, _ in names} & {"知识产权保护和维权平台", "股份公司", "外部专业基金管理公司", "技术推广和创新实践活动"}
    assert ("华为苏州人工智能实验室", "Lab") in names
    assert {r.name for r in ex.rejected} >= {"知识产权保护和维权平台", "股份公司"}


KINDS = """周口市科技创新工作要点(2024年)
一、重点任务
(一)完善创新载体
建设创新发展示范区,打造质量监督检测中心和科技成果转化服务平台。推动农机装备创新中心、现代育种实验室建设,建设人工智能算力中心。
(二)开展科技活动
组织科普讲解大赛、科普知识竞赛等活动,开展“科技下乡”活动,开展“三有”研发活动,实施“周口工匠”“田野能手”计划,推进周口科技十大工程,高标准举办“周创汇”国际创新创业大赛。
"""


def test_a_kind_of_work_is_no_name_but_a_field_or_a_lab_is():
    names, ex = found(KINDS)
    reasons = {r.name: r.reason for r in ex.rejected}
    for phrase in ("创新发展示范区", "质量监督检测中心", "科技成果转化服务平台"):
        assert phrase not in {n for n, _ in names}
        assert reasons[phrase].startswith("class:"), (phrase, reasons.get(phrase))
    assert "kind of work" in reasons["创新发展示范区"] and "kind of work" in reasons["质量监督检测中心"]
    # a product or field noun makes a name; a lab is named after its field even when jieba calls it a verb
    assert {("农机装备创新中心", "Platform"), ("现代育种实验室", "Lab"), ("人工智能算力中心", "Platform")} <= names


def test_events_of_a_kind_and_groups_of_programmes_are_no_programme():
    names, ex = found(KINDS)
    programmes = {n for n, t in names if t == "Program"}
    reasons = {r.name: r.reason for r in ex.rejected}
    assert not {n for n in programmes if n.endswith(("大赛", "活动", "计划", "工程")) and n not in (
        "“科技下乡”活动", "“田野能手”计划", "“周创汇”国际创新创业大赛")}, programmes  # 科普知识竞赛等活动 ends a list
    assert "common words" in reasons["科普讲解大赛"]
    assert "quotes" in reasons["“三有”研发活动"]
    assert "several quoted" in reasons["“周口工匠”“田野能手”计划"]
    assert "count" in reasons["周口科技十大工程"]
    # the titles themselves stay, and a contest keeps its scope after the quoted title
    assert {"“科技下乡”活动", "周口工匠", "“田野能手”计划", "“周创汇”国际创新创业大赛"} <= programmes


NESTED = """信阳市科技创新工作要点(2024年)
一、重点任务
推动全市创新区域布局持续优化,支持大学生创业。推进信阳大学城建设,加快信阳职业技术学院北校区内涵式发展。
推动中德科创园总部基地建设,以信阳智慧岛(上海)科创基地为试点,高标准建设信阳智慧岛。
开展“三大提升”,实施“科技兴农”,推进“产业项目建设年”,组织“协同创新”。
"""


def test_a_suffix_that_runs_into_a_common_word_ends_no_name():
    names = {n for n, _ in found(NESTED)[0]}
    assert not any(n.endswith(("创新区", "大学")) for n in names), names  # 创新区域, 大学生
    assert {"信阳大学城", "信阳职业技术学院北校区"} <= names  # 区内涵: 内涵 is a word of its own


def test_a_park_that_only_opens_a_longer_name_is_where_that_thing_is():
    names = {n for n, _ in found(NESTED)[0]}
    assert {"中德科创园总部基地", "信阳智慧岛(上海)科创基地", "信阳智慧岛"} <= names
    assert not {"中德科创园", "信阳智慧岛(上海)"} & names


def test_a_quoted_count_of_tasks_or_work_words_is_a_slogan_not_a_programme():
    programmes = {n for n, t in found(NESTED)[0] if t == "Program"}
    assert {"科技兴农", "产业项目建设年"} <= programmes
    assert not {"三大提升", "协同创新"} & programmes


EVENTS_AND_QUALITIES = """南阳市科技创新工作要点(2024年)
一、重点任务
推动南阳、平顶山两地共同建设豫南转型创新发展示范区,推动三六零数字化转型与安全创新研究院建设。承办中国创新创业大赛行业赛,深入开展科技活动周。
"""


def test_a_run_that_only_ends_in_an_attribute_ending_is_no_quality_word():
    names = {n for n, _ in found(EVENTS_AND_QUALITIES)[0]}
    assert {"豫南转型创新发展示范区", "三六零数字化转型与安全创新研究院"} <= names  # 转型 is a word, not X型


def test_an_event_name_ends_at_its_kind_word_whatever_follows():
    programmes = {n for n, t in found(EVENTS_AND_QUALITIES)[0] if t == "Program"}
    assert {"中国创新创业大赛", "科技活动周"} <= programmes


FRAMES = """宜昌市科技创新工作要点(2024年)
一、重点任务
推动兴发集团创建国家企业技术中心、宜化新材创建省级制造业创新中心。支持三峡大学与葛洲坝共建水电工程技术创新中心。推动企业创建省级技术创新中心,鼓励高校与企业共建联合实验室。
"""


def test_a_trade_name_a_relation_frame_needs_is_a_firm():
    ex = found(FRAMES)[1]
    firms = {m.name for m in ex.mentions if m.type == "Firm"}
    assert {"宜化新材", "葛洲坝"} <= firms
    assert not firms & {"企业", "高校"}  # a class at the frame's end names no firm
    partners = {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == "partnerOf"}
    assert ("水电工程技术创新中心", "葛洲坝") in partners


def test_common_words_described_as_one_of_a_kind_are_a_class_but_a_specific_name_is_not():
    text = ("南阳市科技创新工作要点\n一、重点任务\n"
            "打造高水平政企科技交流平台,建设一批科技成果转移转化基地,打造全国知名的装备产业共性技术研发基地。"
            "建设公开统一的南阳市科技管理信息平台,建设一流的南阳月季实验室。\n")
    names, ex = found(text)
    kept = {n for n, _ in names}
    assert not kept & {"政企科技交流平台", "科技成果转移转化基地", "装备产业共性技术研发基地"}
    assert {"南阳市科技管理信息平台", "南阳月季实验室"} <= kept  # a place in the name: one thing, however described
    reasons = {r.name: r.reason for r in ex.rejected}
    assert "高水平" in reasons["政企科技交流平台"] and "的" in reasons["装备产业共性技术研发基地"]


KINDS_LISTED = """襄阳市科技创新三年行动计划
一、重点任务
(一)建设创新平台
建设前沿交叉研究中心、基础学科研究中心和协同创新中心等科研平台。积极创建国家高新技术产业化基地、国家火炬特色产业基地。
推动协同创新中心、汽车智能制造产业学院、华中科技大学襄阳研究院建设。
"""


def test_common_words_listed_only_beside_kinds_are_a_kind_and_beside_a_name_stay_a_name():
    names, ex = found(KINDS_LISTED)
    assert not {n for n, _ in names} & {"前沿交叉研究中心", "国家火炬特色产业基地", "基础学科研究中心", "协同创新中心"}
    reasons = {r.name: r.reason for r in ex.rejected}
    assert reasons["前沿交叉研究中心"].startswith("class: listed only beside kinds")
    # a national designation named by no place is a status wherever it stands, before the list is asked
    assert reasons["国家火炬特色产业基地"].startswith(("class: listed only beside kinds", "status:"))
    # a list with a name in it keeps its common-word item: a college named after its field
    assert {("汽车智能制造产业学院", "University"), ("华中科技大学襄阳研究院", "Institute")} <= names
