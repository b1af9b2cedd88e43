"""The innograph command line, run as users run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

from .conftest import DATA, HEBI, PLANS, ROOT


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_installed_console_script_and_module_agree():
    exe = Path(sys.executable).parent / "innograph"
    script = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    module = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert script.returncode == 0 and module.returncode == 0
    assert "build" in script.stdout and script.stdout == module.stdout


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert cli.commands[command].help and len(cli.commands[command].help) > 10


def test_build_one_plan(tmp_path):
    out = tmp_path / "hebi.ttl"
    result = run("build", str(HEBI), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 plans" in result.output and out.exists()


def test_build_bad_file_names_it_and_keeps_old_output(tmp_path):
    out = tmp_path / "g.ttl"
    run("build", str(HEBI), "--out", str(out))
    before = out.read_bytes()
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a docx")
    result = CliRunner().invoke(cli, ["build", str(HEBI), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.docx" in result.output and "not a readable .docx" in result.output
    assert out.read_bytes() == before


def test_build_skip_bad(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = run("build", str(HEBI), str(bad), "--skip-bad", "--out", str(tmp_path / "g.nt"))
    assert result.exit_code == 0 and "1 plans" in result.output


def test_query_formats(tmp_path):
    graph = tmp_path / "g.ttl"
    run("build", str(HEBI), "--out", str(graph))
    csv_out = run("query", "--name", "08_lead_bodies", "--graph", str(graph), "--format", "csv")
    assert csv_out.output.splitlines()[0] == "city,body,leads,responsible_for"
    assert csv_out.output.splitlines()[1].startswith("鹤壁市,鹤壁市科技局,0,20")  # 20 duties, no lead marked
    one_city = run("query", "--name", "08_lead_bodies", "--graph", str(graph), "--param", "city=鹤壁市", "--format", "csv")
    assert one_city.output == csv_out.output  # the only city
    none = CliRunner().invoke(cli, ["query", "--name", "03_shared_entities", "--graph", str(graph)])
    assert none.exit_code == 1 and "needs --param city=VALUE" in none.output
    rows = json.loads(run("query", "SELECT ?t WHERE { ?p a ig:Plan ; rdfs:label ?t }", "--graph", str(graph), "--format", "json").output)
    assert rows == [{"t": "鹤壁市科技创新三年行动计划(2019—2021年)"}]
    bad = CliRunner().invoke(cli, ["query", "SELECT WHERE", "--graph", str(graph)])
    assert bad.exit_code == 1 and "SPARQL syntax error" in bad.output


def test_stats_and_explain(tmp_path):
    graph = tmp_path / "g.ttl"
    run("build", str(DATA / "duty_forms.txt"), "--out", str(graph))
    stats = dict(line.split("\t") for line in run("stats", "--graph", str(graph), "--lang", "en").output.splitlines())
    assert stats["Plan"] == "1" and int(stats["responsibleFor"]) == 8
    explained = run("extract", str(DATA / "duty_forms.txt"), "--explain").output
    assert "森源电气  [Firm]" in explained and "enumeration:企业" in explained
    assert "市金融工作局 → measure 二.(二).3 (lead)" in explained


def test_commands_that_read_a_graph_take_a_store_and_speak_the_chosen_language(tmp_path):
    from graph.pipeline import build_store

    store = tmp_path / "store"
    build_store(store, [PLANS], jobs=1)
    runner = CliRunner()
    for args in (["validate", "--store", str(store)], ["entities", "--type", "Lab", "--store", str(store)],
                 ["export", "--format", "nt", "--out", str(tmp_path / "g.nt"), "--store", str(store)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
    assert "龙门实验室" in runner.invoke(cli, ["entities", "--type", "Lab", "--store", str(store)]).output
    zh = runner.invoke(cli, ["stats", "--store", str(store), "--lang", "zh"]).output
    en = runner.invoke(cli, ["stats", "--store", str(store)], env={"INNOGRAPH_LANG": "en"}).output
    assert "实验室\t" in zh and "Lab\t" in en and "实验室" not in en
    listed = runner.invoke(cli, ["query", "--list", "--lang", "en"]).output
    assert "05_measures_mentioning\tThe measures that mention" in listed


def test_a_named_query_without_its_parameter_is_an_error_naming_it():
    result = CliRunner().invoke(cli, ["query", "--name", "05_measures_mentioning"])
    assert result.exit_code == 1 and "--param name=VALUE" in result.output
    bad = CliRunner().invoke(cli, ["query", "--name", "05_measures_mentioning", "--param", "龙门"])
    assert bad.exit_code == 1 and "name=value" in bad.output
