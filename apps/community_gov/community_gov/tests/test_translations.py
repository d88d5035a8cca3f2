"""Every user-visible string of the app has a Chinese translation, and the desk serves it."""

import os

import frappe
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_method_map, get_po_path
from frappe.tests.utils import FrappeTestCase


def app_messages() -> set[str]:
	app_path = frappe.get_pymodule_path("community_gov", "..")
	method_map = get_method_map("community_gov") + get_method_map("frappe")
	keywords = {**DEFAULT_KEYWORDS, "_lt": None}

	def directory_filter(dirpath) -> bool:
		name = os.path.basename(dirpath)
		return not (name.startswith(".") or name.startswith("_") or name == "node_modules")

	return {
		message
		for _filename, _lineno, message, _comments, _context in extract_from_dir(
			app_path, method_map, directory_filter=directory_filter, keywords=keywords
		)
		if message and isinstance(message, str)
	}


class TestChineseTranslations(FrappeTestCase):
	def test_every_message_has_a_zh_translation(self):
		with open(get_po_path("community_gov", "zh"), "rb") as f:
			catalog = read_po(f)
		translated = {message.id for message in catalog if message.id and message.string}
		missing = sorted(app_messages() - translated)
		self.assertEqual(missing, [], "untranslated: run generate-pot-file / update-po-files and fill zh.po")

	def test_zh_user_sees_chinese_labels(self):
		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None
		try:
			self.assertEqual(frappe._("Sub District"), "街道")
			self.assertEqual(frappe._("Community Governance"), "社区治理")
			self.assertEqual(
				frappe._("{0} {1} has a wrong check digit").format("身份证号", "X"), "身份证号X的校验码错误"
			)
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None
