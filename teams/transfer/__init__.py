"""Export of the exchange log to CSV and Excel, and import from them.

columns.py  the one column definition both directions share
export.py   writes the filtered list as CSV (streamed) or XLSX
sheets.py   reads an uploaded CSV or XLSX file into numbered rows of cells, checking what the file really is
            and refusing, while reading, a file past the import's limits (rows, columns, size unpacked)
importing.py  validates every row of a file and reports every bad cell; writes nothing
uploads.py  keeps an uploaded file in the file storage (imports/) between its preview and its confirmation
Who may export and import: teams.permissions. The one write, `teams.services.transfer.import_exchanges`,
lives with the other services.
"""
