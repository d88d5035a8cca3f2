"""The year's training plan against what was held (community_gov.rules.training.plan_against_held)."""

from community_gov.rules.training import plan_against_held, share_of_plan


def test_plan_against_held_per_level_and_category():
	planned = [
		{"level": "District", "category": "Key", "planned_classes": 3, "planned_person_times": 400},
		{"level": "City", "category": "General", "planned_classes": 1, "planned_person_times": None},
		{"level": "Sub District", "category": "General", "planned_classes": 2, "planned_person_times": 60},
	]
	held = [
		{
			"level": "District",
			"category": "Key",
			"held_classes": 2,
			"person_times": 261,
			"scheduled_classes": 1,
		},
		# Held without a plan of its level and category: shown, with no share of a plan.
		{
			"level": "District",
			"category": "General",
			"held_classes": 1,
			"person_times": 80,
			"scheduled_classes": 0,
		},
	]
	rows = plan_against_held(planned, held)
	assert [(row["level"], row["category"]) for row in rows] == [
		("Sub District", "General"),
		("District", "Key"),
		("District", "General"),
		("City", "General"),
	]
	by_key = {(row["level"], row["category"]): row for row in rows}
	assert by_key["District", "Key"] == {
		"level": "District",
		"category": "Key",
		"planned_classes": 3,
		"held_classes": 2,
		"scheduled_classes": 1,
		"classes_percent": 66.7,  # 2 / 3
		"planned_person_times": 400,
		"person_times": 261,
		"person_times_percent": 65.3,  # 261 / 400 = 65.25, half up
	}
	assert (
		by_key["District", "General"]["planned_classes"],
		by_key["District", "General"]["classes_percent"],
	) == (
		None,
		None,
	)
	assert by_key["City", "General"]["person_times_percent"] is None
	assert (
		by_key["Sub District", "General"]["held_classes"],
		by_key["Sub District", "General"]["classes_percent"],
	) == (
		0,
		0.0,
	)


def test_share_of_plan():
	assert share_of_plan(7, 7) == 100.0
	assert share_of_plan(926, 900) == 102.9  # 102.888…
	assert share_of_plan(3, 0) is None
	assert share_of_plan(3, None) is None
