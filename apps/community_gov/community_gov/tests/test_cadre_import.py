"""Excel import of cadres through Frappe's Data Import: good rows land, the bad row is reported."""

import io
import json

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from community_gov.tests.factories import make_community, make_sub_district, next_id_number, unique

HEADERS = ["Full Name", "ID Number", "Community", "Position", "Education", "Mobile Phone"]


def make_workbook(rows: list[list]) -> bytes:
	workbook = Workbook()
	sheet = workbook.active
	sheet.append(HEADERS)
	for row in rows:
		sheet.append(row)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


class TestCadreImport(FrappeTestCase):
	def test_bad_id_number_row_is_reported_and_good_rows_imported(self):
		frappe.set_user("Administrator")
		community = make_community(make_sub_district().name).name
		good = [next_id_number(), next_id_number()]
		valid = next_id_number()
		bad = valid[:17] + ("1" if valid[17] != "1" else "2")
		names = [unique("李"), unique("王"), unique("赵")]
		content = make_workbook(
			[
				[names[0], good[0], community, "Secretary", "College", "13812345678"],
				[names[1], bad, community, "Community Worker", "Undergraduate", "13912345678"],
				[names[2], good[1], community, "Deputy Secretary", "High School", "13712345678"],
			]
		)
		file = frappe.get_doc(
			{"doctype": "File", "file_name": f"{unique('cadres')}.xlsx", "content": content, "is_private": 1}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Cadre",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert(ignore_permissions=True)

		data_import.start_import()
		data_import.reload()

		self.assertEqual(data_import.status, "Partial Success")
		imported = frappe.get_all("Cadre", filters={"full_name": ("in", names)}, pluck="id_number")
		self.assertEqual(sorted(imported), sorted(good))

		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name},
			fields=["success", "messages", "row_indexes"],
		)
		failures = [log for log in logs if not log.success]
		self.assertEqual(len(failures), 1)
		self.assertEqual(json.loads(failures[0].row_indexes), [3])  # the sheet's row, after the header
		message = failures[0].messages
		self.assertIn(bad, message)
		self.assertIn("check digit", message)
