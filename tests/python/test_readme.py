"""The Python blocks of clients/python/README.md and README.md run as written and say
what they do.

Runs in: pytest, with the real binary ($CODECELL_BIN).
"""

import json
import re

from conftest import ROOT


def blocks():
    text = (ROOT / "clients" / "python" / "README.md").read_text()
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_the_use_it_example(binary, monkeypatch):
    monkeypatch.setenv("CODECELL_BIN", binary)
    ns = {}
    exec(blocks()[0], ns)
    r = ns["r"]
    assert r.result == {"w": {"city": "Paris", "tempC": 18}, "hits": ["tea #0", "tea #1"]}
    assert r.error is None
    assert r.logs == ["warm enough: true"]


def test_the_agent_tool_snippet(binary):
    ns = {}
    exec(blocks()[1], ns)
    from codecell import Codecell

    def get_weather(args):
        return {"city": args["city"], "tempC": {"Paris": 18, "Oslo": 6}[args["city"]]}

    spec, run = ns["code_tool"](
        {"getWeather": get_weather},
        Codecell(binary=binary, timeout=30),
        "codemode.getWeather({ city: string }): Promise<{ city: string, tempC: number }>",
    )
    assert spec["name"] == "run_javascript" and "codemode.getWeather" in spec["description"]
    assert spec["input_schema"]["required"] == ["code"]
    # What a model would send, as a tool call's arguments.
    out = json.loads(
        run(
            {
                "code": "async () => { const ws = await Promise.all(['Paris', 'Oslo'].map((city) => "
                "codemode.getWeather({ city }))); console.log(ws.length); return ws.filter((w) => w.tempC > 10) }"
            }
        )
    )
    assert out == {"result": [{"city": "Paris", "tempC": 18}], "error": None, "logs": ["2"]}
    out = json.loads(run({"code": "async () => { await codemode.getWeather({ city: 'Atlantis' }) }"}))
    assert out["result"] is None and out["error"] == "KeyError: 'Atlantis'"


def test_the_top_level_readme_snippet(binary, monkeypatch):
    monkeypatch.setenv("CODECELL_BIN", binary)
    text = (ROOT / "README.md").read_text()
    section = text[text.index("### From Python") :]
    ns = {}
    exec(re.search(r"```python\n(.*?)```", section, re.S).group(1), ns)
    r = ns["r"]
    assert (r.result, r.error, r.logs) == (50, None, [])
