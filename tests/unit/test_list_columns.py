"""A list or a child table never shows one person twice: a Cadre link already reads as the cadre's name
(Cadre shows its title in links), so a column with that name fetched beside it, or as the list's title,
repeats it."""

import json
from pathlib import Path

DOCTYPES = (
	Path(__file__).resolve().parents[2] / "apps/community_gov/community_gov/community_governance/doctype"
)


def load_doctypes() -> dict[str, dict]:
	doctypes = {}
	for path in DOCTYPES.glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") == "DocType":
			doctypes[meta["name"]] = meta
	return doctypes


def repeated_columns(meta: dict, doctypes: dict[str, dict]) -> list[str]:
	"""Columns of a list view (or a grid) that repeat the title a Link column beside them already shows."""
	fields = {df["fieldname"]: df for df in meta["fields"]}
	shown = [df for df in meta["fields"] if df.get("in_list_view")]
	title = meta.get("title_field")
	if not meta.get("istable") and title in fields and not fields[title].get("in_list_view"):
		shown.append(fields[title])
	titled_links = {
		df["fieldname"]: doctypes[df["options"]]["title_field"]
		for df in shown
		if df.get("fieldtype") == "Link"
		and doctypes.get(df.get("options"), {}).get("show_title_field_in_link")
		and doctypes[df["options"]].get("title_field")
	}
	return [
		f"{meta['name']}.{df['fieldname']} repeats {link}'s title"
		for df in shown
		for link, title in titled_links.items()
		if df.get("fetch_from") == f"{link}.{title}"
	]


def test_the_check_sees_a_repeated_name():
	doctypes = {"Cadre": {"name": "Cadre", "show_title_field_in_link": 1, "title_field": "full_name"}}
	meta = {
		"name": "Example",
		"fields": [
			{"fieldname": "cadre", "fieldtype": "Link", "options": "Cadre", "in_list_view": 1},
			{
				"fieldname": "full_name",
				"fieldtype": "Data",
				"fetch_from": "cadre.full_name",
				"in_list_view": 1,
			},
		],
	}
	assert repeated_columns(meta, doctypes) == ["Example.full_name repeats cadre's title"]
	meta["fields"][1].pop("in_list_view")
	meta["title_field"] = "full_name"
	assert repeated_columns(meta, doctypes) == ["Example.full_name repeats cadre's title"]


def test_no_list_or_grid_shows_a_cadre_twice():
	doctypes = load_doctypes()
	assert "Training Attendance" in doctypes and "Annual Assessment" in doctypes
	repeated = [column for meta in doctypes.values() for column in repeated_columns(meta, doctypes)]
	assert repeated == []
