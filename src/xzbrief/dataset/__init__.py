"""Reading and validating the indicator workbook into plain typed objects (no Qt, no pptx)."""
