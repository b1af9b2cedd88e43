"""Every string the interface shows, in Chinese (default) and English: the one place to edit them."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "innograph 科技规划创新图谱", "en": "innograph: innovation entities in S&T plans"},
    "language": {"zh": "界面语言", "en": "Language"},
    "loading": {"zh": "正在构建图谱(首次约需十余秒)…", "en": "Building the graph (the first time takes a few seconds)…"},
    "nav_graph": {"zh": "关系网络", "en": "Network"},
    "nav_sparql": {"zh": "SPARQL 查询", "en": "SPARQL"},
    "nav_duty": {"zh": "责任分工", "en": "Responsibility"},
    "nav_overview": {"zh": "概览", "en": "Overview"},
    "nav_targets": {"zh": "指标对比", "en": "Targets"},
    # overview
    "overview_intro": {
        "zh": "本图谱由各地科技规划自动抽取而成:实验室、园区、企业、高校、院所、平台、计划、部门、基金与政策文件,它们之间的关系,各项措施的责任单位和量化指标。每条事实都可追溯到原文句子。",
        "en": "This graph is extracted from local S&T plans: labs, parks, firms, universities, institutes, platforms, programmes, departments, funds and cited policies, the relations between them, the bodies responsible for each measure and the quantitative targets. Every fact links back to its sentence.",
    },
    "plans": {"zh": "规划", "en": "Plans"},
    "entities": {"zh": "实体", "en": "Entities"},
    "measures": {"zh": "措施", "en": "Measures"},
    "targets": {"zh": "指标", "en": "Targets"},
    "triples": {"zh": "三元组", "en": "Triples"},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_city": {"zh": "城市", "en": "City"},
    "col_province": {"zh": "省份", "en": "Province"},
    "col_kind": {"zh": "类型", "en": "Kind"},
    "col_issued": {"zh": "成文日期", "en": "Date"},
    "col_issuer": {"zh": "发文机关", "en": "Issuer"},
    "col_number": {"zh": "文号", "en": "Number"},
    # graph view
    "graph_header": {"zh": "创新实体关系网络", "en": "Network of innovation entities"},
    "filter_plans": {"zh": "按规划筛选", "en": "Filter by plan"},
    "filter_types": {"zh": "按实体类型筛选", "en": "Filter by entity type"},
    "show_measures": {"zh": "显示措施节点(责任关系)", "en": "Show measures (responsibility edges)"},
    "search": {"zh": "搜索实体(如:龙门实验室)", "en": "Search an entity (e.g. 龙门实验室)"},
    "search_pick": {"zh": "选择实体", "en": "Choose the entity"},
    "no_match": {"zh": "没有找到名称包含“{q}”的实体。", "en": "No entity name contains “{q}”."},
    "radius": {"zh": "邻域半径", "en": "Neighbourhood radius"},
    "max_nodes": {"zh": "最多显示节点数", "en": "Maximum nodes shown"},
    "cap_cut": {
        "zh": "共 {total} 个节点,只显示连接最多的 {shown} 个。可缩小筛选范围、搜索实体或调高上限。",
        "en": "{total} nodes; showing the {shown} best connected. Narrow the filters, search an entity or raise the limit.",
    },
    "legend": {"zh": "图例", "en": "Legend"},
    "relations_of": {"zh": "“{name}”的关系", "en": "Relations of “{name}”"},
    "no_relations": {"zh": "原文没有写明该实体的关系。", "en": "The plans state no relations of this entity."},
    "col_direction": {"zh": "方向", "en": "Direction"},
    "col_relation": {"zh": "关系", "en": "Relation"},
    "col_other": {"zh": "对方", "en": "Other"},
    "col_type": {"zh": "类型", "en": "Type"},
    "col_plan": {"zh": "规划", "en": "Plan"},
    "col_sentence": {"zh": "原文句子", "en": "Sentence"},
    "empty_view": {"zh": "当前筛选下没有节点。", "en": "No nodes match the filters."},
    "plans_word": {"zh": "规划", "en": "Plans"},
    # sparql view
    "sparql_header": {"zh": "SPARQL 查询", "en": "SPARQL query"},
    "examples": {"zh": "示例查询", "en": "Example queries"},
    "query_text": {"zh": "查询语句(已声明前缀 ig: igd: rdfs: skos: nif: prov: …)", "en": "Query (prefixes ig: igd: rdfs: skos: nif: prov: … are declared)"},
    "param": {"zh": "参数 {name}", "en": "Parameter {name}"},
    "run": {"zh": "运行", "en": "Run"},
    "rows": {"zh": "{n} 行结果", "en": "{n} rows"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_json": {"zh": "下载 JSON", "en": "Download JSON"},
    "own_query": {"zh": "自己编写的查询", "en": "Your own query"},
    "read_only": {"zh": "本浏览器只读:不能修改图谱(INSERT、DELETE、LOAD 等更新语句均不执行)。",
                  "en": "This explorer is read-only: updates (INSERT, DELETE, LOAD …) are not run."},
    "query_error": {"zh": "查询有误:{error}", "en": "The query has an error: {error}"},
    "query_running": {"zh": "查询中… {seconds:.0f} 秒(最多 {limit:g} 秒)", "en": "Running… {seconds:.0f} s (at most {limit:g} s)"},
    "query_timeout": {"zh": "查询超过 {limit:g} 秒,已停止。请缩小范围(加 LIMIT 或更具体的条件)后再试。",
                      "en": "The query ran longer than {limit:g} s and was stopped. Narrow it (a LIMIT, a more selective pattern) and run it again."},
    "rows_capped": {"zh": "只显示前 {n:,} 行:结果更多。请加 LIMIT 或更具体的条件。",
                    "en": "Only the first {n:,} rows are shown: there are more. Add a LIMIT or a more selective pattern."},
    # responsibility view
    "duty_header": {"zh": "责任分工", "en": "Who owns which measures"},
    "by_plan": {"zh": "按规划", "en": "By plan"},
    "by_body": {"zh": "按单位", "en": "By body"},
    "choose_plan": {"zh": "选择规划", "en": "Choose a plan"},
    "choose_body": {"zh": "选择单位", "en": "Choose a body"},
    "matrix_caption": {"zh": "★ 牵头单位 · ● 责任单位", "en": "★ lead · ● responsible"},
    "no_duties": {"zh": "该规划没有写明责任单位。", "en": "This plan names no responsible bodies."},
    "col_measure": {"zh": "措施", "en": "Measure"},
    "col_no": {"zh": "编号", "en": "No."},
    "col_lead": {"zh": "牵头", "en": "Lead"},
    "col_text": {"zh": "措施原文", "en": "Text of the measure"},
    "body_measures": {"zh": "{body} 负责 {n} 项措施,其中牵头 {lead} 项", "en": "{body} is responsible for {n} measures and leads {lead}"},
    "workload_header": {"zh": "各单位工作量", "en": "Workload of each body"},
    "workload_top": {"zh": "显示前几个单位", "en": "Bodies shown"},
    "duty_kind": {"zh": "职责", "en": "Duty"},
    "lead_duty": {"zh": "牵头", "en": "leads"},
    "shared_duty": {"zh": "责任(非牵头)", "en": "responsible, not lead"},
    "col_body": {"zh": "单位", "en": "Body"},
    "col_count": {"zh": "措施数", "en": "Measures"},
    # targets view
    "targets_header": {"zh": "量化指标对比", "en": "Targets across cities"},
    "no_targets": {"zh": "这些规划没有量化指标。", "en": "These plans set no quantitative targets."},
    "choose_indicator": {"zh": "选择指标(括号内为规划数)", "en": "Indicator (plans setting it)"},
    "filter_cities": {"zh": "城市", "en": "Cities"},
    "all": {"zh": "全部", "en": "All"},
    "shared_indicators": {"zh": "{n} 个指标出现在多个规划中", "en": "{n} indicators are set by more than one plan"},
    "baseline": {"zh": "基期值", "en": "Baseline"},
    "target": {"zh": "目标值", "en": "Target"},
    "all_targets": {"zh": "全部指标", "en": "All targets"},
    "col_indicator": {"zh": "指标", "en": "Indicator"},
    "col_baseline": {"zh": "基期值", "en": "Baseline"},
    "col_baseline_year": {"zh": "基期年份", "en": "Baseline year"},
    "col_target": {"zh": "目标值", "en": "Target"},
    "col_year": {"zh": "目标年份", "en": "Year"},
    "col_value": {"zh": "数值", "en": "Value"},
    "col_unit": {"zh": "单位", "en": "Unit"},
    "col_qualifier": {"zh": "限定", "en": "Qualifier"},
}

TYPE_NAMES = {
    "Lab": {"zh": "实验室", "en": "Lab"},
    "Park": {"zh": "园区", "en": "Park"},
    "Firm": {"zh": "企业", "en": "Firm"},
    "University": {"zh": "高校", "en": "University"},
    "Institute": {"zh": "科研院所", "en": "Institute"},
    "Platform": {"zh": "创新平台", "en": "Platform"},
    "Program": {"zh": "计划项目", "en": "Programme"},
    "Department": {"zh": "政府部门", "en": "Department"},
    "Fund": {"zh": "基金", "en": "Fund"},
    "Policy": {"zh": "政策文件", "en": "Policy"},
    "Place": {"zh": "地区", "en": "Place"},
    "Measure": {"zh": "措施", "en": "Measure"},
}

RELATION_NAMES = {
    "ledBy": {"zh": "牵头单位", "en": "led by"},
    "participant": {"zh": "参与单位", "en": "participant"},
    "supportedBy": {"zh": "技术支持", "en": "supported by"},
    "partnerOf": {"zh": "共建单位", "en": "partner of"},
    "locatedIn": {"zh": "位于", "en": "located in"},
    "upgradeTo": {"zh": "升级创建", "en": "upgrade to"},
    "responsibleFor": {"zh": "负责", "en": "responsible for"},
    "leads": {"zh": "牵头负责", "en": "leads"},
}


def text(key: str, lang: str = "zh", **values) -> str:
    """The interface string for a key in a language, with {placeholders} filled in."""
    entry = STRINGS[key]
    return entry.get(lang, entry["zh"]).format(**values)


def names(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    return {k: v.get(lang, v["zh"]) for k, v in table.items()}
