"""The Excel sheets of the batch tools: written through pandas with openpyxl's styling, read back with pandas.

A sheet has one header row and one row per record, nothing above it, so the row number Excel shows is the
number the import's messages name (`rules.sheets.excel_row`). Columns are found by their header text, so HR
may reorder or add columns. Cells that only inform (names, states) are shaded; cells that do not apply to a
row are grey; a cell with a range or a list of choices carries Excel's own data validation, so most typing
mistakes are caught while typing.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from community_gov.rules.sheets import FIRST_DATA_ROW, excel_row, is_blank

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INFO_FILL = PatternFill("solid", fgColor="F2F2F2")
BLOCKED_FILL = PatternFill("solid", fgColor="BFBFBF")
MAX_ROWS = 20_000


@dataclass
class SheetColumn:
	label: str
	width: int = 12
	# Editable columns are the ones the import reads; the others are shaded, for orientation only.
	editable: bool = False
	# The same list of choices (Excel's drop-down) for every row.
	choices: tuple[str, ...] = ()
	# A number between 0 and this for every row (per-row maxima: Sheet.cell_maximum).
	maximum: float | None = None
	# The tip Excel shows on an editable cell.
	prompt: str = ""
	# Kept as text (ID numbers: Excel would turn 18 digits into a rounded number), also in rows HR adds.
	text: bool = False


@dataclass
class Sheet:
	title: str
	columns: list[SheetColumn]
	rows: list[list] = field(default_factory=list)
	# (row index, column index) → the most that cell takes (a target's weight).
	cell_maximum: dict[tuple[int, int], float] = field(default_factory=dict)
	# (row index, column index) of cells that do not apply to that row.
	blocked: set[tuple[int, int]] = field(default_factory=set)
	# Text of a second sheet: how to fill this one.
	notes: list[str] = field(default_factory=list)
	notes_title: str = ""
	range_error: str = ""


def write_workbook(sheet: Sheet) -> bytes:
	"""The sheet as an .xlsx file."""
	frame = pd.DataFrame(sheet.rows, columns=[column.label for column in sheet.columns])
	buffer = io.BytesIO()
	with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
		frame.to_excel(writer, sheet_name=sheet.title, index=False)
		worksheet = writer.sheets[sheet.title]
		style(worksheet, sheet)
		if sheet.notes:
			pd.DataFrame({sheet.notes_title: sheet.notes}).to_excel(
				writer, sheet_name=sheet.notes_title, index=False
			)
			notes = writer.sheets[sheet.notes_title]
			notes.column_dimensions["A"].width = 100
			notes["A1"].font = Font(bold=True)
	return buffer.getvalue()


def style(worksheet, sheet: Sheet) -> None:
	last_row = excel_row(len(sheet.rows) - 1) if sheet.rows else FIRST_DATA_ROW
	for index, column in enumerate(sheet.columns, start=1):
		letter = get_column_letter(index)
		worksheet.column_dimensions[letter].width = column.width
		header = worksheet.cell(row=1, column=index)
		header.font = Font(bold=True)
		header.fill = HEADER_FILL
		header.alignment = Alignment(wrap_text=True, vertical="center")
		if not column.editable:
			for row in range(FIRST_DATA_ROW, last_row + 1):
				worksheet.cell(row=row, column=index).fill = INFO_FILL
		if column.text:
			# The column's own format reaches the rows HR adds; the listed cells get it too.
			worksheet.column_dimensions[letter].number_format = "@"
			for row in range(FIRST_DATA_ROW, last_row + 1):
				worksheet.cell(row=row, column=index).number_format = "@"
	worksheet.row_dimensions[1].height = 45
	first_editable = next((i for i, c in enumerate(sheet.columns, start=1) if c.editable), 1)
	worksheet.freeze_panes = worksheet.cell(row=FIRST_DATA_ROW, column=first_editable)
	for row_index, column_index in sheet.blocked:
		worksheet.cell(row=excel_row(row_index), column=column_index + 1).fill = BLOCKED_FILL
	add_validations(worksheet, sheet, last_row)


def add_validations(worksheet, sheet: Sheet, last_row: int) -> None:
	"""Excel's own checks while typing; the import checks the same again (a sheet can be edited elsewhere)."""
	ranges: dict[tuple[int, float], list[str]] = defaultdict(list)
	for (row_index, column_index), maximum in sheet.cell_maximum.items():
		ranges[(column_index, maximum)].append(f"{get_column_letter(column_index + 1)}{excel_row(row_index)}")
	for index, column in enumerate(sheet.columns):
		letter = get_column_letter(index + 1)
		whole_column = f"{letter}{FIRST_DATA_ROW}:{letter}{max(last_row, FIRST_DATA_ROW)}"
		if column.maximum is not None:
			ranges[(index, column.maximum)].append(whole_column)
		if column.choices:
			validation = DataValidation(
				type="list", formula1='"{}"'.format(",".join(column.choices)), allow_blank=True
			)
			validation.add(whole_column)
			worksheet.add_data_validation(validation)
	for (column_index, maximum), cells in ranges.items():
		column = sheet.columns[column_index]
		validation = DataValidation(
			type="decimal", operator="between", formula1="0", formula2=f"{maximum:g}", allow_blank=True
		)
		validation.error = sheet.range_error.format(f"{maximum:g}") if sheet.range_error else None
		validation.showErrorMessage = True
		if column.prompt:
			validation.prompt = column.prompt.format(f"{maximum:g}")
			validation.showInputMessage = True
		for cells_range in cells:
			validation.add(cells_range)
		worksheet.add_data_validation(validation)


@dataclass
class SheetRow:
	number: int  # as Excel shows it
	values: dict[str, object]

	def get(self, label: str):
		return self.values.get(label)


def read_workbook(content: bytes) -> tuple[list[str], list[SheetRow]]:
	"""The first sheet's header texts and its non-blank rows (each with its Excel row number).

	Cells are read as typed: numbers as numbers, everything else as text; an empty cell is None. Raises
	ValueError when the content is not an Excel workbook."""
	try:
		frame = pd.read_excel(
			io.BytesIO(content), sheet_name=0, dtype=object, keep_default_na=False, na_values=[]
		)
	except Exception as error:  # openpyxl, zipfile and xlrd raise their own kinds
		raise ValueError(str(error)) from error
	if len(frame) > MAX_ROWS:
		raise ValueError(f"more than {MAX_ROWS} rows")
	headers = [str(label).strip() for label in frame.columns]
	rows = []
	for index, record in enumerate(frame.itertuples(index=False, name=None)):
		values = {
			header: (None if is_blank(value) else value)
			for header, value in zip(headers, record, strict=True)
		}
		if any(value is not None for value in values.values()):
			rows.append(SheetRow(excel_row(index), values))
	return headers, rows


def edit_workbook(
	content: bytes, changes: dict[tuple[int, str], object], append: list[dict] | None = None
) -> bytes:
	"""The workbook with cells of its first sheet changed ((Excel row, header) → value) and rows appended
	({header: value}), its styles and checks kept: a sheet filled in as HR fills it (the demo, tests)."""
	workbook = load_workbook(io.BytesIO(content))
	sheet = workbook.worksheets[0]
	columns = {cell.value: cell.column for cell in sheet[1]}
	for (row, header), value in changes.items():
		sheet.cell(row=row, column=columns[header], value=value)
	last = max((cell.row for row in sheet.iter_rows() for cell in row if cell.value is not None), default=1)
	for row, values in enumerate(append or [], start=last + 1):
		for header, value in values.items():
			sheet.cell(row=row, column=columns[header], value=value)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()
