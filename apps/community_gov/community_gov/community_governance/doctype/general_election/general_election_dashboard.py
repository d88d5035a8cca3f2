from frappe import _


def get_data():
	"""The 换届's progress under Connections: its elections and the terms they started, counted as the user may
	see them (community_gov.connections.get_open_count)."""
	return {
		"fieldname": "general_election",
		"transactions": [{"label": _("Terms and Elections"), "items": ["Election Record", "Cadre Term"]}],
	}
