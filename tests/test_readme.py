"""The README's field table is the schema's, so documentation cannot drift from validation."""

from support.site import ROOT

from pressroom.content_model.schema import field_table


def test_readme_field_table_matches_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = readme.split("<!-- fields:start -->\n", 1)[1].split("\n<!-- fields:end -->", 1)[0]
    assert documented == field_table()


def test_readme_opens_with_the_two_commands_that_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(commands) == 2
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
