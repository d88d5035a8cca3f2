"""Scores and residents' satisfaction from a spreadsheet: one sheet per sub-district and year.

The sheet has one row per cadre with a signed target agreement for the year (HR fills a person per line,
as on paper) and one column per target (area: description) found among the sheet's agreements: agreements
issued from one template share their columns, and a target a cadre's agreement lacks is a grey cell. Then
a column for a failed veto target (一票否决, Yes/No, for the agreement's veto targets) and the residents'
satisfaction (%). Orientation columns (name, community, post, agreement, the assessment's state) are shaded
and not read back.

Uploading the sheet fills the Annual Assessments: an existing one is updated, a cadre without one gets a
draft. A blank cell changes nothing (type 0 for a score of nought). A row whose values equal the stored ones
is left alone, so an approved year can stay on the sheet. Checked for every row before anything is written
(community_gov.batch.imports): the cadre within the uploader's access, a signed agreement for the year,
each score within 0 .. its weight, satisfaction 0 .. 100, and an assessment in a state the uploader may
still change (the workflow's edit roles; reviewer fields are permission level 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import cint, flt

from community_gov.batch import imports
from community_gov.batch.sheets import Sheet, SheetColumn, write_workbook
from community_gov.cadres import visible_cadres
from community_gov.constants import TARGET_AREAS, cadre_positions
from community_gov.dates import current_year
from community_gov.permissions import can_access_sub_district, require_roles
from community_gov.rules import sheets as cells
from community_gov.text import bold

OD, RV = "Organization Department", "Sub District Reviewer"
AREA_ORDER = (*TARGET_AREAS, "Other")
FIRST_YEAR = 2000


# ---------------------------------------------------------------- column headers


def headers() -> frappe._dict:
	"""The fixed headers, in the user's language (the sheet is read back by the same words)."""
	return frappe._dict(
		cadre=_("Cadre ID"),
		full_name=_("Full Name"),
		community=_("Community"),
		position=_("Position"),
		year=_("Year"),
		agreement=_("Target Agreement"),
		state=_("Assessment Status"),
		veto=_("Veto Target Failed"),
		satisfaction=_("Residents' Satisfaction (%)"),
	)


def target_header(area: str, description: str) -> str:
	return _("{0}: {1}").format(_(area), " ".join((description or "").split()))


def yes_no_choices() -> dict[str, int]:
	return {_("Yes"): 1, "Yes": 1, "Y": 1, _("No"): 0, "No": 0, "N": 0}


# ---------------------------------------------------------------- what the database holds


@dataclass
class Agreement:
	name: str
	cadre: str
	year: int
	targets: dict[str, frappe._dict] = field(default_factory=dict)  # header → target

	@property
	def has_veto(self) -> bool:
		return any(target.is_veto for target in self.targets.values())


@dataclass
class StoredAssessment:
	name: str
	workflow_state: str
	docstatus: int
	satisfaction_rate: float
	scores: dict[str, frappe._dict] = field(default_factory=dict)  # header → score row

	@property
	def scored(self) -> bool:
		return any(flt(row.score) or row.veto_failed for row in self.scores.values())

	@property
	def veto_failed(self) -> bool:
		return any(row.is_veto and row.veto_failed for row in self.scores.values())


def load_agreements(cadres: list[str], years: list[int]) -> dict[tuple[str, int], Agreement]:
	"""Signed agreements of these cadres and years with their targets: two queries."""
	if not cadres or not years:
		return {}
	rows = frappe.get_all(
		"Target Agreement",
		filters={"cadre": ("in", cadres), "year": ("in", years), "docstatus": 1},
		fields=["name", "cadre", "year"],
	)
	agreements = {row.name: Agreement(row.name, row.cadre, cint(row.year)) for row in rows}
	if agreements:
		for target in frappe.get_all(
			"Agreement Target",
			filters={"parent": ("in", list(agreements)), "parenttype": "Target Agreement"},
			fields=["parent", "area", "description", "weight", "is_veto"],
			order_by="parent, idx",
		):
			agreements[target.parent].targets.setdefault(
				target_header(target.area, target.description), target
			)
	return {(agreement.cadre, agreement.year): agreement for agreement in agreements.values()}


def load_assessments(cadres: list[str], years: list[int]) -> dict[tuple[str, int], StoredAssessment]:
	"""The live (not cancelled) assessments of these cadres and years with their scores: two queries."""
	if not cadres or not years:
		return {}
	rows = frappe.get_all(
		"Annual Assessment",
		filters={"cadre": ("in", cadres), "year": ("in", years), "docstatus": ("<", 2)},
		fields=["name", "cadre", "year", "workflow_state", "docstatus", "satisfaction_rate"],
	)
	by_name = {
		row.name: (row.cadre, cint(row.year), StoredAssessment(row.name, row.workflow_state, row.docstatus,
			flt(row.satisfaction_rate)))
		for row in rows
	}  # fmt: skip
	if by_name:
		for score in frappe.get_all(
			"Assessment Score",
			filters={"parent": ("in", list(by_name)), "parenttype": "Annual Assessment"},
			fields=["parent", "area", "description", "score", "is_veto", "veto_failed"],
			order_by="parent, idx",
		):
			by_name[score.parent][2].scores.setdefault(target_header(score.area, score.description), score)
	return {(cadre, year): stored for cadre, year, stored in by_name.values()}


def surveyed(cadres: list[str], years: list[int]) -> set[tuple[str, int]]:
	"""(cadre, year) whose satisfaction rate comes from submitted Satisfaction Surveys (one query): the
	sheet does not overwrite it (community_gov.assessment.surveys)."""
	if not cadres or not years:
		return set()
	rows = frappe.get_all(
		"Satisfaction Survey",
		filters={"cadre": ("in", cadres), "year": ("in", years), "docstatus": 1},
		fields=["cadre", "year"],
		distinct=True,
	)
	return {(row.cadre, cint(row.year)) for row in rows}


def state_editors() -> dict[str, set[str]]:
	"""Workflow state → the roles that may change an assessment in it."""
	workflow = frappe.get_cached_doc("Workflow", get_workflow_name("Annual Assessment"))
	editors: dict[str, set[str]] = {}
	for row in workflow.states:
		editors.setdefault(row.state, set()).add(row.allow_edit)
	return editors


def require_score_access() -> None:
	"""Scores and satisfaction are level-1 fields: only roles that write them import them."""
	require_roles(OD, RV)
	if 1 not in frappe.new_doc("Annual Assessment").get_permlevel_access("write"):
		frappe.throw(_("You may not enter assessment scores"), frappe.PermissionError)


def validate_year(year) -> int:
	year = cint(year)
	if not FIRST_YEAR <= year <= current_year() + 1:
		frappe.throw(_("{0} {1} is not a year you can assess").format(_("Year"), bold(year)))
	return year


# ---------------------------------------------------------------- the sheet HR downloads


def score_sheet(sub_district: str, year: int) -> bytes:
	"""The score sheet of a sub-district and year, as the user may see it (see the module's docstring)."""
	require_score_access()
	year = validate_year(year)
	if not frappe.db.exists("Sub District", sub_district) or not can_access_sub_district(sub_district):
		frappe.throw(
			_("{0} {1} is outside your access").format(_("Sub District"), bold(sub_district)),
			frappe.PermissionError,
		)
	cadres = {
		row.name: row
		for row in visible_cadres(
			{"sub_district": sub_district}, ["full_name", "community", "position"], order_by="community asc"
		)
	}
	agreements = load_agreements(list(cadres), [year])
	assessments = load_assessments(list(cadres), [year])
	from_surveys = surveyed(list(cadres), [year])
	rank = {position: index for index, position in enumerate(cadre_positions())}
	ordered = sorted(
		(agreement for agreement in agreements.values()),
		key=lambda a: (cadres[a.cadre].community or "", rank.get(cadres[a.cadre].position, 99),
			cadres[a.cadre].full_name or ""),
	)  # fmt: skip
	target_columns = ordered_target_columns(ordered)
	h = headers()
	orientation = [
		SheetColumn(h.cadre, 13, text=True),
		SheetColumn(h.full_name, 10),
		SheetColumn(h.community, 14),
		SheetColumn(h.position, 12),
		SheetColumn(h.year, 7),
		SheetColumn(h.agreement, 16),
		SheetColumn(h.state, 10),
	]
	first_target = len(orientation)
	columns = [
		*orientation,
		*(
			SheetColumn(header, 18, editable=True, prompt=_("Score between 0 and {0}"))
			for header in target_columns
		),
		SheetColumn(h.veto, 12, editable=True, choices=(_("Yes"), _("No"))),
		SheetColumn(h.satisfaction, 14, editable=True, maximum=100, prompt=_("A number between 0 and {0}")),
	]
	sheet = Sheet(
		title=_("Scores {0}").format(year),
		columns=columns,
		notes_title=_("How to Fill"),
		notes=sheet_notes(sub_district, year),
		range_error=_("Enter a number between 0 and {0}"),
	)
	for row_index, agreement in enumerate(ordered):
		cadre = cadres[agreement.cadre]
		stored = assessments.get((agreement.cadre, year))
		shown = stored if stored and (stored.scored or stored.docstatus) else None
		values = [
			cadre.name,
			cadre.full_name,
			cadre.community,
			_(cadre.position) if cadre.position else "",
			year,
			agreement.name,
			_(stored.workflow_state) if stored else _("Not Started"),
		]
		for offset, header in enumerate(target_columns):
			target = agreement.targets.get(header)
			if not target:
				sheet.blocked.add((row_index, first_target + offset))
				values.append(None)
				continue
			sheet.cell_maximum[(row_index, first_target + offset)] = flt(target.weight)
			score = shown.scores.get(header) if shown else None
			values.append(flt(score.score) if score else None)
		if agreement.has_veto:
			values.append((_("Yes") if shown.veto_failed else _("No")) if shown else None)
		else:
			sheet.blocked.add((row_index, first_target + len(target_columns)))
			values.append(None)
		if (agreement.cadre, year) in from_surveys:
			sheet.blocked.add((row_index, first_target + len(target_columns) + 1))
			values.append(flt(stored.satisfaction_rate) if stored else None)
		else:
			values.append(flt(stored.satisfaction_rate) if shown else None)
		sheet.rows.append(values)
	return write_workbook(sheet)


def ordered_target_columns(agreements: list[Agreement]) -> list[str]:
	"""Every target header of the agreements once, by area (the brief's order) and then as they come."""
	seen: dict[str, tuple[int, int]] = {}
	for agreement in agreements:
		for header, target in agreement.targets.items():
			area = AREA_ORDER.index(target.area) if target.area in AREA_ORDER else len(AREA_ORDER)
			seen.setdefault(header, (area, len(seen)))
	return sorted(seen, key=seen.get)


def sheet_notes(sub_district: str, year: int) -> list[str]:
	return [
		_("Sub District: {0}; year: {1}").format(sub_district, year),
		_("One row per cadre with a signed target agreement for the year."),
		_(
			"Enter each target's score between 0 and its weight; grey cells are targets the cadre's agreement does not have."
		),
		_("Veto Target Failed: Yes marks the agreement's veto targets as failed (the grade is then Fail)."),
		_("Residents' Satisfaction (%): between 0 and 100; grey where it comes from satisfaction surveys."),
		_("A blank cell changes nothing; enter 0 for a score of nought."),
		_("Shaded columns are for orientation and are not imported; do not change the Cadre ID or the year."),
		_("Upload the sheet from the Annual Assessment list: menu Import Scores."),
	]


@frappe.whitelist()
def download_score_sheet(sub_district: str, year: int) -> None:
	"""The score sheet as an .xlsx download."""
	content = score_sheet(sub_district, year)
	imports.send_sheet(content, _("Scores {0} {1}.xlsx").format(sub_district, cint(year)))


# ---------------------------------------------------------------- the sheet HR uploads


@dataclass
class ScoreRow:
	number: int
	cadre: str
	year: int
	scores: dict[str, float]  # header → score typed
	veto_failed: int | None
	satisfaction: float | None


@frappe.whitelist(methods=["POST"])
def import_scores(file_url: str, import_mode: str = imports.ALL_OR_NOTHING) -> dict:
	"""Fills the Annual Assessments from an uploaded score sheet (the URL of a file the user uploaded): at once
	for a small sheet (the result), else in the background (the queued log; community_gov.batch.imports)."""
	require_score_access()
	return imports.start_import("Scores", import_mode, file_url, run_score_import)


def run_score_import(log: str, user: str, lang: str, queued: bool = False) -> dict:
	"""The import job of a score sheet's log, as the user who uploaded it."""
	return imports.run_job(log, user, lang, queued, fill_assessments)


def fill_assessments(log, result: imports.ImportResult, sheet_headers: list[str], rows) -> dict:
	"""Checks the sheet's rows and writes the good ones (the job's work); returns the log's scope."""
	require_score_access()  # the uploader's roles as the job runs
	h = headers()
	if imports.missing_columns(sheet_headers, (h.cadre, h.year), result):
		return {}
	parsed = parse_rows(rows, sheet_headers, result)
	planned, scope = check_rows(parsed, result)
	imports.write_planned(planned, result)
	return scope


def target_headers_of(sheet_headers: list[str]) -> list[str]:
	"""Headers of the sheet that name a target ("Area: description"); other extra columns are HR's notes."""
	prefixes = tuple(_("{0}: {1}").format(_(area), "") for area in AREA_ORDER)
	return [header for header in sheet_headers if header.startswith(prefixes)]


def parse_rows(rows, sheet_headers: list[str], result: imports.ImportResult) -> list[ScoreRow]:
	"""Each row's values as typed, or its errors (a number that is not one, a word that is not Yes/No)."""
	h = headers()
	targets = target_headers_of(sheet_headers)
	parsed = []
	for row in rows:
		errors = len(result.errors)
		cadre = cells.as_text(row.get(h.cadre))
		if not cadre:
			result.add_error(row.number, h.cadre, _("{0} is required").format(h.cadre))
		try:
			year = cells.as_whole_number(row.get(h.year))
			if year is None:
				result.add_error(row.number, h.year, _("{0} is required").format(h.year))
		except cells.NotANumber:
			year = None
			result.add_error(row.number, h.year, _("{0} is not a year").format(bold(row.get(h.year))))
		scores = {}
		for header in targets:
			try:
				value = cells.as_number(row.get(header))
			except cells.NotANumber:
				result.add_error(row.number, header, _("{0} is not a number").format(bold(row.get(header))))
				continue
			if value is not None:
				scores[header] = value
		veto_failed = None
		if h.veto in sheet_headers:
			try:
				veto_failed = cells.choice(row.get(h.veto), yes_no_choices())
			except KeyError:
				result.add_error(
					row.number,
					h.veto,
					_("Enter {0} or {1}, not {2}").format(_("Yes"), _("No"), bold(row.get(h.veto))),
				)
		satisfaction = None
		if h.satisfaction in sheet_headers:
			try:
				satisfaction = cells.as_number(row.get(h.satisfaction))
			except cells.NotANumber:
				result.add_error(
					row.number, h.satisfaction, _("{0} is not a number").format(bold(row.get(h.satisfaction)))
				)
		if len(result.errors) == errors:
			parsed.append(ScoreRow(row.number, cadre, year, scores, veto_failed, satisfaction))
	return parsed


def check_rows(
	parsed: list[ScoreRow], result: imports.ImportResult
) -> tuple[list[imports.PlannedWrite], dict]:
	"""Checks the rows against the database (a fixed number of queries) and plans the writes."""
	h = headers()
	names = sorted({row.cadre for row in parsed})
	years = sorted({row.year for row in parsed})
	cadres = {
		row.name: row
		for row in visible_cadres({"name": ("in", names or [""])}, ["full_name", "sub_district"])
	}
	agreements = load_agreements(list(cadres), years)
	assessments = load_assessments(list(cadres), years)
	from_surveys = surveyed(list(cadres), years)
	editors = state_editors()
	roles = set(frappe.get_roles())
	may_create = frappe.has_permission("Annual Assessment", "create")
	repeated = set(cells.repeated((row.cadre, row.year) for row in parsed))
	planned, written_cadres = [], []
	for position, row in enumerate(parsed):
		errors = len(result.errors)
		cadre = cadres.get(row.cadre)
		if position in repeated:
			result.add_error(
				row.number, h.cadre, _("{0} appears more than once for {1}").format(bold(row.cadre), row.year)
			)
			continue
		if not cadre:
			result.add_error(
				row.number,
				h.cadre,
				_("{0} {1} does not exist or is outside your access").format(_("Cadre"), bold(row.cadre)),
			)
			continue
		agreement = agreements.get((row.cadre, row.year))
		if not agreement:
			result.add_error(
				row.number,
				h.year,
				_("{0} has no signed target agreement for {1}").format(bold(cadre.full_name), row.year),
			)
			continue
		check_values(row, agreement, result)
		if len(result.errors) > errors:
			continue
		stored = assessments.get((row.cadre, row.year))
		changed = changed_columns(row, agreement, stored)
		if h.satisfaction in changed and (row.cadre, row.year) in from_surveys:
			result.add_error(
				row.number,
				h.satisfaction,
				_(
					"The residents' satisfaction of {0} for {1} comes from its satisfaction surveys: change the surveys"
				).format(cadre.full_name, row.year),
			)
			continue
		if not changed:
			result.unchanged += 1
			continue
		if stored and (stored.docstatus != 0 or not editors.get(stored.workflow_state, set()) & roles):
			result.add_error(
				row.number,
				changed[0],
				_("The annual assessment {0} of {1} is {2}: you can no longer change it").format(
					stored.name, cadre.full_name, _(stored.workflow_state)
				),
			)
			continue
		if not stored and not may_create:
			result.add_error(row.number, changed[0], _("You may not create annual assessments"))
			continue
		planned.append(imports.PlannedWrite(row.number, changed[0], make_writer(row, agreement, stored)))
		written_cadres.append(cadre)
	scope = {
		"sub_district": imports.shared_value(cadre.sub_district for cadre in written_cadres)
		or imports.shared_value(cadre.sub_district for cadre in cadres.values()),
		"year": imports.shared_value(years),
	}
	return planned, scope


def check_values(row: ScoreRow, agreement: Agreement, result: imports.ImportResult) -> None:
	h = headers()
	for header, value in row.scores.items():
		target = agreement.targets.get(header)
		if not target:
			result.add_error(
				row.number, header, _("The target agreement {0} has no such target").format(agreement.name)
			)
		elif not cells.within(value, 0, flt(target.weight)):
			result.add_error(
				row.number,
				header,
				_("{0} {1} must be between 0 and the weight {2}").format(
					_("Score"), bold(cells.shown(value)), cells.shown(flt(target.weight))
				),
			)
	if row.veto_failed and not agreement.has_veto:
		result.add_error(
			row.number, h.veto, _("The target agreement {0} has no veto target").format(agreement.name)
		)
	if row.satisfaction is not None and not cells.within(row.satisfaction, 0, 100):
		result.add_error(
			row.number,
			h.satisfaction,
			_("{0} must be between 0 and 100, not {1}").format(
				h.satisfaction, bold(cells.shown(row.satisfaction))
			),
		)


def changed_columns(row: ScoreRow, agreement: Agreement, stored: StoredAssessment | None) -> list[str]:
	"""The headers whose typed value differs from the stored one (all typed ones for a new assessment)."""
	h = headers()
	changed = []
	for header, value in row.scores.items():
		score = stored.scores.get(header) if stored else None
		if not score or abs(flt(score.score) - value) > 1e-9:
			changed.append(header)
	if row.veto_failed is not None and agreement.has_veto:
		if (stored.veto_failed if stored else False) != bool(row.veto_failed):
			changed.append(h.veto)
	if row.satisfaction is not None and (
		not stored or abs(flt(stored.satisfaction_rate) - row.satisfaction) > 1e-9
	):
		changed.append(h.satisfaction)
	return changed


def make_writer(row: ScoreRow, agreement: Agreement, stored: StoredAssessment | None):
	"""The write of one checked row, through the assessment's own save (as the user)."""

	def apply(doc) -> None:
		for score in doc.scores:
			header = target_header(score.area, score.description)
			if header in row.scores:
				score.score = row.scores[header]
			if row.veto_failed is not None and score.is_veto:
				score.veto_failed = row.veto_failed
		if row.satisfaction is not None:
			doc.satisfaction_rate = row.satisfaction

	def write() -> str:
		if stored:
			doc = frappe.get_doc("Annual Assessment", stored.name)
			apply(doc)
			doc.save()
			return "updated"
		doc = frappe.get_doc(
			{
				"doctype": "Annual Assessment",
				"cadre": row.cadre,
				"year": row.year,
				"target_agreement": agreement.name,
				"satisfaction_rate": row.satisfaction or 0,
				"scores": [
					{"area": target.area, "description": target.description, "weight": target.weight,
						"is_veto": target.is_veto, "score": 0}
					for target in agreement.targets.values()
				],
			}
		)  # fmt: skip
		apply(doc)
		doc.insert()
		return "created"

	return write
