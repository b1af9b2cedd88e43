"""Lists, quoted titles and descriptions that carry no name, on a plan written as a Sichuan city
would write it. Every expectation was written by reading the text, not by running the code."""

from graph.extract import extract_document
from graph.ingest.documents import document_from_text

PLAN = """绵阳市“十四五”科技创新规划
一、总体要求
深入贯彻《四川省实施<中华人民共和国科学技术进步法>办法》,落实《绵阳市科技创新促进条例》。
二、实施产业技术攻坚行动
依托“天府英才计划”“四川省青年科技人才托举支持计划”“科技城英才计划”等人才计划,引进高层次人才。用好“中物科服”“西部技转”等科技服务机构,着力构建涪城众创、西南科技大学众创空间、绵阳创业园服务中心等新型创新创业服务载体。
推动长虹等“智能制造”诊断服务公司与规上工业企业联合开展技术改造。
三、优化创新布局 实施创新平台倍增行动,打造区域创新高地。
重点加强绵阳东部片区与成都高新区对接。支持绵阳高新区打造国内“一流高科技园区”,争创全省一流“双创”载体科技城1号智慧岛。
积极融入“一带一路”建设、成渝地区双城经济圈建设等国家战略,积极参与“一带一路”建设,大力实施“北联南拓”,落实“北联南拓”发展战略。广泛开展科学普及和创新实践活动。
建立技师学院、高级技工学校、技工学校梯次发展的技工教育体系。发挥自然科学基金区域联合基金作用,推进国家钒钛工程中心攀枝花研发中心建设。重点支持电子信息、钒钛新材料、精细化工等优势领域企业创建省级企业技术中心。
"""


def extraction():
    ex = extract_document(document_from_text(PLAN))
    return {(m.name, m.type) for m in ex.mentions}, {r.name: r.reason for r in ex.rejected}


def test_a_law_cited_inside_a_title_is_a_policy_of_its_own():
    names, _ = extraction()
    assert {("四川省实施<中华人民共和国科学技术进步法>办法", "Policy"), ("中华人民共和国科学技术进步法", "Policy"),
            ("绵阳市科技创新促进条例", "Policy")} <= names


def test_a_quoted_title_closed_by_its_kind_word_is_the_whole_title():
    names, _ = extraction()
    programmes = {n for n, t in names if t == "Program"}
    # 支持 and 托举 end names elsewhere; inside a title closed by 计划 they are the title's words
    assert {"天府英才计划", "四川省青年科技人才托举支持计划", "科技城英才计划"} <= programmes


def test_listed_items_take_a_head_with_common_words_before_it():
    names, _ = extraction()
    # “A”“B”等科技服务机构: quoted items side by side; 等新型创新创业服务载体: a head with its description
    assert {("中物科服", "Institute"), ("西部技转", "Institute"), ("涪城众创", "Platform")} <= names
    assert {("西南科技大学众创空间", "Platform"), ("绵阳创业园服务中心", "Platform")} <= names


def test_one_item_before_a_kind_with_its_description_is_a_firm_and_the_kind_no_name():
    names, reasons = extraction()
    assert ("长虹", "Firm") in names
    assert not {n for n, _ in names if n.endswith("诊断服务公司")}
    assert reasons["“智能制造”诊断服务公司"].startswith("class:")


def test_items_of_a_list_of_fields_are_no_firms():
    names, _ = extraction()
    assert not {n for n, _ in names} & {"电子信息", "钒钛新材料", "精细化工"}


def test_a_part_of_a_place_named_by_its_direction_is_no_park():
    names, reasons = extraction()
    assert ("成都高新区", "Park") in names
    assert "绵阳东部片区" not in {n for n, _ in names}
    assert reasons["绵阳东部片区"].startswith("place:")


def test_first_class_is_a_status_and_a_described_kind_does_not_open_a_name():
    names, reasons = extraction()
    assert not {n for n, _ in names if "一流" in n}
    assert reasons["一流高科技园区"].startswith("status:")
    assert ("科技城1号智慧岛", "Park") in names  # 一流“双创”载体 says what it is, then the name


def test_a_programme_in_a_chapter_heading_in_common_words_is_the_plans_own_task():
    names, reasons = extraction()
    assert "产业技术攻坚行动" not in {n for n, _ in names}
    assert "own task" in reasons["产业技术攻坚行动"]


def test_a_common_word_name_listed_beside_kinds_of_school_is_a_kind():
    names, reasons = extraction()
    assert "技师学院" not in {n for n, _ in names}
    assert "listed only beside kinds" in reasons["技师学院"]


def test_a_name_that_only_opens_a_longer_one_of_its_kind_is_cut_short_but_an_owner_stays():
    names, _ = extraction()
    funds = {n for n, t in names if t == "Fund"}
    assert "自然科学基金区域联合基金" in funds and "自然科学基金" not in funds
    # the branch names its owner: 国家钒钛工程中心 | 攀枝花研发中心 (a place's own centre)
    assert {("国家钒钛工程中心攀枝花研发中心", "Platform"), ("国家钒钛工程中心", "Platform")} <= names


def test_a_programme_opening_a_chapter_body_in_common_words_is_the_plans_own_task():
    names, reasons = extraction()
    assert "创新平台倍增行动" not in {n for n, _ in names}
    assert "own task" in reasons["创新平台倍增行动"]


def test_a_quoted_title_the_plan_calls_a_strategy_is_no_programme():
    names, _ = extraction()
    # “北联南拓”发展战略, and a list closed by 等国家战略: wherever else they stand (实施, 参与)
    assert not {n for n, _ in names} & {"一带一路", "北联南拓"}


def test_a_common_word_jieba_tags_as_a_place_makes_no_name_of_joined_kinds_of_work():
    names, reasons = extraction()
    # jieba tags 普及 as a place name; it is a verb here, and two kinds of work joined make a class
    assert "科学普及和创新实践活动" not in {n for n, _ in names}
    assert reasons["科学普及和创新实践活动"].startswith("class:")


CONTEXT = """九江市科技创新三年行动计划(2023—2025年)
一、重点任务
(一)壮大创新平台
新建院士工作站、庐山学者工作站8个。推动院士工作站、庐山学者工作站、博士后科研工作站建设。在南昌、上海、深圳等地布局建设“飞地孵化器”。
实现“老工业基地+新兴产业”融合发展。以打造九江新区为“头号工程”。打造“一江两岸三城”数字文旅示范区。推动全域科技产业社区建设,大力发展市场化基金。
围绕航空航天、海洋工程、新能源汽车等新兴产业发展需求开展攻关。加快企业科协组织建设。积极参与国家生态文明先行示范区创建工作。
落实省“揭榜挂帅”及重大科技专项。积极参与长江中游技术交易市场联盟。推进九江市科技馆新馆建设。支持企业在江西联合股权交易中心(五板)挂牌。
"""


def context_extraction():
    ex = extract_document(document_from_text(CONTEXT))
    reasons: dict[str, str] = {}
    for r in ex.rejected:  # every reason a phrase was rejected for, wherever it stands
        reasons[r.name.strip("“”")] = reasons.get(r.name.strip("“”"), "") + r.reason + "; "
    return {(m.name, m.type) for m in ex.mentions}, reasons


def test_the_words_around_a_candidate_make_it_a_kind():
    names, reasons = context_extraction()
    kept = {n for n, _ in names}
    kinds = {"庐山学者工作站": "count follows", "飞地孵化器": "several places", "老工业基地": "formula",
             "全域科技产业社区": "every one", "海洋工程": "list of fields"}
    for name, why in kinds.items():
        assert name not in kept, name
        assert why in reasons[name], (name, reasons[name])


def test_a_phrase_written_as_a_kind_once_is_a_kind_wherever_the_plan_writes_it():
    _, reasons = context_extraction()
    # 庐山学者工作站 is counted (8个) in one sentence, and in the next listed beside a name-like item
    assert "count follows" in reasons["庐山学者工作站"] and "the plan writes it as a kind elsewhere" in reasons["庐山学者工作站"]


def test_numbered_slogans_priorities_qualities_and_designations_are_no_names():
    names, reasons = context_extraction()
    kept = {n for n, _ in names}
    assert not kept & {"头号工程", "“一江两岸三城”数字文旅示范区", "市场化基金", "国家生态文明先行示范区"}
    assert reasons["头号工程"].startswith("class:") and reasons["市场化基金"].startswith("class:")
    assert reasons["国家生态文明先行示范区"].startswith("status:")


def test_a_body_every_organisation_of_a_kind_has_is_no_body_of_the_plan():
    names, _ = context_extraction()
    assert not {n for n, t in names if t == "Department" and "科协" in n}


def test_a_quoted_title_before_a_conjunction_stands_alone():
    names, _ = context_extraction()
    assert not {n for n, _ in names if "揭榜挂帅" in n and "及" in n}


def test_an_alliance_a_new_hall_and_a_bracketed_other_name():
    names, _ = context_extraction()
    assert {("长江中游技术交易市场联盟", "Platform"), ("九江市科技馆新馆", "Platform"), ("江西联合股权交易中心", "Platform")} <= names
    assert not {n for n, _ in names if n in ("长江中游技术交易市场", "九江市科技馆") or "(五板)" in n}


def test_the_bracketed_other_name_is_an_alias_of_the_node():
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from graph.build import build_graph
    from graph.vocabulary.lexicon import default_lexicon

    graph = build_graph([extract_document(document_from_text(CONTEXT))], default_lexicon())
    nodes = set(graph.subjects(SKOS.altLabel, Literal("五板", lang="zh")))
    assert nodes and all(Literal("江西联合股权交易中心", lang="zh") in set(graph.objects(n, None)) for n in nodes)


ECOSYSTEM = """九江市科技创新三年行动计划(2023—2025年)
一、重点任务
(二)完善创新生态
打造聚才汇智综合性平台。探索建设零碳科创园。加强首席科普专家工作室、全媒体科普创作基地、科普教育基地等科普阵地建设。持续开展“千企百园”行动,深化“千企百园”科技行动。推动江铃与南昌大学共建联合实验室。融入鄱阳湖国家自主创新示范区建设,推动鄱阳湖自创区九江片区发展。
"""


def test_a_quality_before_the_kind_a_kind_to_explore_and_a_whole_of_a_kind_are_kinds():
    ex = extract_document(document_from_text(ECOSYSTEM))
    reasons = {r.name: r.reason for r in ex.rejected}
    assert not {m.name for m in ex.mentions} & {"聚才汇智综合性平台", "零碳科创园", "全媒体科普创作基地"}
    assert "quality word right before the kind" in reasons["聚才汇智综合性平台"]  # 聚才汇智 is no word jieba knows
    assert "explore" in reasons["零碳科创园"]
    assert "listed only beside kinds" in reasons["全媒体科普创作基地"]  # 全 + 媒体: common words


def test_a_place_after_a_conjunction_opens_a_name_of_its_own():
    names = {(m.name, m.type) for m in extract_document(document_from_text(ECOSYSTEM)).mentions}
    assert ("南昌大学", "University") in names and not {n for n, _ in names if n.startswith("江铃与")}


def test_a_campaign_with_a_varying_word_and_a_zone_with_its_short_form_are_one_node_each():
    from rdflib import Literal
    from rdflib.namespace import RDFS, SKOS

    from graph.build import build_graph
    from graph.vocabulary.lexicon import default_lexicon

    graph = build_graph([extract_document(document_from_text(ECOSYSTEM))], default_lexicon())

    def node_of(name):
        return {s for p in (RDFS.label, SKOS.altLabel) for s in graph.subjects(p, Literal(name, lang="zh"))}

    assert len(node_of("“千企百园”行动") | node_of("“千企百园”科技行动")) == 1
    assert len(node_of("鄱阳湖国家自主创新示范区") | node_of("鄱阳湖自创区")) == 1


def test_a_labs_level_is_part_of_its_title():
    ex = extract_document(document_from_text("九江市科技工作要点\n一、重点任务\n推动生物安全三级实验室建设,争创国家级稀土材料检测实验室。\n"))
    assert ("国家级稀土材料检测实验室", "Lab") in {(m.name, m.type) for m in ex.mentions}


def test_quoted_products_one_party_and_government_body_a_gene_bank_and_no_class_of_bodies():
    text = ("赣州市科技创新工作要点\n一、重点任务\n用好“科创担”“赣科贷”“科技保”和“创新券”。"
            "在市委市政府的坚强领导下,有关部门要密切配合。加快建设国家脐橙种质资源基因库。\n")
    names = {(m.name, m.type) for m in extract_document(document_from_text(text)).mentions}
    # 用好 is no programme verb: the products are known by their last character (担 贷 保 券)
    assert {("科创担", "Program"), ("赣科贷", "Program"), ("科技保", "Program"), ("创新券", "Program")} <= names
    assert ("市委市政府", "Department") in names and not {n for n, _ in names if n in ("市委", "市政府", "有关部门")}
    assert ("国家脐橙种质资源基因库", "Platform") in names


def test_institutes_among_listed_units_and_a_cited_programme_plan():
    from graph.build import build_graph
    from graph.namespaces import IG
    from graph.vocabulary.lexicon import default_lexicon

    text = ("武汉市科技创新工作要点\n一、重点任务\n支持华工科技、中船719所、航天动力院等企事业单位共同参与建设。"
            "依托“楚天英才计划”“武汉市黄鹤英才计划”等人才计划集聚人才,落实《武汉市黄鹤英才计划》。\n")
    ex = extract_document(document_from_text(text))
    names = {(m.name, m.type) for m in ex.mentions}
    assert {("华工科技", "Firm"), ("中船719所", "Institute"), ("航天动力院", "Institute")} <= names
    graph = build_graph([ex], default_lexicon())
    from rdflib import RDF, Literal
    from rdflib.namespace import RDFS
    node = next(graph.subjects(RDFS.label, Literal("武汉市黄鹤英才计划", lang="zh")))
    assert (node, RDF.type, IG.Program) in graph  # cited in 《》 and run as one of the 人才计划: a programme
