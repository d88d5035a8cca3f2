"""Every user-visible string of the app has a Chinese translation, and the desk serves it."""

import os

import frappe
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_method_map, get_po_path
from frappe.tests.utils import FrappeTestCase

from community_gov.interface_strings import FRAPPE_STRINGS, contextual_strings


def app_messages() -> set[tuple[str, str | None]]:
	app_path = frappe.get_pymodule_path("community_gov", "..")
	method_map = get_method_map("community_gov") + get_method_map("frappe")
	keywords = {**DEFAULT_KEYWORDS, "_lt": None}

	def directory_filter(dirpath) -> bool:
		name = os.path.basename(dirpath)
		return not (name.startswith(".") or name.startswith("_") or name == "node_modules")

	return {
		(message, context)
		for _filename, _lineno, message, _comments, context in extract_from_dir(
			app_path, method_map, directory_filter=directory_filter, keywords=keywords
		)
		if message and isinstance(message, str)
	}


class TestChineseTranslations(FrappeTestCase):
	def test_every_message_has_a_zh_translation(self):
		with open(get_po_path("community_gov", "zh"), "rb") as f:
			catalog = read_po(f)
		translated = {(message.id, message.context) for message in catalog if message.id and message.string}
		missing = sorted(app_messages() - translated, key=str)
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

	def test_frappe_strings_on_the_app_pages_are_chinese(self):
		"""Frappe's own strings the crawler found on the app's pages (interface_strings.FRAPPE_STRINGS) are
		served in Chinese (the desk looks them up as they are in the translations it boots with), the app's
		translation winning where Frappe's is wrong."""
		from frappe.translate import get_all_translations

		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None
		try:
			served = get_all_translations("zh")
			english = sorted(
				lazy.msg for lazy in FRAPPE_STRINGS if served.get(lazy.msg, lazy.msg) == lazy.msg
			)
			self.assertEqual(english, [], "Frappe strings without a zh translation: fill locale/zh.po")
			self.assertEqual(frappe._("Home"), "首页")  # Frappe's own: 家 (a family's home)
			self.assertEqual(frappe._("{0} m").format(7), "7分钟")  # Frappe's own: 7米 (metres)
			self.assertEqual(frappe._("List View"), "列表视图")
			self.assertEqual(frappe._("Login to {0}").format("社区治理"), "登录社区治理")
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None

	def test_option_words_keep_frappe_meaning_outside_their_doctype(self):
		"""A training session's "Menu" and "Assigned" are translated with the DocType as context; Frappe's
		generic "Menu" and "Assigned" keep Frappe's meaning."""
		frappe.local.lang = "zh"
		frappe.local.lang_full_dict = None
		try:
			labels = contextual_strings()
			self.assertEqual(labels[("Training Session", "Menu")], "菜单式自选")
			self.assertEqual(labels[("Training Attendance", "Assigned")], "组织调训")
			self.assertEqual(labels[("Minutes (Field: Duration)", "m")], "分")
			self.assertEqual(frappe._("Menu"), "菜单")
			self.assertEqual(frappe._("Assigned"), "已分配")
			untranslated = [key for key, text in labels.items() if text == key[1]]
			self.assertEqual(untranslated, [])
		finally:
			frappe.local.lang = "en"
			frappe.local.lang_full_dict = None
