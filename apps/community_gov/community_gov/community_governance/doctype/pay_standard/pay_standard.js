community_gov.show_stored_text_as_text("Pay Standard");
