"""Import of the monthly source files: templates, reading .xlsx/.csv, validation, atomic snapshot writes.

read.py       bytes of an .xlsx or .csv -> sheets of cell texts (row numbers as Excel shows them)
recognise.py  which table a sheet holds (by its name or its headers) and which column is which
parse.py      cell texts -> typed values (numbers, dates, 是/否, unit ids, months …), one polars expression per kind
validate.py   every check as a pandera Check; failure cases -> Problems in Chinese
problems.py   Problem and the one dictionary of Chinese messages
importer.py   check() and import_sources(): the whole pipeline, and the command line
templates.py  the blank templates and workbooks written from frames
report.py     frames for the 数据管理 page (problems, history, preview), in Chinese
"""
