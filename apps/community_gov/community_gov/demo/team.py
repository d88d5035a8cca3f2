"""The demo's training plan for 2026 (Training Coverage, view "Plan vs Held"): the classes and person-times
(人次) the year's plan provides for each program, against the 7 classes and 928 person-times held (seed 004:
"7 classes, 920+ person-times"). The secretaries' rotation is planned twice (a second round in December not
yet scheduled); December's menu courses are planned and scheduled, not yet held. Idempotent: it sets values.
"""

from __future__ import annotations

import frappe

YEAR = 2026
# program title → (planned classes, planned person-times)
PLAN = {
	"全区社区党组织书记集中轮训班": (2, 142),
	"社区“两委”成员履职能力提升班": (1, 170),
	"后备干部递进式培养示范班": (1, 140),
	"基层治理创新经验交流会": (1, 150),
	"城市基层党建现场观摩会": (1, 90),
	"社区矛盾纠纷化解专题研讨": (1, 140),
	"社区专干业务能力培训班": (1, 139),
	"“我为群众办实事”案例分享": (1, 40),
	"社区数字化治理实务": (1, 35),
	"物业矛盾调处现场教学": (1, 30),
}


def set_training_plan() -> int:
	"""The plan figures of the demo's 2026 programs; returns how many programs it set."""
	program = frappe.qb.DocType("Training Program")
	names = dict(
		frappe.qb.from_(program)
		.select(program.title, program.name)
		.where((program.year == YEAR) & program.title.isin(list(PLAN)))
		.run()
	)
	for title, name in names.items():
		planned_sessions, planned_person_times = PLAN[title]
		frappe.db.set_value(
			"Training Program",
			name,
			{"planned_sessions": planned_sessions, "planned_person_times": planned_person_times},
			update_modified=False,
		)
	return len(names)
