"""A fuzzing harness for the spreadsheet import: hostile workbooks and CSV files."""
