"""Refreshing an edited deck from its workbook: the record, the plan of changes (no pptx)."""
