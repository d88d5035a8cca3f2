// A cadre's pay and social insurances from a date (Organization Department only; cadre_pay_record.py).
community_gov.show_stored_text_as_text("Cadre Pay Record");
