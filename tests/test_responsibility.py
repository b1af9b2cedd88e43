"""Responsibility lists in every form, with the lead body marked."""

from collections import defaultdict

from graph.extract import extract_document
from graph.extract.responsibility import split_bodies
from graph.ingest.documents import document_from_text, read_document

from .conftest import DATA


def duties(ex):
    table = defaultdict(list)
    for r in ex.responsibilities:
        table[r.measure].append((r.body.name, r.lead))
    return dict(table)


def test_hebi_lists_with_prefix_inheritance(extractions):
    table = duties(extractions["hebi"])
    # (责任单位:市科技局、财政局、税务局,各县区政府、管委): a plain list marks no lead
    assert table["三.(一).1"] == [("市科技局", False), ("市财政局", False), ("市税务局", False), ("各县区政府", False), ("各管委", False)]
    # (责任单位:市委组织部〈市人才办〉、人力资源社会保障局、科技局,各县区政府、管委)
    assert table["三.(二).1"][:3] == [("市委组织部", False), ("市人力资源社会保障局", False), ("市科技局", False)]
    assert table["三.(八)"][0] == ("市经投公司", False)  # a firm acting as a unit
    assert table["三.(五).3"] == [("淇县政府", False), ("市科技局", False)]
    assert len(table) == 21  # every measure of the plan that has a list
    # the order of each list is kept: 1 = listed first
    first = [r for r in extractions["hebi"].responsibilities if r.measure == "三.(一).1"]
    assert [r.position for r in first] == [1, 2, 3, 4, 5]


def test_a_note_that_the_first_listed_leads():
    """Some plans say once that the first body of each list leads (排在首位的为牵头单位):
    then, and only then, the first of a plain 责任单位 list is the lead."""
    text = ("周口市科技创新三年行动计划\n一、重点任务\n(一)建设中试基地。(责任单位:市科技局、市财政局)\n"
            "(二)培育科技型企业。(责任单位:市发展改革委、市科技局)\n注:排在首位的为牵头单位。\n")
    assert list(duties(extract_document(document_from_text(text))).values()) == [
        [("市科技局", True), ("市财政局", False)], [("市发展改革委", True), ("市科技局", False)]]
    without = text.replace("注:排在首位的为牵头单位。\n", "")
    assert not any(r.lead for r in extract_document(document_from_text(without)).responsibilities)


def test_nested_body_is_a_mention_not_a_duty(extractions):
    ex = extractions["hebi"]
    assert ("市人才办", "responsibility:nested") in {(m.name, m.rule) for m in ex.mentions}
    assert "市人才办" not in {r.body.name for r in ex.responsibilities}


def test_lead_and_partner_forms_and_led_by():
    table = duties(extract_document(read_document(DATA / "duty_forms.txt")))
    assert table["二.(一).1"] == [("市科技局", True), ("市财政局", False), ("市税务局", False)]
    assert table["二.(一).2"] == [("市科技局", False), ("市财政局", False), ("市发展改革委", False), ("各县(市、区)政府", False)]
    assert table["二.(二).3"] == [("市金融工作局", True)]


def test_split_bodies_keeps_spans(lexicon):
    text = "市科技局、财政局,各县区政府、管委"
    bodies = split_bodies(text, 100, lexicon)
    assert [(name, text[a - 100:b - 100]) for name, a, b, _ in bodies] == [
        ("市科技局", "市科技局"), ("市财政局", "财政局"), ("各县区政府", "各县区政府"), ("各管委", "管委")]


def test_every_listed_body_points_at_its_own_words(documents, extractions):
    """A body's span is where its name is written (less a prefix it inherits), in every
    segment of a list: the 配合单位 after a 牵头单位 too."""
    forms = read_document(DATA / "duty_forms.txt")
    for doc, ex in ((forms, extract_document(forms)), (documents["hebi"], extractions["hebi"])):
        for duty in ex.responsibilities:
            a, b = duty.body.span
            assert b > a and duty.body.name.endswith(doc.text[a:b]), (duty.body.name, doc.text[a:b])
    partners = [d.body for d in extract_document(forms).responsibilities if d.role == "配合单位"]
    assert [forms.text[slice(*body.span)] for body in partners] == ["市财政局", "市税务局"]


def test_a_listed_body_is_one_name_not_cut_short():
    """国家税务总局鹤壁市税务局 in a list is one body: the department found inside it from
    鹤壁市 on (鹤壁市税务局) ends where it ends, and is that name cut short."""
    doc = document_from_text("鹤壁市科技工作要点\n一、重点任务\n(一)落实研发费用加计扣除政策。"
                             "(牵头单位:国家税务总局鹤壁市税务局;配合单位:市科技局)\n")
    found = {(m.name, m.rule.split(":")[0]) for m in extract_document(doc).mentions}
    assert ("国家税务总局鹤壁市税务局", "responsibility") in found
    assert not any(name == "鹤壁市税务局" for name, _ in found)
    assert ("市科技局", "department") in found  # a name the list repeats whole stays


def test_places_listed_before_a_body_share_it():
    """南京市、无锡市人民政府 names two governments; each place's span stays on its own words."""
    doc = document_from_text("江苏省科技创新行动方案\n一、重点任务\n(一)推进示范区建设。"
                             "(牵头单位:省科技厅;配合单位:省财政厅、南京市、无锡市人民政府)\n")
    bodies = [(d.body.name, doc.text[slice(*d.body.span)]) for d in extract_document(doc).responsibilities]
    assert bodies == [("省科技厅", "省科技厅"), ("省财政厅", "省财政厅"), ("南京市人民政府", "南京市"),
                      ("无锡市人民政府", "无锡市人民政府")]


HANGZHOU = """杭州市科技局2024年工作要点
一、重点任务
1．推进实验室建设。（责任处室：基础处、高新处）
2．实施研发攻关计划。（牵头处室：计划处；配合处室：资配处）
3．培育科技型中小企业。责任单位：市科技局、市经信局、各区、县（市）政府
4．加快科技城建设。（市科技局、市发改委按职责分工负责）
5．完善科技金融。（市金融办负责）
"""


def test_a_bureaus_own_divisions_and_shared_duties():
    """A bureau's work plan names its divisions (责任处室, 牵头处室/配合处室); 各区、县(市)政府 is one
    body; (A、B按职责分工负责) makes both responsible and neither the lead, nor does (A负责): only 牵头 marks a lead."""
    table = duties(extract_document(document_from_text(HANGZHOU)))
    assert list(table.values()) == [
        [("基础处", False), ("高新处", False)],
        [("计划处", True), ("资配处", False)],
        [("市科技局", False), ("市经信局", False), ("各区、县(市)政府", False)],
        [("市科技局", False), ("市发改委", False)],
        [("市金融办", False)],
    ]


def test_measures_without_lists_have_no_duties(extractions):
    assert extractions["zhengzhou"].responsibilities == ()


def test_two_labels_in_one_bracket_unknown_bodies_and_a_task_table():
    """Forms of other provinces (a made-up 绍兴 plan, tests/data/duty_labels_and_task_table.txt):
    two labels split by a comma; a list labelled 按职责分工负责 whose banks and regulators the
    lexicon does not know; (X牵头,Y配合) with a provincial bureau and a state-owned company;
    a task table whose 主要责任单位 column leads and 协同配合单位 column is responsible."""
    ex = extract_document(read_document(DATA / "duty_labels_and_task_table.txt"))
    table = {measure: [(r.body.name, r.lead, r.position) for r in ex.responsibilities if r.measure == measure]
             for measure in dict.fromkeys(r.measure for r in ex.responsibilities)}
    assert table["一.(一).1"] == [("市发展改革委", True, 1), ("市科技局", True, 2), ("市财政局", False, 3), ("各区县政府", False, 4)]
    assert table["一.(一).2"] == [("人民银行绍兴市分行", False, 1), ("绍兴银保监分局", False, 2), ("市地方金融监管局", False, 3)]
    assert table["一.(一).3"] == [("市科技局", True, 1), ("省科技厅", False, 2), ("浙江绍兴投资集团有限公司", False, 3)]
    assert table["一.(一).4"] == [("市经信局", True, 1), ("省委科技委员会办公室", False, 2), ("市国资委", False, 3)]
    assert table["二.1"] == [("市科技局", True, 1), ("市财政局", False, 2), ("市税务局", False, 3)]  # one order across columns
    assert not any("责任单位" in r.body.name for r in ex.responsibilities)  # a label is never part of a name
