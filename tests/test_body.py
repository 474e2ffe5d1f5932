"""The body scanner: units, their offsets and sections, for every kind of line break."""

from agentkit.body import Unit, parse

TEXT = "# Role\nYou review code\nline two\n- item one\n  continued\n1. second\n## Steps\n```py\nx = 1\n```\n| a | b |\n|---|---|\n---\ntail `x` ``` y\n"


def test_units_of_a_small_prompt():
    assert parse(TEXT, 0) == [
        Unit("heading", "Role", 0, 6, (), 1),
        Unit("paragraph", "You review code line two", 7, 31, ("Role",)),
        Unit("list_item", "item one continued", 32, 54, ("Role",), 0),
        Unit("list_item", "second", 55, 64, ("Role",), 0),
        Unit("heading", "Steps", 65, 73, ("Role",), 2),
        Unit("code", "x = 1", 74, 89, ("Role", "Steps"), 0, "py", True),
        Unit("table_row", "a | b", 90, 99, ("Role", "Steps")),
        Unit("paragraph", "tail `x` ``` y", 114, 128, ("Role", "Steps")),
    ]


def test_every_line_break_gives_the_same_units():
    def shape(units):
        return [(u.kind, u.text, u.section, u.level, u.info, u.closed) for u in units]

    expected = shape(parse(TEXT, 0))
    for nl in ("\r\n", "\r"):
        text = TEXT.replace("\n", nl)
        units = parse(text, 0)
        assert shape(units) == expected
        assert [text[u.start : u.start + 2] for u in units] == [TEXT[u.start : u.start + 2] for u in parse(TEXT, 0)]


def test_a_block_start_ends_a_paragraph_only_when_it_is_a_block():
    assert [(u.kind, u.text) for u in parse("one\n-two\n#three\n+ four\n", 0)] == [("paragraph", "one -two #three"), ("list_item", "four")]


def test_an_unclosed_fence_runs_to_the_end():
    assert parse("~~~\na\n", 0) == [Unit("code", "a", 0, 5, (), 0, "", False)]


def test_setext_headings_open_sections():
    text = "Coordinator\n===========\n\nYou plan.\n\nPatterns to Avoid\n-----------------\n\n- Letting volunteers drive\n\nTwo lines\nof title\n---\nx\n\npara\n\n---\n\nafter\n"
    assert parse(text, 0) == [
        Unit("heading", "Coordinator", 0, 23, (), 1),
        Unit("paragraph", "You plan.", 25, 34, ("Coordinator",)),
        Unit("heading", "Patterns to Avoid", 36, 71, ("Coordinator",), 2),
        Unit("list_item", "Letting volunteers drive", 73, 99, ("Coordinator", "Patterns to Avoid"), 0),
        Unit("heading", "Two lines of title", 101, 123, ("Coordinator",), 2),
        Unit("paragraph", "x", 124, 125, ("Coordinator", "Two lines of title")),
        Unit("paragraph", "para", 127, 131, ("Coordinator", "Two lines of title")),
        Unit("paragraph", "after", 138, 143, ("Coordinator", "Two lines of title")),
    ]


def test_a_quote_an_html_block_or_indented_code_takes_no_underline():
    for text in ("> Always run tests.\n---\nText\n", "<div>\n---\n", "    code line\n---\n"):
        assert [u.kind for u in parse(text, 0)] == ["paragraph"] * len([u for u in parse(text, 0)]), text
