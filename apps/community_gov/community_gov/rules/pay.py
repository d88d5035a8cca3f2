"""Pay standards (seeds 000, 003, 004): which dated standard applies to a cadre, the monthly pay it is due
under it, and the difference against the pay on record.

A standard is for a post and a community type (blank: any type) from a date. The standard in force for a
cadre on a date is, among the standards of its post that took effect on or before the date, one for its
community's type if there is one (the more specific standard wins), else one for any type; of those, the
latest. A type-specific standard therefore stays in force until a later one for that type replaces it,
even when a later standard for any type exists.

The monthly pay due is the sum of the components seed 000 names (按年限工资、职务工资、考核工资 … 逐年增长):
- post pay (岗位工资), grown by the standard's yearly growth % for every full year since the standard took
  effect, compounded (2,487 at 3% is 2,561.61 after one year, 2,638.46 after two);
- years-of-service pay (工龄工资): the amount per completed year of community service, up to the cap;
- the work subsidy of the post (工作补助, seed 003: head posts 1,100, deputies 1,000, other workers 900) and,
  for a secretary who is also the residents' committee director (一肩挑), the standard's supplement;
- performance pay (绩效工资) by the grade of the cadre's approved annual assessment of the year before (below).

Performance pay in a year Y follows the approved grade of year Y-1, the last completed assessment year: a
year's assessment is made after the year (approved in January), so the grade of 2025 sets the performance pay
of 2026, and the grade of 2026 is not known before 2027. Without an approved assessment of Y-1 no performance
pay is due that year ("not assessed"); an older grade does not carry over (a 2019 grade sets nothing in 2026).

The pay on record is dated too: a cadre's pay records (Cadre Pay Record: the monthly pay and the five social
insurances from a date) form its history, and the record in force on a date is the latest one effective on or
before it (none: nothing recorded by then). The report compares it with the standard in force on that date.

Pure functions of plain data; the Cadre Pay report and the Pay Standard form load the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from community_gov.rules.career import completed_years

SECRETARY = "Secretary"
GRADES = ("Excellent", "Competent", "Basically Competent", "Fail")
# Pay Standard field of the performance pay of each grade.
PERFORMANCE_FIELDS = {
	"Excellent": "performance_excellent",
	"Competent": "performance_competent",
	"Basically Competent": "performance_basically_competent",
	"Fail": "performance_fail",
}
# The social insurances seed 000 lists (养老、失业、工伤、医疗、生育): Cadre Pay Record check fields, in that order.
INSURANCE_FIELDS = (
	"pension_insurance",
	"unemployment_insurance",
	"work_injury_insurance",
	"medical_insurance",
	"maternity_insurance",
)
# Amounts of a standard that must not be negative (the growth % is bounded separately).
AMOUNT_FIELDS = (
	"post_pay",
	"work_subsidy",
	"director_supplement",
	"service_pay_per_year",
	"service_years_cap",
	*PERFORMANCE_FIELDS.values(),
)
MAX_GROWTH_PERCENT = 100

CENT = Decimal("0.01")


def money(value) -> Decimal:
	"""A money amount in yuan to the fen (分), half up as on paper."""
	return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PayStandard:
	name: str
	post: str
	community_type: str | None  # None: any community type
	effective_from: date
	post_pay: Decimal = Decimal(0)
	work_subsidy: Decimal = Decimal(0)
	director_supplement: Decimal = Decimal(0)
	service_pay_per_year: Decimal = Decimal(0)
	service_years_cap: int = 0  # 0: every completed year counts
	yearly_growth_percent: Decimal = Decimal(0)
	performance: Mapping[str, Decimal] = field(default_factory=dict)  # grade → monthly amount

	@classmethod
	def from_mapping(cls, values: Mapping) -> PayStandard:
		"""From a Pay Standard row (``as_dict`` or a query row)."""
		return cls(
			name=values["name"],
			post=values["post"],
			community_type=values.get("community_type") or None,
			effective_from=values["effective_from"],
			post_pay=money(values.get("post_pay")),
			work_subsidy=money(values.get("work_subsidy")),
			director_supplement=money(values.get("director_supplement")),
			service_pay_per_year=money(values.get("service_pay_per_year")),
			service_years_cap=int(values.get("service_years_cap") or 0),
			yearly_growth_percent=Decimal(str(values.get("yearly_growth_percent") or 0)),
			performance={
				grade: money(values.get(fieldname)) for grade, fieldname in PERFORMANCE_FIELDS.items()
			},
		)


def negative_amounts(values: Mapping) -> list[str]:
	"""The amount fields of a standard holding a negative value."""
	return [fieldname for fieldname in AMOUNT_FIELDS if (values.get(fieldname) or 0) < 0]


def growth_out_of_range(percent) -> bool:
	return not 0 <= (percent or 0) <= MAX_GROWTH_PERCENT


def standard_key(post: str, community_type: str | None, effective_from: date) -> tuple:
	"""What makes a standard unique: no two for the same post, community type and date."""
	return (post, community_type or None, effective_from)


def standard_in_force(
	standards: Iterable[PayStandard], post: str, community_type: str | None, on: date
) -> PayStandard | None:
	"""The standard that applies to `post` in a community of `community_type` on `on` (module docstring)."""
	exact, general = None, None
	for standard in standards:
		if standard.post != post or standard.effective_from > on:
			continue
		if standard.community_type is None:
			if general is None or standard.effective_from > general.effective_from:
				general = standard
		elif standard.community_type == community_type:
			if exact is None or standard.effective_from > exact.effective_from:
				exact = standard
	return exact or general


def standards_by_post(standards: Iterable[PayStandard]) -> dict[str, list[PayStandard]]:
	"""Standards grouped by post, so a report picks each cadre's among its post's few."""
	grouped: dict[str, list[PayStandard]] = {}
	for standard in standards:
		grouped.setdefault(standard.post, []).append(standard)
	return grouped


@dataclass(frozen=True)
class CadrePay:
	"""What the pay rules need of a cadre."""

	post: str
	community_type: str | None
	service_start_date: date | None = None
	also_director: bool = False
	grade: str | None = None  # of the approved annual assessment of the year before (performance_year)
	recorded_pay: Decimal | None = None  # None: no pay on record


@dataclass(frozen=True)
class PayDue:
	standard: str
	post_pay: Decimal
	growth_years: int
	service_years: int | None  # None: no service start date on record (no service pay)
	service_years_counted: int
	service_pay: Decimal
	work_subsidy: Decimal
	director_supplement: Decimal
	grade: str | None
	performance_pay: Decimal
	total: Decimal
	recorded: Decimal | None
	difference: Decimal | None  # recorded − due; negative: paid below the standard

	@property
	def below_standard(self) -> bool:
		return self.difference is not None and self.difference < 0

	@property
	def shortfall(self) -> Decimal:
		return -self.difference if self.below_standard else Decimal(0)


def grown(amount: Decimal, percent: Decimal, years: int) -> Decimal:
	"""`amount` grown by `percent` a year for `years` years, compounded, to the fen."""
	if not percent or years <= 0:
		return money(amount)
	return money(amount * (1 + percent / 100) ** years)


def pay_due(standard: PayStandard, cadre: CadrePay, on: date) -> PayDue:
	"""The monthly pay due to `cadre` under `standard` on `on`, by component, and the difference against the
	recorded pay."""
	growth_years = completed_years(standard.effective_from, on) or 0
	post_pay = grown(standard.post_pay, standard.yearly_growth_percent, growth_years)
	service_years = completed_years(cadre.service_start_date, on)
	counted = service_years or 0
	if standard.service_years_cap:
		counted = min(counted, standard.service_years_cap)
	service_pay = money(standard.service_pay_per_year * counted)
	supplement = (
		standard.director_supplement if cadre.post == SECRETARY and cadre.also_director else Decimal(0)
	)
	performance = standard.performance.get(cadre.grade, Decimal(0)) if cadre.grade else Decimal(0)
	total = money(post_pay + service_pay + standard.work_subsidy + supplement + performance)
	recorded = None if cadre.recorded_pay is None else money(cadre.recorded_pay)
	return PayDue(
		standard=standard.name,
		post_pay=post_pay,
		growth_years=growth_years,
		service_years=service_years,
		service_years_counted=counted,
		service_pay=service_pay,
		work_subsidy=money(standard.work_subsidy),
		director_supplement=money(supplement),
		grade=cadre.grade,
		performance_pay=money(performance),
		total=total,
		recorded=recorded,
		difference=None if recorded is None else recorded - total,
	)


def performance_year(on: date) -> int:
	"""The assessment year whose grade sets the performance pay due on `on`: the last completed one, the
	year before `on`'s (module docstring)."""
	return on.year - 1


def grades_for_pay(assessments: Iterable[tuple[str, int, str]], on: date) -> dict[str, str]:
	"""Cadre → the grade that sets its performance pay on `on`: that of its approved assessment of
	`performance_year(on)`, from (cadre, year, grade) rows of approved assessments (one per cadre and year).
	A cadre without one is left out: not assessed, no performance pay; other years never count."""
	year = performance_year(on)
	return {cadre: grade for cadre, assessed_year, grade in assessments if int(assessed_year) == year}


def annual(monthly) -> Decimal:
	"""A monthly amount over a year (× 12), to the fen."""
	return money(money(monthly) * 12)


def record_in_force(records: Iterable[Mapping], on: date) -> Mapping | None:
	"""The pay record in force on `on` among one cadre's `records` (mappings with `effective_from` as a
	date): the latest effective on or before `on`; None when none had taken effect by then."""
	current = None
	for record in records:
		if record["effective_from"] <= on and (
			current is None or record["effective_from"] > current["effective_from"]
		):
			current = record
	return current


def term_in_force(terms: Iterable[Mapping], on: date, posts: tuple[str, ...]) -> Mapping | None:
	"""The post a cadre held on `on` by its terms (mappings with `post`, `start_date`, `ended_on` as dates or
	None, `status`): of the terms begun by then and not ended by then (a term ended on a day is not in force
	that day; cancelled terms never were), the most senior post in `posts` order (a secretary who is also
	the director holds both posts: the secretary's counts), then the latest begun. None: no term then."""
	rank = {post: index for index, post in enumerate(posts)}
	held = [
		term
		for term in terms
		if term.get("status") != "Cancelled"
		and term["start_date"] <= on
		and (term.get("ended_on") is None or term["ended_on"] > on)
	]
	if not held:
		return None
	return min(held, key=lambda term: (rank.get(term["post"], len(rank)), -term["start_date"].toordinal()))


def missing_insurances(flags: Mapping) -> tuple[str, ...]:
	"""The insurance fields (INSURANCE_FIELDS) not ticked, in seed 000's order."""
	return tuple(fieldname for fieldname in INSURANCE_FIELDS if not flags.get(fieldname))
