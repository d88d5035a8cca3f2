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


# Frappe's grid: one column for the row number, ten for fields (grid.js setup_visible_columns).
GRID_WIDTH = 11
LAYOUT_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading"}


def dropped_grid_columns(meta: dict) -> list[str]:
	"""Fields a child table marks in_list_view that Frappe's grid leaves out for want of room: it stops at
	the first field that does not fit, so a column of user-written text would silently never show."""
	total, dropped = 1, []
	for df in meta["fields"]:
		if not df.get("in_list_view") or df.get("hidden") or df.get("fieldtype") in LAYOUT_TYPES:
			continue
		size = df.get("columns") or {"Small Text": 3, "Check": 1}.get(df.get("fieldtype"), 2)
		total += size
		if total > GRID_WIDTH or dropped:
			dropped.append(f"{meta['name']}.{df['fieldname']}")
	return dropped


def test_the_check_sees_a_dropped_grid_column():
	meta = {
		"name": "Example",
		"istable": 1,
		"fields": [{"fieldname": f"f{i}", "fieldtype": "Data", "in_list_view": 1} for i in range(6)],
	}
	assert dropped_grid_columns(meta) == ["Example.f5"]
	meta["fields"][0]["columns"] = 1
	meta["fields"][1]["columns"] = 1
	assert dropped_grid_columns(meta) == []


def test_every_grid_column_marked_for_the_list_is_shown():
	dropped = [
		column
		for meta in load_doctypes().values()
		if meta.get("istable")
		for column in dropped_grid_columns(meta)
	]
	assert dropped == []
