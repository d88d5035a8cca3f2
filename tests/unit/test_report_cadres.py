"""How the reports' filters become the one cadre query's list filters (community_gov.cadres, plain pytest)."""

from community_gov.cadres import cadre_conditions


def test_report_filters_become_list_filters():
	filters = {
		"sub_district": "北园街道",
		"community": "",
		"cadre": "CAD-1",
		"position": "Secretary",
		"year": 2025,
	}
	assert cadre_conditions(filters, "Active") == {
		"status": "Active",
		"sub_district": "北园街道",
		"name": "CAD-1",
		"position": "Secretary",
	}


def test_several_values_mean_any_of_them():
	conditions = cadre_conditions({"positions": ["Secretary", "Director"]}, ("Active", "Adjusted"))
	assert conditions == {
		"status": ("in", ["Active", "Adjusted"]),
		"position": ("in", ["Director", "Secretary"]),
	}


def test_an_empty_list_chooses_nothing_not_everything():
	assert cadre_conditions({"community": []}, "Active")["community"] == ("in", [""])
	assert "community" not in cadre_conditions({"community": None}, "Active")
