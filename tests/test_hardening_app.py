"""Hardening (issue 11), without a browser: forms keep numbers as numbers, the server refuses a
WebSocket whose Host is not this machine, names never turn into links, emoji or markup, error
boxes carry no links out, and the console log names no one.

What a person sees of the same in Chromium is in test_browser_hardening.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import socket
import sys
import tomllib
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from streamlit.testing.v1 import AppTest

from mapper import parse_map
from mapper.edit import put_record, record_data
from mapper.forms import FORMS, record_from_values, widget_value
from mapper.render.text import escape_markdown, problem_list
from tests.conftest import MINIMAL, ROOT
from tests.serving import streamlit_server

APP = str(ROOT / "streamlit_app.py")
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))

#: A map whose meetings happen a number of times a year, as the format allows.
NUMERIC = (
    MINIMAL.replace("frequency: monthly", "frequency: 10\n    revisits_purpose: 0.5")
    + """\
  - id: review
    level: operational
    frequency: 8.67
    chairs: [ben-cole]
    revisits_purpose: 1
  - id: daily
    level: operational
    frequency: 366
    chairs: [ben-cole]
    revisits_purpose: quarterly
"""
)

#: Names that markdown renderers like to turn into something else.
HOSTILE_NAMES = [
    "http://evil.example/t",
    "www.evil.example",
    "[x](http://evil.example)",
    "<a href=x>y</a>",
    "HTTPS://EVIL.EXAMPLE/x?y=1",
    "Www.Evil.Example",
    "amara@evil.example",
    "ftp://files.evil.example",
    ":smile: :+1: :material/home:",
    "**bold** _it_ ~~gone~~",
    ":red[red] $x^2$",
    "mailto:amara@evil.example",
    "x@y.z",
]

# The rules GitHub-flavoured markdown (mdast-util-gfm-autolink-literal) and remark-emoji apply
# to the *text* of a parsed document, after backslash escapes and entities are undone: the
# reason escaping markdown characters alone leaves URLs clickable. Copied from Streamlit's
# frontend bundle (static/js/StreamlitMarkdown.*.js, remark-emoji.*.js).
AUTOLINK_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
AUTOLINK_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
EMOJI = re.compile(r":\+1:|:-1:|:[\w-]+:")


def unescaped(markdown: str) -> str:
    """The text a markdown parser makes of escaped text: each backslash escape undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


# 1. Numbers in fields that take a word or a number


def test_numeric_frequencies_go_through_the_meeting_form_unchanged():
    p = parse_map(NUMERIC)
    for key in range(len(p.meetings)):
        record = record_data(p, "meetings", key)
        shown = {f.name: widget_value(f, record.get(f.name)) for f in FORMS["meetings"]}
        back = record_from_values("meetings", shown)
        assert back["frequency"] == record["frequency"]
        assert type(back["frequency"]) is type(record["frequency"])
        assert back.get("revisits_purpose") == record.get("revisits_purpose")
        assert put_record(p, "meetings", back, key) == p, key


@pytest.mark.parametrize(
    "typed, number",
    [("10", 10), (" 10 ", 10), ("8.67", 8.67), ("0.5", 0.5), ("366", 366), ("52.0", 52.0)],
)
def test_a_number_in_a_word_or_number_field_becomes_a_number(typed, number):
    for name in ("frequency", "revisits_purpose"):
        value = record_from_values("meetings", {name: typed})[name]
        assert value == number and type(value) is type(number)


def test_words_stay_words_and_other_choices_are_not_read_as_numbers():
    assert record_from_values("meetings", {"frequency": "monthly"}) == {"frequency": "monthly"}
    # an id that looks like a number is still an id
    assert record_from_values("meetings", {"reports_to": "2024"}) == {"reports_to": "2024"}
    assert record_from_values("meetings", {"name": "10"}) == {"name": "10"}


def test_every_field_of_both_examples_and_a_numeric_map_round_trips():
    maps = [parse_map((ROOT / "examples" / n).read_bytes()) for n in ("small.yaml", "county.yaml")]
    for p in [*maps, parse_map(NUMERIC)]:
        for section, fields in FORMS.items():
            for key in range(len(getattr(p, section))):
                record = record_data(p, section, key)
                shown = {f.name: widget_value(f, record.get(f.name)) for f in fields}
                back = record_from_values(section, shown)
                for field in fields:
                    if field.name not in record:
                        continue
                    was, now = record[field.name], back[field.name]
                    if field.kind == "choices" and isinstance(was, str):
                        was = [was]  # one meeting reported to, written alone (reports_to: hwb)
                    if isinstance(was, list | tuple):  # a list, whichever kind
                        was, now = list(was), list(now)
                    assert now == was and type(now) is type(was), (section, key, field.name)
                # and the record is the same record to the map (a default length aside)
                assert put_record(p, section, back, key) == p, (section, key)


def _open(at: AppTest, text: str) -> None:
    at.file_uploader[0].set_value(("mine.yaml", text.encode(), "application/x-yaml"))
    at.run()
    next(b for b in at.button if b.label == "Open uploaded file").click()
    at.run()
    assert not at.exception, at.exception


def test_the_edit_page_saves_a_meeting_that_happens_ten_times_a_year():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    _open(at, NUMERIC)
    at.switch_page("pages/edit.py").run()
    next(r for r in at.radio if r.label == "What to edit").set_value("meetings").run()
    choose = next(s for s in at.selectbox if s.label == "Choose a meeting")
    choose.set_value("board").run()
    how_often = next(s for s in at.selectbox if s.label == "How often *")
    assert how_often.value == "10"
    next(b for b in at.button if b.label == "Save this meeting").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []
    saved = at.session_state["app"].partnership
    assert saved.meetings[0].frequency == 10 and saved.meetings[0].revisits_purpose == 0.5
    assert saved == parse_map(NUMERIC)


# 2. DNS rebinding: the server answers only to this machine's names


def test_the_config_allows_only_loopback_hosts_and_no_agent_api():
    server = CONFIG["server"]
    assert sorted(server["allowedHosts"]) == sorted(["localhost", "127.0.0.1", "::1"])
    assert server["address"] == "127.0.0.1"
    assert server["enableXsrfProtection"] is True
    assert server["enableAgentApi"] is False


@contextmanager
def running(script: str, cwd=ROOT, env: dict[str, str] | None = None) -> Iterator[tuple[int, list]]:
    """`streamlit run script` on a free loopback port with the project's config; yields the
    port and, once the server is stopped, a list holding its stderr."""
    with streamlit_server(script, cwd, env, capture_stderr=True) as server:
        yield server.port, server.stderr


def upgrade(port: int, host: str) -> str:
    """The status line the server answers a WebSocket upgrade of /_stcore/stream with."""
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(request.encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n")[0].decode()


@pytest.fixture(scope="module")
def app_server() -> Iterator[int]:
    with running("streamlit_app.py") as (port, _):
        yield port


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST:{port}", "localhost"],
)
def test_a_websocket_from_this_machine_is_accepted(app_server: int, host: str):
    assert " 101 " in upgrade(app_server, host.format(port=app_server))


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",
        "evil.example",
        "127.0.0.1.evil.example",
        "localhost.evil.example:{port}",
        "[::2]:{port}",
        "10.0.0.5:{port}",
        "user@localhost:{port}",
    ],
)
def test_a_websocket_for_another_host_is_refused(app_server: int, host: str):
    """A page on evil.example whose name was rebound to 127.0.0.1 sends its own Host."""
    assert " 101 " not in upgrade(app_server, host.format(port=app_server))


def test_an_upload_for_another_host_without_the_xsrf_token_is_refused(app_server: int):
    request = urllib.request.Request(
        f"http://127.0.0.1:{app_server}/_stcore/upload_file/abc/def",
        method="PUT",
        data=b"--x--\r\n",
        headers={
            "Host": f"evil.example:{app_server}",
            "Content-Type": "multipart/form-data; boundary=x",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=20)
    refused.value.close()
    assert refused.value.code in (400, 403)


# 3 and 6. Names are inert text wherever markdown shows them


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_escaped_name_holds_no_link_emoji_or_markup(name):
    text = unescaped(escape_markdown(name))
    assert not AUTOLINK_URL.search(text), text
    assert not AUTOLINK_EMAIL.search(text), text
    assert not EMOJI.search(text), text
    assert not re.search(r"(?<!\\)[*\[\]<>`#_$:~]", escape_markdown(name).replace("\\\\", ""))


@pytest.mark.parametrize("name", HOSTILE_NAMES + ["Zoë Siân Łukasz", "10:30 board"])
def test_an_escaped_name_reads_as_typed(name):
    """Only invisible word joiners are added: a person reads (and copies) the name."""
    assert unescaped(escape_markdown(name)).replace("\u2060", "") == name


def test_plain_names_and_sentences_are_left_alone():
    for text in ["Zoë Siân Łukasz", "Meets 10 times a year: at 10:30", "www", "a.b"]:
        assert "\u2060" not in escape_markdown(text)


def test_problem_lists_hold_no_links():
    listed = problem_list(["people.csv row 3: 'www.evil.example' is not a level"])
    assert not AUTOLINK_URL.search(unescaped(listed))


HOSTILE_LINKS = ROOT / "tests" / "data" / "hostile_links.yaml"
HOSTILE_MAP = HOSTILE_LINKS.read_text(encoding="utf-8")

MARKDOWN_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "caption",
    "markdown",
    "error",
    "warning",
    "info",
    "success",
    "toast",
)


def _markdown_shown(at: AppTest) -> list[str]:
    return [e.value for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]


@pytest.mark.parametrize(
    "page",
    [
        None,
        "pages/edit.py",
        "pages/findings.py",
        "pages/map.py",
        "pages/meetings.py",
        "pages/stakeholders.py",
        "pages/whatif.py",
        "pages/assessment.py",
        "pages/import_sheets.py",
    ],
)
def test_no_page_puts_a_hostile_name_into_markdown_unbroken(page):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    _open(at, HOSTILE_MAP)
    if page:
        at.switch_page(page).run()
    if page == "pages/whatif.py":
        next(m for m in at.multiselect if m.label == "People who leave").set_value(["amara"]).run()
    assert not at.exception, at.exception
    shown = _markdown_shown(at)
    assert shown
    for value in shown:
        text = unescaped(value)
        assert not AUTOLINK_URL.search(text), (page, value)
        assert not AUTOLINK_EMAIL.search(text), (page, value)
        assert not re.search(r"(?<!\\)\[x\]\(", value), (page, value)


# 4. The error box has no links out


def test_the_config_turns_error_links_and_details_off():
    assert CONFIG["client"]["showErrorLinks"] is False
    assert CONFIG["client"]["showErrorDetails"] == "none"


# 5. The console log names the error and where, never the data


def _raise_with_a_name() -> None:
    def load(name: str) -> None:
        raise ValueError(f"'{name}' is not a level")

    load("Amara Okafor-Zzyzx")


@contextmanager
def logged_by(name: str) -> Iterator[io.StringIO]:
    """What a console handler on the logger `name` prints meanwhile (filters apply first)."""
    caught = io.StringIO()
    handler = logging.StreamHandler(caught)
    logging.getLogger(name).addHandler(handler)
    try:
        yield caught
    finally:
        logging.getLogger(name).removeHandler(handler)


def test_an_uncaught_error_is_logged_as_its_class_and_place_without_the_name():
    AppTest.from_file(APP, default_timeout=90).run()  # the app sets its logging up
    with logged_by("streamlit.error_util") as caught:
        at = AppTest.from_function(_raise_with_a_name, default_timeout=30)
        at.run()
    assert at.exception  # the page failed, as it should
    logged = caught.getvalue()
    assert "Zzyzx" not in logged
    assert "ValueError" in logged
    assert re.search(r"ValueError at \S+:\d+", logged), logged
    assert "Traceback" not in logged


def test_the_log_filter_keeps_the_class_and_place_and_drops_the_message():
    from mapper.logs import NamesOutOfLogs

    try:
        _raise_with_a_name()
    except ValueError:
        record = logging.LogRecord(
            "streamlit.error_util",
            logging.ERROR,
            __file__,
            1,
            "Uncaught app execution",
            None,
            sys.exc_info(),
        )
    assert NamesOutOfLogs().filter(record)
    line = logging.Formatter().format(record)
    assert "Zzyzx" not in line and "ValueError" in line and "test_hardening_app.py:" in line


def test_a_warning_is_shown_as_its_class_and_place(capsys):
    from mapper.logs import keep_names_out_of_logs

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        keep_names_out_of_logs()
        warnings.warn("Amara Okafor-Zzyzx has no glyph", UserWarning, stacklevel=1)
    logged = capsys.readouterr().err
    assert "Zzyzx" not in logged and "UserWarning" in logged
    assert "test_hardening_app.py:" in logged


FAILING_SCRIPT = """import streamlit as st

from mapper.logs import keep_names_out_of_logs

keep_names_out_of_logs()  # as streamlit_app.py does before any page runs


def load(name):
    raise ValueError(f"'{name}' is not a level")


st.title("A page that fails")
load("Amara Okafor-Zzyzx")
"""


def test_a_real_server_logs_a_failing_page_without_the_name(tmp_path):
    """`streamlit run` with the app's config and logging; a browser-less client opens the
    page (a WebSocket and one rerun message), the page fails, the console is read."""
    import asyncio

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    (tmp_path / "failing.py").write_text(FAILING_SCRIPT, encoding="utf-8")

    async def open_page(port: int) -> None:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"]
        ) as ws:
            rerun = BackMsg()
            rerun.rerun_script.query_string = ""
            await ws.send(rerun.SerializeToString())
            with contextlib.suppress(TimeoutError):
                while True:
                    await asyncio.wait_for(ws.recv(), 3)

    with running(str(tmp_path / "failing.py"), env={"PYTHONPATH": str(ROOT)}) as (port, err):
        asyncio.run(open_page(port))
    logged = err[0]
    assert "Uncaught app execution: ValueError at " in logged, logged
    assert re.search(r"failing\.py:9\b", logged), logged
    assert "Zzyzx" not in logged and "Traceback" not in logged


def test_the_action_plan_download_holds_no_bare_links():
    from mapper.diagnosis import diagnose
    from mapper.render.plan import action_plan, plan_markdown

    p = parse_map(HOSTILE_MAP)
    written = plan_markdown(action_plan(p, diagnose(p).findings), p.name)
    assert "evil" in written
    assert not AUTOLINK_URL.search(unescaped(written))
    assert not AUTOLINK_EMAIL.search(unescaped(written))


def test_a_file_name_that_looks_like_an_address_is_no_link_on_home():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(
        ("www.evil.example.yaml", b"version: 1\nname: [unclosed\n", "application/x-yaml")
    )
    at.run()
    next(b for b in at.button if b.label == "Open uploaded file").click()
    at.run()
    message = at.error[0].value
    assert unescaped(message).replace("\u2060", "").startswith("www.evil.example.yaml could not")
    assert not AUTOLINK_URL.search(unescaped(message))
