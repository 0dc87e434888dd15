@{
    Synopsis    = 'Gets the state of a Gumloop data export, or saves its CSV.'
    Description = @'
Get-GumloopDataExport reads the state of data exports started by Export-GumloopData (GET /export_status): REQUESTED, IN_PROGRESS, COMPLETED or FAILED, with CreatedAt and, once finished, FinishedAt.

With -OutFile a COMPLETED export is downloaded (download=true), streamed to the file, and the file is written as Get-Item returns it; an export that is not COMPLETED yet is the non-terminating error GumloopDataExportNotReady, whose TargetObject is the export with its state. Export ids bind from the pipeline and by property name, so the output of Export-GumloopData can be piped in. The export must have been started by the connection's user.
'@
    Parameters  = @{
        ExportId = 'The ids of the exports (data_export_id). Binds from the pipeline and by property name. Alias: DataExportId.'
        OutFile  = 'Saves the CSV of a COMPLETED export to this file, or into this existing folder as <export id>.csv. With several ids, a folder that is created if missing. Alias: Path.'
    }
    Examples    = @(
        @{
            Title   = 'Start an export now, collect it later'
            Code    = @'
$export = Export-GumloopData -DataType agents -Start (Get-Date).AddYears(-1) -End (Get-Date)
# ... later:
$export | Get-GumloopDataExport -OutFile ./agents.csv
'@
            Remarks = 'Saves the CSV if the export is COMPLETED; otherwise reports that it is not ready yet.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.DataExport' = 'Without -OutFile, the export with its state.'
        'System.IO.FileInfo'        = 'With -OutFile, the saved CSV file.'
    }
    Links       = @('Export-GumloopData')
}
